"""``guardrails/timing.toml``: the advisor's day counts and sentences, held to the rules' shapes."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from afterview.errors import PolicyError
from afterview.resources import data_dir
from afterview.timing import RULES, advise
from afterview.timing_data import RULE_SHAPES, load_timing, shipped_timing

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


def test_the_shipped_file_has_a_sentence_for_every_rule_and_state() -> None:
    data = shipped_timing()
    assert set(data.reasons) == set(RULE_SHAPES) == RULES
    for rule, (states, _) in RULE_SHAPES.items():
        assert set(data.reasons[rule]) == set(states), rule
    assert data.cadence.late_after == 7 and data.cadence.max_follow_ups == 2


def test_the_day_counts_drive_the_advice(timing_file: Path) -> None:
    def follow_up(offset: int, data=None) -> tuple[str, date]:
        (row,) = [r for r in advise(Record(), INTERVIEW + timedelta(days=offset), data=data) if r.type == "follow_up"]
        return row.state, row.due

    # Shipped: due a week after the decision date (day 10 + 7), late a week after that.
    assert follow_up(23) == ("due", INTERVIEW + timedelta(days=17))
    edit(timing_file, "follow_up_after_decision = 7", "follow_up_after_decision = 10")
    edit(timing_file, "late_after = 7", "late_after = 3")
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
        ("late_after = 7", "late_after = 0", "timing.toml: days.late_after: expected a whole number of at least 1"),
        ("late_after = 7", "late_afterr = 7", "guardrails/timing.toml: days.late_afterr: unknown key"),
        ("since {late}, but", "since {lately}, but", "reasons.thank_you.same_day.late: unknown placeholder {lately}"),
        ('[reasons."follow_up.second"]', '[reasons."follow_up.third"]', "reasons.follow_up.third: unknown key"),
        ('stop = "You have sent', 'late = "You have sent', "reasons.follow_up.stop_after_two.late: unknown key"),
        ('undated_rejection = "', 'undated = "', "since.undated: unknown key"),
        ("[days]", "[days", "guardrails/timing.toml: invalid TOML"),
    ],
    ids=["zero-days", "typo-key", "bad-placeholder", "unknown-rule", "state-never-reached", "since-typo", "toml"],
)
def test_a_malformed_file_is_one_line_naming_file_and_key(timing_file: Path, old: str, new: str, message: str) -> None:
    edit(timing_file, old, new)
    with pytest.raises(PolicyError) as caught:
        load_timing(timing_file)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_sentence_is_named(timing_file: Path) -> None:
    text = timing_file.read_text(encoding="utf-8")
    start = text.index('[reasons."competing_offer.before_deadline"]')
    timing_file.write_text(text[:start] + text[text.index("[reasons.", start + 1):], encoding="utf-8")
    with pytest.raises(PolicyError, match=r"timing.toml: reasons.competing_offer.before_deadline: missing"):
        load_timing(timing_file)
    with pytest.raises(PolicyError, match="file not found"):
        load_timing(timing_file.parent / "nope.toml")
