"""The domain: interviews, the people in them, and the notes afterview writes.

pydantic v2 models at the boundaries (interview files, config, store). Validation
messages are written for the person who typed the value; ``interview_file`` adds the
file name and line.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, SkipValidation, ValidationInfo, field_validator

from afterview.findings import Report
from afterview.names import name_key
from afterview.notes import NOTE_LABELS, NOTE_TYPES, STATUS_VALUES, STATUSES, TONE_VALUES, TONES
from afterview.terminal import CONTROL_CHARS

NAME_MAX_CHARS = 80
MOMENT_MAX_WORDS = 40
RELEVANCE_MAX_WORDS = 30


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


# Characters that must never reach a note or a terminal (controls, escapes, bidi overrides).
_FORBIDDEN_CHARS = re.compile(CONTROL_CHARS)
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")
_WORD = re.compile(r"[\w'’-]+")


def word_count(text: str) -> int:
    """Words as the caps count them: runs of letters, digits, apostrophes and hyphens."""
    return len(_WORD.findall(text))


def _clean(value: str, *, multiline: bool = False) -> str:
    if _FORBIDDEN_CHARS.search(value):
        raise ValueError("contains control characters or terminal escape sequences; remove them")
    if not multiline and ("\n" in value or "\t" in value):
        raise ValueError("must be on one line")
    return unicodedata.normalize("NFC", value).strip()


def _text(max_chars: int) -> AfterValidator:
    def check(value: str) -> str:
        # Runs of spaces collapse, so "Jordan  Lee" and "Jordan Lee" are one person.
        value = " ".join(_clean(value).split())
        if not value:
            raise ValueError("must not be empty")
        if len(value) > max_chars:
            raise ValueError(f"is {len(value)} characters; at most {max_chars} allowed")
        return value

    return AfterValidator(check)


def _words(max_words: int) -> AfterValidator:
    def check(value: str) -> str:
        value = " ".join(_clean(value, multiline=True).split())
        if not value:
            raise ValueError("must not be empty (leave it out instead)")
        count = word_count(value)
        if not any(character.isalnum() for character in value):
            raise ValueError("needs words, not only punctuation (or leave it out)")
        if count > max_words:
            raise ValueError(f"is {count} words; at most {max_words} allowed")
        return value

    return AfterValidator(check)


def _email(value: str) -> str:
    value = _clean(value)
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an email address")
    return value


Name = Annotated[str, _text(NAME_MAX_CHARS)]
Email = Annotated[str, AfterValidator(_email)]
Moment = Annotated[str, _words(MOMENT_MAX_WORDS)]
Relevance = Annotated[str, _words(RELEVANCE_MAX_WORDS)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Interviewer(_Record):
    """Someone who interviewed the candidate."""

    name: Name
    title: Name | None = None
    email: Email | None = None
    contact: bool = False
    """Receives the notes that follow the thank-yous (default: the first interviewer)."""
    moment: Moment | None = None
    """One memorable moment; completes "I especially enjoyed ..."."""

    @property
    def first_name(self) -> str:
        """The first word of the name, for greetings."""
        return self.name.split()[0]


class CompetingOffer(_Record):
    """A real offer from another employer, with the date they need an answer by."""

    company: Name
    deadline: date


class Award(_Record):
    """An award or recognition received while waiting."""

    name: Name
    date: date
    relevance: Relevance | None = None
    """Why it matters for the role; completes "..., which matters because ..."."""


class Interview(_Record):
    """One interview: the record every note and every due date is derived from."""

    candidate: Name | None = None
    candidate_email: Email | None = None
    company: Name
    role: Name
    interview_date: date
    decision_date: date | None = None
    status: Status = Status.AWAITING
    status_date: date | None = None
    interviewers: list[Interviewer] = Field(min_length=1)
    competing_offer: CompetingOffer | None = None
    award: Award | None = None

    @field_validator("decision_date", "status_date")
    @classmethod
    def _not_before_interview(cls, value: date | None, info: ValidationInfo) -> date | None:
        interviewed = info.data.get("interview_date")
        if value is not None and interviewed is not None and value < interviewed:
            raise ValueError(f"{value} is before interview_date {interviewed}")
        return value

    @field_validator("interviewers")
    @classmethod
    def _one_each(cls, people: list[Interviewer]) -> list[Interviewer]:
        seen: set[str] = set()
        for person in people:
            key = name_key(person.name)
            if key in seen:
                raise ValueError(f"{person.name!r} is listed twice (names are unique, ignoring case)")
            seen.add(key)
        contacts = [p.name for p in people if p.contact]
        if len(contacts) > 1:
            raise ValueError(f"only one interviewer can be the contact; {', '.join(contacts)} all say contact = true")
        return people

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
            if person.title:
                nouns.append(person.title)
        if self.competing_offer:
            nouns.append(self.competing_offer.company)
        if self.award:
            nouns.append(self.award.name)
        return tuple(nouns)


class Usage(_Record):
    """Tokens an LLM reported for one draft, summed over its requests."""

    prompt_tokens: int = 0
    completion_tokens: int = 0


class NoteRequest(_Record):
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
    variants: int = Field(default=1, ge=1, le=10)
    first_variant: int = Field(default=0, ge=0)
    """Index of the first variant asked for; Regenerate asks for the next ones."""
    moment_withheld: bool = False
    """The recipient's moment cannot be quoted (``checks.moment``): do not quote it."""
    other_notes: tuple[tuple[str, str], ...] = ()
    """``(recipient, text)`` of the notes the panel may read beside this one."""
    feedback: str | None = None
    previous: str | None = None

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


class Draft(_Record):
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
    report: Annotated[Report, SkipValidation]
    attempts: int = 1
    repairs: int = 0
    usage: Usage = Usage()
    latency_ms: float = 0.0
    notices: tuple[str, ...] = ()
    """Things the user should know (e.g. the moment was left out, and why)."""
    created_at: datetime | None = None

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
            "usage": self.usage.model_dump(),
            "latency_ms": round(self.latency_ms, 1),
            "notices": list(self.notices),
            "report": self.report.to_dict(),
        }
