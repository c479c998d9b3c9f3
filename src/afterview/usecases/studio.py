"""One stored interview in the draft studio: every rule the studio's screen relies on.

The screen composes, renders and reacts to keys; ``StudioSession`` answers it: which
note to open on and why, the requests to draft (each interviewer starting from the
variant at their panel position, Regenerate shifting past the ones shown), drafting
and saving, re-checking a person's edit, marking a note sent, and exports. It goes
through the same use cases as the CLI, so a note gets the same verdict in both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from afterview.frozen import replace
from afterview.names import name_key
from afterview.usecases import checking, exporting, sending
from afterview.usecases.checking import StoredInterview
from afterview.usecases.drafting import DraftJob, draft_notes, requests_for
from afterview.usecases.recipients import pick_note

if TYPE_CHECKING:
    from afterview.config import Settings
    from afterview.domain import Draft, NoteRequest, NoteType, Tone
    from afterview.writer import Writer


@dataclass(frozen=True, slots=True)
class Choice:
    """A note to work on: its type and recipient."""

    note_type: NoteType
    recipient: str


class StudioSession:
    """The studio's view of one stored interview.

    Args:
        stored: the interview, its id and the store.
        settings: the resolved settings (profile, config path).
        writer: returns the writer (built on first use by the caller).
        advice: returns the advisor's rows for the interview today (not-applicable
            ones too).
        today: returns today.
    """

    def __init__(
        self,
        stored: StoredInterview,
        settings: Settings,
        writer: Callable[[], Writer],
        advice: Callable[[], list[Any]],
        today: Callable[[], date],
    ) -> None:
        self.stored = stored
        self.settings = settings
        self._writer = writer
        self._advice = advice
        self._today = today
        self.advice: list[Any] = advice()
        self._sent = self._load_sent()

    @property
    def interview(self):
        """The interview record."""
        return self.stored.interview

    # -- which note ----------------------------------------------------------------

    def first_note(self) -> tuple[Choice, str]:
        """The note to open on (the advisor's most urgent one) and why."""
        note_type, recipient, reason = pick_note(self.advice, self.interview)
        return Choice(note_type, recipient), reason

    def reason_for(self, note_type: str, recipient: str) -> str:
        """The advisor's reason for this note now ("" when it has none)."""
        key = name_key(recipient)
        row = next((r for r in self.advice if r.type == note_type and name_key(r.recipient) == key), None)
        return row.reason if row else ""

    def is_sent(self, note_type: str, recipient: str) -> bool:
        """True when this note to this recipient is in the sent log."""
        return (note_type, name_key(recipient)) in self._sent

    # -- drafting ------------------------------------------------------------------

    def request(self, note_type: NoteType, recipient: str, tone: Tone, variants: int, shift: int = 0) -> NoteRequest:
        """The writer's request for one note (``shift``: variants already shown).

        Raises:
            InputError: the record cannot support the note.
            ProfileMissing: no name to sign with.
        """
        job = DraftJob(note_type, to=recipient, tone=tone, variants=variants, shift=shift)
        (request,) = requests_for(
            self.interview, job, self.settings.profile, config_file=str(self.settings.paths.config_file)
        )
        return request

    async def draft(self, request: NoteRequest, progress: Callable[[str], None] | None = None) -> list[Draft]:
        """Draft ``request`` (with the panel's notes for its checks) and save the drafts.

        Raises:
            AfterviewError: the drafts could not be saved.
        """
        async for result in draft_notes(self._writer(), [request], stored=self.stored, progress=progress):
            if result.save_error is not None:
                raise result.save_error
            return result.drafts
        return []

    def recheck(self, draft: Draft, body: str) -> Draft:
        """Check a person's edit by ``check``'s severities and save it.

        Raises:
            StoreError: the edit could not be saved (the caller keeps the text).
        """
        return checking.recheck_edit(self.stored, self._writer().policy, draft, body)

    def unsaved(self, draft: Draft, body: str) -> Draft:
        """The edit checked but not saved (when saving failed), so the verdict still shows."""
        policy = self._writer().policy
        context = checking.note_context(policy, draft.note_type, draft.recipient, stored=self.stored)
        report = checking.check_text(body, context, policy)
        return replace(draft, body=body, report=report)

    # -- getting it out --------------------------------------------------------------

    def mark_sent(self, draft: Draft):
        """Log the draft as sent today; refresh the advice. Returns the log entry."""
        entry = sending.mark_sent(self.stored, draft.note_type, draft.recipient, self._today(), draft.id)
        self.advice = self._advice()
        self._sent = self._load_sent()
        return entry

    def export(self, fmt: str, draft: Draft) -> exporting.Exported:
        """The export of ``draft`` (re-checked first), or the reminders for ``ics``."""
        if fmt == "ics":
            return exporting.export_reminders(self.stored, self.advice, self._today())
        return exporting.export_draft(self.stored, self._writer().policy, draft, fmt, self.settings.profile)

    def _load_sent(self) -> set[tuple[str, str]]:
        return {(r.note_type, name_key(r.recipient)) for r in self.stored.store.sent(self.stored.interview_id)}
