"""Form building blocks: a labelled input with its error and hint, and an interviewer block."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from inspect import isawaitable
from typing import TYPE_CHECKING

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static

from afterview.tui.safe_text import literal

if TYPE_CHECKING:  # pragma: no cover - the first-run screen uses ``Field`` without the records behind the form
    from afterview.tui.form_model import InterviewerValues


class Field(Widget):
    """``Label  [input]`` on one line and, under the input, its error or else its hint.

    Two widgets per field: the input, and this widget, which draws the label beside it
    and the note under it itself (a widget per label and note made a form of a dozen
    fields slow to open, the first-run screen included).

    Args:
        label: what the input is for.
        key: the form key the input's errors come back under (``company``, ``moment``...).
        value: the starting text.
        placeholder: shown while empty.
        hint: a dim note under the input (e.g. "ask them if they did not say").
    """

    LABEL_WIDTH = 16
    """Columns before the input (and before the note under it)."""
    COMPONENT_CLASSES = {"field--label", "field--note"}
    DEFAULT_CSS = f"""
    Field {{
        height: auto;
        & > Input {{ margin-left: {LABEL_WIDTH}; width: 1fr; }}
        & > .field--label {{ color: $text-muted; }}
        & > .field--note {{ color: $text-muted; text-style: italic; }}
        &.-invalid > .field--note {{ color: $text-error; text-style: none; }}
        &.-invalid > .field--label {{ text-style: bold; }}
        &.-guessed > .field--note {{ color: $text-warning; text-style: none; }}
        &.-guessed > .field--label {{ text-style: bold; }}
    }}
    """

    def __init__(self, label: str, key: str, value: str = "", *, placeholder: str = "", hint: str = "", max_length: int = 0) -> None:
        super().__init__(classes="form-field")
        self.key = key
        self.hint = hint
        self._label, self._value, self._placeholder, self._max = label, value, placeholder, max_length
        self._input: Input | None = None
        self._error: str | None = None
        self._guess: str | None = None
        self._wrapped: tuple[tuple[int, str], list[str]] | None = None

    def compose(self) -> ComposeResult:
        """The input; the label and the note are drawn around it."""
        # No select-all on focus: tabbing into a filled field must not let the next key
        # wipe it; the cursor lands at the end, ready to add to the text.
        self._input = Input(
            self._value, placeholder=self._placeholder, name=self.key, compact=True, max_length=self._max, select_on_focus=False
        )
        yield self._input

    @property
    def input(self) -> Input:
        """The input widget (once composed)."""
        if self._input is None:
            raise NoMatches(f"{self!r} is not composed yet")
        return self._input

    @property
    def value(self) -> str:
        """The text typed so far."""
        return self.input.value if self.is_mounted else self._value

    @value.setter
    def value(self, text: str) -> None:
        if self.is_mounted:
            self.input.value = text
        self._value = text

    @property
    def error(self) -> str | None:
        """The error shown now, if any."""
        return self._error

    @property
    def guess(self) -> str | None:
        """The note marking the value as a guess to confirm, if it is one."""
        return self._guess

    @property
    def note(self) -> str:
        """The line under the input: the error, else the guess's note, else the hint."""
        if self._error:
            return f"✖ {self._error}"
        if self._guess:
            return f"▲ {self._guess}"
        return self.hint

    def set_error(self, message: str | None) -> None:
        """Show ``message`` under the input (in place of the hint), or the hint again."""
        if message == self._error:
            return  # restyling a long form on every keystroke is what makes it slow
        self._error = message
        self._note_changed()

    def set_guess(self, note: str | None) -> None:
        """Mark the value as a guess to confirm, saying where it came from (None: confirmed)."""
        if note == self._guess:
            return
        self._guess = note
        self._note_changed()

    def _note_changed(self) -> None:
        self.set_class(bool(self._error), "-invalid")
        self.set_class(bool(self._guess) and not self._error, "-guessed")
        self.refresh(layout=True)  # the note may take more or fewer lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The input's line and the note's lines."""
        return 1 + len(self._note_lines(width))

    def _note_lines(self, width: int) -> list[str]:
        # Wrapped once per width and text; styled when drawn (the state classes change the style).
        note = self.note
        if self._wrapped is None or self._wrapped[0] != (width, note):
            lines: list[str] = []
            if note:
                room = max(1, width - self.LABEL_WIDTH)
                lines = [line.plain for line in Text(note, end="").wrap(self.app.console, room)]  # never markup
            self._wrapped = ((width, note), lines)
        return self._wrapped[1]

    def render_line(self, y: int) -> Strip:
        """Line 0: the label (the input covers the rest); then the note, indented."""
        width, base = self.size.width, self.rich_style
        if y == 0:
            text, style = set_cell_size(self._label, self.LABEL_WIDTH), self.get_component_rich_style("field--label")
        else:
            lines = self._note_lines(width)
            if y - 1 >= len(lines):
                return Strip.blank(width, base)
            text, style = " " * self.LABEL_WIDTH + lines[y - 1], self.get_component_rich_style("field--note")
        segments = [Segment(text[: self.LABEL_WIDTH], base + (style if y == 0 else Style())), Segment(text[self.LABEL_WIDTH :], base + style)]
        return Strip(segments).crop_extend(0, width, base)


