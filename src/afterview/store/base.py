"""Transactions for ``Store``: one lock, one connection, short explicit transactions.

Every public ``Store`` method runs inside ``_write`` (``BEGIN IMMEDIATE``: the write
lock is taken up front, so two afterviews queue on the busy timeout instead of failing
on a lock upgrade) or ``_read`` (``BEGIN``: one consistent snapshot). SQLite errors
become one-line ``StoreError`` messages; any exception rolls back.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Self

from afterview.dates import date_problem
from afterview.errors import InputError, StoreError
from afterview.store.connection import translate


class RecordNotFound(StoreError):
    """No interview or draft with that id (exit 2)."""


def no_interview(interview_id: int) -> RecordNotFound:
    """The error for an interview id that is not stored."""
    return RecordNotFound(f"no interview #{interview_id} (afterview list shows the ids)")


class StoreBase:
    """The connection, its lock and short transactions; ``Store`` adds the records.

    Args:
        conn: a connection prepared by ``open_database`` (autocommit, WAL, foreign keys).
        path: the database file, for messages.
        busy_timeout: seconds a write waits for another afterview, for messages.
        now: clock for timestamps and default dates (tests inject a fixed one).
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path, *, busy_timeout: float, now: Callable[[], datetime] = datetime.now
    ) -> None:
        self.path = path
        self.now = now
        self._conn = conn
        self._busy_timeout = busy_timeout
        self._lock = threading.RLock()
        self._depth = 0

    # -- lifecycle and transactions ------------------------------------------------

    def close(self) -> None:
        """Close the connection (everything is already committed)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several writes into one transaction (imports, benchmarks).

        Raises:
            StoreError: the database is locked, full or unwritable; nothing of the batch is kept.
        """
        with self._transaction("saving", write=True):
            yield

    @contextmanager
    def _transaction(self, doing: str, *, write: bool) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._depth:  # inside batch(): the outer transaction commits
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            try:
                self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            except sqlite3.Error as exc:
                raise translate(exc, self.path, doing, self._busy_timeout) from None
            self._depth = 1
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise translate(exc, self.path, doing, self._busy_timeout) from None
            except BaseException:
                self._rollback()
                raise
            finally:
                self._depth = 0

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite already rolled back (e.g. after SQLITE_FULL)

    def _write(self, doing: str):
        return self._transaction(doing, write=True)

    def _read(self, doing: str):
        return self._transaction(doing, write=False)

    def _stamp(self) -> str:
        return self.now().isoformat()

    def _today(self) -> date:
        return self.now().date()

    @staticmethod
    def _interview_date(db: sqlite3.Connection, interview_id: int) -> date:
        row = db.execute("SELECT interview_date FROM interviews WHERE id = ?", (interview_id,)).fetchone()
        if row is None:
            raise no_interview(interview_id)
        return date.fromisoformat(row[0])


def check_on(on: date, interviewed: date) -> None:
    """Refuse a status or sent date before the interview or past the calendar's range."""
    if problem := date_problem(on):
        raise InputError(f"--on {on}: {problem}")
    if on < interviewed:
        raise InputError(f"--on {on}: is before the interview ({interviewed})")
