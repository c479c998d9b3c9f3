"""Pilot tests for every flow of the app, with a real store, real checks and templates,
and a scripted drafter standing in for the LLM."""

from __future__ import annotations

import asyncio
import email
from email import policy as email_policy
from datetime import date
from pathlib import Path

import pilot_helpers
from pilot_helpers import type_into, type_keys, until
from tui_fakes import GOOD_THANK_YOUS, TODAY, ScriptedDrafter, make_writer, northwind
from textual.widgets import Input, Static

from afterview.drafting.base import DrafterUnavailable
from afterview.tui.messages import DraftsReady, InterviewSaved
from afterview.tui.screens.dashboard import DashboardScreen
from afterview.tui.screens.dialogs import ConfirmDialog, ExportDialog, StatusDialog
from afterview.tui.screens.draft_studio import DraftStudioScreen
from afterview.tui.screens.first_run import ProfileScreen
from afterview.tui.screens.help import HelpScreen
from afterview.tui.screens.interview_form import InterviewFormScreen
from afterview.tui.widgets.check_panel import ChecksPanel
from afterview.tui.widgets.form_fields import Field, InterviewerBlock
from afterview.tui.widgets.interview_list import InterviewList
from afterview.tui.widgets.note_editor import NoteEditor
from afterview.usecases.due import due_for_stored

SIZE = (100, 36)


async def settle(pilot, app) -> None:
    """Let timers, workers and messages finish (waiting on them, not on a clock)."""
    await pilot_helpers.settle(pilot)


def dashboard_rows(app):
    return app.screen_stack[0].query_one(InterviewList).rows


def field(screen, key: str) -> Field:
    return next(f for f in screen.query(Field) if f.key == key and not isinstance(f.parent, InterviewerBlock))


