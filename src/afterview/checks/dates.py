"""Dates as people write them in notes: "December 1", "Dec. 1st", "1 December",
"12/1", "2026-12-01", "Monday, December 1"."""

from __future__ import annotations

import re
from datetime import date

from afterview.checks.patterns import LazyRegex

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS, start=1)}
"""Month names and their abbreviations ("sept" too), lower case, to month numbers."""
MONTH_NUMBER.update({name[:3]: i for i, name in enumerate(MONTHS, start=1)})
MONTH_NUMBER["sept"] = 9
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"

# Compiled on first use: about a millisecond of start-up, and only a note holding a
# digit or a month is searched with it.
DATE_EXPRESSION = LazyRegex(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>{_DAY})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}})\b)?"
    rf"|\b(?P<d2>{_DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\b\.?(?:,?\s+(?P<y2>\d{{4}})\b)?"
    r"|\b(?P<y3>\d{4})-(?P<mo3>\d{1,2})-(?P<d3>\d{1,2})\b"
    r"|\b(?P<a4>\d{1,2})/(?P<b4>\d{1,2})(?:/(?P<y4>\d{2}(?:\d{2})?))?\b"
)
"""Matches a written date in lower-cased text; ``readings`` interprets a match."""

Reading = tuple[int, int, int | None]
"""(month, day, year or None)."""


def readings(match: re.Match[str]) -> list[Reading]:
    """The dates a ``DATE_EXPRESSION`` match may mean (12/1 may be 1 December or 12 January)."""
    groups = match.groupdict()
    if groups["m1"]:
        return [(_month(groups["m1"]), int(groups["d1"]), _year(groups["y1"]))]
    if groups["m2"]:
        return [(_month(groups["m2"]), int(groups["d2"]), _year(groups["y2"]))]
    if groups["y3"]:
        return [(int(groups["mo3"]), int(groups["d3"]), int(groups["y3"]))]
    first, second, year = int(groups["a4"]), int(groups["b4"]), _year(groups["y4"])
    return [(first, second, year), (second, first, year)]


def means(match: re.Match[str], day: date) -> bool:
    """True when the written date may be ``day`` (a missing year matches any year)."""
    return any(m == day.month and d == day.day and (y is None or y == day.year) for m, d, y in readings(match))


def mentions(text: str, day: date, start: int = 0, end: int | None = None) -> bool:
    """True when lower-cased ``text`` writes ``day`` in any common form."""
    return any(means(m, day) for m in DATE_EXPRESSION.finditer(text, start, len(text) if end is None else end))


def spoken(day: date) -> str:
    """How a message names a date: "December 1" (English month, no year, whatever the locale).

    The drafting frame writes record dates this way too, so what it writes is what the
    checks read back.
    """
    return f"{MONTHS[day.month - 1].capitalize()} {day.day}"


def _month(name: str) -> int:
    return MONTH_NUMBER.get(name, MONTH_NUMBER[name[:3]])


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year
