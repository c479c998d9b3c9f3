"""The domain: interviews, the people in them, and the notes afterview writes.

Frozen records (``afterview.frozen``: declared like dataclasses, cheaper to define). The records a person types (``Interview`` and its parts)
declare their field rules with ``afterview.fields.rule`` and are built, validated, by
``Interview.from_data``; messages are written for the person who typed the value, and
``interview_file`` adds the file name and line. Nothing here imports pydantic or any
layer above the domain.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from afterview.fields import (
    MOMENT,
    MOMENT_MAX_WORDS,
    NAME,
    NAME_MAX_CHARS,
    RELEVANCE,
    RELEVANCE_MAX_WORDS,
    Choice,
    Nested,
    day,
    email,
    flag,
    rule,
    word_count,
)
from afterview.findings import Report
from afterview.frozen import Frozen, field
from afterview.records import Record
from afterview.names import name_key
from afterview.notes import NOTE_LABELS, NOTE_TYPES, STATUS_VALUES, STATUSES, TONE_VALUES, TONES

__all__ = [
    "MOMENT_MAX_WORDS",
    "NAME_MAX_CHARS",
    "RELEVANCE_MAX_WORDS",
    "Award",
    "CompetingOffer",
    "Draft",
    "Interview",
    "Interviewer",
    "NoteRequest",
    "NoteType",
    "Status",
    "Tone",
    "Usage",
    "word_count",
]

class _Vocabulary(StrEnum):
    """An enum over one of ``afterview.notes``' tables, with the table's labels."""

    @property
    def label(self) -> str:
        """Human label: ``thank_you`` -> ``thank-you``."""
        return _LABELS[self.value]


def _vocabulary(name: str, values: tuple[str, ...]) -> type[_Vocabulary]:
    return _Vocabulary(name, {value.upper(): value for value in values})  # type: ignore[return-value]


_LABELS = {**NOTE_LABELS, **{t.value: t.label for t in (*STATUSES, *TONES)}}
NoteType = _vocabulary("NoteType", NOTE_TYPES)
"""The six notes that can follow an interview (``afterview.notes.NOTE_KINDS``)."""
Status = _vocabulary("Status", STATUS_VALUES)
"""Where the application stands (``afterview.notes.STATUSES``)."""
Tone = _vocabulary("Tone", TONE_VALUES)
"""How the note sounds (``afterview.notes.TONES``)."""


class Interviewer(Record):
    """Someone who interviewed the candidate."""

    name: str = rule(NAME)
    title: str | None = rule(NAME, None)
    email: str | None = rule(email, None)
    contact: bool = rule(flag, False)
    """Receives the notes that follow the thank-yous (default: the first interviewer)."""
    moment: str | None = rule(MOMENT, None)
    """One memorable moment, as typed; the drafter rephrases it to fit the note."""
    address_as: str | None = rule(NAME, None)
    """How to greet them when the name alone would be wrong: "Dr. Okonkwo", "Ms. Wang", "Bob"."""

    @property
    def first_name(self) -> str:
        """The first word of the name, for greetings."""
        return self.name.split()[0]


class CompetingOffer(Record):
    """A real offer from another employer, with the date they need an answer by."""

    company: str = rule(NAME)
    deadline: date = rule(day)


class Award(Record):
    """An award or recognition received while waiting."""

    name: str = rule(NAME)
    date: date = rule(day)
    relevance: str | None = rule(RELEVANCE, None)
    """Why it matters for the role; completes "..., which matters because ..."."""


class Interview(Record):
    """One interview: the record every note and every due date is derived from."""

    candidate: str | None = rule(NAME, None)
    candidate_email: str | None = rule(email, None)
    company: str = rule(NAME)
    role: str = rule(NAME)
    interview_date: date = rule(day)
    decision_date: date | None = rule(day, None)
    status: Status = rule(Choice(Status), Status.AWAITING)
    status_date: date | None = rule(day, None)
    mission: str | None = rule(RELEVANCE, None)
    """What the candidate admires about the organisation; continued-interest notes use it."""
    interviewers: list[Interviewer] = rule(Nested(Interviewer, many=True, min_items=1))
    competing_offer: CompetingOffer | None = rule(Nested(CompetingOffer), None)
    award: Award | None = rule(Nested(Award), None)

    @classmethod
    def cross_checks(cls, values: dict[str, Any]) -> list[tuple[str, str]]:
        """Dates not before the interview; interviewer names unique; at most one contact."""
        broken = []
        interviewed = values.get("interview_date")
        for name in ("decision_date", "status_date"):
            value = values.get(name)
            if value is not None and interviewed is not None and value < interviewed:
                broken.append((name, f"{value} is before interview_date {interviewed}"))
        people = values.get("interviewers") or ()
        seen: set[str] = set()
        for person in people:
            key = name_key(person.name)
            if key in seen:
                broken.append(("interviewers", f"{person.name!r} is listed twice (names are unique, ignoring case)"))
                break
            seen.add(key)
        contacts = [p.name for p in people if p.contact]
        if len(contacts) > 1:
            names = ", ".join(contacts)
            broken.append(("interviewers", f"only one interviewer can be the contact; {names} all say contact = true"))
        return broken

    @property
    def contact(self) -> Interviewer:
        """Who gets the notes after the thank-yous: the marked contact, else the first."""
        return next((p for p in self.interviewers if p.contact), self.interviewers[0])

    @property
    def recipient_names(self) -> list[str]:
        """Names as the timing advisor reads them."""
        return [p.name for p in self.interviewers]

    @property
    def contact_name(self) -> str:
        """The contact's name, as the timing advisor reads it."""
        return self.contact.name

    @property
    def offer_deadline(self) -> date | None:
        """The competing offer's deadline, as the timing advisor reads it."""
        return self.competing_offer.deadline if self.competing_offer else None

    @property
    def award_date(self) -> date | None:
        """The award's date, as the timing advisor reads it."""
        return self.award.date if self.award else None

    def interviewer(self, name: str) -> Interviewer | None:
        """Find an interviewer by name, ignoring case and runs of spaces."""
        key = name_key(name)
        return next((p for p in self.interviewers if name_key(p.name) == key), None)

    def proper_nouns(self) -> tuple[str, ...]:
        """The record's own names, masked before ``sensitive`` and ``placeholders`` run."""
        nouns = [self.company, self.role]
        if self.candidate:
            nouns.append(self.candidate)
        for person in self.interviewers:
            nouns.append(person.name)
            if person.address_as:
                nouns.append(person.address_as)
            if person.title:
                nouns.append(person.title)
        if self.competing_offer:
            nouns.append(self.competing_offer.company)
        if self.award:
            nouns.append(self.award.name)
        return tuple(nouns)


