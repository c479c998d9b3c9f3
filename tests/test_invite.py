"""Reading calendar invites: the event, its date in the user's zone, the people, the guesses."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import invite_samples as samples
import pytest

from afterview.invite import Candidate, CancelledInvite, InviteError, MissingGuess, SeveralEvents, read_invite

ME = Candidate("Sam Rivera", (samples.CANDIDATE,))
LOS_ANGELES, BERLIN, NEW_YORK = ZoneInfo("America/Los_Angeles"), ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


def read(data: bytes, zone=LOS_ANGELES, **options):
    return read_invite(data, "invite.ics", candidate=options.pop("candidate", ME), zone=zone, **options)


def test_google_invite_gives_company_role_date_and_the_interviewers():
    proposal = read(samples.google())
    assert (proposal.company, proposal.role, proposal.company_from) == ("Northwind Analytics", "Data Analyst", "the title")
    assert proposal.interview_date == date(2026, 12, 3)
    assert proposal.starts_at == datetime(2026, 12, 3, 9, 0, tzinfo=LOS_ANGELES)
    assert [(p.name, p.email) for p in proposal.interviewers] == [
        ("Jordan Lee", "jordan@northwind-analytics.com"),  # organizer and attendee: once
        ("Priya Natarajan", "priya.natarajan@northwind-analytics.com"),
    ]
    assert [(s.who, s.why) for s in proposal.skipped] == [
        ("sam@example.com", "you"),
        ("NYC-5-Huddle (4)", "a resource"),
        ("talent-team@northwind-analytics.com", "no name on the invite"),
    ]


def test_outlook_windows_zone_name_with_its_vtimezone_and_last_first_names():
    proposal = read(samples.outlook(), zone=LOS_ANGELES)
    assert proposal.interview_date == date(2026, 12, 3)
    assert proposal.starts_at.hour == 17
    assert read(samples.outlook(), zone=timezone.utc).interview_date == date(2026, 12, 4)  # 01:00 UTC
    assert (proposal.company, proposal.role) == ("Fabrikam Health", "Senior Platform Engineer")
    assert [p.name for p in proposal.interviewers] == ["Marcus Okafor", "Faith Christian"]
    assert ("Conf Room 4B", "a room") in [(s.who, s.why) for s in proposal.skipped]


def test_teams_meeting_title_leaves_the_role_to_the_person():
    proposal = read(samples.teams(), zone=BERLIN)
    assert proposal.interview_date == date(2026, 12, 7) and proposal.starts_at.hour == 9
    assert (proposal.company, proposal.role) == ("Contoso Group", None)
    assert proposal.company_from == "the email domain contoso-group.de"
    assert [p.name for p in proposal.interviewers] == ["Lena Vogel", "Jonas Weber"]
    with pytest.raises(MissingGuess) as missing:
        proposal.interview()
    assert missing.value.field == "role" and "'Microsoft Teams Meeting'" in str(missing.value)
    interview = proposal.interview(role="Data Engineer")
    assert interview.role == "Data Engineer" and interview.interview_date == date(2026, 12, 7)
    assert [p.email for p in interview.interviewers] == ["lena.vogel@contoso-group.de", "jonas.weber@contoso-group.de"]


def test_zoom_no_reply_organizer_is_skipped_and_an_attendee_domain_names_the_company():
    proposal = read(samples.zoom(), zone=NEW_YORK)
    assert proposal.interview_date == date(2026, 12, 9) and proposal.starts_at.hour == 14
    assert [p.name for p in proposal.interviewers] == ["Ana Ruiz"]
    assert ("Zoom", "a no-reply address") in [(s.who, s.why) for s in proposal.skipped]
    assert (proposal.company, proposal.role) == ("Wingtiptoys", "Product Manager")


@pytest.mark.parametrize(("zone", "day"), [(BERLIN, date(2026, 12, 4)), (NEW_YORK, date(2026, 12, 3))])
def test_a_utc_time_late_in_the_evening_is_the_next_day_east_of_greenwich(zone, day):
    proposal = read(samples.google(start=datetime(2026, 12, 3, 23, 30, tzinfo=timezone.utc)), zone=zone)
    assert proposal.interview_date == day


@pytest.mark.parametrize("zone", [ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")])
def test_an_all_day_event_is_its_date_in_every_zone(zone):
    proposal = read(samples.all_day(), zone=zone)
    assert proposal.interview_date == date(2026, 12, 14) and proposal.starts_at is None
    assert (proposal.company, proposal.role) == ("Fabrikam Health", "Data Engineer")


def test_folded_lines_are_read_whole():
    proposal = read(samples.RAW_FOLDED, zone=BERLIN)
    assert proposal.summary == "Senior Data Analyst interview at Northwind Analytics (second round, with the analytics team)"
    assert [p.name for p in proposal.interviewers] == ["Jordan Lee", "Priya Natarajan"]
    assert [(s.who, s.why) for s in proposal.skipped] == [("Sam Rivera", "you")]  # the tab-folded address
    assert proposal.interview_date == date(2026, 12, 4)
    assert (proposal.company, proposal.role) == ("Northwind Analytics", "Senior Data Analyst")


def test_several_events_are_listed_by_date_and_one_is_picked_by_uid():
    with pytest.raises(SeveralEvents) as several:
        read(samples.several())
    assert "holds 2 events; pick one with --event UID" in str(several.value)
    assert [(e.uid, e.day) for e in several.value.events] == [
        ("round-1@northwind", date(2026, 12, 3)),
        ("round-2@northwind", date(2026, 12, 10)),
    ]
    picked = read(samples.several(), event_uid="round-2@northwind")
    assert picked.interview_date == date(2026, 12, 10) and [p.name for p in picked.interviewers] == ["Jordan Lee", "Priya Natarajan"]
    with pytest.raises(SeveralEvents, match="no event with uid 'round-3'; it holds round-1@northwind, round-2@northwind"):
        read(samples.several(), event_uid="round-3")


def test_copies_of_one_event_count_once():
    from icalendar import Calendar

    cal = Calendar.from_ical(samples.google())
    (master,) = cal.walk("VEVENT")
    exception = Calendar.from_ical(samples.google(summary="Moved: Data Analyst interview")).walk("VEVENT")[0]
    exception.add("recurrence-id", datetime(2026, 12, 3, 17, 0, tzinfo=timezone.utc))
    cal.add_component(exception)
    assert read(cal.to_ical()).summary == master["SUMMARY"]


@pytest.mark.parametrize(
    ("changes", "why"),
    [({"method": "CANCEL", "status": "CANCELLED"}, "METHOD:CANCEL"), ({"status": "CANCELLED"}, "STATUS:CANCELLED"),
     ({"method": "CANCEL", "status": None}, "METHOD:CANCEL")],
    ids=["google-cancel", "status-only", "method-only"],
)  # fmt: skip
def test_a_cancelled_event_is_refused(changes, why):
    with pytest.raises(CancelledInvite) as refused:
        read(samples.google(**changes))
    assert str(refused.value) == f"invite.ics: the event 'Northwind Analytics - Data Analyst Interview' is cancelled ({why}); nothing to add"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "the file is empty"),
        (b"  \r\n", "the file is empty"),
        (b"this is not a calendar\n", "not a calendar file it can read"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "not a calendar file (no BEGIN:VCALENDAR"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "holds no event"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "has no start date"),
        (b"\xff\xfe\x00garbage", "not a calendar file"),
    ],
    ids=["empty", "blank", "text", "unterminated", "no-event", "no-start", "binary"],
)
def test_a_broken_file_is_one_line_naming_it(data, fragment):
    with pytest.raises(InviteError) as broken:
        read(data)
    message = str(broken.value)
    assert message.startswith("invite.ics: ") and fragment in message and "\n" not in message, message


def test_a_floating_time_is_read_as_the_local_wall_clock():
    floating = samples.google(start=datetime(2026, 12, 3, 23, 30))
    assert read(floating, zone=BERLIN).interview_date == date(2026, 12, 3)


def test_without_the_profile_the_candidate_is_taken_for_an_interviewer_only_when_named():
    proposal = read(samples.outlook(), candidate=Candidate())
    assert "Sam Rivera" in [p.name for p in proposal.interviewers]
    # Google writes the address as the name of a guest with none: never taken as a name.
    assert "sam@example.com" not in [p.name for p in read(samples.google(), candidate=Candidate()).interviewers]


def test_an_invite_with_nobody_to_thank_cannot_become_an_interview():
    proposal = read(samples.all_day(), candidate=Candidate("Faith Christian", (samples.CANDIDATE,)))
    with pytest.raises(InviteError, match="names no interviewer to thank"):
        proposal.interview()


def test_form_values_fill_the_form_fields():
    assert read(samples.zoom(), zone=NEW_YORK).form_values() == {
        "company": "Wingtiptoys",
        "role": "Product Manager",
        "interview_date": "2026-12-09",
        "interviewers": [{"name": "Ana Ruiz", "email": "ana.ruiz@wingtiptoys.example"}],
    }


@pytest.mark.parametrize(
    ("display", "expected"),
    [
        ("Jordan Lee <jordan@northwind-analytics.com>", "Jordan Lee"),
        ("Jordan Lee (jordan@northwind-analytics.com)", "Jordan Lee"),
        ("Jordan Lee @ Northwind Analytics", "Jordan Lee"),
        ("Lee, Jordan <jordan@northwind-analytics.com>", "Jordan Lee"),
    ],
)
def test_an_address_written_into_the_display_name_is_dropped_not_the_person(display, expected):
    jordan = samples.address("jordan@northwind-analytics.com", display)
    data = samples.calendar(
        samples.event("Interview: Data Analyst (Northwind Analytics)", datetime(2026, 12, 3, 9, tzinfo=LOS_ANGELES), "u-at",
                      organizer=jordan, attendees=[samples.address(samples.CANDIDATE, "Sam Rivera")])  # fmt: skip
    )
    assert [(p.name, p.email) for p in read(data).interviewers] == [(expected, "jordan@northwind-analytics.com")]


def test_a_display_name_that_is_only_an_address_still_counts_as_no_name():
    talent = samples.address("talent@northwind-analytics.com", "<talent@northwind-analytics.com>")
    data = samples.calendar(
        samples.event("Interview: Data Analyst (Northwind Analytics)", datetime(2026, 12, 3, 9, tzinfo=LOS_ANGELES), "u-at2",
                      organizer=talent, attendees=[samples.address(samples.CANDIDATE, "Sam Rivera")])  # fmt: skip
    )
    assert [(s.who, s.why) for s in read(data).skipped if "talent" in s.who] == [
        ("talent@northwind-analytics.com", "no name on the invite")
    ]
