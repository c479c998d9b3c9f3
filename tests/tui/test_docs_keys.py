"""Every key README and docs/tui.md name is one the app binds: in docs/tui.md's screen
list, on the screen the bullet is about; in the walkthroughs, on some screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding

from afterview.tui.app import AfterviewApp
from afterview.tui.screens.dashboard import DashboardScreen
from afterview.tui.screens.draft_studio import DraftStudioScreen
from afterview.tui.screens.first_run import ProfileScreen
from afterview.tui.screens.interview_form import InterviewFormScreen

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"`(ctrl\+\w|f\d+|esc|enter|tab|←|→|[a-zA-Z?/])`")
"""A key as the docs write it, in backticks."""
DOC_NAMES = {"esc": "escape", "←": "left", "→": "right", "?": "question_mark", "/": "slash"}
WIDGETS = {"enter", "tab"}
"""Keys the widgets themselves handle everywhere (submit or select, next focus)."""


def bound(*owners: type) -> set[str]:
    keys = set(WIDGETS) | {AfterviewApp.COMMAND_PALETTE_BINDING}
    for owner in (*owners, AfterviewApp):
        for binding in owner.BINDINGS:
            binding = binding if isinstance(binding, Binding) else Binding(*binding)
            keys |= set(binding.key.split(","))
    return keys


def keys_in(text: str) -> set[str]:
    return {DOC_NAMES.get(key, key) for key in KEY.findall(text)}


SCREENS = {"Dashboard": DashboardScreen, "Interview form": InterviewFormScreen, "Draft studio": DraftStudioScreen}


@pytest.mark.parametrize("title", SCREENS)
def test_each_screens_keys_in_docs_are_its_own(title: str) -> None:
    text = (ROOT / "docs" / "tui.md").read_text(encoding="utf-8")
    bullet = re.search(rf"^- \*\*{title}\*\*:(.*?)(?=^- \*\*|^\S)", text, re.MULTILINE | re.DOTALL)
    assert bullet, f"docs/tui.md lists no {title}"
    mentioned = keys_in(bullet[1])
    assert mentioned, title
    assert mentioned <= bound(SCREENS[title]), mentioned - bound(SCREENS[title])


@pytest.mark.parametrize("path", ["README.md", "docs/tui.md", "src/afterview/tui/help.md"])
def test_every_key_the_docs_name_is_bound(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    everywhere = bound(DashboardScreen, InterviewFormScreen, DraftStudioScreen, ProfileScreen)
    assert keys_in(text) - everywhere == set()


def test_drafting_from_the_dashboard_is_d_and_from_the_form_ctrl_d() -> None:
    assert "d" in bound(DashboardScreen) and "ctrl+d" not in bound(DashboardScreen)
    assert "ctrl+d" in bound(InterviewFormScreen) and "ctrl+o" in bound(InterviewFormScreen)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`ctrl+d` in the form, or `d` on the dashboard" in readme


def test_the_readme_names_the_python_it_needs() -> None:
    import tomllib

    needs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert needs == ">=3.11"
    assert "afterview needs Python 3.11 or newer." in (ROOT / "README.md").read_text(encoding="utf-8")
