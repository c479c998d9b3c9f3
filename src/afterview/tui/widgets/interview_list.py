"""The dashboard's list of interviews: a virtual list that draws only the rows in view.

A ``DataTable`` measures every cell up front (about 3 s for 10,000 rows here); this
widget formats a row only when it scrolls into view, so the dashboard opens as fast
with 10,000 interviews as with none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from afterview.tui.dashboard_rows import DashboardRow

_GAP = 2


@dataclass(frozen=True, slots=True)
class Columns:
    """Column widths for one widget width (pure, so the layout is testable)."""

    due: int
    note: int
    status: int
    company: int
    role: int

    @classmethod
    def fit(cls, width: int) -> Columns:
        """Share ``width`` out: fixed columns first, company and role split the rest."""
        due, status = 13, 9 if width >= 70 else 8
        note = 30 if width >= 100 else 20 if width >= 70 else 14
        rest = max(16, width - due - note - status - 4 * _GAP - 1)
        company = rest * 11 // 20  # company names tell interviews apart better than roles
        return cls(due=due, note=note, status=status, company=company, role=rest - company)

    def header(self) -> str:
        """The column titles, aligned like the rows."""
        return self.line(("Due", "Next note", "Company", "Role", "Status"))

    def line(self, cells: tuple[str, str, str, str, str]) -> str:
        """Cells padded or cut (with an ellipsis) to their widths, in display order."""
        widths = (self.due, self.note, self.company, self.role, self.status)
        return " " + (" " * _GAP).join(_fit(text, width) for text, width in zip(cells, widths))

    def due_span(self) -> tuple[int, int]:
        """Where the due label sits in a line (for its urgency style)."""
        return 1, 1 + self.due


def _fit(text: str, width: int) -> str:
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


class InterviewList(ScrollView, can_focus=True):
    """Stored interviews, most urgent first; ``enter`` opens the one under the cursor.

    Rows are set with ``show(rows, today)``; ``filter_text`` narrows them.
    """

    COMPONENT_CLASSES = {
        "interview-list--cursor",
        "interview-list--late",
        "interview-list--due",
        "interview-list--upcoming",
        "interview-list--quiet",
    }
    DEFAULT_CSS = """
    InterviewList {
        height: 1fr;
        & > .interview-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .interview-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
        & > .interview-list--late { color: $text-error; text-style: bold; }
        & > .interview-list--due { color: $text-warning; text-style: bold; }
        & > .interview-list--upcoming { color: $text-muted; }
        & > .interview-list--quiet { color: $text-muted; }
    }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "open", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index of the highlighted row among the shown (filtered) rows."""

    class Opened(Message):
        """The user pressed enter (or clicked twice) on a row."""

        def __init__(self, row: DashboardRow) -> None:
            super().__init__()
            self.row = row

    class Highlighted(Message):
        """The cursor moved to a row (None: the list is empty)."""

        def __init__(self, row: DashboardRow | None) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._all: list[DashboardRow] = []
        self._shown: list[DashboardRow] = []
        self._today = date.today()
        self._query = ""

    @property
    def rows(self) -> list[DashboardRow]:
        """The rows shown now (after the filter)."""
        return self._shown

    @property
    def total(self) -> int:
        """How many interviews are loaded (before the filter)."""
        return len(self._all)

    @property
    def current(self) -> DashboardRow | None:
        """The row under the cursor."""
        return self._shown[self.cursor] if 0 <= self.cursor < len(self._shown) else None

    def show(self, rows: list[DashboardRow], today: date, *, keep: int | None = None) -> None:
        """Replace the rows; keep the cursor on interview ``keep`` when it is still there."""
        self._all = rows
        self._today = today
        self._apply(keep)

    def filter(self, query: str) -> None:
        """Show only the rows matching every word of ``query`` (blank: all)."""
        self._query = query.strip()
        current = self.current
        self._apply(current.interview_id if current else None)

    def _apply(self, keep: int | None) -> None:
        self._shown = [r for r in self._all if r.matches(self._query)] if self._query else list(self._all)
        self.virtual_size = Size(self.size.width, len(self._shown))
        index = next((i for i, r in enumerate(self._shown) if r.interview_id == keep), None) if keep else None
        self.cursor = index if index is not None else min(self.cursor, max(0, len(self._shown) - 1))
        self.refresh()

    def validate_cursor(self, value: int) -> int:
        """Clamp the cursor to the shown rows."""
        return max(0, min(value, len(self._shown) - 1)) if self._shown else 0

    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw the two rows involved, scroll the new one into view, tell the screen."""
        self.refresh()
        self.scroll_to_region(_row_region(new, self.size.width), animate=False, immediate=True)
        self.post_message(self.Highlighted(self.current))

    def action_cursor(self, step: int) -> None:
        """Move up or down."""
        self.cursor += step

    def action_page(self, direction: int) -> None:
        """Move a screenful."""
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_jump(self, index: int) -> None:
        """First (0) or last (-1) row."""
        self.cursor = len(self._shown) - 1 if index < 0 else index

    def action_open(self) -> None:
        """Open the row under the cursor."""
        if (row := self.current) is not None:
            self.post_message(self.Opened(row))

    def on_click(self, event: events.Click) -> None:
        """Click selects; a second click on the same row opens it."""
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self._shown):
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = index

    def on_resize(self, event: events.Resize) -> None:
        """Column widths follow the widget width."""
        self.virtual_size = Size(event.size.width, len(self._shown))

    def render_line(self, y: int) -> Strip:
        """Format the row at ``y`` (in view) on demand."""
        index = y + self.scroll_offset.y
        width = self.size.width
        base = self.rich_style
        if index >= len(self._shown):
            return Strip.blank(width, base)
        row = self._shown[index]
        columns = Columns.fit(width)
        text = columns.line((row.due_label(self._today), row.note_text(columns.note), row.company, row.role, row.status))
        start, end = columns.due_span()
        row_style = base
        if row.state is None:
            row_style += self.get_component_rich_style("interview-list--quiet")
        due_style = row_style + self._due_style(row)
        if index == self.cursor:
            cursor = self.get_component_rich_style("interview-list--cursor")
            row_style, due_style = row_style + cursor, due_style + cursor
        segments = [Segment(text[:start], row_style), Segment(text[start:end], due_style), Segment(text[end:], row_style)]
        return Strip(segments).crop_extend(0, width, base)

    def _due_style(self, row: DashboardRow) -> Style:
        if row.state == "late":
            return self.get_component_rich_style("interview-list--late")
        if row.state == "due":
            return self.get_component_rich_style("interview-list--due")
        return self.get_component_rich_style("interview-list--upcoming")


def _row_region(index: int, width: int) -> Region:
    return Region(0, index, max(1, width), 1)
