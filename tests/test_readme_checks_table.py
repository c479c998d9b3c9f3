"""README's checks table agrees with the policy: every check, its severity per note type
in `check`, and what the drafts' bar (`check --strict`, afterview's own drafts) makes of it.

The "asks" column is prose kept by hand; every other cell is derived from guardrails/
here, so a policy change that README does not follow fails this test, which prints the
expected row.
"""

from __future__ import annotations

from pathlib import Path

from afterview.checks import Policy, load_policy
from afterview.checks.reader import OFF
from afterview.notes import NOTE_LABELS, NOTE_TYPES

ROOT = Path(__file__).resolve().parents[1]
HEADER = "| check | asks | " + " | ".join(NOTE_LABELS[t] for t in NOTE_TYPES) + " |"
# The panel check's severity is fixed in its code (a near-duplicate only ever warns).
FIXED = {"panel": "warn"}


def severity_in_check(policy: Policy, check: str, note_type: str) -> str:
    """The severity ``check`` gives its findings for ``note_type`` in `check`."""
    rules = policy.type_rules(note_type)
    if check in rules.severities:
        return rules.severity(check)
    if check == "brevity":
        return f"{policy.brevity.over} / {policy.brevity.under}"
    if check == "sensitive":
        return " / ".join(dict.fromkeys(policy.sensitive.severities[v] for v in ("reader", "self", "signal")))
    if check in FIXED:
        return FIXED[check]
    return getattr(policy, check).severity


def cell(policy: Policy, check: str, note_type: str) -> str:
    """``warn``, or ``warn → block`` when the drafts' bar raises it."""
    severity = severity_in_check(policy, check, note_type)
    if check == "interest" and severity == OFF:
        return f"off; withdrawal: {policy.interest.withdrawal_severity}"
    if severity != OFF and severity != "block" and policy.escalates(check, note_type):
        return f"{severity} → block"
    return severity


def readme_rows() -> dict[str, list[str]]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER) + 2  # the header and its |---| line
    rows = {}
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0]] = cells
    return rows


def test_readme_lists_every_check_with_its_severities() -> None:
    policy = load_policy(ROOT / "guardrails")
    rows = readme_rows()
    assert list(rows) == list(policy.checks), "README's checks table lists the checks in policy order"
    for check in policy.checks:
        expected = [cell(policy, check, t) for t in NOTE_TYPES]
        line = f"| {check} | {rows[check][1]} | " + " | ".join(expected) + " |"
        assert rows[check][2:] == expected, f"README row should read:\n{line}"
