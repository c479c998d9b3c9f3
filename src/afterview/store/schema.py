"""The database schema and its migrations.

A database is ours when ``PRAGMA application_id`` holds ``APPLICATION_ID``; its schema
version is ``PRAGMA user_version``. ``MIGRATIONS[n]`` takes a database from version ``n``
to ``n + 1``, so a fresh file (version 0) runs them all and an older one runs the rest.
Never edit a released migration: append a new one, and give the tests a seed for the
version it starts from (``tests/store/test_store_migrations.py``).

Dates are ISO ``YYYY-MM-DD`` text, timestamps ISO text; names also keep a ``*_key``
(case-folded, runs of spaces collapsed) because the timing rules match names that way.
Ids are ``AUTOINCREMENT`` so a deleted interview, interviewer or draft never lends its
id to a new one (the TUI and ``export --draft`` hold on to ids).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

APPLICATION_ID = 0x41667476
"""``PRAGMA application_id`` of an afterview database (ASCII "Aftv")."""

_V1 = """
CREATE TABLE interviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate TEXT,
    candidate_email TEXT,
    company TEXT NOT NULL,
    role TEXT NOT NULL,
    interview_date TEXT NOT NULL,
    decision_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('awaiting', 'offered', 'rejected', 'withdrawn')),
    status_date TEXT,
    offer_company TEXT,
    offer_deadline TEXT,
    award_name TEXT,
    award_date TEXT,
    award_relevance TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((offer_company IS NULL) = (offer_deadline IS NULL)),
    CHECK ((award_name IS NULL) = (award_date IS NULL))
);
CREATE INDEX interviews_by_status ON interviews (status);

CREATE TABLE interviewers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    title TEXT,
    email TEXT,
    contact INTEGER NOT NULL DEFAULT 0 CHECK (contact IN (0, 1)),
    moment TEXT,
    UNIQUE (interview_id, name_key)
);
CREATE INDEX interviewers_in_order ON interviewers (interview_id, position);

CREATE TABLE status_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    status_date TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX status_history_by_interview ON status_history (interview_id, id);

CREATE TABLE drafts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    note_type TEXT NOT NULL,
    recipient TEXT NOT NULL,
    recipient_key TEXT NOT NULL,
    tone TEXT NOT NULL,
    engine TEXT NOT NULL,
    variant INTEGER NOT NULL DEFAULT 0,
    prompt_version TEXT,
    fallback_reason TEXT,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    report TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    repairs INTEGER NOT NULL DEFAULT 0,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    latency_ms REAL NOT NULL DEFAULT 0,
    notices TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    edited_at TEXT
);
CREATE INDEX drafts_by_note ON drafts (interview_id, note_type, recipient_key, id);

CREATE TABLE sent_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    draft_id INTEGER REFERENCES drafts (id) ON DELETE SET NULL,
    note_type TEXT NOT NULL,
    recipient TEXT NOT NULL,
    recipient_key TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX sent_by_note ON sent_log (interview_id, note_type, recipient_key);
CREATE INDEX sent_by_draft ON sent_log (draft_id);
"""

_SENT_BODY = """
ALTER TABLE sent_log ADD COLUMN body TEXT;
UPDATE sent_log SET body = (SELECT d.body FROM drafts d WHERE d.id = sent_log.draft_id);
"""
"""The sent log keeps the text that was sent (the panel check compares against it);
entries logged with a draft before this take that draft's current body."""


# Messages saved before every form of the key was redacted may hold one: scrub what looks
# like a key (``afterview.redact.scrub``, whose docstring says what it cannot recognise).
# The draft notices are a JSON list: each string is scrubbed, never the JSON text.
_SCRUB_KEYS = """
UPDATE drafts SET fallback_reason = afterview_scrub(fallback_reason) WHERE fallback_reason IS NOT NULL;
UPDATE drafts SET notices = afterview_scrub_list(notices) WHERE notices != '[]';
"""

_MISSION_AND_ADDRESS = """
ALTER TABLE interviews ADD COLUMN mission TEXT;
ALTER TABLE interviewers ADD COLUMN address_as TEXT;
"""
"""What the candidate admires about the organisation (continued-interest notes use it),
and how to greet an interviewer when the name alone would be wrong."""

_SENT_DIGEST_VIEW = """
CREATE VIEW sent_digest AS SELECT i.id AS interview_id,
    coalesce((SELECT ',' || group_concat(note_type, ',') || ',' FROM (
        SELECT DISTINCT note_type FROM sent_log WHERE interview_id = i.id)), '') AS sent_types,
    coalesce((SELECT ',' || group_concat(note_type, ',') || ',' FROM (
        SELECT s.note_type FROM sent_log s
        JOIN interviewers p ON p.interview_id = s.interview_id AND p.name_key = s.recipient_key
        WHERE s.interview_id = i.id GROUP BY s.note_type
        HAVING count(DISTINCT p.id) = (SELECT count(*) FROM interviewers q WHERE q.interview_id = i.id))), '')
        AS sent_to_everyone
FROM interviews i;
"""
"""Each interview's sent-log digest: ``sent_types`` holds the note types in its sent log,
``sent_to_everyone`` those sent to every one of its interviewers (matched on the name
key), each as ``,type,type,`` (empty when there are none), so that
``instr(column, ',type,')`` asks about one type."""

_REFRESH_DIGEST = (
    "UPDATE interviews SET (sent_types, sent_to_everyone) = "
    "(SELECT sent_types, sent_to_everyone FROM sent_digest d WHERE d.interview_id = interviews.id)"
)


