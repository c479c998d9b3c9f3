"""Nothing lost: locks, unwritable folders, several processes at once, no secrets stored."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from afterview.paths import app_paths
from afterview.errors import StoreError
from afterview.store import open_store
from afterview.store.schema import migrate

SECRET = "sk-test-THIS-KEY-MUST-NEVER-BE-STORED-0123456789"


def _hold_exclusive_lock(path: Path) -> sqlite3.Connection:
    """Another program keeps the database to itself (as ``sqlite3`` with locking_mode=EXCLUSIVE would)."""
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("PRAGMA locking_mode = EXCLUSIVE")
    locker.execute("BEGIN EXCLUSIVE")
    return locker


def test_a_locked_database_is_refused_and_never_moved(home: Path, make_interview):
    store = open_store(app_paths())
    store.add_interview(make_interview())
    store.close()
    path = app_paths().database
    locker = _hold_exclusive_lock(path)
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match="is locked by another program.*left as it is"):
            open_store(app_paths(), busy_timeout=0.3)
        assert time.monotonic() - started >= 0.3
    finally:
        locker.close()
    assert sorted(p.name for p in home.iterdir() if "unreadable" in p.name) == []
    with open_store(app_paths()) as again:
        assert len(again.list_interviews()) == 1


def test_a_write_waits_for_another_writer_then_gives_a_clear_error(home: Path, make_interview):
    store = open_store(app_paths(), busy_timeout=0.3)
    interview_id = store.add_interview(make_interview())
    writer = sqlite3.connect(app_paths().database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        assert store.interview(interview_id) == make_interview()  # WAL: reads still work
        with pytest.raises(StoreError, match="locked by another program"):
            store.set_status(interview_id, "offered")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    store.set_status(interview_id, "offered")  # and works once the other writer is done
    assert store.interview(interview_id).status.value == "offered"
    store.close()


def test_cli_refuses_a_locked_database_with_exit_2(home: Path, cli, make_interview, monkeypatch):
    import functools

    import afterview.store

    open_store(app_paths()).close()
    path = app_paths().database
    # The CLI waits 5 s for a lock by default; the refusal is the same after 0.2 s.
    monkeypatch.setattr(afterview.store, "open_store", functools.partial(open_store, busy_timeout=0.2))
    locker = _hold_exclusive_lock(path)
    try:
        result = cli("list")
    finally:
        locker.close()
    assert result.code == 2
    assert result.err.count("\n") == 1 and "locked by another program" in result.err
    assert "Traceback" not in result.err
    assert path.exists() and not [p for p in home.iterdir() if "unreadable" in p.name]


_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _PR_CAPBSET_DROP = 1, 2, 24


def _without_root_override() -> None:
    """In the child: drop the capabilities that let root ignore file permissions."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_with_readonly_home(argv: list[str], home: Path) -> subprocess.CompletedProcess:
    """Run afterview with ``home`` at mode 0500, which binds root too once it drops its override."""
    env = {**os.environ, "AFTERVIEW_HOME": str(home)}
    home.chmod(0o500)
    try:
        return subprocess.run(
            [sys.executable, "-m", "afterview", *argv],
            capture_output=True,
            env=env,
            timeout=60,
            preexec_fn=_without_root_override if os.geteuid() == 0 else None,
        )
    finally:
        home.chmod(0o700)


def test_an_unwritable_data_dir_is_a_clear_error_with_exit_2(home: Path, make_interview, panel_file: Path):
    store = open_store(app_paths())
    store.add_interview(make_interview())
    store.close()
    before = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    for argv in (["list"], ["due"], ["add", str(panel_file)]):
        result = _run_with_readonly_home(argv, home)
        err = result.stderr.decode()
        assert result.returncode == 2, err
        assert err.count("\n") == 1 and "is not writable" in err and "AFTERVIEW_HOME" in err, err
    assert {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()} == before


