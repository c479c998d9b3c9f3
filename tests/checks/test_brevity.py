"""brevity: the body's word count against the note type's range (over blocks, under warns)."""

from __future__ import annotations

import itertools

import pytest

from afterview.checks import CheckContext, body_words, brevity

RANGES = {
    "thank_you": (35, 170),
    "follow_up": (40, 130),
    "competing_offer": (40, 140),
    "award_update": (40, 130),
    "feedback_request": (30, 110),
    "continued_interest": (30, 120),
}
VOCABULARY = "thank you for the time we spent talking about dashboards and the team".split()


def note_with_body_words(count: int) -> str:
    """A note whose body has exactly ``count`` words (the rest does not count)."""
    words = list(itertools.islice(itertools.cycle(VOCABULARY), count))
    return f"Subject: A note with many words in the subject line\n\nDear Jordan,\n\n{' '.join(words)}.\n\nBest regards,\nSam Rivera"


def test_the_builder_is_exact() -> None:
    assert body_words(note_with_body_words(61)) == 61


BOUNDARIES = [
    pytest.param(note_type, count, expected, id=f"{note_type}-{count}")
    for note_type, (low, high) in RANGES.items()
    for count, expected in ((low - 1, "warn"), (low, None), (high, None), (high + 1, "block"))
]


@pytest.mark.parametrize(("note_type", "count", "expected"), BOUNDARIES)
def test_boundaries(policy, note_type: str, count: int, expected: str | None) -> None:
    findings = brevity(note_with_body_words(count), CheckContext(note_type=note_type), policy)
    assert [f.severity for f in findings] == ([expected] if expected else [])


def test_messages_are_instructions_with_the_numbers(policy) -> None:
    over = brevity(note_with_body_words(212), CheckContext(note_type="thank_you"), policy)[0]
    under = brevity(note_with_body_words(21), CheckContext(note_type="thank_you"), policy)[0]
    assert over.message == "Cut the note to at most 170 words (it has 212)"
    assert under.message == "Add a sentence or two: the note needs at least 35 words (it has 21)"
    assert over.start is None and over.suggestion


def test_greeting_sign_off_and_signature_do_not_count(policy) -> None:
    body = " ".join(itertools.islice(itertools.cycle(VOCABULARY), 60))
    bare = brevity(body, CheckContext(note_type="thank_you"), policy)
    framed = brevity(f"Good morning Jordan,\n\n{body}\n\nThank you,\nSam Rivera\nData Analyst", CheckContext(), policy)
    assert bare == framed == []
