"""The interview form's values, and how they become an ``Interview`` or field errors.

Pure (no Textual): the form screen collects strings from its inputs into ``FormValues``;
``build_interview`` validates them with the domain's field rules and maps every problem to the
input it belongs to, keyed like ``company``, ``interviewers.1.email`` or
``award.date``. Messages are instructions, as everywhere else in afterview.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from afterview.domain import Interview, Status
from afterview.fields import Problem, RecordError
from afterview.names import name_key

DATE_HINT = "write it as YYYY-MM-DD, e.g. 2026-03-02"
INTERVIEWERS_KEY = "interviewers"
"""Errors about the list as a whole (duplicates, two contacts, none at all)."""
NOT_SAVED_YET = "Not saved yet: fill in company, role and an interviewer; it saves as you type."


@dataclass
class InterviewerValues:
    """One interviewer's inputs, as typed."""

    name: str = ""
    title: str = ""
    email: str = ""
    contact: bool = False
    moment: str = ""
    address_as: str = ""

    def is_blank(self) -> bool:
        """True when nothing was typed (a blank block is ignored, not an error)."""
        return not any(v.strip() for v in (self.name, self.title, self.email, self.moment, self.address_as))


@dataclass
class FormValues:
    """Every input of the interview form, as typed (dates as text)."""

    candidate: str = ""
    candidate_email: str = ""
    company: str = ""
    role: str = ""
    interview_date: str = ""
    decision_date: str = ""
    status: str = Status.AWAITING.value
    status_date: str = ""
    interviewers: list[InterviewerValues] = field(default_factory=lambda: [InterviewerValues()])
    offer_company: str = ""
    offer_deadline: str = ""
    award_name: str = ""
    award_date: str = ""
    award_relevance: str = ""
    mission: str = ""

    @classmethod
    def from_interview(cls, interview: Interview) -> FormValues:
        """The form showing a stored interview."""

        def text(value: object) -> str:
            return "" if value is None else str(value)

        offer, award = interview.competing_offer, interview.award
        return cls(
            candidate=text(interview.candidate),
            candidate_email=text(interview.candidate_email),
            company=interview.company,
            role=interview.role,
            interview_date=interview.interview_date.isoformat(),
            decision_date=text(interview.decision_date),
            status=interview.status.value,
            status_date=text(interview.status_date),
            interviewers=[
                InterviewerValues(p.name, text(p.title), text(p.email), p.contact, text(p.moment), text(p.address_as))
                for p in interview.interviewers
            ],
            offer_company=offer.company if offer else "",
            offer_deadline=offer.deadline.isoformat() if offer else "",
            award_name=award.name if award else "",
            award_date=award.date.isoformat() if award else "",
            award_relevance=text(award.relevance) if award else "",
            mission=text(interview.mission),
        )


def renamed_interviewers(blocks: Iterable[tuple[str | None, InterviewerValues]]) -> dict[str, str]:
    """Stored name -> typed name, for each interviewer block whose name now differs.

    ``blocks`` pairs the name the store holds for a block (None for a block not saved
    yet) with what the block holds now. A blank block, or a name that changed only in
    case or spacing (the store matches those by name anyway), is no rename.
    """
    return {
        stored: typed.name
        for stored, typed in blocks
        if stored is not None and typed.name.strip() and name_key(stored) != name_key(typed.name)
    }


@dataclass(frozen=True, slots=True)
class InviteFill:
    """The form after an invite was imported into it.

    Attributes:
        values: the form's values with the invite's merged in.
        guessed: the fields filled with a guess (``company``, ``role``) -> where it came
            from ("the title"), for the person to confirm.
        missing: the guesses the invite could not make (``company``, ``role``), left empty.
        added: how many interviewers the invite added.
    """

    values: FormValues
    guessed: dict[str, str]
    missing: tuple[str, ...]
    added: int


