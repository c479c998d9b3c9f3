"""Interview history on the user's machine: one SQLite file in the data dir.

``open_store(paths)`` returns a ``Store`` (see ``afterview.store.store`` for the API);
``connection`` explains what happens to a file that is not an afterview database, and
``schema`` holds the migrations. Importing this package stays cheap (no pydantic), so
``afterview list`` and ``afterview due`` start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from afterview.names import name_key
from afterview.store.connection import open_database
from afterview.store.rows import DraftSummary, InterviewRow, ListRow, SentRecord, StatusChange, SummaryRow
from afterview.store.schema import APPLICATION_ID, SCHEMA_VERSION
from afterview.store.base import RecordNotFound
from afterview.store.store import EditSummary, Store

if TYPE_CHECKING:
    from afterview.paths import Paths

DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds a command waits for another afterview that is writing."""

__all__ = [
    "APPLICATION_ID",
    "DEFAULT_BUSY_TIMEOUT",
    "SCHEMA_VERSION",
    "DraftSummary",
    "EditSummary",
    "InterviewRow",
    "ListRow",
    "RecordNotFound",
    "SentRecord",
    "StatusChange",
    "Store",
    "SummaryRow",
    "name_key",
    "open_store",
]


def _stderr_notice(message: str) -> None:
    print(f"afterview: {message}", file=sys.stderr)


def open_store(
    paths: Paths,
    *,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    notice: Callable[[str], None] | None = None,
    now: Callable[[], datetime] = datetime.now,
) -> Store:
    """Open the store at ``paths.database``, creating the data dir (0700) and file (0600).

    Args:
        paths: where afterview keeps its files (``afterview.paths.app_paths()``).
        busy_timeout: seconds to wait for another afterview holding the write lock.
        notice: told, in one line, when a foreign file was moved aside (default: stderr).
        now: clock for timestamps and default dates.

    Raises:
        StoreError: unwritable data dir, locked database, database from a newer
            afterview, or another failure that moving the file aside cannot fix.
    """
    path = paths.database
    conn = open_database(path, busy_timeout=busy_timeout, notice=notice or _stderr_notice, now=now)
    return Store(conn, path, busy_timeout=busy_timeout, now=now)
