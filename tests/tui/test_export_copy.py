"""Export asks where, starting in Documents (or Downloads, or home), never the folder the
app was started in; copy says which way the note went (tmux checked on a real server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import open_studio, settle
from tui_fakes import TODAY, make_writer, northwind
from textual.widgets import Input, Static

from afterview.paths import export_folder
from afterview.tui.clipboard import TMUX_COMMAND
from afterview.tui.screens.dialogs import ExportDialog
from afterview.tui.screens.draft_studio import DraftStudioScreen

SIZE = (100, 36)


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, and a current folder elsewhere."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    started_in = tmp_path / "started-here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    return home


def test_exports_go_to_documents_else_downloads_else_home(user_home: Path) -> None:
    assert export_folder() == user_home
    (user_home / "Downloads").mkdir()
    assert export_folder() == user_home / "Downloads"
    (user_home / "Documents").mkdir()
    assert export_folder() == user_home / "Documents"






async def open_export(pilot) -> ExportDialog:
    await open_studio(pilot)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExportDialog)
    return pilot.app.screen


def saves_in(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-where", Static).render())


async def test_export_offers_documents_and_says_so(user_home: Path, app_factory, store) -> None:
    (user_home / "Documents").mkdir()
    store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(pilot)
        path = Path(dialog.query_one("#export-path", Input).value)
        assert path.parent == user_home / "Documents" and path.suffix == ".eml"
        assert f"Saves in {user_home / 'Documents'}" in saves_in(dialog)
        await pilot.press("enter")
        await settle(pilot)
        assert path.is_file()
        assert not list(Path.cwd().iterdir()), "nothing lands in the folder the app started in"


async def test_a_bare_file_name_stays_in_the_offered_folder(user_home: Path, app_factory, store) -> None:
    store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_export(pilot)
        box = dialog.query_one("#export-path", Input)
        box.value = "jordan.txt"
        await pilot.pause()
        assert f"Saves in {user_home}" in saves_in(dialog)
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert (user_home / "jordan.txt").is_file() and not list(Path.cwd().iterdir())


async def test_copy_inside_tmux_says_so_and_the_buffer_has_the_note(tmux_server: str, settings, store) -> None:
    import subprocess

    from afterview.tui.app import make_app

    store.add_interview(northwind())
    app = make_app(writer=make_writer(None), store=store, clock=lambda: TODAY, settings=settings, clipboard_commands=[TMUX_COMMAND])
    async with app.run_test(size=SIZE) as pilot:
        studio = await open_studio(pilot)
        await pilot.press("c")
        await settle(pilot)
        body = studio.query_one("#body").text
        buffer = subprocess.run(["tmux", "-L", tmux_server, "show-buffer"], check=True, capture_output=True, text=True).stdout
        assert buffer == body and app.clipboard == body
        (message,) = [n.message for n in app._notifications]
        assert message == "Copied the note via tmux and the terminal (OSC 52). Paste it into your email."


async def test_copy_with_only_the_terminal_says_what_to_do_if_pasting_fails(app_factory, store) -> None:
    store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_studio(pilot)
        await pilot.press("c")
        await settle(pilot)
        (message,) = [n.message for n in app._notifications]
        assert message.startswith("Sent the note to the terminal's clipboard (OSC 52).")
        assert "export it instead (e)" in message
