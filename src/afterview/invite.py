"""Read a calendar invite (``.ics``) and propose the interview it is for.

Pure: bytes in, a ``Proposal`` out; nothing is stored. ``icalendar`` is imported only
when an invite is read. The rules:

- **the event**: a file may hold several (a series of rounds, a forwarded calendar).
  One event is read; with several, ``SeveralEvents`` lists them (uid, date, title) and
  the caller picks one by uid. Copies of one event (a recurrence's exceptions, an update
  in the same file) share a uid and count once.
- **cancelled**: ``METHOD:CANCEL`` on the calendar or ``STATUS:CANCELLED`` on the event
  is refused (``CancelledInvite``): there is no interview to add.
- **the date**: ``DTSTART`` in the user's time zone (``zone``; the machine's by
  default), so an evening call in New York is the next day in Berlin. An all-day event
  is its date; a time without a zone ("floating") is read as local time.
- **the people**: attendees and the organizer, once each (by address, then by name),
  minus the candidate (by address or name). Skipped, each with the reason shown:
  rooms and resources (``CUTYPE=ROOM`` / ``RESOURCE``, Google's resource calendars),
  groups, non-participants, no-reply senders, and attendees with no name. An address
  alone does not make a name: ``jordan.lee@`` might be Jordan Lee, ``talent-team@`` is
  nobody to thank, so no name is made up; the address is listed as skipped, to add by
  hand. ``"Lee, Jordan"`` is read as Jordan Lee.
- **company and role**: guessed from the title and the organizer's domain
  (``invite_guess``), to confirm.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from afterview.errors import InputError
from afterview.fileio import read_small_file
from afterview.invite_guess import guess
from afterview.invite_people import NAME_MAX_CHARS, Candidate, Person, Skipped, domains_of, people_of

if TYPE_CHECKING:
    from afterview.domain import Interview

MAX_INVITE_BYTES = 5_000_000
"""Larger than any invite (a year of a busy calendar is about 1 MB)."""

class InviteError(InputError):
    """The invite cannot be read or proposes no interview (one line naming the file; exit 2)."""


class CancelledInvite(InviteError):
    """The invite cancels the event: there is no interview to add."""


@dataclass(frozen=True, slots=True)
class EventLine:
    """One event of a file, as listed when the caller must choose."""

    uid: str
    day: date | None
    summary: str


class SeveralEvents(InviteError):
    """The file holds several events; ``events`` lists them, to pick one by uid."""

    def __init__(self, message: str, events: Sequence[EventLine]) -> None:
        super().__init__(message)
        self.events = tuple(events)


@dataclass(frozen=True, slots=True)
class Proposal:
    """The interview an invite suggests; every field is a guess for the person to confirm.

    ``company`` or ``role`` is None when neither the title nor the domains tell; the form
    leaves the field empty and the CLI asks for ``--company`` / ``--role``.
    """

    source: str
    uid: str
    summary: str
    interview_date: date
    starts_at: datetime | None
    """The start in the user's time zone (None for an all-day event)."""
    company: str | None
    role: str | None
    company_from: str | None
    interviewers: tuple[Person, ...]
    skipped: tuple[Skipped, ...] = field(default=())

    def form_values(self) -> dict[str, object]:
        """The interview fields as the form and the interview file write them (strings and
        lists of ``{"name", "email"}``): company, role, interview_date, interviewers."""
        return {
            "company": self.company or "",
            "role": self.role or "",
            "interview_date": self.interview_date.isoformat(),
            "interviewers": [{"name": p.name, "email": p.email or ""} for p in self.interviewers],
        }


    def interview(self, *, company: str | None = None, role: str | None = None) -> Interview:
        """The interview record, with ``company`` / ``role`` given by the person over the guesses.

        Raises:
            MissingGuess: no company or no role, given or guessed; ``field`` names it.
            InviteError: nobody to thank on the invite, or a value the record refuses.
        """
        from afterview.domain import Interview
        from afterview.fields import RecordError

        values = self.form_values()
        for name, given in (("company", company), ("role", role)):
            values[name] = given or values[name]
            if not values[name]:
                raise MissingGuess(name, f"{self.source}: cannot tell the {name} from the title {self.summary!r}")
        if not self.interviewers:
            left_out = ", ".join(f"{s.who} ({s.why})" for s in self.skipped) or "nobody else"
            raise InviteError(f"{self.source}: names no interviewer to thank (left out: {left_out})")
        values["interviewers"] = [{"name": p.name, **({"email": p.email} if p.email else {})} for p in self.interviewers]
        try:
            return Interview.from_data(values)
        except RecordError as exc:
            raise InviteError(f"{self.source}: {exc}") from None


