"""Turn "draft a <type> for this interview" into validated ``NoteRequest`` objects.

This is where the rules about who a note goes to live: a thank-you goes to each
interviewer; every other note goes to the contact; a competing-offer note needs a
recorded offer and an award update a recorded award (never a bluff).
"""

from __future__ import annotations

from afterview.config import Profile
from afterview.domain import Interview, NoteRequest, NoteType, Tone
from afterview.errors import InputError, ProfileMissing


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


def require_allowed(interview: Interview, note_type: NoteType) -> None:
    """Refuse notes the record cannot support.

    Raises:
        InputError: competing_offer without a recorded offer, award_update without an award.
    """
    if note_type is NoteType.COMPETING_OFFER and interview.competing_offer is None:
        raise InputError(
            "a competing_offer note needs a recorded offer: add [competing_offer] with company and "
            "deadline to the interview (never bluff about an offer)"
        )
    if note_type is NoteType.AWARD_UPDATE and interview.award is None:
        raise InputError("an award_update note needs a recorded award: add [award] with name and date")


def recipients_for(interview: Interview, note_type: NoteType, to: str | None, *, one: bool) -> list[str]:
    """Who the note goes to.

    Args:
        to: the name the user asked for (matched ignoring case), or None.
        one: exactly one recipient is needed (``check``); a thank-you in a panel then
            needs ``to``. When False (``draft``), a thank-you goes to every interviewer.

    Raises:
        InputError: ``to`` is not in the record, or a panel thank-you needs ``--to``.
    """
    if to:
        person = interview.interviewer(to)
        if person is None:
            names = ", ".join(p.name for p in interview.interviewers)
            raise InputError(f"--to {to!r}: not an interviewer in this record (choose from: {names})")
        return [person.name]
    if note_type is NoteType.THANK_YOU:
        if not one:
            return [p.name for p in interview.interviewers]
        if len(interview.interviewers) > 1:
            names = ", ".join(p.name for p in interview.interviewers)
            raise InputError(f"a thank-you goes to one interviewer of the panel: add --to NAME (one of: {names})")
    return [interview.contact.name]


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
    # Interviewers compare notes: in a panel, each one's first variant is a different one.
    return [
        NoteRequest(
            interview=interview,
            note_type=note_type,
            recipient=name,
            tone=tone,
            signature=signature,
            signature_block=profile.signature if profile else None,
            variants=variants,
            first_variant=position * variants,
        )
        for position, name in enumerate(recipients_for(interview, note_type, to, one=False))
    ]
