"""The timing advisor: every rule at its boundaries, the sent log, status changes, order."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.timing import (
    ACTIONABLE_STATES,
    NOTE_TYPES,
    RULES,
    STATE_RANK,
    STATES,
    TYPE_RANK,
    Advice,
    Advisor,
    InterviewLike,
    SentNote,
    advise,
    due_now,
)

INTERVIEW = date(2026, 11, 24)


def day(offset: int, base: date = INTERVIEW) -> date:
    """``base`` moved by ``offset`` days."""
    return base + timedelta(days=offset)


@dataclass(frozen=True)
class Record:
    """A plain stand-in for a store row: the protocol's attributes and nothing else."""

    interview_date: date = INTERVIEW
    decision_date: date | None = None
    status: str = "awaiting"
    status_date: date | None = None
    recipient_names: list[str] = field(default_factory=lambda: ["Ana Ruiz", "Bo Li"])
    contact_name: str = "Bo Li"
    offer_deadline: date | None = None
    award_date: date | None = None


def only(rows: list[Advice], note_type: str, recipient: str | None = None) -> Advice:
    """The single row of ``note_type`` (to ``recipient``), failing if there is not exactly one."""
    found = [r for r in rows if r.type == note_type and (recipient is None or r.recipient == recipient)]
    assert len(found) == 1, found
    return found[0]


def types_listed(rows: list[Advice]) -> list[str]:
    return [r.type for r in rows]


# --- thank-you -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "state"),
    [(-3, "upcoming"), (-1, "upcoming"), (0, "due"), (1, "due"), (2, "late"), (30, "late")],
)
def test_thank_you_window_per_interviewer(offset: int, state: str) -> None:
    rows = advise(Record(), day(offset))
    for name in ("Ana Ruiz", "Bo Li"):
        row = only(rows, "thank_you", name)
        assert (row.state, row.due, row.rule) == (state, INTERVIEW, "thank_you.same_day")


def test_thank_you_late_reason_names_rule_and_date() -> None:
    row = only(advise(Record(), day(5)), "thank_you", "Ana Ruiz")
    assert row.reason == (
        "Thank-you notes go out the day of the interview or the day after; "
        "this one is late since 2026-11-26, but still worth sending today."
    )


def test_thank_you_due_and_upcoming_reasons_give_the_window() -> None:
    assert "by 2026-11-25" in only(advise(Record(), day(0)), "thank_you", "Bo Li").reason
    upcoming = only(advise(Record(), day(-1)), "thank_you", "Bo Li").reason
    assert "2026-11-24" in upcoming and "2026-11-25" in upcoming


def test_thank_you_never_asks_about_the_timeline() -> None:
    for offset in (-1, 0, 1, 2):
        for row in advise(Record(), day(offset)):
            if row.type == "thank_you":
                assert "decide" not in row.reason and "timeline" not in row.reason


def test_sent_thank_you_matches_name_ignoring_case_and_spacing() -> None:
    rows = advise(Record(), day(1), [("thank_you", "  ana   RUIZ ", day(0))])
    assert [r.recipient for r in rows if r.type == "thank_you"] == ["Bo Li"]


def test_sent_thank_you_to_someone_else_or_other_type_does_not_count() -> None:
    sent = [("thank_you", "Ana Ruizz", day(0)), ("follow_up", "Bo Li", day(0))]
    rows = advise(Record(), day(1), sent)
    assert {r.recipient for r in rows if r.type == "thank_you"} == {"Ana Ruiz", "Bo Li"}


def test_sent_accepts_sent_notes_enums_and_datetimes() -> None:
    from afterview.domain import NoteType

    sent = [SentNote(NoteType.THANK_YOU, "Ana Ruiz", day(0)), (NoteType.THANK_YOU, "bo li", datetime(2026, 11, 24, 9))]
    assert not [r for r in advise(Record(), day(1), sent) if r.type == "thank_you"]


def test_duplicate_interviewer_names_give_one_thank_you() -> None:
    rows = advise(Record(recipient_names=["Ana Ruiz", "ANA RUIZ", "Bo Li"]), day(0))
    assert sorted(r.recipient for r in rows if r.type == "thank_you") == ["Ana Ruiz", "Bo Li"]


@pytest.mark.parametrize("status", ["offered", "withdrawn", "rejected"])
def test_unsent_thank_yous_survive_any_status(status: str) -> None:
    rows = advise(Record(status=status, status_date=day(1)), day(1), [("thank_you", "Bo Li", day(0))])
    assert only(rows, "thank_you").recipient == "Ana Ruiz"
    assert only(rows, "thank_you").state == "due"


