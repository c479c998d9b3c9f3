"""The draft studio at small sizes and under Tab: the keys stay named, the draft stays
readable, and the body is edited only when asked."""

from __future__ import annotations

import pytest
from pilot_helpers import open_studio, settle
from screen_text import missing
from tui_fakes import northwind
from textual.widgets import Static

from afterview.tui.screens.draft_studio import DraftStudioScreen
from afterview.tui.widgets.note_editor import NoteEditor




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


def studio_app(settings, store, runner=None):
    from tui_fakes import TODAY, make_writer

    from afterview.tui.app import make_app

    return make_app(
        writer=make_writer(None), store=store, clock=lambda: TODAY, settings=settings, clipboard_commands=[], editor_runner=runner
    )


async def test_edit_in_your_editor_checks_and_saves_what_comes_back(settings, store, monkeypatch) -> None:
    monkeypatch.setenv("VISUAL", "myeditor --wait")
    monkeypatch.setenv("EDITOR", "nano")
    seen: list[tuple[list[str], str]] = []

    def runner(command: list[str], text: str) -> str:
        seen.append((command, text))
        return text.replace("Dear Jordan,", "Dear Jordan,\n\n[Company] is great.", 1)

    store.add_interview(northwind())
    app = studio_app(settings, store, runner)
    async with app.run_test(size=(100, 36)) as pilot:
        studio = await open_studio(pilot)
        before = studio.variants[0]
        await pilot.press("E")
        await settle(pilot)
        assert seen == [(["myeditor", "--wait"], before.body)]
        body = studio.query_one("#body", NoteEditor).text
        assert "[Company] is great." in body
        assert any(line.check == "placeholders" and line.verdict == "block" for line in studio.query_one("#checks").lines)
        assert store.draft(before.id).body == body  # saved, with its new verdict
        assert not store.draft(before.id).report.passed


async def test_edit_in_your_editor_says_why_not(settings, store, monkeypatch) -> None:
    from afterview.tui.external_editor import EditorFailed

    def broken(command: list[str], text: str) -> str:
        raise EditorFailed("myeditor exited with 1")

    store.add_interview(northwind())
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    for runner, env, expected in (
        (None, None, "Set $VISUAL or $EDITOR"),
        (None, "vi", "This terminal cannot hand over to an editor"),  # headless: no suspending
        (broken, "vi", "myeditor exited with 1: the draft is unchanged."),
    ):
        if env:
            monkeypatch.setenv("EDITOR", env)
        app = studio_app(settings, store, runner)
        async with app.run_test(size=(100, 36)) as pilot:
            studio = await open_studio(pilot)
            body = studio.query_one("#body", NoteEditor).text
            await pilot.press("E")
            await settle(pilot)
            assert any(expected in n.message for n in app._notifications), expected
            assert studio.query_one("#body", NoteEditor).text == body


def test_the_editor_command_and_a_real_editor_process(tmp_path) -> None:
    from afterview.tui.external_editor import EditorFailed, editor_command, run_editor

    assert editor_command({"VISUAL": "code --wait", "EDITOR": "vi"}) == ["code", "--wait"]
    assert editor_command({"VISUAL": " ", "EDITOR": "vi"}) == ["vi"]
    assert editor_command({}) is None
    appender = ["sh", "-c", 'printf "P.S. thanks again\\n" >> "$1"', "sh"]
    assert run_editor(appender, "Dear Jordan,\n") == "Dear Jordan,\nP.S. thanks again\n"
    with pytest.raises(EditorFailed, match="exited with 3"):
        run_editor(["sh", "-c", "exit 3", "sh"], "x")
    with pytest.raises(EditorFailed, match="afterview-no-such-editor"):
        run_editor(["afterview-no-such-editor"], "x")


async def test_a_blocked_notes_reasons_stay_in_view_when_copied_anyway(app_factory, store) -> None:
    from textual.widgets._toast import Toast

    store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        studio = await open_studio(pilot)
        editor = studio.query_one("#body", NoteEditor)
        editor.load_text(editor.text.replace("Dear Jordan,", "Dear Jordan,\n\n[Company] rocks.", 1))
        studio.recheck()
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        (note,) = app._notifications
        assert "But a check blocks it: Replace the placeholder '[Company]'" in note.message and note.timeout >= 20
        panel = studio.query_one("#checks")
        assert panel.lines[0].verdict == "block"
        first_finding = panel.region.__class__(panel.region.x, panel.region.y + 1, panel.region.width, 2)
        visible = studio._compositor.visible_widgets.items()
        toasts = [region.intersection(clip) for widget, (region, clip) in visible if isinstance(widget, Toast)]
        assert toasts and not any(region.overlaps(first_finding) for region in toasts)


async def test_the_variant_keys_are_drawn_as_one_group_and_each_click_presses_its_key(app_factory, store) -> None:
    from afterview.tui.widgets.footer import Footer

    store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        studio = await open_studio(pilot)
        footer = studio.query_one(Footer)
        drawn = footer.render().plain
        assert drawn.startswith(" c Copy  ←→ Variant  e Export ")
        assert len(studio.variants) > 1 and studio.current == 0
        await pilot.click(Footer, offset=(drawn.index("→"), 0))
        await settle(pilot)
        assert studio.current == 1
        await pilot.click(Footer, offset=(drawn.index("←"), 0))
        await settle(pilot)
        assert studio.current == 0
