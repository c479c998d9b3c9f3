"""Copies of a migrated database for tests that start from an empty store (imported as
``database_copies``; the session's template is the ``migrated_database`` fixture)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path


def copy_database(source: Path, target: Path) -> Path:
    """Copy the database ``source`` to the new file ``target`` (0600) with SQLite's backup API.

    The copy is only written, not synced: it is a test's starting point, not a record
    anyone could lose. The store then opens it as it opens any existing database.
    """
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        copy.execute("PRAGMA synchronous = OFF")
        original.backup(copy)
    return target
