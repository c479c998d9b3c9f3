"""Typed text that looks like Textual markup is shown as typed, on every screen.

A person types into every field of the first-run screen and the form, then walks every
screen and dialog (dashboard, status, delete, draft studio, note picker, export, help,
copy, sent); each step asserts the app is still running and the text is on screen
literally: nothing crashes, turns into an action, or vanishes.
"""

from __future__ import annotations

from pathlib import Path

import pilot_helpers
from pilot_helpers import settle
from screen_text import missing, screen_text
from tui_fakes import TODAY, make_writer, northwind
from textual.widgets import Input

from afterview.tui.screens.dashboard import DashboardScreen
from afterview.tui.screens.dialogs import ConfirmDialog, ExportDialog, NotePicker, StatusDialog
from afterview.tui.screens.draft_studio import DraftStudioScreen
from afterview.tui.screens.first_run import ProfileScreen
from afterview.tui.screens.help import HelpScreen
from afterview.tui.screens.interview_form import InterviewFormScreen
from afterview.tui.widgets.form_fields import Field, InterviewerBlock

SIZE = (120, 40)

YOU = "Riley [/] O'Neil"
SIGNATURE = "[$accent] +1 555 0100 [/ops"
COMPANY = "Northwind [B] Analytics"
ROLE = "Data Analyst [/ops"
FIRST = "Sam [/] O'Neil"
FIRST_TITLE = "[$accent] Lead"
SECOND = "Jordan [@click=app.quit]Lee"
MOMENT = "your story about the [b]churn[/b] dashboard"
OFFER = "[@click=app.bell]Contoso"
AWARD = "[B] Award"
RELEVANCE = "it is [/ops the skill set"


async def type_into(pilot, widget: Input, text: str) -> None:
    """Clear the field, then type ``text`` as real key presses."""
    await pilot_helpers.type_into(pilot, widget, text, replace=True)


def form_field(screen, key: str) -> Field:
    return next(f for f in screen.query(Field) if f.key == key and not isinstance(f.parent, InterviewerBlock))


def assert_shown(app, *phrases: str) -> None:
    assert app.is_running
    absent = missing(app, *phrases)
    assert not absent, f"not on screen as typed: {absent}\n--- screen ---\n{screen_text(app)}"


async def test_markup_like_text_is_shown_literally_everywhere(home: Path, store, tmp_path: Path) -> None:
    from afterview.config import resolve_settings
    from afterview.tui.app import make_app

    (home / "config.toml").unlink()  # a first run
    app = make_app(writer=make_writer(None), store=store, clock=lambda: TODAY, settings=resolve_settings(), clipboard_commands=[])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)

        # First run: every field, with an invalid email first (its error quotes it).
        assert isinstance(app.screen, ProfileScreen)
        await pilot_helpers.type_keys(pilot, *YOU, "enter", *"[B]riley", "enter", *SIGNATURE, "enter")
        assert isinstance(app.screen, ProfileScreen)
        assert_shown(app, YOU, "[B]riley", SIGNATURE)
        email = next(f for f in app.screen.query(Field) if f.key == "email")
        await type_into(pilot, email.input, "riley@example.com")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert 'name = "Riley [/] O\'Neil"' in (home / "config.toml").read_text()
        assert_shown(app, "Hello, Riley")

        # The form: every field typed, one of them invalid so its error shows the text.
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, InterviewFormScreen)
        assert form_field(form, "candidate").value == YOU
        for key, text in (
            ("company", COMPANY),
            ("role", ROLE),
            ("interview_date", "[/]"),
            ("decision_date", "2026-03-09"),
            ("status_date", "[$accent]"),
            ("competing_offer.company", OFFER),
            ("competing_offer.deadline", "2026-03-20"),
            ("award.name", AWARD),
            ("award.date", "2026-03-03"),
            ("award.relevance", RELEVANCE),
            ("candidate_email", "riley@example.com"),
        ):
            await type_into(pilot, form_field(form, key).input, text)
        block = form.query_one(InterviewerBlock)
        for key, text in (("name", FIRST), ("title", FIRST_TITLE), ("email", "[B]sam"), ("moment", MOMENT)):
            await type_into(pilot, block.field(key).input, text)
        await settle(pilot)
        assert_shown(app, COMPANY, ROLE, OFFER, AWARD, RELEVANCE, FIRST, FIRST_TITLE, MOMENT)
        form_field(form, "candidate").input.focus()  # further down the form: scroll to it
        await settle(pilot)
        assert_shown(app, YOU)
        errors = {f.key: f.error for f in form.query(Field) if f.error}
        assert "[/]" in errors["interview_date"] and "[B]sam" in errors["email"]
        assert "[$accent]" in errors["status_date"]
        assert_shown(app, errors["interview_date"], errors["email"], errors["status_date"])
        assert_shown(app, "Not saved: fix the 3 fields marked")

        # Fix them; add a second interviewer; it saves.
        await type_into(pilot, form_field(form, "interview_date").input, TODAY.isoformat())
        await type_into(pilot, form_field(form, "status_date").input, "")
        await type_into(pilot, block.field("email").input, "sam@northwind.example")
        await pilot.press("ctrl+n")
        await settle(pilot)
        second = list(form.query(InterviewerBlock))[1]
        await type_into(pilot, second.field("name").input, SECOND)
        await settle(pilot)
        (saved,) = store.list_interviews()
        assert (saved.company, saved.role) == (COMPANY, ROLE)
        assert [p.name for p in store.interview(saved.id).interviewers] == [FIRST, SECOND]
        assert_shown(app, SECOND)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert_shown(app, COMPANY, ROLE)


