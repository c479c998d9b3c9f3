"""Splitting a regex into its alternatives, from its source text (see ``checks.gates``).

``split_alternatives`` gives the top-level alternatives of a pattern, each a regex of
its own, so that only those whose words a text holds are compiled and run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_MAX_COPIED = 2000  # the most pattern text a split may copy into its branches in all


def split_alternatives(source: str) -> list[str]:
    """The top-level alternatives of ``source``, flattened: ``a|b`` gives a and b, and
    ``\\b(?:a|b)c`` gives ``\\b(?:a)c`` and ``\\b(?:b)c`` (only assertions may precede the
    group, so the order in which a match is tried stays the same)."""
    if source.startswith("(?") and re.match(r"\(\?[a-zA-Z]+\)", source):
        return [source]  # global flags apply to every branch: keep it whole
    parts = _top_level(source, "|")
    if len(parts) > 1:
        return [piece for part in parts for piece in split_alternatives(part)]
    prefix_end = _assertion_prefix(source)
    if prefix_end is None or not source.startswith("(?:", prefix_end):
        return [source]
    close = _closing(source, prefix_end)
    if close is None or (close + 1 < len(source) and source[close + 1] in "?*+{"):
        return [source]
    inner = source[prefix_end + 3 : close]
    alternatives = split_alternatives(inner)
    if len(alternatives) == 1:
        return [source]
    head, tail = source[:prefix_end], source[close + 1 :]
    if _CAPTURE.search(head + tail):
        return [source]  # copies of a capturing group would clash (or renumber)
    if (len(head) + len(tail)) * (len(alternatives) - 1) > _MAX_COPIED:
        return [source]  # each copy would be parsed again when the policy is compiled
    return [f"{head}(?:{alternative}){tail}" for alternative in alternatives]


def _top_level(source: str, separator: str) -> list[str]:
    parts, start = [], 0
    for i, char, depth in scan_source(source, 0):
        if char == separator and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return parts


def _closing(source: str, start: int) -> int | None:
    """The index of the parenthesis closing the group opening at ``start``."""
    for i, char, depth in scan_source(source, start):
        if char == ")" and depth == 0:
            return i
    return None


def scan_source(source: str, start: int) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth of parentheses after it) for each character of
    ``source`` from ``start`` outside escapes and character classes."""
    depth, i, size = 0, start, len(source)
    while i < size:
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(source, i)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        yield i, char, depth
        i += 1


def _class_end(source: str, i: int) -> int:
    """The index just after the character class opening at ``i``."""
    j = i + 1
    if j < len(source) and source[j] == "^":
        j += 1
    if j < len(source) and source[j] == "]":
        j += 1
    while j < len(source) and source[j] != "]":
        j += 2 if source[j] == "\\" else 1
    return j + 1


_CAPTURE = re.compile(r"(?<!\\)\((?!\?)|\(\?P<")
_ASSERTION = re.compile(r"\\b|\^|\(\?<?[=!]")


def _assertion_prefix(source: str) -> int | None:
    """Where the leading run of zero-width assertions (``\\b``, look-arounds) ends."""
    i = 0
    while True:
        match = _ASSERTION.match(source, i)
        if match is None:
            return i
        if match.group() in ("\\b", "^"):
            i = match.end()
            continue
        close = _closing(source, i)
        if close is None:
            return None
        i = close + 1
