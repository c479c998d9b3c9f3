"""The drafts and the sent log of ``Store`` (a part of it, kept apart to read in one sitting).

Every method is one short transaction, as in ``afterview.store.store``: the SQL lives in
``afterview.store.drafts`` for drafts and here for the sent log.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from afterview.errors import InputError
from afterview.names import name_key
from afterview.store.base import RecordNotFound, check_on
from afterview.store.rows import SentRecord

if TYPE_CHECKING:
    from afterview.domain import Draft
    from afterview.findings import Report
    from afterview.store.due import DueFilter, DueRecord
    from afterview.store.rows import DraftSummary

T = TypeVar("T")


class NotesStore:
    """Drafts, their reports, the notes a panel reads side by side, and the sent log."""

    # -- drafts ----------------------------------------------------------------------

    def save_draft(self, interview_id: int, draft: Draft) -> Draft:
        """Store a draft with its report as given; return it with its id.

        Raises:
            RecordNotFound: no such interview.
            StoreError: the database is locked, full or unwritable (nothing is saved).
        """
        (saved,) = self.save_drafts(interview_id, [draft])
        return saved

    def save_drafts(self, interview_id: int, drafts: Sequence[Draft]) -> list[Draft]:
        """Store the variants of one request together (all or none); return them with ids.

        The first leads the batch: it is shown first, so it is the note another
        interviewer's panel check compares against until the person edits another.

        Raises:
            RecordNotFound: no such interview.
            StoreError: the database is locked, full or unwritable (nothing is saved).
        """
        from afterview.store import drafts as table

        with self._write("saving the draft" if len(drafts) == 1 else "saving the drafts") as db:
            self._interview_date(db, interview_id)
            now = self.now()
            return [table.insert_draft(db, interview_id, d, now, leads_batch=i == 0) for i, d in enumerate(drafts)]

    def update_draft_body(self, draft_id: int, body: str, report: Report, *, subject: str | None = None) -> Draft:
        """Replace an edited draft's body (and subject) and its report; return the stored draft.

        ``report`` is the caller's fresh check of ``body``.

        Raises:
            RecordNotFound: no such draft.
            StoreError: the database is locked, full or unwritable (nothing is changed).
        """
        from afterview.store import drafts

        with self._write("saving the draft") as db:
            if drafts.owner_of(db, draft_id) is None:
                raise RecordNotFound(f"no draft #{draft_id}")
            drafts.update_body(db, draft_id, body, report, subject, self.now())
            return drafts.select_draft(db, draft_id)

    def drafts(self, interview_id: int, note_type: str | None = None, recipient: str | None = None) -> list[Draft]:
        """Stored drafts of an interview, oldest first, optionally of one type and recipient."""
        from afterview.store import drafts

        with self._read("reading the drafts") as db:
            return drafts.select_drafts(db, interview_id, note_type, recipient)

    def latest_draft(self, interview_id: int, note_type: str, recipient: str) -> Draft | None:
        """The newest stored draft of that type to that recipient, or None."""
        from afterview.store import drafts

        with self._read("reading the drafts") as db:
            found = drafts.select_drafts(db, interview_id, note_type, recipient, latest=True)
        return found[0] if found else None

    def draft(self, draft_id: int, *, interview_id: int | None = None) -> Draft:
        """One stored draft by id.

        Raises:
            RecordNotFound: no such draft, or it belongs to another interview than ``interview_id``.
        """
        from afterview.store import drafts

        with self._read("reading the draft") as db:
            owner = drafts.owner_of(db, draft_id)
            if owner is None or (interview_id is not None and owner[0] != interview_id):
                where = f" for interview #{interview_id}" if interview_id is not None else ""
                raise RecordNotFound(f"no draft #{draft_id}{where}")
            return drafts.select_draft(db, draft_id)

    def replace_report(self, draft_id: int, report: Report) -> None:
        """Store a fresh report for a draft whose text did not change (a re-check).

        Raises:
            StoreError: the database is locked, full or unwritable.
        """
        from afterview.store.codec import report_to_json

        with self._write("saving the draft's checks") as db:
            db.execute("UPDATE drafts SET report = ? WHERE id = ?", (report_to_json(report), draft_id))

    def other_notes(self, interview_id: int, recipient: str) -> list[tuple[str, str]]:
        """``(recipient, body)`` of the other recipients' latest drafts, then the notes sent to them."""
        from afterview.store import drafts

        with self._read("reading the panel's notes") as db:
            return drafts.other_notes(db, interview_id, recipient)

    def draft_summaries(self, interview_id: int) -> list[DraftSummary]:
        """Every draft of an interview without its body, oldest first."""
        from afterview.store import drafts

        with self._read("reading the drafts") as db:
            return drafts.summaries(db, interview_id)

    # -- sent log and due list -------------------------------------------------------

    def mark_sent(
        self,
        interview_id: int,
        note_type: str,
        recipient: str,
        on: date | None = None,
        draft_id: int | None = None,
        *,
        body: str | None = None,
    ) -> SentRecord:
        """Log that a note went out (``on`` defaults to today); return the log entry.

        ``body`` is the text that was sent (default: the draft's body, when a draft is
        named); the panel check compares later notes against it. Logging the same note
        to the same person on the same day again returns the existing entry (with
        ``already`` set). ``recipient`` must be an interviewer of the record.

        Raises:
            InputError: unknown note type, recipient not in the record, date before the
                interview, or a draft of another interview, type or recipient.
            RecordNotFound: no such interview.
            StoreError: the database is locked, full or unwritable.
        """
        from afterview.notes import NOTE_TYPES

        note_type = str(getattr(note_type, "value", note_type))
        if note_type not in NOTE_TYPES:
            raise InputError(f"{note_type!r} is not a note type (one of: {', '.join(NOTE_TYPES)})")
        on = on or self._today()
        key = name_key(recipient)
        with self._write("saving the sent log") as db:
            interviewed = self._interview_date(db, interview_id)
            check_on(on, interviewed)
            person = db.execute(
                "SELECT name FROM interviewers WHERE interview_id = ? AND name_key = ?", (interview_id, key)
            ).fetchone()
            if person is None:
                raise InputError(f"{recipient!r} is not an interviewer of interview #{interview_id}")
            if draft_id is not None:
                found = db.execute(
                    "SELECT body FROM drafts WHERE id = ? AND interview_id = ? AND note_type = ? AND recipient_key = ?",
                    (draft_id, interview_id, note_type, key),
                ).fetchone()
                if found is None:
                    raise InputError(f"draft #{draft_id} is not a {note_type} draft to {person[0]} for interview #{interview_id}")
                body = found[0] if body is None else body
            same = db.execute(
                "SELECT id FROM sent_log WHERE interview_id = ? AND note_type = ? AND recipient_key = ? AND sent_on = ?",
                (interview_id, note_type, key, on.isoformat()),
            ).fetchone()
            if same is not None:
                if draft_id is not None:
                    db.execute("UPDATE sent_log SET draft_id = ?, body = ? WHERE id = ?", (draft_id, body, same[0]))
                return dataclasses.replace(self._sent_entries(db, "id = ?", (same[0],))[0], already=True)
            entry_id = db.execute(
                "INSERT INTO sent_log (interview_id, draft_id, note_type, recipient, recipient_key, sent_on, recorded_at, body) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (interview_id, draft_id, note_type, person[0], key, on.isoformat(), self._stamp(), body),
            ).lastrowid
            return self._sent_entries(db, "id = ?", (entry_id,))[0]

    def sent(self, interview_id: int) -> list[SentRecord]:
        """The interview's sent log, earliest first."""
        with self._read("reading the sent log") as db:
            return self._sent_entries(db, "interview_id = ?", (interview_id,))

    @staticmethod
    def _sent_entries(db: sqlite3.Connection, where: str, params: tuple[object, ...]) -> list[SentRecord]:
        rows = db.execute(
            "SELECT id, interview_id, note_type, recipient, sent_on, draft_id, recorded_at FROM sent_log "
            f"WHERE {where} ORDER BY sent_on, id",
            params,
        ).fetchall()
        return [
            SentRecord(id_, owner, kind, to, date.fromisoformat(on), draft, datetime.fromisoformat(at))
            for id_, owner, kind, to, on, draft, at in rows
        ]

    def read_due(
        self,
        consume: Callable[[Iterator[DueRecord]], T],
        *,
        where: DueFilter | None = None,
        interview_id: int | None = None,
    ) -> T:
        """``consume(records)`` over the stored interviews' due records, in one read transaction.

        The records stream from SQL (``store.due.due_records``) while ``consume`` reads
        them: every interview, only those meeting ``where`` (statuses and note types the
        caller computed), or with ``interview_id`` that one.

        Raises:
            RecordNotFound: ``interview_id`` is not stored.
        """
        from afterview.store.due import due_records

        with self._read("reading the due notes") as db:
            if interview_id is not None:
                self._interview_date(db, interview_id)
            return consume(due_records(db, where=where, interview_id=interview_id))
