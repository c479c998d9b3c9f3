"""The schedules in ``guardrails/timing.toml`` give the rows the hand-written rules gave.

``tests/timing_before.py`` is the advisor as it was (a function per note type, day counts
as constants); here both run on generated records, sent logs and days, across the whole
calendar (dates near 0001-01-01 and 9999-12-31 included), with and without the
not_applicable rows, and must agree row for row: rule, state, day and sentence.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.timing import NOTE_TYPES, Advisor
from timing_before import Before

NAMES = ["Ana Ruiz", "ana  ruiz", "Bo Li", "Cy", "Zoë"]
STATUSES = ["awaiting", "offered", "rejected", "withdrawn", "on_hold"]


@dataclass(frozen=True)
class Record:
    interview_date: date
    decision_date: date | None = None
    status: str = "awaiting"
    status_date: date | None = None
    recipient_names: list[str] = field(default_factory=lambda: ["Ana Ruiz"])
    contact_name: str = "Ana Ruiz"
    offer_deadline: date | None = None
    award_date: date | None = None


def same_rows(record: Record, today: date, sent: list) -> None:
    for wordy in (True, False):
        new = Advisor(today, include_not_applicable=wordy).advise(record, sent, ordered=False)
        old = Before(today, wordy=wordy).advise(record, sent)
        assert new == old, (record, today, sent, wordy)


# Mostly near one another (so every state is reached), sometimes at the calendar's ends.
near = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 3, 31))
ends = st.dates(min_value=date(9999, 12, 1), max_value=date.max) | st.dates(max_value=date(1, 1, 31))
days = near | ends
maybe = st.none() | days
records = st.builds(
    Record,
    interview_date=days,
    decision_date=maybe,
    status=st.sampled_from(STATUSES),
    status_date=maybe,
    recipient_names=st.lists(st.sampled_from(NAMES), max_size=4),
    contact_name=st.sampled_from(NAMES),
    offer_deadline=maybe,
    award_date=maybe,
)
sent_notes = st.lists(st.tuples(st.sampled_from([*NOTE_TYPES, "memo"]), st.sampled_from(NAMES), days), max_size=5)


@settings(max_examples=600, deadline=None)
@given(record=records, today=days, sent=sent_notes)
def test_the_schedules_agree_with_the_hand_written_rules(record: Record, today: date, sent: list) -> None:
    same_rows(record, today, sent)


def test_they_agree_on_a_sweep_of_seeded_records() -> None:
    # Every state of every rule, reached many times: dates within a few weeks of today.
    rng = random.Random(20261124)
    today = date(2026, 2, 1)

    def around() -> date | None:
        return None if rng.random() < 0.3 else today + timedelta(days=rng.randint(-40, 20))

    reached = set()
    for _ in range(3000):
        record = Record(
            interview_date=today + timedelta(days=rng.randint(-40, 5)),
            decision_date=around(),
            status=rng.choice(STATUSES),
            status_date=around(),
            recipient_names=rng.sample(NAMES, rng.randint(1, 3)),
            contact_name=rng.choice(NAMES),
            offer_deadline=around(),
            award_date=around(),
        )
        sent = [
            (rng.choice(NOTE_TYPES), rng.choice(NAMES), today - timedelta(days=rng.randint(0, 30)))
            for _ in range(rng.choice([0, 0, 1, 2, 3]))
        ]
        same_rows(record, today, sent)
        reached.update((row.rule, row.state) for row in Advisor(today).advise(record, sent))
    # The sweep is only worth something if it reached every rule in every state it has.
    from afterview.timing_data import shipped_timing

    every = {(rule, state) for rule, sentences in shipped_timing().reasons.items() for state in sentences}
    assert reached == every, every - reached
