"""The draft studio: draft, compare variants, edit with live checks, copy, export, mark sent.

Drafting runs in an exclusive async worker on this screen, so asking again (regenerate,
another tone or note) cancels the stale request, and leaving the screen cancels it too.
A draft appears only once the writer has it: past the drafts' bar, or the offline
template with the reason. Edits re-run the checks (by the note type's own severities,
like ``afterview check``) within ``RECHECK_DELAY`` and are autosaved to the store.
"""

from __future__ import annotations

import asyncio
import importlib
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive, var

from afterview.tui.screens.base import AfterviewScreen
from afterview.tui.screens.studio_focus import EditingFocus
from afterview.tui.screens.studio_out import GettingItOut
from textual.timer import Timer
from textual.widgets import Header, Static, TextArea

from afterview.terminal import safe
from afterview.tui.messages import DraftProgress, DraftsReady
from afterview.tui.note_choice import NoteChoice
from afterview.tui.safe_text import bold, dim, line, literal
from afterview.notes import NOTE_LABELS
from afterview.tui.studio_model import TONES, checks_run, word_count, word_range
from afterview.tui.widgets.check_panel import ChecksPanel, summary
from afterview.tui.widgets.note_editor import NoteEditor
from afterview.tui.widgets.footer import Footer

RECHECK_DELAY = 0.12
"""Seconds after the last keystroke before the checks re-run (well under the 150 ms a typist notices)."""
VARIANTS = 3
"""Variants asked for per draft."""

_VARIANT = Binding.Group("Variant", compact=True)


