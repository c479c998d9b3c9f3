"""Which branches of every gated pattern of a policy may match a text, decided once per text.

Each branch of a pattern carries clauses (``checks.gates``): all must hold for it to
match, and the first, its key, is usually a word. ``GateIndex`` numbers every branch
of the policy (its ``gid``) and turns the clauses into lookups by token: for each
token, the branches it keys (their key is that word, or a word start or end the token
has), and for each later clause position, the branches whose clause there it meets,
all kept as one bit mask: the keys in the lowest ``width`` bits (bit ``gid``), then
one run of bits per later position, bit ``gid`` of its run. Branches are numbered
the ones with the most clauses first, so each position's run only needs as many bits
as there are branches with a clause there: a mask is about half as wide as with a
full run per position (a text's masks are or-ed together at C speed, but each is read
whole). The candidates are then the branches keyed by some token and those keyed
otherwise (by a digit or a substring), less those with a clause no token met. A
clause's digit part is met by any digit; its substrings are looked for only for a
candidate nothing else rescued, each substring once per text, a position at a time.
Every pattern of the policy then finds its open branches with one dictionary lookup
(``GatedPattern.open_branches``).

The tables are built once the policy is read (a cached policy stores them). What each
token opens is remembered across texts; that memo is safe to share between threads
(the TUI checks from worker threads): entries are only ever added, each computed from
the frozen tables alone (two threads that race write the same value), a token's
entry is stored whole in one step, and starting afresh swaps in a new table rather
than clearing the one another thread may be reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from afterview.checks.gates import holds
from afterview.frozen import NamedTuple

if TYPE_CHECKING:
    from afterview.checks.patterns import GatedPattern
    from afterview.checks.text import Analysis

__all__ = ["GateIndex"]

# Distinct tokens an index remembers what they open, before it starts afresh.
_SEEN_TOKENS = 200_000
# Distinct sets of branches (with a position) whose substrings an index remembers how to ask about.
_ASKED_SETS = 4096
# Characters of English notes, the most common first (see ``_rarity``).
_COMMON = " etaoinsrhldcumfpgwybvk.,'\n-xjqz0123456789"
# Positions of a branch's clauses: 0 the key, then the clauses checked after it (a
# branch keyed otherwise than by tokens has all its clauses checked, up to three).
_POSITIONS = 4

_Lookup = tuple[dict[str, tuple[int, ...]], dict[str, tuple], dict[str, tuple]]
"""Word -> branches; first (last) letters -> (word start (end), branches) pairs."""


class _Plan(NamedTuple):
    """The policy's clauses as lookups (see the module docstring). A branch's number
    here (``gid``) counts every branch of every pattern, those with the most clauses
    checked after the key first (in slot order among equals), so the branches with a
    clause at a position are those numbered below how many there are."""

    lookups: tuple[_Lookup, ...]  # per position: what a token meets there
    affix: int
    width: int  # branches in all: the key part of a token's mask
    keyed: int  # the key part of a token's mask
    offsets: tuple[int, ...]  # per position: where its part of a token's mask starts
    always: int  # branches no token keys (candidates for every text), as a bit mask by gid
    checked: tuple[int, ...]  # per position: the branches with a clause there (the low bits of a mask)
    digit: tuple[int, ...]  # per position: the branches whose clause there a digit meets (a mask)
    asked: tuple[int, ...]  # per position: the branches whose clause there a substring meets (a mask)
    substrings: tuple[dict[int, tuple[str, ...]], ...]  # per position: gid -> those substrings
    locate: tuple[tuple[int, int], ...]  # gid -> (slot, branch number)
    alone: tuple[tuple[int], ...]  # gid -> (branch number,): a slot's open branches start as one


class GateIndex:
    """Every gated pattern of one policy, indexed together (see the module docstring).
    Patterns join it as the policy is read (``add``)."""

    __slots__ = ("_patterns", "_plan", "_met", "_asked")

    def __init__(self) -> None:
        self._patterns: list[GatedPattern] = []
        self._plan: _Plan | None = None
        self._fresh()

    def __getstate__(self) -> dict:
        return {"_patterns": self._patterns, "_plan": self._plan}  # not what tokens opened

    def __setstate__(self, state: dict) -> None:
        self._patterns, self._plan = state["_patterns"], state["_plan"]
        self._fresh()

    def _fresh(self) -> None:
        # Every token seen -> what it meets at every position, as one mask (see the
        # module docstring; 0: nothing): replaced whole, never cleared.
        self._met: dict[str, int] = {}
        self._asked: dict[tuple[int, int], tuple] = {}  # see ``_questions``

    def add(self, pattern: GatedPattern) -> int:
        """Index ``pattern`` (being built); returns its slot."""
        self._patterns.append(pattern)
        self._plan = None
        self._fresh()
        return len(self._patterns) - 1

    def freeze(self) -> None:
        """Build the lookup tables now (before the policy is stored), not on first use."""
        if self._plan is None:
            self._plan = _build(self._patterns)

    def opened(self, analysis: Analysis) -> dict[int, tuple[int, ...]]:
        """Slot -> the branches (in order) of that pattern that may match the text: once
        per text, kept in ``analysis.memo`` under the index itself (a pattern's branches
        open in the body alone: ``in_body``)."""
        found = analysis.memo.get(self)  # asked for dozens of times a text: no call once made
        if found is None:  # (stored whole in one step: another thread sees all of it or nothing)
            found = analysis.memo[self] = self._opened(analysis)
        return found

    def _opened(self, analysis: Analysis) -> dict[int, tuple[int, ...]]:
        plan = self._plan
        if plan is None:
            self.freeze()
            plan = self._plan
        tokens = analysis.tokens
        try:  # one lookup per token: most texts hold no token the memo lacks
            everything = reduce(or_, filter(None, map(self._met.__getitem__, tokens)), 0)
        except KeyError:
            met = self._classify(plan, tokens, self._met)
            everything = reduce(or_, filter(None, map(met.__getitem__, tokens)), 0)
        candidates = everything & plan.keyed | plan.always
        # Per position, the candidates whose clause there no token (nor digit) met. Masks
        # are cut with ``a ^ (a & b)``, not ``a & ~b``: no negative int of the full width.
        shut = 0  # a clause is missing that no substring can meet
        soft = []  # per position: missing clauses a substring may still meet
        for position in range(1, _POSITIONS):
            needing = candidates & plan.checked[position]
            if needing:  # (the bits of later positions' parts lie above those of ``needing``)
                needing ^= needing & everything >> plan.offsets[position]
                if needing and analysis.has_digit:
                    needing ^= needing & plan.digit[position]
                if needing:
                    askable = needing & plan.asked[position]
                    shut |= needing ^ askable
                    needing = askable
            soft.append(needing)
        if any(soft):  # ask the text about the substrings that may meet the rest
            lower = analysis.lower
            for position, needing in enumerate(soft, 1):
                needing ^= needing & shut  # a branch shut already asks nothing more
                if needing:
                    found = 0
                    for probe, piece, mask in self._questions(plan, position, needing):
                        if probe in lower and piece in lower:
                            found |= mask
                    shut |= needing ^ (needing & found)
        candidates ^= candidates & shut
        return _by_slot(plan, candidates)

    def _questions(self, plan: _Plan, position: int, needing: int) -> tuple[tuple[str, str, int], ...]:
        """For the branches of ``needing``, each substring that meets one of their
        clauses at ``position``, after its rarest character (looked for first: a search
        for one character is several times quicker), with the branches it meets
        (remembered: the same branches ask the same questions of most texts)."""
        asked = self._asked
        key = (position, needing)
        found = asked.get(key)
        if found is None:
            found = tuple(_grouped(plan.substrings[position], needing))
            if len(asked) >= _ASKED_SETS:
                self._asked = asked = {}  # swapped, never cleared under a reader
            asked[key] = found
        return found

    def _classify(self, plan: _Plan, tokens: frozenset[str], met: dict[str, int]) -> dict[str, int]:
        """Note what each of ``tokens`` not in ``met`` meets (see ``_met``); returns the
        table that now holds every one of ``tokens``."""
        if len(met) > _SEEN_TOKENS:
            self._fresh()  # a new table, for this text and later ones
            met = self._met
        affix, offsets = plan.affix, plan.offsets
        for token in [token for token in tokens if token not in met]:
            head, tail = token[:affix], token[-affix:]
            mask = 0
            for position, (words, heads, tails) in enumerate(plan.lookups):
                found = words.get(token, ())
                for atom, more in heads.get(head, ()):
                    if token.startswith(atom):
                        found += more
                for atom, more in tails.get(tail, ()):
                    if token.endswith(atom):
                        found += more
                if found:
                    mask |= _mask(found) << offsets[position]
            met[token] = mask
        return met


def _by_slot(plan: _Plan, candidates: int) -> dict[int, tuple[int, ...]]:
    """Slot -> the branch numbers (in order) of the gids in ``candidates``."""
    opened: dict[int, tuple[int, ...]] = {}
    locate, alone = plan.locate, plan.alone
    while candidates:  # from the highest gid down (each step shortens the mask): a
        gid = candidates.bit_length() - 1  # slot's branches of one depth come last first
        candidates ^= 1 << gid
        slot, number = locate[gid]
        numbers = opened.get(slot)
        if numbers is None:
            opened[slot] = alone[gid]
        elif number < numbers[0]:
            opened[slot] = alone[gid] + numbers
        else:  # a branch with fewer clauses than one of a lower number seen already
            opened[slot] = tuple(sorted(numbers + alone[gid]))
    return opened


def in_body(pattern: GatedPattern, numbers: tuple[int, ...], analysis: Analysis) -> tuple[int, ...]:
    """Of ``numbers`` (branches of ``pattern`` open in the whole text), those open in its
    body, where substrings are looked for: only a branch a substring may open is asked again."""
    substring_branches = pattern._substring_branches
    if not substring_branches or substring_branches.isdisjoint(numbers):
        return numbers
    always, branches = pattern._always, pattern._branches
    return tuple(
        n
        for n in numbers
        if n not in substring_branches
        or all(holds(c, analysis, True) for c in branches[n][1][0 if n in always else 1 :])
    )


def _build(patterns: list[GatedPattern]) -> _Plan:
    """The lookup tables of ``patterns`` (see ``_Plan``)."""
    from afterview.checks.text import AFFIX

    # Every branch as (slot, number, its clauses by position): a keyed branch's key at
    # 0 and the rest checked after it; every clause of an unkeyed one checked.
    branches: list[tuple[int, int, list[tuple[int, tuple]]]] = []
    always_at: set[tuple[int, int]] = set()
    for slot, pattern in enumerate(patterns):
        unkeyed = frozenset(pattern._always)
        for number, (_, clauses) in enumerate(pattern._branches):
            if number in unkeyed:
                always_at.add((slot, number))
            placed = list(enumerate(clauses, 1 if number in unkeyed else 0))
            if placed and placed[-1][0] >= _POSITIONS:
                raise ValueError("a branch has more clauses than the index places")
            branches.append((slot, number, placed))
    # The most clauses checked first (a stable sort keeps slot order among equals).
    branches.sort(key=lambda branch: -(branch[2][-1][0] if branch[2] else 0))
    lookups = [({}, {}, {}) for _ in range(_POSITIONS)]  # words, starts, ends -> branches
    counts = [0] * _POSITIONS  # per later position: the branches with a clause there
    digit: list[set[int]] = [set() for _ in range(_POSITIONS)]
    substrings: list[dict[int, tuple[str, ...]]] = [{} for _ in range(_POSITIONS)]
    for gid, (_, _, placed) in enumerate(branches):
        for position, (words, pieces, number_part, starts, ends) in placed:
            for table, atoms in zip(lookups[position], (words, starts, ends)):
                for atom in atoms:
                    table.setdefault(atom, []).append(gid)
            if position:
                counts[position] += 1
                if number_part:
                    digit[position].add(gid)
                if pieces:
                    substrings[position][gid] = pieces
    width = len(branches)
    offsets = [0, width]
    for count in counts[1:-1]:
        offsets.append(offsets[-1] + count)
    locate = tuple((slot, number) for slot, number, _ in branches)
    return _Plan(
        lookups=tuple(
            (
                {word: tuple(found) for word, found in words.items()},
                _by_letters(starts, lambda atom: atom[:AFFIX]),
                _by_letters(ends, lambda atom: atom[-AFFIX:]),
            )
            for words, starts, ends in lookups
        ),
        affix=AFFIX,
        width=width,
        keyed=(1 << width) - 1,
        offsets=tuple(offsets),
        always=_mask(gid for gid, at in enumerate(locate) if at in always_at),
        checked=tuple((1 << count) - 1 for count in counts),
        digit=tuple(map(_mask, digit)),
        asked=tuple(_mask(found) for found in substrings),
        substrings=tuple(substrings),
        locate=locate,
        alone=tuple((number,) for _, number in locate),
    )


def _by_letters(atoms: dict[str, list[int]], letters) -> dict[str, tuple]:  # noqa: ANN001
    """Word starts (ends) grouped by their first (last) letters, so a token looks up its own."""
    grouped: dict[str, list] = {}
    for atom, found in atoms.items():
        grouped.setdefault(letters(atom), []).append((atom, tuple(found)))
    return {letters_: tuple(entries) for letters_, entries in grouped.items()}


def _grouped(substrings: dict[int, tuple[str, ...]], needing: int) -> Iterator[tuple[str, str, int]]:
    """Each substring of the branches in ``needing``, after its rarest character, with
    the mask of those it meets."""
    by_piece: dict[str, int] = {}
    for gid in _members(needing):
        for piece in substrings[gid]:
            by_piece[piece] = by_piece.get(piece, 0) | 1 << gid
    return ((max(piece, key=_rarity), piece, mask) for piece, mask in by_piece.items())


def _rarity(char: str) -> int:
    """How rare ``char`` is in a note: characters of ``_COMMON`` by their place there,
    any other (brackets, symbols) rarer than all of them."""
    place = _COMMON.find(char)
    return len(_COMMON) if place == -1 else place


def _mask(gids: Iterable[int]) -> int:
    """``gids`` as a bit mask (bit ``gid`` set for each)."""
    mask = 0
    for gid in gids:
        mask |= 1 << gid
    return mask


def _members(mask: int) -> Iterator[int]:
    """The gids of a bit mask, in order."""
    base = 0
    while mask:
        low = (mask & -mask).bit_length() - 1
        yield base + low
        mask >>= low + 1
        base += low + 1
