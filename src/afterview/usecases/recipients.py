"""Who a note goes to, who signs it, and which note is due: the rules both faces share.

A thank-you goes to each interviewer and every other note to the contact (the note
table says which); a competing-offer note needs a recorded offer and an award update
a recorded award (never a bluff). ``--to`` matches a full name, a unique first name or
a unique prefix, ignoring case. In a panel, each interviewer's first variant is the one
at their position, whichever face drafts them and however many at a time, because
interviewers compare notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from afterview.domain import Interview, Interviewer, NoteRequest, NoteType, Tone
from afterview.errors import InputError, ProfileMissing
from afterview.names import name_key
from afterview.notes import note_kind

if TYPE_CHECKING:
    from afterview.config import Profile


def signature_for(interview: Interview, profile: Profile | None, *, config_file: str = "config.toml") -> str:
    """The name a note is signed with: the record's candidate, else the profile's name.

    Raises:
        ProfileMissing: neither is set; the message says how to set it.
    """
    if interview.candidate:
        return interview.candidate
    if profile is not None and profile.name:
        return profile.name
    raise ProfileMissing(
        "no name to sign the note with: add candidate = \"Your Name\" to the interview file, "
        f"or set name under [profile] in {config_file}"
    )


def signature_lines(interview: Interview, profile: Profile | None) -> tuple[str, ...]:
    """The lines a note is signed with: the signer's name and the profile's signature block.

    The person's own text, so the checks mask it (a signer "Sam [B] Rivera" is not a
    placeholder). Unlike ``signature_for`` this never raises: a note can be checked
    before anyone has set a name.
    """
    name = interview.candidate or (profile.name if profile is not None else None)
    block = (profile.signature or "") if profile is not None else ""
    return tuple(line for line in (name or "", *block.splitlines()) if line.strip())


def require_allowed(interview: Interview, note_type: NoteType) -> None:
    """Refuse notes the record cannot support.

    Raises:
        InputError: the note needs a record part (an offer, an award) that is missing.
    """
    kind = note_kind(note_type.value)
    missing = (kind.needs == "offer" and interview.competing_offer is None) or (
        kind.needs == "award" and interview.award is None
    )
    if missing:
        article = "an" if kind.label[0] in "aeiou" else "a"
        raise InputError(f"{article} {kind.value} note needs a recorded {kind.needs}: {kind.needs_hint}")


def match_interviewer(interview: Interview, to: str, *, flag: str = "--to") -> Interviewer:
    """The interviewer ``to`` names: the full name, else a unique first name or prefix.

    Matching ignores case and runs of spaces.

    Raises:
        InputError: nobody matches (the message lists the names), or several do (it
            lists those).
    """
    exact = interview.interviewer(to)
    if exact is not None:
        return exact
    key = name_key(to)
    people = interview.interviewers
    for matches in (
        [p for p in people if name_key(p.first_name) == key],
        [p for p in people if name_key(p.name).startswith(key) or name_key(p.first_name).startswith(key)],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = ", ".join(p.name for p in matches)
            raise InputError(f"{flag} {to!r} matches more than one interviewer ({names}): give more of the name")
    names = ", ".join(p.name for p in people)
    raise InputError(f"{flag} {to!r}: not an interviewer in this record (choose from: {names})")


def recipients_for(interview: Interview, note_type: NoteType, to: str | None, *, one: bool) -> list[str]:
    """Who the note goes to.

    Args:
        to: the name the user asked for (``match_interviewer``), or None.
        one: exactly one recipient is needed (``check``); a thank-you in a panel then
            needs ``to``. When False (``draft``), a thank-you goes to every interviewer.

    Raises:
        InputError: ``to`` matches nobody or several, or a panel thank-you needs ``--to``.
    """
    if to:
        return [match_interviewer(interview, to).name]
    if note_kind(note_type.value).recipients == "each":
        if not one:
            return [p.name for p in interview.interviewers]
        if len(interview.interviewers) > 1:
            names = ", ".join(p.name for p in interview.interviewers)
            raise InputError(f"a {note_type.label} goes to one interviewer of the panel: add --to NAME (one of: {names})")
    return [interview.contact.name]


def panel_position(interview: Interview, recipient: str) -> int:
    """The recipient's place in the panel (0 for the first interviewer)."""
    key = name_key(recipient)
    return next((i for i, p in enumerate(interview.interviewers) if name_key(p.name) == key), 0)


def build_requests(
    interview: Interview,
    note_type: NoteType,
    *,
    to: str | None = None,
    tone: Tone = Tone.WARM,
    variants: int = 1,
    profile: Profile | None = None,
    config_file: str = "config.toml",
) -> list[NoteRequest]:
    """One ``NoteRequest`` per recipient, validated against the record.

    Raises:
        InputError: the note is not possible for this record, or ``to`` is unknown.
        ProfileMissing: no name to sign with.
    """
    require_allowed(interview, note_type)
    signature = signature_for(interview, profile, config_file=config_file)
    # Interviewers compare notes: each one's first variant is the one at their position,
    # so drafting them one at a time or all together gives the same variety.
    return [
        NoteRequest(
            interview=interview,
            note_type=note_type,
            recipient=name,
            tone=tone,
            signature=signature,
            signature_block=profile.signature if profile else None,
            variants=variants,
            first_variant=panel_position(interview, name),
        )
        for name in recipients_for(interview, note_type, to, one=False)
    ]


def pick_note(advice: Sequence[Any], interview: Interview) -> tuple[NoteType, str, str]:
    """The note to work on first: the advisor's most urgent one, as (type, recipient, reason).

    When nothing is due or upcoming, a thank-you to the contact (never wrong to send),
    with a reason that says so.
    """
    from afterview.timing import ACTIONABLE_STATES  # only when choosing the note: drafting one needs no timing

    row = next((r for r in advice if r.state in ACTIONABLE_STATES), None)
    if row is not None:
        return NoteType(row.type), row.recipient, row.reason
    reason = "Nothing is due for this interview right now; press o to see every note and why."
    return NoteType.THANK_YOU, interview.contact.name, reason
