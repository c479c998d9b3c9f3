"""Start-up: what the loader reads, that quitting never waits for it, the footer drawn at once."""

from __future__ import annotations

import asyncio
import gc
import threading
from pathlib import Path

import pytest
from tui_fakes import TODAY

from afterview.tui.background import StartUpCollector, collector_paused, in_daemon_thread
from afterview.tui.backend import Backend
from afterview.tui.screens.first_run import ProfileScreen
from afterview.tui.widgets.footer import Footer
from afterview.tui.widgets.interview_list import InterviewList

SIZE = (80, 24)


def test_a_first_run_loads_without_creating_the_database(isolated_home: Path) -> None:
    backend = Backend(clock=lambda: TODAY)
    backend.load()
    assert backend.loaded and backend.needs_profile
    assert not (isolated_home / "afterview.db").exists()
    assert [(step.rows, step.total) for step in backend.dashboard_rows()] == [([], 0)]
    assert backend.store.list_summaries() == []  # the first use creates it
    assert (isolated_home / "afterview.db").exists()


def test_rows_come_from_a_database_another_afterview_created_meanwhile(isolated_home: Path) -> None:
    from afterview.config import app_paths
    from afterview.store import open_store
    from tui_fakes import northwind

    backend = Backend(clock=lambda: TODAY)
    backend.load()
    with open_store(app_paths()) as other:  # `afterview add` while the app runs
        other.add_interview(northwind())
    listed, advised = (step.rows for step in backend.dashboard_rows())  # one interview: the first page is all
    assert [row.company for row in listed] == ["Northwind Analytics"] and not listed[0].advised
    assert advised[0].advised and advised[0].note_type == "thank_you"


def test_the_light_listing_is_newest_first(store) -> None:
    from tui_fakes import northwind

    older = store.add_interview(northwind(company="Older", interview_date=TODAY.replace(day=1)))
    newer = store.add_interview(northwind(company="Newer"))
    same_day = store.add_interview(northwind(company="Same day, added later"))
    assert [row.id for row in store.list_summaries()] == [same_day, newer, older]
    assert store.list_summaries()[-1].interview_date == TODAY.replace(day=1)


async def test_cancelling_the_wait_leaves_the_thread_behind() -> None:
    release, started = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(5)
        return "late"

    waiting = asyncio.ensure_future(in_daemon_thread(slow, name="test-slow"))
    await asyncio.to_thread(started.wait, 5)
    (thread,) = [t for t in threading.enumerate() if t.name == "test-slow"]
    assert thread.daemon  # the interpreter does not wait for it on exit
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    release.set()
    thread.join(5)
    await asyncio.sleep(0)  # the late result is dropped, not set on a cancelled future


async def test_the_thread_s_exception_reaches_the_awaiting_task() -> None:
    def broken() -> None:
        raise LookupError("no such row")

    with pytest.raises(LookupError, match="no such row"):
        await in_daemon_thread(broken)


def test_the_collector_is_paused_only_inside() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_the_start_up_pause_resumes_once_and_leaves_a_disabled_collector_alone() -> None:
    pause = StartUpCollector()
    pause.pause()
    assert not gc.isenabled()
    pause.resume()
    assert gc.isenabled()
    gc.disable()
    try:
        pause.resume()  # a second resume does nothing
        assert not gc.isenabled()
        other = StartUpCollector()
        other.pause()
        other.resume()
        assert not gc.isenabled()  # it was not the one that stopped it
    finally:
        gc.enable()


async def test_the_collector_runs_again_once_the_rows_are_shown(app_factory) -> None:
    app = app_factory()
    paused = []
    app.call_later(lambda: paused.append(not gc.isenabled()))  # runs while the app starts
    try:
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            assert paused == [True]
            for _ in range(200):  # a loaded machine may need several refreshes to show the rows
                await pilot.pause()
                if app.screen.rows_shown:
                    break
            assert app.screen.rows_shown and gc.isenabled()
    finally:
        gc.enable()


async def test_a_first_run_shows_the_profile_screen_and_quits_at_once(isolated_home: Path) -> None:
    from afterview.tui.app import make_app

    app = make_app(clipboard_commands=[])
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(200):  # the collector resumes after the first frame: a loaded machine may need several
            if gc.isenabled():
                break
            await pilot.pause()
        assert isinstance(app.screen, ProfileScreen) and gc.isenabled()
        assert not any(t.name.startswith("afterview-") and not t.daemon for t in threading.enumerate())
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert not (isolated_home / "afterview.db").exists()