async def test_first_run_to_sent_thank_you(home: Path, store, tmp_path: Path) -> None:
    """first run -> new interview -> draft -> switch variant -> edit -> export -> mark sent -> dashboard."""
    from afterview.config import resolve_settings
    from afterview.tui.app import make_app

    (home / "config.toml").unlink()  # a first run: no profile yet
    drafter = ScriptedDrafter([GOOD_THANK_YOUS])
    app = make_app(
        writer=make_writer(drafter), store=store, clock=lambda: TODAY, settings=resolve_settings(), clipboard_commands=[]
    )
    messages: list[object] = []
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot, app)

        # First run: the profile, then what to do next.
        assert isinstance(app.screen, ProfileScreen)
        await type_keys(pilot, *"Sam Rivera", "enter", *"sam@example.com", "enter", "enter")
        assert isinstance(app.screen, DashboardScreen)
        assert 'name = "Sam Rivera"' in (home / "config.toml").read_text()
        assert "press a to add" in str(app.screen.query_one("#empty", Static).render()).lower()

        # New interview, typed key by key; it autosaves once valid.
        await pilot.press("a")
        await settle(pilot, app)
        form = app.screen
        assert isinstance(form, InterviewFormScreen)
        assert field(form, "candidate").value == "Sam Rivera"  # prefilled from the profile
        await type_into(pilot, field(form, "company").input, "Northwind Analytics")
        await type_into(pilot, field(form, "role").input, "Data Analyst")
        await type_into(pilot, field(form, "decision_date").input, "2026-03-09")
        block = form.query_one(InterviewerBlock)
        await type_into(pilot, block.field("name").input, "Jordan Lee")
        await type_into(pilot, block.field("email").input, "jordan@northwind.example")
        await type_into(pilot, block.field("moment").input, "your story about rebuilding the churn dashboard")
        await settle(pilot, app)
        (saved,) = store.list_interviews()
        assert (saved.company, saved.role, saved.interview_date) == ("Northwind Analytics", "Data Analyst", TODAY)
        assert any(isinstance(m, InterviewSaved) and m.interview_id == saved.id for m in messages)
        assert store.interview(saved.id).interviewers[0].moment == "your story about rebuilding the churn dashboard"

        # Draft: the advisor's note (a thank-you today), three variants past the bar.
        await pilot.press("ctrl+d")
        await settle(pilot, app)
        studio = app.screen
        assert isinstance(studio, DraftStudioScreen)
        assert studio.note.note_type == "thank_you" and studio.note.recipient == "Jordan Lee"
        assert "Thank-you notes go out the day of the interview" in studio.reason
        assert len(studio.variants) == 3 and all(d.report.passed for d in studio.variants)
        assert all(d.id is not None for d in studio.variants)  # stored
        ready = [m for m in messages if isinstance(m, DraftsReady)]
        assert len(ready) == 1
        bar = str(studio.query_one("#note-bar", Static).render())
        assert "variant 1/3" in bar and "thank-you" in bar
        assert "scripted-model" in str(studio.query_one("#status-line", Static).render())

        # Switch variants with the arrow keys (wrapping around).
        editor = studio.query_one("#body", NoteEditor)
        await pilot.press("right")
        assert studio.current == 1 and editor.text == studio.variants[1].body
        await pilot.press("left", "left")
        assert studio.current == 2

        # Edit: a placeholder blocks, highlighted in the body; undoing it passes again.
        await pilot.press("i")
        assert editor.has_focus
        await type_keys(pilot, *"[Company] ")
        panel = studio.query_one("#checks", ChecksPanel)
        assert panel.lines[0].verdict == "block" and panel.lines[0].check == "placeholders"
        assert any(sev == "block" and editor.text[s:e] == "[Company]" for s, e, sev in editor.spans)
        stored = store.draft(studio.variants[2].id)
        assert stored.body.startswith("[Company] ") and not stored.report.passed  # autosaved
        editor.clear()
        editor.insert(studio.variants[2].body.removeprefix("[Company] "))
        await settle(pilot, app)
        assert all(line.verdict != "block" for line in panel.lines)
        assert store.draft(studio.variants[2].id).report.passed

        # Copy: the body goes to the clipboard (OSC 52 records it on the app).
        await pilot.press("escape")
        assert not editor.has_focus and isinstance(app.screen, DraftStudioScreen)
        await pilot.press("c")
        await settle(pilot, app)
        assert app.clipboard == editor.text

        # Export as .eml: parsed back, it is the note to Jordan.
        await pilot.press("e")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        target = tmp_path / "thank-you.eml"
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot, app)
        message = email.message_from_bytes(target.read_bytes(), policy=email_policy.default)
        assert message["To"] == "Jordan Lee <jordan@northwind.example>"
        assert message["From"] == "Sam Rivera <sam@example.com>"
        assert message.get_content().strip() == editor.text.strip()

        # Mark sent, then back to the dashboard: the next note is the follow-up.
        await pilot.press("s")
        await settle(pilot, app)
        (entry,) = store.sent(saved.id)
        assert (entry.note_type, entry.recipient, entry.sent_on, entry.draft_id) == (
            "thank_you", "Jordan Lee", TODAY, studio.variants[2].id,
        )  # fmt: skip
        assert "✔ sent" in str(studio.query_one("#note-bar", Static).render())
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, DashboardScreen)
        (row,) = dashboard_rows(app)
        assert (row.note_type, row.state) == ("follow_up", "upcoming")
        assert row.due == date(2026, 3, 16) and row.due_label(TODAY) == "Mar 16"


async def test_model_failure_shows_the_template_with_its_reason(app_factory, store) -> None:
    interview_id = store.add_interview(northwind())
    drafter = ScriptedDrafter([DrafterUnavailable("cannot reach http://127.0.0.1:8766/v1: is the server running?")])
    app = app_factory(drafter)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        studio = app.screen
        assert isinstance(studio, DraftStudioScreen) and studio.interview_id == interview_id
        assert studio.variants, "the fallback must still show drafts"
        assert all(d.engine == "template" and "cannot reach" in d.fallback_reason for d in studio.variants)
        assert all(d.report.passed for d in studio.variants)
        status = str(studio.query_one("#status-line", Static).render())
        assert "offline template (model draft not used)" in status
        notes = [n.message for n in app._notifications]
        assert any("offline template" in n and "cannot reach" in n for n in notes)
        # The first online draft said what is sent where, once.
        assert sum("online drafting sends" in n and "127.0.0.1:9" in n for n in notes) == 1


class GatedDrafter(ScriptedDrafter):
    """The first request waits until released, so a second one can overtake it."""

    def __init__(self) -> None:
        super().__init__([GOOD_THANK_YOUS])
        self.gate = asyncio.Event()
        self.cancelled = 0

    async def draft(self, request, n):
        if len(self.requests) == 0:
            self.requests.append((request, n))
            try:
                await self.gate.wait()
            except asyncio.CancelledError:
                self.cancelled += 1
                raise
        return await super().draft(request, n)


