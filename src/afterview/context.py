"""The one bridge from the domain to the checks: what the checks may know about a note.

Every door a note comes through (``draft``, ``check --from``, ``check --interview``, a
stored draft, the TUI's re-check) builds its ``CheckContext`` here, so the same text
gets the same findings everywhere: the record's names and dates, the moment's fate
(quoted, or withheld and why, decided by ``checks.moment.moment_fate``) and the notes a
panel may read beside this one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from afterview.checks.moment import QUOTED, MomentFate, moment_fate
from afterview.checks.types import CheckContext

if TYPE_CHECKING:  # a bare ``check`` (no record) builds no context here, so pays for no domain
    from afterview.checks import Policy
    from afterview.domain import Interview, NoteType


def recipient_moment(interview: Interview, recipient: str | None, policy: Policy) -> MomentFate:
    """The fate of the moment noted for ``recipient`` (quoted when there is none)."""
    person = interview.interviewer(recipient) if recipient else None
    if person is None or not person.moment:
        return QUOTED
    return moment_fate(person.moment, interview.proper_nouns(), policy)


def check_context(
    interview: Interview,
    note_type: NoteType | str,
    recipient: str | None,
    policy: Policy,
    *,
    other_notes: Sequence[tuple[str, str]] = (),
    signature: Sequence[str] = (),
) -> CheckContext:
    """Build the ``CheckContext`` for a note of ``note_type`` to ``recipient``.

    Args:
        interview: the record the note is about.
        note_type: which note it is.
        recipient: the interviewer's name (None when unknown).
        policy: decides whether the recipient's moment can be quoted.
        other_notes: ``(recipient, text)`` of the notes to the other interviewers (the
            latest drafts and the notes sent), for the panel check.
        signature: the name the note is signed with and its signature block's lines
            (the record's candidate is in the record already).
    """
    person = interview.interviewer(recipient) if recipient else None
    fate = recipient_moment(interview, recipient, policy)
    texts: list[str] = list(interview.proper_nouns())
    for p in interview.interviewers:
        if p.moment:
            texts.append(p.moment)
        if p.email:
            texts.append(p.email)
    if interview.candidate_email:
        texts.append(interview.candidate_email)
    texts.extend(_people(interview))
    if interview.award and interview.award.relevance:
        texts.append(interview.award.relevance)
    if interview.mission:
        texts.append(interview.mission)
    dates = [interview.interview_date]
    for d in (interview.decision_date, interview.status_date, interview.offer_deadline, interview.award_date):
        if d is not None:
            dates.append(d)
    return CheckContext(
        note_type=_note_type_value(note_type),
        recipient=person.name if person else recipient,
        address_as=person.address_as if person else None,
        moment=None if fate.withheld or person is None else person.moment,
        moment_withheld=fate.withheld,
        withheld_reason=fate.neutral_reason,
        proper_nouns=interview.proper_nouns(),
        record_texts=tuple(texts),
        record_dates=tuple(dates),
        award=interview.award.name if interview.award else None,
        deadline=interview.offer_deadline,
        has_record=True,
        other_notes=tuple(other_notes),
        company=interview.company,
        people=tuple(_people(interview)),
        status=str(interview.status.value),
        has_offer=interview.competing_offer is not None,
        offer_company=interview.competing_offer.company if interview.competing_offer else None,
        signature=tuple(line.strip() for line in signature if line.strip()),
    )


def _people(interview: Interview) -> list[str]:
    """Every person the record names, with the forms of address it gives."""
    people = []
    for p in interview.interviewers:
        people.append(p.name)
        if p.address_as:
            people.append(p.address_as)
    if interview.candidate:
        people.append(interview.candidate)
    return people


def _note_type_value(note_type: NoteType | str) -> str:
    from afterview.domain import NoteType

    return str(NoteType(note_type).value)
