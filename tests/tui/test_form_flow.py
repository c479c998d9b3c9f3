"""The interview form as a person walks it: Enter, Tab, fixing an error, and messages
that never sit on the field being typed in or on the draft."""

from __future__ import annotations

import pytest
from pilot_helpers import send_keys, settle
from tui_fakes import TODAY, northwind
from textual.widgets import Input, Static
from textual.widgets._toast import Toast

from afterview.tui.screens.draft_studio import DraftStudioScreen
from afterview.tui.screens.interview_form import InterviewFormScreen
from afterview.tui.widgets.form_fields import Field, InterviewerBlock

SIZE = (100, 36)




def form_field(screen, key: str) -> Field:
    return next(f for f in screen.query(Field) if f.key == key and not isinstance(f.parent, InterviewerBlock))


def state_line(screen) -> str:
    return str(screen.query_one("#save-state", Static).render())


async def open_form(pilot, key: str = "a") -> InterviewFormScreen:
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, InterviewFormScreen)
    return pilot.app.screen


async def test_enter_walks_the_form_field_by_field(app_factory, store) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert app.focused is form_field(form, "company").input
        send_keys(app, *"Northwind Analytics", "enter", *"Senior Data Analyst", "enter")
        await settle(pilot)
        assert form_field(form, "company").value == "Northwind Analytics"
        assert form_field(form, "role").value == "Senior Data Analyst"
        assert app.focused is form_field(form, "interview_date").input
        send_keys(app, "enter", *"2026-03-09", "enter", "enter")  # today kept, a decision date, no status date
        await settle(pilot)
        assert form_field(form, "decision_date").value == "2026-03-09"
        block = form.query_one(InterviewerBlock)
        assert app.focused is block.field("name").input
        keys = (*"Jordan Lee", "enter", "enter", "enter", "enter", *"your story about the churn dashboard", "enter")
        send_keys(app, *keys)  # name, then title, email and address-as left as they are
        await settle(pilot)
        assert block.values().moment == "your story about the churn dashboard"
        assert app.focused is form_field(form, "competing_offer.company").input
        await settle(pilot)
        (row,) = store.list_interviews()
        saved = store.interview(row.id)
        assert (saved.company, saved.role, saved.decision_date) == ("Northwind Analytics", "Senior Data Analyst", TODAY.replace(day=9))

        # A second interviewer: Enter goes from the first one's moment to the second's name.
        await pilot.press("ctrl+n")
        await settle(pilot)
        second = list(form.query(InterviewerBlock))[1]
        block.field("moment").input.focus()
        await pilot.press("enter")
        assert app.focused is second.field("name").input

        # Enter on the last field saves now and shows every error.
        second.field("name").input.value = "Priya Natarajan"
        second.field("email").input.value = "not-an-email"
        form_field(form, "candidate_email").input.focus()
        await pilot.press("enter")
        assert app.focused is form_field(form, "candidate_email").input
        assert "not an email address" in (second.field("email").error or "")
        assert "Not saved: fix the 1 field marked" in state_line(form)


async def test_keys_typed_in_one_burst_land_in_their_own_fields(app_factory, store) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        keys = (*"Northwind Analytics", "enter", *"Senior Data Analyst", "enter", "enter", "enter", "enter", *"Jordan Lee")
        send_keys(app, *keys)
        await settle(pilot)
        assert form_field(form, "company").value == "Northwind Analytics"
        assert form_field(form, "role").value == "Senior Data Analyst"
        assert form.query_one(InterviewerBlock).field("name").value == "Jordan Lee"



async def test_the_first_run_screen_takes_a_burst_ending_in_enter(home, store) -> None:
    """Enter on the last field saves what was typed just before it, not an empty field."""
    from afterview.config import resolve_settings
    from afterview.tui.app import make_app

    (home / "config.toml").unlink()
    app = make_app(writer=None, store=store, clock=lambda: TODAY, settings=resolve_settings(), clipboard_commands=[])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        send_keys(app, *"Sam Rivera", "enter", *"sam@example.com", "enter", *"+1 555 0100", "enter")
        await settle(pilot)
        assert app.backend.settings.profile.name == "Sam Rivera"
        assert app.backend.settings.profile.signature == "+1 555 0100"
        assert 'email = "sam@example.com"' in (home / "config.toml").read_text()


