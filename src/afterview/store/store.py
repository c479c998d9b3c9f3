"""``Store``: interviews, drafts, status history and the sent log in one SQLite file.

Every method is one short transaction that has committed when it returns (WAL,
``synchronous=FULL``), so an edit autosaved through this API is on disk at once and a
``kill -9`` at any moment loses nothing that was committed. Writes take the write lock
up front (``BEGIN IMMEDIATE``) and wait up to the busy timeout for another afterview.

Methods that take or return domain records import them on first use; ``list_interviews``
and ``read_due`` build only light rows. The store is SQL: what is due is decided by
``afterview.usecases.due`` over the rows ``read_due`` streams.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from afterview.dates import date_problem
from afterview.errors import InputError
from afterview.names import name_key
from afterview.store.base import RecordNotFound, StoreBase, no_interview
from afterview.store.rows import ListRow, SentRecord, StatusChange, to_date

if TYPE_CHECKING:
    from afterview.findings import Report
    from afterview.domain import Draft, Interview
    from afterview.store.due import DueRecord
    from afterview.store.rows import DraftSummary

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EditSummary:
    """What ``update_interview`` did to the interviewers, by name.

    ``kept`` names every interviewer that kept its id (renamed ones by their new name);
    ``renamed`` pairs each renamed one's old name with its new one.
    """

    kept: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...] = ()


# A name_key no real name can have (names never hold control characters): rows whose key
# changes park here first, so swapping two names never trips UNIQUE (interview_id, name_key).
_PARKED_KEY = "\x00renaming {}"


class Store(StoreBase):
    """The user's interview history. Build it with ``afterview.store.open_store``.

    Args:
        conn: a connection prepared by ``open_database`` (autocommit, WAL, foreign keys).
        path: the database file, for messages.
        busy_timeout: seconds a write waits for another afterview, for messages.
        now: clock for timestamps and default dates (tests inject a fixed one).
    """

    # -- interviews ----------------------------------------------------------------

    def add_interview(self, interview: Interview) -> int:
        """Store a new interview with its interviewers and first status; return its id.

        Raises:
            StoreError: the database is locked, full or unwritable (nothing is saved).
        """
        from afterview.store import codec

        stamp = self._stamp()
        columns = ", ".join(codec.INTERVIEW_COLUMNS)
        marks = ", ".join("?" for _ in codec.INTERVIEW_COLUMNS)
        with self._write("saving the interview") as db:
            cursor = db.execute(
                f"INSERT INTO interviews ({columns}, created_at, updated_at) VALUES ({marks}, ?, ?)",
                (*codec.interview_values(interview), stamp, stamp),
            )
            interview_id = cursor.lastrowid
            self._insert_interviewers(db, interview_id, codec.interviewer_values(interview))
            self._record_status(db, interview_id, interview.status.value, interview.status_date, stamp)
        return interview_id

    def update_interview(
        self, interview_id: int, interview: Interview, *, renamed: Mapping[str, str] | None = None
    ) -> EditSummary:
        """Replace a stored interview's fields with ``interview``'s.

        ``renamed`` maps a stored interviewer's name to the name it has in ``interview``
        (both matched ignoring case and runs of spaces): that interviewer keeps its id,
        and its drafts and sent notes move to the new name. Pairs whose old name is not
        stored, or whose new name is not in ``interview``, are ignored. Every other
        interviewer is matched by name: a match keeps its id, and drafts and sent notes
        stay with the name; an unmatched stored one is removed (its drafts and sent notes
        stay in the history under the old name). A changed status or status date is
        added to the history.

        Raises:
            RecordNotFound: no such interview.
            StoreError: the database is locked, full or unwritable (nothing is changed).
        """
        from afterview.store import codec

        stamp = self._stamp()
        assignments = ", ".join(f"{column} = ?" for column in codec.INTERVIEW_COLUMNS)
        incoming = codec.interviewer_values(interview)
        with self._write("saving the interview") as db:
            before = db.execute("SELECT status, status_date FROM interviews WHERE id = ?", (interview_id,)).fetchone()
            if before is None:
                raise no_interview(interview_id)
            db.execute(
                f"UPDATE interviews SET {assignments}, updated_at = ? WHERE id = ?",
                (*codec.interview_values(interview), stamp, interview_id),
            )
            stored = {key: (pid, name) for pid, name, key in db.execute(
                "SELECT id, name, name_key FROM interviewers WHERE interview_id = ?", (interview_id,)
            )}  # fmt: skip
            claimed = _claim_renames(stored, renamed or {}, {values[2] for values in incoming})
            matches: list[tuple[int, tuple[object, ...]]] = []
            kept, added, fresh, moves = [], [], [], []
            for values in incoming:
                key = values[2]
                if key in claimed or key in stored:
                    pid, old_name = claimed[key] if key in claimed else stored.pop(key)
                    matches.append((pid, values))
                    kept.append(values[1])
                    if key in claimed:
                        moves.append((name_key(old_name), key, old_name, values[1]))
                else:
                    fresh.append(values)
                    added.append(values[1])
            for pid, _ in stored.values():
                db.execute("DELETE FROM interviewers WHERE id = ?", (pid,))
            # Renamed rows change key: park them first so no two rows share a key midway.
            db.executemany(
                "UPDATE interviewers SET name_key = ? WHERE id = ?",
                [(_PARKED_KEY.format(pid), pid) for pid, values in matches if values[2] in claimed],
            )
            db.executemany(
                "UPDATE interviewers SET position = ?, name = ?, name_key = ?, title = ?, email = ?, "
                "contact = ?, moment = ?, address_as = ? WHERE id = ?",
                [(*values, pid) for pid, values in matches],
            )
            self._insert_interviewers(db, interview_id, fresh)
            _move_notes(db, interview_id, moves)
            status = (interview.status.value, interview.status_date.isoformat() if interview.status_date else None)
            if tuple(before) != status:
                self._record_status(db, interview_id, interview.status.value, interview.status_date, stamp)
        return EditSummary(
            tuple(kept),
            tuple(added),
            tuple(name for _, name in stored.values()),
            tuple((old, new) for _, _, old, new in moves),
        )

    @staticmethod
    def _insert_interviewers(db: sqlite3.Connection, interview_id: int, rows: list[tuple[object, ...]]) -> None:
        db.executemany(
            "INSERT INTO interviewers (interview_id, position, name, name_key, title, email, contact, moment, address_as) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(interview_id, *values) for values in rows],
        )

    @staticmethod
    def _record_status(db: sqlite3.Connection, interview_id: int, status: str, on: date | None, stamp: str) -> None:
        db.execute(
            "INSERT INTO status_history (interview_id, status, status_date, recorded_at) VALUES (?, ?, ?, ?)",
            (interview_id, status, on.isoformat() if on else None, stamp),
        )

    def delete_interview(self, interview_id: int) -> None:
        """Delete an interview with its interviewers, drafts, history and sent log.

        Raises:
            RecordNotFound: no such interview.
            StoreError: the database is locked or unwritable (nothing is deleted).
        """
        with self._write("deleting the interview") as db:
            if db.execute("DELETE FROM interviews WHERE id = ?", (interview_id,)).rowcount == 0:
                raise no_interview(interview_id)

    def interview(self, interview_id: int) -> Interview:
        """The stored interview as the domain model.

        Raises:
            RecordNotFound: no such interview.
            StoreError: unreadable database, or stored values that no longer validate.
        """
        from afterview.store import codec

        with self._read("reading the interview") as db:
            cursor = db.cursor()
            cursor.row_factory = sqlite3.Row
            row = cursor.execute("SELECT * FROM interviews WHERE id = ?", (interview_id,)).fetchone()
            if row is None:
                raise no_interview(interview_id)
            people = cursor.execute(
                "SELECT * FROM interviewers WHERE interview_id = ? ORDER BY position", (interview_id,)
            ).fetchall()
        return codec.interview_from_rows(row, people, interview_id)

    def interviewer_ids(self, interview_id: int) -> dict[str, int]:
        """Stable ids of an interview's interviewers, by name (empty for an unknown interview)."""
        with self._read("reading the interviewers") as db:
            return dict(db.execute(
                "SELECT name, id FROM interviewers WHERE interview_id = ? ORDER BY position", (interview_id,)
            ).fetchall())  # fmt: skip

    def list_interviews(self) -> list[ListRow]:
        """Every stored interview as a light row, earliest interview first."""
        with self._read("listing the interviews") as db:
            rows = db.execute(
                "SELECT i.id, i.company, i.role, i.interview_date, i.status, i.status_date,"
                " coalesce(d.n, 0), coalesce(s.n, 0) FROM interviews i"
                " LEFT JOIN (SELECT interview_id, count(*) AS n FROM drafts GROUP BY interview_id) d"
                "   ON d.interview_id = i.id"
                " LEFT JOIN (SELECT interview_id, count(*) AS n FROM sent_log GROUP BY interview_id) s"
                "   ON s.interview_id = i.id"
                " ORDER BY i.interview_date, i.id"
            ).fetchall()
            people: dict[int, list[str]] = {}
            for owner, name in db.execute("SELECT interview_id, name FROM interviewers ORDER BY interview_id, position"):
                people.setdefault(owner, []).append(name)
        return [
            ListRow(
                id=id_,
                company=company,
                role=role,
                interview_date=date.fromisoformat(day),
                status=status,
                status_date=to_date(since),
                interviewers=tuple(people.get(id_, ())),
                drafts=drafts,
                sent=sent,
            )
            for id_, company, role, day, status, since, drafts, sent in rows
        ]

    # -- status ----------------------------------------------------------------------

    def set_status(self, interview_id: int, status: str, on: date | None = None) -> date:
        """Record a new status (``on`` defaults to today) and add it to the history.

        Returns the status date recorded.

        Raises:
            InputError: unknown status, or a date before the interview.
            RecordNotFound: no such interview.
            StoreError: the database is locked, full or unwritable.
        """
        from afterview.domain import Status

        try:
            status = Status(status).value
        except ValueError:
            raise InputError(f"{status!r} is not a status (one of: {', '.join(s.value for s in Status)})") from None
        on = on or self._today()
        stamp = self._stamp()
        with self._write("saving the status") as db:
            interviewed = self._interview_date(db, interview_id)
            _check_on(on, interviewed)
            db.execute(
                "UPDATE interviews SET status = ?, status_date = ?, updated_at = ? WHERE id = ?",
                (status, on.isoformat(), stamp, interview_id),
            )
            self._record_status(db, interview_id, status, on, stamp)
        return on

    def status_history(self, interview_id: int) -> list[StatusChange]:
        """Every status recorded for the interview, oldest first."""
        with self._read("reading the status history") as db:
            rows = db.execute(
                "SELECT status, status_date, recorded_at FROM status_history WHERE interview_id = ? ORDER BY id",
                (interview_id,),
            ).fetchall()
        return [StatusChange(status, to_date(on), datetime.fromisoformat(at)) for status, on, at in rows]

    # -- drafts ----------------------------------------------------------------------

    def save_draft(self, interview_id: int, draft: Draft) -> Draft:
        """Store a draft with its report as given; return it with its id.

        Raises:
            RecordNotFound: no such interview.
            StoreError: the database is locked, full or unwritable (nothing is saved).
        """
        from afterview.store import drafts

        with self._write("saving the draft") as db:
            self._interview_date(db, interview_id)
            return drafts.insert_draft(db, interview_id, draft, self.now())

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
            _check_on(on, interviewed)
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
        everything: bool = False,
        interview_id: int | None = None,
    ) -> T:
        """``consume(records)`` over the stored interviews' due records, in one read transaction.

        The records stream from SQL (``store.due.due_records``) while ``consume`` reads
        them: by default only the interviews that can have a note to list; with
        ``everything`` all of them; with ``interview_id`` that one.

        Raises:
            RecordNotFound: ``interview_id`` is not stored.
        """
        from afterview.store.due import due_records

        with self._read("reading the due notes") as db:
            if interview_id is not None:
                self._interview_date(db, interview_id)
            return consume(due_records(db, everything=everything, interview_id=interview_id))


