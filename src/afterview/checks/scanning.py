"""Regexes whose branches open with an assertion, searched as fast as plain ones.

CPython's regex engine skips quickly to the places where a match may start only when
the pattern begins with a literal or a character class. Nearly every branch in
``guardrails/`` begins with ``\\b`` or a lookbehind (``(?<![\\w'])``) to match whole
words, so the engine tries such a pattern at every position of the text instead:
five to twenty times slower on a note.

A ``Scanner`` searches with a "finder": the same branches without that leading
assertion. The finder matches wherever the pattern does (a branch without its first,
zero-width test matches in more places, never fewer), so no match is missed; at each
place it finds, the whole pattern is tried, anchored there. As the finder never
matches before the leftmost place the pattern does, the matches are the pattern's
own, found in the same order, and the match objects are the pattern's (its groups).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from functools import lru_cache

from afterview.checks.regex_split import scan_source

__all__ = ["Scanner", "compile_branches", "finder", "reads_past_end"]

_QUANTIFIERS = "*+?{"
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_WORD_CLASS = re.compile(r"\\w|\[\\w[^\]\\]*\]")  # \w, or a class holding it ([\w'-])
_WORD_ENDS = ("\\s", "\\b", " ")
_SEPARATOR_CLASS = re.compile(r"\[(?:\\[stn]|[ '.,;:!?])+-?\]")  # [ \t], [\s-]: no letter in it
_READS_ON = re.compile(r"\$|\\Z|\(\?[=!>]|[*+?}]\+")


class Scanner:
    """A pattern (``|`` of branches) searched with its finder; see the module docstring.

    Only ``finditer`` is offered, as ``re.Pattern.finditer``.
    """

    __slots__ = ("pattern", "_finder", "_whole")

    def __init__(self, pattern: str, finder: re.Pattern[str]):
        self.pattern = pattern
        self._finder = finder
        self._whole: re.Pattern[str] | None = None  # compiled once the finder finds a place

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """As ``re.Pattern.finditer``."""
        size = len(string)
        pos, endpos = min(max(pos, 0), size), min(max(endpos, 0), size)  # as the engine clamps them
        whole = self._whole
        search = self._finder.search
        while pos <= endpos:
            place = search(string, pos, endpos)
            if place is None:
                return
            at = place.start()
            if whole is None:
                whole = self._whole = re.compile(self.pattern)
            found = whole.match(string, at, endpos)
            if found is None:
                pos = at + 1
                continue
            if found.end() == at:
                # An empty match: the rules after one are re.finditer's own, so it goes on from here.
                yield from whole.finditer(string, at, endpos)
                return
            yield found
            pos = found.end()


def compile_branches(branches: Sequence[str]) -> Scanner | re.Pattern[str]:
    """The alternation of ``branches`` (regex sources), compiled for searching.

    A ``Scanner`` when some branch opens with ``\\b`` or a lookbehind, else the plain
    compiled pattern.
    """
    pattern = "|".join(branches)
    stripped = [_without_leading_assertion(branch) for branch in branches]
    if stripped == list(branches):
        return re.compile(pattern)
    try:
        finder = re.compile("|".join(stripped))
    except re.error:  # the assertion held a group a later back reference needs
        return re.compile(pattern)
    return Scanner(pattern, finder)


Finder = tuple[re.Pattern[str], str, bool, tuple[tuple[re.Pattern[str], str, bool], ...]]
"""What ``finder`` gives: a regex, a word, whether it reads past its end, and the same
(but the last) for each alternative of the group the branch ends with."""


@lru_cache(maxsize=8192)
def finder(branch: str) -> Finder:
    """A regex that matches wherever ``branch`` (one regex source) does, between the
    same bounds, and that the engine searches as fast as a plain word: where a search of
    it finds nothing, ``branch`` cannot match either (a cheap necessary test). With it,
    a word every match holds whole ("" when none is known: where the text has no such
    token, neither can match), and whether the regex reads past its match's end
    (``reads_past_end``). Made once per process (room for every branch of a policy,
    some four thousand; few are ever asked for).

    The assertions ``branch`` opens with come after the letters that follow them
    (``\\bour\\s+`` is searched as ``our(?<!\\wour)\\s+``: the same test, made once
    "our" is found); when no letters follow, they are dropped (matching in more places).
    The optional groups it opens with are dropped too (``\\b(?:i\\s+)?(?:also\\s+)?want``
    is searched as ``want``: a search that could start a match anywhere is tens of times
    slower); the place found may then lie inside the match rather than at its start.

    A branch that opens with neither (``\\b(?:about|if|...)\\b[^.]{0,40}\\b(?:remote|...)``
    is tried at every one of those words) also gets a finder for each alternative of the
    group it ends with: every match of the branch holds a match of one of them, and
    most are keyed by a word a text lacks, so the few left are quick to search.
    """
    optional = _without_leading_options(branch)
    moved = _assertions_after_letters(branch) if optional is None else None
    if moved is not None:
        source, word = moved
    else:
        source, word = (_without_leading_assertion(branch) if optional is None else optional), ""
    try:
        found = re.compile(source)
    except re.error:  # e.g. the assertion held a group a later back reference needs
        found = re.compile(branch)  # its matches hold that word too
    endings = () if moved is not None else _ending_finders(branch)
    return found, word, reads_past_end(found.pattern), endings


def _ending_finders(branch: str) -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    """A finder (and word, and whether it reads on) for each alternative of the
    non-capturing group ``branch`` ends with, taken with the ``\\b`` just before the
    group and all that follows it: wherever ``branch`` matches, one of them matches
    inside that match. () when ``branch`` ends otherwise (no such group, an optional
    one, a single alternative), or when an alternative does not compile alone."""
    group = None
    for i, char, depth in scan_source(branch, 0):
        if char == "(" and depth == 1:
            group = (i, -1)
        elif char == ")" and depth == 0 and group is not None:
            group = (group[0], i)
        elif char == "|" and depth == 0:
            return ()  # alternatives at the top: no one group every match ends with
    if group is None or group[1] < 0 or not branch.startswith("(?:", group[0]):
        return ()
    start, close = group
    after = branch[close + 1 :]
    if after[:1] in ("?", "*", "+", "{"):
        return ()  # optional or repeated: a match need not hold one alternative as written
    inner = branch[start + 3 : close]
    cuts = [i for i, char, depth in scan_source(inner, 0) if char == "|" and depth == 0]
    if not cuts:
        return ()
    lead = "\\b" if branch.endswith("\\b", 0, start) else ""
    pieces = [inner[low + 1 : high] for low, high in zip([-1, *cuts], [*cuts, len(inner)])]
    try:
        return tuple(finder(f"{lead}(?:{piece}){after}")[:3] for piece in pieces)
    except re.error:  # an alternative refers to a group outside it
        return ()


def _without_leading_options(branch: str) -> str | None:
    """``branch`` without the assertions and the optional groups (``(?:...)?``,
    ``(?:...)*``) it opens with; None when it opens with no such group, or when what
    is left would not stand alone."""
    rest, dropped = _without_leading_assertion(branch), False
    while rest.startswith("(?:"):
        close = next((i for i, char, depth in scan_source(rest, 0) if char == ")" and depth == 0), -1)
        if close < 0 or rest[close + 1 : close + 2] not in ("?", "*"):
            break
        cut = close + 2
        if rest[cut : cut + 1] in ("?", "+"):
            cut += 1  # a lazy or possessive quantifier: the group is optional all the same
        rest, dropped = rest[cut:], True
    if not dropped or not rest or rest[0] in _QUANTIFIERS or rest[0] in "|)":
        return None
    return rest


def reads_past_end(source: str) -> bool:
    """True when whether ``source`` matches may depend on text after its match ends (or
    on where the text ends): it holds ``$``, ``\\Z``, a lookahead, a possessive
    quantifier or an atomic group (judged on the source's characters: an escaped ``$``
    counts too, which errs on the safe side). ``\\b`` and ``\\B`` are left to the caller."""
    return _READS_ON.search(source) is not None


def _assertions_after_letters(branch: str) -> tuple[str, str] | None:
    """``branch`` with its leading ``\\b`` and lookbehinds moved after the run of
    letters and digits that follows them (inside any groups opened first), each made
    to look back over those letters too (a negative one for other words than a word's
    end dropped), and those letters when they are a whole word of
    every match ("" when not); None when ``branch`` is not of that shape, or when a
    group opened first has other alternatives the assertions also guard."""
    rest, checks = branch, []
    while True:
        if rest.startswith("\\b"):
            checks.append(None)
            rest = rest[2:]
        elif rest.startswith(("(?<=", "(?<!")):
            cut = _group_end(rest)
            if cut < 0:
                return None
            checks.append((rest[:4], rest[4 : cut - 1]))
            rest = rest[cut:]
        else:
            break
    groups = 0
    while rest.startswith("(?:"):
        groups += 1
        rest = rest[3:]
    size = 0
    while size < len(rest) and rest[size] in _LETTERS:
        size += 1
    if size < len(rest) and rest[size] in _QUANTIFIERS:
        size -= 1  # "ours?": the "s" is optional
    if not checks or size <= 0 or not _closes_without_alternatives(rest[size:], groups):
        return None
    letters, after = rest[:size], rest[size:]
    # All hold at one place, so their order is free: "\\b" first, the cheapest and most often false.
    # A lookbehind for other words ("(?<!love\\s)" before "to work") is left out: it
    # seldom fails, and each costs a test wherever the letters are found.
    moved = "".join(
        f"(?<!\\w{letters})" if check is None else f"{check[0]}(?:{check[1]}){letters})"
        for check in sorted(checks, key=lambda check: check is not None)
        if check is None or check[0] == "(?<=" or _WORD_CLASS.fullmatch(check[1])
    )
    source = "(?:" * groups + letters + moved + after
    # A whole word of every match: nothing of a word just before the letters; just
    # after them (past groups they close, none optional) a space or a boundary; and no
    # other alternative anywhere that could match without them.
    closed = len(after) - len(after.lstrip(")"))
    ended = after[closed:]
    whole = (
        any(check is None or (check[0] == "(?<!" and _WORD_CLASS.fullmatch(check[1])) for check in checks)
        and closed <= groups
        and (ended.startswith(_WORD_ENDS) or _SEPARATOR_CLASS.match(ended) is not None)
        and not _has_alternative_outside(after)
    )
    return source, letters if whole else ""


def _has_alternative_outside(source: str) -> bool:
    """A ``|`` stands in ``source`` outside every group opened in it (in a group it
    closes, or at the top level)."""
    floor = 0
    for _, char, depth in scan_source(source, 0):
        if char == ")":
            floor = min(floor, depth)
        elif char == "|" and depth <= floor:
            return True
    return False


def _closes_without_alternatives(source: str, groups: int) -> bool:
    """No ``|`` stands directly in any of the ``groups`` groups ``source`` is inside,
    before the last of them closes (one at the top level keeps its meaning: the
    assertions guarded only the first alternative anyway)."""
    if groups == 0:
        return True
    for _, char, depth in scan_source(source, 0):
        if char == "|" and depth <= 0:  # in one of those groups (or, to be safe, a later one)
            return False
        if char == ")" and depth == -groups:
            return True
    return True


def _without_leading_assertion(branch: str) -> str:
    """``branch`` without the ``\\b`` or lookbehinds it opens with (unchanged when it opens otherwise,
    or when what is left would not stand alone)."""
    rest = branch
    while True:
        if rest.startswith("\\b"):
            cut = 2
        elif rest.startswith(("(?<=", "(?<!")):
            cut = _group_end(rest)
            if cut < 0:
                return branch
        else:
            break
        rest = rest[cut:]
    if not rest or rest[0] in _QUANTIFIERS or rest[0] in "|)":
        return branch
    return rest


def _group_end(source: str) -> int:
    """The index just past the lookbehind ``source`` opens with, or -1 when it holds a group
    of its own (left alone, so no group is renumbered) or does not close."""
    in_class = False
    i = 3
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source.startswith("[]", i) or source.startswith("[^]", i):
                i += 2 if source[i + 1] == "]" else 3  # a "]" first in a class is a literal
                continue
        elif char == "(":
            return -1
        elif char == ")":
            return i + 1
        i += 1
    return -1
