"""``run_checks``: every check the policy lists, in policy order, folded into a Report.

``CHECKS`` is the one list of checks: ``afterview.checks.policy`` reads its names to
validate ``policy.toml``, which is why this module imports ``Policy`` for types only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from afterview.checks.addressing import personal, recipient
from afterview.checks.basic import brevity, cliches, interest, placeholders, thanks
from afterview.checks.conduct import bluff, insider, money, presumption, pressure, scope, ultimatum
from afterview.checks.facts import grounding
from afterview.checks.names import employer, people
from afterview.checks.panel import panel
from afterview.checks.protected import hidden_characters, prepare_for_checks, sensitive
from afterview.checks.purpose import asks
from afterview.checks.types import CheckContext, Finding, Report
from afterview.frozen import replace

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

Check = Callable[[str, CheckContext, "Policy"], list[Finding]]
"""A check: ``(text, context, policy) -> findings``. Pure; never raises on odd text."""

CHECKS: dict[str, Check] = {
    "brevity": brevity,
    "thanks": thanks,
    "interest": interest,
    "sensitive": sensitive,
    "placeholders": placeholders,
    "recipient": recipient,
    "personal": personal,
    "asks": asks,
    "people": people,
    "employer": employer,
    "presumption": presumption,
    "insider": insider,
    "money": money,
    "pressure": pressure,
    "ultimatum": ultimatum,
    "bluff": bluff,
    "scope": scope,
    "grounding": grounding,
    "cliches": cliches,
    "panel": panel,
}


def run_checks(text: str, context: CheckContext, policy: Policy, *, drafts_bar: bool = False) -> Report:
    """Run the checks ``policy`` lists on ``text`` and fold the findings into a Report.

    Every check matches the text normalised once (``checks.normalize``), and spans
    point into ``text`` as given. Findings keep policy order between checks and text
    order within one (findings about the whole note first). With ``drafts_bar`` (notes
    afterview drafts itself), the findings the policy's drafts bar names are raised to
    ``block``.

    Raises:
        ValueError: ``context.note_type`` is not a type the policy knows.
    """
    policy.type_rules(context.note_type)
    prepared = prepare_for_checks(text, policy)  # normalised once; spans map back to ``text``
    findings: list[Finding] = []
    for name in policy.checks:
        found = CHECKS[name](prepared.text, context, policy)
        if found:
            found = prepared.restore(found)
        if name == "sensitive" and prepared.hidden:
            found = [*found, *hidden_characters(prepared, policy)]  # their spans index ``text`` already
        if not found:
            continue  # most checks on most notes: nothing to map, sort or raise
        found.sort(key=_text_order)
        if drafts_bar and policy.escalates(name, context.note_type):
            found = [f if f.severity == "block" else replace(f, severity="block") for f in found]
        findings.extend(found)
    return Report(
        note_type=context.note_type, findings=tuple(findings), drafts_bar=drafts_bar, policy_version=policy.version
    )


def _text_order(finding: Finding) -> tuple[bool, int]:
    return finding.start is not None, finding.start or 0
