"""One rule for "the same person's name", and the timing advisor's copy of it agrees."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.names import name_key
from afterview.timing import advise

INTERVIEW = date(2026, 11, 24)


def test_case_and_runs_of_spaces_are_ignored() -> None:
    assert name_key("  Jordan \t LEE ") == name_key("jordan lee") == "jordan lee"
    assert name_key("Straße") == name_key("STRASSE")  # casefold, not lower
    assert name_key("Jordan Lee") != name_key("Jordan Leigh")


# Short names from a small alphabet, so equal keys (and near misses) come up often.
names = st.text(alphabet="aAbB ß\t", min_size=1, max_size=6).filter(lambda s: s.strip())


@settings(max_examples=200, deadline=None)
@given(listed=names, logged=names)
def test_timing_matches_names_the_same_way(listed: str, logged: str) -> None:
    """A thank-you logged to ``logged`` covers interviewer ``listed`` exactly when their keys match."""
    record = SimpleNamespace(
        interview_date=INTERVIEW,
        decision_date=None,
        status="awaiting",
        status_date=None,
        recipient_names=[listed],
        contact_name=listed,
        offer_deadline=None,
        award_date=None,
    )
    rows = advise(record, INTERVIEW, [("thank_you", logged, INTERVIEW)])
    still_due = any(row.type == "thank_you" for row in rows)
    assert still_due == (name_key(listed) != name_key(logged))


def test_import_is_stdlib_only() -> None:
    code = "import sys, afterview.names\nprint(sorted(m for m in sys.modules if m.startswith(('pydantic', 'afterview'))))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['afterview', 'afterview.names']"
