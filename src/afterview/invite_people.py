"""Who an invite names: the interviewers to thank, and everyone left out, with why.

Part of ``afterview.invite`` (which documents the rules); reads icalendar's address
values (``vCalAddress`` with their ``params``) without importing icalendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from afterview.addresses import address_problem
from afterview.fields import NAME_MAX_CHARS
from afterview.names import name_key
from afterview.terminal import CONTROL_CHARS

_NO_REPLY = re.compile(r"^(?:no-?reply|do-?not-?reply|calendar-notification|notifications?)\b", re.IGNORECASE)
_SKIPPED_CUTYPES = {"ROOM": "a room", "RESOURCE": "a resource", "GROUP": "a group"}
_RESOURCE_DOMAINS = ("resource.calendar.google.com", "group.calendar.google.com")
_FORBIDDEN = re.compile(CONTROL_CHARS)
# An address inside a display name, with the brackets or parentheses around it.
_ADDRESS_IN_NAME = re.compile(r"[<(\[]?\s*(?:mailto:)?[^\s<>()\[\]@]+@[^\s<>()\[\]@]+\.[^\s<>()\[\]@]+\s*[>)\]]?")


@dataclass(frozen=True, slots=True)
class Person:
    """An interviewer the invite names; ``role`` is ``organizer`` or ``attendee``."""

    name: str
    email: str | None = None
    role: str = "attendee"


@dataclass(frozen=True, slots=True)
class Skipped:
    """Someone on the invite left out, and why (``a room``, ``you``, ``no name``...)."""

    who: str
    why: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """Who the invite is for, so they are not taken for an interviewer."""

    name: str | None = None
    emails: tuple[str, ...] = ()


def people_of(event, candidate: Candidate) -> tuple[list[Person], list[Skipped]]:
    """The organizer and attendees of ``event``, once each: those to thank, and those left out."""
    mine = {email.casefold() for email in candidate.emails if email}
    my_name = name_key(candidate.name) if candidate.name else None
    people: list[Person] = []
    skipped: list[Skipped] = []
    seen_emails: set[str] = set()
    seen_names: set[str] = set()
    for role, address in _addresses(event):
        email = _email(address)
        params = getattr(address, "params", {})
        name = _name(params.get("CN"), email)
        who = name or email or "someone"
        key = (email or "").casefold()
        if key and key in seen_emails or name and name_key(name) in seen_names:
            continue  # the organizer listed again as an attendee, or a copy
        why = _why_skipped(params, email, name, key in mine or (name is not None and name_key(name) == my_name))
        if key:
            seen_emails.add(key)
        if why:
            skipped.append(Skipped(who, why))
            continue
        seen_names.add(name_key(name))
        people.append(Person(name, email if email and address_problem(email) is None else None, role))
    return people, skipped


def _addresses(event) -> list[tuple[str, object]]:
    found = []
    organizer = event.get("ORGANIZER")
    if organizer is not None:
        found.append(("organizer", organizer))
    attendees = event.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    found.extend(("attendee", attendee) for attendee in attendees)
    return found


def _why_skipped(params, email: str | None, name: str | None, is_candidate: bool) -> str | None:
    cutype = str(params.get("CUTYPE", "INDIVIDUAL")).upper()
    if cutype in _SKIPPED_CUTYPES:
        return _SKIPPED_CUTYPES[cutype]
    if email and email.casefold().endswith(_RESOURCE_DOMAINS):
        return "a resource"
    if is_candidate:
        return "you"
    if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
        return "not a participant"
    if email and _NO_REPLY.match(email):
        return "a no-reply address"
    if not name:
        return "no name on the invite"
    return None


def _email(address) -> str | None:
    text = str(address or "").strip()
    if text.casefold().startswith("mailto:"):
        text = text[len("mailto:") :]
    return text or None


def _name(cn: object, email: str | None) -> str | None:
    """The display name, or None when there is none worth using (blank, the address itself)."""
    name = " ".join(str(cn or "").strip().strip("\"'").split())
    if not name or _FORBIDDEN.search(name) or (email and name.casefold() == email.casefold()):
        return None
    if "@" in name:
        name = _without_addresses(name)
        if not name:
            return None
    last, comma, first = name.partition(",")
    if comma and len(last.split()) == 1 and len(first.split()) == 1 and "." not in name:
        name = f"{first.strip()} {last.strip()}"  # "Lee, Jordan", as directories write it
    return name[:NAME_MAX_CHARS].strip()


def _without_addresses(name: str) -> str:
    """``name`` with what calendars append to it removed: an address ("Jordan Lee
    <jordan@x.com>", "(jordan@x.com)"), a "@ Company" tail, a handle's "@"."""
    name = _ADDRESS_IN_NAME.sub(" ", name)
    name = name.partition(" @ ")[0]
    name = " ".join(name.replace("@", " ").split()).strip(" ,;:-")
    return name


def domains_of(event, candidate: Candidate) -> list[str]:
    """The email domains on ``event``, the organizer's first, the candidate's left out."""
    mine = {email.rpartition("@")[2].casefold() for email in candidate.emails if email}
    domains: list[str] = []
    for _, address in _addresses(event):
        domain = (_email(address) or "").rpartition("@")[2].casefold()
        if domain and domain not in mine and domain not in domains:
            domains.append(domain)
    return domains