# --- follow-up -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "state"),
    [(-7, "upcoming"), (-1, "upcoming"), (0, "due"), (1, "due"), (6, "due"), (7, "late"), (20, "late")],
)
def test_follow_up_a_week_after_the_decision_date(offset: int, state: str) -> None:
    decision = day(3)
    start = day(7, decision)
    row = only(advise(Record(decision_date=decision), day(offset, start)), "follow_up")
    assert (row.state, row.due, row.rule, row.recipient) == (state, start, "follow_up.after_decision", "Bo Li")
    assert "2026-11-27" in row.reason


def test_follow_up_late_reason_says_since_when() -> None:
    decision = day(3)
    row = only(advise(Record(decision_date=decision), day(14, decision)), "follow_up")
    assert "late since 2026-12-11" in row.reason and "2026-12-04" in row.reason


@pytest.mark.parametrize(("offset", "state"), [(-1, "upcoming"), (0, "due"), (6, "due"), (7, "late")])
def test_follow_up_without_decision_date_two_weeks_after_interview(offset: int, state: str) -> None:
    start = day(14)
    row = only(advise(Record(), day(offset, start)), "follow_up")
    assert (row.state, row.due, row.rule) == (state, start, "follow_up.no_decision_date")
    assert "ask when they expect to decide" in row.reason and "never the thank-you" in row.reason


@pytest.mark.parametrize(("offset", "state"), [(-1, "upcoming"), (0, "due"), (6, "due"), (7, "late")])
def test_second_follow_up_a_week_after_the_first(offset: int, state: str) -> None:
    first = day(20)
    start = day(7, first)
    rows = advise(Record(decision_date=day(3)), day(offset, start), [("follow_up", "Bo Li", first)])
    row = only(rows, "follow_up")
    assert (row.state, row.due, row.rule) == (state, start, "follow_up.second")
    assert "2026-12-14" in row.reason


@pytest.mark.parametrize("count", [2, 3])
def test_stop_after_two_follow_ups(count: int) -> None:
    sent = [("follow_up", "Bo Li", day(20 + 7 * i)) for i in reversed(range(count))]
    row = only(advise(Record(decision_date=day(3)), day(60), sent), "follow_up")
    assert (row.state, row.due, row.rule) == ("stop", None, "follow_up.stop_after_two")
    assert "focus on other applications" in row.reason
    assert f"sent {count} follow-ups, the last on {day(20 + 7 * (count - 1))}" in row.reason


def test_follow_ups_count_whoever_they_went_to_and_duplicates_once() -> None:
    to_old_contact = [("follow_up", "Ana Ruiz", day(20)), ("follow_up", "Bo Li", day(27))]
    assert only(advise(Record(), day(40), to_old_contact), "follow_up").state == "stop"
    logged_twice = [("follow_up", "Bo Li", day(20)), ("follow_up", "bo li", day(20))]
    assert only(advise(Record(), day(40), logged_twice), "follow_up").rule == "follow_up.second"


@pytest.mark.parametrize("status", ["offered", "rejected", "withdrawn"])
def test_follow_up_not_applicable_once_decided(status: str) -> None:
    row = only(advise(Record(status=status, status_date=day(10)), day(30)), "follow_up")
    assert (row.state, row.due, row.rule) == ("not_applicable", None, "follow_up.not_applicable.status")
    assert status.removesuffix("n") in row.reason and "2026-12-04" in row.reason


# --- competing offer -------------------------------------------------------------------


def test_competing_offer_without_offer_is_not_applicable() -> None:
    row = only(advise(Record(), day(3)), "competing_offer")
    assert (row.state, row.rule) == ("not_applicable", "competing_offer.not_applicable.no_offer")
    assert row.reason == "Record a competing offer (company and deadline) to write this note; never bluff about one."


@pytest.mark.parametrize(("deadline_offset", "state"), [(5, "due"), (1, "due"), (0, "due"), (-1, "not_applicable")])
def test_competing_offer_due_until_its_deadline(deadline_offset: int, state: str) -> None:
    today = day(3)
    deadline = day(deadline_offset, today)
    row = only(advise(Record(offer_deadline=deadline), today), "competing_offer")
    assert row.state == state
    assert deadline.isoformat() in row.reason
    if state == "due":
        assert (row.due, row.rule, row.recipient) == (today, "competing_offer.before_deadline", "Bo Li")
    else:
        assert (row.due, row.rule) == (None, "competing_offer.not_applicable.deadline_passed")


