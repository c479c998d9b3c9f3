"""Regenerate docs/screenshot.svg: the draft studio on the README's sample interview,
with a cliché typed into the body so a check shows what it flags.

Offline templates, a fixed day, a throwaway AFTERVIEW_HOME; the same ``make_app`` the
``afterview`` command uses. Run: ``.venv/bin/python docs/make_screenshot.py``.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (100, 30)


async def main() -> None:
    """Add the sample interview, open the studio on its thank-you, add a cliché, save the screen."""
    home = Path(tempfile.mkdtemp(prefix="afterview-shot-"))
    (home / "config.toml").write_text('[profile]\nname = "Sam Rivera"\nemail = "sam@example.com"\n', encoding="utf-8")
    os.environ["AFTERVIEW_HOME"] = str(home)
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "NO_COLOR"):
        os.environ.pop(name, None)

    from afterview.config import resolve_settings
    from afterview.interview_file import load_interview
    from afterview.store import open_store
    from afterview.tui.app import make_app

    settings = resolve_settings()
    store = open_store(settings.paths)
    store.add_interview(load_interview(ROOT / "tests" / "data" / "northwind.toml"))
    app = make_app(store=store, settings=settings, clock=lambda: date(2026, 11, 24), clipboard_tool=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.press("d")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        editor = app.screen.query_one("TextArea")
        editor.focus()
        editor.move_cursor((2, 0))
        await pilot.press(*"I hope this email finds you well. ")  # the checks flag it as you type
        await pilot.press("escape")
        await pilot.pause(0.3)
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()
        app.save_screenshot(filename="screenshot.svg", path=str(ROOT / "docs"))
    store.close()
    shutil.rmtree(home, ignore_errors=True)
    print(ROOT / "docs" / "screenshot.svg")


if __name__ == "__main__":
    asyncio.run(main())
