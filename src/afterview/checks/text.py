"""One analysis per text, shared by every check: normalised forms, parts, tokens.

Checks match against ``lower``, a normalised, lower-cased copy of the text, with
patterns written in lower case (faster than case-insensitive matching). Normalising
(NFKC, curly quotes to ASCII, zero-width characters dropped) may change offsets, so
``Analysis.to_raw`` maps a span back to the text exactly as given.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from afterview.checks.note import RECENT_TEXTS, NoteParts, Span, count_words, non_ascii_chars, split_note
from afterview.frozen import Frozen

AFFIX = 3
"""Letters a word's start or end must have to gate a pattern by it."""
T = TypeVar("T")

# Same-length replacements applied to every text.
_FOLDS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ",
    "\u2010": "-", "\u2011": "-",
}  # fmt: skip
_FOLD = str.maketrans(_FOLDS)
# Characters that hide inside words ("rel\u200bigion"): dropped before matching.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# The token split as a translation of UTF-8 bytes (a table lookup per byte, several
# times quicker than str.translate): ASCII letters and digits kept, other ASCII made
# spaces, the bytes of non-ASCII characters kept, so a text whose non-ASCII characters
# are all letters or digits splits as the regex of ``tokens_of`` splits it.
_TOKEN_SEPARATORS = bytes(byte if chr(byte).isalnum() or byte >= 128 else 32 for byte in range(256))
_DIGITS = "0123456789"
_UNSET = object()  # nothing remembered under a key yet
# Sentence ends: a line break, a semicolon, or a run of . ! ? (with closing quotes and
# brackets) followed by the end of the line, or by a space and a capital, digit, quote
# or bracket ("U.S. citizen" stays one sentence). The run is possessive, so a run that
# is no end is passed over whole; after the space, a non-ASCII character is judged in
# code. One class comes first, so the engine skips to the next candidate. Compiled on
# first use (a tenth of a millisecond), not at import.
_SENTENCE_END = r"[.!?;\n](?:(?<=[;\n])|[.!?\"')\]]*+(?=[ \t]*+(?:\n|\Z)|[ \t]++(?:[A-Z0-9\"'(\[]|[^\x00-\x7f])))"
# What ends a clause: ``Analysis.next_break``, ``previous_break`` and ``has_break``.
_BREAKS = ".!?;\n"
_MASK_FILL = re.compile(r"\S")
# Small words of names ("Society of Women Engineers") that are not masked on their own.
_MASK_STOPWORDS = frozenset("of the and for at in on de la le du von van st a an &".split())


