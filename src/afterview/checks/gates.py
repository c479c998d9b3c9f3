"""Gates derived from a pattern's own words, when the policy is compiled.

A pattern in ``guardrails/`` is split into its top-level alternatives ("branches",
also those of a group that only assertions precede, such as a list of phrases). For
each branch, the words every match must contain are read off the regex itself, by
walking CPython's parse of it: a branch such as
``\\blook(?:ing|s)?\\s+forward\\s+to\\s+(?:start|join)\\b`` can only match a text whose
tokens include one of "look", "looking", "looks", and "forward", and one of "start",
"join". Each such requirement is a ``Clause``; a branch may match only where all its
clauses hold, which a set lookup per clause decides. Nothing is listed by hand, so a
rule added to the data later is gated as soon as it is written.

What the walk treats as known is deliberately narrow: literal characters, small
character classes ("[sz]"), classes that never match a letter or digit (``\\s``,
``[\\s-]``), digits, and bounded repeats of those. Anything else (``\\w+``, ``.``,
``[^.?!\\n]{0,60}``, a back reference) is unknown: it requires nothing, and a word next
to it is only known as a substring, not as a whole token. A branch with nothing known
(pure character classes) has no clause and always runs.

Only speed depends on which clause is chosen to find where a branch may match (the
"key", see ``patterns.GatedPattern``): the rarest, judged by a list of common words
and by length.

This module holds what a compiled policy stores (``Clause``, ``Branch``, which a
compiled pattern keeps as plain tuples of their fields);
``checks.gate_derivation`` derives them, only when a policy is compiled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from afterview.frozen import NamedTuple

if TYPE_CHECKING:
    from afterview.checks.text import Analysis

__all__ = ["Branch", "Clause", "holds", "phrase_body", "phrase_order", "phrase_regex"]


class Clause(NamedTuple):
    """One requirement of a branch: one of ``words`` is a token of the text, or a token
    starts with one of ``starts`` or ends with one of ``ends``, or one of ``substrings``
    occurs in it, or (``number``) it holds a digit."""

    words: tuple[str, ...] = ()  # a tuple, not a set: a cached policy loads it without hashing
    substrings: tuple[str, ...] = ()
    number: bool = False
    starts: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()

    def holds(self, analysis: Analysis, body_only: bool = False) -> bool:
        """True when the text (or, for substrings, its body) meets the clause."""
        return holds(self, analysis, body_only)

    @property
    def looked_up(self) -> bool:
        """Decided by token lookups alone (no substring search, no digit)."""
        return not (self.substrings or self.number or self.starts or self.ends)

    def __reduce__(self) -> tuple:
        return _as_tuple, (type(self), tuple(self))  # a cached policy loads at C speed


class Branch(NamedTuple):
    """One alternative of a pattern, with what any of its matches contains.

    Attributes:
        source: the branch as a regex of its own.
        clauses: all must hold for the branch to match; the first is the key.
    """

    source: str
    clauses: tuple[Clause, ...]

    def __reduce__(self) -> tuple:
        return _as_tuple, (type(self), tuple(self))


def holds(clause: tuple, analysis: Analysis, body_only: bool = False) -> bool:
    """True when the text (or, for substrings, its body) meets ``clause``: a ``Clause``
    or the plain tuple of its fields (as a compiled pattern keeps it)."""
    words, substrings, number, starts, ends = clause
    if not analysis.tokens.isdisjoint(words) or (number and analysis.has_digit):
        return True
    if starts and analysis.has_affix(starts, True):
        return True
    if ends and analysis.has_affix(ends, False):
        return True
    return bool(substrings) and analysis.contains_any(substrings, body_only)


_as_tuple = tuple.__new__  # rebuilds a stored Clause or Branch without calling Python code


def phrase_regex(phrases: Iterable[str]) -> str:
    """One alternation matching any of the literal phrases as whole words.

    Spaces in a phrase match any run of spaces or hyphens; longer phrases come first
    so "gray hair" wins over "gray".
    """
    body = "|".join(phrase_body(phrase) for phrase in phrase_order(phrases))
    return rf"(?<![\w'])(?:{body})(?![\w])"


def phrase_order(phrases: Iterable[str]) -> list[str]:
    """The phrases once each, longest first (so "gray hair" wins over "gray")."""
    return sorted(set(phrases), key=len, reverse=True)


def phrase_body(phrase: str) -> str:
    """One phrase as a regex: its words escaped, joined by runs of spaces or hyphens."""
    return r"[\s-]+".join(re.escape(word) for word in phrase.split())
