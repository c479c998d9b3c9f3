"""Marking a note as sent: which draft went to whom, and the text that went.

The sent log keeps the body, because the panel check compares later notes with the
ones interviewers already have.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from afterview.usecases.recipients import recipients_for

if TYPE_CHECKING:
    from afterview.domain import NoteType
    from afterview.store import SentRecord
    from afterview.usecases.checking import StoredInterview


def mark_sent(
    stored: StoredInterview,
    note_type: NoteType,
    to: str | None,
    on: date | None = None,
    draft_id: int | None = None,
) -> SentRecord:
    """Log the note as sent; without ``draft_id``, the latest draft of it is the one sent.

    Returns the log entry; ``entry.already`` is True when it was logged that day before.

    Raises:
        InputError: ``to`` matches nobody or several, a panel thank-you needs ``to``,
            the date is before the interview, or the draft is another note's.
        StoreError: the database is locked, full or unwritable.
    """
    (recipient,) = recipients_for(stored.interview, note_type, to, one=True)
    store = stored.store
    if draft_id is None:
        latest = store.latest_draft(stored.interview_id, note_type.value, recipient)
        draft_id = latest.id if latest else None
    return store.mark_sent(stored.interview_id, note_type.value, recipient, on, draft_id)
