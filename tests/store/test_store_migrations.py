"""Opening the database: fresh files, migrations, foreign files, newer schemas."""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from afterview.paths import app_paths
from afterview.errors import StoreError
from afterview.store import APPLICATION_ID, SCHEMA_VERSION, open_store
from afterview.store.schema import migrate
from store_helpers import NOW

# A database as each earlier schema version left it, with data in it: the test below
# migrates every one of them. A new migration needs the seed for the version before it.
LEAKED_KEY = "proj-Zq8xW2vLm4Rt7Yp1Kd9sHf3Jc6Nb0Ga5"
SEEDS: dict[int, str] = {
    0: "",  # an empty SQLite file: nothing to keep
    # Version 1: a sent note logged with its draft; version 2 keeps the draft's body in the log.
    1: """
INSERT INTO interviews (id, company, role, interview_date, status, created_at, updated_at)
    VALUES (1, 'Northwind', 'Analyst', '2026-11-24', 'awaiting', '2026-11-24T09:00', '2026-11-24T09:00');
INSERT INTO interviewers (id, interview_id, position, name, name_key, contact)
    VALUES (1, 1, 0, 'Jordan Lee', 'jordan lee', 1);
INSERT INTO drafts (id, interview_id, note_type, recipient, recipient_key, tone, engine, variant,
    subject, body, report, created_at)
    VALUES (1, 1, 'thank_you', 'Jordan Lee', 'jordan lee', 'warm', 'template', 0,
    'Thanks', 'Dear Jordan, the body that was sent.', '{"note_type": "thank_you", "drafts_bar": true, "findings": []}',
    '2026-11-24T10:00');
INSERT INTO sent_log (interview_id, draft_id, note_type, recipient, recipient_key, sent_on, recorded_at)
    VALUES (1, 1, 'thank_you', 'Jordan Lee', 'jordan lee', '2026-11-24', '2026-11-24T11:00');
INSERT INTO sent_log (interview_id, draft_id, note_type, recipient, recipient_key, sent_on, recorded_at)
    VALUES (1, NULL, 'follow_up', 'Jordan Lee', 'jordan lee', '2026-12-10', '2026-12-10T11:00');
""",
    # Version 2 stored server messages as they came: one echoed the key without "sk-".
    2: f"""
    INSERT INTO interviews (id, company, role, interview_date, status, created_at, updated_at)
        VALUES (1, 'Northwind Analytics', 'Data Analyst', '2026-11-24', 'awaiting', '2026-11-24T10:00:00', '2026-11-24T10:00:00');
    INSERT INTO interviewers (interview_id, position, name, name_key) VALUES (1, 0, 'Jordan Lee', 'jordan lee');
    INSERT INTO drafts (interview_id, note_type, recipient, recipient_key, tone, engine, fallback_reason, subject, body,
                        report, notices, created_at)
        VALUES (1, 'thank_you', 'Jordan Lee', 'jordan lee', 'warm', 'template',
                'the server rejected the request (HTTP 400): Incorrect API key provided: {LEAKED_KEY}.',
                'Thank you', 'Dear Jordan,\n\nThank you.\n\nSam',
                '{{"note_type": "thank_you", "drafts_bar": true, "findings": []}}',
                '["Bearer {LEAKED_KEY} refused", "Müller''s moment was left out"]', '2026-11-24T10:00:00');
    """,
    # Version 3: an interview from before mission and address_as, with a moment.
    3: """
INSERT INTO interviews (id, company, role, interview_date, status, created_at, updated_at)
    VALUES (1, 'Northwind', 'Analyst', '2026-11-24', 'awaiting', '2026-11-24T09:00', '2026-11-24T09:00');
INSERT INTO interviewers (id, interview_id, position, name, name_key, contact, moment)
    VALUES (1, 1, 0, 'Jordan Lee', 'jordan lee', 1, 'your story about the churn dashboard');
""",
    # Version 4: a panel of two, one thanked, and a rejection with its feedback request sent;
    # version 5 keeps a digest of the sent log on the interview.
    4: """
INSERT INTO interviews (id, company, role, interview_date, status, status_date, created_at, updated_at)
    VALUES (1, 'Northwind', 'Analyst', '2026-11-24', 'rejected', '2026-12-01', '2026-11-24T09:00', '2026-12-01T09:00');
INSERT INTO interviewers (interview_id, position, name, name_key, contact) VALUES (1, 0, 'Jordan Lee', 'jordan lee', 1);
INSERT INTO interviewers (interview_id, position, name, name_key, contact) VALUES (1, 1, 'Priya Shah', 'priya shah', 0);
INSERT INTO sent_log (interview_id, note_type, recipient, recipient_key, sent_on, recorded_at)
    VALUES (1, 'thank_you', 'Jordan Lee', 'jordan lee', '2026-11-24', '2026-11-24T11:00');
INSERT INTO sent_log (interview_id, note_type, recipient, recipient_key, sent_on, recorded_at)
    VALUES (1, 'feedback_request', 'Jordan Lee', 'jordan lee', '2026-12-02', '2026-12-02T11:00');
""",
    # Version 5: a panel of two listed out of id order, one thanked; version 6 keeps the
    # due list's rows from the other tables on the interview.
    5: """
INSERT INTO interviews (id, company, role, interview_date, status, created_at, updated_at)
    VALUES (1, 'Northwind', 'Analyst', '2026-11-24', 'awaiting', '2026-11-24T09:00', '2026-11-24T09:00');
INSERT INTO interviewers (interview_id, position, name, name_key, contact) VALUES (1, 1, 'Priya Shah', 'priya shah', 0);
INSERT INTO interviewers (interview_id, position, name, name_key, contact) VALUES (1, 0, 'Jordan Lee', 'jordan lee', 1);
INSERT INTO sent_log (interview_id, note_type, recipient, recipient_key, sent_on, recorded_at)
    VALUES (1, 'thank_you', 'Priya Shah', 'priya shah', '2026-11-25', '2026-11-25T11:00');
""",
    # Version 6: two drafts to Jordan saved one at a time; version 7 marks the first
    # variant of each batch, and each of these was a batch of its own.
    6: """
INSERT INTO interviews (id, company, role, interview_date, status, created_at, updated_at)
    VALUES (1, 'Northwind', 'Analyst', '2026-11-24', 'awaiting', '2026-11-24T09:00', '2026-11-24T09:00');
INSERT INTO interviewers (interview_id, position, name, name_key, contact) VALUES (1, 0, 'Jordan Lee', 'jordan lee', 1);
INSERT INTO interviewers (interview_id, position, name, name_key, contact) VALUES (1, 1, 'Priya Shah', 'priya shah', 0);
INSERT INTO drafts (interview_id, note_type, recipient, recipient_key, tone, engine, subject, body, report, created_at)
    VALUES (1, 'thank_you', 'Jordan Lee', 'jordan lee', 'warm', 'template', 'Thanks', 'Dear Jordan, first.', '{}', '2026-11-24T10:00');
INSERT INTO drafts (interview_id, note_type, recipient, recipient_key, tone, engine, subject, body, report, created_at)
    VALUES (1, 'thank_you', 'Jordan Lee', 'jordan lee', 'warm', 'template', 'Thanks', 'Dear Jordan, second.', '{}', '2026-11-24T10:05');
""",
}


