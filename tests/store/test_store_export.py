"""Exports: .eml parsed back with the stdlib, mailto: decoded, .ics parsed with icalendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from email import policy
from email.parser import BytesParser
from urllib.parse import parse_qs, unquote, urlsplit

import icalendar
import pytest

from afterview.export import Note, Party, eml, ics, mailto, reminders, text
from afterview.timing import Advice

NOTE = Note(
    subject="Thank you — Senior Platform Engineer",
    body="Dear 李雷,\n\nThank you for the talk about the café & the on-call plan (100% useful?).\n\nBest,\nPriya Natarajan",
    sender=Party("Priya Natarajan", "priya@example.com"),
    recipient=Party("李雷", "lei@fabrikam.example"),
)


def test_eml_parses_back_with_every_field():
    message = BytesParser(policy=policy.default).parsebytes(eml(NOTE, when=datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)))
    assert message["Subject"] == NOTE.subject
    assert message["From"].addresses[0].display_name == "Priya Natarajan"
    assert message["From"].addresses[0].addr_spec == "priya@example.com"
    assert message["To"].addresses[0].display_name == "李雷"
    assert message["To"].addresses[0].addr_spec == "lei@fabrikam.example"
    assert message["X-Unsent"] == "1"
    assert message["Date"].datetime == datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
    assert message.get_content_type() == "text/plain"
    assert message.get_content().rstrip("\n") == NOTE.body


def test_eml_headers_are_ascii_on_the_wire():
    raw = eml(NOTE)
    head = raw.split(b"\n\n", 1)[0]
    assert head.isascii()
    assert raw.isascii()  # quoted-printable body


def test_eml_leaves_out_unknown_addresses():
    bare = Note("Thanks", "Dear Jordan,\n\nThanks.\n\nSam", Party("Sam Rivera", None), Party("Jordan Lee", None))
    message = BytesParser(policy=policy.default).parsebytes(eml(bare))
    assert message["From"] is None and message["To"] is None
    assert message.get_content() == "Dear Jordan,\n\nThanks.\n\nSam\n"


def test_mailto_is_percent_encoded_and_decodes_back():
    url = mailto(NOTE)
    assert url.startswith("mailto:lei@fabrikam.example?")
    assert " " not in url and "+" not in url and "\n" not in url and url.isascii()
    parts = urlsplit(url)
    assert unquote(parts.path) == "lei@fabrikam.example"
    query = parse_qs(parts.query)
    assert query["subject"] == [NOTE.subject]
    assert query["body"] == [NOTE.body.replace("\n", "\r\n")]  # RFC 6068 line breaks
    assert "%0D%0A" in url and "%26" in url and "%25" in url


def test_mailto_without_an_address_still_opens_a_draft():
    url = mailto(Note("Hi", "Body", Party(), Party("Jordan", None)))
    assert url == "mailto:?subject=Hi&body=Body"


def test_text_is_the_shape_check_reads():
    assert text(NOTE) == f"Subject: {NOTE.subject}\n\n{NOTE.body}\n"


def _advice(state, due, note_type="thank_you", recipient="Jordan Lee"):
    return Advice(note_type, recipient, state, due, f"{note_type}.rule", f"Reason for {note_type}; with, commas.")


def test_reminders_one_per_note_still_to_send():
    today = date(2026, 11, 25)
    rows = [
        _advice("late", date(2026, 11, 20)),
        _advice("due", date(2026, 11, 24), "follow_up"),
        _advice("upcoming", date(2026, 12, 1), "award_update"),
        _advice("stop", None, "follow_up"),
        _advice("not_applicable", None, "competing_offer"),
    ]
    events = reminders(7, "Northwind Analytics", rows, today)
    assert [(e.day, e.summary) for e in events] == [
        (today, "Late: send the thank-you to Jordan Lee (Northwind Analytics)"),
        (today, "Send the follow-up to Jordan Lee (Northwind Analytics)"),
        (date(2026, 12, 1), "Send the award-update to Jordan Lee (Northwind Analytics)"),
    ]
    assert len({e.uid for e in events}) == 3
    assert events[0].uid == reminders(7, "Northwind Analytics", rows, date(2026, 11, 26))[0].uid  # stable


def test_ics_parses_back_with_icalendar():
    today = date(2026, 11, 25)
    events = reminders(7, "Northwind Analytics", [_advice("late", date(2026, 11, 20)), _advice("upcoming", date(2026, 12, 1), "follow_up")], today)
    calendar = icalendar.Calendar.from_ical(ics(events, now=datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc)))
    assert str(calendar["VERSION"]) == "2.0" and "afterview" in str(calendar["PRODID"])
    parsed = calendar.walk("VEVENT")
    assert len(parsed) == 2
    for event, reminder in zip(parsed, events):
        assert str(event["UID"]) == reminder.uid
        assert str(event["SUMMARY"]) == reminder.summary
        assert str(event["DESCRIPTION"]) == reminder.description
        assert event.decoded("DTSTART") == reminder.day
        assert event.decoded("DTEND") == reminder.day + timedelta(days=1)
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(hours=9)
    assert parsed[0].decoded("DTSTAMP") == datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc)


def test_an_empty_calendar_is_still_valid():
    calendar = icalendar.Calendar.from_ical(ics([]))
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize("fmt", ["eml", "txt", "mailto"])
def test_cli_exports_the_latest_stored_draft(fmt, cli, store, panel_file, make_draft, tmp_path):
    from afterview.interview_file import load_interview

    interview_id = store.add_interview(load_interview(panel_file))
    store.save_draft(interview_id, make_draft("Marcus Okafor", "Dear Marcus,\n\nAn older draft.\n\nPriya"))
    latest = store.save_draft(interview_id, make_draft("Marcus Okafor", "Dear Marcus,\n\nThank you\x1b[31m!\n\nPriya", subject="Thanks"))
    result = cli("export", interview_id, "--type", "thank_you", "--to", "marcus okafor", "--format", fmt)
    # The stored report said "passed", but export re-checks: this short body is blocked
    # (exit 1, and the reason on stderr), and the note is still exported.
    assert result.code == 1 and "does not pass the checks" in result.err, result.err
    assert "\x1b" not in result.out  # escape sequences from a drafter never reach an export
    if fmt == "eml":
        message = BytesParser(policy=policy.default).parsebytes(result.out.encode())
        assert message["To"].addresses[0].addr_spec == "marcus@fabrikam.example"
        assert message["From"].addresses[0].addr_spec == "priya@example.com"  # the record's candidate_email
        assert message["Subject"] == "Thanks"
        assert message.get_content() == "Dear Marcus,\n\nThank you!\n\nPriya\n"
    elif fmt == "txt":
        assert result.out == "Subject: Thanks\n\nDear Marcus,\n\nThank you!\n\nPriya\n"
    else:
        assert result.out.startswith("mailto:marcus@fabrikam.example?subject=Thanks&body=Dear%20Marcus")
    # -o writes the same bytes, privately, and refuses to overwrite without --force.
    target = tmp_path / f"note.{fmt}"
    assert cli("export", interview_id, "--draft", latest.id, "--format", fmt, "-o", target).code == 1
    assert target.read_text(encoding="utf-8") == result.out
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    again = cli("export", interview_id, "--draft", latest.id, "--format", fmt, "-o", target)
    assert again.code == 2 and "--force" in again.err
    assert cli("export", interview_id, "--draft", latest.id, "--format", fmt, "-o", target, "--force").code == 1


def test_cli_export_uses_the_profile_when_the_record_has_no_email(cli, store, make_interview, make_draft, home):
    (home / "config.toml").write_text('[profile]\nname = "Sam Rivera"\nemail = "sam@profile.example"\n')
    interview_id = store.add_interview(make_interview(candidate=None, candidate_email=None))
    store.save_draft(interview_id, make_draft("Jordan Lee"))
    result = cli("export", interview_id, "--type", "thank_you", "--format", "eml")
    message = BytesParser(policy=policy.default).parsebytes(result.out.encode())
    assert message["From"].addresses[0].display_name == "Sam Rivera"
    assert message["From"].addresses[0].addr_spec == "sam@profile.example"


def test_cli_export_refuses_mismatched_draft_and_bad_combinations(cli, store, panel_file, make_draft):
    from afterview.interview_file import load_interview

    interview_id = store.add_interview(load_interview(panel_file))
    other_id = store.add_interview(load_interview(panel_file))
    draft = store.save_draft(interview_id, make_draft("Marcus Okafor"))
    cases = [
        (("export", other_id, "--draft", draft.id, "--format", "txt"), f"no draft #{draft.id} for interview #{other_id}"),
        (("export", interview_id, "--draft", draft.id, "--type", "follow_up", "--format", "txt"), "not follow_up"),
        (("export", interview_id, "--draft", draft.id, "--to", "Faith Christian", "--format", "txt"), "goes to Marcus Okafor"),
        (("export", interview_id, "--format", "txt"), "add --type"),
        (("export", interview_id, "--type", "thank_you", "--format", "txt"), "add --to NAME"),
        (("export", interview_id, "--type", "thank_you", "--format", "ics"), "leave out --type"),
        (("export", 99, "--type", "thank_you", "--format", "txt"), "no interview #99"),
    ]
    for argv, fragment in cases:
        result = cli(*argv)
        assert result.code == 2, (argv, result.err)
        assert result.err.count("\n") == 1 and fragment in result.err, (argv, result.err)


def test_cli_export_of_a_blocked_draft_warns_and_exits_1(cli, store, make_interview, make_draft):
    from afterview.checks.types import Finding

    interview_id = store.add_interview(make_interview())
    store.save_draft(interview_id, make_draft("Jordan Lee", findings=(Finding("thanks", "block", "Thank them."),)))
    result = cli("export", interview_id, "--type", "thank_you", "--format", "txt")
    assert result.code == 1
    assert result.out.startswith("Subject: Thank you")
    # Export re-checks the stored draft: its real findings are reported, not the stored ones.
    assert "does not pass the checks (" in result.err


def test_cli_ics_export_follows_the_sent_log(cli, store, panel_file):
    from afterview.interview_file import load_interview

    interview_id = store.add_interview(load_interview(panel_file))
    store.mark_sent(interview_id, "thank_you", "Faith Christian", date(2026, 11, 20))
    result = cli("export", interview_id, "--format", "ics", "--today", "2026-11-21")
    assert result.code == 0, result.err
    calendar = icalendar.Calendar.from_ical(result.out.encode())
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert summaries == [
        "Send the follow-up to Marcus Okafor (Fabrikam Health)",
        "Send the thank-you to Marcus Okafor (Fabrikam Health)",
    ]
    store.mark_sent(interview_id, "thank_you", "Marcus Okafor", date(2026, 11, 21))
    store.set_status(interview_id, "offered", date(2026, 11, 22))
    empty = cli("export", interview_id, "--format", "ics", "--today", "2026-11-23")
    assert empty.code == 0 and "nothing left to send" in empty.err
    assert icalendar.Calendar.from_ical(empty.out.encode()).walk("VEVENT") == []


def test_eml_with_an_international_address_has_no_encoded_words_in_it():
    note = Note(subject="Thänks", body="Hello\n", sender=Party("Sam", "sam@example.com"), recipient=Party("Jördan Lee", "jordan@nörthwind.example"))
    raw = eml(note)
    to_line = next(line for line in raw.split(b"\n") if line.startswith(b"To:"))
    assert b"xn--nrthwind-n4a.example" in to_line and b"=?utf-8?" not in to_line.split(b"<")[1]
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert parsed["To"].addresses[0].domain == "xn--nrthwind-n4a.example"


class _Profile:
    def __init__(self, name: str | None, email: str | None) -> None:
        self.name, self.email = name, email


def _draft_to(recipient: str, *, subject: str = "Thank you", body: str = "Dear Jordan,\n\nThanks.\n\nSam"):
    from afterview.checks.types import Report
    from afterview.domain import Draft, NoteType, Tone

    return Draft(
        subject=subject, body=body, note_type=NoteType.THANK_YOU, recipient=recipient, tone=Tone.WARM,
        engine="template", report=Report(note_type="thank_you"),
    )  # fmt: skip


def test_note_for_prefers_the_record_over_the_profile(make_interview):
    from afterview.export import note_for

    interview = make_interview()  # candidate Sam Rivera, sam@example.com; Jordan Lee has an email
    note = note_for(_draft_to("jordan  LEE"), interview, _Profile("Profile Name", "profile@example.com"))
    assert note.sender == Party("Sam Rivera", "sam@example.com")
    assert note.recipient == Party("jordan  LEE", "jordan@northwind.example")


def test_note_for_falls_back_to_the_profile_and_tolerates_unknowns(make_interview):
    from afterview.export import note_for

    interview = make_interview(candidate=None, candidate_email=None)
    note = note_for(_draft_to("Jordan Lee"), interview, _Profile("Profile Name", "profile@example.com"))
    assert note.sender == Party("Profile Name", "profile@example.com")
    assert note_for(_draft_to("Jordan Lee"), interview, None).sender == Party(None, None)
    assert note_for(_draft_to("Someone Else"), interview, None).recipient == Party("Someone Else", None)


def test_note_for_strips_escape_sequences_from_drafter_text(make_interview):
    from afterview.export import note_for

    draft = _draft_to("Jordan Lee", subject="Thanks\x1b]0;owned\x07", body="Dear Jordan,\x1b[2J\n\nThanks.\u202e\n\nSam")
    note = note_for(draft, make_interview(), None)
    assert (note.subject, note.body) == ("Thanks", "Dear Jordan,\n\nThanks.\n\nSam")