async def test_regenerate_cancels_the_stale_request(app_factory, store) -> None:
    store.add_interview(northwind())
    drafter = GatedDrafter()
    app = app_factory(drafter)
    messages: list[object] = []
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot, app)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, DraftStudioScreen) and drafter.requests, "the first request")
        studio = app.screen
        assert isinstance(studio, DraftStudioScreen) and not studio.variants
        assert "Drafting" in str(studio.query_one("#progress", Static).render())
        await pilot.press("r")  # regenerate while the first request hangs
        await settle(pilot, app)
        assert drafter.cancelled == 1
        ready = [m for m in messages if isinstance(m, DraftsReady)]
        assert [m.generation for m in ready] == [2]
        assert len(studio.variants) == 3
        assert drafter.requests[-1][0].first_variant > 0  # regenerate asks for new variants


async def test_tone_and_note_changes_redraft(app_factory, store) -> None:
    store.add_interview(northwind())
    drafter = ScriptedDrafter([GOOD_THANK_YOUS])
    app = app_factory(drafter)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        await pilot.press("t")
        await settle(pilot, app)
        studio = app.screen
        assert drafter.requests[-1][0].tone.value == "formal"
        assert all(d.tone.value == "formal" for d in studio.variants)
        await pilot.press("o")
        await settle(pilot, app)
        picker = app.screen
        options = picker.query_one("#notes")
        follow_up = next(i for i, row in enumerate(picker.advice) if row.type == "follow_up")
        options.highlighted = follow_up
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen is studio and studio.note.note_type == "follow_up"
        assert drafter.requests[-1][0].note_type.value == "follow_up"


async def test_form_shows_errors_inline_and_saves_nothing_invalid(app_factory, store) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("a")
        await settle(pilot, app)
        form = app.screen
        await type_into(pilot, field(form, "company").input, "Northwind")
        await type_into(pilot, field(form, "role").input, "Analyst")
        await type_into(pilot, field(form, "interview_date").input, "x")  # appended to today: not a date
        block = form.query_one(InterviewerBlock)
        await type_into(pilot, block.field("name").input, "Jordan")
        await type_into(pilot, block.field("email").input, "jordan-at-example")
        await settle(pilot, app)
        errors = {f.key: f.error for f in form.query(Field) if f.error}
        assert "YYYY-MM-DD" in errors["interview_date"]
        assert "not an email address" in errors["email"]
        assert "field" in str(form.query_one("#save-state", Static).render())
        assert store.list_interviews() == []
        # Fixing them saves.
        date_input = field(form, "interview_date").input
        date_input.value = TODAY.isoformat()
        block.field("email").input.value = "jordan@example.com"
        await settle(pilot, app)
        assert [r.company for r in store.list_interviews()] == ["Northwind"]
        assert not list(form.query(".-invalid"))


async def new_interviewer_block(pilot, app) -> InterviewerBlock:
    """Open the new-interview form from the dashboard; its first interviewer block."""
    await settle(pilot, app)
    await pilot.press("a")
    await settle(pilot, app)
    return app.screen.query_one(InterviewerBlock)