NEXT_FIELD = Binding("enter", "next_field", "Next field", show=False, priority=True)
"""Enter walks a form's text fields (for a screen's ``BINDINGS``, with ``next_field``).

A priority binding runs in the order keys arrive, before any is handed to a widget, so
text typed straight after Enter (quick typing, a paste, a script) lands in the next
field. Handling ``Input.Submitted`` instead is too late: by then the keys after Enter
are already queued for the field being left, and run on into it."""


async def next_field(screen: Screen, *, after_last: Callable[[], Awaitable[object] | object]) -> None:
    """Focus the text field after the focused one, now; on the last, run ``after_last``.

    Only text fields take part (choices and buttons are for Tab), so typing a value and
    pressing Enter always lands in the next thing to type.

    Raises:
        SkipAction: the focus is not in a field (Enter then works as usual: a button
            presses, a checkbox ticks).
    """
    inputs = [field.input for field in screen.query(Field) if not field.input.disabled]
    if screen.focused not in inputs:
        raise SkipAction()
    index = inputs.index(screen.focused)  # type: ignore[arg-type]
    if index + 1 < len(inputs):
        screen.set_focus(inputs[index + 1])  # at once, not after the keys already queued
    elif isawaitable(result := after_last()):
        await result


async def typed_so_far(screen: Screen) -> None:
    """Wait until every field has typed the keys already handed to it.

    Each input works through its own queue of keys, so a priority binding (Enter on the
    last field, ctrl+s, ctrl+d) can run before the text typed just ahead of it is in the
    field: read the values only after this.
    """
    done = []
    for field in screen.query(Field):
        event = asyncio.Event()
        field.input.call_later(event.set)  # queued behind the keys, so it runs after them
        done.append(event.wait())
    await asyncio.gather(*done)


class TickBox(Checkbox):
    """A checkbox whose mark is visible without colour: ``✔`` when ticked, blank when not."""

    @property
    def _button(self):  # noqa: ANN202 - Textual's private hook, returns Content
        self.BUTTON_INNER = "✔" if self.value else " "
        return super()._button


class InterviewerBlock(Vertical):
    """One interviewer: name, title, email, contact, memorable moment, and a remove button."""

    DEFAULT_CSS = """
    InterviewerBlock { height: auto; }
    """

    class RemoveRequested(Message):
        """The remove button was pressed on ``block``."""

        def __init__(self, block: InterviewerBlock) -> None:
            super().__init__()
            self.block = block

    def __init__(self, values: InterviewerValues | None = None, *, number: int = 1, stored_name: str | None = None) -> None:
        from afterview.tui.form_model import InterviewerValues

        super().__init__(classes="interviewer")
        self._values = values or InterviewerValues()
        self.number = number
        self.stored_name = stored_name
        """The name the store holds for this interviewer (None until saved): a changed
        name is then a rename of that interviewer, not a new person."""

    def compose(self) -> ComposeResult:
        """The interviewer's fields."""
        v = self._values
        yield Label(f"Interviewer {self.number}", classes="section-subtitle")
        yield Field("Name", "name", v.name, placeholder="e.g. Jordan Lee")
        yield Field("Title", "title", v.title, placeholder="optional, e.g. Analytics Manager")
        yield Field("Email", "email", v.email, placeholder="optional: fills the To of an exported email")
        yield Field(
            "Address as",
            "address_as",
            v.address_as,
            placeholder="optional, e.g. Dr. Okonkwo",
            hint="How the greeting names them when the name alone would be wrong (a title, a family name first, a nickname).",
        )
        with Horizontal(classes="field"):
            yield Label("", classes="field-label")
            yield TickBox("Main contact (gets the notes after the thank-you)", v.contact, compact=True)
        yield Field(
            "Moment",
            "moment",
            v.moment,
            placeholder="e.g. your story about rebuilding the churn dashboard",
            hint="Completes “I especially enjoyed …”: the detail that makes the thank-you personal.",
        )
        yield Static("", classes="moment-preview", markup=False)
        yield Static("", classes="moment-warning")
        yield Button(f"Remove interviewer {self.number}", classes="remove", compact=True)

    def on_mount(self) -> None:
        """Hide the warning until there is one."""
        self.query_one(".moment-warning", Static).display = False

    def values(self) -> InterviewerValues:
        """What is typed in this block."""
        from afterview.tui.form_model import InterviewerValues

        fields = {f.key: f.value for f in self.query(Field)}
        return InterviewerValues(
            name=fields["name"],
            title=fields["title"],
            email=fields["email"],
            contact=self.query_one(Checkbox).value,
            moment=fields["moment"],
            address_as=fields["address_as"],
        )

    def field(self, key: str) -> Field:
        """The field for ``key`` (``name``, ``title``, ``email``, ``address_as``, ``moment``)."""
        return next(f for f in self.query(Field) if f.key == key)

    def renumber(self, number: int) -> None:
        """Update the title after a block above was removed."""
        self.number = number
        self.query_one(".section-subtitle", Label).update(f"Interviewer {number}")
        self.query_one(".remove", Button).label = f"Remove interviewer {number}"

    def set_moment_preview(self, sentence: str) -> None:
        """Show how the moment will read in a thank-you (an empty string hides it)."""
        preview = self.query_one(".moment-preview", Static)
        preview.update(literal(f"Reads: {sentence}") if sentence else "")
        preview.display = bool(sentence)

    def set_moment_warning(self, text: str | None) -> None:
        """Show the sensitive-wording warning and suggestion for the moment (None hides it)."""
        warning = self.query_one(".moment-warning", Static)
        warning.update(literal(text or ""))
        warning.display = bool(text)

    @on(Button.Pressed, ".remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.RemoveRequested(self))
