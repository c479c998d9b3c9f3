"""What is due: for an interview file's record, one stored interview, or every stored one.

Both faces ask here (``afterview due``, the dashboard, the studio's "why now", the
calendar export). The store streams its rows as SQL gives them (``Store.read_due``, with
the sent notes' recipients already as name keys); the timing advisor decides each row;
this module applies the one order every list uses: most urgent first, then by interview.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from afterview.notes import NOTE_TYPES, TYPE_RANK
from afterview.timing import STATE_RANK, Advice, Advisor, SentLog, advise

if TYPE_CHECKING:
    from afterview.domain import Interview
    from afterview.store import Store
    from afterview.store.due import DueRecord
    from afterview.store.rows import InterviewRow


def due_for_record(
    interview: Interview,
    today: date,
    sent: Iterable[tuple[str, str, date]] = (),
    *,
    include_not_applicable: bool = False,
) -> list[Advice]:
    """The advice for a record that is not stored (an interview file), most urgent first.

    Args:
        sent: notes already sent, as ``(type value, recipient name, day)``.
        include_not_applicable: also the notes that do not apply, with their reasons.
    """
    return advise(interview, today, sent, include_not_applicable=include_not_applicable)


def due_for_stored(
    store: Store, interview_id: int, today: date, *, include_not_applicable: bool = False
) -> list[Advice]:
    """The advice for one stored interview, with its sent log applied.

    Raises:
        RecordNotFound: no such interview.
    """

    def one(records: Iterator[DueRecord]) -> list[Advice]:
        return [advice for _, advice in _advise(records, today, include_not_applicable)]

    return store.read_due(one, interview_id=interview_id)


def due_everywhere(
    store: Store, today: date, *, include_not_applicable: bool = False
) -> list[tuple[InterviewRow, Advice]]:
    """Notes still to send across every stored interview, most urgent first.

    Each item is ``(row, advice)``: ``row`` has ``id``, ``company``, ``role`` and the
    fields the advisor reads. Not-applicable rows only with ``include_not_applicable``.
    """

    def every(records: Iterator[DueRecord]) -> list[tuple[InterviewRow, Advice]]:
        return sorted(_advise(records, today, include_not_applicable, ordered=False), key=_urgency)

    return store.read_due(every, everything=include_not_applicable)


def _advise(
    records: Iterator[DueRecord], today: date, include_not_applicable: bool, *, ordered: bool = True
) -> Iterator[tuple[InterviewRow, Advice]]:
    # ``ordered=False`` when every row is sorted together afterwards (``_urgency`` puts
    # one interview's rows in the advisor's own order too).
    advisor = Advisor(today, include_not_applicable=include_not_applicable)
    for row, sent in records:
        log = SentLog(sent, keyed=True)
        for advice in advisor.advise(row, log, recipient_keys=row.recipient_keys, ordered=ordered):
            yield row, advice


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