_WORKER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from afterview.checks.types import Report
    from afterview.paths import app_paths
    from afterview.domain import Draft, Interview
    from afterview.store import open_store

    worker, count = sys.argv[1], int(sys.argv[2])
    store = open_store(app_paths(), busy_timeout=20)
    for n in range(count):
        interview = Interview.from_data({
            "company": f"Worker {worker} Co {n}", "role": "Analyst", "interview_date": date(2026, 11, 24),
            "interviewers": [{"name": "Jordan Lee"}, {"name": f"Person {n}"}],
        })
        new_id = store.add_interview(interview)
        draft = Draft(subject="Thanks", body=f"Dear Jordan, thanks from {worker}/{n}.", note_type="thank_you",
                      recipient="Jordan Lee", tone="warm", engine="template", report=Report("thank_you"))
        store.save_draft(new_id, draft)
        store.mark_sent(new_id, "thank_you", "Jordan Lee", date(2026, 11, 24))
        store.set_status(new_id, "rejected", date(2026, 12, 1))
    store.close()
    """
)


def test_several_processes_at_once_corrupt_nothing(home: Path, tmp_path: Path):
    script = tmp_path / "worker.py"
    script.write_text(_WORKER)
    env = {**os.environ, "AFTERVIEW_HOME": str(home)}
    # All start on a missing database, so they also race to create the schema.
    workers = [
        subprocess.Popen([sys.executable, str(script), str(n), "25"], env=env, stderr=subprocess.PIPE)
        for n in range(4)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err.decode()
        assert b"not an afterview database" not in err, err.decode()  # nobody moved our own file aside
    conn = sqlite3.connect(app_paths().database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("interviews", "drafts", "sent_log")]
    assert counts == [100, 100, 100]
    assert conn.execute("SELECT count(*) FROM status_history").fetchone()[0] == 200
    conn.close()


def test_concurrent_cli_adds_get_distinct_ids(home: Path, tmp_path: Path, panel_file: Path):
    env = {**os.environ, "AFTERVIEW_HOME": str(home)}
    procs = [
        subprocess.Popen([sys.executable, "-m", "afterview", "add", str(panel_file)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]  # fmt: skip
    ids = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        assert b"not an afterview database" not in err, err.decode()
        ids.append(int(out))
    assert sorted(ids) == [1, 2, 3, 4]


def test_no_api_key_ever_reaches_the_database(home: Path, cli_process, panel_file: Path, make_draft):
    config = home / "config.toml"
    config.write_text(f'[llm]\napi_key = "{SECRET}"\n\n[profile]\nname = "Priya Natarajan"\n')
    config.chmod(0o600)
    env = {"OPENAI_API_KEY": SECRET}
    assert cli_process("add", panel_file, env=env).code == 0
    assert cli_process("edit", "1", panel_file, env=env).code == 0
    assert cli_process("status", "1", "rejected", "--on", "2026-12-01", env=env).code == 0
    assert cli_process("sent", "1", "--type", "feedback_request", "--on", "2026-12-02", env=env).code == 0
    assert cli_process("export", "1", "--format", "ics", "--today", "2026-12-02", env=env).code == 0
    with open_store(app_paths()) as store:
        store.save_draft(1, make_draft("Marcus Okafor"))
        leftovers = [p for p in home.iterdir() if p.name.startswith("afterview.db")]
        stored = b"".join(p.read_bytes() for p in leftovers)
    assert SECRET.encode() not in stored
    assert b"sk-test" not in stored
    assert b"Fabrikam Health" in stored  # the scan did read the data


class _Rows:
    def __init__(self, rows: list[tuple]) -> None:
        self._rows = rows

    def fetchone(self):
        return self._rows[0] if self._rows else None


class _SchemaArrivesMidInspection:
    """A connection that lets another afterview create the schema right after its first
    ``PRAGMA application_id`` read: the interleaving two processes starting at once can hit."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn, self._path, self._fired = conn, path, False

    def execute(self, sql: str, *args):
        cursor = self._conn.execute(sql, *args)
        if not self._fired and sql.strip().upper() == "PRAGMA APPLICATION_ID":
            self._fired = True
            cursor = _Rows(cursor.fetchall())  # the statement is done: only a transaction still holds the file
            other = sqlite3.connect(self._path, timeout=0.2, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")
                migrate(other, 0)
                other.execute("COMMIT")
            except sqlite3.OperationalError:
                pass  # our read transaction holds the file: the other process waits its turn
            finally:
                other.close()
        return cursor

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def test_a_schema_created_mid_inspection_is_not_mistaken_for_a_foreign_file(home: Path, monkeypatch):
    from afterview.store import connection

    real_connect = connection._connect_private
    wrapped: list[object] = []

    def connect(path: Path, busy_timeout: float):
        conn = real_connect(path, busy_timeout)
        if not wrapped:
            wrapped.append(conn)
            return _SchemaArrivesMidInspection(conn, path)
        return conn

    notices: list[str] = []
    monkeypatch.setattr(connection, "_connect_private", connect)
    with open_store(app_paths(), notice=notices.append) as store:
        store.list_interviews()
    assert notices == []
    assert not list(home.glob("afterview.unreadable-*"))


def _run_inspection(db: Path, preexec) -> str:
    """Open ``db`` in a child process set up by ``preexec``; return its one-line outcome."""
    script = (
        "import sys\nfrom datetime import datetime\nfrom pathlib import Path\n"
        "from afterview.errors import StoreError\nfrom afterview.store.connection import open_database\n"
        "try:\n    open_database(Path(sys.argv[1]), busy_timeout=0.5, notice=print, now=datetime.now)\n"
        "    print('opened')\nexcept StoreError as exc:\n    print(exc)\n"
    )
    # Output through a pipe: a file-size limit would also stop writes to a captured file.
    proc = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True, timeout=60, preexec_fn=preexec)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout.decode().strip()


