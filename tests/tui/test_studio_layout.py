"""The draft studio at small sizes and under Tab: the keys stay named, the draft stays
readable, and the body is edited only when asked."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from screen_text import missing
from tui_fakes import northwind
from textual.widgets import Static

from afterview.tui.screens.draft_studio import DraftStudioScreen
from afterview.tui.widgets.note_editor import NoteEditor


async def open_studio(pilot) -> DraftStudioScreen:
    await settle(pilot)
    await pilot.press("d")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DraftStudioScreen) and pilot.app.screen.variants
    return pilot.app.screen


async def test_tab_never_silently_enters_the_body(app_factory, store) -> None:
    store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=(100, 36)) as pilot:
        studio = await open_studio(pilot)
        editor = studio.query_one("#body", NoteEditor)
        for key in ("tab", "tab", "tab", "shift+tab", "shift+tab"):
            await pilot.press(key)
            assert not editor.has_focus, key
        await pilot.press("c")  # letter keys still act: nothing was typed into the note
        await settle(pilot)
        assert editor.text == studio.variants[0].body and app.clipboard == editor.text
        await pilot.press("i")
        assert editor.has_focus
        await pilot.press("escape")
        assert not editor.has_focus


@pytest.mark.parametrize(("size", "body_width"), [((80, 24), 44), ((60, 20), 32)])
async def test_small_terminals_keep_the_keys_the_reason_and_a_readable_draft(app_factory, store, size, body_width) -> None:
    store.add_interview(northwind(interviewers=[{"name": "Alexandra Montgomery-Fitzgerald", "contact": True}]))
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        studio = await open_studio(pilot)
        bar = str(studio.query_one("#note-bar", Static).render())
        assert bar.endswith("· o other note · esc back") and "…" in bar
        assert not missing(app, "Why now:", "Subject:", "Dear Alexandra,")
        assert studio.query_one("#body", NoteEditor).content_region.width >= body_width


async def test_the_dashboards_count_agrees_with_which_note(app_factory, store) -> None:
    from afterview.tui.screens.dialogs import NotePicker

    store.add_interview(northwind(interviewers=[{"name": "Jordan Lee", "contact": True}, {"name": "Priya Natarajan"}]))
    app = app_factory()
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        assert app.screen.sub_title == "1 interview · 2 notes to send now"
        await open_studio(pilot)
        await pilot.press("o")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, NotePicker)
        assert sum(row.state in ("late", "due") for row in picker.advice) == 2
