"""The form's "import invite": a real .ics file (made with icalendar, shaped as Google,
Outlook, Teams and Zoom send them) fills the date and the interviewers, and the company
and role as guesses the person confirms; several events ask which, a cancelled one is
refused, a broken file is named on one line and nothing typed is lost."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import invite_samples as samples
import pytest
from pilot_helpers import send_keys, settle
from textual.widgets import Button, Input, OptionList, Static

from afterview.tui.form_model import FormValues, fill_from_invite
from afterview.tui.screens.interview_form import InterviewFormScreen
from afterview.tui.screens.invite_dialogs import EventPicker, InviteDialog
from afterview.tui.widgets.form_fields import Field, InterviewerBlock
from afterview.usecases.invites import propose_interview

SIZE = (100, 36)


@pytest.fixture
def downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder with a Downloads folder, where the dialog starts."""
    home = tmp_path / "person"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return home / "Downloads"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def top_field(form, key: str) -> Field:
    return next(f for f in form.query(Field) if f.key == key and not isinstance(f.parent, InterviewerBlock))


def people(form) -> list[tuple[str, str]]:
    return [(b.values().name, b.values().email) for b in form.query(InterviewerBlock)]


def text_of(widget) -> str:
    return str(widget.render())


async def open_form(pilot) -> InterviewFormScreen:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, InterviewFormScreen)
    return pilot.app.screen


async def form_from(pilot, path: Path) -> tuple[InterviewFormScreen, InviteDialog]:
    """The new-interview form, then ``path`` imported into it."""
    form = await open_form(pilot)
    return form, await import_file(pilot, path)


async def import_file(pilot, path: Path) -> InviteDialog:
    """ctrl+o, the path typed over the offered folder, enter."""
    await pilot.press("ctrl+o")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, InviteDialog)
    dialog.query_one("#invite-path", Input).value = ""
    send_keys(pilot.app, *str(path), "enter")
    await settle(pilot)
    return dialog


async def test_a_google_invite_fills_the_form_with_guesses_to_confirm(app_factory, store, tmp_path, machine_zone) -> None:
    machine_zone("America/New_York")
    invite = tmp_path / "invite.ics"
    # 02:00 UTC on the 4th is the evening of the 3rd in New York: the date is the local one.
    invite.write_bytes(samples.google(start=datetime(2026, 12, 4, 2, 0, tzinfo=timezone.utc)))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form, _ = await form_from(pilot, invite)
        assert app.screen is form
        assert top_field(form, "company").value == "Northwind Analytics"
        assert top_field(form, "role").value == "Data Analyst"
        assert top_field(form, "interview_date").value == "2026-12-03"
        # The candidate (the profile's sam@example.com), the room and the nameless address are left out.
        assert people(form) == [("Jordan Lee", "jordan@northwind-analytics.com"), ("Priya Natarajan", "priya.natarajan@northwind-analytics.com")]
        note = text_of(form.query_one("#invite-note", Static))
        assert "From invite.ics" in note and "2026-12-03 21:00 EST" in note and "2 interviewers added" in note
        assert "NYC-5-Huddle (4) (a resource)" in note and "talent-team@northwind-analytics.com" in note
        # Company and role are marked as guesses, and nothing is saved until both are confirmed.
        assert top_field(form, "company").has_class("-guessed") and "Guessed from the title" in (top_field(form, "company").guess or "")
        assert top_field(form, "role").has_class("-guessed")
        assert app.focused is top_field(form, "company").input
        assert store.list_interviews() == []
        assert "confirm the company and role guessed from the invite (▲)" in text_of(form.query_one("#save-state"))
        await pilot.press("enter")  # company confirmed as it is
        await settle(pilot)
        assert top_field(form, "company").guess is None and not top_field(form, "company").has_class("-guessed")
        assert store.list_interviews() == [] and "confirm the role guessed" in text_of(form.query_one("#save-state"))
        send_keys(app, *" II")  # typing over the role confirms it too
        await settle(pilot)
        (row,) = store.list_interviews()
        saved = store.interview(row.id)
        assert (saved.company, saved.role, saved.interview_date.isoformat()) == ("Northwind Analytics", "Data Analyst II", "2026-12-03")
        assert [p.name for p in saved.interviewers] == ["Jordan Lee", "Priya Natarajan"]


