"""The checks' own types: plain dataclasses, so ``checks`` needs no pydantic.

A check is a plain function ``(text, context, policy) -> list[Finding]``; ``run_checks``
folds the findings of every check the policy lists into a ``Report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Severity = Literal["block", "warn", "info"]
SEVERITIES: tuple[Severity, ...] = ("block", "warn", "info")


@dataclass(frozen=True, slots=True)
class Finding:
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


@dataclass(frozen=True, slots=True)
class Report:
    """Every finding for one note, with the verdicts derived from them.

    Attributes:
        note_type: the note type the text was judged as.
        findings: in text order within each check, checks in policy order.
        drafts_bar: True when the stricter bar for afterview's own drafts was applied.
    """

    note_type: str
    findings: tuple[Finding, ...] = ()
    drafts_bar: bool = False

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


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What the checks know about the note beyond its text. All optional.

    Built from the interview record by the caller (``afterview.context``); ``check`` on a
    bare file uses ``CheckContext(note_type=...)`` and the record-dependent checks
    (``recipient``, ``personal``, ``grounding``) stay silent.

    Attributes:
        note_type: one of the six note types.
        recipient: the interviewer the note goes to.
        moment: the memorable moment noted for the recipient.
        moment_withheld: the moment itself touched a protected characteristic, so the
            note speaks of the conversation in general and ``personal`` only warns.
        proper_nouns: the record's own names (people, company, role, award, offer's
            company), masked before ``sensitive`` and ``placeholders`` run.
        record_texts: every text value of the record, for ``grounding``.
        record_dates: every date of the record, for ``grounding``.
        award: the award's name, for ``asks`` on award_update.
        deadline: the competing offer's decision deadline, for ``asks`` on competing_offer.
        has_record: True when the context was built from an interview record.
    """

    note_type: str = "thank_you"
    recipient: str | None = None
    moment: str | None = None
    moment_withheld: bool = False
    proper_nouns: tuple[str, ...] = ()
    record_texts: tuple[str, ...] = ()
    record_dates: tuple[date, ...] = field(default=())
    award: str | None = None
    deadline: date | None = None
    has_record: bool = False
