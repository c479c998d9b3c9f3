"""Small helpers several checks share: quoting, located findings, names, stems."""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

from afterview.checks.text import Analysis
from afterview.checks.types import Finding, Severity

MAX_FINDINGS = 100
"""A check reports at most this many findings: a note with more needs rewriting, not a longer list."""

_QUOTE_MAX_CHARS = 60
_HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "sir", "dame"})
_SUFFIXES = ("ations", "ation", "ingly", "ings", "ing", "edly", "ed", "ers", "er", "es", "ly", "s")
_WORDS = re.compile(r"[^\W_]+")
# Letters that casefold and NFKD leave apart from their plain Latin forms.
_DOTLESS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"})


def quote(analysis: Analysis, start: int, end: int) -> str:
    """The text of a span as the person wrote it, on one line and not too long."""
    raw_start, raw_end = analysis.to_raw(start, end)
    text = " ".join(analysis.raw[raw_start:raw_end].split())
    return text if len(text) <= _QUOTE_MAX_CHARS else text[: _QUOTE_MAX_CHARS - 3].rstrip() + "..."


def located(
    analysis: Analysis,
    check: str,
    severity: Severity,
    message: str,
    start: int,
    end: int,
    *,
    category: str | None = None,
    suggestion: str | None = None,
) -> Finding:
    """A finding whose span (given in normalised offsets) indexes the raw text."""
    raw_start, raw_end = analysis.to_raw(start, end)
    return Finding(
        check=check,
        severity=severity,
        message=message,
        category=category,
        start=raw_start,
        end=raw_end,
        suggestion=suggestion,
    )


def name_parts(name: str) -> list[str]:
    """A person's name without honorifics: "Dr. Maria Lopez" gives ["Maria", "Lopez"]."""
    parts = [p for p in name.replace(",", " ").split() if p.strip(".").casefold() not in _HONORIFICS]
    return parts or name.split()


def first_name(name: str | None, fallback: str = "them") -> str:
    """The first name to use in a message, or ``fallback`` when nobody is known."""
    if not name or not name.strip():
        return fallback
    return name_parts(name)[0]


@lru_cache(maxsize=1024)
def fold_name(text: str) -> str:
    """Case and accents folded, for comparing names: "İrem", "irem" and "Irem" are one;
    "José" is "jose", "Yılmaz" is "yilmaz"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_DOTLESS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A light stem: lower case, no possessive, common suffixes off ("rebuilding" -> "rebuild")."""
    word = word.casefold().removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.removesuffix("e") if len(word) > 4 else word


def stems_match(a: str, b: str) -> bool:
    """True for the same stem, or near forms: "rebuild"/"rebuilt", "migrat"/"migr"."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4 or len(long_) - len(short) > 2:
        return False
    shared = 0
    for x, y in zip(short, long_):
        if x != y:
            break
        shared += 1
    return shared >= len(short) - 1 and shared >= 4


@lru_cache(maxsize=256)
def content_stems(text: str, ignore: frozenset[str]) -> tuple[str, ...]:
    """Stems of the words of ``text`` that are not in ``ignore``, in order, once each."""
    seen: dict[str, None] = {}
    for word in _WORDS.findall(text.casefold()):
        if word in ignore or len(word) < 2:
            continue
        seen.setdefault(stem(word), None)
    return tuple(seen)


class SpanSet:
    """Non-overlapping spans, with an overlap test in O(log n) (long odd inputs stay fast)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a span already added."""
        # Spans are disjoint, so ends ascend with starts: only the last span that
        # starts before ``end`` can reach past ``start``.
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none already added."""
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def spans(self) -> list[tuple[int, int]]:
        """The spans, in text order."""
        return list(zip(self._starts, self._ends))