def test_competing_offer_once_sent_is_not_listed() -> None:
    rows = advise(Record(offer_deadline=day(10)), day(3), [("competing_offer", "Bo Li", day(2))])
    assert "competing_offer" not in types_listed(rows)


def test_competing_offer_only_while_awaiting() -> None:
    row = only(advise(Record(offer_deadline=day(10), status="offered"), day(3)), "competing_offer")
    assert (row.state, row.rule) == ("not_applicable", "competing_offer.not_applicable.status")


# --- award update ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("award_offset", "today_offset", "state"),
    [(0, 0, "due"), (0, 40, "due"), (5, 4, "upcoming"), (5, 5, "due"), (5, 6, "due")],
)
def test_award_update_from_the_award_date(award_offset: int, today_offset: int, state: str) -> None:
    award = day(award_offset)
    row = only(advise(Record(award_date=award), day(today_offset)), "award_update")
    assert (row.state, row.due, row.rule) == (state, award, "award_update.after_interview")


def test_award_before_interview_is_not_applicable_and_says_why() -> None:
    row = only(advise(Record(award_date=day(-1)), day(3)), "award_update")
    assert (row.state, row.due, row.rule) == ("not_applicable", None, "award_update.not_applicable.before_interview")
    assert "2026-11-23" in row.reason and "2026-11-24" in row.reason and "before the interview" in row.reason


def test_award_update_missing_sent_or_decided() -> None:
    assert only(advise(Record(), day(3)), "award_update").rule == "award_update.not_applicable.no_award"
    sent = [("award_update", "Bo Li", day(4))]
    assert "award_update" not in types_listed(advise(Record(award_date=day(2)), day(5), sent))
    decided = Record(award_date=day(2), status="rejected", status_date=day(4))
    assert only(advise(decided, day(5)), "award_update").rule == "award_update.not_applicable.status"


# --- after a rejection -----------------------------------------------------------------

REJECTION_RULES = {"feedback_request": "after_rejection.feedback", "continued_interest": "after_rejection.keep_in_mind"}


@pytest.mark.parametrize(("offset", "state"), [(-1, "upcoming"), (0, "due"), (6, "due"), (7, "late"), (30, "late")])
@pytest.mark.parametrize("note_type", sorted(REJECTION_RULES))
def test_rejection_notes_a_week_from_the_status_date(note_type: str, offset: int, state: str) -> None:
    rejected = day(10)
    row = only(advise(Record(status="rejected", status_date=rejected), day(offset, rejected)), note_type)
    assert (row.state, row.due, row.rule, row.recipient) == (state, rejected, REJECTION_RULES[note_type], "Bo Li")
    assert "2026-12-04" in row.reason


def test_feedback_request_warns_that_silence_is_normal() -> None:
    row = only(advise(Record(status="rejected", status_date=day(10)), day(11)), "feedback_request")
    assert "many employers will not answer" in row.reason


@pytest.mark.parametrize("today_offset", [0, 40])
def test_undated_rejection_counts_from_today(today_offset: int) -> None:
    today = day(today_offset)
    for note_type in REJECTION_RULES:
        row = only(advise(Record(status="rejected"), today), note_type)
        assert (row.state, row.due) == ("due", today)
        assert "no date recorded" in row.reason and today.isoformat() in row.reason


def test_sent_rejection_note_is_not_listed() -> None:
    rows = advise(Record(status="rejected", status_date=day(10)), day(11), [("feedback_request", "Bo Li", day(11))])
    assert "feedback_request" not in types_listed(rows)
    assert only(rows, "continued_interest").state == "due"


def test_rejection_notes_not_applicable_while_awaiting() -> None:
    rows = advise(Record(), day(3))
    for note_type in REJECTION_RULES:
        row = only(rows, note_type)
        assert (row.state, row.rule) == ("not_applicable", f"{note_type}.not_applicable.status")
        assert "awaiting a decision" in row.reason


# --- status changes --------------------------------------------------------------------


@pytest.mark.parametrize("status", ["offered", "withdrawn"])
def test_after_offer_or_withdrawal_only_unsent_thank_yous_remain(status: str) -> None:
    record = Record(status=status, status_date=day(9), offer_deadline=day(20), award_date=day(5), decision_date=day(3))
    rows = advise(record, day(10), [("thank_you", "Ana Ruiz", day(0))])
    active = [(r.type, r.recipient) for r in rows if r.state != "not_applicable"]
    assert active == [("thank_you", "Bo Li")]
    inactive = [r for r in rows if r.state == "not_applicable"]
    assert sorted(r.type for r in inactive) == sorted(NOTE_TYPES[1:])
    for row in inactive:
        assert row.rule == f"{row.type}.not_applicable.status"
        assert status.removesuffix("n") in row.reason and "2026-12-03" in row.reason