class Usage(Frozen):
    """Tokens an LLM reported for one draft, summed over its requests."""

    prompt_tokens: int = 0
    completion_tokens: int = 0


MAX_VARIANTS = 10
"""Variants one request may ask for."""


class NoteRequest(Frozen):
    """What the writer is asked for: one note type, to one person, in one tone.

    ``feedback`` and ``previous`` carry a repair round's instructions and the draft they
    apply to, so a drafter sees them in the request itself.
    """

    interview: Interview
    note_type: NoteType
    recipient: str
    tone: Tone = Tone.WARM
    signature: str
    """The name the note is signed with (candidate, else the profile's name)."""
    signature_block: str | None = None
    """Extra lines under the name (the profile's ``signature``)."""
    variants: int = 1
    first_variant: int = 0
    """Index of the first variant asked for; Regenerate asks for the next ones."""
    moment_withheld: bool = False
    """The recipient's moment cannot be quoted (``checks.moment``): do not quote it."""
    other_notes: tuple[tuple[str, str], ...] = ()
    """``(recipient, text)`` of the notes the panel may read beside this one."""
    follow_ups_sent: int = 0
    """Follow-ups already sent for this interview: the second and last one has its own wording."""
    feedback: str | None = None
    previous: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "note_type", NoteType(self.note_type))
        object.__setattr__(self, "tone", Tone(self.tone))
        if not 1 <= self.variants <= MAX_VARIANTS:
            raise ValueError(f"variants must be from 1 to {MAX_VARIANTS}, not {self.variants}")
        if self.first_variant < 0:
            raise ValueError(f"first_variant must not be negative, not {self.first_variant}")
        if self.follow_ups_sent < 0:
            raise ValueError(f"follow_ups_sent must not be negative, not {self.follow_ups_sent}")

    @property
    def moment(self) -> str | None:
        """The recipient's moment, unless it is withheld."""
        return None if self.moment_withheld else self.interviewer.moment

    @property
    def interviewer(self) -> Interviewer:
        """The recipient's record (validated to exist by the writer)."""
        person = self.interview.interviewer(self.recipient)
        if person is None:  # pragma: no cover - guarded where requests are built
            raise LookupError(self.recipient)
        return person


class Draft(Frozen):
    """A note ready to show: text, verdict and how it was made."""

    id: int | None = None
    subject: str
    body: str
    note_type: NoteType
    recipient: str
    tone: Tone
    engine: str
    """Model name, or ``template`` for the offline drafter."""
    variant: int = 0
    prompt_version: str | None = None
    fallback_reason: str | None = None
    report: Report
    attempts: int = 1
    repairs: int = 0
    usage: Usage = field(default_factory=Usage)
    latency_ms: float = 0.0
    notices: tuple[str, ...] = ()
    """Things the user should know (e.g. the moment was left out, and why)."""
    created_at: datetime | None = None

    def __post_init__(self) -> None:
        # Callers may name the type and tone by value ("thank_you"); keep the members.
        object.__setattr__(self, "note_type", NoteType(self.note_type))
        object.__setattr__(self, "tone", Tone(self.tone))

    @property
    def text(self) -> str:
        """Subject line, blank line, body: the shape ``check`` accepts."""
        return f"Subject: {self.subject}\n\n{self.body}"

    def to_dict(self) -> dict[str, object]:
        """The JSON object ``draft --json`` prints."""
        return {
            "id": self.id,
            "subject": self.subject,
            "body": self.body,
            "type": self.note_type.value,
            "recipient": self.recipient,
            "tone": self.tone.value,
            "engine": self.engine,
            "variant": self.variant,
            "prompt_version": self.prompt_version,
            "fallback_reason": self.fallback_reason,
            "attempts": self.attempts,
            "repairs": self.repairs,
            "usage": {"prompt_tokens": self.usage.prompt_tokens, "completion_tokens": self.usage.completion_tokens},
            "latency_ms": round(self.latency_ms, 1),
            "notices": list(self.notices),
            "report": self.report.to_dict(),
        }
