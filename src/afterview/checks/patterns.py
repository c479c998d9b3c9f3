"""Compiled patterns with a cheap gate in front of each.

Running a regex over a whole note costs tens of microseconds; asking whether a word is
in the note's token set costs a fraction of one. So every pattern in ``guardrails/``
names its triggers. A pattern runs only when a trigger is present, and then only on
a window around each occurrence (found with ``str.find``): ``_REACH`` characters
either side, extended to the next sentence break so that a window never ends inside
a word. Patterns are bounded and stay within a sentence, so any match that holds a
trigger lies inside that trigger's window.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from afterview.checks.text import Analysis, Span

class LazyRegex:
    """A regex compiled the first time it is used.

    Patterns built from the long word lists of ``[fragments]`` take milliseconds each
    to compile, and most (exceptions above all) are never needed for a given note, so
    loading the policy compiles them lazily; ``reader`` has already checked their syntax.
    After the first use the compiled pattern's own methods replace these (instance
    attributes shadow the class's), so later calls cost nothing extra.
    """

    def __init__(self, pattern: str):
        self.pattern = pattern

    def _compile(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern)
        self.finditer = compiled.finditer
        self.search = compiled.search
        self.match = compiled.match
        self.sub = compiled.sub
        return compiled

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """As ``re.Pattern.finditer``."""
        return self._compile().finditer(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As ``re.Pattern.search``."""
        return self._compile().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As ``re.Pattern.match``."""
        return self._compile().match(string, pos, endpos)

    def sub(self, replacement: str, string: str) -> str:
        """As ``re.Pattern.sub``."""
        return self._compile().sub(replacement, string)


Regex = re.Pattern[str] | LazyRegex
"""A compiled regex, or one compiled on first use."""

NUMBER_TRIGGER = "<number>"
"""The trigger that opens when the text holds any digit."""

# How far from a trigger a match may reach; the data files state it to pattern authors
# (patterns bound their repeats, e.g. [^.?!\n]{0,60}, to stay well within it).
_REACH = 160


@dataclass(frozen=True, slots=True)
class Gate:
    """Opens when a text may match the gated pattern.

    Attributes:
        words: whole lower-case alphanumeric tokens ("pregnant").
        substrings: anything else, searched in the lower-cased text ("[", "___").
        number: open on any digit.
        phrases: for a list of literal phrases, the tokens of each (keyed by the
            phrase's trigger); the gate opens only when every token of some phrase is
            present (more precise than ``words``, which holds one token per phrase).
        also: words one of which must be present as well (``also_triggers``).
        also_number: ``also`` is satisfied by any digit too.
    """

    words: frozenset[str]
    substrings: tuple[str, ...] = ()
    number: bool = False
    phrases: Mapping[str, tuple[frozenset[str], ...]] | None = None
    also: frozenset[str] = frozenset()
    also_number: bool = False

    @classmethod
    def of(cls, triggers: Iterable[str], also: Iterable[str] = ()) -> Gate:
        """Sort triggers into whole words, substrings and the number trigger.

        ``also``: words one of which must be present too (``<number>`` for a digit).
        """
        words: set[str] = set()
        substrings: list[str] = []
        number = False
        for trigger in triggers:
            if trigger == NUMBER_TRIGGER:
                number = True
            elif trigger.isalnum():
                words.add(trigger)
            else:
                substrings.append(trigger)
        also = set(also)
        also_number = NUMBER_TRIGGER in also
        also.discard(NUMBER_TRIGGER)
        return cls(frozenset(words), tuple(substrings), number, also=frozenset(also), also_number=also_number)

    @classmethod
    def of_phrases(cls, phrases: Iterable[str]) -> Gate:
        """A gate for literal phrases: opens only when every word of some phrase is present."""
        by_trigger: dict[str, list[frozenset[str]]] = {}
        for phrase in phrases:
            tokens = frozenset(re.findall(r"[^\W_]+", phrase.lower()))
            if tokens:
                by_trigger.setdefault(phrase_triggers([phrase.lower()])[0], []).append(tokens)
        return cls(frozenset(by_trigger), phrases={k: tuple(v) for k, v in by_trigger.items()})

    def opens(self, analysis: Analysis, *, body_only: bool = False) -> bool:
        """True when the text (or its body) may match the gated pattern."""
        tokens = analysis.tokens
        if self.also or self.also_number:
            if self.also.isdisjoint(tokens) and not (self.also_number and analysis.has_digit):
                return False
        if self.phrases is not None:
            phrases = self.phrases
            return any(p <= tokens for word in self.words & tokens for p in phrases[word])
        if not self.words.isdisjoint(tokens):
            return True
        if self.number and analysis.has_digit:
            return True
        if self.substrings:
            start, end = analysis.body if body_only else (0, len(analysis.lower))
            return any(analysis.lower.find(s, start, end) != -1 for s in self.substrings)
        return False

    def regions(self, analysis: Analysis, lower: str, start: int, end: int) -> list[Span]:
        """Windows between ``start`` and ``end`` around each trigger, merged, in order."""
        tokens = analysis.tokens
        words = self.words & tokens
        if self.number and analysis.has_digit:
            words |= {t for t in tokens if t[0].isdigit()}
        spans: list[Span] = []
        for word in words:
            positions = word_positions(lower, word, start, end)
            spans.extend(_window(analysis, p, p + len(word), start, end) for p in positions)
        for substring in self.substrings:
            position = lower.find(substring, start, end)
            while position != -1:
                spans.append(_window(analysis, position, position + len(substring), start, end))
                position = lower.find(substring, position + 1, end)
        return _merged(spans)


@dataclass(frozen=True, slots=True)
class GatedPattern:
    """A regex that runs only near its triggers.

    Attributes:
        regex: compiled; matched against the lower-cased text unless ``case_sensitive``.
        gate: the triggers.
        case_sensitive: match against the normalised text with its capitals.
    """

    regex: Regex
    gate: Gate
    case_sensitive: bool = False

    def finditer(
        self,
        analysis: Analysis,
        lower: str,
        norm: str,
        start: int = 0,
        end: int | None = None,
        *,
        body_only: bool = False,
        gate_checked: bool = False,
    ) -> Iterator[re.Match[str]]:
        """Matches between ``start`` and ``end`` in ``lower`` (or ``norm``).

        ``lower``/``norm`` are the analysis's texts, or the same with names masked;
        triggers are located in ``lower``, so a masked name never opens a pattern.
        ``gate_checked``: the caller already knows the gate opens.
        """
        if not gate_checked and not self.gate.opens(analysis, body_only=body_only):
            return
        end = len(lower) if end is None else end
        text = norm if self.case_sensitive else lower
        for region_start, region_end in self.gate.regions(analysis, lower, start, end):
            yield from self.regex.finditer(text, region_start, region_end)


def word_positions(text: str, word: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Where ``word`` occurs in ``text`` as a whole alphanumeric token."""
    end = len(text) if end is None else end
    size = len(word)
    position = text.find(word, start, end)
    while position != -1:
        after = position + size
        if (position == 0 or not text[position - 1].isalnum()) and (after >= len(text) or not text[after].isalnum()):
            yield position
        position = text.find(word, after, end)


def phrase_regex(phrases: Iterable[str]) -> str:
    """One alternation matching any of the literal phrases as whole words.

    Spaces in a phrase match any run of spaces or hyphens; longer phrases come first
    so "gray hair" wins over "gray".
    """
    alternatives = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = phrase.split()
        alternatives.append(r"[\s-]+".join(re.escape(w) for w in words))
    body = "|".join(alternatives)
    return rf"(?<![\w'])(?:{body})(?![\w])"


# Words nearly every note holds: a phrase with another word is not triggered by them
# ("hearing aid" by "aid", not by "look forward to hearing"). Only speed depends on
# the choice: a phrase gate opens when all of a phrase's words are present.
_COMMON_NOTE_WORDS = frozenset(
    "hearing people thank thanks role team from your with about would forward look time work".split()
)


def phrase_triggers(phrases: Iterable[str]) -> list[str]:
    """One token per phrase that any match must contain: its longest (rarest) word."""
    triggers = []
    for phrase in phrases:
        tokens = re.findall(r"[^\W_]+", phrase)
        if tokens:
            rare = [t for t in tokens if t not in _COMMON_NOTE_WORDS] or tokens
            # max() keeps the first of equal lengths; reversed() prefers the last word,
            # which tends to be the content word ("gray hair" -> "hair").
            triggers.append(max(reversed(rare), key=len))
    return triggers


def _window(analysis: Analysis, start: int, end: int, low: int, high: int) -> Span:
    """``[start, end)`` widened by ``_REACH`` within ``[low, high)``, ending at a sentence break.

    Ending at a break matters: at the window's end the regex engine sees the end of the
    text, so "$" and "\\b" would match there even in the middle of a word.
    """
    return max(low, start - _REACH), analysis.next_break(min(high, end + _REACH), high)


def _merged(spans: list[Span]) -> list[Span]:
    spans.sort()
    merged: list[Span] = []
    for s, e in spans:
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