async def test_moment_warns_as_you_type(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        block = await new_interviewer_block(pilot, app)
        warning = block.query_one(".moment-warning", Static)
        await type_into(pilot, block.field("moment").input, "our shared love of church choirs")
        await pilot.pause()
        assert warning.display
        text = str(warning.render())
        assert "touches on religion" in text and "notes will not quote it" in text and "church" in text
        block.field("moment").input.value = "the roadmap for the churn dashboard"
        await pilot.pause()
        assert not warning.display


async def test_the_form_previews_how_the_moment_will_read(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        block = await new_interviewer_block(pilot, app)
        preview = block.query_one(".moment-preview", Static)
        assert not preview.display
        await type_into(pilot, block.field("name").input, "Amara Okonkwo")
        await type_into(pilot, block.field("moment").input, "She mentioned her team just moved to [Kubernetes].")
        await pilot.pause()
        assert preview.display
        text = str(preview.render())
        # Rephrased to fit, written to her, and shown literally (brackets are not markup).
        assert "I especially enjoyed hearing that your team just moved to [Kubernetes]." in text


async def test_dashboard_delete_asks_first_and_status_changes(app_factory, store) -> None:
    first = store.add_interview(northwind())
    store.add_interview(northwind(company="Contoso", role="Engineer"))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        listing = app.screen.query_one(InterviewList)
        assert listing.total == 2
        target = listing.current
        await pilot.press("x")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep
        await settle(pilot, app)
        assert len(store.list_interviews()) == 2
        await pilot.press("x")
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        remaining = store.list_interviews()
        assert [r.id for r in remaining] != [target.interview_id] and len(remaining) == 1
        assert app.screen.query_one(InterviewList).total == 1

        # Status: rejected, dated today; the row's next note becomes the feedback ask.
        await pilot.press("s")
        await settle(pilot, app)
        assert isinstance(app.screen, StatusDialog)
        options = app.screen.query_one("#statuses")
        options.highlighted = 1  # rejected
        await pilot.press("enter")
        await settle(pilot, app)
        kept = remaining[0].id
        assert store.interview(kept).status.value == "rejected"
        assert store.interview(kept).status_date == TODAY
        row = app.screen.query_one(InterviewList).rows[0]
        assert row.status == "rejected"
        assert first in (kept, target.interview_id)


async def test_filter_narrows_the_list(app_factory, store) -> None:
    store.add_interview(northwind())
    store.add_interview(northwind(company="Contoso", role="Engineer"))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"contoso")
        await pilot.pause()
        listing = app.screen.query_one(InterviewList)
        assert [r.company for r in listing.rows] == ["Contoso"]
        assert "1 of 2" in app.screen.sub_title
        await pilot.press("escape")
        await pilot.pause()
        assert len(listing.rows) == 2


async def test_help_and_palette_cover_every_action(app_factory, store) -> None:
    store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        for screen_class in (DashboardScreen,):
            titles = {c.title for c in app.get_system_commands(app.screen)}
            assert set(screen_class.ACTION_HELP.values()) <= titles
        await pilot.press("d")
        await settle(pilot, app)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert set(DraftStudioScreen.ACTION_HELP.values()) <= titles
        assert "Switch between the light and the dark theme" in titles


async def test_theme_toggle_and_no_color(app_factory, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert app.no_color
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        assert not app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark


async def test_no_name_to_sign_with_is_explained_not_a_crash(home: Path, store) -> None:
    from afterview.config import resolve_settings
    from afterview.tui.app import make_app

    (home / "config.toml").unlink()  # the first-run profile was skipped
    store.add_interview(northwind())  # and the record has no candidate
    app = make_app(writer=make_writer(None), store=store, clock=lambda: TODAY, settings=resolve_settings(), clipboard_commands=[])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape")  # skip the profile
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        studio = app.screen
        assert isinstance(studio, DraftStudioScreen) and not studio.variants
        assert "no name to sign the note with" in str(studio.query_one("#progress", Static).render())
        await pilot.press("c", "e", "s", "right")  # nothing to act on: told, never a crash
        await settle(pilot, app)
        assert isinstance(app.screen, DraftStudioScreen)


async def test_exports_text_calendar_and_mailto(app_factory, store, tmp_path: Path) -> None:
    from icalendar import Calendar

    store.add_interview(northwind())
    app = app_factory(ScriptedDrafter([GOOD_THANK_YOUS]))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        studio = app.screen
        body = studio.query_one("#body", NoteEditor).text

        async def export(fmt_index: int, target: Path | None) -> None:
            await pilot.press("e")
            await settle(pilot, app)
            dialog = app.screen
            dialog.query_one("#formats").highlighted = fmt_index
            await pilot.pause()
            if target is not None:
                dialog.query_one("#export-path", Input).value = str(target)
            dialog.query_one("#formats").focus()
            await pilot.press("enter")
            await settle(pilot, app)

        await export(1, tmp_path / "note.txt")
        assert (tmp_path / "note.txt").read_text().startswith(f"Subject: {studio.variants[0].subject}\n\n")
        await export(3, tmp_path / "due.ics")
        calendar = Calendar.from_ical((tmp_path / "due.ics").read_bytes())
        summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
        assert any("thank-you to Jordan Lee" in s for s in summaries)
        # An existing file is replaced only when the person says so.
        (tmp_path / "note.txt").write_text("keep me")
        await export(1, tmp_path / "note.txt")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(pilot, app)
        assert (tmp_path / "note.txt").read_text() == "keep me"
        await export(1, tmp_path / "note.txt")
        await pilot.press("y")
        await settle(pilot, app)
        assert (tmp_path / "note.txt").read_text().startswith("Subject: ")
        await export(2, None)
        assert app.clipboard.startswith("mailto:jordan@northwind.example?subject=")
        assert "Dear%20Jordan" in app.clipboard and body.splitlines()[0] == "Dear Jordan,"


async def test_editing_a_stored_interview_autosaves(app_factory, store) -> None:
    interview_id = store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        form = app.screen
        assert isinstance(form, InterviewFormScreen) and form.interview_id == interview_id
        role = field(form, "role").input
        role.focus()
        await pilot.press("end", *" II")
        await pilot.pause(0.5)  # within a second of the edit
        assert store.interview(interview_id).role == "Data Analyst II"
        assert store.interview(interview_id).interviewers[0].moment == "your story about rebuilding the churn dashboard"
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        assert len(form.query(InterviewerBlock)) == 2
        await type_keys(pilot, *"Sam Ortiz")
        assert [p.name for p in store.interview(interview_id).interviewers] == ["Jordan Lee", "Sam Ortiz"]
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.query_one(InterviewList).rows[0].role == "Data Analyst II"


async def test_fixing_a_name_after_marking_sent_keeps_the_sent_thank_you(app_factory, store) -> None:
    """The form autosaves every keystroke: retyping a name is a rename, not a new person."""
    interview_id = store.add_interview(northwind(interviewers=[{"name": "Jordn Lee", "contact": True}]))
    stored_id = store.interviewer_ids(interview_id)["Jordn Lee"]
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        (row,) = dashboard_rows(app)
        assert (row.note_type, row.recipient, row.state) == ("thank_you", "Jordn Lee", "due")

        # Draft the thank-you offline and mark it sent.
        await pilot.press("d")
        await settle(pilot, app)
        studio = app.screen
        assert isinstance(studio, DraftStudioScreen) and studio.variants
        await pilot.press("s")
        await settle(pilot, app)
        assert [e.recipient for e in store.sent(interview_id)] == ["Jordn Lee"]
        await pilot.press("escape")
        await settle(pilot, app)
        (row,) = dashboard_rows(app)
        assert row.note_type == "follow_up"

        # Fix the typo: clear the name and type it again, saving as it goes.
        await pilot.press("enter")
        await settle(pilot, app)
        form = app.screen
        assert isinstance(form, InterviewFormScreen)
        name = form.query_one(InterviewerBlock).field("name").input
        name.focus()
        await pilot.press("end", *["backspace"] * len("Jordn Lee"))
        await settle(pilot, app)
        for key in "Jordan Lee":
            await pilot.press(key)
            await pilot.pause(0.2)  # past the autosave delay: every prefix is saved on the way
        await settle(pilot, app)
        assert [p.name for p in store.interview(interview_id).interviewers] == ["Jordan Lee"]
        assert store.interviewer_ids(interview_id) == {"Jordan Lee": stored_id}
        assert [e.recipient for e in store.sent(interview_id)] == ["Jordan Lee"]

        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, DashboardScreen)
        (row,) = dashboard_rows(app)
        assert row.note_type == "follow_up"  # the thank-you is still sent, so not due
        assert not any(a.type == "thank_you" for a in due_for_stored(store, interview_id, TODAY))


async def test_a_broken_config_file_is_explained(isolated_home: Path) -> None:
    from afterview.tui.app import make_app

    (isolated_home / "config.toml").write_text("[profile\nname = 1\n", encoding="utf-8")
    app = make_app(clipboard_commands=[])
    async with app.run_test(size=SIZE) as pilot:
        while app.title == "afterview":  # the loader runs after the first frame
            await pilot.pause(0.05)
        await pilot.pause()
        text = str(app.screen.query_one("#empty", Static).render())
        assert app.title == "afterview · cannot start"
        assert "config.toml" in text and "not valid TOML" in text
        await pilot.press("a")  # nothing loaded: the keys that need data stay inert
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_square_brackets_in_typed_text_are_shown_not_parsed(app_factory, store) -> None:
    """Typed text and record values go on screen as text: "[/]" must not crash the app."""
    store.add_interview(northwind(role="Engineer [Contract]", company="Fabrikam [/b] Labs"))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("d")  # the draft studio for the next note of the stored interview
        await settle(pilot, app)
        assert isinstance(app.screen, DraftStudioScreen)
        app.notify("server said [/v1/chat] is gone")  # plain text by default
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("a")
        await settle(pilot, app)
        form = app.screen
        await type_into(pilot, field(form, "company").input, "Acme")
        await type_into(pilot, field(form, "interview_date").input, "[/]")
        block = form.query_one(InterviewerBlock)
        await type_into(pilot, block.field("email").input, "[b]x")
        await settle(pilot, app)
        errors = {f.key: f.error for f in form.query(Field) if f.error}
        assert "[/]" in errors["interview_date"] and "[b]x" in errors["email"]
        assert app.is_running
