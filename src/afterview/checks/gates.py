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
"key", see ``patterns.GatedPattern``): the rarest, judged by ``_COMMON`` and length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from re import _constants as _c  # type: ignore[attr-defined]  # CPython 3.11+
from re import _parser as _sre  # type: ignore[attr-defined]
from typing import TYPE_CHECKING

from afterview.checks.text import AFFIX

if TYPE_CHECKING:
    from afterview.checks.text import Analysis

_NONWORD = "\x00"  # stands for a character that is never a letter or digit
_DIGIT = "\x02"  # stands for any one digit (or a run of them)
_LIMIT = 48  # the most strings a finite piece of a pattern may expand to
_MAX_CLAUSES = 3
# Words most notes hold: a clause of only these hardly ever keeps a branch shut, so
# another clause is preferred as the key. Only speed depends on this list.
_COMMON = frozenset(
    """a an the i me my you your we our us to of in on at for with from by and or but is are was were be
    been am it this that as so if not no do have has had will would can could may might should about
    thank thanks team role time work look forward hearing hear people more all any also very""".split()
)
_WEAK_PIECES = frozenset(" '-,.")

_RARE = 6  # a clause scoring this much is rare enough to key a branch by a lookup

_FRAGMENT = re.compile(r"<<(\w+)>>")
_MARKER = 0xF0000  # private-use characters stand in for fragments while parsing
_OPAQUE = ("O",)
_WORD_RUN = re.compile(r"(?:[^\W_]|\x02)+")


@dataclass(frozen=True, slots=True)
class Clause:
    """One requirement of a branch: one of ``words`` is a token of the text, or a token
    starts with one of ``starts`` or ends with one of ``ends``, or one of ``substrings``
    occurs in it, or (``number``) it holds a digit."""

    words: frozenset[str] = frozenset()
    substrings: tuple[str, ...] = ()
    number: bool = False
    starts: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()

    def holds(self, analysis: Analysis, body_only: bool = False) -> bool:
        """True when the text (or, for substrings, its body) meets the clause."""
        if not self.words.isdisjoint(analysis.tokens) or (self.number and analysis.has_digit):
            return True
        if self.starts and analysis.has_affix(self.starts, True):
            return True
        if self.ends and analysis.has_affix(self.ends, False):
            return True
        return bool(self.substrings) and analysis.contains_any(self.substrings, body_only)

    @property
    def looked_up(self) -> bool:
        """Decided by token lookups alone (no substring search, no digit)."""
        return not (self.substrings or self.number or self.starts or self.ends)


@dataclass(frozen=True, slots=True)
class Branch:
    """One alternative of a pattern, with what any of its matches contains.

    Attributes:
        source: the branch as a regex of its own.
        clauses: all must hold for the branch to match; the first is the key.
    """

    source: str
    clauses: tuple[Clause, ...]


def branches(source: str, fragments: Mapping[str, tuple[str, ...]] | None = None) -> tuple[Branch, ...]:
    """``source`` split into branches, each with its clauses (see the module docstring).

    ``fragments``: the phrase lists ``<<name>>`` stands for in ``source``. A fragment
    is read as the finite list it is (never parsed as the long alternation it expands
    to), and a branch that is one fragment becomes one branch per phrase.
    """
    fragments = fragments or {}
    found: list[Branch] = []
    for part in split_alternatives(source):
        whole = _FRAGMENT.fullmatch(part)
        if whole and whole.group(1) in fragments:
            found.extend(phrase_branches(fragments[whole.group(1)]))
        else:
            found.append(Branch(_expand(part, fragments), clauses(part, fragments)))
    return tuple(found)


def phrase_regex(phrases: Iterable[str]) -> str:
    """One alternation matching any of the literal phrases as whole words.

    Spaces in a phrase match any run of spaces or hyphens; longer phrases come first
    so "gray hair" wins over "gray".
    """
    body = "|".join(_phrase_body(phrase) for phrase in _phrase_order(phrases))
    return rf"(?<![\w'])(?:{body})(?![\w])"


def phrase_branches(phrases: Iterable[str]) -> tuple[Branch, ...]:
    """The branches of ``phrase_regex(phrases)``, one per phrase, built without parsing."""
    found = []
    for phrase in _phrase_order(phrases):
        source = rf"(?<![\w'])(?:{_phrase_body(phrase)})(?![\w])"
        words = phrase.lower().split()
        if all(word.isalnum() for word in words):
            ranked = sorted(dict.fromkeys(words), key=lambda w: -_word_score(w))
            found.append(Branch(source, tuple(Clause(words=frozenset({w})) for w in ranked[:_MAX_CLAUSES])))
        else:
            found.append(Branch(source, clauses(source)))
    return tuple(found)


def _phrase_order(phrases: Iterable[str]) -> list[str]:
    return sorted(set(phrases), key=len, reverse=True)


def _phrase_body(phrase: str) -> str:
    return r"[\s-]+".join(re.escape(word) for word in phrase.split())