async def test_markup_like_record_values_are_shown_literally_on_every_screen(home: Path, store, tmp_path: Path) -> None:
    """The same values, stored, through the dashboard, its dialogs, the studio and its dialogs."""
    from afterview.config import resolve_settings
    from afterview.domain import Interviewer
    from afterview.tui.app import make_app

    (home / "config.toml").write_text(
        f'[profile]\nname = "{YOU}"\nemail = "riley@example.com"\nsignature = "{SIGNATURE}"\n', encoding="utf-8"
    )
    people = [Interviewer(name=FIRST, title=FIRST_TITLE, moment=MOMENT, contact=True), Interviewer(name=SECOND)]
    store.add_interview(northwind(company=COMPANY, role=ROLE, interviewers=people))
    app = make_app(writer=make_writer(None), store=store, clock=lambda: TODAY, settings=resolve_settings(), clipboard_commands=[])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # The dashboard row, the status and delete dialogs.
        assert isinstance(app.screen, DashboardScreen)
        assert_shown(app, COMPANY, ROLE)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatusDialog)
        assert_shown(app, f"Status of {COMPANY}")
        await pilot.press("escape")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert_shown(app, f"Delete the interview at {COMPANY} ({ROLE})")
        await pilot.press("n")
        await settle(pilot)

        # The draft studio: header, note bar, subject, body, status line.
        await pilot.press("d")
        await settle(pilot)
        studio = app.screen
        assert isinstance(studio, DraftStudioScreen) and studio.variants
        recipient = studio.note.recipient
        assert recipient in (FIRST, SECOND)
        greeting = f"Dear {recipient.split()[0]},"
        assert_shown(app, f"afterview · offline — {COMPANY}", f"thank-you to {recipient}", greeting, YOU, SIGNATURE)
        assert_shown(app, studio.variants[0].subject)

        # Its dialogs: which note, export, help.
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, NotePicker)
        assert_shown(app, f"thank-you to {FIRST}", f"thank-you to {SECOND}")
        await pilot.press("escape")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        target = tmp_path / "[B] note [$accent].eml"
        app.screen.query_one("#export-path", Input).value = str(target)
        await settle(pilot)
        assert app.screen.query_one("#export-path", Input).value == str(target)
        assert_shown(app, f"Saves in {tmp_path}")
        app.screen.query_one("#formats").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert target.exists()
        assert_shown(app, f"Wrote {target}")
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")

        # Copy and mark sent: the toasts name the recipient as typed.
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard.startswith(greeting)
        # The brackets are the person's own text, not a placeholder: the note copies clean,
        # and the toast names the recipient as typed.
        assert_shown(app, f"thank-you to {recipient}")
        assert "But a check blocks it" not in " ".join(screen_text(app))
        await pilot.press("s")
        await settle(pilot)
        assert_shown(app, f"Marked the thank-you to {recipient} as sent.")

        # Back on the dashboard: change the status and delete, both toasts literal.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#statuses").highlighted = 1  # rejected
        await pilot.press("enter")
        await settle(pilot)
        assert_shown(app, f"{COMPANY}: rejected")
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert_shown(app, f"Deleted {COMPANY} ({ROLE}).")
        assert store.list_interviews() == []
    assert app.return_code in (None, 0)


async def test_the_missing_name_message_keeps_its_brackets(home: Path, store) -> None:
    """Skipping the profile: "set name under [profile] in ..." keeps "[profile]"."""
    from afterview.config import resolve_settings
    from afterview.tui.app import make_app

    (home / "config.toml").unlink()
    store.add_interview(northwind(company=COMPANY, role=ROLE))
    app = make_app(writer=make_writer(None), store=store, clock=lambda: TODAY, settings=resolve_settings(), clipboard_commands=[])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # skip the profile
        await settle(pilot)
        assert_shown(app, COMPANY, ROLE)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DraftStudioScreen)
        assert_shown(app, "set name under [profile] in")
        assert sum("set name under [profile] in" in text for text in screen_text(app).splitlines()) == 2  # and its toast


async def test_every_toast_is_plain_text_whoever_sends_it(app_factory) -> None:
    """A screen's ``notify`` (markup on by default in Textual) shows brackets too."""
    app = app_factory()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.screen.notify(f"{SECOND} and {FIRST} [/ops", title=f"[b]{COMPANY}")
        await pilot.pause()
        assert_shown(app, f"{SECOND} and {FIRST} [/ops", f"[b]{COMPANY}")