def _schema(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    conn.close()
    return rows


def _pragmas(path: Path) -> tuple[int, int, str]:
    conn = sqlite3.connect(path)
    values = (
        conn.execute("PRAGMA application_id").fetchone()[0],
        conn.execute("PRAGMA user_version").fetchone()[0],
        conn.execute("PRAGMA journal_mode").fetchone()[0],
    )
    conn.close()
    return values


def test_every_earlier_version_has_a_seed():
    assert set(SEEDS) == set(range(SCHEMA_VERSION)), "add a seed for the schema version your migration starts from"


def test_a_fresh_database_is_marked_and_current(home: Path):
    open_store(app_paths()).close()
    path = app_paths().database
    assert _pragmas(path) == (APPLICATION_ID, SCHEMA_VERSION, "wal")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_migrating_from_every_earlier_version_keeps_data_and_matches_a_fresh_schema(home: Path, tmp_path: Path, version: int, make_interview):
    fresh_home = tmp_path / "fresh"
    fresh_home.mkdir()
    open_store(app_paths({"AFTERVIEW_HOME": str(fresh_home)})).close()

    path = app_paths().database
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    if version:
        conn.execute("BEGIN")
        migrate(conn, 0, target=version)
        conn.executescript(SEEDS[version])  # commits
    conn.close()
    before = sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    assert (before > 0) == (version > 0)

    store = open_store(app_paths(), now=lambda: NOW)
    if version == 3:  # the record from before mission and address_as reads back without them
        kept = store.interview(1)
        assert kept.interviewers[0].moment == "your story about the churn dashboard"
        assert kept.mission is None and kept.interviewers[0].address_as is None
    # The migrated database works for the whole API.
    new_id = store.add_interview(make_interview())
    assert store.interview(new_id) == make_interview()
    if version == 6:  # drafts saved before batches were marked each lead their own
        assert store.other_notes(1, "Priya Shah") == [("Jordan Lee", "Dear Jordan, second.")]
    store.close()
    assert _pragmas(path)[:2] == (APPLICATION_ID, SCHEMA_VERSION)
    assert _schema(path) == _schema(app_paths({"AFTERVIEW_HOME": str(fresh_home)}).database)
    if version == 4:  # the digest is filled in for the stored notes
        digest = sqlite3.connect(path).execute("SELECT sent_types, sent_to_everyone FROM interviews WHERE id = 1").fetchone()
        assert digest == (",feedback_request,thank_you,", "")
    if version == 5:  # the interviewers in their order, and the sent note
        (rows,) = sqlite3.connect(path).execute("SELECT due_rows FROM interviews WHERE id = 1").fetchone()
        assert json.loads(rows) == [[["Jordan Lee", "jordan lee", 1], ["Priya Shah", "priya shah", 0]],
                                    [["thank_you", "priya shah", "2026-11-25"]]]  # fmt: skip
    if version == 1:
        bodies = sqlite3.connect(path).execute("SELECT body FROM sent_log ORDER BY id").fetchall()
        assert bodies == [("Dear Jordan, the body that was sent.",), (None,)]


def test_a_failed_migration_leaves_the_database_untouched(home: Path, monkeypatch: pytest.MonkeyPatch):
    import afterview.store.connection as connection

    def broken(conn, current, *, target=SCHEMA_VERSION):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("simulated failure halfway through a migration")

    monkeypatch.setattr(connection, "migrate", broken)
    with pytest.raises(StoreError, match="simulated failure"):
        open_store(app_paths())
    path = app_paths().database
    assert _pragmas(path)[:2] == (0, 0)
    assert _schema(path) == []


def test_a_newer_schema_is_refused_and_left_alone(home: Path, make_interview):
    store = open_store(app_paths())
    store.add_interview(make_interview())
    store.close()
    path = app_paths().database
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    content = path.read_bytes()
    expected = rf"newer afterview \(schema {SCHEMA_VERSION + 1}; this one knows up to {SCHEMA_VERSION}\)"
    with pytest.raises(StoreError, match=expected):
        open_store(app_paths())
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir() if "unreadable" in p.name) == []