class Analysis:
    """A text prepared once for every check (not frozen only so sentence ends and
    breaks can be computed the first time a check asks for them).

    Attributes:
        raw: the text exactly as given.
        norm: NFKC-normalised, quotes folded, invisible characters dropped; same case.
        lower: ``norm`` lower-cased, same length as ``norm``.
        parts: the note's parts, as offsets into ``norm``.
        tokens: lower-cased alphanumeric tokens of the whole text (checks that look
            at the body only use it as a superset, then search the body).
        has_digit: the text holds a digit.
        memo: what ``remembered`` computed, by key (read directly where a call costs
            too much: the gate pass's result is asked for dozens of times a text).
    """

    # A plain class, not a dataclass: cheaper to define at start-up (see afterview.findings).
    __slots__ = ("raw", "norm", "lower", "parts", "tokens", "has_digit", "_index", "_sentence_ends", "_breaks",
                 "_contains", "memo")

    def __init__(
        self,
        raw: str,
        norm: str,
        lower: str,
        parts: NoteParts,
        tokens: frozenset[str],
        has_digit: bool,
        _index: list[int] | None = None,
    ) -> None:
        self.raw = raw
        self.norm = norm
        self.lower = lower
        self.parts = parts
        self.tokens = tokens
        self.has_digit = has_digit
        self._index = _index
        self._sentence_ends: list[int] | None = None
        self._breaks: list[int] | None = None
        self._contains: dict[tuple, bool] | None = None
        self.memo: dict[object, object] = {}

    @property
    def body(self) -> Span:
        """The body's span in ``norm``."""
        return self.parts.body

    def to_raw(self, start: int, end: int) -> Span:
        """Map a span of ``norm``/``lower`` to the same characters of ``raw``."""
        if self._index is None:
            return start, end
        if end <= start:
            position = self._index[start] if start < len(self._index) else len(self.raw)
            return position, position
        return self._index[start], self._index[end - 1] + 1

    def contains_any(self, substrings: tuple[str, ...], body_only: bool = False) -> bool:
        """One of ``substrings`` occurs in ``lower`` (in the body's part of it, with
        ``body_only``); remembered, as many gates ask about the same pieces of words."""
        if self._contains is None:
            self._contains = {}
        key = (substrings, body_only)
        found = self._contains.get(key)
        if found is None:
            start, end = self.parts.body if body_only else (0, len(self.lower))
            find = self.lower.find
            found = self._contains[key] = any(find(s, start, end) != -1 for s in substrings)
        return found

    def remembered(self, key: object, make: Callable[[Analysis], T]) -> T:
        """``make(self)``, computed once per analysis for each ``key`` (held by identity)."""
        value = self.memo.get(key, _UNSET)  # not try/except: the first ask of each key would raise
        if value is _UNSET:
            value = self.memo[key] = make(self)
        return value  # type: ignore[return-value]

    def has_affix(self, affixes: tuple[str, ...], starts: bool) -> bool:
        """Some token starts (or, ``starts`` false, ends) with one of ``affixes``; remembered."""
        if self._contains is None:
            self._contains = {}
        key = ("affix", affixes, starts)
        found = self._contains.get(key)
        if found is None:
            lower = self.lower
            found = self._contains[key] = any(at_token_edge(lower, a, starts) for a in affixes)
        return found

    def next_break(self, position: int, high: int) -> int:
        """Offset just after the first . ! ? ; or line break at or after ``position``
        (``high`` when there is none before it)."""
        breaks = self._break_positions()
        i = bisect.bisect_left(breaks, position)
        return min(high, breaks[i] + 1) if i < len(breaks) else high

    def previous_break(self, position: int, low: int) -> int:
        """Offset just after the last . ! ? ; or line break before ``position`` (at least ``low``)."""
        breaks = self._break_positions()
        i = bisect.bisect_left(breaks, position)
        return max(low, breaks[i - 1] + 1) if i else low

    def has_break(self, low: int, high: int) -> bool:
        """Some . ! ? ; or line break lies in ``norm[low:high]``: one search of that
        stretch, not a list of every break of the text, until something needs the list."""
        breaks = self._breaks
        if breaks is None:
            return _break().search(self.norm, low, high) is not None
        i = bisect.bisect_left(breaks, low)
        return i < len(breaks) and breaks[i] < high

    def _break_positions(self) -> list[int]:
        if self._breaks is None:
            found = []
            text = self.norm
            for char in _BREAKS:  # str.find is quicker here than a regex over the text
                position = text.find(char)
                while position != -1:
                    found.append(position)
                    position = text.find(char, position + 1)
            found.sort()
            self._breaks = found
        return self._breaks

    def sentence(self, start: int, end: int | None = None) -> Span:
        """The bounds of the sentence holding ``norm[start:end]``."""
        if self._sentence_ends is None:
            self._sentence_ends = sentence_ends(self.norm)
        ends = self._sentence_ends
        i = bisect.bisect_right(ends, start)
        sentence_start = ends[i - 1] if i else 0
        j = bisect.bisect_left(ends, end if end is not None else start + 1)
        sentence_end = ends[j] if j < len(ends) else len(self.norm)
        return sentence_start, sentence_end


@lru_cache(maxsize=RECENT_TEXTS)
def analyse(text: str) -> Analysis:
    """Analyse ``text`` once; every check on the same text reuses the result."""
    norm, index = normalise(text)
    lower = lower_same_length(norm)
    return Analysis(
        raw=text,
        norm=norm,
        lower=lower,
        parts=split_note(norm),
        tokens=tokens_of(lower),
        has_digit=any(map(norm.__contains__, _DIGITS)),
        _index=index,
    )


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end of ``text`` (see ``_SENTENCE_END``)."""
    found = _sentence_end().finditer(text)
    if text.isascii():
        return list(map(re.Match.end, found))
    ends = []
    for match in found:
        end = following = match.end()
        if text[end - 1] not in ";\n":
            while following < len(text) and text[following] in " \t":
                following += 1
            # The pattern lets any non-ASCII character after the gap through: only a
            # capital or a digit of another script opens a sentence.
            if following < len(text) and not text[following].isascii():
                if not (text[following].isupper() or text[following].isdigit()):
                    continue
        ends.append(end)
    return ends


@lru_cache(maxsize=1)
def _sentence_end() -> re.Pattern[str]:
    return re.compile(_SENTENCE_END)


@lru_cache(maxsize=1)
def _break() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(_BREAKS)}]")


def normalise(text: str) -> tuple[str, list[int] | None]:
    """Return the matching form of ``text`` and, when lengths differ, an offset map.

    The map gives, for each character of the result, the index of the character of
    ``text`` it came from. None means offsets are unchanged.
    """
    if text.isascii():
        return text, None
    if unicodedata.is_normalized("NFKC", text) and not _INVISIBLE.search(text):
        return _folded(text), None
    pieces: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        if _INVISIBLE.match(char):
            continue
        folded = unicodedata.normalize("NFKC", char).translate(_FOLD)
        pieces.append(folded)
        index.extend([i] * len(folded))
    return "".join(pieces), index


def _folded(text: str) -> str:
    """``text.translate(_FOLD)``, one ``str.replace`` per character it holds: a
    translation maps a non-ASCII text a character at a time, tens of times slower."""
    for char, plain in _FOLDS.items():
        if char in text:
            text = text.replace(char, plain)
    return text


def lower_same_length(text: str) -> str:
    """Lower-case ``text`` without changing its length ("İ" stays as it is)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def tokens_of(lowered: str) -> frozenset[str]:
    """Alphanumeric tokens of a lower-cased text ("i'm" gives "i" and "m")."""
    if lowered.isascii() or all(char.isalnum() for char in non_ascii_chars(lowered)):
        return frozenset(lowered.encode().translate(_TOKEN_SEPARATORS).decode().split())
    return frozenset(re.findall(r"[^\W_]+", lowered))


