"""The check panel: one line per check, pass, block, warn or info, with message and fix.

``check_lines`` (pure) turns a ``Report`` and the checks that ran into display lines;
``ChecksPanel`` lists them, and selecting a finding with a span posts ``JumpToSpan`` so
the studio can put the cursor on the offending words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from afterview.findings import Report
from afterview.tui.safe_text import line, literal

MARKS = {"pass": "✔ pass", "block": "✖ block", "warn": "▲ warn", "info": "ℹ info"}
"""Symbol and word per verdict: readable with NO_COLOR, in any font."""
_ORDER = {"block": 0, "warn": 1, "info": 2, "pass": 3}


@dataclass(frozen=True, slots=True)
class CheckLine:
    """One line of the panel: a finding, or a check that found nothing."""

    verdict: str
    check: str
    message: str = ""
    suggestion: str | None = None
    start: int | None = None
    end: int | None = None


def check_lines(report: Report, checks_run: Sequence[str]) -> list[CheckLine]:
    """Blocks first, then warnings, infos, then every check that passed.

    Args:
        report: the verdict on the body.
        checks_run: names of the checks the policy runs for this note type (in order);
            any check with no finding is listed as passed.
    """
    lines = [CheckLine(f.severity, f.check, f.message, f.suggestion, f.start, f.end) for f in report.findings]
    seen = {f.check for f in report.findings if f.severity != "info"}
    lines += [CheckLine("pass", name) for name in checks_run if name not in seen]
    return sorted(lines, key=lambda line: _ORDER.get(line.verdict, 9))


def summary(report: Report) -> str:
    """``✖ 1 block · ▲ 2 warn`` or ``✔ passes every check``."""
    parts = []
    for verdict, items in (("block", report.blocking), ("warn", report.warnings)):
        if items:
            parts.append(f"{MARKS[verdict].split()[0]} {len(items)} {verdict}")
    return " · ".join(parts) if parts else "✔ passes every check"


class ChecksPanel(OptionList):
    """The checks' verdicts on the current body; enter on a finding jumps to its words."""

    COMPONENT_CLASSES = OptionList.COMPONENT_CLASSES | {"check--block", "check--warn", "check--info", "check--pass"}
    DEFAULT_CSS = """
    ChecksPanel {
        & > .check--block { color: $text-error; text-style: bold; }
        & > .check--warn { color: $text-warning; text-style: bold; }
        & > .check--info { color: $text-primary; }
        & > .check--pass { color: $text-success; }
    }
    """

    class JumpToSpan(Message):
        """Put the body's cursor on ``start``..``end``."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._check_lines: list[CheckLine] = []

    @property
    def lines(self) -> list[CheckLine]:
        """The lines shown now."""
        return self._check_lines

    def show(self, report: Report, checks_run: Sequence[str]) -> None:
        """Show the verdicts for ``report``, keeping the highlight where it was."""
        highlighted = self.highlighted
        self._check_lines = check_lines(report, checks_run)
        self.set_options([Option(self._prompt(line), id=f"check-{i}") for i, line in enumerate(self._check_lines)])
        if self._check_lines:
            self.highlighted = min(highlighted or 0, len(self._check_lines) - 1)

    def clear(self, message: str) -> None:
        """Show ``message`` (e.g. "drafting...") instead of verdicts."""
        self._check_lines = []
        self.set_options([Option(literal(message, "italic"), disabled=True)])

    def _prompt(self, check: CheckLine) -> Content:
        style = self.get_visual_style(f"check--{check.verdict}", partial=True)
        return line(
            (MARKS.get(check.verdict, check.verdict), style),
            (f" {check.check}", "bold"),
            f"\n{check.message}" if check.message else "",
            (f"\n→ {check.suggestion}", "italic") if check.suggestion else "",
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a finding with a span: ask the studio to jump there."""
        event.stop()
        line = self._check_lines[event.option_index] if event.option_index < len(self._check_lines) else None
        if line is not None and line.start is not None and line.end is not None:
            self.post_message(self.JumpToSpan(line.start, line.end))