def _expand(source: str, fragments: Mapping[str, tuple[str, ...]]) -> str:
    return _FRAGMENT.sub(lambda m: phrase_regex(fragments[m.group(1)]), source) if "<<" in source else source


def clauses(source: str, fragments: Mapping[str, tuple[str, ...]] | None = None) -> tuple[Clause, ...]:
    """What any match of ``source`` must contain, the most selective clause first."""
    used = tuple((name, tuple(fragments[name])) for name in dict.fromkeys(_FRAGMENT.findall(source))) if fragments else ()
    return _clauses(source, used)


@lru_cache(maxsize=4096)
def _clauses(source: str, used: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[Clause, ...]:
    # Cached: a policy read again (a copy of the folder, a test) derives nothing twice.
    fragments = dict(used)
    markers: dict[int, frozenset[str]] = {}
    if fragments and "<<" in source:

        def marker(match: re.Match[str]) -> str:
            code = _MARKER + len(markers)
            markers[code] = frozenset(_NONWORD.join(p.lower().split()) for p in fragments[match.group(1)])
            return chr(code)

        source = _FRAGMENT.sub(marker, source)
    try:
        parsed = _sre.parse(source)
    except re.error:
        return ()
    found = _sequence_clauses(_merge(_elements(parsed, markers)), False, False)
    # The key (first) is the rarest clause of words alone when one is fairly rare (a word
    # is looked up in the token set, a substring searched for), else the rarest clause.
    found.sort(key=lambda scored: (-scored[0], _searched(scored[1])))
    words_only = [scored for scored in found if not _searched(scored[1]) and scored[0] >= _RARE]
    if words_only:
        found.remove(words_only[0])
        found.insert(0, words_only[0])
    unique: list[Clause] = []
    for _, clause in found:
        if clause not in unique:
            unique.append(clause)
    return tuple(unique[:_MAX_CLAUSES])


# -- splitting ------------------------------------------------------------------------
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
    return [f"{head}(?:{alternative}){tail}" for alternative in alternatives]


def _top_level(source: str, separator: str) -> list[str]:
    parts, start = [], 0
    for i, char, depth in _scan(source, 0):
        if char == separator and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return parts


def _closing(source: str, start: int) -> int | None:
    """The index of the parenthesis closing the group opening at ``start``."""
    for i, char, depth in _scan(source, start):
        if char == ")" and depth == 0:
            return i
    return None


def _scan(source: str, start: int) -> Iterator[tuple[int, str, int]]:
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


# -- reading the parse ------------------------------------------------------------------
def _elements(parsed, markers: Mapping[int, frozenset[str]]) -> list:  # noqa: ANN001 - CPython's SubPattern
    """The pattern as a list of pieces: ("F", strings) finite, _OPAQUE, ("B", sides) a
    non-word boundary, ("A", alternatives) an alternation."""
    out: list = []
    for op, av in parsed:
        if op is _c.LITERAL and av in markers:  # a fragment: its phrases, as whole words
            out.extend((("B", "L"), ("F", markers[av]), ("B", "R")))
        elif op is _c.LITERAL:
            out.append(_literal(av))
        elif op is _c.IN:
            out.append(_class(av))
        elif op is _c.BRANCH:
            out.append(_alternation(av[1], markers))
        elif op is _c.SUBPATTERN:
            out.extend(_elements(av[3], markers))
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            out.extend(_elements(av, markers))
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
            out.append(_OPAQUE)
    return out


def _alternation(alternatives: list, markers: Mapping[int, frozenset[str]]) -> tuple:
    """One finite piece when every alternative is one (``(?:ing|s)``), else ("A", ...)."""
    strings: set[str] = set()
    for alternative in alternatives:
        pieces = _merge(_elements(alternative, markers), eager=True)
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
    return ("F", frozenset({low})) if len(low) == 1 else _OPAQUE


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
        return ("F", frozenset({_NONWORD})) if word_category else _OPAQUE
    if broad or (digits and letters) or len(letters) > 6:
        return _OPAQUE
    if digits:
        return _OPAQUE if nonword else ("F", frozenset({_DIGIT}))
    if not letters:
        return ("F", frozenset({_NONWORD}))
    return ("F", frozenset(letters | ({_NONWORD} if nonword else set())))


def _repeat(low: int, high: int, sub, markers: Mapping[int, frozenset[str]]) -> list:  # noqa: ANN001
    inner = _merge(_elements(sub, markers), eager=True)
    if len(inner) == 1 and inner[0][0] == "F":
        strings = inner[0][1]
        for marker in (_NONWORD, _DIGIT):
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
        return [_OPAQUE]
    if len(inner) == 1 and inner[0][0] == "F" and len(inner[0][1]) ** low <= _LIMIT:
        first = frozenset("".join(p) for p in product(sorted(inner[0][1]), repeat=low))
        return [("F", first), _OPAQUE] if high > low else [("F", first)]
    return [*inner, _OPAQUE] if high > 1 else inner


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


def _merge(elements: list, *, eager: bool = False) -> list:
    """Adjacent finite pieces joined where a word may run across them ("look" + "ing"),
    while they stay small; across a separator they stay apart, so each keeps its own
    words as a clause ("short", "tall" apart from "i'm", "you are"). ``eager`` joins
    them whatever lies between (inside a group, to read it as one finite piece)."""
    out: list = []
    for element in elements:
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
    return char.isalnum() or char == _DIGIT


def _bounded(elements: list, k: int, step: int, edge: bool) -> bool:
    """No letter or digit touches element ``k`` on one side (``step`` -1: before it)."""
    side, end = ("L", -1) if step < 0 else ("R", 0)
    j = k + step
    while 0 <= j < len(elements):
        element = elements[j]
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


# -- clauses ------------------------------------------------------------------------------
def _sequence_clauses(elements: list, left_edge: bool, right_edge: bool) -> list[tuple[int, Clause]]:
    """Scored clauses of a sequence; the edges are bounded when the caller says so."""
    found: list[tuple[int, Clause]] = []
    for i, element in enumerate(elements):
        if element[0] not in ("F", "A"):
            continue
        left = _bounded(elements, i, -1, left_edge)
        right = _bounded(elements, i, 1, right_edge)
        if element[0] == "F":
            found.extend(_finite_clauses(element[1], left, right))
            continue
        best: list[tuple[int, Clause]] = []
        for alternative in element[1]:
            options = _sequence_clauses(_merge(_elements(alternative, element[2])), left, right)
            if not options:
                best = []
                break
            best.append(max(options, key=lambda scored: scored[0]))
        if best:
            found.append((min(score for score, _ in best), _union(clause for _, clause in best)))
    return found


def _finite_clauses(strings: frozenset[str], left: bool, right: bool) -> list[tuple[int, Clause]]:
    per_string = []
    for text in strings:
        atoms = _ranked_atoms(text, left, right)
        if not atoms:
            return []
        per_string.append(atoms)
    if len(per_string) == 1:
        return [(score, _clause(atom)) for score, *atom in per_string[0]]
    found = [(min(a[0][0] for a in per_string), _union(_clause(a[0][1:]) for a in per_string))]
    if all(len(a) > 1 for a in per_string):
        found.append((min(a[1][0] for a in per_string), _union(_clause(a[1][1:]) for a in per_string)))
    return found


@lru_cache(maxsize=8192)
def _ranked_atoms(text: str, left: bool, right: bool) -> list[tuple[int, str, str]]:
    return sorted(_atoms(text, left, right), key=lambda atom: -atom[0])


def _atoms(text: str, left: bool, right: bool) -> list[tuple[int, str, str]]:
    """(score, kind, value) of what ``text`` puts in any match: whole tokens ("word"),
    literal pieces ("piece"), a digit ("number")."""
    atoms: list[tuple[int, str, str]] = []
    if _DIGIT in text:
        atoms.append((2, "number", ""))
    for match in _WORD_RUN.finditer(text):
        word = match.group()
        if _DIGIT in word:
            continue  # a word with a digit in it: which word is unknown
        opens = match.start() > 0 or left
        closes = match.end() < len(text) or right
        if opens and closes:
            atoms.append((_word_score(word), "word", word))
        elif len(word) >= AFFIX and word not in _COMMON and (opens or closes):
            # A word with an unknown end: a token starts with it ("reschedul\w*").
            atoms.append((len(word) + 1, "start" if opens else "end", word))
    for piece in re.split(f"[{_NONWORD}{_DIGIT}]+", text):
        if not piece or any(a[2] == piece for a in atoms) or set(piece) <= _WEAK_PIECES:
            continue
        if piece.isalnum() and (len(piece) < 2 or piece in _COMMON):
            continue  # a letter alone occurs in every text
        atoms.append((min(len(piece), 10) - 1, "piece", piece))  # below a word as long
    return atoms


def _searched(clause: Clause) -> bool:
    return not clause.looked_up


def _word_score(word: str) -> int:
    return 1 if word in _COMMON or len(word) < 2 else 4 + min(len(word), 12)


def _clause(atom: tuple[str, str]) -> Clause:
    kind, value = atom
    if kind == "word":
        return Clause(words=frozenset({value}))
    if kind == "piece":
        return Clause(substrings=(value,))
    if kind == "start":
        return Clause(starts=(value,))
    if kind == "end":
        return Clause(ends=(value,))
    return Clause(number=True)


def _union(clauses) -> Clause:  # noqa: ANN001
    words: set[str] = set()
    substrings: dict[str, None] = {}
    starts: dict[str, None] = {}
    ends: dict[str, None] = {}
    number = False
    for clause in clauses:
        words |= clause.words
        substrings.update(dict.fromkeys(clause.substrings))
        starts.update(dict.fromkeys(clause.starts))
        ends.update(dict.fromkeys(clause.ends))
        number = number or clause.number
    return Clause(frozenset(words), tuple(substrings), number, tuple(starts), tuple(ends))
