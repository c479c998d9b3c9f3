"""docs/screenshot.svg is the app as it is: the script that makes it, run again, draws
the same screen (the same text in the same places)."""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def screen_text(svg: Path) -> list[str]:
    """The text runs of a Textual screenshot, in order (styles and ids left out)."""
    return [html.unescape(run) for run in re.findall(r"<text[^>]*>(.*?)</text>", svg.read_text(encoding="utf-8"))]


async def test_the_readme_screenshot_follows_the_app(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_screenshot", ROOT / "docs" / "make_screenshot.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    made = await script.main(tmp_path / "screenshot.svg")
    assert "cliches" in " ".join(screen_text(made))
    assert screen_text(made) == screen_text(ROOT / "docs" / "screenshot.svg"), (
        "docs/screenshot.svg is out of date: run .venv/bin/python docs/make_screenshot.py"
    )
