"""The help screen: the product in a few lines (``help.md``) and the keys of every screen.

The key tables are built from the screens' own ``BINDINGS`` and ``ACTION_HELP``, so the
help can never list a key that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP_FILE = Path(__file__).resolve().parent.parent / "help.md"


def key_rows(bindings: Iterable[Binding | tuple], descriptions: dict[str, str]) -> list[tuple[str, str]]:
    """``(keys, what it does)`` for each binding, in order, described from ``descriptions``."""
    rows = []
    for binding in bindings:
        if isinstance(binding, tuple):
            binding = Binding(*binding)
        action = binding.action.split("(")[0].removeprefix("app.")
        text = descriptions.get(action) or binding.description
        if not text:
            continue
        keys = " / ".join(key_name(k) for k in binding.key.split(","))
        rows.append((keys, text))
    return rows


def key_name(key: str) -> str:
    """A key as people write it: ``slash`` -> ``/``, ``escape`` -> ``esc``."""
    names = {"slash": "/", "question_mark": "?", "left": "←", "right": "→", "escape": "esc", "delete": "del"}
    return names.get(key.strip(), key.strip())


def keys_markdown(sections: Iterable[tuple[str, list[tuple[str, str]]]]) -> str:
    """Markdown tables of keys, one per section."""
    parts = []
    for title, rows in sections:
        parts.append(f"## {title}\n\n| key | does |\n|---|---|")
        parts += [f"| `{keys}` | {text} |" for keys, text in rows]
        parts.append("")
    return "\n".join(parts)


class HelpScreen(ModalScreen[None]):
    """What afterview does, and every key."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__(classes="dialog")
        self.sections = sections

    def compose(self) -> ComposeResult:
        """The help text and the key tables, scrollable."""
        text = HELP_FILE.read_text(encoding="utf-8")
        with VerticalScroll(classes="dialog-box wide", id="help-box"):
            yield Markdown(text + "\n" + keys_markdown(self.sections) + "\n*esc closes this help.*")

    def on_mount(self) -> None:
        """Scroll with the keyboard straight away."""
        self.query_one("#help-box").focus()
