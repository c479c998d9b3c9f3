"""Whether the memorable moment the person noted can be quoted in a note.

The person types the moment; drafts quote it and a model sees it inside its data
block. A moment that touches a protected characteristic, still holds a placeholder,
reads as instructions to a model, or holds a web address, an email address or a phone
number is withheld: the note speaks of the conversation in general, and the person is
told why. ``moment_fate`` is the one place that decides it; ``afterview.context`` asks
it for every note, whichever door the note came through, so a withheld moment is
honoured by ``draft``, ``check`` and the TUI alike. Patterns and reasons beyond the
sensitive and placeholder checks are data in ``guardrails/moment.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from afterview.checks.basic import placeholders
from afterview.checks.common import located
from afterview.checks.patterns import GatedPattern
from afterview.checks.protected import scan_sensitive
from afterview.checks.reader import Section
from afterview.checks.text import analyse
from afterview.checks.types import CheckContext, Finding
from afterview.frozen import Frozen

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

CHECK = "moment"
"""The check name on findings about the moment itself (not about a note)."""


class MomentFate(Frozen):
    """What becomes of one recipient's moment.

    Attributes:
        withheld: True when the note must not quote it.
        reason: why, in words for the person ("touches on age", "holds a web
            address"); None when quoted.
        findings: what was found in the moment itself (spans index into the moment).
    """

    withheld: bool
    reason: str | None = None
    findings: tuple[Finding, ...] = ()
    neutral_reason: str | None = None
    """The reason in words fit to send to a model: it names no characteristic ("touches a
    protected characteristic and holds a web address")."""


QUOTED = MomentFate(withheld=False)


class WithholdRule(Frozen):
    """One kind of content that keeps a moment out of the note."""

    category: str
    reason: str
    message: str
    pattern: GatedPattern


class MomentRules(Frozen):
    """The rules of moment.toml."""

    withhold: tuple[WithholdRule, ...]
    sensitive_reason: str
    neutral_sensitive_reason: str
    placeholder_reason: str
    hidden_reason: str

    @classmethod
    def read(cls, section: Section) -> MomentRules:
        """Read moment.toml."""
        rules = []
        for item in section.sections("withhold"):
            rules.append(
                WithholdRule(
                    category=item.string("category"),
                    reason=item.string("reason"),
                    message=item.message("message", ()),
                    pattern=item.gated(),
                )
            )
            item.done()
        withheld = section.section("withheld")
        result = cls(
            withhold=tuple(rules),
            sensitive_reason=withheld.message("sensitive_reason", ("categories",)),
            neutral_sensitive_reason=withheld.message("neutral_sensitive_reason", ()),
            placeholder_reason=withheld.message("placeholder_reason", ()),
            hidden_reason=withheld.message("hidden_reason", ()),
        )
        withheld.done()
        section.done()
        return result


def moment_fate(moment: str | None, proper_nouns: Sequence[str], policy: Policy) -> MomentFate:
    """Decide whether ``moment`` can be quoted; ``proper_nouns`` are the record's names.

    Its findings: sensitive wording and placeholders (their own checks' findings), then
    instructions to a model, web and email addresses and phone numbers (``moment``
    findings with the category ``instructions``, ``address``, ``email`` or ``phone``).
    """
    if not moment or not moment.strip():
        return QUOTED
    return _fate(moment, tuple(proper_nouns), policy)


@lru_cache(maxsize=256)
def _fate(moment: str, nouns: tuple[str, ...], policy: Policy) -> MomentFate:
    found = scan_sensitive(moment, policy, nouns)
    found += placeholders(moment, CheckContext(proper_nouns=nouns), policy)
    analysis = analyse(moment)
    rules = policy.moment
    for rule in rules.withhold:
        match = next(rule.pattern.finditer(analysis, analysis.lower, analysis.norm), None)
        if match is not None:
            found.append(located(analysis, CHECK, "block", rule.message, *match.span(), category=rule.category))
    if not found:
        return QUOTED
    return MomentFate(
        withheld=True,
        reason=_reason(found, rules),
        findings=tuple(found),
        neutral_reason=_reason(found, rules, neutral=True),
    )


def _reason(findings: Sequence[Finding], rules: MomentRules, *, neutral: bool = False) -> str:
    """Every reason, joined: "touches on age and holds a web address" (``neutral``:
    "touches a protected characteristic and holds a web address")."""
    categories = sorted({f.category for f in findings if f.check == "sensitive" and f.category})
    sensitive = rules.neutral_sensitive_reason if neutral else rules.sensitive_reason.format(categories=", ".join(categories))
    reasons = [sensitive] if categories else []
    for finding in findings:
        if finding.check == "placeholders":
            reasons.append(rules.placeholder_reason)
        elif finding.check == "hidden_characters":
            reasons.append(rules.hidden_reason)
        elif finding.check == CHECK:
            reasons.append(next(r.reason for r in rules.withhold if r.category == finding.category))
    reasons = list(dict.fromkeys(reasons))
    return reasons[0] if len(reasons) == 1 else ", ".join(reasons[:-1]) + " and " + reasons[-1]
