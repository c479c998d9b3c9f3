"""The app with the real LLM drafter: replayed cassettes, and openai kept off the first frame."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from pilot_helpers import settle
from textual.widgets import Static

from afterview.tui.screens.draft_studio import DraftStudioScreen

ROOT = Path(__file__).resolve().parents[2]


def _recording():
    """tests/llm/recording.py (the cassette set-up), loaded under its own name."""
    spec = importlib.util.spec_from_file_location("afterview_llm_recording", ROOT / "tests" / "llm" / "recording.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


async def test_studio_drafts_with_the_recorded_model(home: Path, monkeypatch) -> None:
    """The thank_you_three_variants cassette, replayed through the whole app."""
    from afterview import services
    from afterview.config import resolve_settings
    from afterview.interview_file import load_interview
    from afterview.store import open_store
    from afterview.tui.app import make_app

    recording = _recording()
    settings = resolve_settings(
        base_url=recording.LOCAL_URL,
        environ={"AFTERVIEW_HOME": str(home), "AFTERVIEW_TIMEOUT": "180", "AFTERVIEW_DEADLINE": "0"},
    )
    assert not settings.offline
    store = open_store(settings.paths)
    store.add_interview(load_interview(ROOT / "tests" / "data" / "northwind.toml"))
    app = make_app(
        writer=services.writer(settings), store=store, clock=lambda: date(2026, 11, 25), settings=settings, clipboard_commands=[]
    )
    with recording.cassette("thank_you_three_variants", monkeypatch):
        async with app.run_test(size=(100, 36)) as pilot:
            await settle(pilot)
            assert app.title == "afterview · online: model from the server"
            await pilot.press("d")
            await settle(pilot)
            studio = app.screen
            assert isinstance(studio, DraftStudioScreen)
            assert (studio.note.note_type, studio.note.recipient) == ("thank_you", "Jordan Lee")
            assert len(studio.variants) == 3
            for draft in studio.variants:  # what the app shows meets the bar, and says where it came from
                assert draft.report.passed
                assert draft.engine == "smollm2-135m-instruct" or draft.fallback_reason
            status = str(studio.query_one("#status-line", Static).render())
            shown = studio.variants[0]
            assert ("smollm2-135m-instruct" in status) == (shown.engine != "template")
            assert app.title == "afterview · online: smollm2-135m-instruct"
            notices = " ".join(n.message for n in app._notifications)
            assert "online drafting sends" in notices and recording.LOCAL_URL in notices
    store.close()


def test_openai_stays_off_the_first_frame_and_the_writer(tmp_path: Path) -> None:
    """First frame, loading and building the online writer: no ``import openai`` yet."""
    (tmp_path / "config.toml").write_text('[profile]\nname = "Sam Rivera"\n', encoding="utf-8")
    script = textwrap.dedent(
        """
        import asyncio, sys
        from afterview.tui.app import make_app

        async def main():
            app = make_app(clipboard_commands=[])
            async with app.run_test() as pilot:
                at_frame = "openai" in sys.modules
                while app.title == "afterview":  # set once the loader (after the first frame) is done
                    await pilot.pause(0.05)
                app.backend.writer()
                print(at_frame, "openai" in sys.modules, app.backend.writer().online, app.title)

        asyncio.run(main())
        """
    )
    env = {
        "AFTERVIEW_HOME": str(tmp_path),
        "OPENAI_API_KEY": "sk-test-not-a-real-key-0000",
        "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
        "AFTERVIEW_MODEL": "gpt-4.1-mini",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    at_frame, after_writer, online, *title = done.stdout.split()
    assert (at_frame, after_writer, online) == ("False", "False", "True")
    assert " ".join(title) == "afterview · online: gpt-4.1-mini"