def test_unknown_status_leaves_only_thank_yous() -> None:
    rows = advise(Record(status="on_hold"), day(1))
    assert {r.type for r in rows if r.state != "not_applicable"} == {"thank_you"}
    assert all("'on_hold'" in r.reason for r in rows if r.state == "not_applicable")


# --- order, output, protocol -----------------------------------------------------------


def test_rows_ordered_by_state_then_date_then_type_then_recipient() -> None:
    record = Record(recipient_names=["Zoe", "ana"], contact_name="Zoe", offer_deadline=day(5), award_date=day(4))
    sent = [("follow_up", "Zoe", day(0)), ("follow_up", "Zoe", day(1))]
    rows = advise(record, day(2), sent)
    assert [(r.state, r.type, r.recipient) for r in rows] == [
        ("late", "thank_you", "ana"),
        ("late", "thank_you", "Zoe"),
        ("due", "competing_offer", "Zoe"),
        ("upcoming", "award_update", "Zoe"),
        ("stop", "follow_up", "Zoe"),
        ("not_applicable", "feedback_request", "Zoe"),
        ("not_applicable", "continued_interest", "Zoe"),
    ]


def test_earlier_date_comes_before_type_order() -> None:
    # The award update (due since the interview day) outranks the competing offer (due from today).
    rows = advise(Record(offer_deadline=day(9), award_date=day(0)), day(3), [("thank_you", "Ana Ruiz", day(0))])
    assert [r.type for r in rows if r.state == "due"] == ["award_update", "competing_offer"]


def test_to_dict_is_the_json_shape() -> None:
    rows = advise(Record(), day(0))
    payload = json.loads(json.dumps([r.to_dict() for r in rows]))
    first = payload[0]
    assert set(first) == {"type", "recipient", "state", "due", "rule", "reason"}
    assert first["due"] == "2026-11-24"
    assert any(item["due"] is None for item in payload)


def test_due_now_keeps_late_and_due_rows() -> None:
    rows = advise(Record(offer_deadline=day(9)), day(2), [("thank_you", "Ana Ruiz", day(0))])
    assert [(r.state, r.type) for r in due_now(rows)] == [("late", "thank_you"), ("due", "competing_offer")]


def test_advice_is_frozen() -> None:
    row = advise(Record(), day(0))[0]
    with pytest.raises(AttributeError):
        row.state = "due"  # type: ignore[misc]


def test_domain_interview_gives_the_same_rows_as_a_plain_record() -> None:
    from afterview.domain import Interview

    interview = Interview.from_data({
        "company": "Acme",
        "role": "Engineer",
        "interview_date": INTERVIEW,
        "decision_date": day(3),
        "status": "awaiting",
        "interviewers": [{"name": "Ana Ruiz"}, {"name": "Bo Li", "contact": True}],
        "competing_offer": {"company": "Other", "deadline": day(12)},
        "award": {"name": "Prize", "date": day(2)},
    })  # fmt: skip
    assert isinstance(interview, InterviewLike)
    record = Record(decision_date=day(3), offer_deadline=day(12), award_date=day(2))
    sent = [("thank_you", "ana ruiz", day(0))]
    for offset in (-1, 1, 5, 10, 15):
        assert advise(interview, day(offset), sent) == advise(record, day(offset), sent)


def test_works_on_a_simple_namespace_and_reads_only_the_protocol() -> None:
    members = {name for name in vars(InterviewLike) if not name.startswith("_")}
    values = {
        "interview_date": INTERVIEW,
        "decision_date": None,
        "status": "rejected",
        "status_date": day(5),
        "recipient_names": ["Ana Ruiz"],
        "contact_name": "Ana Ruiz",
        "offer_deadline": day(9),
        "award_date": day(1),
    }
    assert set(values) == members
    read: set[str] = set()

    class Recording(SimpleNamespace):
        def __getattribute__(self, name: str) -> object:
            if not name.startswith("__"):
                read.add(name)
            return super().__getattribute__(name)

    rows = advise(Recording(**values), day(6))
    assert only(rows, "feedback_request").state == "due"
    assert read <= members
    # Every member is needed somewhere: an awaiting record reads the rest.
    advise(Recording(**{**values, "status": "awaiting"}), day(6))
    assert read == members


