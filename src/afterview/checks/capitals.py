"""The capitalised words of a note's body, found once for the checks that look for names.

A capitalised word is a run of letters, digits, apostrophes and hyphens that starts
a word (no such character just before it) with a letter that is not an ASCII small
letter: "Northwind", "O'Neil", "Jordan's", "José" (and "école": outside ASCII, any
letter counts). ``people``, ``employer`` and ``grounding`` all start from these words,
and most are the record's or ordinary ones, so each check asks where the few words
it does not know occur (``places``) instead of reading every match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, KeysView

from afterview.checks.patterns import LazyRegex
from afterview.checks.text import Analysis

# The first class comes first (the regex engine skips ahead to it); the lookbehind then
# tests the character before it. ASCII capitals and other characters are found apart:
# each class is quick to scan for, while one class of both is tested character by character.
_ASCII_START = LazyRegex(r"[A-Z](?<![\w'-].)[\w'-]*")
_OTHER_START = LazyRegex(r"[^\x00-\x7f](?<![\w'-].)[\w'-]*")
# A word character that is not a digit, an underscore or an ASCII small letter.
_CAPITAL = LazyRegex(r"[^\W\d_a-z]")
# An ASCII text (most notes: curly quotes are folded) is scanned in a copy of its bytes
# with each capital made "A" and each other character a word holds (letters, digits,
# "_", "'", "-") made "a"; the rest, none of them a letter, stay. The same words start
# at the same offsets, and a literal first character lets the regex engine skip ahead
# as it cannot to a class: the scan takes a third of the time.
_CAPITALS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_WORD_CHARS = b"abcdefghijklmnopqrstuvwxyz0123456789_'-"
_SHAPES = bytes.maketrans(_CAPITALS + _WORD_CHARS, b"A" * len(_CAPITALS) + b"a" * len(_WORD_CHARS))
_SHAPE_START = LazyRegex(rb"A(?<![Aa].)[Aa]*")
# Capitalised words as written a ``KnownWords`` remembers before it starts afresh.
_WORDS_LEARNT = 20_000


def capitalised_words(analysis: Analysis) -> dict[str, list[int]]:
    """The body's capitalised words as written, each with where it starts in ``norm``
    (in text order), found once per analysis."""
    return analysis.remembered(capitalised_words, _capitalised_words)


def _capitalised_words(analysis: Analysis) -> dict[str, list[int]]:
    start, end = analysis.body
    norm = analysis.norm
    where: dict[str, list[int]] = {}
    if norm.isascii():
        for match in _SHAPE_START.finditer(norm.encode().translate(_SHAPES), start, end):
            low, high = match.span()
            where.setdefault(norm[low:high], []).append(low)
        return where
    for match in _ASCII_START.finditer(norm, start, end):
        where.setdefault(match.group(), []).append(match.start())
    for match in _OTHER_START.finditer(norm, start, end):
        if _CAPITAL.match(match.group()):
            where.setdefault(match.group(), []).append(match.start())
    return where


def places(analysis: Analysis, words: Iterable[str]) -> list[tuple[int, str]]:
    """(position in ``norm``, word) of each occurrence of ``words`` (some of
    ``capitalised_words``) as a capitalised word in the body, in text order."""
    where = capitalised_words(analysis)
    return sorted((position, word) for word in words for position in where[word])


class KnownWords:
    """Capitalised words as written ("Northwind", "Thank", "Jordan's") sorted into those
    a check knows (by ``knows``, for one record and policy) and the others, learnt as
    notes come: most recur note after note, so a note's words are told apart with two
    set differences, and only new words are asked about."""

    __slots__ = ("_knows", "_known", "_others")

    def __init__(self, knows: Callable[[str], bool]) -> None:
        self._knows = knows
        self._known: set[str] = set()
        self._others: set[str] = set()

    def others(self, words: KeysView[str]) -> set[str]:
        """The words of ``words`` (``capitalised_words``) the check does not know."""
        if len(self._known) + len(self._others) > _WORDS_LEARNT:
            self._known.clear()
            self._others.clear()
        for word in words - self._known - self._others:
            (self._known if self._knows(word) else self._others).add(word)
        return words - self._known
