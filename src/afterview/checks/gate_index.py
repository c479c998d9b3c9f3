"""Which branches of every gated pattern of a policy may match a text, decided once per text.

Each branch of a pattern carries clauses (``checks.gates``): all must hold for it to
match, and the first, its key, is usually a word. ``GateIndex`` turns the clauses of
the whole policy into lookups by token: what a token keys (the branches whose key is
that word, or a word start or end the token has) and which clauses it satisfies. So a
text costs one pass over its tokens (set unions), then a subset test per candidate
branch; clauses no token can satisfy (a substring, a digit) are asked of the text only
when a candidate needs them, once per text. Every pattern of the policy then finds its
open branches with one dictionary lookup (``GatedPattern.open_branches``).

The lookup tables are built once the policy is read (a cached policy stores them).
What each token opens is remembered
across texts; that memo is safe to share between threads (the TUI checks from worker
threads): entries are only ever added, each computed from the frozen tables alone (two
threads that race write the same value), a token is marked seen only after its entry
is stored, and starting afresh swaps in new tables rather than clearing the ones
another thread may be reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from afterview.checks.gates import holds

if TYPE_CHECKING:
    from afterview.checks.patterns import GatedPattern
    from afterview.checks.text import Analysis

__all__ = ["GateIndex"]

# Distinct tokens an index remembers what they open, before it starts afresh.
_SEEN_TOKENS = 200_000


class _Plan(NamedTuple):
    """The policy's clauses as lookups (see the module docstring). A branch's number
    here (``gid``) counts every branch of every pattern, in slot order."""

    words: dict[str, tuple[tuple[int, ...], tuple[int, ...]]]  # token -> (gids keyed, clause ids met)
    heads: dict[str, tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]]  # by first letters
    tails: dict[str, tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]]  # by last letters
    affix: int
    always: tuple[int, ...]  # branches with no key a token can meet: candidates for every text
    locate: tuple[tuple[int, int], ...]  # gid -> (slot, branch number)
    needs: tuple[tuple[int, ...], ...]  # gid -> the clauses (ids) that must hold besides its key
    asked: dict[int, tuple]  # clause id -> the clause, for those with a part no token meets
    asked_ids: frozenset[int]  # the keys of ``asked``
    askable: frozenset[int]  # gids that need some clause of ``asked``


class GateIndex:
    """Every gated pattern of one policy, indexed together (see the module docstring).
    Patterns join it as the policy is read (``add``)."""

    __slots__ = ("_patterns", "_plan", "_tables", "_in_body")

    def __init__(self) -> None:
        self._patterns: list[GatedPattern] = []
        self._plan: _Plan | None = None
        self._in_body = object()  # the key of the body-only result in an analysis's memo
        self._fresh()

    def __getstate__(self) -> dict:
        return {"_patterns": self._patterns, "_plan": self._plan}  # not what tokens opened

    def __setstate__(self, state: dict) -> None:
        self._patterns, self._plan = state["_patterns"], state["_plan"]
        self._in_body = object()
        self._fresh()

    def _fresh(self) -> None:
        # (tokens seen, token -> what it opens): replaced whole, never cleared.
        self._tables: tuple[set[str], dict[str, tuple[tuple[int, ...], tuple[int, ...]]]] = (set(), {})

    def add(self, pattern: GatedPattern) -> int:
        """Index ``pattern`` (being built); returns its slot."""
        self._patterns.append(pattern)
        self._plan = None
        self._fresh()
        return len(self._patterns) - 1

    def freeze(self) -> None:
        """Build the lookup tables now (before the policy is stored), not on first use."""
        if self._plan is None:
            self._build()

    def opened(self, analysis: Analysis, body_only: bool = False) -> dict[int, tuple[int, ...]]:
        """Slot -> the branches (in order) of that pattern that may match the text (or,
        ``body_only``, its body, where substrings are looked for): once per text."""
        if body_only:
            return analysis.remembered(self._in_body, self._opened_in_body)
        return analysis.remembered(self, self._opened)

    def _opened(self, analysis: Analysis) -> dict[int, tuple[int, ...]]:
        plan = self._plan or self._build()
        seen, table = self._tables
        tokens = analysis.tokens
        unseen = tokens.difference(seen)
        if unseen:
            self._classify(plan, unseen, seen, table)
        candidates = set(plan.always)
        met: set[int] = set()
        for token in tokens & table.keys():
            keyed, clauses = table[token]
            candidates.update(keyed)
            met.update(clauses)
        needs, locate, asked, askable, asked_ids = plan.needs, plan.locate, plan.asked, plan.askable, plan.asked_ids
        failed: set[int] = set()
        found: dict[int, list[int]] = {}
        for gid in candidates:
            need = needs[gid]
            if not met.issuperset(need):
                # Only a clause that asks the text (a substring, a digit) may still hold.
                if gid not in askable:
                    continue
                missing = set(need).difference(met)
                if not (missing.issubset(asked_ids) and _asked_hold(missing, asked, analysis, met, failed)):
                    continue
            slot, number = locate[gid]
            found.setdefault(slot, []).append(number)
        return {slot: tuple(sorted(numbers)) if len(numbers) > 1 else tuple(numbers) for slot, numbers in found.items()}

    def _opened_in_body(self, analysis: Analysis) -> dict[int, tuple[int, ...]]:
        """As ``_opened``, with substrings looked for in the body only: a branch open in
        the body is open in the whole text, so only those a substring opened are asked again."""
        result = {}
        for slot, numbers in self.opened(analysis).items():
            pattern = self._patterns[slot]
            in_body = pattern._substring_branches
            if in_body and not in_body.isdisjoint(numbers):
                always = pattern._always
                branches = pattern._branches
                numbers = tuple(
                    n
                    for n in numbers
                    if n not in in_body
                    or all(holds(c, analysis, True) for c in branches[n][1][0 if n in always else 1 :])
                )
                if not numbers:
                    continue
            result[slot] = numbers
        return result

    def _classify(self, plan: _Plan, tokens: Iterable[str], seen: set[str], table: dict) -> None:
        """Note what each of ``tokens`` opens: the branches it keys, the clauses it meets."""
        if len(seen) > _SEEN_TOKENS:
            self._fresh()  # new tables for later texts; this one finishes with its own
        words, heads, tails, affix = plan.words, plan.heads, plan.tails, plan.affix
        nothing: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())
        for token in tokens:
            keyed, clauses = words.get(token, nothing)
            for atom, more_keyed, more_clauses in heads.get(token[:affix], ()):
                if token.startswith(atom):
                    keyed, clauses = keyed + more_keyed, clauses + more_clauses
            for atom, more_keyed, more_clauses in tails.get(token[-affix:], ()):
                if token.endswith(atom):
                    keyed, clauses = keyed + more_keyed, clauses + more_clauses
            if keyed or clauses:
                table[token] = (keyed, clauses)
            seen.add(token)  # only after its entry is stored

    def _build(self) -> _Plan:
        from afterview.checks.text import AFFIX

        ids: dict[tuple, int] = {}
        words: dict[str, tuple[list[int], list[int]]] = {}
        starts: dict[str, tuple[list[int], list[int]]] = {}
        ends: dict[str, tuple[list[int], list[int]]] = {}
        asked: dict[int, tuple] = {}
        always: list[int] = []
        locate: list[tuple[int, int]] = []
        needs: list[tuple[int, ...]] = []

        def clause_id(clause: tuple) -> int:
            found = ids.get(clause)
            if found is None:
                found = ids[clause] = len(ids)
                key_words, substrings, number, key_starts, key_ends = clause
                for table, atoms in ((words, key_words), (starts, key_starts), (ends, key_ends)):
                    for atom in atoms:
                        table.setdefault(atom, ([], []))[1].append(found)
                if substrings or number:
                    asked[found] = clause
            return found

        for slot, pattern in enumerate(self._patterns):
            unkeyed = frozenset(pattern._always)
            for number, (_, clauses) in enumerate(pattern._branches):
                gid = len(locate)
                locate.append((slot, number))
                if number in unkeyed:
                    always.append(gid)
                    needs.append(tuple(dict.fromkeys(map(clause_id, clauses))))
                    continue
                key_words, _, _, key_starts, key_ends = clauses[0]
                for table, atoms in ((words, key_words), (starts, key_starts), (ends, key_ends)):
                    for atom in atoms:
                        table.setdefault(atom, ([], []))[0].append(gid)
                needs.append(tuple(dict.fromkeys(map(clause_id, clauses[1:]))))
        plan = _Plan(
            words={w: (tuple(k), tuple(c)) for w, (k, c) in words.items()},
            heads=_by_letters(starts, lambda atom: atom[:AFFIX]),
            tails=_by_letters(ends, lambda atom: atom[-AFFIX:]),
            affix=AFFIX,
            always=tuple(always),
            locate=tuple(locate),
            needs=tuple(needs),
            asked=asked,
            asked_ids=frozenset(asked),
            askable=frozenset(gid for gid, need in enumerate(needs) if not asked.keys().isdisjoint(need)),
        )
        self._plan = plan
        return plan


def _by_letters(atoms: dict[str, tuple[list[int], list[int]]], letters) -> dict:  # noqa: ANN001
    """Word starts (ends) grouped by their first (last) letters, so a token looks up its own."""
    grouped: dict[str, list] = {}
    for atom, (keyed, clauses) in atoms.items():
        grouped.setdefault(letters(atom), []).append((atom, tuple(keyed), tuple(clauses)))
    return {head: tuple(entries) for head, entries in grouped.items()}


def _asked_hold(missing: set[int], asked: dict[int, tuple], analysis: Analysis, met: set[int], failed: set[int]) -> bool:
    """Every clause of ``missing`` (none met by a token) holds for the text; each is asked
    once per text (``met`` and ``failed`` remember the answers)."""
    for clause_id in missing:
        if clause_id in failed:
            return False
        clause = asked.get(clause_id)
        if clause is None or not holds(clause, analysis):
            failed.add(clause_id)
            return False
        met.add(clause_id)
    return True
