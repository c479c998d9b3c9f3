"""Messages shared between screens and workers (widget-owned ones live on their widget)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class BackendReady(Message):
    """Settings and store are loaded; screens waiting on them can fill in.

    ``rows``: the dashboard's first listing, read by the loader in the same trip, and
    the iterator that yields the rest (``Backend.load_with_rows``); None when not read yet.
    """

    rows: tuple[Any, Iterator[Any]] | None = None


@dataclass
class BackendFailed(Message):
    """Loading settings or the store failed; ``error`` is one line for the user."""

    error: str


@dataclass
class InterviewSaved(Message):
    """An interview was added or changed in the store (autosave)."""

    interview_id: int


@dataclass
class DraftProgress(Message, bubble=False):
    """A status line from the writer while it drafts ("repairing variant 2 (1/2)").

    For the studio that started the draft only, so it does not bubble.
    """

    generation: int
    text: str

    def can_replace(self, message: Message) -> bool:
        """Only the latest progress line matters."""
        return isinstance(message, DraftProgress)


@dataclass
class DraftsReady(Message, bubble=False):
    """The writer finished: ``drafts`` (stored, with ids) for request ``generation``."""

    generation: int
    drafts: list[Any]
