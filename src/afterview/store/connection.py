"""Open the database file safely: private modes, foreign files moved aside, migrations.

What happens to the file at ``path`` when afterview opens it:

- missing or empty: created with mode 0600 and the current schema;
- an afterview database of an older schema: migrated in one transaction;
- an afterview database of a newer schema: refused (``StoreError``), left untouched;
- locked by another program past the busy timeout: refused, left untouched;
- anything else (not SQLite, damaged header, another program's database): renamed with a
  timestamp, together with its ``-wal``/``-shm`` files, the user is told where it went,
  and a fresh database is created.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from afterview.errors import StoreError
from afterview.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm")
"""The files SQLite keeps beside a WAL database; they belong to it and move with it."""

# Primary SQLite result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB, _PERM = 5, 6, 8, 10, 11, 13, 14, 26, 3

_NEARLY_FULL_BYTES = 1 << 20
"""Less free space than this (1 MiB) and a disk error is reported as a full disk."""

Notice = Callable[[str], None]


def open_database(
    path: Path, *, busy_timeout: float, notice: Notice, now: Callable[[], datetime]
) -> sqlite3.Connection:
    """Open (creating or migrating as needed) the afterview database at ``path``.

    Raises:
        StoreError: the folder is not writable, the file is locked or comes from a newer
            afterview, or SQLite fails in a way moving the file aside cannot fix.
    """
    ensure_writable_folder(path.parent)
    if path.exists() and not path.is_file():
        raise StoreError(f"{path} is not a file; move it away or set AFTERVIEW_HOME to another folder")
    if _has_foreign_header(path):
        _move_aside(path, "it is not an SQLite file", notice, now)
    conn = _connect_private(path, busy_timeout)
    try:
        application_id, version, has_tables = _inspect(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if _code(exc) not in (_NOTADB, _CORRUPT):
            raise translate(exc, path, "opening the database", busy_timeout) from None
        _move_aside(path, f"SQLite cannot read it: {exc}", notice, now)
        conn = _connect_private(path, busy_timeout)
        application_id, version, has_tables = 0, 0, False
    if _foreign(application_id, has_tables):
        # Look again under the write lock before touching the file: only a database that
        # is still foreign with no migration in flight is moved aside.
        try:
            application_id, version, has_tables = _inspect(conn, write_lock=True)
        except sqlite3.Error as exc:
            conn.close()
            raise translate(exc, path, "opening the database", busy_timeout) from None
    if _foreign(application_id, has_tables):
        conn.close()
        _move_aside(path, "it belongs to another program", notice, now)
        conn = _connect_private(path, busy_timeout)
    elif application_id == APPLICATION_ID and version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{path} was written by a newer afterview (schema {version}; this one knows up to "
            f"{SCHEMA_VERSION}): upgrade afterview; the file was left as it is"
        )
    try:
        _prepare(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise translate(exc, path, "preparing the database", busy_timeout) from None
    return conn


def ensure_writable_folder(folder: Path) -> None:
    """Create ``folder`` with mode 0700 if missing; refuse one afterview cannot write.

    Raises:
        StoreError: the folder cannot be created or is not writable.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreError(
            f"cannot create the data folder {folder} ({exc.strerror or exc}); "
            "set AFTERVIEW_HOME to a folder you can write"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(
            f"the data folder {folder} is not writable; fix its permissions "
            "or set AFTERVIEW_HOME to a folder you can write"
        )


def translate(exc: sqlite3.Error, path: Path, doing: str, busy_timeout: float) -> StoreError:
    """One line for the user that says what failed and what to do about it."""
    code = _code(exc)
    side = _unwritable_side_file(path) if code in (_READONLY, _PERM, _CANTOPEN, _IOERR) else None
    if side is not None:
        return StoreError(
            f"cannot write {side}, the file SQLite keeps beside {path.name} ({exc}); it was left by another "
            "user or program: with no afterview running, remove it or give it back your write permission"
        )
    if code == _IOERR and _disk_full(path.parent):
        code = _FULL  # SQLite reports a full disk met while mapping its -shm file as an I/O error
    if code in (_BUSY, _LOCKED):
        return StoreError(
            f"{path} is locked by another program (waited {busy_timeout:g} s while {doing}); "
            "close it and try again; the file was left as it is"
        )
    if code == _FULL:
        return StoreError(f"the disk is full while {doing} ({path}); nothing was saved: free some space and try again")
    if code in (_READONLY, _PERM, _CANTOPEN):
        return StoreError(
            f"cannot write {path} while {doing} ({exc}); check the permissions of {path.parent} "
            "or set AFTERVIEW_HOME to a folder you can write"
        )
    if code in (_CORRUPT, _NOTADB):
        return StoreError(
            f"{path} is damaged ({exc}); move it aside (afterview then starts a fresh one) or restore a backup"
        )
    if code == _IOERR:
        return StoreError(f"disk error while {doing} on {path} ({exc})")
    return StoreError(f"database error while {doing} on {path}: {exc}")


def _unwritable_side_file(path: Path) -> Path | None:
    """A ``-wal``/``-shm`` file beside ``path`` that this process cannot write, if any."""
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists() and not os.access(side, os.W_OK):
            return side
    return None


def _disk_full(folder: Path) -> bool:
    """Whether the file system holding ``folder`` has (almost) no space left."""
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def _code(exc: sqlite3.Error) -> int:
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _has_foreign_header(path: Path) -> bool:
    """True for a non-empty file that does not start like an SQLite database."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(f"cannot read {path} ({exc.strerror or exc})") from None
    return bool(head) and head != SQLITE_MAGIC


def _connect_private(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Connect, creating the file with mode 0600 first so SQLite never makes it wider.

    SQLite gives the ``-wal``/``-shm`` files the database file's mode, so they stay
    private too.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except FileExistsError:
        pass  # an existing database, or another afterview created it a moment ago
    except OSError as exc:
        raise StoreError(f"cannot create {path} ({exc.strerror or exc})") from None
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        _tighten(candidate)
    try:
        # isolation_level=None: autocommit, so every transaction is an explicit BEGIN.
        conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise translate(exc, path, "opening the database", busy_timeout) from None
    return conn


def _tighten(path: Path) -> None:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077:
        try:
            os.chmod(path, mode & 0o700)
        except OSError:
            pass  # not ours to change (e.g. owned by another user): SQLite will say if it cannot write


def _inspect(conn: sqlite3.Connection, *, write_lock: bool = False) -> tuple[int, int, bool]:
    """``(application_id, user_version, has any table)``; raises on unreadable files.

    Read in one transaction: another afterview may be creating the schema right now, and
    reading its tables but not yet its ``application_id`` would make our own database
    look foreign. ``write_lock`` holds the write lock while reading, so no migration can
    be half-way through.
    """
    conn.execute("BEGIN IMMEDIATE" if write_lock else "BEGIN")
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    except BaseException:
        # SQLite may already have rolled back (a full disk, an I/O error): a COMMIT here
        # would fail with "no transaction is active" and hide the error that matters.
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return application_id, version, has_tables


def _foreign(application_id: int, has_tables: bool) -> bool:
    """Another program's database: someone else's id, or tables without ours."""
    return application_id != APPLICATION_ID and (application_id != 0 or has_tables)


def _prepare(conn: sqlite3.Connection) -> None:
    """Set the per-connection pragmas and bring the schema up to date."""
    conn.execute("PRAGMA foreign_keys = ON")
    # WAL: readers never block the writer, and a commit is one append to the log.
    # synchronous=FULL: a commit is on disk when it returns, even across a power cut.
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another afterview may have migrated meanwhile.
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if current < SCHEMA_VERSION:
            migrate(conn, current)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _move_aside(path: Path, why: str, notice: Notice, now: Callable[[], datetime]) -> Path:
    """Rename ``path`` and its side files with a timestamp; tell the user where they went."""
    stamp = now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.unreadable-{stamp}-{counter}{path.suffix}")
    try:
        os.replace(path, target)
        moved_side = []
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if side.exists():
                # Same suffix convention as SQLite, so the moved set still opens together.
                os.replace(side, Path(f"{target}{suffix}"))
                moved_side.append(suffix)
    except OSError as exc:
        raise StoreError(f"{path} is not an afterview database ({why}) and could not be moved aside ({exc})") from None
    extra = f" (with its {'/'.join(moved_side)} files)" if moved_side else ""
    notice(f"{path} is not an afterview database ({why}); moved it to {target}{extra} and started a fresh one")
    return target
