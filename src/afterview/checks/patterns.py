"""Compiled patterns with a cheap gate in front of each branch.

Running a regex over a whole note costs tens of microseconds; asking whether a word is
in the note's token set costs a fraction of one. So each branch of every pattern in
``guardrails/`` carries the words any of its matches contains, derived from the regex
when the policy is compiled (``checks.gates``). A branch runs only when they are
present, and then only on a window around each occurrence of its key words (found
with ``str.find``): ``_REACH`` characters either side, extended to the next sentence
break so that a window never ends inside a word. Patterns are bounded and stay within
a sentence, so any match lies inside the window of its key word.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping

from afterview.checks.gates import Branch, branches, phrase_branches, phrase_regex
from afterview.checks.text import AFFIX, Analysis, Span


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

__all__ = ["GatedPattern", "LazyRegex", "Regex", "phrase_regex", "word_positions"]

# How far from a key word a match may reach; the data files state it to pattern authors
# (patterns bound their repeats, e.g. [^.?!\n]{0,60}, to stay well within it).
_REACH = 160
_DIGIT_RUN = re.compile(r"\d+")
# Distinct sets of open branches a pattern keeps compiled at once.
_COMPILED_SETS = 64


class GatedPattern:
    """A regex whose branches run only where they can match (see ``checks.gates``).

    A branch is open when all its clauses hold for the text; only the open branches
    are compiled (one alternation, in the pattern's order, so matches are those of the
    whole pattern) and run, and only in windows around the occurrences of each open
    branch's key clause.

    Attributes:
        branches: the pattern's branches, with their clauses.
        case_sensitive: match against the normalised text with its capitals.
    """

    __slots__ = (
        "branches", "case_sensitive", "_index", "_keys", "_always",
        "_words", "_pieces", "_starts", "_ends", "_number", "_ungated", "_compiled",
    )  # fmt: skip

    def __init__(self, found: tuple[Branch, ...], case_sensitive: bool = False):
        self.case_sensitive = case_sensitive
        self.branches = found
        index: dict[str, list[int]] = {}
        always: list[int] = []
        for number, branch in enumerate(self.branches):
            key = branch.clauses[0] if branch.clauses else None
            if key is None or not key.looked_up:
                always.append(number)
            else:
                for word in key.words:
                    index.setdefault(word, []).append(number)
        self._index = {word: tuple(numbers) for word, numbers in index.items()}
        self._keys = frozenset(index)
        self._always = tuple(always)
        # What opens some branch not keyed by words: one test for all of them first.
        keys = [self.branches[n].clauses[0] for n in always if self.branches[n].clauses]
        self._words = frozenset(word for key in keys for word in key.words)
        self._pieces = tuple(dict.fromkeys(piece for key in keys for piece in key.substrings))
        self._starts = frozenset(affix[:AFFIX] for key in keys for affix in key.starts)
        self._ends = frozenset(affix[-AFFIX:] for key in keys for affix in key.ends)
        self._number = any(key.number for key in keys)
        self._ungated = len(keys) < len(always)
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}

    @classmethod
    def of(
        cls, source: str, case_sensitive: bool = False, fragments: Mapping[str, tuple[str, ...]] | None = None
    ) -> GatedPattern:
        """The pattern ``source`` (``<<name>>`` standing for a list in ``fragments``)."""
        return cls(branches(source, fragments), case_sensitive)

    @classmethod
    def of_phrases(cls, phrases: Iterable[str], case_sensitive: bool = False) -> GatedPattern:
        """Literal phrases, as whole words (see ``phrase_regex``)."""
        return cls(phrase_branches(phrases), case_sensitive)

    def __reduce__(self) -> tuple:
        # Stored with its branches, so a cached policy never derives them again.
        return (GatedPattern, (self.branches, self.case_sensitive))

    @property
    def pattern(self) -> str:
        """The whole pattern as one regex (its branches in order), as ``re.Pattern.pattern``."""
        return "|".join(branch.source for branch in self.branches)

    @property
    def index_words(self) -> frozenset[str]:
        """Words one of which opens some branch (for branches keyed by words)."""
        return self._keys

    @property
    def has_unindexed(self) -> bool:
        """Some branch is keyed by a substring or a digit, or has no clause at all."""
        return bool(self._always)

    def open_branches(self, analysis: Analysis, *, body_only: bool = False) -> tuple[int, ...]:
        """The branches that may match the text (or its body), in order."""
        tokens = analysis.tokens
        hit = not self._keys.isdisjoint(tokens)
        always = bool(self._always) and self._any_unindexed(analysis, body_only)
        if not (hit or always):
            return ()
        if hit:
            words = self._keys & tokens
            if len(words) == 1 and not always:
                candidates: Iterable[int] = self._index[next(iter(words))]
            else:
                chosen = set(self._always) if always else set()
                for word in words:
                    chosen.update(self._index[word])
                candidates = sorted(chosen)
        else:
            candidates = self._always
        branches = self.branches
        return tuple(
            number for number in candidates if all(clause.holds(analysis, body_only) for clause in branches[number].clauses)
        )

    def _any_unindexed(self, analysis: Analysis, body_only: bool) -> bool:
        """Some branch not keyed by words may open: one test for all of them."""
        if self._ungated or not self._words.isdisjoint(analysis.tokens) or (self._number and analysis.has_digit):
            return True
        if self._starts or self._ends:
            starts, ends = analysis.affixes()
            if not self._starts.isdisjoint(starts) or not self._ends.isdisjoint(ends):
                return True
        return bool(self._pieces) and analysis.contains_any(self._pieces, body_only)

    def opens(self, analysis: Analysis, *, body_only: bool = False) -> bool:
        """True when some branch may match the text (or its body)."""
        return bool(self.open_branches(analysis, body_only=body_only))

    def finditer(
        self,
        analysis: Analysis,
        lower: str,
        norm: str,
        start: int = 0,
        end: int | None = None,
        *,
        body_only: bool = False,
        opened: tuple[int, ...] | None = None,
    ) -> Iterator[re.Match[str]]:
        """Matches between ``start`` and ``end`` in ``lower`` (or ``norm``).

        ``lower``/``norm`` are the analysis's texts, or the same with names masked;
        key words are located in ``lower``, so a masked name never opens a window.
        ``opened``: the open branches, when the caller has them already.
        """
        numbers = self.open_branches(analysis, body_only=body_only) if opened is None else opened
        if not numbers:
            return
        end = len(lower) if end is None else end
        regex = self._regex(numbers)
        text = norm if self.case_sensitive else lower
        for region_start, region_end in self._regions(analysis, lower, start, end, numbers):
            yield from regex.finditer(text, region_start, region_end)

    def _regex(self, numbers: tuple[int, ...]) -> re.Pattern[str]:
        compiled = self._compiled.get(numbers)
        if compiled is None:
            if len(self._compiled) >= _COMPILED_SETS:
                self._compiled.clear()
            source = "|".join(self.branches[n].source for n in numbers)
            compiled = self._compiled[numbers] = re.compile(source)
        return compiled

    def _regions(self, analysis: Analysis, lower: str, start: int, end: int, numbers: tuple[int, ...]) -> list[Span]:
        """Windows between ``start`` and ``end`` around each key occurrence, merged, in order."""
        words: set[str] = set()
        substrings: set[str] = set()
        number = False
        for n in numbers:
            clauses = self.branches[n].clauses
            if not clauses:
                return [(start, end)]  # a branch with nothing known runs on the whole text
            words |= clauses[0].words
            substrings.update(clauses[0].substrings, clauses[0].starts, clauses[0].ends)
            number = number or clauses[0].number
        spans: list[Span] = []
        for word in words & analysis.tokens:
            spans.extend(_window(analysis, p, p + len(word), start, end) for p in word_positions(lower, word, start, end))
        for substring in substrings:
            position = lower.find(substring, start, end)
            while position != -1:
                spans.append(_window(analysis, position, position + len(substring), start, end))
                position = lower.find(substring, position + 1, end)
        if number and analysis.has_digit:
            spans.extend(_window(analysis, *m.span(), start, end) for m in _DIGIT_RUN.finditer(lower, start, end))
        return _merged(spans)


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
