"""Drafts in the database: insert, edit, read, and the notes a panel reads side by side.

Functions over an open connection, called by ``Store`` inside its transactions. This
module imports the pydantic models; ``due`` and ``list`` never import it.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from afterview.findings import Report
from afterview.domain import Draft
from afterview.frozen import replace
from afterview.names import name_key
from afterview.store.codec import DRAFT_COLUMNS, draft_from_row, draft_values, report_to_json
from afterview.store.rows import DraftSummary

_SELECT = f"SELECT id, {', '.join(DRAFT_COLUMNS)}, edited_at FROM drafts"


def other_notes(db: sqlite3.Connection, interview_id: int, recipient: str) -> list[tuple[str, str]]:
    """``(recipient, body)`` of the notes a panel may read beside one to ``recipient``.

    Of each type to every other recipient, the draft they are likeliest to get: the
    newest of the first variants of each batch (the one shown first) and the drafts the
    person edited; then every note sent to them (the text as it was sent), oldest first
    within each. Variants a person has not picked are not compared: they differ from
    each other's on purpose, and the check would warn about notes nobody sends.
    """
    key = name_key(recipient)
    drafts = db.execute(
        "SELECT recipient, body FROM drafts WHERE id IN ("
        "  SELECT max(id) FROM drafts WHERE interview_id = ? AND recipient_key != ?"
        "  AND (leads_batch OR edited_at IS NOT NULL) GROUP BY recipient_key, note_type) ORDER BY id",
        (interview_id, key),
    ).fetchall()
    sent = db.execute(
        "SELECT recipient, body FROM sent_log WHERE interview_id = ? AND recipient_key != ? AND body IS NOT NULL "
        "ORDER BY id",
        (interview_id, key),
    ).fetchall()
    return [tuple(row) for row in (*drafts, *sent)]


def insert_draft(
    db: sqlite3.Connection, interview_id: int, draft: Draft, now: datetime, *, leads_batch: bool = True
) -> Draft:
    """Store ``draft`` for the interview; return it with its id.

    ``leads_batch`` is False for the second and later variants saved together.
    """
    report = draft.report
    created = draft.created_at or now
    marks = ", ".join("?" for _ in DRAFT_COLUMNS)
    cursor = db.execute(
        f"INSERT INTO drafts (interview_id, {', '.join(DRAFT_COLUMNS)}, leads_batch) VALUES (?, {marks}, ?)",
        (interview_id, *draft_values(draft, report, created), int(leads_batch)),
    )
    return replace(draft, id=cursor.lastrowid, report=report, created_at=created)


def owner_of(db: sqlite3.Connection, draft_id: int) -> tuple[int, str] | None:
    """``(interview id, recipient)`` of a stored draft, or None."""
    return db.execute("SELECT interview_id, recipient FROM drafts WHERE id = ?", (draft_id,)).fetchone()


def update_body(
    db: sqlite3.Connection, draft_id: int, body: str, report: Report, subject: str | None, now: datetime
) -> None:
    """Replace a stored draft's body (and subject) and its report."""
    db.execute(
        "UPDATE drafts SET body = ?, subject = coalesce(?, subject), report = ?, edited_at = ? WHERE id = ?",
        (body, subject, report_to_json(report), now.isoformat(), draft_id),
    )


def select_drafts(
    db: sqlite3.Connection,
    interview_id: int,
    note_type: str | None = None,
    recipient: str | None = None,
    *,
    latest: bool = False,
) -> list[Draft]:
    """Stored drafts of an interview, oldest first (``latest``: only the newest one)."""
    sql, params = f"{_SELECT} WHERE interview_id = ?", [interview_id]
    if note_type is not None:
        sql += " AND note_type = ?"
        params.append(str(note_type))
    if recipient is not None:
        sql += " AND recipient_key = ?"
        params.append(name_key(recipient))
    sql += " ORDER BY id DESC LIMIT 1" if latest else " ORDER BY id"
    return [draft_from_row(row) for row in _rows(db, sql, params)]


def select_draft(db: sqlite3.Connection, draft_id: int) -> Draft | None:
    """One stored draft by id, or None."""
    rows = _rows(db, f"{_SELECT} WHERE id = ?", (draft_id,))
    return draft_from_row(rows[0]) if rows else None


def summaries(db: sqlite3.Connection, interview_id: int) -> list[DraftSummary]:
    """Every draft of an interview without its body, oldest first."""
    result = []
    for row in _rows(
        db,
        "SELECT id, note_type, recipient, tone, engine, subject, report, created_at, edited_at "
        "FROM drafts WHERE interview_id = ? ORDER BY id",
        (interview_id,),
    ):
        report = json.loads(row["report"])
        findings = report["findings"]
        result.append(
            DraftSummary(
                id=row["id"],
                note_type=row["note_type"],
                recipient=row["recipient"],
                tone=row["tone"],
                engine=row["engine"],
                subject=row["subject"],
                passed=not any(f["severity"] == "block" for f in findings),
                policy_version=report.get("policy_version"),
                created_at=datetime.fromisoformat(row["created_at"]),
                edited_at=datetime.fromisoformat(row["edited_at"]) if row["edited_at"] else None,
            )
        )
    return result


def _rows(db: sqlite3.Connection, sql: str, params) -> list[sqlite3.Row]:
    cursor = db.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params).fetchall()
