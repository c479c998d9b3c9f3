"""Bridge from the domain to the checks: what the checks may know about a note."""

from __future__ import annotations

from afterview.checks.types import CheckContext
from afterview.domain import Interview, NoteType


def check_context(
    interview: Interview,
    note_type: NoteType | str,
    recipient: str | None,
    *,
    moment_withheld: bool = False,
) -> CheckContext:
    """Build the ``CheckContext`` for a note of ``note_type`` to ``recipient``.

    Args:
        interview: the record the note is about.
        note_type: which note it is.
        recipient: the interviewer's name (None when unknown).
        moment_withheld: the recipient's moment touched a protected characteristic, so
            the note refers to the conversation in general.
    """
    person = interview.interviewer(recipient) if recipient else None
    texts: list[str] = list(interview.proper_nouns())
    for p in interview.interviewers:
        if p.moment:
            texts.append(p.moment)
        if p.email:
            texts.append(p.email)
    if interview.candidate_email:
        texts.append(interview.candidate_email)
    if interview.award and interview.award.relevance:
        texts.append(interview.award.relevance)
    dates = [interview.interview_date]
    for d in (interview.decision_date, interview.status_date, interview.offer_deadline, interview.award_date):
        if d is not None:
            dates.append(d)
    return CheckContext(
        note_type=str(NoteType(note_type).value),
        recipient=person.name if person else recipient,
        moment=None if moment_withheld or person is None else person.moment,
        moment_withheld=moment_withheld,
        proper_nouns=interview.proper_nouns(),
        record_texts=tuple(texts),
        record_dates=tuple(dates),
        award=interview.award.name if interview.award else None,
        deadline=interview.offer_deadline,
        has_record=True,
    )