def fill_from_invite(current: FormValues, invite: dict[str, Any], *, company_from: str | None) -> InviteFill:
    """Merge an invite's ``Proposal.form_values()`` into the form, losing nothing typed.

    The date is the invite's (a fact of the calendar, not a guess). Company and role
    fill only an empty field, as guesses to confirm; text already typed stays. Each
    interviewer of the invite fills the blank email of a block with their name, else
    the first blank block, else a new block; moments and other typed text stay.
    """
    values = replace(current, interview_date=str(invite["interview_date"]), interviewers=list(current.interviewers))
    guessed: dict[str, str] = {}
    missing: list[str] = []
    for key, source in (("company", company_from or "the title"), ("role", "the title")):
        offered = str(invite.get(key) or "").strip()
        if getattr(values, key).strip():
            continue
        if offered:
            setattr(values, key, offered)
            guessed[key] = source
        else:
            missing.append(key)
    added = 0
    for person in invite.get("interviewers", []):
        name, email = str(person["name"]), str(person.get("email") or "")
        same = next((i for i, p in enumerate(values.interviewers) if p.name.strip() and name_key(p.name) == name_key(name)), None)
        if same is not None:
            if not values.interviewers[same].email.strip():
                values.interviewers[same] = replace(values.interviewers[same], email=email)
            continue
        blank = next((i for i, p in enumerate(values.interviewers) if p.is_blank()), None)
        if blank is None:
            values.interviewers.append(InterviewerValues(name=name, email=email))
        else:
            values.interviewers[blank] = InterviewerValues(name=name, email=email)
        added += 1
    return InviteFill(values, guessed, tuple(missing), added)


def parse_date(text: str) -> date | None:
    """``YYYY-MM-DD`` -> date; blank -> None.

    Raises:
        ValueError: with the hint on how to write a date.
    """
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; {DATE_HINT}") from None


def build_interview(values: FormValues) -> tuple[Interview | None, dict[str, str]]:
    """Validate the form: the interview when every field is fine, else errors per input.

    Returns:
        ``(interview, {})`` or ``(None, {field key: message})``. Keys name inputs:
        ``company``, ``interview_date``, ``interviewers.0.name``, ``competing_offer.deadline``,
        ``award.relevance``, and ``interviewers`` for the list as a whole.
    """
    errors: dict[str, str] = {}
    data: dict[str, Any] = {
        "company": values.company,
        "role": values.role,
        "status": values.status,
    }
    _optional_text(data, "candidate", values.candidate)
    _optional_text(data, "candidate_email", values.candidate_email)
    _optional_text(data, "mission", values.mission)
    for key in ("interview_date", "decision_date", "status_date"):
        _date_field(data, errors, key, key, getattr(values, key))
    if "interview_date" not in data and "interview_date" not in errors:
        errors["interview_date"] = f"required: the day you were interviewed; {DATE_HINT}"

    people = [(i, p) for i, p in enumerate(values.interviewers) if not p.is_blank()]
    data["interviewers"] = [_interviewer(p) for _, p in people]
    positions = [i for i, _ in people]
    if not people:
        errors[INTERVIEWERS_KEY] = "add at least one interviewer with a name"

    if values.offer_company.strip() or values.offer_deadline.strip():
        offer: dict[str, Any] = {"company": values.offer_company}
        _date_field(offer, errors, "deadline", "competing_offer.deadline", values.offer_deadline, required=True)
        data["competing_offer"] = offer
    if values.award_name.strip() or values.award_date.strip() or values.award_relevance.strip():
        award: dict[str, Any] = {"name": values.award_name}
        _date_field(award, errors, "date", "award.date", values.award_date, required=True)
        _optional_text(award, "relevance", values.award_relevance)
        data["award"] = award

    try:
        interview = Interview.from_data(data)
    except RecordError as exc:
        for problem in exc.problems:
            errors.setdefault(_key(problem.loc, positions), _message(problem))
        return None, errors
    if errors:
        return None, errors
    return interview, {}


