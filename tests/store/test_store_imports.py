"""``list`` and ``due`` read thousands of rows: the store must not pay for pydantic there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from afterview.paths import app_paths
from afterview.store import open_store

_PROBE = """
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from afterview.store import open_store
from afterview.usecases.due import due_everywhere

store = open_store(SimpleNamespace(database=Path(sys.argv[1])))
rows = store.list_interviews()
due = due_everywhere(store, date(2026, 11, 25))
heavy = sorted(m for m in ("pydantic", "openai", "textual", "icalendar") if m in sys.modules)
print(len(rows), len(due), heavy)
"""


def test_listing_and_due_build_no_pydantic_models(home: Path, make_interview):
    with open_store(app_paths()) as store:
        store.add_interview(make_interview())
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(app_paths().database)], capture_output=True, text=True, check=True
    )
    count, due, heavy = result.stdout.split(" ", 2)
    assert (int(count), int(due) > 0) == (1, True)
    assert heavy.strip() == "[]"