async def test_drafting_before_confirming_goes_to_the_guess(app_factory, store, tmp_path) -> None:
    invite = write(tmp_path / "outlook.ics", samples.outlook())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form, _ = await form_from(pilot, invite)
        assert people(form) == [("Marcus Okafor", "marcus.okafor@fabrikam.example"), ("Faith Christian", "faith.christian@fabrikam.example")]
        form.query(InterviewerBlock).last().field("moment").input.focus()
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert app.screen is form and store.list_interviews() == []
        assert "Drafting needs them confirmed." in text_of(form.query_one("#save-state"))
        assert app.focused is top_field(form, "company").input
        await pilot.press("enter", "enter")  # company, then role
        await settle(pilot)
        assert len(store.list_interviews()) == 1


SHAPES = {
    # sender: (invite, company, role, date in Berlin, interviewers)
    "outlook": (samples.outlook, "Fabrikam Health", "Senior Platform Engineer", "2026-12-04", ["Marcus Okafor", "Faith Christian"]),
    "teams": (samples.teams, "Contoso Group", "", "2026-12-07", ["Lena Vogel", "Jonas Weber"]),
    "zoom": (samples.zoom, "Wingtiptoys", "Product Manager", "2026-12-09", ["Ana Ruiz"]),
    "folded": (lambda: samples.RAW_FOLDED, "Northwind Analytics", "Senior Data Analyst", "2026-12-04", ["Jordan Lee", "Priya Natarajan"]),
    "all day": (samples.all_day, "Fabrikam Health", "Data Engineer", "2026-12-14", ["Faith Christian"]),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_each_senders_invite_gives_the_forms_values(tmp_path, shape) -> None:
    """What the form's import puts in an empty form (the file read as the import reads it,
    with the profile's name and address, merged by the form model), for each sender's shape.

    Putting those values into the widgets does not depend on the sender: the Pilot tests
    here show it with one interviewer and with two, and with a role the invite lacks.
    """
    make, company, role, day, names = SHAPES[shape]
    invite = write(tmp_path / f"{shape}.ics", make())
    proposal = propose_interview(invite, names=("", "Sam Rivera"), emails=("", "sam@example.com"), zone=ZoneInfo("Europe/Berlin"))
    fill = fill_from_invite(FormValues(), proposal.form_values(), company_from=proposal.company_from)
    assert (fill.values.company, fill.values.role, fill.values.interview_date) == (company, role, day)
    assert [p.name for p in fill.values.interviewers] == names


async def test_several_events_ask_which_one(app_factory, store, tmp_path) -> None:
    invite = write(tmp_path / "rounds.ics", samples.several())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form, _ = await form_from(pilot, invite)
        picker = app.screen
        assert isinstance(picker, EventPicker)
        options = picker.query_one("#events", OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown == ["2026-12-03  Data Analyst interview, round 1", "2026-12-10  Data Analyst interview, round 2"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is form
        assert top_field(form, "interview_date").value == "2026-12-10"
        assert people(form) == [("Jordan Lee", "jordan@northwind-analytics.com"), ("Priya Natarajan", "priya@northwind-analytics.com")]


REFUSED = {
    # file name: (its bytes, None for no file; what the one-line reason says, after the path)
    "cancelled.ics": (samples.google(method="CANCEL"), "the event 'Northwind Analytics - Data Analyst Interview' is cancelled (METHOD:CANCEL); nothing to add"),
    "empty.ics": (b"", "the file is empty"),
    "broken invite.ics": (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\nEND:VEVENT\r\n", "not a calendar file"),
    "binary.ics": (b"\x89PNG\r\n\x1a\n\x00\x00", "not a calendar file"),
    "missing.ics": (None, "no such file"),
}


async def test_an_invite_that_cannot_be_read_is_named_on_one_line_and_the_form_kept(app_factory, store, tmp_path) -> None:
    """A cancelled, empty, broken, binary or missing file, tried one after the other in one form."""
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        send_keys(app, *"Northwind Analytics", "enter", *"Data Analyst")
        await settle(pilot)
        for name, (content, says) in REFUSED.items():
            invite = tmp_path / name
            if content is not None:
                invite.write_bytes(content)
            dialog = await import_file(pilot, invite)
            assert app.screen is dialog, name
            reason = dialog.error_text
            assert reason.startswith(f"{invite}: ") and says in reason, reason
            assert name != "cancelled.ics" or reason == f"{invite}: {says}", reason  # all of it
            assert "\n" not in reason and "Traceback" not in reason, reason
            assert dialog.query_one("#invite-path", Input).value == str(invite)  # the path as typed
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is form, name
            assert (top_field(form, "company").value, top_field(form, "role").value) == ("Northwind Analytics", "Data Analyst")
            assert people(form) == [("", "")], name


async def test_what_was_typed_stays_and_the_invite_adds_the_rest(app_factory, store, tmp_path) -> None:
    invite = write(tmp_path / "invite.ics", samples.google())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        keys = (*"Northwind", "enter", "enter", "enter", "enter", "enter", *"priya natarajan", "enter", "enter", "enter", "enter", *"the churn dashboard")
        send_keys(app, *keys)
        await settle(pilot)
        await import_file(pilot, invite)
        assert top_field(form, "company").value == "Northwind"  # typed: kept, not a guess
        assert top_field(form, "company").guess is None and top_field(form, "role").value == "Data Analyst"
        blocks = list(form.query(InterviewerBlock))
        assert [b.values().name for b in blocks] == ["priya natarajan", "Jordan Lee"]
        assert blocks[0].values().email == "priya.natarajan@northwind-analytics.com"
        assert blocks[0].values().moment == "the churn dashboard"


async def test_the_import_is_offered_in_the_footer_and_on_the_form(app_factory, store, downloads) -> None:
    (downloads / "older.ics").write_bytes(samples.teams())
    newest = downloads / "Invitation from Zoom.ics"
    newest.write_bytes(samples.zoom())
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        assert "Import a calendar invite (ctrl+o)" in str(form.query_one("#import-invite", Button).label)
        footer_keys = {b.action: b.key for _, b, enabled, _ in app.active_bindings.values() if b.show}
        assert footer_keys.get("import_invite") == "ctrl+o"
        await pilot.click("#import-invite")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, InviteDialog)
        assert dialog.query_one("#invite-path", Input).value == "~/Downloads/"
        recent = dialog.query_one("#recent-invites", OptionList)
        assert [str(recent.get_option_at_index(i).prompt).split("  ")[0] for i in range(recent.option_count)] == [newest.name, "older.ics"]
        await pilot.press("tab")
        await pilot.press("enter")  # the newest, highlighted first
        await settle(pilot)
        assert app.screen is form
        # Zoom's no-reply organizer is nobody to thank; the candidate is left out by name and address.
        assert people(form) == [("Ana Ruiz", "ana.ruiz@wingtiptoys.example")]
        assert top_field(form, "role").value == "Product Manager"


async def test_a_tilde_path_is_the_home_folder(app_factory, store, downloads) -> None:
    (downloads / "teams.ics").write_bytes(samples.teams())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        send_keys(app, *"teams.ics", "enter")  # after the offered ~/Downloads/
        await settle(pilot)
        assert app.screen is form
        assert people(form) == [("Lena Vogel", "lena.vogel@contoso-group.de"), ("Jonas Weber", "jonas.weber@contoso-group.de")]
        company = top_field(form, "company")
        assert company.value == "Contoso Group" and "Guessed from the email domain contoso-group.de" in (company.guess or "")
        assert top_field(form, "role").value == "" and top_field(form, "role").guess is None  # "Microsoft Teams Meeting"
        assert "The invite does not say the role: type it." in text_of(form.query_one("#invite-note"))


# No "[@click=...]": the invite reader takes a name holding "@" for an address, not a name.
MARKUP_NAMES = ("Jordan [b]Lee[/b]", "Sam [/] O'Neil", "Priya [$accent]Natarajan")


async def test_markup_like_text_from_an_invite_is_shown_literally(app_factory, store, tmp_path) -> None:
    organizer = samples.address("jordan@northwind-analytics.com", MARKUP_NAMES[0])
    attendees = [samples.address("sam.oneil@northwind-analytics.com", MARKUP_NAMES[1]), samples.address("p@northwind-analytics.com", MARKUP_NAMES[2]),
                 samples.address(samples.CANDIDATE, "Sam Rivera")]  # fmt: skip
    first = samples.event("[b]Data Analyst [/ops interview", datetime(2026, 12, 3, 15, 0, tzinfo=timezone.utc), "m1", organizer=organizer, attendees=attendees)
    second = samples.event("Round [2] [/]", datetime(2026, 12, 9, 15, 0, tzinfo=timezone.utc), "m2", organizer=organizer, attendees=attendees)
    invite = write(tmp_path / "[red]odd[$accent].ics", samples.calendar(first, second))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form, _ = await form_from(pilot, invite)
        picker = app.screen
        assert isinstance(picker, EventPicker)
        assert "[red]odd[$accent].ics holds 2 events" in text_of(picker.query_one(".dialog-title"))
        options = picker.query_one("#events", OptionList)
        assert [str(options.get_option_at_index(i).prompt) for i in range(2)] == ["2026-12-03  [b]Data Analyst [/ops interview", "2026-12-09  Round [2] [/]"]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form and app.is_running
        assert [name for name, _ in people(form)] == list(MARKUP_NAMES)
        assert "“[b]Data Analyst [/ops interview”" in text_of(form.query_one("#invite-note"))
        assert "From [red]odd[$accent].ics" in text_of(form.query_one("#invite-note"))