def at_token_edge(lowered: str, piece: str, starts: bool) -> bool:
    """``piece`` (letters) begins (``starts``) or ends some token of ``lowered``: it
    occurs there with no letter or digit just before it (after it)."""
    position = lowered.find(piece)
    size, last = len(piece), len(lowered)
    while position != -1:
        if starts:
            if position == 0 or not lowered[position - 1].isalnum():
                return True
        elif position + size == last or not lowered[position + size].isalnum():
            return True
        position = lowered.find(piece, position + 1)
    return False


def word_count(analysis: Analysis, span: Span) -> int:
    """Words in ``analysis.norm[span]``, counted as the brevity check counts them."""
    return count_words(analysis.norm[span[0] : span[1]])


class Masked(Frozen):
    """A text with the record's own names replaced by same-length filler.

    Attributes:
        norm: ``Analysis.norm`` with names masked (everything else keeps its case).
        lower: ``Analysis.lower`` with the same names masked.
    """

    norm: str
    lower: str


def masked(text: str, proper_nouns: Sequence[str]) -> Masked:
    """``text`` analysed, with every occurrence of the record's names masked (see ``mask_spans``)."""
    return _masked(text, tuple(proper_nouns))


@lru_cache(maxsize=RECENT_TEXTS)
def _masked(text: str, proper_nouns: tuple[str, ...]) -> Masked:
    analysis = analyse(text)
    spans = mask_spans(analysis, proper_nouns) if proper_nouns else []
    if not spans:
        return Masked(analysis.norm, analysis.lower)
    return Masked(_fill(analysis.norm, spans), _fill(analysis.lower, spans))


def mask_spans(analysis: Analysis, proper_nouns: tuple[str, ...]) -> list[Span]:
    """Where the record's names occur in ``analysis.norm``.

    A whole name is found ignoring case ("temple university"). Each capitalised word
    of a name is also found on its own, with its capital ("Dear Faith," for "Faith
    Christian"), so "my faith" in lower case stays visible to the sensitive check.
    """
    whole, words = _mask_terms(proper_nouns)
    spans: list[Span] = []
    for term in whole:
        spans.extend(_occurrences(analysis.lower, term))
    for word in words:
        spans.extend(_occurrences(analysis.norm, word))
    return spans


def whole_name_spans(analysis: Analysis, proper_nouns: Sequence[str]) -> list[Span]:
    """Where the record's names occur whole, ignoring case ("Northwind Pay", not "Pay" alone)."""
    whole, _ = _mask_terms(tuple(proper_nouns))
    return [span for term in whole for span in _occurrences(analysis.lower, term)]


@lru_cache(maxsize=256)
def _mask_terms(proper_nouns: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    whole: set[str] = set()
    words: set[str] = set()
    for noun in proper_nouns:
        norm = " ".join(normalise(noun)[0].split())
        if not norm:
            continue
        whole.add(lower_same_length(norm))
        for word in re.findall(r"[\w'.&-]+", norm):
            word = word.strip(".'-")
            if len(word) >= 2 and word[0].isupper() and word.lower() not in _MASK_STOPWORDS:
                words.add(word)
    return tuple(sorted(whole, key=len, reverse=True)), tuple(sorted(words, key=len, reverse=True))


def _occurrences(haystack: str, needle: str) -> list[Span]:
    """Whole-word occurrences of ``needle`` (plain substring search, boundary-checked)."""
    found: list[Span] = []
    size = len(needle)
    position = haystack.find(needle)
    while position != -1:
        end = position + size
        before_ok = position == 0 or not _is_word_char(haystack[position - 1])
        after_ok = end == len(haystack) or not _is_word_char(haystack[end])
        if before_ok and after_ok:
            found.append((position, end))
        position = haystack.find(needle, position + 1)
    return found


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _fill(text: str, spans: list[Span]) -> str:
    """Replace everything but spaces inside ``spans`` with "z", keeping length and spacing."""
    pieces = []
    cursor = 0
    for start, end in sorted(spans):
        start = max(start, cursor)
        if start >= end:
            continue
        pieces.append(text[cursor:start])
        pieces.append(_MASK_FILL.sub("z", text[start:end]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
