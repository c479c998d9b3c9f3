"""Turn the pydantic models into table rows and back.

Imported only by the store methods that take or return models, so ``due`` and ``list``
never pay for pydantic.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime


from afterview.findings import Finding, Report
from afterview.domain import Draft, Interview, NoteType, Tone, Usage
from afterview.errors import StoreError
from afterview.fields import RecordError
from afterview.names import name_key

INTERVIEW_COLUMNS = (
    "candidate", "candidate_email", "company", "role", "interview_date", "decision_date", "status",
    "status_date", "offer_company", "offer_deadline", "award_name", "award_date", "award_relevance", "mission",
)  # fmt: skip
INTERVIEWER_COLUMNS = ("position", "name", "name_key", "title", "email", "contact", "moment", "address_as")
DRAFT_COLUMNS = (
    "note_type", "recipient", "recipient_key", "tone", "engine", "variant", "prompt_version",
    "fallback_reason", "subject", "body", "report", "attempts", "repairs", "prompt_tokens",
    "completion_tokens", "latency_ms", "notices", "created_at",
)  # fmt: skip


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def interview_values(interview: Interview) -> tuple[object, ...]:
    """The ``interviews`` columns (``INTERVIEW_COLUMNS`` order) for ``interview``."""
    offer, award = interview.competing_offer, interview.award
    return (
        interview.candidate,
        interview.candidate_email,
        interview.company,
        interview.role,
        _iso(interview.interview_date),
        _iso(interview.decision_date),
        interview.status.value,
        _iso(interview.status_date),
        offer.company if offer else None,
        _iso(offer.deadline) if offer else None,
        award.name if award else None,
        _iso(award.date) if award else None,
        award.relevance if award else None,
        interview.mission,
    )


def interviewer_values(interview: Interview) -> list[tuple[object, ...]]:
    """One ``INTERVIEWER_COLUMNS`` tuple per interviewer, in the record's order."""
    return [
        (position, p.name, name_key(p.name), p.title, p.email, int(p.contact), p.moment, p.address_as)
        for position, p in enumerate(interview.interviewers)
    ]


def interview_from_rows(row: sqlite3.Row, people: Sequence[sqlite3.Row], interview_id: int) -> Interview:
    """Rebuild the ``Interview`` stored as ``row`` (interviews) and ``people`` (interviewers).

    Raises:
        StoreError: the stored values no longer validate (the file was edited by hand).
    """
    data: dict[str, object] = {
        "candidate": row["candidate"],
        "candidate_email": row["candidate_email"],
        "company": row["company"],
        "role": row["role"],
        "interview_date": row["interview_date"],
        "decision_date": row["decision_date"],
        "status": row["status"],
        "status_date": row["status_date"],
        "mission": row["mission"],
        "interviewers": [
            {
                "name": p["name"],
                "title": p["title"],
                "email": p["email"],
                "contact": bool(p["contact"]),
                "moment": p["moment"],
                "address_as": p["address_as"],
            }
            for p in people
        ],
    }
    if row["offer_company"] is not None:
        data["competing_offer"] = {"company": row["offer_company"], "deadline": row["offer_deadline"]}
    if row["award_name"] is not None:
        data["award"] = {"name": row["award_name"], "date": row["award_date"], "relevance": row["award_relevance"]}
    try:
        return Interview.from_data(data, stored=True)
    except RecordError as exc:
        raise StoreError(f"interview #{interview_id} in the database is invalid ({exc})") from None


def report_to_json(report: Report) -> str:
    """A ``Report`` as the JSON text stored with a draft."""
    return json.dumps(
        {
            "note_type": report.note_type,
            "drafts_bar": report.drafts_bar,
            "policy_version": report.policy_version,
            "findings": [f.to_dict() for f in report.findings],
        },
        ensure_ascii=False,
    )


def report_from_json(text: str) -> Report:
    """The ``Report`` stored by ``report_to_json``."""
    data = json.loads(text)
    findings = tuple(Finding(**finding) for finding in data["findings"])
    return Report(
        note_type=data["note_type"],
        findings=findings,
        drafts_bar=data["drafts_bar"],
        policy_version=data.get("policy_version"),
    )


def draft_values(draft: Draft, report: Report, created_at: datetime) -> tuple[object, ...]:
    """The ``drafts`` columns (``DRAFT_COLUMNS`` order) for ``draft`` with ``report``."""
    return (
        draft.note_type.value,
        draft.recipient,
        name_key(draft.recipient),
        draft.tone.value,
        draft.engine,
        draft.variant,
        draft.prompt_version,
        draft.fallback_reason,
        draft.subject,
        draft.body,
        report_to_json(report),
        draft.attempts,
        draft.repairs,
        draft.usage.prompt_tokens,
        draft.usage.completion_tokens,
        draft.latency_ms,
        json.dumps(list(draft.notices), ensure_ascii=False),
        created_at.isoformat(),
    )


def draft_from_row(row: sqlite3.Row) -> Draft:
    """The ``Draft`` stored in a ``drafts`` row (selected with ``id`` and ``DRAFT_COLUMNS``)."""
    return Draft(
        id=row["id"],
        subject=row["subject"],
        body=row["body"],
        note_type=NoteType(row["note_type"]),
        recipient=row["recipient"],
        tone=Tone(row["tone"]),
        engine=row["engine"],
        variant=row["variant"],
        prompt_version=row["prompt_version"],
        fallback_reason=row["fallback_reason"],
        report=report_from_json(row["report"]),
        attempts=row["attempts"],
        repairs=row["repairs"],
        usage=Usage(prompt_tokens=row["prompt_tokens"], completion_tokens=row["completion_tokens"]),
        latency_ms=row["latency_ms"],
        notices=tuple(json.loads(row["notices"])),
        created_at=datetime.fromisoformat(row["created_at"]),
    )