def _claim_renames(
    stored: dict[str, tuple[int, str]], renamed: Mapping[str, str], incoming: set[str]
) -> dict[str, tuple[int, str]]:
    """Take the renamed interviewers out of ``stored``: new name key -> (id, old name).

    A rename that only changes case or spacing is left to the match by name, which
    already keeps the row; so is one whose old name is not stored or whose new name is
    not in the edited interview.
    """
    claimed: dict[str, tuple[int, str]] = {}
    for old, new in renamed.items():
        old_key, new_key = name_key(old), name_key(new)
        if old_key != new_key and old_key in stored and new_key in incoming and new_key not in claimed:
            claimed[new_key] = stored.pop(old_key)
    return claimed


def _move_notes(db: sqlite3.Connection, interview_id: int, moves: list[tuple[str, str, str, str]]) -> None:
    """Move drafts and sent-log rows from old to new names: ``(old key, new key, old, new)``.

    One UPDATE per table, so every row is matched on its key from before the edit (two
    interviewers that swap names swap their notes, never merge them).
    """
    if not moves:
        return
    keys = [old_key for old_key, *_ in moves]
    cases = " ".join("WHEN ? THEN ?" for _ in moves)
    marks = ", ".join("?" for _ in moves)
    names = [value for old_key, _, _, new in moves for value in (old_key, new)]
    new_keys = [value for old_key, new_key, _, _ in moves for value in (old_key, new_key)]
    for table in ("drafts", "sent_log"):
        db.execute(
            f"UPDATE {table} SET recipient = CASE recipient_key {cases} END, recipient_key = CASE recipient_key {cases} END "
            f"WHERE interview_id = ? AND recipient_key IN ({marks})",
            (*names, *new_keys, interview_id, *keys),
        )


def _check_on(on: date, interviewed: date) -> None:
    """Refuse a status or sent date before the interview or past the calendar's range."""
    if problem := date_problem(on):
        raise InputError(f"--on {on}: {problem}")
    if on < interviewed:
        raise InputError(f"--on {on}: is before the interview ({interviewed})")
