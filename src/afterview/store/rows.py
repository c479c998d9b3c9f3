"""Light rows read from the database: no pydantic.

``due`` and ``list`` read thousands of rows per run, so ``InterviewRow``, ``ListRow`` and
``SummaryRow`` are named tuples (about three times cheaper to build than frozen dataclasses) made
straight from SQL tuples. ``InterviewRow`` satisfies ``afterview.timing.InterviewLike``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple


def to_date(value: str | None) -> date | None:
    """An ISO date column, or None."""
    return date.fromisoformat(value) if value else None


class InterviewRow(NamedTuple):
    """What the due list needs of a stored interview: where it is and what the advisor reads."""

    id: int
    company: str
    role: str
    interview_date: date
    decision_date: date | None
    status: str
    status_date: date | None
    recipient_names: tuple[str, ...]
    contact_name: str
    offer_deadline: date | None
    award_date: date | None
    recipient_keys: tuple[str, ...] = ()
    """The interviewers' name keys as stored, in the order of ``recipient_names``."""


class SummaryRow(NamedTuple):
    """The little the dashboard's first listing shows of a stored interview."""

    id: int
    company: str
    role: str
    interview_date: date
    status: str


class ListRow(NamedTuple):
    """One line of ``afterview list``."""

    id: int
    company: str
    role: str
    interview_date: date
    status: str
    status_date: date | None
    interviewers: tuple[str, ...]
    drafts: int
    """How many drafts are stored for the interview."""
    sent: int
    """How many notes are marked sent."""

    def to_dict(self) -> dict[str, object]:
        """The JSON object ``list --json`` prints."""
        return {
            "id": self.id,
            "company": self.company,
            "role": self.role,
            "interview_date": self.interview_date.isoformat(),
            "status": self.status,
            "status_date": self.status_date.isoformat() if self.status_date else None,
            "interviewers": list(self.interviewers),
            "drafts": self.drafts,
            "sent": self.sent,
        }


@dataclass(frozen=True, slots=True)
class SentRecord:
    """A note marked as sent: which draft (if any) went to whom, and when."""

    id: int
    interview_id: int
    note_type: str
    recipient: str
    sent_on: date
    draft_id: int | None
    recorded_at: datetime
    already: bool = False
    """True when this note was already logged as sent that day (nothing new was written)."""

    def to_dict(self) -> dict[str, object]:
        """JSON shape used by ``show --json``."""
        return {
            "id": self.id,
            "type": self.note_type,
            "recipient": self.recipient,
            "sent_on": self.sent_on.isoformat(),
            "draft": self.draft_id,
            "recorded_at": self.recorded_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One entry of an interview's status history."""

    status: str
    status_date: date | None
    recorded_at: datetime

    def to_dict(self) -> dict[str, object]:
        """JSON shape used by ``show --json``."""
        return {
            "status": self.status,
            "status_date": self.status_date.isoformat() if self.status_date else None,
            "recorded_at": self.recorded_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class DraftSummary:
    """A stored draft without its body: enough to list and pick one."""

    id: int
    note_type: str
    recipient: str
    tone: str
    engine: str
    subject: str
    passed: bool
    created_at: datetime
    edited_at: datetime | None
    policy_version: str | None = None
    """The policy version that judged the stored report (another one: stale)."""

    def to_dict(self) -> dict[str, object]:
        """JSON shape used by ``show --json``."""
        return {
            "id": self.id,
            "type": self.note_type,
            "recipient": self.recipient,
            "tone": self.tone,
            "engine": self.engine,
            "subject": self.subject,
            "passed": self.passed,
            "policy_version": self.policy_version,
            "created_at": self.created_at.isoformat(),
            "edited_at": self.edited_at.isoformat() if self.edited_at else None,
        }