class MissingGuess(InviteError):
    """Neither the invite nor the person says the company (or the role): ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def load_invite(
    path: Path | str, *, candidate: Candidate = Candidate(), event_uid: str | None = None, zone: tzinfo | None = None
) -> Proposal:
    """Read the invite at ``path``; see ``read_invite``.

    Raises:
        InputError: no such file, a folder, unreadable (``InviteError``, a subclass, for
            the rest: too large, broken, empty, cancelled, several events).
    """
    data = read_small_file(path, what="calendar file", max_bytes=MAX_INVITE_BYTES)
    if len(data) > MAX_INVITE_BYTES:
        raise InviteError(f"{path}: too large for a calendar invite (over {MAX_INVITE_BYTES // 1_000_000} MB)")
    return read_invite(data, str(path), candidate=candidate, event_uid=event_uid, zone=zone)


def read_invite(
    data: bytes, source: str, *, candidate: Candidate = Candidate(), event_uid: str | None = None, zone: tzinfo | None = None
) -> Proposal:
    """Propose the interview the calendar ``data`` invites to; ``source`` names it in errors.

    Args:
        candidate: the user (profile name and email, the record's candidate_email).
        event_uid: which event, when the file holds several.
        zone: the user's time zone (default: the machine's), which decides the date.

    Raises:
        InviteError: broken or empty file, no event, no start date.
        CancelledInvite: the event is cancelled.
        SeveralEvents: several events and no (or an unknown) ``event_uid``.
    """
    calendars = _parse(data, source)
    events = _events(calendars)
    if not events:
        raise InviteError(f"{source}: holds no event (is it a calendar invite?)")
    method, event = _choose(events, source, event_uid, zone)
    summary = _text(event.get("SUMMARY"))
    if method == "CANCEL" or _text(event.get("STATUS")).upper() == "CANCELLED":
        why = "METHOD:CANCEL" if method == "CANCEL" else "STATUS:CANCELLED"
        raise CancelledInvite(f"{source}: the event {summary or _text(event.get('UID'))!r} is cancelled ({why}); nothing to add")
    day, starts_at = _start(event, source, zone)
    people, skipped = people_of(event, candidate)
    names = [p.name for p in people] + ([candidate.name] if candidate.name else []) + [s.who for s in skipped]
    domains = domains_of(event, candidate)
    guessed = guess(summary, people=names, domains=domains)
    return Proposal(
        source=source,
        uid=_text(event.get("UID")),
        summary=summary,
        interview_date=day,
        starts_at=starts_at,
        company=_fit(guessed.company),
        role=_fit(guessed.role),
        company_from=guessed.company_from,
        interviewers=tuple(people),
        skipped=tuple(skipped),
    )


def _parse(data: bytes, source: str) -> list:
    from icalendar import Calendar  # only reading an invite pays for icalendar

    if not data.strip():
        raise InviteError(f"{source}: the file is empty (expected a calendar invite, .ics)")
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        detail = " ".join(str(exc).split())[:120]
        raise InviteError(f"{source}: not a calendar file it can read ({detail})") from None
    if not calendars:
        raise InviteError(f"{source}: not a calendar file (no BEGIN:VCALENDAR ... END:VCALENDAR)")
    return calendars


def _events(calendars: Iterable) -> list[tuple[str, object]]:
    """``(calendar METHOD, event)`` for every event, one per uid (the master before exceptions)."""
    by_uid: dict[str, tuple[str, object]] = {}
    for calendar in calendars:
        method = _text(calendar.get("METHOD")).upper()
        for event in calendar.walk("VEVENT"):
            uid = _text(event.get("UID")) or f"(no uid {len(by_uid) + 1})"
            if uid not in by_uid or (event.get("RECURRENCE-ID") is None and by_uid[uid][1].get("RECURRENCE-ID") is not None):
                by_uid[uid] = (method, event)
    return list(by_uid.values())


def _choose(events: list[tuple[str, object]], source: str, uid: str | None, zone: tzinfo | None) -> tuple[str, object]:
    if uid is not None:
        chosen = [pair for pair in events if _text(pair[1].get("UID")) == uid]
        if not chosen:
            listing = _listing(events, zone)
            raise SeveralEvents(f"{source}: no event with uid {uid!r}; it holds {_uids(listing)}", listing)
        return chosen[0]
    if len(events) > 1:
        listing = _listing(events, zone)
        raise SeveralEvents(f"{source}: holds {len(events)} events; pick one with --event UID", listing)
    return events[0]


def _listing(events: list[tuple[str, object]], zone: tzinfo | None) -> list[EventLine]:
    lines = []
    for _, event in events:
        try:
            day = _start(event, "", zone)[0]
        except InviteError:
            day = None
        lines.append(EventLine(_text(event.get("UID")), day, _text(event.get("SUMMARY"))))
    return sorted(lines, key=lambda line: (line.day or date.max, line.uid))


def _uids(listing: Sequence[EventLine]) -> str:
    return ", ".join(line.uid for line in listing)


def _start(event, source: str, zone: tzinfo | None) -> tuple[date, datetime | None]:
    """The interview date in the user's zone, and the start time there (None: all day)."""
    start = event.get("DTSTART")
    value = getattr(start, "dt", None)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.date(), value  # floating time: the same wall clock wherever you are
        local = value.astimezone(zone) if zone is not None else value.astimezone()
        return local.date(), local
    if isinstance(value, date):
        return value, None
    raise InviteError(f"{source}: the event {_text(event.get('SUMMARY'))!r} has no start date (DTSTART)")


def _fit(value: str | None) -> str | None:
    return value[:NAME_MAX_CHARS].strip() or None if value else None


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def candidate_from(profile_name: str | None, emails: Iterable[str | None]) -> Candidate:
    """The ``Candidate`` for the profile name and any known addresses of the user."""
    return Candidate(profile_name, tuple(e for e in emails if e))


__all__ = [
    "Candidate",
    "CancelledInvite",
    "EventLine",
    "InviteError",
    "MissingGuess",
    "Person",
    "Proposal",
    "SeveralEvents",
    "Skipped",
    "candidate_from",
    "load_invite",
    "read_invite",
]
