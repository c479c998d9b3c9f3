"""Small modal dialogs: confirm, change status, pick a note, export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from afterview import notes
from afterview.tui.form_model import parse_date
from afterview.tui.note_choice import NoteChoice
from afterview.tui.safe_text import line, literal


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "Cancel"),
    ]

    def __init__(self, question: str, *, yes: str = "Delete", no: str = "Keep") -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        """Question and two buttons."""
        with Vertical(classes="dialog-box"):
            yield Static(literal(self.question), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes", compact=True)
                yield Button(f"{self.no} (n)", id="no", compact=True)

    def on_mount(self) -> None:
        """Safe default: focus the button that keeps things as they are."""
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Answer from the keyboard."""
        self.dismiss(yes)


@dataclass(frozen=True, slots=True)
class StatusChoice:
    """The status picked in ``StatusDialog`` and the day it happened."""

    status: str
    on: date | None


# The changes people make most come first: away from awaiting, and back to it last.
STATUS_CHOICES = tuple((t.value, t.description) for t in (*notes.STATUSES[1:], notes.STATUSES[0]))


class StatusDialog(ModalScreen[StatusChoice | None]):
    """Change an application's status, with the day it happened (default today)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, company: str, current: str, today: date) -> None:
        super().__init__(classes="dialog")
        self.company, self.current, self.today = company, current, today

    def compose(self) -> ComposeResult:
        """Status list, date input, hint."""
        with Vertical(classes="dialog-box"):
            yield Label(literal(f"Status of {self.company} (now {self.current})"), classes="dialog-title")
            yield OptionList(*(Option(text, id=value) for value, text in STATUS_CHOICES), id="statuses")
            with Horizontal(classes="field"):
                yield Label("On", classes="field-label")
                yield Input(self.today.isoformat(), id="status-on", compact=True, placeholder="YYYY-MM-DD")
            yield Static("", id="status-error", classes="field-error")
            yield Static("enter choose · esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        """Highlight the first status that differs from the current one."""
        options = self.query_one("#statuses", OptionList)
        options.highlighted = next((i for i, (v, _) in enumerate(STATUS_CHOICES) if v != self.current), 0)
        options.focus()

    @on(OptionList.OptionSelected, "#statuses")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._submit(event.option.id or "")

    @on(Input.Submitted, "#status-on")
    def _date_entered(self) -> None:
        options = self.query_one("#statuses", OptionList)
        if options.highlighted is not None:
            self._submit(STATUS_CHOICES[options.highlighted][0])

    def _submit(self, status: str) -> None:
        try:
            on_day = parse_date(self.query_one("#status-on", Input).value)
        except ValueError as exc:
            self.query_one("#status-error", Static).update(literal(str(exc)))
            self.query_one("#status-on", Input).focus()
            return
        self.dismiss(StatusChoice(status, on_day))

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)


class NotePicker(ModalScreen[NoteChoice | None]):
    """Every note the advisor knows for this interview, with its state and reason.

    Notes that do not apply are shown (dimmed, with why) but cannot be picked.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    _STATE_WORDS = {"late": "LATE", "due": "due", "upcoming": "upcoming", "stop": "stop", "not_applicable": "n/a"}

    def __init__(self, advice: Sequence, labels: dict[str, str], current: NoteChoice | None = None) -> None:
        super().__init__(classes="dialog")
        self.advice = list(advice)
        self.labels = labels
        self.current = current

    def compose(self) -> ComposeResult:
        """One option per advisor row."""
        options = []
        for index, row in enumerate(self.advice):
            text = line(
                (f"{self._STATE_WORDS.get(row.state, row.state):<9}", "bold"),
                f"{self.labels.get(row.type, row.type)} to {row.recipient}",
                f"  ({row.due.isoformat()})" if row.due else "",
                (f"\n{row.reason}", "italic"),
            )
            options.append(Option(text, id=str(index), disabled=row.state in ("stop", "not_applicable")))
        with Vertical(classes="dialog-box wide"):
            yield Label("Which note?", classes="dialog-title")
            yield OptionList(*options, id="notes")
            yield Static("enter choose · esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        """Highlight the current note; the studio's toasts ("Copied ...") would sit on the list."""
        self.app.clear_notifications()
        notes = self.query_one("#notes", OptionList)
        for index, row in enumerate(self.advice):
            if self.current and (row.type, row.recipient) == (self.current.note_type, self.current.recipient):
                notes.highlighted = index
        notes.focus()

    @on(OptionList.OptionSelected, "#notes")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        row = self.advice[int(event.option.id or 0)]
        self.dismiss(NoteChoice(str(row.type), row.recipient))

    def action_cancel(self) -> None:
        """Close without changing the note."""
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """The export format and where to write it (None for mailto, which is copied)."""

    fmt: str
    path: Path | None


EXPORT_FORMATS = tuple((fmt.value, fmt.description) for fmt in notes.EXPORT_FORMATS)


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Pick an export format and where the file goes (``folder`` unless changed)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, stem: str, folder: Path) -> None:
        super().__init__(classes="dialog")
        self.stem = stem
        self.folder = folder

    def compose(self) -> ComposeResult:
        """Format list and path input."""
        with Vertical(classes="dialog-box wide"):
            yield Label("Export", classes="dialog-title")
            yield OptionList(*(Option(text, id=fmt) for fmt, text in EXPORT_FORMATS), id="formats")
            with Horizontal(classes="field"):
                yield Label("File", classes="field-label")
                yield Input(str(self.folder / f"{self.stem}.eml"), id="export-path", compact=True)
            yield Static("", id="export-where")
            yield Static("enter export · tab to change where · esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        """Start on .eml, the format most people want; no toast from the studio over the formats."""
        self.app.clear_notifications()
        formats = self.query_one("#formats", OptionList)
        formats.highlighted = 0
        formats.focus()

    @on(OptionList.OptionHighlighted, "#formats")
    def _format_moved(self, event: OptionList.OptionHighlighted) -> None:
        fmt = event.option.id or "eml"
        path_input = self.query_one("#export-path", Input)
        path_input.disabled = fmt == "mailto"
        if fmt != "mailto":
            path_input.value = str(self._path().with_suffix(f".{fmt}"))
        self._path_changed()

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        where = self.query_one("#export-where", Static)
        if self.query_one("#export-path", Input).disabled:
            where.update("Copied to the clipboard: no file is written.")
        else:
            where.update(literal(f"Saves in {self._path().parent}"))

    def _path(self) -> Path:
        """The file typed; a bare name or relative path is taken inside ``folder``, never
        the folder the app happened to start in."""
        raw = self.query_one("#export-path", Input).value.strip() or f"{self.stem}.eml"
        return self.folder / Path(raw).expanduser()  # an absolute path replaces the folder

    @on(OptionList.OptionSelected, "#formats")
    @on(Input.Submitted, "#export-path")
    def _submit(self) -> None:
        formats = self.query_one("#formats", OptionList)
        fmt = EXPORT_FORMATS[formats.highlighted or 0][0]
        self.dismiss(ExportChoice(fmt, None if fmt == "mailto" else self._path()))

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
