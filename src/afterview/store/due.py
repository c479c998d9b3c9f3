"""What the due list reads from the database, streamed: SQL only, no timing here.

``due_records`` yields one ``DueRecord`` per stored interview: the fields the timing
advisor reads and the notes marked sent, their recipients as the stored name keys (so
nothing is keyed again). ``afterview.usecases.due`` turns them into advice.

The caller may narrow the interviews with a ``DueFilter``: plain statuses and note
types that the timing advisor computes (``afterview.timing.listable``); this module only
turns them into SQL, over the digest each interview keeps (``sent_types``,
``sent_to_everyone`` and ``due_rows``, maintained by triggers: ``store.schema``).
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
    # One row per interview: its interviewers and sent notes come as the JSON the store
    # keeps beside it (``due_rows``), not as a row per person and per note.
    rows = db.execute(
        "SELECT i.id, i.company, i.role, i.interview_date, i.decision_date, i.status, i.status_date, "
        f"i.offer_deadline, i.award_date, i.due_rows FROM interviews i WHERE {condition} ORDER BY i.id",
        params,
    )
    day, loads = date.fromisoformat, json.loads
    for owner, company, role, interviewed, decision, status, status_date, deadline, award, digest in rows:
        people, sent = loads(digest)
        if not people:  # pragma: no cover - every stored interview has an interviewer
            continue
        names = tuple([person[0] for person in people])
        contact = next((person[0] for person in people if person[2]), names[0])
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
            tuple([person[1] for person in people]),
        )
        yield DueRecord(row, tuple([(kind, key, day(on)) for kind, key, on in sent]))


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