def _digest_triggers(
    refresh: str, *, sent_log: str = "note_type, recipient_key", interviewers: str = "name_key", create: bool = True
) -> str:
    """A trigger per change to the sent log or the interviewers, running ``refresh`` for
    the interviews concerned; ``sent_log`` and ``interviewers``: the columns whose
    update counts (besides ``interview_id``). ``create=False`` drops them instead."""
    triggers = []
    for table, columns in (("sent_log", sent_log), ("interviewers", interviewers)):
        for event, owners in (("INSERT", "NEW.interview_id"), ("DELETE", "OLD.interview_id"),
                              (f"UPDATE OF interview_id, {columns}", "OLD.interview_id, NEW.interview_id")):  # fmt: skip
            name = f"{table}_{event.split()[0].lower()}_digest"
            body = f"AFTER {event} ON {table} BEGIN {refresh} WHERE id IN ({owners}); END"
            triggers.append(f"CREATE TRIGGER {name} {body};" if create else f"DROP TRIGGER {name};")
    return "\n".join(triggers)


_SENT_DIGEST = f"""
ALTER TABLE interviews ADD COLUMN sent_types TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN sent_to_everyone TEXT NOT NULL DEFAULT '';
{_SENT_DIGEST_VIEW}
{_REFRESH_DIGEST};
{_digest_triggers(_REFRESH_DIGEST)}
DROP INDEX sent_by_note;
CREATE INDEX sent_by_note ON sent_log (interview_id, note_type, recipient_key, sent_on);
DROP INDEX interviewers_in_order;
CREATE INDEX interviewers_in_order ON interviewers (interview_id, position, name, name_key, contact);
"""
"""What the due list reads, made cheap to read. Each interview keeps a digest of its sent
log, maintained by triggers: which note types were sent, and which were sent to every
interviewer. Asking the two columns spares the due query probing the sent log for each
of 100,000 interviews and their interviewers; the triggers keep them right whichever
statement changes the sent log or the interviewers (the cascade from a deleted interview
included). The indexes the due list reads the interviewers and the sent notes by also
hold the columns it reads, so those rows come from the index alone."""

_REFRESH_DUE_ROWS = (
    "UPDATE interviews SET (sent_types, sent_to_everyone, due_rows) = "
    "(SELECT sent_types, sent_to_everyone, due_rows FROM due_digest d WHERE d.interview_id = interviews.id)"
)

_DUE_ROWS = f"""
ALTER TABLE interviews ADD COLUMN due_rows TEXT NOT NULL DEFAULT '[[], []]';
{_digest_triggers(_REFRESH_DIGEST, create=False)}
CREATE VIEW due_digest AS SELECT d.interview_id, d.sent_types, d.sent_to_everyone, json_array(
    json((SELECT json_group_array(json_array(name, name_key, contact)) FROM (
        SELECT name, name_key, contact FROM interviewers WHERE interview_id = d.interview_id ORDER BY position))),
    json((SELECT json_group_array(json_array(note_type, recipient_key, sent_on)) FROM (
        SELECT note_type, recipient_key, sent_on FROM sent_log WHERE interview_id = d.interview_id ORDER BY id)))
    ) AS due_rows
FROM sent_digest d;
{_REFRESH_DUE_ROWS};
{_digest_triggers(_REFRESH_DUE_ROWS, sent_log="note_type, recipient_key, sent_on", interviewers="position, name, name_key, contact")}
"""
"""The due list's rows from the other tables, kept on each interview with the digest: a
JSON array of its interviewers in order (``[name, name key, contact]``) and one of its
sent notes (``[type, recipient's name key, day]``), so the due list reads one table and
one JSON text per interview instead of a row per interviewer and per note."""

_BATCH_LEAD = """
ALTER TABLE drafts ADD COLUMN leads_batch INTEGER NOT NULL DEFAULT 1;
"""
"""Which draft leads the variants saved together: the one shown first, so the one a panel
check of another interviewer's note compares against (drafts stored before were saved
one at a time, so each leads its own)."""

MIGRATIONS: tuple[str, ...] = (
    _V1, _SENT_BODY, _SCRUB_KEYS, _MISSION_AND_ADDRESS, _SENT_DIGEST, _DUE_ROWS, _BATCH_LEAD,
)  # fmt: skip
"""``MIGRATIONS[n]`` upgrades schema version ``n`` to ``n + 1``."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this afterview writes."""


def statements(script: str) -> Iterator[str]:
    """Split an SQL script into complete statements (``executescript`` would commit)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:60]!r}")


def migrate(conn: sqlite3.Connection, current: int, *, target: int = SCHEMA_VERSION) -> None:
    """Run the migrations from ``current`` up to ``target`` inside the caller's transaction.

    Sets ``application_id`` and ``user_version``; the caller commits (or rolls back, so a
    failed migration leaves the database as it was).
    """
    conn.create_function("afterview_scrub", 1, _scrub, deterministic=True)
    conn.create_function("afterview_scrub_list", 1, _scrub_list, deterministic=True)
    for version in range(current, target):
        for statement in statements(MIGRATIONS[version]):
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {target}")


def _scrub(text: str | None) -> str | None:
    from afterview.redact import scrub  # only an old database's migration needs it

    return None if text is None else scrub(text)


def _scrub_list(text: str) -> str:
    """A JSON list of strings, each scrubbed (written as the store writes notices)."""
    from afterview.redact import scrub

    return json.dumps([scrub(item) if isinstance(item, str) else item for item in json.loads(text)], ensure_ascii=False)
