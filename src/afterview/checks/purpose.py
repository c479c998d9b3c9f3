"""The ask each note type must make, and the asks it must not.

follow_up asks whether they need anything more; feedback_request asks for feedback;
continued_interest asks to be kept in mind; competing_offer says they remain the top
choice, names the deadline and makes no ultimatum; award_update names the award.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from afterview.checks import dates
from afterview.checks.common import MAX_FINDINGS, located, quote
from afterview.checks.patterns import GatedPattern
from afterview.checks.reader import OFF, Section
from afterview.checks.text import analyse, lower_same_length, normalise, tokens_of
from afterview.checks.types import CheckContext, Finding
from afterview.frozen import Frozen

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

class Requirement(Frozen):
    """A pattern the body must (or must not) match, and the instruction when it fails."""

    pattern: GatedPattern
    message: str


class TypeAsks(Frozen):
    """The asks of one note type."""

    requires: tuple[Requirement, ...] = ()
    forbids: tuple[Requirement, ...] = ()
    deadline_message: str | None = None
    award_message: str | None = None
    award_min_share: float = 1.0
    award_ignore: frozenset[str] = frozenset()


class AskRules(Frozen):
    """The asks of every note type that has some."""

    by_type: Mapping[str, TypeAsks]

    @classmethod
    def read(cls, section: Section) -> AskRules:
        """Read ``[asks.<type>]`` of phrases.toml."""
        by_type = {}
        for note_type in section.keys():
            table = section.section(note_type)
            by_type[note_type] = TypeAsks(
                requires=_requirements(table, "requires", ()),
                forbids=_requirements(table, "forbids", ("match",)),
                deadline_message=_optional_message(table, "deadline_message", ("deadline",)),
                award_message=_optional_message(table, "award_message", ("award",)),
                award_min_share=table.number("award_min_share", 1.0, low=0.0, high=1.0),
                award_ignore=frozenset(table.strings("award_ignore", (), lower=True)),
            )
            table.done()
        section.done()
        return cls(by_type)


def _optional_message(table: Section, key: str, placeholders: tuple[str, ...]) -> str | None:
    return table.message(key, placeholders) if table.has(key) else None


def _requirements(table: Section, key: str, placeholders: tuple[str, ...]) -> tuple[Requirement, ...]:
    found = []
    for item in table.sections(key, optional=True):
        found.append(Requirement(item.gated(), item.message("message", placeholders)))
        item.done()
    return tuple(found)


def asks(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """The note makes the ask its type needs, names what it must, and threatens nothing."""
    severity = policy.type_rules(context.note_type).asks
    rules = policy.asks.by_type.get(context.note_type)
    if severity == OFF or rules is None:
        return []
    analysis = analyse(text)
    lower, norm = analysis.lower, analysis.norm
    start, end = analysis.body
    findings: list[Finding] = []
    for need in rules.requires:
        if next(need.pattern.finditer(analysis, lower, norm, start, end, body_only=True), None) is None:
            findings.append(Finding("asks", severity, need.message))
    if rules.deadline_message and context.deadline is not None:
        if not (analysis.has_digit and dates.mentions(lower, context.deadline, start, end)):
            message = rules.deadline_message.format(deadline=dates.spoken(context.deadline))
            findings.append(Finding("asks", severity, message))
    if rules.award_message and context.award and context.award.strip():
        if not _names_award(lower[start:end], context.award, rules):
            findings.append(Finding("asks", severity, rules.award_message.format(award=context.award.strip())))
    for ban in rules.forbids:
        matches = ban.pattern.finditer(analysis, lower, norm, start, end, body_only=True)
        for match in itertools.islice(matches, MAX_FINDINGS):
            message = ban.message.format(match=quote(analysis, match.start(), match.end()))
            findings.append(located(analysis, "asks", severity, message, match.start(), match.end()))
    return findings


def _names_award(body: str, award: str, rules: TypeAsks) -> bool:
    """The body names the award in full, or enough of its distinctive words."""
    name = lower_same_length(normalise(" ".join(award.split()))[0])
    if re.search(r"(?<!\w)" + r"[\s-]+".join(map(re.escape, name.split())) + r"(?!\w)", body):
        return True
    words = [w for w in re.findall(r"[^\W_]+", name) if w not in rules.award_ignore]
    if not words:
        return False
    present = tokens_of(body)
    return sum(1 for w in words if w in present) / len(words) >= rules.award_min_share
