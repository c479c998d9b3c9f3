"""Calendar invites shaped the way Google Calendar, Outlook, Teams and Zoom send them.

Made with icalendar (so every file is one a real reader accepts), each with the
properties and parameters those senders add; ``RAW_FOLDED`` is written by hand to fold
lines inside a parameter and a name, as Outlook does at 75 octets.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress, vText

CANDIDATE = "sam@example.com"


def address(email: str, name: str | None = None, **params: str) -> vCalAddress:
    """An ATTENDEE / ORGANIZER value with its parameters (CN only when ``name`` is given)."""
    value = vCalAddress(f"mailto:{email}")
    if name is not None:
        value.params["CN"] = vText(name)
    for key, param in params.items():
        value.params[key.replace("_", "-").upper()] = vText(param)
    return value


def calendar(*events: Event, method: str = "REQUEST", prodid: str = "-//Google Inc//Google Calendar 70.9054//EN",
             zones: tuple[tuple[str, ZoneInfo], ...] = ()) -> bytes:  # fmt: skip
    """A VCALENDAR holding ``events``, with a VTIMEZONE per ``(tzid, zone)``."""
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    for tzid, zone in zones:
        cal.add_component(Timezone.from_tzinfo(zone, tzid=tzid, first_date=date(2026, 1, 1), last_date=date(2027, 12, 31)))
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def event(summary: str, start: datetime | date, uid: str, *, organizer: vCalAddress | None, attendees=(), status="CONFIRMED",
          tzid: str | None = None, extra: dict[str, str] | None = None) -> Event:  # fmt: skip
    """One VEVENT; a ``tzid`` writes DTSTART with that TZID parameter (its VTIMEZONE goes in the calendar)."""
    item = Event()
    item.add("uid", uid)
    item.add("dtstamp", datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc))
    item.add("summary", summary)
    if tzid:
        item.add("dtstart", start, parameters={"TZID": tzid})
        item.add("dtend", start + timedelta(hours=1), parameters={"TZID": tzid})
    else:
        item.add("dtstart", start)
        item.add("dtend", start + (timedelta(days=1) if not isinstance(start, datetime) else timedelta(hours=1)))
    if organizer is not None:
        item.add("organizer", organizer)
    for attendee in attendees:
        item.add("attendee", attendee)
    if status:
        item.add("status", status)
    for key, value in (extra or {}).items():
        item.add(key, value)
    return item


def google(**changes) -> bytes:
    """Google Calendar: UTC start, CN set to the address for guests with no name, a room resource."""
    options = {"summary": "Northwind Analytics - Data Analyst Interview", "start": datetime(2026, 12, 3, 17, 0, tzinfo=timezone.utc),
               "uid": "7kukuqrfedlm2f9t0vr42q3bfh@google.com", "method": "REQUEST", "status": "CONFIRMED"} | changes  # fmt: skip
    people = dict(CUTYPE="INDIVIDUAL", ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="TRUE", X_NUM_GUESTS="0")
    item = event(
        options["summary"], options["start"], options["uid"], status=options["status"],
        organizer=address("jordan@northwind-analytics.com", "Jordan Lee"),
        attendees=[
            address("jordan@northwind-analytics.com", "Jordan Lee", **{**people, "PARTSTAT": "ACCEPTED"}),
            address(CANDIDATE, CANDIDATE, **people),  # Google puts the address in CN for a guest with no name
            address("priya.natarajan@northwind-analytics.com", "Priya Natarajan", **people),
            address("c_1880abcdef@resource.calendar.google.com", "NYC-5-Huddle (4)", CUTYPE="RESOURCE", ROLE="REQ-PARTICIPANT"),
            address("talent-team@northwind-analytics.com", None, **people),
        ],
        extra={"x-google-conference": "https://meet.google.com/abc-defg-hij", "description": "Join with Google Meet"},
    )  # fmt: skip
    return calendar(item, method=options["method"])


def outlook(summary: str = "Interview: Senior Platform Engineer (Fabrikam Health)") -> bytes:
    """Outlook / Exchange: a Windows zone name as TZID with its VTIMEZONE, "Last, First" names, a room."""
    zone = ZoneInfo("America/Los_Angeles")
    people = dict(ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="TRUE")
    item = event(
        summary, datetime(2026, 12, 3, 17, 0, tzinfo=zone), "040000008200E00074C5B7101A82E0080000000010DCA1A5",
        tzid="Pacific Standard Time", organizer=address("marcus.okafor@fabrikam.example", "Okafor, Marcus"),
        attendees=[
            address(CANDIDATE, "Sam Rivera", **people),
            address("faith.christian@fabrikam.example", "Faith Christian", **people),
            address("conf-4b@fabrikam.example", "Conf Room 4B", CUTYPE="ROOM", ROLE="NON-PARTICIPANT"),
        ],
        extra={"x-microsoft-cdo-busystatus": "BUSY", "class": "PUBLIC"},
    )  # fmt: skip
    return calendar(item, prodid="Microsoft Exchange Server 2010", zones=(("Pacific Standard Time", zone),))


def teams() -> bytes:
    """Microsoft Teams: an Outlook invite with the meeting link, a European zone, an optional attendee."""
    zone = ZoneInfo("Europe/Berlin")
    people = dict(ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="TRUE")
    item = event(
        "Microsoft Teams Meeting", datetime(2026, 12, 7, 9, 30, tzinfo=zone), "040000008200E00074C5B7101A82E008teams",
        tzid="W. Europe Standard Time", organizer=address("lena.vogel@contoso-group.de", "Vogel, Lena"),
        attendees=[
            address(CANDIDATE, "Sam Rivera", **people),
            address("jonas.weber@contoso-group.de", "Jonas Weber", ROLE="OPT-PARTICIPANT", PARTSTAT="NEEDS-ACTION"),
        ],
        extra={"x-microsoft-skypeteamsmeetingurl": "https://teams.microsoft.com/l/meetup-join/19%3ameeting"},
    )  # fmt: skip
    return calendar(item, prodid="Microsoft Exchange Server 2010", zones=(("W. Europe Standard Time", zone),))


def zoom() -> bytes:
    """Zoom: an IANA TZID with its VTIMEZONE, sent from a no-reply organizer."""
    zone = ZoneInfo("America/New_York")
    item = event(
        "Zoom meeting: Sam Rivera / Product Manager", datetime(2026, 12, 9, 14, 0, tzinfo=zone), "ZOOM86512345678",
        tzid="America/New_York", organizer=address("no-reply@zoom.us", "Zoom"),
        attendees=[address("ana.ruiz@wingtiptoys.example", "Ana Ruiz"), address(CANDIDATE, "Sam Rivera")],
        extra={"location": "https://us02web.zoom.us/j/86512345678"},
    )  # fmt: skip
    return calendar(item, prodid="-//zoom.us//iCalendar Event//EN", zones=(("America/New_York", zone),))


def several() -> bytes:
    """Two rounds in one file, each its own event."""
    organizer = address("jordan@northwind-analytics.com", "Jordan Lee")
    first = event("Data Analyst interview, round 1", datetime(2026, 12, 3, 15, 0, tzinfo=timezone.utc), "round-1@northwind",
                  organizer=organizer, attendees=[address(CANDIDATE, "Sam Rivera")])  # fmt: skip
    second = event("Data Analyst interview, round 2", datetime(2026, 12, 10, 15, 0, tzinfo=timezone.utc), "round-2@northwind",
                   organizer=organizer, attendees=[address(CANDIDATE, "Sam Rivera"), address("priya@northwind-analytics.com", "Priya Natarajan")])  # fmt: skip
    return calendar(first, second)


def all_day() -> bytes:
    """An all-day event (DTSTART;VALUE=DATE), as a day of onsite interviews is often sent."""
    item = event("Onsite interviews | Fabrikam Health | Data Engineer", date(2026, 12, 14), "onsite-day@fabrikam",
                 organizer=address("faith.christian@fabrikam.example", "Faith Christian"), attendees=[address(CANDIDATE, "Sam Rivera")])  # fmt: skip
    return calendar(item)


RAW_FOLDED = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
    "METHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:folded-1@outlook\r\n"
    "DTSTAMP:20261120T090000Z\r\n"
    "DTSTART:20261203T230000Z\r\n"
    "SUMMARY:Senior Data Analyst interview at Northwind Analytics (second round\r\n"
    " , with the analytics team)\r\n"
    "ORGANIZER;CN=\"Lee, Jordan\":mailto:jordan@northwind-analytics.com\r\n"
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=T\r\n"
    " RUE;CN=Priya Nata\r\n"
    " rajan:mailto:priya@northwind-analytics.com\r\n"
    "ATTENDEE;ROLE=REQ-PARTICIPANT;CN=Sam Rivera:mailto:sam@exam\r\n"
    "\tple.com\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n"
).encode()
"""Folded by hand: inside the title, a parameter, a name, and an address (tab-folded)."""