def _no_file_growth() -> None:
    """In the child: no file may grow (RLIMIT_FSIZE 0), the way a full disk refuses writes."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_a_disk_error_while_opening_is_reported_not_hidden_by_the_commit(home: Path, make_interview):
    store = open_store(app_paths())
    store.add_interview(make_interview())
    store.close()
    db = app_paths().database
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    outcome = _run_inspection(db, _no_file_growth)
    assert "no transaction is active" not in outcome
    assert outcome.startswith("disk error while opening the database") and str(db) in outcome, outcome
    assert open_store(app_paths()).list_interviews()  # nothing was lost or moved aside


def test_a_full_disk_while_opening_says_the_disk_is_full(home: Path, make_interview, tmp_path: Path):
    """A real full file system: a 256 KiB tmpfs, filled up (needs mount rights, so root on Linux)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root on Linux); the file-size test covers the masking")
    try:
        store = open_store(app_paths())
        store.add_interview(make_interview())
        store.close()
        db = mount_point / "afterview.db"
        db.write_bytes(app_paths().database.read_bytes())
        filler = mount_point / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        outcome = _run_inspection(db, None)
        assert outcome.startswith("the disk is full while opening the database") and str(db) in outcome, outcome
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_a_leftover_read_only_shm_file_is_named(home: Path, make_interview):
    """A ``-shm`` left by another user (afterview once run with sudo): SQLite cannot open it."""
    if os.geteuid() != 0:
        pytest.skip("needs root to leave a file owned by another user; a file of one's own SQLite reopens")
    store = open_store(app_paths())
    store.add_interview(make_interview())
    store.close()
    db = app_paths().database
    shm = Path(f"{db}-shm")
    shm.write_bytes(b"")
    os.chown(shm, 65534, 65534)  # nobody
    shm.chmod(0o644)
    outcome = _run_inspection(db, _without_root_override)
    assert outcome.startswith(f"cannot write {shm}") and "remove it" in outcome, outcome