class DraftStudioScreen(GettingItOut, EditingFocus, AfterviewScreen[None]):
    """Draft the next note for one interview, check it, and get it out."""

    BINDINGS = [
        Binding("c", "copy", "Copy"),
        Binding("left,p", "previous", "Previous variant", key_display="←", group=_VARIANT),
        Binding("right,n", "next", "Next variant", key_display="→", group=_VARIANT),
        Binding("e", "export", "Export"),
        Binding("s", "sent", "Sent"),
        Binding("i", "edit", "Edit"),
        Binding("r", "regenerate", "Regen"),
        Binding("t", "tone", "Tone"),
        Binding("o", "choose_note", "Note", show=False),  # hinted in the note bar (80 columns)
        Binding("escape", "back", "Back", show=False),
        Binding("C", "copy_subject", "Copy subject", show=False),
        Binding("E", "edit_outside", "Edit in $EDITOR", show=False),
    ]
    ACTION_HELP = {
        "back": "Back (or stop editing the body)",
        "previous": "Show the previous variant",
        "next": "Show the next variant",
        "copy": "Copy the note's body to the clipboard",
        "copy_subject": "Copy the subject line to the clipboard",
        "edit": "Edit the body (esc when done; checks re-run as you type)",
        "edit_outside": "Edit the body in your own editor ($VISUAL or $EDITOR); checked when you are back",
        "regenerate": "Draft new variants (cancels a draft in progress)",
        "tone": "Change the tone: warm, formal, concise",
        "choose_note": "Choose another note or recipient",
        "export": "Export: .eml, .txt, mailto link, or a calendar of the notes to send",
        "sent": "Mark this note as sent",
    }

    AUTO_FOCUS = "#checks"  # not the body: single-letter keys act until you choose to edit

    variants: var[tuple[Any, ...]] = var(())
    """The drafts shown (immutable; re-assigned, never mutated)."""
    current: reactive[int] = reactive(0, init=False)
    """Index of the variant on screen."""

    def __init__(self, interview_id: int, note: NoteChoice | None = None) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.note = note
        self.tone = TONES[0]
        self.generation = 0
        self.session: Any = None
        """The ``usecases.studio.StudioSession`` for this interview (after mount)."""
        self.reason = ""
        self._request: Any = None
        self._recheck_timer: Timer | None = None
        self._first_variant = 0
        self._report: Any = None

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Note bar, reason, subject, body beside the checks, status line."""
        yield Header()
        yield Static("", id="note-bar")
        yield Static("", id="why")
        yield Static("", id="subject")
        with Horizontal(id="studio-main"):
            with Vertical(id="body-column"):
                yield Static("", id="progress")
                yield NoteEditor(id="body")
            yield ChecksPanel(id="checks")
        yield Static("", id="status-line")
        yield Footer()

    def on_mount(self) -> None:
        """Load the interview, preselect the advisor's note, start drafting."""
        try:
            self.session = self.backend.studio(self.interview_id)
        except Exception as exc:  # noqa: BLE001 - e.g. deleted meanwhile: say so and go back
            self.notify(str(exc), severity="error", title="Cannot open the interview")
            self.app.call_later(self.dismiss)
            return
        self.sub_title = self.session.interview.company  # the role is in the subject; 80 columns are few
        if self.note is None:
            choice, self.reason = self.session.first_note()
            self.note = NoteChoice(choice.note_type.value, choice.recipient)
        else:
            self.reason = self.session.reason_for(self.note.note_type, self.note.recipient)
        self.query_one("#body", NoteEditor).display = False
        self.query_one("#checks", ChecksPanel).border_title = "Checks"
        self.draft()

    # -- drafting ----------------------------------------------------------------------

    def draft(self, *, fresh: bool = False) -> None:
        """Ask the writer for ``VARIANTS`` drafts of the chosen note (cancelling any stale one)."""
        from afterview.errors import AfterviewError

        self._flush_edit()
        backend = self.backend
        self._first_variant = self._first_variant + max(1, len(self.variants)) if fresh else 0
        try:
            self._request = self.session.request(
                _note_type(self.note.note_type), self.note.recipient, self.tone, VARIANTS, shift=self._first_variant
            )
        except AfterviewError as exc:
            self.notify(str(exc), severity="error", title="Cannot draft this note")
            self._show_message(str(exc))
            return
        self.generation += 1
        self.variants = ()
        self._refresh_bars()
        source = "the offline templates" if backend.settings.offline else "your model"
        if backend.writer_ready and backend.writer().online and backend.writer().engine != "auto":
            source = backend.writer().engine
        self._show_message(f"Drafting {VARIANTS} variants with {source}…")
        self.run_worker(self._write(self._request, self.generation), exclusive=True, group="draft", exit_on_error=False)

    async def _write(self, request: Any, generation: int) -> None:
        """The worker: write, store, and hand the drafts to the screen."""
        from afterview import services

        backend = self.backend
        try:
            writer = backend.writer()
            if writer.online:
                # The SDK takes about a second to import: do it in a thread, so the
                # screen keeps drawing the progress line meanwhile.
                await asyncio.to_thread(importlib.import_module, "openai")
                services.announce_first_online_use(
                    backend.settings, lambda text: self.notify(text, title="Online drafting", timeout=20)
                )
            stored = await self.session.draft(request, lambda text: self.post_message(DraftProgress(generation, text)))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - the writer never raises drafter errors; anything else is shown
            self.notify(f"{exc}", severity="error", title="Drafting failed")
            self._show_message(f"Drafting failed: {exc}\nPress r to try again.")
            return
        self.post_message(DraftsReady(generation, stored))

    @on(DraftProgress)
    def _progress(self, event: DraftProgress) -> None:
        if event.generation == self.generation and not self.variants:
            self._show_message(f"Drafting {VARIANTS} variants…\n{event.text}")

    @on(DraftsReady)
    def _ready(self, event: DraftsReady) -> None:
        if event.generation != self.generation:
            return  # a stale answer that finished before it could be cancelled
        self.variants = tuple(event.drafts)
        self.app.refresh_title()  # type: ignore[attr-defined] - an auto-detected model is known now
        fallbacks = {d.fallback_reason for d in event.drafts if d.fallback_reason}
        for reason in sorted(fallbacks):
            self.notify(f"Showing the offline template instead: {reason}", severity="warning", title="Model draft not used", timeout=12)
        for notice in sorted({n for d in event.drafts for n in d.notices}):
            self.notify(notice, title="Note", timeout=12)
        self.current = 0
        self._show_current()

    # -- showing -----------------------------------------------------------------------

    def watch_current(self) -> None:
        """Switching variants shows the other draft."""
        self._show_current()

    def validate_current(self, value: int) -> int:
        """Wrap around the variants."""
        return value % len(self.variants) if self.variants else 0

    def _show_current(self) -> None:
        if not self.variants:
            return
        draft = self.variants[self.current]
        editor = self.query_one("#body", NoteEditor)
        self.query_one("#progress").display = False
        editor.display = True
        editor.load_text(safe(draft.body))
        self._show_report(draft.report)
        self._refresh_bars()

    def _show_report(self, report: Any) -> None:
        editor = self.query_one("#body", NoteEditor)
        editor.show_spans((f.start, f.end, f.severity) for f in report.findings if f.start is not None and f.end is not None)
        self.query_one("#checks", ChecksPanel).show(report, checks_run(self.backend.policy(), self.note.note_type))
        self._report = report
        self._refresh_status()

    def _show_message(self, text: str) -> None:
        self.query_one("#body", NoteEditor).display = False
        progress = self.query_one("#progress", Static)
        progress.update(literal(text))
        progress.display = True
        self.query_one("#checks", ChecksPanel).clear("checks run when the draft is ready")
        self._refresh_status()

    def _refresh_bars(self) -> None:
        label = NOTE_LABELS.get(self.note.note_type, self.note.note_type)
        count = len(self.variants)
        variant = f"variant {self.current + 1}/{count}" if count else "drafting…"
        sent = " · ✔ sent" if self.session.is_sent(self.note.note_type, self.note.recipient) else ""
        what = line(bold(label), " to ", bold(self.note.recipient), f" · tone {self.tone.value} · {variant}{sent}")
        keys = literal(" · o other note · esc back", "dim")
        bar = self.query_one("#note-bar", Static)
        room = bar.content_region.width - keys.cell_length
        if 0 < room < what.cell_length:  # narrow: the keys stay, the description gives way
            what = what.truncate(room, ellipsis=True)
        bar.update(line(what, keys))
        self.query_one("#why", Static).update(line(dim("Why now:"), f" {self.reason}") if self.reason else "")
        subject = self.variants[self.current].subject if self.variants else ""
        self.query_one("#subject", Static).update(line(bold("Subject:"), f" {safe(subject)}") if subject else "")

    def _refresh_status(self) -> None:
        status = self.query_one("#status-line", Static)
        if not self.variants:
            status.update("")
            return
        draft = self.variants[self.current]
        words = word_count(self.query_one("#body", NoteEditor).text)
        low, high = word_range(self.backend.policy(), self.note.note_type)
        engine = "offline template" if draft.engine == "template" else draft.engine
        if draft.fallback_reason:
            engine += " (model draft not used)"
        status.update(literal(f"{words} words ({low}-{high}) · {engine} · {summary(self._report)}"))

    # -- editing -----------------------------------------------------------------------

    @on(TextArea.Changed, "#body")
    def _edited(self) -> None:
        if not self.variants:
            return
        if self._recheck_timer is not None:
            self._recheck_timer.stop()
        self._recheck_timer = self.set_timer(RECHECK_DELAY, self.recheck)

    def _flush_edit(self) -> None:
        """Check and save an edit still waiting on the debounce timer (before anything
        replaces or uses the body)."""
        if self._recheck_timer is not None:
            self._recheck_timer.stop()
            self._recheck_timer = None
            self.recheck()

    def recheck(self) -> None:
        """Check the edited body by the note type's severities, show it, and autosave."""
        if not self.variants or self._request is None:
            return
        body = self.query_one("#body", NoteEditor).text
        draft = self.variants[self.current]
        if body == draft.body:
            self._show_report(draft.report)
            return
        try:
            saved = self.session.recheck(draft, body)
        except Exception as exc:  # noqa: BLE001 - keep editing; say the save failed
            self.notify(str(exc), severity="error", title="Edit not saved")
            saved = self.session.unsaved(draft, body)
        variants = list(self.variants)
        variants[self.current] = saved
        self.variants = tuple(variants)
        self._show_report(saved.report)

    @on(ChecksPanel.JumpToSpan)
    def _jump(self, event: ChecksPanel.JumpToSpan) -> None:
        editor = self.query_one("#body", NoteEditor)
        start, end = _location(editor.text, event.start), _location(editor.text, event.end)
        editor.selection = (start, end)  # type: ignore[assignment]
        editor.focus()

    # -- actions -----------------------------------------------------------------------

    def action_back(self) -> None:
        """Stop editing, or leave the studio."""
        if isinstance(self.focused, NoteEditor):
            self.query_one("#checks", ChecksPanel).focus()
            return
        self._flush_edit()
        self.dismiss()

    def action_previous(self) -> None:
        """Previous variant."""
        self._flush_edit()
        if self.variants:
            self.current -= 1

    def action_next(self) -> None:
        """Next variant."""
        self._flush_edit()
        if self.variants:
            self.current += 1

    def action_edit(self) -> None:
        """Focus the body for editing."""
        if self.variants:
            self.query_one("#body", NoteEditor).focus()

    def action_regenerate(self) -> None:
        """New variants of the same note (cancels one in progress)."""
        self.draft(fresh=True)

    def action_tone(self) -> None:
        """Next tone, and redraft."""
        self.tone = TONES[(TONES.index(self.tone) + 1) % len(TONES)]
        self.notify(f"Tone: {self.tone.value}", timeout=3)
        self.draft()

    def action_choose_note(self) -> None:
        """Pick another note or recipient from the advisor's list."""
        from afterview.tui.screens.dialogs import NotePicker

        def chosen(choice: NoteChoice | None) -> None:
            if choice is None or choice == self.note:
                return
            self.note = choice
            self.reason = self.session.reason_for(choice.note_type, choice.recipient)
            self.draft()

        self.app.push_screen(NotePicker(self.session.advice, NOTE_LABELS, self.note), chosen)


def _note_type(value: str):
    from afterview.domain import NoteType

    return NoteType(value)


def _location(text: str, offset: int) -> tuple[int, int]:
    """Character offset -> (row, column) in ``text``."""
    before = text[: max(0, min(offset, len(text)))]
    row = before.count("\n")
    return row, len(before) - (before.rfind("\n") + 1)
