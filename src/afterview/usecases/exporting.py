"""Exporting: a draft as ``.eml``, ``.txt`` or a ``mailto:`` link; the reminders as ``.ics``.

The draft exported is re-checked first (``checking.fresh``), so what a person takes
out of afterview always carries a verdict that matches a re-check now.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from afterview import export
from afterview.errors import InputError
from afterview.usecases.checking import fresh
from afterview.usecases.recipients import match_interviewer, recipients_for

if TYPE_CHECKING:
    from afterview.checks import Policy
    from afterview.config import Profile
    from afterview.domain import Draft, NoteType
    from afterview.usecases.checking import StoredInterview

RENDERERS: dict[str, Callable[[export.Note], bytes]] = {
    "eml": export.eml,
    "txt": lambda note: export.text(note).encode(),
    "mailto": lambda note: (export.mailto(note) + "\n").encode(),
}
"""One renderer per per-note export format of ``afterview.notes.EXPORT_FORMATS``."""


@dataclass(frozen=True, slots=True)
class Exported:
    """An export ready to write or copy.

    Attributes:
        content: the bytes (for ``mailto`` the URL and a newline).
        draft: the draft exported, with a fresh report (None for reminders).
        warnings: things the person should know (a missing address, a failing check).
    """

    content: bytes
    draft: Draft | None = None
    warnings: tuple[str, ...] = ()


def pick_draft(
    stored: StoredInterview, note_type: NoteType | None, to: str | None, draft_id: int | None
) -> tuple[Draft | None, NoteType | None, str | None]:
    """The stored draft an export means: ``draft_id``, else the latest of that note.

    Returns ``(draft, note_type, recipient)``; the draft is None when that note has no
    stored draft yet (the caller may draft one for ``note_type`` to ``recipient``).

    Raises:
        InputError: the draft is another type's or recipient's, or neither a draft nor a
            type was given.
        RecordNotFound: no such draft for the interview.
    """
    interview, store = stored.interview, stored.store
    if draft_id is not None:
        draft = store.draft(draft_id, interview_id=stored.interview_id)
        if note_type and note_type != draft.note_type:
            raise InputError(f"draft #{draft.id} is a {draft.note_type.value} draft, not {note_type.value}")
        if to and match_interviewer(interview, to) != interview.interviewer(draft.recipient):
            raise InputError(f"draft #{draft.id} goes to {draft.recipient}, not {to}")
        return draft, draft.note_type, draft.recipient
    if note_type is None:
        raise InputError("this format exports one note: add --type T (and --to NAME), or --draft DRAFT_ID")
    (recipient,) = recipients_for(interview, note_type, to, one=True)
    return store.latest_draft(stored.interview_id, note_type.value, recipient), note_type, recipient


def export_draft(
    stored: StoredInterview, policy: Policy, draft: Draft, fmt: str, profile: Profile | None
) -> Exported:
    """Render ``draft`` (re-checked first) in the per-note format ``fmt``.

    Raises:
        InputError: ``fmt`` is not a per-note format.
    """
    render = RENDERERS.get(fmt)
    if render is None:
        raise InputError(f"{fmt!r} is not a note export format (one of: {', '.join(RENDERERS)})")
    draft = fresh(stored, policy, draft)
    note = export.note_for(draft, stored.interview, profile)
    warnings = []
    if fmt in ("eml", "mailto") and not note.recipient.email:
        warnings.append(
            f"no email address for {draft.recipient} in interview #{stored.interview_id}: your mail client will ask for one"
        )
    if fmt == "eml" and not note.sender.email:
        warnings.append("no email address for you: set email under [profile] in config.toml (or candidate_email) to fill From")
    if not draft.report.passed:
        first = draft.report.blocking[0]
        warnings.append(f"draft #{draft.id} does not pass the checks ({first.check}: {first.message})")
    return Exported(render(note), draft, tuple(warnings))


def export_reminders(stored: StoredInterview, advice: Sequence[Any], today: date) -> Exported:
    """A calendar with a reminder for every note still to send."""
    events = export.reminders(stored.interview_id, stored.interview.company, advice, today)
    warnings = () if events else (f"nothing left to send for interview #{stored.interview_id}: the calendar has no events",)
    return Exported(export.ics(events), None, warnings)


