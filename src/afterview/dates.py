"""The range of dates afterview accepts, and day arithmetic that never overflows.

Stdlib only, so the argument parser, the domain, the store and the pure timing rules can
all share one rule. A date past ``LATEST_DATE`` is refused where it is typed (a
decision date in the year 9999 is a typo, and ``date.max`` plus a week does not exist);
``add_days`` keeps rows stored before the rule existed from crashing the arithmetic.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

LATEST_DATE = date(2100, 12, 31)
"""The last date afterview accepts as input: far beyond any job search, far from ``date.max``."""


def date_problem(value: date) -> str | None:
    """Why ``value`` is refused as input (one phrase), or None when it is fine."""
    if value > LATEST_DATE:
        return f"{value.isoformat()} is too far ahead (dates go up to {LATEST_DATE.isoformat()})"
    return None


def add_days(day: date, days: int) -> date:
    """``day`` plus ``days``, held at ``date.max`` / ``date.min`` instead of overflowing."""
    try:
        return day + _delta(days)
    except OverflowError:
        return date.max if days > 0 else date.min


@cache
def _delta(days: int) -> timedelta:
    # Cached: ``due`` adds the same few day counts to thousands of dates.
    return timedelta(days=days)
