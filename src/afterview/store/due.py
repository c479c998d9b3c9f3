"""What the due list reads from the database, streamed: SQL only, no timing here.

``due_records`` yields one ``DueRecord`` per stored interview: the fields the timing
advisor reads and the notes marked sent, their recipients as the stored name keys (so
nothing is keyed again). ``afterview.usecases.due`` turns them into advice.

The caller may narrow the interviews with a ``DueFilter``: plain statuses and note
types that the timing advisor computes (``afterview.timing.listable``); this module only
turns them into SQL, over the sent-log digest each interview keeps (``sent_types`` and
``sent_to_everyone``, maintained by triggers: ``store.schema``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from typing import NamedTuple, Protocol

from afterview.store.rows import InterviewRow


class DueFilter(Protocol):
    """Which interviews to read: those meeting any of these (``afterview.timing.Listable``)."""

    @property
    def statuses(self) -> Sequence[str]:
        """Every interview with one of these statuses."""

    @property
    def unsent_while(self) -> Sequence[tuple[str | None, str]]:
        """``(status, note type)``: an interview with the status (None: any) and no such note sent."""

    @property
    def unsent_to_someone(self) -> Sequence[str]:
        """Note types: an interview with an interviewer who was sent none of the type."""


SentKey = tuple[str, str, date]
"""A note marked sent: its type value, the recipient's name key as stored, the day."""


class DueRecord(NamedTuple):
    """One stored interview as the due list needs it."""

    row: InterviewRow
    sent: tuple[SentKey, ...]


def due_records(
    db: sqlite3.Connection, *, where: DueFilter | None = None, interview_id: int | None = None
) -> Iterator[DueRecord]:
    """The stored interviews (or one), by id, with their interviewers and sent notes.

    Args:
        db: an open connection, inside a read transaction for a consistent snapshot.
        where: only the interviews meeting it (default: every one).
        interview_id: only this interview.
    """
    if interview_id is not None:
        condition, params = "i.id = ?", [interview_id]
    elif where is not None:
        condition, params = filter_sql(where)
    else:
        condition, params = "1", []
    interviews = db.execute(
        "SELECT i.id, i.company, i.role, i.interview_date, i.decision_date, i.status, i.status_date, "
        f"i.offer_deadline, i.award_date FROM interviews i WHERE {condition} ORDER BY i.id",
        params,
    ).fetchall()
    # The filter runs once; the other tables are read for the chosen ids only, in id
    # order, so each cursor is taken a row at a time as the interviews come.
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
    day = date.fromisoformat
    person, note = next(people, None), next(sent, None)
    for owner, company, role, interviewed, decision, status, status_date, deadline, award in interviews:
        names: list[str] = []
        keys: list[str] = []
        contact = None
        while person is not None and person[0] == owner:
            names.append(person[1])
            keys.append(person[2])
            if person[3] and contact is None:
                contact = person[1]
            person = next(people, None)
        notes: list[SentKey] = []
        while note is not None and note[0] == owner:
            notes.append((note[1], note[2], day(note[3])))
            note = next(sent, None)
        if not names:  # pragma: no cover - every stored interview has an interviewer
            continue
        # Positional: a named tuple builds several times faster without keywords.
        row = InterviewRow(
            owner,
            company,
            role,
            day(interviewed),
            day(decision) if decision else None,
            status,
            day(status_date) if status_date else None,
            tuple(names),
            contact or names[0],
            day(deadline) if deadline else None,
            day(award) if award else None,
            tuple(keys),
        )
        yield DueRecord(row, tuple(notes))


def filter_sql(where: DueFilter) -> tuple[str, list[object]]:
    """``where`` as an SQL condition on ``interviews i`` and its parameters.

    Each term reads the interview's own row (the digest), so the condition costs one
    pass over the interviews, no probe of the sent log or the interviewers.
    """
    terms: list[str] = []
    params: list[object] = []
    if where.statuses:
        terms.append(f"i.status IN ({', '.join('?' for _ in where.statuses)})")
        params += where.statuses
    for status, note_type in where.unsent_while:
        if status is None:
            terms.append("instr(i.sent_types, ?) = 0")
        else:
            terms.append("(i.status = ? AND instr(i.sent_types, ?) = 0)")
            params.append(status)
        params.append(f",{note_type},")
    for note_type in where.unsent_to_someone:
        terms.append("instr(i.sent_to_everyone, ?) = 0")
        params.append(f",{note_type},")
    return " OR ".join(terms) or "0", params