def test_today_may_be_a_datetime() -> None:
    assert advise(Record(), datetime(2026, 11, 26, 23, 59)) == advise(Record(), day(2))


def test_import_does_not_pull_pydantic_or_the_rest_of_the_package() -> None:
    code = (
        "import sys, afterview.timing\n"
        "print(sorted(m for m in sys.modules if m == 'pydantic' or m.startswith(('pydantic.', 'afterview'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # The vocabulary table, its data loader and the stdlib-only helpers it shares (dates, errors,
    # the named tuples' base, name keys).
    names = ["afterview", "afterview.dates", "afterview.errors", "afterview.frozen", "afterview.names", "afterview.notes",
             "afterview.timing"]
    assert result.stdout.strip() == str([*names, "afterview.timing_data", "afterview.timing_rows"])


# --- properties ------------------------------------------------------------------------

STATE_ORDER = ["late", "due", "upcoming", "stop", "not_applicable"]
NAMES = ["Ana Ruiz", "ana ruiz", " Bo  Li", "Cy", "Zoë"]
dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
maybe_dates = st.none() | dates
records = st.builds(
    Record,
    interview_date=dates,
    decision_date=maybe_dates,
    status=st.sampled_from(["awaiting", "offered", "rejected", "withdrawn", "on_hold"]),
    status_date=maybe_dates,
    recipient_names=st.lists(st.sampled_from(NAMES), max_size=4),
    contact_name=st.sampled_from(NAMES),
    offer_deadline=maybe_dates,
    award_date=maybe_dates,
)
sent_notes = st.lists(st.tuples(st.sampled_from([*NOTE_TYPES, "memo"]), st.sampled_from(NAMES), dates), max_size=6)


def in_documented_order(a: Advice, b: Advice) -> bool:
    """Whether ``a`` may come before ``b``: written apart from the module's own sort key."""
    if a.state != b.state:
        return STATE_ORDER.index(a.state) < STATE_ORDER.index(b.state)
    if a.due != b.due and a.due is not None and b.due is not None:
        return a.due < b.due
    if a.type != b.type:
        return NOTE_TYPES.index(a.type) < NOTE_TYPES.index(b.type)
    return a.recipient.casefold() <= b.recipient.casefold()


@settings(max_examples=300, deadline=None)
@given(record=records, today=dates, sent=sent_notes)
def test_advise_never_raises_and_keeps_its_promises(record: Record, today: date, sent: list) -> None:
    rows = advise(record, today, sent)
    for a, b in zip(rows, rows[1:]):
        assert in_documented_order(a, b), (a, b)
    sent_types = {t for t, _, _ in sent}
    for row in rows:
        assert row.state in STATES and row.rule in RULES
        assert (row.due is None) == (row.state in ("stop", "not_applicable"))
        assert row.reason.endswith(".") and ". " not in row.reason and "{" not in row.reason
        json.dumps(row.to_dict())
    assert len([r for r in rows if r.type == "follow_up"]) == 1
    for note_type in NOTE_TYPES[2:]:
        assert len([r for r in rows if r.type == note_type]) == (0 if note_type in sent_types else 1)
    thanked = [" ".join(r.recipient.split()).casefold() for r in rows if r.type == "thank_you"]
    assert len(thanked) == len(set(thanked))


@settings(max_examples=100, deadline=None)
@given(batch=st.lists(st.tuples(records, sent_notes), min_size=2, max_size=12), today=dates, wordy=st.booleans())
def test_one_advisor_for_many_interviews_says_what_each_alone_would(batch: list, today: date, wordy: bool) -> None:
    # The due list words each rule's row once and reuses it: no row may carry another
    # interview's dates or counts.
    advisor = Advisor(today, include_not_applicable=wordy)
    for record, sent in batch + batch[::-1]:
        assert advisor.advise(record, sent) == advise(record, today, sent, include_not_applicable=wordy)


def test_public_ranks_cover_every_state_and_type_in_listing_order() -> None:
    assert sorted(STATE_RANK, key=STATE_RANK.__getitem__) == ["late", "due", "upcoming", "stop", "not_applicable"]
    assert set(STATE_RANK) == set(STATES)
    assert set(ACTIONABLE_STATES) == {"late", "due", "upcoming"}
    assert [name for name, _ in sorted(TYPE_RANK.items(), key=lambda item: item[1])] == list(NOTE_TYPES)
