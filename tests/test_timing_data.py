"""``guardrails/timing.toml``: the schedules, held to what the advisor can do with them."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from afterview.errors import PolicyError
from afterview.resources import data_dir
from afterview.timing import RULES, advise
from afterview.timing_data import load_timing, shipped_timing

SHIPPED = data_dir("guardrails") / "timing.toml"
INTERVIEW = date(2026, 11, 24)


class Record:
    """An awaiting interview with a decision date, as the advisor reads it."""

    interview_date = INTERVIEW
    decision_date = INTERVIEW + timedelta(days=10)
    status = "awaiting"
    status_date = None
    recipient_names = ("Ana Ruiz",)
    contact_name = "Ana Ruiz"
    offer_deadline = None
    award_date = None


@pytest.fixture
def timing_file(tmp_path: Path) -> Path:
    """A copy of the shipped file, to edit."""
    folder = tmp_path / "guardrails"
    folder.mkdir()
    return Path(shutil.copy(SHIPPED, folder / "timing.toml"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


RUNNING = {"upcoming", "due", "late"}
STATES_REACHED = {
    "thank_you.same_day": RUNNING,
    "follow_up.after_decision": RUNNING,
    "follow_up.no_decision_date": RUNNING,
    "follow_up.second": RUNNING,
    "follow_up.stop_after_two": {"stop"},
    "competing_offer.before_deadline": {"due"},  # due from today: never upcoming, never late
    "award_update.after_interview": {"upcoming", "due"},  # never late
    "after_rejection.feedback": RUNNING,
    "after_rejection.keep_in_mind": RUNNING,
    "follow_up.not_applicable.status": {"not_applicable"},
    "competing_offer.not_applicable.status": {"not_applicable"},
    "competing_offer.not_applicable.no_offer": {"not_applicable"},
    "competing_offer.not_applicable.deadline_passed": {"not_applicable"},
    "award_update.not_applicable.status": {"not_applicable"},
    "award_update.not_applicable.no_award": {"not_applicable"},
    "award_update.not_applicable.before_interview": {"not_applicable"},
    "feedback_request.not_applicable.status": {"not_applicable"},
    "continued_interest.not_applicable.status": {"not_applicable"},
}


def test_the_shipped_file_has_a_sentence_for_every_rule_and_state_it_reaches() -> None:
    data = shipped_timing()
    assert set(data.reasons) == set(STATES_REACHED) == RULES
    for rule, states in STATES_REACHED.items():
        assert set(data.reasons[rule]) == states, rule
    follow_up = data.schedules["follow_up"]
    assert follow_up.repeats and follow_up.status == "awaiting" and follow_up.rules[0].sent == 2
    assert {rule.late_after for rule in follow_up.rules[1:]} == {7}
    assert data.schedules["thank_you"].each and data.schedules["thank_you"].status is None


def test_the_day_counts_drive_the_advice(timing_file: Path) -> None:
    def follow_up(offset: int, data=None) -> tuple[str, date]:
        (row,) = [r for r in advise(Record(), INTERVIEW + timedelta(days=offset), data=data) if r.type == "follow_up"]
        return row.state, row.due

    # Shipped: due a week after the decision date (day 10 + 7), late a week after that.
    assert follow_up(23) == ("due", INTERVIEW + timedelta(days=17))
    rule = 'from = "decision"\nafter = 7\nlate_after = 7'
    edit(timing_file, rule, rule.replace("after = 7\nlate_after = 7", "after = 10\nlate_after = 3"))
    edited = load_timing(timing_file)
    assert follow_up(22, edited) == ("due", INTERVIEW + timedelta(days=20))
    assert follow_up(23, edited) == ("late", INTERVIEW + timedelta(days=20))


def test_the_sentences_are_the_data(timing_file: Path) -> None:
    edit(timing_file, 'awaiting = "is still awaiting a decision"', 'awaiting = "still waits"')
    rows = advise(Record(), INTERVIEW, data=load_timing(timing_file))
    offer = next(r for r in rows if r.type == "competing_offer")
    assert offer.reason.startswith("Record a competing offer")
    feedback = next(r for r in rows if r.type == "feedback_request")
    assert feedback.reason == "A feedback request follows a rejection, and this application still waits."


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("late_after = 2", "late_after = 0", "timing.toml: thank_you.same_day.late_after: expected a whole number of at least 1"),
        ("late_after = 2", "late_afterr = 2", "guardrails/timing.toml: thank_you.same_day.late_afterr: unknown key"),
        ("since {late}, but", "since {lately}, but", "thank_you.same_day.late: unknown placeholder {lately}"),
        ("when = { sent = 1 }", "when = { sends = 1 }", "follow_up.second.when.sends: unknown key"),
        ('stop = "You have sent', 'late = "You have sent', "follow_up.stop_after_two.late: unknown key"),
        ('undated_rejection = "', 'undated = "', "after_rejection.feedback.since: 'undated_rejection' is not one of"),
        ('when = { recorded = "decision" }\n', "", "follow_up.after_decision.says: decision may not be recorded here"),
        ('from = "interview"\nafter = 14', 'from = "first"\nafter = 14', "no_decision_date.from: first may not be"),
        ('id = "follow_up.second"', 'id = "follow_up.stop_after_two"', "follow_up.stop_after_two: the rule id is used twice"),
        ('status = "rejected"', 'status = "declined"', "notes.feedback_request.status: expected one of awaiting"),
        ("\n[status]\n", "\n[status\n", "guardrails/timing.toml: invalid TOML"),
    ],
    ids=[
        "zero-days", "typo-key", "bad-placeholder", "typo-condition", "state-never-reached", "since-typo",
        "says-unrecorded", "from-unrecorded", "same-id", "unknown-status", "toml",
    ],
)
def test_a_malformed_file_is_one_line_naming_file_and_key(timing_file: Path, old: str, new: str, message: str) -> None:
    edit(timing_file, old, new)
    with pytest.raises(PolicyError) as caught:
        load_timing(timing_file)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_sentence_or_note_type_is_named(timing_file: Path) -> None:
    edit(timing_file, 'due = "A competing offer is recorded', 'note = "A competing offer is recorded')
    with pytest.raises(PolicyError, match=r"timing.toml: competing_offer.before_deadline.note: unknown key"):
        load_timing(timing_file)
    edit(timing_file, 'note = "A competing offer is recorded', '# due = "A competing offer is recorded')
    with pytest.raises(PolicyError, match=r"timing.toml: competing_offer.before_deadline.due: missing"):
        load_timing(timing_file)
    edit(timing_file, '# due = "A competing offer is recorded', 'due = "A competing offer is recorded')
    text = timing_file.read_text(encoding="utf-8")
    timing_file.write_text(text[: text.index("[notes.continued_interest]")], encoding="utf-8")
    with pytest.raises(PolicyError, match=r"timing.toml: notes.continued_interest: missing"):
        load_timing(timing_file)
    with pytest.raises(PolicyError, match="file not found"):
        load_timing(timing_file.parent / "nope.toml")


def test_the_last_rule_always_applies(timing_file: Path) -> None:
    edit(timing_file, 'id = "competing_offer.before_deadline"', 'id = "competing_offer.before_deadline"\nwhen = { recorded = "deadline" }')
    with pytest.raises(PolicyError, match=r"competing_offer.before_deadline.when: the last rule of notes.competing_offer"):
        load_timing(timing_file)