def _notices():
    said: list[str] = []
    return said, said.append


def test_a_file_that_is_not_sqlite_is_moved_aside_with_its_side_files(home: Path, make_interview):
    path = app_paths().database
    path.write_bytes(b"this is a shopping list, not a database\n" * 100)
    Path(f"{path}-wal").write_bytes(b"stray wal")
    Path(f"{path}-shm").write_bytes(b"stray shm")
    said, notice = _notices()

    store = open_store(app_paths(), notice=notice, now=lambda: NOW)
    store.add_interview(make_interview())
    store.close()

    moved = home / "afterview.unreadable-20261125T093000.db"
    assert moved.read_bytes() == b"this is a shopping list, not a database\n" * 100
    assert Path(f"{moved}-wal").read_bytes() == b"stray wal"
    assert Path(f"{moved}-shm").read_bytes() == b"stray shm"
    assert len(said) == 1 and str(moved) in said[0] and "-wal/-shm" in said[0] and "fresh" in said[0]
    assert _pragmas(path)[:2] == (APPLICATION_ID, SCHEMA_VERSION)


def test_another_programs_database_is_moved_aside(home: Path):
    path = app_paths().database
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.commit()
    conn.close()
    said, notice = _notices()
    open_store(app_paths(), notice=notice, now=lambda: NOW).close()
    moved = home / "afterview.unreadable-20261125T093000.db"
    assert sqlite3.connect(moved).execute("SELECT name FROM recipes").fetchall() == [("soup",)]
    assert "another program" in said[0]
    # Twice in the same second: the second one gets its own name.
    path.write_bytes(b"garbage again")
    open_store(app_paths(), notice=notice, now=lambda: NOW).close()
    assert (home / "afterview.unreadable-20261125T093000-2.db").read_bytes() == b"garbage again"


