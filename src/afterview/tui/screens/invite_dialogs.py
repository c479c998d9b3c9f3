"""Importing a calendar invite into the form: which file, and which event of several.

The dialogs compose and render; ``usecases.invites`` finds the file and reads it. A file
that cannot be read, or a cancelled event, is said on one line in the dialog, which
stays open with the path as typed; the form behind it is untouched.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from afterview.tui.safe_text import bold, dim, line, literal

if TYPE_CHECKING:
    from afterview.invite import EventLine, Proposal

Loader = Callable[[Path, str | None], "Proposal"]
"""Reads the invite at a path, for the event uid given (None: the only one)."""


def shown_path(path: Path) -> str:
    """``path`` as people write it: under the home folder with ``~``."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


class InviteDialog(ModalScreen["Proposal | None"]):
    """Ask for an ``.ics`` file (the newest ones of ``folder`` listed) and read it.

    Dismisses with the ``Proposal``, or None when cancelled.

    Args:
        folder: where to look first (``paths.invite_folder``); the input starts there.
        recent: files to offer (``usecases.invites.recent_invites``).
        load: reads a file (``usecases.invites.propose_interview`` with the user's names).
        resolve: the file a typed path names (``usecases.invites.invite_path``).
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, folder: Path, recent: Sequence[Path], load: Loader, resolve: Callable[[str, Path], Path]) -> None:
        super().__init__(classes="dialog")
        self.folder = folder
        self.recent = list(recent)
        self._load = load
        self._resolve = resolve
        self.error_text = ""
        """The one-line reason the last file was refused (empty: none)."""

    def compose(self) -> ComposeResult:
        """Recent invites, the path input, the error line, the keys."""
        with Vertical(classes="dialog-box wide", id="invite-box"):
            yield Label("Import a calendar invite", classes="dialog-title")
            yield Static(
                "The .ics file of the interview's invite (save the attachment first). It fills in the company "
                "and role as guesses to confirm, the date and the interviewers.",
                classes="dialog-text",
            )
            if self.recent:
                options = [Option(line(p.name, dim(f"  {_modified(p)}")), id=str(i)) for i, p in enumerate(self.recent)]
                yield Label(literal(f"Newest in {shown_path(self.folder)}"), classes="dialog-subtitle")
                yield OptionList(*options, id="recent-invites")
            with Horizontal(classes="field"):
                yield Label("File", classes="field-label")
                start = shown_path(self.folder).rstrip("/") + "/"
                yield Input(start, id="invite-path", compact=True, placeholder="~/Downloads/invite.ics", select_on_focus=False)
            yield Static("", id="invite-error", classes="field-error")
            yield Static("enter import · tab the list · esc cancel" if self.recent else "enter import · esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        """The path input focused, cursor at its end, ready for a file name."""
        self.query_one("#invite-error").display = False
        path_input = self.query_one("#invite-path", Input)
        path_input.focus()
        path_input.cursor_position = len(path_input.value)

    @on(OptionList.OptionSelected, "#recent-invites")
    def _recent_chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = self.recent[int(event.option.id or 0)]
        self.query_one("#invite-path", Input).value = shown_path(chosen)
        self._read(chosen, None)

    @on(Input.Submitted, "#invite-path")
    def _path_entered(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self._refuse("type the path of an .ics file")
            return
        self._read(self._resolve(event.value, self.folder), None)

    @work(exclusive=True, group="invite")
    async def _read(self, path: Path, event_uid: str | None) -> None:
        """Read the file off the event loop (icalendar parses a large file for a while)."""
        from afterview.errors import InputError
        from afterview.invite import SeveralEvents

        try:
            proposal = await asyncio.to_thread(self._load, path, event_uid)
        except SeveralEvents as exc:
            self.app.push_screen(EventPicker(path, exc.events), lambda uid: self._read(path, uid) if uid else None)
            return
        except InputError as exc:
            self._refuse(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - whatever a strange file does, the form survives it
            self._refuse(f"{path}: cannot read it as a calendar invite ({type(exc).__name__}: {exc})")
            return
        self.dismiss(proposal)

    def _refuse(self, message: str) -> None:
        """Say on one line why the file was refused; the typed path stays."""
        self.error_text = " ".join(message.split())
        error = self.query_one("#invite-error", Static)
        error.update(literal(f"✖ {self.error_text}"))
        error.display = True
        self.query_one("#invite-path", Input).focus()

    def action_cancel(self) -> None:
        """Close; the form stays as it was."""
        self.dismiss(None)


class EventPicker(ModalScreen["str | None"]):
    """The file holds several events: which one is the interview? Dismisses with its uid."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, path: Path, events: Sequence[EventLine]) -> None:
        super().__init__(classes="dialog")
        self.path = path
        self.events = list(events)

    def compose(self) -> ComposeResult:
        """One option per event: its date and title."""
        options = [
            Option(line(bold(e.day.isoformat() if e.day else "no date   "), "  ", e.summary or "(no title)"), id=str(i))
            for i, e in enumerate(self.events)
        ]
        with Vertical(classes="dialog-box wide"):
            yield Label(literal(f"{self.path.name} holds {len(self.events)} events: which is the interview?"), classes="dialog-title")
            yield OptionList(*options, id="events")
            yield Static("enter choose · esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        """The first event highlighted."""
        events = self.query_one("#events", OptionList)
        events.highlighted = 0
        events.focus()

    @on(OptionList.OptionSelected, "#events")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.events[int(event.option.id or 0)].uid)

    def action_cancel(self) -> None:
        """Back to the file dialog."""
        self.dismiss(None)


def describe_import(proposal: Proposal, added: int, missing: Sequence[str]) -> str:
    """The line the form shows after an import: what was read, what was left out, what next."""
    when = proposal.interview_date.isoformat()
    if proposal.starts_at is not None:
        when += f" {proposal.starts_at:%H:%M} {proposal.starts_at.tzname() or ''}".rstrip()
    people = f"{added} interviewer{'s' if added != 1 else ''} added"
    text = f"From {Path(proposal.source).name}: “{proposal.summary or '(no title)'}”, {when}; {people}."
    if proposal.skipped:
        text += " Left out: " + ", ".join(f"{s.who} ({s.why})" for s in proposal.skipped) + "."
    if missing:
        text += f" The invite does not say the {' or the '.join(missing)}: type {'them' if len(missing) > 1 else 'it'}."
    return text


def _modified(path: Path) -> str:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return ""