def footer_keys(footer: Footer) -> dict[str, bool]:
    """What the footer draws now: each key's description, and whether it is not dimmed."""
    drawn = footer.render()
    keys = {}
    for start, end, item in footer._spans:
        styles = [span.style for span in drawn.spans if span.start < end and span.end > start]
        keys[item.description] = not any(getattr(style, "dim", False) for style in styles)
    assert all(description in drawn.plain for description in keys)
    return keys


async def test_the_dashboard_footer_comes_with_the_first_frame_and_follows_the_bindings(app_factory, store) -> None:
    from tui_fakes import northwind

    from afterview.tui.screens.interview_form import InterviewFormScreen

    store.add_interview(northwind())
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.screen
        footer = dashboard.query_one(Footer)
        first = footer_keys(footer)  # drawn with the first frame, not a refresh later
        assert first["Add"] and first["Quit"] and first["palette"]
        assert " a Add  d Draft next " in footer.render().plain
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert dashboard.rows_shown and dashboard.focused is dashboard.query_one(InterviewList)
        dashboard._cannot_start = True  # what a failed load sets: the keys that need data dim
        dashboard.refresh_bindings()
        await pilot.pause()
        keys = footer_keys(footer)
        assert not keys["Add"] and keys["Quit"]
        await pilot.click(Footer, offset=(2, 0))  # "a Add", dimmed: only the bell
        assert app.screen is dashboard
        dashboard._cannot_start = False
        dashboard.refresh_bindings()
        await pilot.pause()
        assert footer_keys(footer)["Add"]
        await pilot.click(Footer, offset=(2, 0))  # a click presses the key
        await pilot.pause()
        assert isinstance(app.screen, InterviewFormScreen)


def fill(store, count: int) -> list[int]:
    """``count`` interviews, one a day back from TODAY; their ids, newest first."""
    from datetime import timedelta

    from tui_fakes import northwind

    ids = [store.add_interview(northwind(company=f"Company {n}", interview_date=TODAY - timedelta(days=n))) for n in range(count)]
    return ids


def test_the_newest_page_comes_first_then_every_row_then_the_advice(store, monkeypatch: pytest.MonkeyPatch) -> None:
    from afterview.tui import backend as backend_module

    monkeypatch.setattr(backend_module, "FIRST_PAGE", 3)
    ids = fill(store, 5)
    backend = Backend(store=store, clock=lambda: TODAY)
    backend.load()
    page, listed, advised = backend.dashboard_rows()
    assert [row.interview_id for row in page.rows] == ids[:3] and page.total == 5 and not page.complete
    assert [row.interview_id for row in listed.rows] == ids and listed.complete
    assert not any(row.advised for row in page.rows + listed.rows)
    assert sorted(row.interview_id for row in advised.rows) == sorted(ids) and all(row.advised for row in advised.rows)


async def test_the_dashboard_shows_the_first_page_then_keeps_the_cursor_as_the_rest_arrive(
    app_factory, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pilot_helpers import settle

    from afterview.tui import backend as backend_module

    monkeypatch.setattr(backend_module, "FIRST_PAGE", 3)
    ids = fill(store, 5)
    app = app_factory()
    held, advice_held = threading.Event(), threading.Event()
    rows = app.backend.dashboard_rows

    def slow_rest(**how):  # each step once the test has looked at the one before
        steps = rows(**how)
        yield next(steps)
        held.wait(10)
        yield next(steps)
        advice_held.wait(10)
        yield from steps

    app.backend.dashboard_rows = slow_rest
    try:
        async with app.run_test(size=SIZE) as pilot:
            dashboard = app.screen
            listing = dashboard.query_one(InterviewList)
            for _ in range(200):
                await pilot.pause()
                if dashboard.rows_shown:
                    break
            assert [row.interview_id for row in listing.rows] == ids[:3] and not dashboard.advice_shown
            assert dashboard.sub_title.startswith("5 interviews")  # what is stored, not the page
            await pilot.press("down", "down")
            assert listing.current.interview_id == ids[2]
            held.set()
            for _ in range(200):
                await pilot.pause()
                if listing.total == 5:
                    break
            assert listing.total == 5 and listing.current.interview_id == ids[2]  # the cursor stayed
            assert not dashboard.advice_shown
            advice_held.set()
            await settle(pilot)
            assert dashboard.advice_shown and listing.cursor == 0  # sorted by urgency: from the top
    finally:
        held.set()
        advice_held.set()
