"""``grounding``: names, numbers and dates in the body that the interview record lacks.

An LLM that invents "your 2019 launch in Berlin" gets a warning for each invented fact.
Kept quiet on ordinary writing: sentence-initial capitals, common words, short
acronyms, month and weekday names that match a record date, and everything outside
the body (the signature holds the candidate's own name).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from afterview.checks import dates
from afterview.checks.capitals import KnownWords, capitalised_words, places
from afterview.checks.common import MAX_FINDINGS, SpanSet, located, quote
from afterview.checks.reader import Section
from afterview.checks.text import Analysis, analyse
from afterview.checks.types import CheckContext, Finding
from afterview.frozen import Frozen

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

_LATIN_CAPITAL = re.compile(r"[A-Z\u00c0-\u00d6\u00d8-\u00de]")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,:]\d+)*")
# The lookbehind makes an address start only where a word starts, so a long run of
# letters is not rescanned from every position.
_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://[^\s<>()\"']+|www\.[^\s<>()\"']+")
_RECORD_WORD = re.compile(r"[\w'-]+")
_SENTENCE_OPENERS = '.!?:\n"(['
_TRAILING_PUNCTUATION = ".,;:!?)"


class GroundingRules(Frozen):
    """What the grounding check accepts without a record entry, and what it says."""

    severity: str
    message: str
    suggestion: str
    acronym_max_length: int
    common_words: frozenset[str]

    @classmethod
    def read(cls, section: Section) -> GroundingRules:
        """Read ``[grounding]`` of policy.toml."""
        rules = cls(
            severity=section.severity("severity"),
            message=section.message("message", ("match",)),
            suggestion=section.message("suggestion", ()),
            acronym_max_length=section.integer("acronym_max_length", minimum=0),
            common_words=frozenset(w.casefold() for w in section.strings("common_words")),
        )
        section.done()
        return rules


class _Record(Frozen):
    words: frozenset[str]
    numbers: frozenset[str]
    blob: str
    dates: tuple[date, ...]
    months: frozenset[int]
    weekdays: frozenset[str]


def grounding(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """Warn about each name, number, date or address in the body that the record lacks."""
    if not context.has_record:
        return []
    analysis = analyse(text)
    grounder = _grounder(context.record_texts, context.record_dates, policy)
    rules = policy.grounding
    spans = _unknown_facts(analysis, grounder)
    findings = []
    seen: set[str] = set()
    for start, end in spans:
        match = quote(analysis, start, end)
        if match.casefold() in seen:
            continue
        seen.add(match.casefold())
        message = rules.message.format(match=match)
        suggestion = rules.suggestion
        findings.append(located(analysis, "grounding", rules.severity, message, start, end, suggestion=suggestion))
    return findings


def _unknown_facts(analysis: Analysis, grounder: _Grounder) -> list[tuple[int, int]]:
    addresses = _may_hold_address(analysis)
    consumed = None  # addresses and dates, so their digits are not numbers too (and no names)
    unknown = []
    if addresses or analysis.has_digit:
        consumed = SpanSet()
        unknown = _unknown_addresses_and_numbers(analysis, grounder.record, consumed, addresses)
    unknown.extend(_join_adjacent(analysis.norm, _unknown_names(analysis, grounder.capitals, consumed)))
    unknown.sort()
    return unknown[:MAX_FINDINGS]


def _may_hold_address(analysis: Analysis) -> bool:
    """The body holds "@", "http" or "www.": what every address the check reads holds."""
    start, end = analysis.body
    find = analysis.lower.find
    return find("@", start, end) != -1 or find("http", start, end) != -1 or find("www.", start, end) != -1


def _unknown_addresses_and_numbers(
    analysis: Analysis, record: _Record, consumed: SpanSet, addresses: bool
) -> list[tuple[int, int]]:
    """Addresses (looked for only with ``addresses``), dates and numbers of the body the
    record lacks; ``consumed`` gets the addresses and dates."""
    start, end = analysis.body
    lower = analysis.lower
    unknown: list[tuple[int, int]] = []
    if addresses:
        for match in _ADDRESS.finditer(lower, start, end):
            s, e = match.start(), match.end()
            while e > s and lower[e - 1] in _TRAILING_PUNCTUATION:
                e -= 1
            if s == e or consumed.overlaps(s, e):
                continue
            consumed.add(s, e)
            if lower[s:e] not in record.blob:
                unknown.append((s, e))
    if analysis.has_digit:
        for match in dates.DATE_EXPRESSION.finditer(lower, start, end):
            if consumed.overlaps(*match.span()):
                continue
            consumed.add(*match.span())
            if not any(dates.means(match, day) for day in record.dates):
                unknown.append(match.span())
        for match in _NUMBER.finditer(lower, start, end):
            if len(unknown) >= MAX_FINDINGS:
                break
            if not consumed.overlaps(*match.span()) and _number_key(match.group()) not in record.numbers:
                unknown.append(match.span())
    return unknown


def _unknown_names(analysis: Analysis, capitals: KnownWords, consumed: SpanSet | None) -> list[tuple[int, int]]:
    """Capitalised words of the body, not opening a sentence nor inside ``consumed``,
    that neither the record nor the common words know (``capitals``)."""
    # Cheapest test first: most capitalised words are the record's or common, and the
    # same ones recur note after note; only the others are looked for in the text.
    strangers = capitals.others(capitalised_words(analysis).keys())
    if not strangers:
        return []
    start = analysis.body[0]
    norm = analysis.norm
    if consumed is not None and not consumed:
        consumed = None
    names: list[tuple[int, int]] = []
    for position, word in places(analysis, strangers):
        if len(names) >= MAX_FINDINGS:
            break
        span = (position, position + len(word))
        if _sentence_initial(norm, position, start) or (consumed is not None and consumed.overlaps(*span)):
            continue
        names.append(span)
    return names


class _Grounder:
    """What grounding knows of one record under one policy: the record's words, numbers
    and dates, and the capitalised words already read as known or not."""

    __slots__ = ("record", "capitals")

    def __init__(self, record: _Record, rules: GroundingRules) -> None:
        self.record = record
        self.capitals = KnownWords(lambda word: _known_word(word, record, rules))


@lru_cache(maxsize=64)
def _grounder(texts: tuple[str, ...], record_dates: tuple[date, ...], policy: Policy) -> _Grounder:
    return _Grounder(_record(texts, record_dates), policy.grounding)


def _known_word(word: str, record: _Record, rules: GroundingRules) -> bool:
    if not _LATIN_CAPITAL.match(word):
        return True  # "Ωmega", "école": only words with a Latin capital are read as names
    key = word.casefold().removesuffix("'s").rstrip("'-")
    if key in rules.common_words or key in record.words:
        return True
    if word.isupper() and len(word) <= rules.acronym_max_length:
        return True
    if key.rstrip(".") in dates.MONTH_NUMBER:
        return dates.MONTH_NUMBER[key.rstrip(".")] in record.months
    if key in dates.WEEKDAYS:
        return key in record.weekdays
    parts = [p for p in key.split("-") if p]
    return len(parts) > 1 and all(p in record.words or p in rules.common_words for p in parts)


def _sentence_initial(text: str, position: int, floor: int) -> bool:
    """True when only spaces, quotes or brackets separate ``position`` from a sentence start."""
    i = position - 1
    while i >= floor and text[i] in " \t\"'([":
        i -= 1
    return i < floor or text[i] in _SENTENCE_OPENERS


def _join_adjacent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge names separated by one space ("New York") into one finding."""
    joined: list[tuple[int, int]] = []
    for s, e in spans:
        if joined and text[joined[-1][1] : s] == " ":
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def _number_key(text: str) -> str:
    return str(int(text)) if text.isdigit() else text


def _record(texts: tuple[str, ...], record_dates: tuple[date, ...]) -> _Record:
    words: set[str] = set()
    numbers: set[str] = set()
    for text in texts:
        for word in _RECORD_WORD.findall(text.replace("\u2019", "'")):
            word = word.casefold().strip("'-")
            words.add(word)
            words.add(word.removesuffix("'s"))
            words.update(p for p in word.split("-") if p)
        numbers.update(_number_key(n) for n in _NUMBER.findall(text))
    for day in record_dates:
        numbers.update({str(day.day), str(day.month), str(day.year)})
    return _Record(
        words=frozenset(words),
        numbers=frozenset(numbers),
        blob=" ".join(texts).casefold(),
        dates=record_dates,
        months=frozenset(d.month for d in record_dates),
        weekdays=frozenset(dates.WEEKDAYS[d.weekday()] for d in record_dates),
    )
