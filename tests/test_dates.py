"""Dates at the end of the calendar: refused where they are typed, harmless where stored."""

from __future__ import annotations

from datetime import date

import pytest
from afterview.fields import RecordError

from afterview.dates import LATEST_DATE, add_days, date_problem
from afterview.domain import Interview
from afterview.timing import advise

BASE = {
    "company": "Northwind Analytics",
    "role": "Data Analyst",
    "interview_date": date(2026, 11, 24),
    "interviewers": [{"name": "Jordan Lee"}],
}


def test_add_days_holds_at_the_ends_of_the_calendar() -> None:
    assert add_days(date(2026, 12, 31), 1) == date(2027, 1, 1)
    assert add_days(date(9999, 12, 30), 7) == date.max
    assert add_days(date(1, 1, 2), -7) == date.min
    assert date_problem(LATEST_DATE) is None
    assert "too far ahead" in date_problem(date(2101, 1, 1))


@pytest.mark.parametrize(
    "overrides",
    [
        {"interview_date": date(9999, 12, 31)},
        {"decision_date": date(9999, 12, 30)},
        {"status": "rejected", "status_date": date(9999, 12, 31)},
        {"competing_offer": {"company": "Contoso", "deadline": date(9999, 12, 31)}},
        {"award": {"name": "Kaggle Grandmaster", "date": date(9999, 12, 31)}},
    ],
    ids=["interview", "decision", "status", "offer", "award"],
)
def test_a_date_past_the_limit_is_refused_with_the_limit_named(overrides) -> None:
    with pytest.raises(RecordError, match="too far ahead .dates go up to 2100-12-31"):
        Interview.from_data({**BASE, **overrides})


class _StoredRow:
    """A record as the store reads it back, with dates saved before the limit existed."""

    interview_date = date(2026, 11, 24)
    decision_date = date(9999, 12, 30)
    status = "awaiting"
    status_date = None
    recipient_names = ("Jordan Lee",)
    contact_name = "Jordan Lee"
    offer_deadline = date(9999, 12, 31)
    award_date = date(9999, 12, 31)


@pytest.mark.parametrize("today", [date(2026, 12, 1), date(9999, 12, 31)])
def test_advice_on_dates_at_the_end_of_the_calendar_never_overflows(today) -> None:
    rows = {row.type: row for row in advise(_StoredRow(), today)}
    assert rows["follow_up"].due == date.max
    assert rows["award_update"].due == date(9999, 12, 31)
    assert rows["competing_offer"].state == "due"


def test_rejection_on_the_last_day_is_advised() -> None:
    row = _StoredRow()
    row.status, row.status_date = "rejected", date(9999, 12, 31)
    rows = {r.type: r for r in advise(row, date(2026, 12, 1))}
    assert rows["feedback_request"].state == "upcoming"
    assert rows["feedback_request"].due == date(9999, 12, 31)
