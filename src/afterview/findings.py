"""What a check finds and the verdict folded from it: frozen records, no pydantic.

They sit below every layer that handles a verdict (the checks produce them, drafts
carry them, the store keeps them as JSON), so none of those needs the checks
themselves. ``afterview.frozen`` records rather than dataclasses: ``afterview check``
defines dozens of such types at start-up, and a frozen dataclass costs about 0.6 ms to
define (``dataclasses`` also imports ``inspect``). Change one with ``replace(finding, ...)``.
"""

from __future__ import annotations

from typing import Literal

from afterview.frozen import Frozen

Severity = Literal["block", "warn", "info"]
SEVERITIES: tuple[Severity, ...] = ("block", "warn", "info")


class Finding(Frozen):
    """One problem (or observation) a check found in a note.

    Attributes:
        check: name of the check that produced it (``brevity``, ``sensitive``...).
        severity: ``block`` (must be fixed), ``warn`` (should be), ``info`` (worth knowing).
        message: written as an instruction ("Mention the moment you noted: ..."), so it
            can be sent back to an LLM as repair feedback unchanged.
        category: for ``sensitive``, the protected characteristic (``age``, ``religion``...)
            or ``allegation``; otherwise None.
        start: 0-based character offset into the checked text, or None.
        end: end-exclusive offset, or None.
        suggestion: a concrete fix, when there is one.
    """

    check: str
    severity: Severity
    message: str
    category: str | None = None
    start: int | None = None
    end: int | None = None
    suggestion: str | None = None

    def to_dict(self) -> dict[str, object]:
        """Return the JSON shape used by ``afterview check --json``."""
        return {
            "check": self.check,
            "severity": self.severity,
            "category": self.category,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "suggestion": self.suggestion,
        }


class Report(Frozen):
    """Every finding for one note, with the verdicts derived from them.

    Attributes:
        note_type: the note type the text was judged as.
        findings: in text order within each check, checks in policy order.
        drafts_bar: True when the stricter bar for afterview's own drafts was applied.
        policy_version: the version of the policy that judged it (``Policy.version``);
            a stored report from another version is stale and is checked again.
    """

    note_type: str
    findings: tuple[Finding, ...] = ()
    drafts_bar: bool = False
    policy_version: str | None = None

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """Findings that stop the note from being sent as it is."""
        return tuple(f for f in self.findings if f.severity == "block")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Findings worth fixing that do not block the note."""
        return tuple(f for f in self.findings if f.severity == "warn")

    @property
    def infos(self) -> tuple[Finding, ...]:
        """Observations only."""
        return tuple(f for f in self.findings if f.severity == "info")

    @property
    def passed(self) -> bool:
        """True when no finding blocks."""
        return not any(f.severity == "block" for f in self.findings)

    def by_check(self, check: str) -> tuple[Finding, ...]:
        """Findings of one check."""
        return tuple(f for f in self.findings if f.check == check)

    def as_feedback(self) -> str:
        """The instructions sent back to an LLM in a repair round (blocking first)."""
        ordered = [*self.blocking, *self.warnings]
        lines = []
        for finding in ordered:
            line = f"- {finding.message}"
            if finding.suggestion:
                line += f" ({finding.suggestion})"
            lines.append(line)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """Return the JSON shape shared by ``check --json`` and ``draft --json``."""
        return {"passed": self.passed, "findings": [f.to_dict() for f in self.findings]}