def test_a_damaged_sqlite_file_is_moved_aside(home: Path, make_interview):
    store = open_store(app_paths())
    store.add_interview(make_interview())
    store.close()
    path = app_paths().database
    data = bytearray(path.read_bytes())
    data[16:100] = b"\xff" * 84  # keep the magic, wreck the rest of the header
    path.write_bytes(bytes(data))
    said, notice = _notices()
    fresh = open_store(app_paths(), notice=notice, now=lambda: NOW)
    assert fresh.list_interviews() == []
    fresh.close()
    assert len(said) == 1 and "unreadable-20261125T093000.db" in said[0]


def test_an_empty_file_becomes_a_fresh_database(home: Path):
    path = app_paths().database
    path.touch()
    said, notice = _notices()
    open_store(app_paths(), notice=notice).close()
    assert said == []
    assert _pragmas(path)[:2] == (APPLICATION_ID, SCHEMA_VERSION)


def test_data_dir_and_database_are_private(tmp_path: Path, make_interview, make_draft):
    home = tmp_path / "new" / "home"
    paths = app_paths({"AFTERVIEW_HOME": str(home)})
    store = open_store(paths)
    interview_id = store.add_interview(make_interview())
    store.save_draft(interview_id, make_draft("Jordan Lee"))
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for name in ("afterview.db", "afterview.db-wal", "afterview.db-shm"):
        assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name
    store.close()


def test_a_database_others_can_read_is_made_private(home: Path):
    open_store(app_paths()).close()
    path = app_paths().database
    path.chmod(0o644)
    open_store(app_paths()).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_data_dir_that_is_a_file_is_a_clear_error(tmp_path: Path):
    blocker = tmp_path / "home"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the data folder .*AFTERVIEW_HOME"):
        open_store(app_paths({"AFTERVIEW_HOME": str(blocker / "data")}))
    with pytest.raises(StoreError, match="cannot create the data folder"):
        open_store(app_paths({"AFTERVIEW_HOME": str(blocker)}))


def test_a_database_path_that_is_a_folder_is_a_clear_error(home: Path):
    app_paths().database.mkdir()
    with pytest.raises(StoreError, match="is not a file"):
        open_store(app_paths())


def test_status_and_sent_dates_survive_reopening(home: Path, make_interview):
    store = open_store(app_paths())
    interview_id = store.add_interview(make_interview())
    store.set_status(interview_id, "rejected", date(2026, 12, 3))
    store.mark_sent(interview_id, "feedback_request", "Jordan Lee", date(2026, 12, 4))
    store.close()
    again = open_store(app_paths())
    assert again.interview(interview_id).status_date == date(2026, 12, 3)
    assert [(e.note_type, e.sent_on) for e in again.sent(interview_id)] == [("feedback_request", date(2026, 12, 4))]
    again.close()


def test_messages_stored_by_version_2_lose_what_looks_like_a_key(home: Path):
    path = app_paths().database
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, 0, target=2)
    conn.executescript(SEEDS[2])
    conn.close()
    store = open_store(app_paths(), now=lambda: NOW)
    (draft,) = store.drafts(1)
    store.close()
    assert draft.fallback_reason == "the server rejected the request (HTTP 400): Incorrect API key provided: [key]."
    assert draft.notices == ("[key] refused", "Müller's moment was left out")
    assert draft.body == "Dear Jordan,\n\nThank you.\n\nSam"
    assert LEAKED_KEY not in path.read_bytes().decode("utf-8", "replace")
