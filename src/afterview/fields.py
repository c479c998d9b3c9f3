"""The field rules of every record a person types, declared once.

A record (an interview, an interviewer, the config file's sections) is a frozen record
(``afterview.frozen``) whose fields name their rule with ``rule(...)``. ``Record.from_data``
(``afterview.records``, the one validator) checks a
mapping (parsed TOML, a form's values, a database row) against those rules and builds
the record, or raises ``RecordError`` with every problem, each located by its path in
the data (``("interviewers", 0, "moment")``) and worded for the person who typed the
value. The interview file, the TUI form, the store and the config file all validate
through here, so a rule (a cap, what an email looks like, one line, no control
characters) lives in this module and nowhere else.

Stdlib only: reading an interview file costs no pydantic.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from afterview.addresses import address_problem
from afterview.dates import date_problem
from afterview.frozen import MISSING, NamedTuple, field
from afterview.terminal import CONTROL_CHARS

if TYPE_CHECKING:
    from afterview.records import Record

NAME_MAX_CHARS = 80
MOMENT_MAX_WORDS = 40
RELEVANCE_MAX_WORDS = 30
SIGNATURE_MAX_CHARS = 300

Loc = tuple[str | int, ...]

# Characters that must never reach a note or a terminal (controls, escapes, bidi overrides).
_FORBIDDEN_CHARS = re.compile(CONTROL_CHARS)
_WORD = re.compile(r"[\w'’-]+")


class Problem(NamedTuple):
    """One invalid value.

    Attributes:
        loc: where it is in the data: keys and list positions.
        kind: ``missing``, ``unknown`` (a key no rule names), ``value`` (breaks a rule),
            ``type`` (not even the right kind of value), ``date``, ``choice`` or
            ``too_short`` (a list with too few items).
        message: what is wrong, as an instruction-like phrase ("is 41 words; at most 40
            allowed"); readers add the file, line and field.
        expected: for ``choice``, the allowed values as a phrase.
    """

    loc: Loc
    kind: str
    message: str
    expected: str | None = None


class RecordError(ValueError):
    """The data does not make a valid record; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(f"{dotted(first.loc)}: {first.message}" if first.loc else first.message)


class Invalid(ValueError):
    """Raised by a rule: the value breaks it. ``str()`` is the message."""

    def __init__(self, message: str, kind: str = "value", expected: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.expected = expected


def dotted(loc: Iterable[str | int]) -> str:
    """The field as a person counts it: ``interviewer 1 moment`` for ``("interviewers", 0,
    "moment")`` (lists count from 1), ``competing_offer.deadline`` for a table's key."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out = f"{out.removesuffix('s')} {part + 1}"
        elif out and out[-1].isdigit():
            out += f" {part}"
        else:
            out += f".{part}" if out else str(part)
    return out


def word_count(text: str) -> int:
    """Words as the caps count them: runs of letters, digits, apostrophes and hyphens."""
    return len(_WORD.findall(text))


# -- the rules ---------------------------------------------------------------------------
# Plain classes rather than dataclasses: they are built at import time on every read
# path, and a dataclass costs a few hundred microseconds to create.


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise Invalid(f"Input should be a valid string (got {value!r})", "type")
    return value


def _clean(value: object, *, multiline: bool = False) -> str:
    value = _string(value)
    if _FORBIDDEN_CHARS.search(value):
        raise Invalid("contains control characters or terminal escape sequences; remove them")
    if not multiline and ("\n" in value or "\t" in value):
        raise Invalid("must be on one line")
    return unicodedata.normalize("NFC", value).strip()


class Text:
    """One line of text, at most ``max_chars``; runs of spaces collapse, so "Jordan  Lee"
    and "Jordan Lee" are one person."""

    __slots__ = ("max_chars",)

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars

    def __call__(self, value: object) -> str:
        value = " ".join(_clean(value).split())
        if not value:
            raise Invalid("must not be empty")
        if len(value) > self.max_chars:
            raise Invalid(f"is {len(value)} characters; at most {self.max_chars} allowed")
        return value


class Words:
    """Free text of at most ``max_words`` words (line breaks become spaces)."""

    __slots__ = ("max_words",)

    def __init__(self, max_words: int) -> None:
        self.max_words = max_words

    def __call__(self, value: object) -> str:
        value = " ".join(_clean(value, multiline=True).split())
        if not value:
            raise Invalid("must not be empty (leave it out instead)")
        if not any(character.isalnum() for character in value):
            raise Invalid("needs words, not only punctuation (or leave it out)")
        count = word_count(value)
        if count > self.max_words:
            raise Invalid(f"is {count} words; at most {self.max_words} allowed")
        return value


def email(value: object) -> str:
    """An email address that can go into a ``To:`` header as it is (``afterview.addresses``)."""
    value = _clean(value)
    if problem := address_problem(value):
        raise Invalid(f"{value!r} is not an email address: {problem}")
    return value


email.lenient = _clean  # type: ignore[attr-defined] - stored before the parser was strict: still opens


class Plain:
    """Any string (a model name, a URL, a key), at most ``max_chars`` when given."""

    __slots__ = ("max_chars",)

    def __init__(self, max_chars: int | None = None) -> None:
        self.max_chars = max_chars

    def __call__(self, value: object) -> str:
        value = _string(value)
        if self.max_chars is not None and len(value) > self.max_chars:
            raise Invalid(f"String should have at most {self.max_chars} characters")
        return value


def _calendar_day(value: object) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise Invalid(f"{value!r} is not a date (write it as 2026-11-24)", "date")


def day(value: object) -> date:
    """A calendar date (a TOML date, or ``YYYY-MM-DD`` text) within the range afterview accepts."""
    parsed = _calendar_day(value)
    if problem := date_problem(parsed):
        raise Invalid(problem)
    return parsed


day.lenient = _calendar_day  # type: ignore[attr-defined] - a stored far date still opens (and can be fixed)


def flag(value: object) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise Invalid(f"Input should be a valid boolean (got {value!r})", "type")
    return value


class Choice:
    """One of an enum's values; the result is the member."""

    __slots__ = ("enum",)

    def __init__(self, enum: type[Enum]) -> None:
        self.enum = enum

    def __call__(self, value: object) -> Enum:
        try:
            return self.enum(value)
        except ValueError:
            names = [repr(member.value) for member in self.enum]
            expected = f"{', '.join(names[:-1])} or {names[-1]}"
            raise Invalid(f"{value!r} is not one of {expected}", "choice", expected) from None


class Number:
    """A number of seconds or similar: above ``gt`` (or from ``ge``) and at most ``le``."""

    __slots__ = ("ge", "gt", "le")

    def __init__(self, *, le: float, gt: float | None = None, ge: float | None = None) -> None:
        self.le, self.gt, self.ge = le, gt, ge

    def __call__(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Invalid(f"Input should be a valid number (got {value!r})", "type")
        if self.gt is not None and not value > self.gt:
            raise Invalid(f"Input should be greater than {self.gt:g}")
        if self.ge is not None and not value >= self.ge:
            raise Invalid(f"Input should be greater than or equal to {self.ge:g}")
        if not value <= self.le:
            raise Invalid(f"Input should be less than or equal to {self.le:g}")
        return float(value)


def folder(value: object) -> Path:
    """A path, as text."""
    return Path(_string(value))


class Nested:
    """A table that is itself a record (``many``: a list of them, at least ``min_items``)."""

    __slots__ = ("many", "min_items", "record")

    def __init__(self, record: type[Record], *, many: bool = False, min_items: int = 0) -> None:
        self.record, self.many, self.min_items = record, many, min_items


NAME = Text(NAME_MAX_CHARS)
MOMENT = Words(MOMENT_MAX_WORDS)
RELEVANCE = Words(RELEVANCE_MAX_WORDS)


def rule(check: Any, default: Any = MISSING, **options: Any) -> Any:
    """Declare a record field and the rule its values must meet.

    ``default`` makes the field optional; ``None`` as a default also accepts an
    explicit null. Other ``options`` go to ``afterview.frozen.field`` (``repr=False``,
    ``default_factory``).
    """
    return field(default, metadata={"rule": check}, **options)