def _optional_text(data: dict[str, Any], key: str, text: str) -> None:
    if text.strip():
        data[key] = text


def _interviewer(person: InterviewerValues) -> dict[str, Any]:
    data: dict[str, Any] = {"name": person.name, "contact": person.contact}
    _optional_text(data, "title", person.title)
    _optional_text(data, "email", person.email)
    _optional_text(data, "moment", person.moment)
    _optional_text(data, "address_as", person.address_as)
    return data


def _date_field(
    data: dict[str, Any], errors: dict[str, str], key: str, error_key: str, text: str, *, required: bool = False
) -> None:
    """Parse a date input into ``data[key]``; a bad one becomes an error, never a crash."""
    try:
        value = parse_date(text)
    except ValueError as exc:
        errors[error_key] = str(exc)
        if required:
            data[key] = None  # keeps the model from adding a second "missing" error
        return
    if value is None:
        if required:
            errors[error_key] = f"required; {DATE_HINT}"
            data[key] = None
        return
    data[key] = value


def _key(loc: tuple[object, ...], positions: list[int]) -> str:
    """Map a problem's location to a form field key.

    Interviewer indexes are shifted back to the form's blocks, since blank blocks are
    left out of the model.
    """
    if len(loc) >= 2 and loc[0] == INTERVIEWERS_KEY and isinstance(loc[1], int):
        index = positions[loc[1]] if loc[1] < len(positions) else loc[1]
        return ".".join(str(part) for part in (INTERVIEWERS_KEY, index, *loc[2:3]))
    return ".".join(str(part) for part in loc[:2])


def _message(problem: Problem) -> str:
    """One instruction for one problem."""
    kind = problem.kind
    if kind == "missing":
        return "required"
    if kind == "value":
        # The domain words these for interview files; the form has a date input and a tick box.
        return problem.message.replace("interview_date", "the interview date").replace(
            " all say contact = true", " are all ticked"
        )
    if kind == "choice":
        return f"choose one of {problem.expected}"
    if kind == "too_short" and problem.loc == (INTERVIEWERS_KEY,):
        return "add at least one interviewer with a name"
    if kind == "date":
        return DATE_HINT
    return problem.message


# -- the form's messages ----------------------------------------------------------------


def unsaved_message(errors: dict[str, str], visible: list[str]) -> str:
    """Why the form is not saved: the fields marked ✖, and what is still needed."""
    hidden = [describe_key(key) for key in errors if key not in visible]
    needed = f"still needed: {', '.join(hidden)}" if hidden else ""
    if not visible:
        return f"Not saved yet: {needed}." if needed else NOT_SAVED_YET
    count = len(visible)
    marked = f"Not saved: fix the {count} field{'s' if count != 1 else ''} marked ✖"
    return f"{marked}; {needed}." if needed else f"{marked}."


def describe_key(key: str) -> str:
    """A form key in words: ``interviewers.0.name`` -> ``interviewer 1 name``."""
    if key == INTERVIEWERS_KEY:
        return "an interviewer"
    parts = key.split(".")
    if parts[0] == INTERVIEWERS_KEY and len(parts) == 3:
        return f"interviewer {int(parts[1]) + 1} {parts[2]}"
    return " ".join(part.replace("_", " ") for part in parts)


def moment_warning(findings) -> str | None:  # noqa: ANN001 - checks Findings
    """The warning shown under a moment: the first finding's category, message and fix."""
    if not findings:
        return None
    first = findings[0]
    topic = first.category or "sensitive wording"
    text = f"▲ This touches on {topic}, so notes will not quote it. {first.message}"
    if first.suggestion:
        text += f"\n→ {first.suggestion}"
    return text


def unconfirmed_message(guessed: dict[str, str]) -> str:
    """Why a form filled from an invite is not saved yet: the guesses to confirm."""
    fields = " and ".join(describe_key(key) for key in guessed)
    return f"Not saved yet: confirm the {fields} guessed from the invite (▲)."
