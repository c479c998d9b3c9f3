"""Which note the studio works on: a note type and its recipient (pure, no Textual)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NoteChoice:
    """A note to draft: its type value (``thank_you``...) and the recipient's name."""

    note_type: str
    recipient: str
