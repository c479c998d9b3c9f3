"""Properties of every check on any text, and a guard against regex blow-ups (ReDoS)."""

from __future__ import annotations

import sys
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview.checks import CheckContext, body_words, run_checks, scan_sensitive, split_note

NOTE_TYPES = ["thank_you", "follow_up", "competing_offer", "award_update", "feedback_request", "continued_interest"]
# Pieces that reach the interesting paths: structure, triggers, exceptions, dates.
PIECES = [
    "Subject: Thank you\n", "Dear Jordan,\n\n", "Hi ", "Best regards,\nSam\n", "Thanks,\n", "\n", " ", ". ",
    "thank you", "no longer interested", "I look forward to hearing from you", "my accent", "your pregnancy",
    "as a fellow", "because of my age?", "age-old", "race condition", "[Name]", "XXX", "{role}", "<DATE>",
    "December 1", "12/1", "2019", "Faith", "Temple University", "’", "\u200b", "ｆａｉｔｈ", "İstanbul", "é",
    "https://example.com", "sam@example.com", "--", "…", "I'm only 22", "keep me in mind", "unless you",
]  # fmt: skip
note_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), note_text)
contexts = st.builds(
    CheckContext,
    note_type=st.sampled_from(NOTE_TYPES),
    recipient=st.one_of(st.none(), st.text(max_size=20), st.just("Jordan Lee")),
    moment=st.one_of(st.none(), st.text(max_size=40)),
    moment_withheld=st.booleans(),
    proper_nouns=st.lists(
        st.one_of(st.text(max_size=15), st.sampled_from(["Faith Christian", "Temple University", "[X]"])), max_size=4
    ).map(tuple),
    record_texts=st.lists(st.text(max_size=20), max_size=4).map(tuple),
    record_dates=st.lists(st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31)), max_size=3).map(tuple),
    award=st.one_of(st.none(), st.text(max_size=20)),
    deadline=st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))),
    has_record=st.booleans(),
)
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(text=any_text, context=contexts, drafts_bar=st.booleans())
def test_any_text_checks_without_error_spans_in_bounds_and_repeatable(policy, text, context, drafts_bar) -> None:
    first = run_checks(text, context, policy, drafts_bar=drafts_bar)
    for finding in first.findings:
        assert finding.severity in ("block", "warn", "info")
        assert finding.message
        if finding.start is not None:
            assert 0 <= finding.start <= finding.end <= len(text)
    assert run_checks(text, context, policy, drafts_bar=drafts_bar) == first


@PROPERTY_SETTINGS
@given(text=any_text, nouns=st.lists(st.text(max_size=15), max_size=3))
def test_lone_field_scan_spans_in_bounds(policy, text, nouns) -> None:
    for finding in scan_sensitive(text, policy, nouns):
        # A word holding hidden characters gets its own finding, without a category.
        assert (finding.check == "sensitive" and finding.category) or finding.check == "hidden_characters"
        assert 0 <= finding.start < finding.end <= len(text)


@PROPERTY_SETTINGS
@given(text=any_text)
def test_parts_are_ordered_and_in_bounds(text) -> None:
    parts = split_note(text)
    spans = [s for s in (parts.subject, parts.greeting, parts.body, parts.sign_off, parts.signature) if s is not None]
    for start, end in spans:
        assert 0 <= start <= end <= len(text)
    assert body_words(text) >= 0


ADVERSARIAL = {
    "hyphens": "a-" * 50_000,
    "spaces": " " * 100_000,
    "because": "because of my " * 7_200,
    "brackets": "[" * 100_000,
    "dots": "a" + "." * 100_000 + "b",
    "one long sentence of triggers": "your pregnancy and my accent as a fellow Catholic " * 2_000,
    "email-like": "a." * 50_000 + " @",
    "subject spaces": "Subject:" + " " * 100_000 + "x",
    "sign-off spaces": "Dear Jordan,\n\nHi.\n\nBest," + " " * 100_000 + "x\nSam",
    "capitals": "Xy " * 33_000,
    "digits": "1/1 " * 25_000,
    "unicode hyphens": "é" + "-" * 100_000,
}


STEPS_PER_CHARACTER = 60
"""Budget of function calls per character of input; the worst input above ("digits", which
wakes the date, number and money patterns at every word) needs about 45."""
MAX_FINDINGS = 200


def _steps(work) -> tuple[int, object]:
    """How many function calls (Python and C) ``work()`` makes: a count, not a clock, so a
    busy machine cannot change it. The limit of this measure: a regex backtracks inside
    one call, so runaway backtracking shows as a slow test, not as a count."""
    steps = 0

    def count(frame, event, arg) -> None:
        nonlocal steps
        if event in ("call", "c_call"):
            steps += 1

    sys.setprofile(count)
    try:
        result = work()
    finally:
        sys.setprofile(None)
    return steps, result


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_input_completes_in_linear_work(policy, text: str) -> None:
    context = CheckContext(
        note_type="competing_offer", recipient="Jordan Lee", moment="the churn dashboard", proper_nouns=("Northwind",),
        record_texts=("Northwind",), record_dates=(date(2026, 3, 3),), award="Award", deadline=date(2026, 12, 1), has_record=True,
    )  # fmt: skip
    quarter = text[: len(text) // 4]
    small_steps, _ = _steps(lambda: run_checks(quarter, context, policy, drafts_bar=True))
    steps, report = _steps(lambda: run_checks(text, context, policy, drafts_bar=True))
    print(f"{len(text)} characters: {steps} calls ({small_steps} for a quarter), {len(report.findings)} findings")
    assert steps <= STEPS_PER_CHARACTER * len(text)
    assert steps <= 4.4 * small_steps + 1_000  # four times the text, at most about four times the work
    assert len(report.findings) <= MAX_FINDINGS
