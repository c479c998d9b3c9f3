"""Drafting: a record (a file or a stored interview) -> checked drafts, saved when stored.

Both faces draft through ``draft_notes``: the CLI for every recipient at once or one
``--to``, the TUI for one recipient with Regenerate. ``draft_notes_now`` is the same
for synchronous callers: offline, it drafts without an event loop. Each recipient's request carries
the notes the panel may read beside theirs (the other recipients' latest drafts and
the notes sent, or, for a file, the drafts made earlier in the same call), so the
writer's checks include the panel check, and each interviewer starts from the
variant at their position in the panel.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING

from afterview.errors import AfterviewError
from afterview.frozen import NamedTuple, replace
from afterview.usecases.recipients import build_requests

if TYPE_CHECKING:
    from afterview.config import Profile
    from afterview.domain import Draft, Interview, NoteRequest, NoteType, Tone
    from afterview.usecases.checking import StoredInterview
    from afterview.writer import Writer


class DraftJob(NamedTuple):
    """What the person asked for.

    Attributes:
        note_type: which note.
        to: the recipient as typed (``--to``), or None for everyone it goes to.
        tone: how it sounds.
        variants: distinct drafts wanted per recipient.
        shift: variants already shown (Regenerate asks for the ones after them).
    """

    note_type: NoteType
    to: str | None = None
    tone: Tone | None = None
    variants: int = 1
    shift: int = 0


class Drafted:
    """One recipient's drafts, as the writer returned them (saved, when stored).

    Attributes:
        request: what was asked of the writer.
        drafts: the checked drafts, with their store ids when saved.
        save_error: why saving failed (the drafts are still here: nothing is lost).
    """

    __slots__ = ("request", "drafts", "save_error")

    def __init__(
        self, request: NoteRequest, drafts: list[Draft] | None = None, save_error: AfterviewError | None = None
    ) -> None:
        self.request = request
        self.drafts = [] if drafts is None else drafts
        self.save_error = save_error

    def __repr__(self) -> str:
        return f"Drafted(request={self.request!r}, drafts={self.drafts!r}, save_error={self.save_error!r})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not Drafted:
            return NotImplemented
        return (self.request, self.drafts, self.save_error) == (other.request, other.drafts, other.save_error)

    __hash__ = None  # mutable: not hashable


def requests_for(
    interview: Interview, job: DraftJob, profile: Profile | None, *, config_file: str = "config.toml"
) -> list[NoteRequest]:
    """The writer's requests for ``job``, one per recipient.

    Raises:
        InputError: the record cannot support the note, or ``to`` matches nobody or several.
        ProfileMissing: no name to sign with.
    """
    from afterview.domain import Tone

    requests = build_requests(
        interview,
        job.note_type,
        to=job.to,
        tone=job.tone or Tone.WARM,
        variants=job.variants,
        profile=profile,
        config_file=config_file,
    )
    if not job.shift:
        return requests
    return [replace(r, first_variant=r.first_variant + job.shift) for r in requests]


async def draft_notes(
    writer: Writer,
    requests: list[NoteRequest],
    *,
    stored: StoredInterview | None = None,
    progress: Callable[[str], None] | None = None,
) -> AsyncIterator[Drafted]:
    """Draft every request in turn; yield each recipient's drafts as they are ready.

    With ``stored``, each draft is saved (a failure to save is reported on the result
    and stops later saves, never the drafting), and a follow-up knows how many were
    sent before it (the second and last one has its own wording).
    """
    session = _Session(stored)
    for request in requests:
        request = session.prepare(request)
        yield session.keep(request, await writer.write(request, progress=progress))


def draft_notes_now(
    writer: Writer, requests: list[NoteRequest], *, stored: StoredInterview | None = None
) -> Iterator[Drafted]:
    """``draft_notes`` for synchronous callers (``Writer.write_now``: offline, no event loop)."""
    session = _Session(stored)
    for request in requests:
        request = session.prepare(request)
        yield session.keep(request, writer.write_now(request))


class _Session:
    """One ``draft_notes`` call: the notes made so far, and whether saving still works."""

    def __init__(self, stored: StoredInterview | None) -> None:
        self.stored = stored
        self.made: list[tuple[str, str]] = []
        self.save_error: AfterviewError | None = None

    def prepare(self, request: NoteRequest) -> NoteRequest:
        """``request`` with the notes the panel may read beside it, and the follow-ups sent before it."""
        stored = self.stored
        others = stored.store.other_notes(stored.interview_id, request.recipient) if stored is not None else self.made
        request = replace(request, other_notes=tuple(others))
        if stored is not None and request.note_type.value == "follow_up":
            sent = sum(1 for s in stored.store.sent(stored.interview_id) if s.note_type == "follow_up")
            request = replace(request, follow_ups_sent=sent)
        return request

    def keep(self, request: NoteRequest, drafts: list[Draft]) -> Drafted:
        """Save ``drafts`` (when stored and saving still works) and remember them."""
        result = Drafted(request, drafts)
        if self.stored is not None and self.save_error is None:
            try:
                result.drafts = self.stored.store.save_drafts(self.stored.interview_id, drafts)
            except AfterviewError as exc:
                self.save_error = exc
        result.save_error = self.save_error
        if drafts:  # the variant shown first, as the store's panel compares (``other_notes``)
            self.made.append((drafts[0].recipient, drafts[0].body))
        return result
