"""The dashboard's rows: each stored interview with the next note due, most urgent first.

Pure and stdlib-only (no Textual, no pydantic), so 10,000 interviews cost a sort and a
few string operations. The store's light rows and the advisor's ``Advice`` rows go in;
``DashboardRow`` objects with display labels come out. Urgency is the advisor's own
(``afterview.timing.STATE_RANK``), imported with the advisor's pass: the first frame
and the first, unadvised listing need none of the timing tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from afterview.notes import NOTE_LABELS


class InterviewSummary(Protocol):
    """What the dashboard reads from a stored interview (the store's light row)."""

    @property
    def id(self) -> int: ...
    @property
    def company(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def status(self) -> Any: ...
    @property
    def interview_date(self) -> date: ...


@dataclass(slots=True)
class DashboardRow:
    """One line of the dashboard (read-only by convention).

    Not ``frozen``: a frozen dataclass sets each field through ``object.__setattr__``,
    which made building 10,000 rows cost more than reading them from SQLite.

    Attributes:
        interview_id: the stored interview's id.
        company, role, status: as stored (status as its plain value).
        interview_date: the day of the interview.
        note_type: the next note's type value, or None when nothing is left to send.
        recipient: who the next note goes to.
        state: ``late``, ``due``, ``upcoming`` or None.
        due: the day the next note is due from.
        reason: the advisor's sentence for it.
        advised: False while the advisor has not run yet (the note column shows "…").
    """

    interview_id: int
    company: str
    role: str
    status: str
    interview_date: date
    note_type: str | None = None
    recipient: str | None = None
    state: str | None = None
    due: date | None = None
    reason: str = ""
    advised: bool = True
    send_now: int = 0
    """How many of the interview's notes are late or due (one per recipient and type),
    the count the studio's "Which note?" list shows as LATE or due."""

    def sort_key(self, state_rank: Mapping[str, int]) -> tuple[int, date, str, int]:
        """Late first, then due, then upcoming by date; interviews with nothing to send last.

        Args:
            state_rank: the advisor's order of states (``afterview.timing.STATE_RANK``).
        """
        rank = state_rank.get(self.state or "", len(state_rank))
        return (rank, self.due or self.interview_date, self.company.casefold(), self.interview_id)

    @property
    def note_label(self) -> str:
        """``thank-you → Jordan`` (first name only, to fit 80 columns), or a dash."""
        if not self.advised:
            return "…"
        if self.note_type is None:
            return "nothing to send"
        label = NOTE_LABELS.get(self.note_type, self.note_type.replace("_", " "))
        first = (self.recipient or "").split()
        return f"{label} → {first[0]}" if first else label

    def note_text(self, width: int) -> str:
        """``note_label``, without the recipient when both do not fit in ``width``."""
        full = self.note_label
        if len(full) <= width or self.note_type is None:
            return full
        return NOTE_LABELS.get(self.note_type, self.note_type)

    def due_label(self, today: date) -> str:
        """How urgent the next note is, in words that survive NO_COLOR."""
        if self.state is None or self.due is None:
            return ""
        if self.state == "late":
            return f"LATE ({_short(self.due, today)})"
        if self.state == "due":
            return "DUE TODAY" if self.due >= today else "DUE NOW"
        ahead = (self.due - today).days
        return "tomorrow" if ahead == 1 else f"in {ahead} days" if ahead < 14 else _short(self.due, today)

    def matches(self, query: str) -> bool:
        """Filter match: every word of ``query`` in company, role, status, note or recipient."""
        haystack = " ".join(
            part for part in (self.company, self.role, self.status, self.note_label, self.recipient or "", self.state or "")
        ).casefold()
        return all(word in haystack for word in query.casefold().split())


@dataclass(frozen=True, slots=True)
class Listing:
    """One step of the dashboard's loading: rows to show, and how many interviews exist.

    The first step is the newest page only (``total`` says how many more are coming),
    then every interview unadvised, then every one with its next note.
    """

    rows: list[DashboardRow]
    total: int

    @property
    def complete(self) -> bool:
        """True when every stored interview is in ``rows``."""
        return len(self.rows) >= self.total


def build_rows(
    interviews: Iterable[InterviewSummary], next_by_id: Mapping[int, Any] | None, send_now: Mapping[int, int] | None = None
) -> list[DashboardRow]:
    """Join interviews with their next note and sort by urgency.

    Args:
        interviews: the store's light rows.
        next_by_id: interview id -> its next actionable ``Advice`` (absent: nothing to
            send); None when the advisor has not run yet: rows come newest first, unadvised.
        send_now: interview id -> how many of its notes are late or due (``count_send_now``).
    """
    if next_by_id is None:  # the first listing, before the advisor: kept to the bare columns
        rows = [
            DashboardRow(item.id, item.company, item.role, _plain(item.status), item.interview_date, advised=False)
            for item in interviews
        ]
        rows.sort(key=lambda row: (row.interview_date, row.interview_id), reverse=True)
        return rows
    send_now = send_now or {}
    rows = []
    for item in interviews:
        advice = next_by_id.get(item.id)
        rows.append(
            DashboardRow(
                interview_id=item.id,
                company=item.company,
                role=item.role,
                status=_plain(item.status),
                interview_date=item.interview_date,
                note_type=str(getattr(advice.type, "value", advice.type)) if advice else None,
                recipient=advice.recipient if advice else None,
                state=advice.state if advice else None,
                due=advice.due if advice else None,
                reason=advice.reason if advice else "",
                send_now=send_now.get(item.id, 0),
            )
        )
    from afterview.timing import STATE_RANK

    rows.sort(key=lambda row: row.sort_key(STATE_RANK))
    return rows


def _plain(status: Any) -> str:
    """A status as its plain value (the store gives strings, records give enums)."""
    return status if type(status) is str else str(getattr(status, "value", status))


def first_by_interview(due_rows: Iterable[tuple[Any, Any]]) -> dict[int, Any]:
    """From ``store.due(today)``'s ``(row, Advice)`` pairs, the most urgent advice per interview.

    ``store.due`` lists the pairs most urgent first (state, then date), so the first
    actionable pair of each interview is its most urgent: no second sort here.
    """
    from afterview.timing import ACTIONABLE_STATES

    chosen: dict[int, Any] = {}
    for where, advice in due_rows:
        if advice.state in ACTIONABLE_STATES:
            chosen.setdefault(where.id, advice)
    return chosen


def count_send_now(due_rows: Iterable[tuple[Any, Any]]) -> dict[int, int]:
    """From ``store.due(today)``'s pairs, how many late or due notes each interview has."""
    counts: dict[int, int] = {}
    for where, advice in due_rows:
        if advice.state in ("late", "due"):
            counts[where.id] = counts.get(where.id, 0) + 1
    return counts


def _short(day: date, today: date) -> str:
    """``Mar 16`` within the current year, ``2027-01-04`` otherwise."""
    return day.strftime("%b %d").replace(" 0", " ") if day.year == today.year else day.isoformat()
