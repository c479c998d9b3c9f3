"""Exports: a note as ``.eml``, ``mailto:`` URL or ``.txt``; reminders as ``.ics``.

The CLI and the TUI pick the draft; ``note_for`` decides who it is from and to and
makes its text terminal-safe; the rest is formatting over plain values. Nothing here
sends mail, and nothing here imports pydantic (the models are read, never built).
"""

from __future__ import annotations

import email.policy

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from afterview.addresses import address_problem
from afterview.names import name_key
from afterview.terminal import safe
from afterview.timing import ACTIONABLE_STATES

if TYPE_CHECKING:
    from afterview.config import Profile
    from afterview.domain import Draft, Interview

REMINDER_HOUR = 9
"""The alarm of each reminder fires at this hour on the day the note is due."""

_PRODID = "-//afterview//notes after a job interview//EN"


@dataclass(frozen=True, slots=True)
class Party:
    """Someone a note is from or to; either part may be unknown."""

    name: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A note ready to export."""

    subject: str
    body: str
    sender: Party
    recipient: Party


def note_for(draft: Draft, interview: Interview, profile: Profile | None) -> Note:
    """The export of ``draft``: from the candidate, to the interviewer it is addressed to.

    The sender is named as the note is signed (``note_requests.signature_for``): the
    record's candidate, else the profile's name; the address likewise, the record's
    ``candidate_email`` before the profile's. The recipient's address is their email in
    the record, when there is one. Subject and body lose any escape sequence a drafter
    left in them: exports carry printable text only.
    """
    person = interview.interviewer(draft.recipient)
    sender = Party(
        interview.candidate or getattr(profile, "name", None),
        _usable(interview.candidate_email) or _usable(getattr(profile, "email", None)),
    )
    recipient = Party(draft.recipient, _usable(person.email) if person else None)
    return Note(subject=safe(draft.subject), body=safe(draft.body), sender=sender, recipient=recipient)


def _usable(address: str | None) -> str | None:
    """``address`` when it can go into a header; a malformed one stored before addresses
    were checked this strictly is left out (the mail client asks) rather than written."""
    return address if address and address_problem(address) is None else None


def eml(note: Note, *, when: datetime | None = None) -> bytes:
    """The note as an RFC 5322 message (``.eml``) a mail client opens as a draft.

    ``From`` and ``To`` are left out when no address is known (the mail client asks);
    ``X-Unsent: 1`` makes Outlook open it ready to send. Non-ASCII text is encoded
    (RFC 2047 headers, quoted-printable body).
    """
    message = EmailMessage()
    if note.sender.email:
        message["From"] = _address(note.sender)
    if note.recipient.email:
        message["To"] = _address(note.recipient)
    message["Subject"] = note.subject
    message["Date"] = format_datetime((when or datetime.now(timezone.utc)).astimezone())
    message["X-Unsent"] = "1"
    body = note.body if note.body.endswith("\n") else note.body + "\n"
    cte = "7bit" if body.isascii() else "quoted-printable"
    message.set_content(body, charset="utf-8", cte=cte)
    # An address cannot hold RFC 2047 encoded words: a non-ASCII mailbox name needs
    # UTF-8 headers (RFC 6532), which mail clients read from an .eml.
    mailboxes = ((party.email or "").rpartition("@")[0] for party in (note.sender, note.recipient))
    utf8 = not all(mailbox.isascii() for mailbox in mailboxes)
    return message.as_bytes(policy=email.policy.SMTPUTF8) if utf8 else message.as_bytes()


def _address(party: Party) -> Address:
    local, _, domain = (party.email or "").rpartition("@")
    return Address(display_name=party.name or "", username=local, domain=_ascii_domain(domain))


def _ascii_domain(domain: str) -> str:
    """An internationalised domain in its ASCII (IDNA) form, which every mail system reads."""
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def mailto(note: Note) -> str:
    """A ``mailto:`` URL (RFC 6068) that opens the note in the default mail client.

    Every reserved character is percent-encoded (spaces as ``%20``, never ``+``) and
    line breaks become ``%0D%0A``.
    """
    to = quote(note.recipient.email, safe="@") if note.recipient.email else ""
    body = "\r\n".join(note.body.splitlines())
    return f"mailto:{to}?subject={quote(note.subject, safe='')}&body={quote(body, safe='')}"


def text(note: Note) -> str:
    """``Subject:`` line, blank line, body: the shape ``afterview check`` reads."""
    return f"Subject: {note.subject}\n\n{note.body.rstrip()}\n"


@dataclass(frozen=True, slots=True)
class Reminder:
    """One calendar event: send a note on ``day``."""

    uid: str
    day: date
    summary: str
    description: str


def reminders(interview_id: int, company: str, advice: Iterable[object], today: date) -> list[Reminder]:
    """One reminder per note still to send (late, due or upcoming advice rows).

    A late or already-due note is put on ``today`` (an alarm in the past never rings);
    an upcoming one on its due date. ``advice`` rows are ``afterview.timing.Advice``.
    The uid is stable, so importing a newer export updates the events instead of
    duplicating them.
    """
    result = []
    for row in advice:
        if row.state not in ACTIONABLE_STATES or row.due is None:
            continue
        label = row.type.replace("_", "-")
        day = max(row.due, today) if row.state in ("late", "due") else row.due
        prefix = "Late: send" if row.state == "late" else "Send"
        digest = hashlib.sha1(name_key(row.recipient).encode()).hexdigest()[:12]
        result.append(
            Reminder(
                uid=f"{interview_id}-{row.type}-{digest}@afterview",
                day=day,
                summary=f"{prefix} the {label} to {row.recipient} ({company})",
                description=row.reason,
            )
        )
    return result


def ics(events: Sequence[Reminder], *, now: datetime | None = None) -> bytes:
    """An iCalendar file with one all-day event and one display alarm per reminder."""
    from icalendar import Alarm, Calendar, Event  # only export pays for icalendar

    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    for reminder in events:
        event = Event()
        event.add("uid", reminder.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", reminder.day)
        if reminder.day < date.max:
            # Without DTEND an all-day event lasts its one day (RFC 5545), which is what
            # the last day of the calendar, which has no next day, needs.
            event.add("dtend", reminder.day + timedelta(days=1))
        event.add("summary", reminder.summary)
        event.add("description", reminder.description)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", reminder.summary)
        alarm.add("trigger", timedelta(hours=REMINDER_HOUR))  # from the start of the day
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()

