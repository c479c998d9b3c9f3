"""Compiled patterns with a cheap gate in front of each branch.

Running a regex over a whole note costs tens of microseconds; asking whether a word is
in the note's token set costs a fraction of one. So each branch of every pattern in
``guardrails/`` carries the words any of its matches contains, derived from the regex
when the policy is compiled (``checks.gates``). Which branches of every pattern of a
policy may match a text is decided once per text, for all of them together
(``checks.gate_index``). A branch runs only when its words are present, and then only
on a window around each occurrence of its key words (found
with ``str.find``): ``_REACH`` characters either side, extended to the next sentence
break so that a window never ends inside a word. Patterns are bounded and stay within
a sentence, so any match lies inside the window of its key word.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping

from afterview.checks.gate_index import GateIndex, in_body
from afterview.checks.gates import Branch, Clause, holds, phrase_regex
from afterview.checks.scanning import Scanner, compile_branches, finder
from afterview.checks.text import Analysis, Span


class LazyRegex:
    """A regex compiled the first time it is used.

    Patterns built from the long word lists of ``[fragments]`` take milliseconds each
    to compile, and most (exceptions above all) are never needed for a given note, so
    loading the policy compiles them lazily; ``reader`` has already checked their syntax.
    The drafting modules' own patterns use it too: a typical note needs few of them, and
    compiling all at import cost ``draft --offline`` several milliseconds. After the
    first use the compiled pattern's own methods replace these (instance attributes
    shadow the class's), so later calls cost nothing extra; anything else a compiled
    pattern has (``fullmatch``, ``split``, ``groupindex``...) is looked up on it.
    """

    _BOUND = ("finditer", "search", "match", "sub", "fullmatch", "findall", "split", "subn")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

    def _compile(self) -> re.Pattern[str]:
        # ``flags`` may be missing from an instance unpickled from an older cached policy.
        compiled = re.compile(self.pattern, self.__dict__.get("flags", 0))
        for name in self._BOUND:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "pattern":
            raise AttributeError(name)
        return getattr(self._compile(), name)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """As ``re.Pattern.finditer``."""
        return self._compile().finditer(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As ``re.Pattern.search``."""
        return self._compile().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As ``re.Pattern.match``."""
        return self._compile().match(string, pos, endpos)

    def sub(self, replacement, string: str, count: int = 0) -> str:
        """As ``re.Pattern.sub``."""
        return self._compile().sub(replacement, string, count)


Regex = re.Pattern[str] | LazyRegex
"""A compiled regex, or one compiled on first use."""

__all__ = ["GateIndex", "GatedPattern", "LazyRegex", "Regex", "candidates", "merged_spans", "phrase_regex", "word_positions"]

# How far from a key word a match may reach; the data files state it to pattern authors
# (patterns bound their repeats, e.g. [^.?!\n]{0,60}, to stay well within it).
_REACH = 160
_DIGIT_RUN = re.compile(r"\d+")
# Up to this many characters a text is searched whole rather than in windows.
_WHOLE = 8 * _REACH
# Distinct sets of open branches a pattern keeps compiled at once.
_COMPILED_SETS = 64
# What a stored pattern of a policy's index leaves out (see ``GatedPattern.__getstate__``).
_INDEXED_SKIP = ("_compiled", "_index", "_keys", "_words", "_pieces", "_starts", "_ends", "_number", "_ungated")


class GatedPattern:
    """A regex whose branches run only where they can match (see ``checks.gates``).

    A branch is open when all its clauses hold for the text; only the open branches
    are compiled (one alternation, in the pattern's order, so matches are those of the
    whole pattern) and run, and only in windows around the occurrences of each open
    branch's key clause.

    The branches are kept as plain tuples (``(source, clauses)``, each clause the
    fields of a ``Clause``), which a cached policy loads without building an object
    per branch and clause; ``branches`` gives them as ``Branch`` objects.

    Attributes:
        case_sensitive: match against the normalised text with its capitals.
        slot: where the policy's index holds the pattern (-1: in no index); a plain
            attribute, as checks read it for every pattern of a family on every text.
    """

    __slots__ = (
        "_branches", "case_sensitive", "_index", "_keys", "_always",
        "_words", "_pieces", "_starts", "_ends", "_number", "_ungated", "_gates", "slot", "_compiled",
        "_substring_branches",
    )  # fmt: skip

    def __init__(self, found: tuple[Branch, ...], case_sensitive: bool = False, gates: GateIndex | None = None):
        self.case_sensitive = case_sensitive
        self._branches = tuple((branch.source, tuple(map(tuple, branch.clauses))) for branch in found)
        # Key atoms -> branches: ("w", word) a token, ("s", start) / ("e", end) how a
        # token starts or ends. Branches keyed otherwise (a substring, a digit, nothing)
        # are "always" candidates, tested together first.
        index: dict[tuple[str, str], list[int]] = {}
        always: list[int] = []
        for number, branch in enumerate(found):
            key = branch.clauses[0] if branch.clauses else None
            indexed = key is not None and not key.substrings and not key.number and (gates is not None or key.looked_up)
            if not indexed:
                always.append(number)
                continue
            assert key is not None
            for kind, atoms in (("w", key.words), ("s", key.starts), ("e", key.ends)):
                for atom in atoms:
                    index.setdefault((kind, atom), []).append(number)
        self._index = {atom: tuple(numbers) for atom, numbers in index.items()}
        self._keys = frozenset(word for kind, word in index if kind == "w")
        self._always = tuple(always)
        # What opens some branch not keyed by words: one test for all of them first.
        keys = [found[n].clauses[0] for n in always if found[n].clauses]
        self._words = frozenset(word for key in keys for word in key.words)
        self._pieces = tuple(dict.fromkeys(piece for key in keys for piece in key.substrings))
        self._starts = tuple(dict.fromkeys(affix for key in keys for affix in key.starts))
        self._ends = tuple(dict.fromkeys(affix for key in keys for affix in key.ends))
        self._number = any(key.number for key in keys)
        self._ungated = len(keys) < len(always)
        # Branches a substring may open: the only ones whose gate differs in the body.
        self._substring_branches = frozenset(
            n for n, branch in enumerate(found) if any(clause.substrings for clause in branch.clauses)
        )
        self._compiled: dict[tuple[int, ...], Scanner | re.Pattern[str]] = {}
        self._gates = gates
        self.slot = gates.add(self) if gates is not None else -1

    @classmethod
    def of(
        cls,
        source: str,
        case_sensitive: bool = False,
        fragments: Mapping[str, tuple[str, ...]] | None = None,
        gates: GateIndex | None = None,
    ) -> GatedPattern:
        """The pattern ``source`` (``<<name>>`` standing for a list in ``fragments``),
        indexed in ``gates`` (the policy's index) when given."""
        from afterview.checks.gate_derivation import branches  # only when a policy is compiled

        return cls(branches(source, fragments), case_sensitive, gates)

    @classmethod
    def of_phrases(
        cls, phrases: Iterable[str], case_sensitive: bool = False, gates: GateIndex | None = None
    ) -> GatedPattern:
        """Literal phrases, as whole words (see ``phrase_regex``)."""
        from afterview.checks.gate_derivation import phrase_branches  # only when a policy is compiled

        return cls(phrase_branches(phrases), case_sensitive, gates)

    def __getstate__(self) -> dict:
        # Stored as derived, so a cached policy never derives anything again; compiled
        # regexes are not stored (each process compiles the few it needs), nor, for a
        # pattern in a policy's index, what only a pattern outside one reads (its own
        # key table and the one test for its unkeyed branches): the index decides.
        skip = _INDEXED_SKIP if self._gates is not None else ("_compiled",)
        return {name: getattr(self, name) for name in self.__slots__ if name not in skip}

    def __setstate__(self, state: dict) -> None:
        self._index, self._keys, self._words = {}, frozenset(), frozenset()
        self._pieces = self._starts = self._ends = ()
        self._number = self._ungated = False
        for name, value in state.items():
            setattr(self, name, value)
        self._compiled = {}

    @property
    def pattern(self) -> str:
        """The whole pattern as one regex (its branches in order), as ``re.Pattern.pattern``."""
        return "|".join(source for source, _ in self._branches)

    @property
    def branches(self) -> tuple[Branch, ...]:
        """The pattern's branches, with their clauses."""
        return tuple(Branch(source, tuple(Clause(*c) for c in clauses)) for source, clauses in self._branches)

    @property
    def index_words(self) -> frozenset[str]:
        """Words one of which opens some branch keyed by whole words."""
        return self._keys

    @property
    def has_unindexed(self) -> bool:
        """Some branch is keyed otherwise than by whole words (how a token starts or
        ends, a substring, a digit), or has no clause at all."""
        return bool(self._always) or len(self._keys) < len(self._index)

    def open_branches(self, analysis: Analysis, *, body_only: bool = False) -> tuple[int, ...]:
        """The branches that may match the text (or its body), in order."""
        gates = self._gates
        if gates is not None:
            opened = analysis.memo.get(gates)  # the pass's result, once it has run (no call)
            if opened is None:
                opened = gates.opened(analysis)
            numbers = opened.get(self.slot, ())
            return in_body(self, numbers, analysis) if body_only and numbers else numbers
        if self._keys.isdisjoint(analysis.tokens):
            hits = ()
        else:
            hits = sorted({n for word in self._keys & analysis.tokens for n in self._index["w", word]})
        always = self._always if self._always and self._any_unindexed(analysis, body_only) else ()
        if not (hits or always):
            return ()
        branches = self._branches
        # A hit's key clause holds (its word is a token; a start or end at least occurs):
        # the rest of its clauses are checked.
        opened = [n for n in hits if all(holds(c, analysis, body_only) for c in branches[n][1][1:])]
        opened.extend(n for n in always if all(holds(c, analysis, body_only) for c in branches[n][1]))
        return tuple(sorted(opened)) if hits and always else tuple(opened)

    def _any_unindexed(self, analysis: Analysis, body_only: bool) -> bool:
        """Some branch not keyed by words may open: one test for all of them."""
        if self._ungated or not self._words.isdisjoint(analysis.tokens) or (self._number and analysis.has_digit):
            return True
        if self._starts and analysis.has_affix(self._starts, True):
            return True
        if self._ends and analysis.has_affix(self._ends, False):
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
            return iter(())
        end = len(lower) if end is None else end
        regex = self._compiled.get(numbers) or self._regex(numbers)
        text = norm if self.case_sensitive else lower
        if end - start <= _WHOLE:  # the regex's own iterator: no generator in between
            return regex.finditer(text, start, end)
        regions = self._regions(analysis, lower, start, end, numbers)
        return (match for low, high in regions for match in regex.finditer(text, low, high))

    def _regex(self, numbers: tuple[int, ...]) -> Scanner | re.Pattern[str]:
        compiled = self._compiled.get(numbers)
        if compiled is None:
            if len(self._compiled) >= _COMPILED_SETS:
                self._compiled = {}  # swapped, never cleared under another thread's lookup
            compiled = self._compiled[numbers] = compile_branches([self._branches[n][0] for n in numbers])
        return compiled

    def _regions(self, analysis: Analysis, lower: str, start: int, end: int, numbers: tuple[int, ...]) -> list[Span]:
        """Windows between ``start`` and ``end`` around each key occurrence, merged, in order.

        A text no longer than a few windows is searched whole: finding the windows
        would cost more than the regex saves on it.
        """
        if end - start <= _WHOLE:
            return [(start, end)]
        words: set[str] = set()
        substrings: set[str] = set()
        number = False
        for n in numbers:
            clauses = self._branches[n][1]
            if not clauses:
                return [(start, end)]  # a branch with nothing known runs on the whole text
            key_words, key_substrings, key_number, key_starts, key_ends = clauses[0]
            words.update(key_words)
            substrings.update(key_substrings, key_starts, key_ends)
            number = number or key_number
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
        return merged_spans(spans)


def candidates(
    opened: list[tuple[GatedPattern, tuple[int, ...]]], analysis: Analysis, lower: str, norm: str, spans: list[Span]
) -> list[tuple[GatedPattern, tuple[int, ...]]]:
    """Of ``opened`` (patterns, each with its open branches), in order, those whose
    ``finditer`` over some of ``spans`` (in text order, apart) on these texts may find
    something: the others would find nothing.

    Each open branch's finder (``scanning.finder``) is searched once (not at all when
    the text lacks a word its matches hold whole, or none of the finders of the
    alternatives it ends with finds a place), so a text where none of them occurs
    costs no window, no generator and no alternation. A finder that reads nothing past
    where it ends searches from the first span's start to the last one's end in one go,
    when each earlier span ends before a character that is no part of a word (so
    ``\\b`` there reads as at the end). Spans long enough to be searched in windows are
    not tested (every pattern may match).
    """
    if not spans:
        return []
    joined = True  # plain loops, no generators: this runs for most patterns of most texts
    for start, end in spans:
        if end - start > _WHOLE:
            return opened
        if end < spans[-1][1] and end < len(lower) and (lower[end].isalnum() or lower[end] == "_"):
            joined = False  # (``norm`` has the same characters but for their case)
    tokens = analysis.tokens
    found_some = []
    for pattern, numbers in opened:
        text = norm if pattern.case_sensitive else lower
        branches = pattern._branches
        for number in numbers:
            found, word, reads_on, endings = finder(branches[number][0])
            ending = not endings or any(_occurs(*finder_, text, tokens, spans, joined) for finder_ in endings)
            if ending and _occurs(found, word, reads_on, text, tokens, spans, joined):
                found_some.append((pattern, numbers))
                break
    return found_some


def _occurs(
    found: Regex, word: str, reads_on: bool, text: str, tokens: frozenset[str], spans: list[Span], joined: bool
) -> bool:
    """A finder (see ``candidates``) finds a place in one of ``spans``."""
    if word and word not in tokens:
        return False  # a word every match holds whole is missing: no search at all
    if joined and not reads_on:
        return found.search(text, spans[0][0], spans[-1][1]) is not None
    return any(found.search(text, start, end) is not None for start, end in spans)


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


def merged_spans(spans: list[Span]) -> list[Span]:
    """``spans`` (sorted in place) with overlapping or touching ones joined, empty ones dropped."""
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
