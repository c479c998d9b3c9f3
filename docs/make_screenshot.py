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


async def main(target: Path = ROOT / "docs" / "screenshot.svg") -> Path:
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
    app = make_app(store=store, settings=settings, clock=lambda: date(2026, 11, 24), clipboard_commands=[])
    async with app.run_test(size=SIZE) as pilot:

        async def until(condition) -> None:  # noqa: ANN001 - waits on the app, not a clock
            for _ in range(400):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if condition():
                    return
                await pilot.pause(0.05)
            raise RuntimeError("the app did not get there within 20 s")

        await until(lambda: app.screen.query("#interviews") and app.screen.advice_shown)
        await pilot.press("d")
        await until(lambda: getattr(app.screen, "variants", None))
        editor = app.screen.query_one("TextArea")
        editor.focus()
        editor.move_cursor((2, 0))
        await pilot.press(*"I hope this email finds you well. ")  # the checks flag it as you type
        await pilot.press("escape")
        await until(lambda: "cliches" in str(app.screen.query_one("#checks").get_option_at_index(0).prompt))
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()
        app.save_screenshot(filename=target.name, path=str(target.parent))
    store.close()
    shutil.rmtree(home, ignore_errors=True)
    return target


if __name__ == "__main__":
    print(asyncio.run(main()))
