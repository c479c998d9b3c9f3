"""Normalise a note once, before any check matches it, and map spans back.

Every check matches the same prepared text, so a term hidden by an invisible joiner
("preg\u200dnant") or a look-alike letter (Cyrillic "а" in "pregnаnt") is seen as
written, and a hidden character cannot break an exception either. Steps:

1. NFKC, per cluster (a letter with its combining marks), so fullwidth and
   mathematical letters become plain ones.
2. Drop invisible and format characters: Unicode category Cf (zero-width joiners and
   spaces, bidi controls, soft hyphen), the combining grapheme joiner, variation
   selectors and the Hangul fillers that render as nothing.
3. Map look-alike letters (Cyrillic, Greek, ...) to Latin, in words whose every
   non-ASCII letter has a Latin look-alike. The table (``confusables.txt`` in the
   guardrails folder) is read only when a text holds a non-ASCII letter.

``Prepared.to_original`` maps a span of the prepared text to the characters of the
text as given, so line:column in ``afterview check`` points at what the person typed.
``Prepared.hidden`` lists the words that held hidden characters or mixed look-alike
letters into Latin ones; ``run_checks`` reports them as their own finding.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from afterview.checks.note import non_ascii_chars
from afterview.checks.reader import PolicyError
from afterview.checks.types import Finding
from afterview.frozen import Frozen, replace

Span = tuple[int, int]

CONFUSABLES_FILE = "confusables.txt"
"""The look-alike table, in the guardrails folder: ``<hex code point> <latin letter>`` a line."""

# Invisible characters outside category Cf: combining grapheme joiner, Hangul fillers.
_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u3164\uffa0")


class Prepared(Frozen):
    """A text as the checks see it, with the way back to the text as given.

    Attributes:
        original: the text exactly as given.
        text: normalised (see the module docstring).
        index: for each character of ``text``, the index in ``original`` it came from;
            None when ``text`` is ``original``.
        hidden: spans in ``original`` of words that held hidden characters or
            look-alike letters among Latin ones.
    """

    original: str
    text: str
    index: tuple[int, ...] | None = None
    hidden: tuple[Span, ...] = ()

    def to_original(self, start: int, end: int) -> Span:
        """Map ``text[start:end]`` to the span of ``original`` it came from."""
        index = self.index
        if index is None:
            return start, end
        size = len(index)
        if end <= start:
            position = index[start] if start < size else len(self.original)
            return position, position
        finish = index[min(end, size) - 1] + 1
        # A letter's combining marks belong to it.
        while finish < len(self.original) and unicodedata.combining(self.original[finish]):
            finish += 1
        return index[start], finish

    def restore(self, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` with their spans mapped back into ``original``."""
        if self.index is None:
            return list(findings)
        restored = []
        for finding in findings:
            if finding.start is None or finding.end is None:
                restored.append(finding)
            else:
                start, end = self.to_original(finding.start, finding.end)
                restored.append(replace(finding, start=start, end=end))
        return restored


def prepare(text: str, guardrails: Path) -> Prepared:
    """Normalise ``text`` for matching (cached: each check round prepares a text once).

    ``guardrails`` is the folder holding ``confusables.txt``.
    """
    if text.isascii():
        return Prepared(text, text)  # nothing to fold, drop or map: no offset map either
    return _prepare_non_ascii(text, guardrails)


@lru_cache(maxsize=256)
def _prepare_non_ascii(text: str, guardrails: Path) -> Prepared:
    # Cached: ``run_checks`` and the sensitive check both ask for the same text.
    if _unchanged(text, guardrails):
        return Prepared(text, text)
    return _prepare(text, guardrails)


def _unchanged(text: str, guardrails: Path) -> bool:
    """True when preparing ``text`` would change nothing (curly quotes, accented names):
    decided from its few non-ASCII characters, with C-speed scans of the whole text."""
    odd = non_ascii_chars(text)
    if any(_invisible(c) for c in odd) or not unicodedata.is_normalized("NFKC", text):
        return False
    letters = [c for c in odd if c.isalpha()]
    return not letters or not any(c in confusables(guardrails) for c in letters)


