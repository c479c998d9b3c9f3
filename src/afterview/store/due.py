"""What the due list reads from the database, streamed: SQL only, no timing here.

``due_records`` yields one ``DueRecord`` per stored interview: the fields the timing
advisor reads and the notes marked sent, their recipients as the stored name keys (so
nothing is keyed again). ``afterview.usecases.due`` turns them into advice.

Unless every interview is asked for, the SQL keeps only the interviews that can have a
note to list, so the advisor runs for those alone. An interview can have one when:

- it is awaiting a decision (a follow-up row, at least ``stop``, is always listed), or
- it was rejected and a feedback request or continued-interest note is not yet sent, or
- some interviewer has no thank-you marked sent (thank-yous do not depend on the status).

Everything else yields only ``not_applicable`` rows, which ``--all`` asks for.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from afterview.store.rows import InterviewRow

MAY_HAVE_A_NOTE = """
    i.status = 'awaiting'
    OR (i.status = 'rejected' AND (
        NOT EXISTS (SELECT 1 FROM sent_log s WHERE s.interview_id = i.id AND s.note_type = 'feedback_request')
        OR NOT EXISTS (SELECT 1 FROM sent_log s WHERE s.interview_id = i.id AND s.note_type = 'continued_interest')))
    OR EXISTS (
        SELECT 1 FROM interviewers p WHERE p.interview_id = i.id AND NOT EXISTS (
            SELECT 1 FROM sent_log s
            WHERE s.interview_id = i.id AND s.note_type = 'thank_you' AND s.recipient_key = p.name_key))
"""
"""SQL condition on ``interviews i``: the interview may have a row other than not_applicable.

Each branch is an index probe (``sent_by_note``), cheaper than counting closing notes."""


SentKey = tuple[str, str, date]
"""A note marked sent: its type value, the recipient's name key as stored, the day."""


class DueRecord(NamedTuple):
    """One stored interview as the due list needs it."""

    row: InterviewRow
    sent: tuple[SentKey, ...]


def due_records(
    db: sqlite3.Connection, *, everything: bool = False, interview_id: int | None = None
) -> Iterator[DueRecord]:
    """The stored interviews (or one), by id, with their interviewers and sent notes.

    Args:
        db: an open connection, inside a read transaction for a consistent snapshot.
        everything: every interview, also those that can only have not_applicable rows.
        interview_id: only this interview.
    """
    if interview_id is not None:
        where, params = "i.id = ?", (interview_id,)
    elif everything:
        where, params = "1", ()
    else:
        where, params = MAY_HAVE_A_NOTE, ()
    interviews = db.execute(
        "SELECT i.id, i.company, i.role, i.interview_date, i.decision_date, i.status, i.status_date, "
        f"i.offer_deadline, i.award_date FROM interviews i WHERE {where} ORDER BY i.id",
        params,
    ).fetchall()
    # The filter runs once; the other tables are read for the chosen ids only.
    chosen = (json.dumps([values[0] for values in interviews]),)
    people = db.execute(
        "SELECT interview_id, name, name_key, contact FROM interviewers "
        "WHERE interview_id IN (SELECT value FROM json_each(?)) ORDER BY interview_id, position",
        chosen,
    )
    sent = db.execute(
        "SELECT interview_id, note_type, recipient_key, sent_on FROM sent_log "
        "WHERE interview_id IN (SELECT value FROM json_each(?)) ORDER BY interview_id",
        chosen,
    )
    # Grouped by interview in one pass each (the rows arrive in id order).
    people_of = {owner: list(group) for owner, group in groupby(people, key=itemgetter(0))}
    sent_of = {
        owner: tuple([(kind, key, date.fromisoformat(on)) for _, kind, key, on in group])
        for owner, group in groupby(sent, key=itemgetter(0))
    }
    day = date.fromisoformat
    for owner, company, role, interviewed, decision, status, status_date, deadline, award in interviews:
        group = people_of.get(owner)
        if not group:  # pragma: no cover - every stored interview has an interviewer
            continue
        _, names, keys, contacts = zip(*group)
        contact = names[contacts.index(1)] if 1 in contacts else names[0]
        # Positional: a named tuple builds several times faster without keywords.
        row = InterviewRow(
            owner,
            company,
            role,
            day(interviewed),
            day(decision) if decision else None,
            status,
            day(status_date) if status_date else None,
            names,
            contact,
            day(deadline) if deadline else None,
            day(award) if award else None,
            keys,
        )
        yield DueRecord(row, sent_of.get(owner, ()))
