"""A first run: its screen comes with the first frame, before the settings are read,
and nothing typed into it meanwhile is lost."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pilot_helpers import send_keys, settle, until

from afterview.tui.backend import Backend
from afterview.tui.screens.dashboard import DashboardScreen
from afterview.tui.screens.first_run import ProfileScreen

SIZE = (80, 24)


@pytest.fixture
def held_loader(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The loader thread waits until the returned event is set (the real loader then runs)."""
    release = threading.Event()
    load = Backend.load

    def held(backend: Backend) -> None:
        release.wait(10)
        load(backend)

    monkeypatch.setattr(Backend, "load", held)
    yield release
    release.set()


async def test_the_first_run_screen_comes_before_the_settings_and_keeps_what_is_typed(
    isolated_home: Path, held_loader: threading.Event
) -> None:
    from afterview.tui.app import make_app

    app = make_app(clipboard_commands=[])
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ProfileScreen) and not app.backend.loaded
        assert isinstance(app.screen_stack[0], DashboardScreen)
        # Typed and saved at once, as a paste or a script would, while the loader is held.
        send_keys(app, *"Sam [b]Rivera", "enter", *"sam@example.com", "ctrl+s")
        await pilot.pause(0.1)
        assert isinstance(app.screen, ProfileScreen) and not app.backend.loaded  # the save waits
        held_loader.set()
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard after saving")
        await settle(pilot)
        assert app.backend.settings.profile.name == "Sam [b]Rivera"
        assert app.backend.settings.profile.email == "sam@example.com"
    config = (isolated_home / "config.toml").read_text(encoding="utf-8")
    assert "Sam [b]Rivera" in config and "sam@example.com" in config


async def test_a_config_file_without_a_name_still_gets_the_first_run_screen(isolated_home: Path) -> None:
    from afterview.tui.app import make_app

    (isolated_home / "config.toml").write_text('[llm]\nmodel = "gpt-4.1-mini"\n', encoding="utf-8")
    app = make_app(clipboard_commands=[])
    assert not app.backend.surely_first_run()  # a name might be in the file: it is read first
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen), "the first-run screen")
        assert app.backend.loaded and app.backend.needs_profile
        assert len(app.screen_stack) == 2 and isinstance(app.screen_stack[0], DashboardScreen)


async def test_a_failed_load_under_the_early_first_run_screen_shows_why(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterview.tui.app import make_app

    monkeypatch.setenv("AFTERVIEW_TIMEOUT", "soon")
    app = make_app(clipboard_commands=[])
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.title == "afterview · cannot start", "the failed load")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and len(app.screen_stack) == 1
        shown = str(app.screen.query_one("#empty").render())
        assert "AFTERVIEW_TIMEOUT" in shown


async def test_keys_pressed_on_the_dashboard_while_it_loads_run_once_the_rows_are_shown(
    home: Path, held_loader: threading.Event
) -> None:
    from tui_fakes import northwind

    from afterview.config import app_paths
    from afterview.store import open_store
    from afterview.tui.app import make_app
    from afterview.tui.screens.interview_form import InterviewFormScreen

    with open_store(app_paths()) as store:
        for company in ("Older", "Newer"):
            store.add_interview(northwind(company=company))
    app = make_app(clipboard_commands=[])
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen) and not app.backend.loaded
        send_keys(app, "down", "enter")  # the second row, opened: before there are rows
        await pilot.pause(0.1)
        assert app.screen is dashboard  # held, not dropped
        held_loader.set()
        await until(pilot, lambda: isinstance(app.screen, InterviewFormScreen), "the form of the second row")
        await settle(pilot)
        from afterview.tui.widgets.form_fields import Field

        assert next(f for f in app.screen.query(Field) if f.key == "company").value == "Older"


async def test_skipping_the_first_run_screen_before_the_loader_finishes_keeps_it_away(
    isolated_home: Path, held_loader: threading.Event
) -> None:
    from afterview.tui.app import make_app

    app = make_app(clipboard_commands=[])
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
        held_loader.set()
        await until(pilot, lambda: app.backend.loaded, "the loader")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and len(app.screen_stack) == 1
        assert app.screen.rows_shown and app.screen.sub_title == "no interviews yet"
