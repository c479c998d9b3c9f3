"""CPython's parse of a regex read as a sequence of pieces (see ``checks.gates``).

A piece is finite (``("F", strings)``: the texts it can match, a character that is
never a letter or digit written ``NONWORD``, any digit ``DIGIT``), unknown
(``OPAQUE``: ``\\w+``, ``.``, a long class), a boundary no word character crosses
(``("B", sides)``) or an alternation kept as such (``("A", alternatives, markers)``).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import product
from re import _constants as _c  # type: ignore[attr-defined]  # CPython 3.11+
from re import _parser as _sre  # type: ignore[attr-defined]

NONWORD = "\x00"
"""Stands for a character that is never a letter or digit."""
DIGIT = "\x02"
"""Stands for any one digit (or a run of them)."""
OPAQUE = ("O",)
"""A piece nothing is known about."""
_LIMIT = 48  # the most strings a finite piece may expand to

parse = _sre.parse
"""CPython's own regex parser."""


def elements(parsed, markers: Mapping[int, frozenset[str]]) -> list:  # noqa: ANN001 - CPython's SubPattern
    """The pattern as a list of pieces: ("F", strings) finite, OPAQUE, ("B", sides) a
    non-word boundary, ("A", alternatives) an alternation."""
    out: list = []
    run: list[str] = []  # consecutive literal characters, made one piece at once
    for op, av in parsed:
        if op is _c.LITERAL and av not in markers and len(low := chr(av).lower()) == 1:
            run.append(low)
            continue
        if run:
            out.append(("F", frozenset({"".join(run)})))
            run = []
        if op is _c.LITERAL and av in markers:  # a fragment: its phrases, as whole words
            out.extend((("B", "L"), ("F", markers[av]), ("B", "R")))
        elif op is _c.LITERAL:
            out.append(_literal(av))
        elif op is _c.IN:
            out.append(_class(av))
        elif op is _c.BRANCH:
            out.append(_alternation(av[1], markers))
        elif op is _c.SUBPATTERN:
            out.extend(elements(av[3], markers))
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            out.extend(elements(av, markers))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            out.extend(_repeat(*av, markers))
        elif op is _c.AT:
            boundary = _at(av)
            if boundary is not None:
                out.append(boundary)
        elif op is _c.ASSERT_NOT:
            boundary = _negative_look(*av)
            if boundary is not None:
                out.append(boundary)
        elif op is _c.ASSERT:
            continue  # requires something, but nothing is assumed from it
        else:
            out.append(OPAQUE)
    if run:
        out.append(("F", frozenset({"".join(run)})))
    return out


def _alternation(alternatives: list, markers: Mapping[int, frozenset[str]]) -> tuple:
    """One finite piece when every alternative is one (``(?:ing|s)``), else ("A", ...)."""
    strings: set[str] = set()
    for alternative in alternatives:
        pieces = merge(elements(alternative, markers), eager=True)
        if not pieces:
            strings.add("")
        elif len(pieces) == 1 and pieces[0][0] == "F" and len(strings) + len(pieces[0][1]) <= _LIMIT:
            strings |= pieces[0][1]
        else:
            return ("A", alternatives, markers)
    return ("F", frozenset(strings))


def _literal(code: int) -> tuple:
    char = chr(code)
    low = char.lower()
    return ("F", frozenset({low})) if len(low) == 1 else OPAQUE


def _class(items: list) -> tuple:
    letters: set[str] = set()
    nonword = digits = broad = negate = word_category = False
    for op, av in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            char = chr(av)
            if char.isalnum():
                letters.add(char.lower())
            else:
                nonword = True
        elif op is _c.RANGE:
            low, high = av
            if high < 128 and high - low < 10 and all(chr(c).isdigit() for c in range(low, high + 1)):
                digits = True
            elif high < 128 and high - low < 6:
                for char in map(chr, range(low, high + 1)):
                    if char.isalnum():
                        letters.add(char.lower())
                    else:
                        nonword = True
            else:
                broad = True
        elif op is _c.CATEGORY:
            if av is _c.CATEGORY_DIGIT:
                digits = True
            elif av in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD):
                nonword = True
            else:
                word_category = word_category or av is _c.CATEGORY_WORD
                broad = True
        else:
            broad = True
    if negate:
        return ("F", frozenset({NONWORD})) if word_category else OPAQUE
    if broad or (digits and letters) or len(letters) > 6:
        return OPAQUE
    if digits:
        return OPAQUE if nonword else ("F", frozenset({DIGIT}))
    if not letters:
        return ("F", frozenset({NONWORD}))
    return ("F", frozenset(letters | ({NONWORD} if nonword else set())))


