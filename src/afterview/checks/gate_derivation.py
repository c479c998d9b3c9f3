"""Reading off a pattern the words any of its matches contains (see ``checks.gates``).

Used when a policy is compiled (a cached policy holds the result), so a check run
that finds the compiled policy in the cache never imports this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from afterview.checks.gates import Branch, Clause, phrase_body, phrase_order, phrase_regex
from afterview.checks.regex_pieces import DIGIT, NONWORD, bounded, elements, merge, parse
from afterview.checks.regex_split import split_alternatives
from afterview.checks.text import AFFIX

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
_WORD_RUN = re.compile(r"(?:[^\W_]|\x02)+")


def branches(source: str, fragments: Mapping[str, tuple[str, ...]] | None = None) -> tuple[Branch, ...]:
    """``source`` split into branches, each with its clauses (see ``checks.gates``).

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


def phrase_branches(phrases: Iterable[str]) -> tuple[Branch, ...]:
    """The branches of ``phrase_regex(phrases)``, one per phrase, built without parsing."""
    found = []
    for phrase in phrase_order(phrases):
        source = rf"(?<![\w'])(?:{phrase_body(phrase)})(?![\w])"
        words = phrase.lower().split()
        if all(word.isalnum() for word in words):
            ranked = sorted(dict.fromkeys(words), key=lambda w: -_word_score(w))
            found.append(Branch(source, tuple(Clause(words=(w,)) for w in ranked[:_MAX_CLAUSES])))
        else:
            found.append(Branch(source, clauses(source)))
    return tuple(found)


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
            markers[code] = frozenset(NONWORD.join(p.lower().split()) for p in fragments[match.group(1)])
            return chr(code)

        source = _FRAGMENT.sub(marker, source)
    try:
        parsed = parse(source)
    except re.error:
        return ()
    found = _sequence_clauses(merge(elements(parsed, markers)), False, False)
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


# -- clauses ------------------------------------------------------------------------------
def _sequence_clauses(pieces: list, left_edge: bool, right_edge: bool) -> list[tuple[float, Clause]]:
    """Scored clauses of a sequence of pieces; the edges are bounded when the caller says so."""
    found: list[tuple[float, Clause]] = []
    for i, element in enumerate(pieces):
        if element[0] not in ("F", "A"):
            continue
        left = bounded(pieces, i, -1, left_edge)
        right = bounded(pieces, i, 1, right_edge)
        if element[0] == "F":
            found.extend(_finite_clauses(element[1], left, right))
            continue
        best: list[tuple[int, Clause]] = []
        for alternative in element[1]:
            options = _sequence_clauses(merge(elements(alternative, element[2])), left, right)
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
    if DIGIT in text:
        atoms.append((2, "number", ""))
    for match in _WORD_RUN.finditer(text):
        word = match.group()
        if DIGIT in word:
            continue  # a word with a digit in it: which word is unknown
        opens = match.start() > 0 or left
        closes = match.end() < len(text) or right
        if opens and closes:
            atoms.append((_word_score(word), "word", word))
        elif len(word) >= AFFIX and word not in _COMMON and (opens or closes):
            # A word with an unknown end: a token starts with it ("reschedul\w*").
            atoms.append((len(word) + 1, "start" if opens else "end", word))
    for piece in re.split(f"[{NONWORD}{DIGIT}]+", text):
        if not piece or any(a[2] == piece for a in atoms) or set(piece) <= _WEAK_PIECES:
            continue
        if piece.isalnum() and (len(piece) < 2 or piece in _COMMON):
            continue  # a letter alone occurs in every text
        atoms.append((min(len(piece), 10) - 1, "piece", piece))  # below a word as long
    return atoms


def _searched(clause: Clause) -> bool:
    return not clause.looked_up


def _word_score(word: str) -> float:
    if word in _COMMON or len(word) < 2:
        return 1 + min(len(word), 9) / 10  # of two common words, the longer is the rarer
    return 4 + min(len(word), 12)


def _clause(atom: tuple[str, str]) -> Clause:
    kind, value = atom
    if kind == "word":
        return Clause(words=(value,))
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
        words.update(clause.words)
        substrings.update(dict.fromkeys(clause.substrings))
        starts.update(dict.fromkeys(clause.starts))
        ends.update(dict.fromkeys(clause.ends))
        number = number or clause.number
    return Clause(tuple(sorted(words)), tuple(substrings), number, tuple(starts), tuple(ends))
