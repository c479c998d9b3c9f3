"""The due list across stored interviews, read without building a model per row.

The SQL keeps only interviews that can have a note to list today, so the advisor
(``afterview.timing.advise``) runs for those alone. An interview can have one when:

- it is awaiting a decision (a follow-up row, at least ``stop``, is always listed), or
- it was rejected and a feedback request or continued-interest note is not yet sent, or
- some interviewer has no thank-you marked sent (thank-yous do not depend on the status).

Everything else yields only ``not_applicable`` rows, which ``--all`` asks for.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date

from afterview.store.rows import InterviewRow, to_date
from afterview.timing import NOTE_TYPES, STATE_RANK, TYPE_RANK, Advice, SentNote, advise

WORTH_ADVISING = """
    i.status = 'awaiting'
    OR (i.status = 'rejected' AND (
        SELECT count(DISTINCT s.note_type) FROM sent_log s
        WHERE s.interview_id = i.id AND s.note_type IN ('feedback_request', 'continued_interest')) < 2)
    OR EXISTS (
        SELECT 1 FROM interviewers p WHERE p.interview_id = i.id AND NOT EXISTS (
            SELECT 1 FROM sent_log s
            WHERE s.interview_id = i.id AND s.note_type = 'thank_you' AND s.recipient_key = p.name_key))
"""
"""SQL condition on ``interviews i``: the interview may have a row other than not_applicable."""


def due_rows(
    db: sqlite3.Connection, today: date, *, include_not_applicable: bool = False, interview_id: int | None = None
) -> list[tuple[InterviewRow, Advice]]:
    """Advice for the stored interviews (or one), most urgent first.

    Args:
        db: an open connection, inside a read transaction for a consistent snapshot.
        today: the day to judge against.
        include_not_applicable: also return the rows that do not apply, with their reasons.
        interview_id: only this interview.
    """
    if interview_id is not None:
        where, params = "i.id = ?", (interview_id,)
    elif include_not_applicable:
        where, params = "1", ()
    else:
        where, params = WORTH_ADVISING, ()
    interviews = db.execute(
        "SELECT i.id, i.company, i.role, i.interview_date, i.decision_date, i.status, i.status_date, "
        f"i.offer_deadline, i.award_date FROM interviews i WHERE {where} ORDER BY i.id",
        params,
    ).fetchall()
    # The filter runs once; the other tables are read for the chosen ids only.
    chosen = "SELECT value FROM json_each(?)"
    ids = (json.dumps([values[0] for values in interviews]),)
    people: dict[int, list[str]] = defaultdict(list)
    contacts: dict[int, str] = {}
    for owner, name, contact in db.execute(
        f"SELECT interview_id, name, contact FROM interviewers WHERE interview_id IN ({chosen}) "
        "ORDER BY interview_id, position",
        ids,
    ):
        people[owner].append(name)
        if contact:
            contacts[owner] = name
    sent: dict[int, list[SentNote]] = defaultdict(list)
    for owner, note_type, recipient, sent_on in db.execute(
        f"SELECT interview_id, note_type, recipient, sent_on FROM sent_log WHERE interview_id IN ({chosen})", ids
    ):
        sent[owner].append(SentNote(note_type, recipient, date.fromisoformat(sent_on)))

    results: list[tuple[InterviewRow, Advice]] = []
    for values in interviews:
        owner, company, role, interviewed, decision, status, status_date, deadline, award = values
        names = people.get(owner)
        if not names:  # pragma: no cover - every stored interview has an interviewer
            continue
        row = InterviewRow(
            id=owner,
            company=company,
            role=role,
            interview_date=date.fromisoformat(interviewed),
            decision_date=to_date(decision),
            status=status,
            status_date=to_date(status_date),
            recipient_names=tuple(names),
            contact_name=contacts.get(owner, names[0]),
            offer_deadline=to_date(deadline),
            award_date=to_date(award),
        )
        for advice in advise(row, today, sent.get(owner, ()), include_not_applicable=include_not_applicable):
            results.append((row, advice))
    results.sort(key=_urgency)
    return results


def _urgency(item: tuple[InterviewRow, Advice]) -> tuple[int, date, int, str, int]:
    # Most urgent first, as the advisor orders one interview's rows; then by interview.
    row, advice = item
    return (
        STATE_RANK.get(advice.state, len(STATE_RANK)),
        advice.due or date.min,
        TYPE_RANK.get(advice.type, len(NOTE_TYPES)),
        advice.recipient.casefold(),
        row.id,
    )