def _prepare(text: str, guardrails: Path) -> Prepared:
    chars: list[str] = []
    index: list[int] = []
    dropped_inside: list[int] = []  # original positions of invisible characters between letters
    size = len(text)
    i = 0
    while i < size:
        char = text[i]
        if _invisible(char):
            if chars and chars[-1].isalnum() and _next_visible_is_alnum(text, i + 1):
                dropped_inside.append(i)
            i += 1
            continue
        j = i + 1
        while j < size and unicodedata.combining(text[j]) and not _invisible(text[j]):
            j += 1
        cluster = text[i:j]
        folded = cluster if cluster.isascii() else unicodedata.normalize("NFKC", cluster)
        for out in folded:
            if not _invisible(out):
                chars.append(out)
                index.append(i)
        i = j
    mixed = _map_look_alikes(chars, guardrails) if _has_non_ascii_letter(chars) else []
    prepared = "".join(chars)
    hidden = _hidden_words(text, index, prepared, dropped_inside, mixed)
    if prepared == text:
        return Prepared(text, text, None, hidden)
    return Prepared(text, prepared, tuple(index), hidden)


def _invisible(char: str) -> bool:
    if char.isascii():
        return False
    if char in _INVISIBLE_EXTRA:
        return True
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:  # variation selectors
        return True
    return unicodedata.category(char) == "Cf"


def _next_visible_is_alnum(text: str, start: int) -> bool:
    for char in text[start : start + 8]:
        if not _invisible(char):
            return char.isalnum()
    return False


def _has_non_ascii_letter(chars: list[str]) -> bool:
    return any(not c.isascii() and c.isalpha() for c in chars)


def _map_look_alikes(chars: list[str], guardrails: Path) -> list[int]:
    """Replace look-alike letters in place; return positions (in ``chars``) of words that
    mixed look-alikes with ASCII letters."""
    table = confusables(guardrails)
    mixed: list[int] = []
    size = len(chars)
    i = 0
    while i < size:
        if not chars[i].isalpha():
            i += 1
            continue
        j = i
        while j < size and (chars[j].isalpha() or chars[j] in "'-"):
            j += 1
        foreign = [k for k in range(i, j) if not chars[k].isascii() and chars[k].isalpha()]
        if foreign and all(chars[k] in table for k in foreign):
            # Only another alphabet's letter hides in a Latin word; a Latin letter of its
            # own ("ı" in Yılmaz, "ł" in Łukasz) is mapped for matching but never flagged.
            other_script = any(not unicodedata.name(chars[k], "").startswith("LATIN") for k in foreign)
            if other_script and any(chars[k].isascii() and chars[k].isalpha() for k in range(i, j)):
                mixed.append(i)
            for k in foreign:
                chars[k] = table[chars[k]]
        i = j
    return mixed


def _hidden_words(
    original: str, index: list[int], prepared: str, dropped: list[int], mixed: list[int]
) -> tuple[Span, ...]:
    """Spans in ``original`` of the words holding a dropped character or mixed letters."""
    spans: set[Span] = set()
    for position in dropped:
        spans.add(_word_around(original, position))
    for start in mixed:
        end = start
        while end < len(prepared) and (prepared[end].isalpha() or prepared[end] in "'-"):
            end += 1
        begin = index[start]
        finish = index[end] if end < len(index) else len(original)
        spans.add((begin, finish))
    return tuple(sorted(spans))


def _word_around(text: str, position: int) -> Span:
    start = position
    while start > 0 and (text[start - 1].isalnum() or _invisible(text[start - 1])):
        start -= 1
    end = position
    while end < len(text) and (text[end].isalnum() or _invisible(text[end])):
        end += 1
    return start, end


@lru_cache(maxsize=4)
def confusables(guardrails: Path) -> Mapping[str, str]:
    """The look-alike table: character -> the Latin letter it is drawn like."""
    table: dict[str, str] = {}
    path = guardrails / CONFUSABLES_FILE
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split()
        if len(fields) != 2 or not fields[1].isascii() or len(fields[1]) != 1:
            raise PolicyError(f"{path.parent.name}/{CONFUSABLES_FILE}: line {number}: expected '<hex> <letter>'")
        table[chr(int(fields[0], 16))] = fields[1]
    return table