async def test_the_first_run_keeps_the_comments_of_a_hand_written_config(home, store) -> None:
    from afterview.config import resolve_settings
    from afterview.tui.app import make_app

    config = home / "config.toml"
    written = '# my settings\n[llm]\ntimeout = 30   # my server is slow\n\n# signing\n[profile]\n# name goes here\n'
    config.write_text(written, encoding="utf-8")
    app = make_app(writer=None, store=store, clock=lambda: TODAY, settings=resolve_settings(), clipboard_commands=[])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"Sam Rivera", "enter", "enter", "enter")
        await settle(pilot)
    assert config.read_text(encoding="utf-8") == written + 'name = "Sam Rivera"\n'


async def test_focus_starts_on_the_first_field_when_editing_too(app_factory, store) -> None:
    store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "enter")
        company = form_field(form, "company").input
        assert app.focused is company
        await pilot.press(*" Ltd")  # added at the end, nothing selected and replaced
        assert company.value == "Northwind Analytics Ltd"


async def test_tab_into_a_filled_field_keeps_its_text(app_factory, store) -> None:
    interview_id = store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "enter")
        await pilot.press("tab")
        role = form_field(form, "role").input
        assert app.focused is role and role.selected_text == ""
        await pilot.press(*" II")
        await settle(pilot)
        assert role.value == "Data Analyst II"
        assert store.interview(interview_id).role == "Data Analyst II"


async def test_the_not_saved_line_follows_the_fix(app_factory, store) -> None:
    interview_id = store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "enter")
        date_field = form_field(form, "interview_date")
        date_field.input.focus()
        await pilot.press("backspace")  # 2026-03-0: not a date
        await settle(pilot)
        assert "Not saved: fix the 1 field marked ✖" in state_line(form)
        await pilot.press("2")  # back to the stored date: nothing to save, nothing wrong
        await settle(pilot)
        assert date_field.error is None
        assert state_line(form) == "Saved."
        # A real change after a fix saves, and the line says when.
        await pilot.press("backspace", "3")
        await settle(pilot)
        assert state_line(form).startswith("Saved ") and store.interview(interview_id).interview_date.day == 3


async def test_the_forms_messages_stay_in_its_status_line(app_factory, store) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.notify("Saved to config.toml. Next: press a to add the interview you just had.", timeout=30)
        await pilot.pause()
        form = await open_form(pilot)
        assert not app._notifications, "a toast from the screen before would sit on the fields"
        await pilot.press("ctrl+d")  # nothing typed yet: drafting needs the fields
        await pilot.pause()
        assert not list(app.screen.query(Toast)) and not app._notifications
        assert "Drafting needs them fixed." in state_line(form)
        form.query_one(InterviewerBlock).field("name").input.focus()
        await pilot.pause()
        form.action_remove_interviewer()  # the only one stays
        await pilot.pause()
        assert "needs at least one interviewer" in state_line(form) and not app._notifications
        form_field(form, "company").input.focus()
        await pilot.pause()
        form.action_remove_interviewer()
        await pilot.pause()
        assert "Move to an interviewer's fields first." in state_line(form) and not app._notifications


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_studio_toasts_never_cover_the_draft(app_factory, store, size) -> None:
    store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        studio = app.screen
        assert isinstance(studio, DraftStudioScreen) and studio.variants
        await pilot.press("c")  # "Copied the note ..."
        await settle(pilot)
        studio.notify("A long message, as a server error can be, " * 4, severity="warning", timeout=30)
        await pilot.pause()
        await pilot.pause()
        assert len(studio.query(Toast)) == 2
        visible = studio._compositor.visible_widgets.items()
        shown = [region.intersection(clip) for widget, (region, clip) in visible if isinstance(widget, Toast)]
        assert shown, "the newest toast is on screen"
        for region in shown:  # as drawn: clipped to the space the toasts may use
            for part in ("#note-bar", "#why", "#subject", "#body", "#status-line"):
                assert not region.overlaps(studio.query_one(part).region), (part, region)


@pytest.mark.parametrize("key", ["o", "e"])
async def test_the_studios_toasts_never_cover_its_dialogs(app_factory, store, key) -> None:
    store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("c")  # "Copied the note ...", which would sit on the dialog's choices
        await settle(pilot)
        assert app._notifications
        await pilot.press(key)
        await settle(pilot)
        assert not isinstance(app.screen, DraftStudioScreen)
        assert not list(app.screen.query(Toast)) and not app._notifications
