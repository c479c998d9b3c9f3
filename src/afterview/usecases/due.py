"""What is due: for an interview file's record, one stored interview, or every stored one.

Both faces ask here (``afterview due``, the dashboard, the studio's "why now", the
calendar export). The store streams its rows as SQL gives them (``Store.read_due``, with
the sent notes' recipients already as name keys), narrowed by the terms the advisor
gives (``afterview.timing.listable``); the timing advisor decides each row;
this module applies the one order every list uses: most urgent first, then by interview.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from afterview.notes import NOTE_TYPES, TYPE_RANK
from afterview.timing import STATE_RANK, Advice, Advisor, SentLog, advise, listable

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
        with _no_cycle_collection():
            return sorted(_advise(records, today, include_not_applicable, ordered=False), key=_urgency)

    # Without the not_applicable rows, the store reads only the interviews that can have
    # another row: the terms for that come from the advisor, as plain statuses and types.
    return store.read_due(every, where=None if include_not_applicable else listable())


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    # A long list is hundreds of thousands of tuples and not one reference cycle: the
    # cyclic collector's passes over them (a tenth of the run) find nothing to free.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


def _urgency(
    item: tuple[InterviewRow, Advice],
    state_rank=STATE_RANK.get,
    type_rank=TYPE_RANK.get,
    no_state=len(STATE_RANK),
    no_type=len(NOTE_TYPES),
) -> tuple[int, date, int, str, int]:
    # Most urgent first, as the advisor orders one interview's rows; then by interview.
    # (The ranks' lookups are bound once: this runs for every row of the list.)
    row, (note_type, recipient, state, due, _, _) = item
    return (
        state_rank(state, no_state),
        due or date.min,
        type_rank(note_type, no_type),
        recipient.casefold(),
        row.id,
    )
