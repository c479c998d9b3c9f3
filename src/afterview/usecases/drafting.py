"""Drafting: a record (a file or a stored interview) -> checked drafts, saved when stored.

Both faces draft through ``draft_notes``: the CLI for every recipient at once or one
``--to``, the TUI for one recipient with Regenerate. Each recipient's request carries
the notes the panel may read beside theirs (the other recipients' latest drafts and
the notes sent, or, for a file, the drafts made earlier in the same call), so the
writer's checks include the panel check, and each interviewer starts from the
variant at their position in the panel.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from afterview.errors import AfterviewError
from afterview.usecases.recipients import build_requests

if TYPE_CHECKING:
    from afterview.config import Profile
    from afterview.domain import Draft, Interview, NoteRequest, NoteType, Tone
    from afterview.usecases.checking import StoredInterview
    from afterview.writer import Writer


@dataclass(frozen=True, slots=True)
class DraftJob:
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


@dataclass(slots=True)
class Drafted:
    """One recipient's drafts, as the writer returned them (saved, when stored).

    Attributes:
        request: what was asked of the writer.
        drafts: the checked drafts, with their store ids when saved.
        save_error: why saving failed (the drafts are still here: nothing is lost).
    """

    request: NoteRequest
    drafts: list[Draft] = field(default_factory=list)
    save_error: AfterviewError | None = None


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
    return [r.model_copy(update={"first_variant": r.first_variant + job.shift}) for r in requests]


async def draft_notes(
    writer: Writer,
    requests: list[NoteRequest],
    *,
    stored: StoredInterview | None = None,
    progress: Callable[[str], None] | None = None,
) -> AsyncIterator[Drafted]:
    """Draft every request in turn; yield each recipient's drafts as they are ready.

    With ``stored``, each draft is saved (a failure to save is reported on the result
    and stops later saves, never the drafting).
    """
    made: list[tuple[str, str]] = []
    save_error: AfterviewError | None = None
    for request in requests:
        others = _others(stored, request.recipient) if stored is not None else made
        request = request.model_copy(update={"other_notes": tuple(others)})
        drafts = await writer.write(request, progress=progress)
        result = Drafted(request, drafts)
        if stored is not None and save_error is None:
            try:
                result.drafts = [stored.store.save_draft(stored.interview_id, draft) for draft in drafts]
            except AfterviewError as exc:
                save_error = exc
        result.save_error = save_error
        made.extend((d.recipient, d.body) for d in drafts)
        yield result


def _others(stored: StoredInterview, recipient: str) -> list[tuple[str, str]]:
    return stored.store.other_notes(stored.interview_id, recipient)
