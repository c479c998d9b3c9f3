"""Checks that judge a note as a hiring manager reads it, one phrase family each.

``presumption`` (writing as if hired), ``insider`` (speaking as an employee), ``money``
(salary, pay, benefits), ``pressure`` (arguing with a decision, complaining about the
wait), ``ultimatum`` (soft or hard), ``bluff`` (an offer the record does not hold) and
``scope`` (a thank-you that asks about timing or sells anew). A family is a list of
gated patterns in ``guardrails/conduct.toml``, a sentence-level ``unless`` pattern that
excuses a match ("at my current job, our customers..."), conditions on the record (off
once the status is offered; only when no competing offer is recorded) and the
instruction shown for each match. Most notes hold no phrase of any family, so the seven
are screened together, once per text and context (``Conduct.screen``): each open branch
of every family that applies is looked for on its own (``patterns.candidates``), and
only a family with a candidate runs its patterns and reads the record; the other
checks of the round find the screen's answer in the text's analysis.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from afterview.checks.common import MAX_FINDINGS, SpanSet, located, quote
from afterview.checks.patterns import GatedPattern, GateIndex, Regex, candidates
from afterview.checks.reader import OFF, Section
from afterview.checks.text import Analysis, analyse, lower_same_length, normalise, whole_name_spans
from afterview.checks.types import CheckContext, Finding
from afterview.frozen import Frozen

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

FAMILIES = ("presumption", "insider", "money", "pressure", "ultimatum", "bluff", "scope")
"""The phrase families ``conduct.toml`` defines, one per check."""


class PhraseFamily(Frozen):
    """One family of phrases a hiring manager holds against a note.

    Attributes:
        patterns: any match is a finding (unless excused).
        unless: a match in a sentence this pattern also matches is excused.
        message: the instruction, with ``{match}`` (the words as written).
        suggestion: a concrete fix.
        off_when_status: record statuses under which the family does not apply
            ("working with you" is fine once they have made an offer).
        needs_record: only judged with an interview record (the bluff check needs to
            know whether an offer is recorded).
        off_with_offer: not judged when the record holds a competing offer.
        slots: where the policy's index holds each pattern (``GatedPattern.slot``), in order.
    """

    patterns: tuple[GatedPattern, ...]
    unless: Regex | None
    message: str
    suggestion: str | None
    off_when_status: frozenset[str]
    needs_record: bool
    off_with_offer: bool
    slots: tuple[int, ...]

    @classmethod
    def read(cls, section: Section) -> PhraseFamily:
        """Read one ``[<family>]`` table of conduct.toml."""
        off_when = section.strings("off_when_status", (), lower=True)
        patterns = section.gated_list("patterns")
        family = cls(
            patterns=patterns,
            unless=section.regex("unless") if section.has("unless") else None,
            message=section.message("message", ("match",)),
            suggestion=section.message("suggestion", ()) if section.has("suggestion") else None,
            off_when_status=frozenset(off_when),
            needs_record=section.boolean("needs_record", False),
            off_with_offer=section.boolean("off_with_offer", False),
            slots=tuple(pattern.slot for pattern in patterns),
        )
        section.done()
        return family

    def applies(self, context: CheckContext) -> bool:
        """False when the record makes the family moot (status, a recorded offer, no record).

        Reads ``has_record``, ``has_offer`` and ``status`` only: ``Conduct.screen`` keeps
        which families apply by those (``_applying``)."""
        if self.needs_record and not context.has_record:
            return False
        if self.off_with_offer and context.has_offer:
            return False
        return context.status not in self.off_when_status


Screened = Mapping[str, tuple[str, list[tuple[GatedPattern, tuple[int, ...]]]]]
"""Family name -> its severity and the patterns that may match (with their open branches)."""


class Conduct(Frozen):
    """Every family of conduct.toml (``conduct[name]`` is one), screened together.

    Equal and hashed by identity, as the policy is: it is the key under which a text's
    analysis keeps the screen's answer.

    Attributes:
        families: check name -> its family, in file order.
        gates: the policy's index all their patterns are in.
        owners: the slot of each family's pattern in that index -> (family name, pattern).
    """

    families: Mapping[str, PhraseFamily]
    gates: GateIndex
    owners: Mapping[int, tuple[str, GatedPattern]]

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    @classmethod
    def of(cls, families: Mapping[str, PhraseFamily], gates: GateIndex) -> Conduct:
        """The families, with the table ``screen`` looks their open patterns up in."""
        owners = {
            slot: (name, pattern)
            for name, family in families.items()
            for pattern, slot in zip(family.patterns, family.slots)
        }
        return cls(families=MappingProxyType(dict(families)), gates=gates, owners=MappingProxyType(owners))

    def __getitem__(self, check: str) -> PhraseFamily:
        return self.families[check]

    def screen(self, analysis: Analysis, context: CheckContext, policy: Policy) -> Screened:
        """The families that apply to the note (their severity not ``off``, the record not
        making them moot) and that may match it, with what may match.

        One pass for all seven: every open branch of those families is looked for once
        (``patterns.candidates``), most notes finding none, so no family then runs a
        regex or reads the record.

        Raises:
            ValueError: ``context.note_type`` is not a type the policy knows.
        """
        slots, severities = _applying(policy, context.note_type, context.has_record, context.has_offer, context.status)
        opened = self.gates.opened(analysis)
        hits = opened.keys() & slots
        if not hits:
            return {}
        owners = self.owners
        # Slots are numbered as the policy was read, so each family's patterns come in order.
        pending = [(owners[slot][1], opened[slot]) for slot in sorted(hits)]
        found: dict[str, tuple[str, list[tuple[GatedPattern, tuple[int, ...]]]]] = {}
        for pattern, numbers in candidates(pending, analysis, analysis.lower, analysis.norm, _parts(analysis)):
            name = owners[pattern.slot][0]
            found.setdefault(name, (severities[name], []))[1].append((pattern, numbers))
        return found


@lru_cache(maxsize=64)
def _applying(
    policy: Policy, note_type: str, has_record: bool, has_offer: bool, status: str | None
) -> tuple[frozenset[int], Mapping[str, str]]:
    """The slots of the patterns of the families that apply to a note of ``note_type``
    with this record (``PhraseFamily.applies``), and each such family's severity: the
    same for every note of a kind, so worked out once."""
    rules = policy.type_rules(note_type)
    context = CheckContext(note_type=note_type, has_record=has_record, has_offer=has_offer, status=status)
    slots: set[int] = set()
    severities = {}
    for name, family in policy.conduct.families.items():
        severity = rules.severity(name)
        if severity != OFF and family.applies(context):
            slots.update(family.slots)
            severities[name] = severity
    return frozenset(slots), MappingProxyType(severities)


def read_families(section: Section) -> Conduct:
    """Every family of conduct.toml."""
    families = {}
    for name in FAMILIES:
        families[name] = PhraseFamily.read(section.section(name))
    section.done()
    return Conduct.of(families, section.gates)


def family_findings(check: str, text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """The findings of the family named ``check`` in the subject and body of ``text``, one per match."""
    analysis = analyse(text)
    found = _screened(analysis, context, policy).get(check)
    if found is None:
        return []  # most notes: no branch of the family can match, and no regex runs
    severity, opened = found
    family = policy.conduct[check]
    return [
        located(
            analysis,
            check,
            severity,
            family.message.format(match=quote(analysis, s, e)),
            s,
            e,
            suggestion=family.suggestion,
        )
        for s, e in _matches(family, opened, analysis, context)
    ]


def _screened(analysis: Analysis, context: CheckContext, policy: Policy) -> Screened:
    """``Conduct.screen`` for this text and context, made by the first family check of a
    round and kept in the analysis for the other six (under the policy's families, with
    the context it was made for: another context screens afresh)."""
    conduct = policy.conduct
    kept = analysis.memo.get(conduct)
    if kept is not None and kept[0] is context:
        return kept[1]  # type: ignore[index,return-value]
    screened = conduct.screen(analysis, context, policy)
    analysis.memo[conduct] = (context, screened)  # one assignment: safe beside another thread's read
    return screened


def _parts(analysis: Analysis) -> list[tuple[int, int]]:
    """The subject and the body, where the families are looked for."""
    return [part for part in (analysis.parts.subject, analysis.body) if part]


def _matches(
    family: PhraseFamily, opened: list[tuple[GatedPattern, tuple[int, ...]]], analysis: Analysis, context: CheckContext
) -> list[tuple[int, int]]:
    """The spans the family's patterns that may match (``opened``) match, in text order,
    less those excused."""
    lower, norm = analysis.lower, analysis.norm
    taken = SpanSet()
    excuses: _Excuses | None = None  # the record's words and names, read at the first match
    for start, end in _parts(analysis):
        for pattern, numbers in opened:
            for match in pattern.finditer(analysis, lower, norm, start, end, opened=numbers):
                span = match.span()
                if span[0] == span[1] or taken.overlaps(*span):
                    continue
                if excuses is None:
                    excuses = _Excuses(analysis, context)
                if excuses.excused(span):
                    continue
                if family.unless is not None:
                    sentence_start, sentence_end = analysis.sentence(*span)
                    if family.unless.search(lower, max(start, sentence_start), min(end, sentence_end)):
                        continue
                taken.add(*span)
                if len(taken) >= MAX_FINDINGS:
                    break
    return taken.spans()


class _Excuses:
    """What excuses a match whatever the family: the person's own words from the record
    (their moment, say), or a name from the record ("Northwind Pay is ...")."""

    __slots__ = ("_lower", "_record", "_names")

    def __init__(self, analysis: Analysis, context: CheckContext):
        self._lower = analysis.lower
        self._record = _record_blob(context.record_texts)
        self._names = whole_name_spans(analysis, context.proper_nouns) if context.proper_nouns else []

    def excused(self, span: tuple[int, int]) -> bool:
        start, end = span
        if self._record and " ".join(self._lower[start:end].split()) in self._record:
            return True
        return any(s < end and start < e for s, e in self._names)


@lru_cache(maxsize=64)
def _record_blob(texts: tuple[str, ...]) -> str:
    """The record's texts, lower case, spaces collapsed, for "is this the record's own wording"."""
    return "\n".join(" ".join(lower_same_length(normalise(t)[0]).split()) for t in texts)


def presumption(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """Writing as if the job were yours ("working with you", "when I start"), until an offer."""
    return family_findings("presumption", text, context, policy)


def insider(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """Speaking as if already employed there ("our customers", "my team here")."""
    return family_findings("insider", text, context, policy)


def money(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """Salary, pay or benefits raised in the note."""
    return family_findings("money", text, context, policy)


def pressure(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """Arguing with a decision, asking them to reconsider, complaining about the wait."""
    return family_findings("pressure", text, context, policy)


def ultimatum(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """Soft or hard ultimatums ("unless I hear otherwise I will sign with them")."""
    return family_findings("ultimatum", text, context, policy)


def bluff(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """Another offer mentioned when the record holds none."""
    return family_findings("bluff", text, context, policy)


def scope(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """A thank-you that asks about timing or adds selling points it should not."""
    return family_findings("scope", text, context, policy)