def _repeat(low: int, high: int, sub, markers: Mapping[int, frozenset[str]]) -> list:  # noqa: ANN001
    inner = merge(elements(sub, markers), eager=True)
    if len(inner) == 1 and inner[0][0] == "F":
        strings = inner[0][1]
        for marker in (NONWORD, DIGIT):
            if strings <= {"", marker}:  # any number of separators (or digits) reads as one
                return [("F", frozenset({marker}) if low >= 1 and "" not in strings else frozenset({"", marker}))]
        if high <= 3:
            expanded: set[str] = set()
            for count in range(low, high + 1):
                if len(strings) ** count > _LIMIT:
                    break
                expanded.update("".join(p) for p in product(sorted(strings), repeat=count))
            else:
                return [("F", frozenset(expanded))]
    if low == 0:
        return [OPAQUE]
    if len(inner) == 1 and inner[0][0] == "F" and len(inner[0][1]) ** low <= _LIMIT:
        first = frozenset("".join(p) for p in product(sorted(inner[0][1]), repeat=low))
        return [("F", first), OPAQUE] if high > low else [("F", first)]
    return [*inner, OPAQUE] if high > 1 else inner


def _at(code) -> tuple | None:  # noqa: ANN001
    if code is _c.AT_BOUNDARY:
        return ("B", "LR")
    if code in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
        return ("B", "L")
    if code in (_c.AT_END, _c.AT_END_STRING):
        return ("B", "R")
    return None


def _negative_look(direction: int, sub) -> tuple | None:  # noqa: ANN001
    """``(?<!\\w)`` and ``(?![\\w'])``: no word character on that side."""
    items = list(sub)
    if len(items) == 1 and items[0][0] is _c.IN:
        if any(op is _c.CATEGORY and av is _c.CATEGORY_WORD for op, av in items[0][1]):
            return ("B", "L" if direction < 0 else "R")
    return None


def merge(pieces: list, *, eager: bool = False) -> list:
    """Adjacent finite pieces joined where a word may run across them ("look" + "ing"),
    while they stay small; across a separator they stay apart, so each keeps its own
    words as a clause ("short", "tall" apart from "i'm", "you are"). ``eager`` joins
    them whatever lies between (inside a group, to read it as one finite piece)."""
    out: list = []
    for element in pieces:
        if (
            element[0] == "F"
            and out
            and out[-1][0] == "F"
            and (eager or _touch(out[-1][1], element[1]))
            and len(out[-1][1]) * len(element[1]) <= _LIMIT
        ):
            out[-1] = ("F", frozenset(a + b for a in out[-1][1] for b in element[1]))
        else:
            out.append(element)
    return out


def _touch(left: frozenset[str], right: frozenset[str]) -> bool:
    ends = "" in left or any(_wordish(text[-1]) for text in left if text)
    starts = "" in right or any(_wordish(text[0]) for text in right if text)
    return ends and starts


def _wordish(char: str) -> bool:
    return char.isalnum() or char == DIGIT


def bounded(pieces: list, k: int, step: int, edge: bool) -> bool:
    """No letter or digit touches element ``k`` on one side (``step`` -1: before it)."""
    side, end = ("L", -1) if step < 0 else ("R", 0)
    j = k + step
    while 0 <= j < len(pieces):
        element = pieces[j]
        if element[0] == "B":
            if side in element[1]:
                return True
        elif element[0] == "F":
            if any(_wordish(text[end]) for text in element[1] if text):
                return False
            if "" not in element[1]:
                return True
        else:
            return False
        j += step
    return edge
