"""split_note and body_words: the parts of a note and the words brevity counts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.checks import body_words, split_note
from afterview.checks.note import count_words


def part(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


FULL = """Subject: Thank you for Tuesday

Dear Jordan,

Thank you for the conversation about the analyst role.
I look forward to hearing from you.

Best regards,
Sam Rivera
sam@example.com
"""


def test_all_parts_of_a_full_note() -> None:
    parts = split_note(FULL)
    assert part(FULL, parts.subject) == "Thank you for Tuesday"
    assert part(FULL, parts.greeting) == "Dear Jordan,"
    assert part(FULL, parts.body) == (
        "Thank you for the conversation about the analyst role.\nI look forward to hearing from you."
    )
    assert part(FULL, parts.sign_off) == "Best regards,"
    assert part(FULL, parts.signature) == "Sam Rivera\nsam@example.com"


def test_body_words_leave_out_subject_greeting_sign_off_and_signature() -> None:
    # 9 + 7 words in the body; "Thank you for Tuesday", "Dear Jordan", "Best regards"
    # and the signature do not count.
    assert body_words(FULL) == 16


@pytest.mark.parametrize(
    "greeting",
    [
        "Dear Jordan,",
        "Hi Jordan,",
        "Hello Ms. Lee,",
        "Good morning Jordan,",
        "Hey Jordan!",
        "Dear Jordan",
        "Jordan,",
        "Dear Dr. Maria Lopez-Garcia,",
    ],
)
def test_greetings_are_recognised_and_not_counted(greeting: str) -> None:
    text = f"{greeting}\n\nThank you for your time today.\n\nBest,\nSam"
    parts = split_note(text)
    assert part(text, parts.greeting) == greeting
    assert body_words(text) == 6


def test_greeting_on_the_same_line_as_the_body() -> None:
    text = "Hi Jordan, thank you for your time today.\n\nBest,\nSam"
    parts = split_note(text)
    assert part(text, parts.greeting) == "Hi Jordan,"
    assert part(text, parts.body) == "thank you for your time today."


def test_a_sentence_that_starts_with_hi_is_not_a_greeting() -> None:
    text = "Hi there and thank you again for a really great conversation on Tuesday"
    assert split_note(text).greeting is None


@pytest.mark.parametrize(
    "sign_off",
    [
        "Best regards,",
        "Sincerely,",
        "Warm regards,",
        "Best,",
        "Thank you,",
        "Thanks,",
        "Kind regards,",
        "All the best,",
        "With gratitude,",
        "Thanks again,",
    ],
)
def test_sign_offs_followed_by_a_signature(sign_off: str) -> None:
    text = f"Dear Jordan,\n\nI enjoyed our talk.\n\n{sign_off}\nSam Rivera"
    parts = split_note(text)
    assert part(text, parts.sign_off) == sign_off
    assert part(text, parts.signature) == "Sam Rivera"
    assert body_words(text) == 4


def test_thank_you_closing_the_body_with_no_signature_stays_in_the_body() -> None:
    text = "Dear Jordan,\n\nI enjoyed our talk.\nThank you!"
    parts = split_note(text)
    assert parts.sign_off is None
    assert part(text, parts.body) == "I enjoyed our talk.\nThank you!"


def test_thanks_line_in_the_middle_is_body_not_sign_off() -> None:
    long_line = "for the great talk about dashboards and the long list of questions you answered so patiently today."
    text = f"Dear Jordan,\n\nThanks,\n{long_line}\n\nBest,\nSam"
    parts = split_note(text)
    assert part(text, parts.sign_off) == "Best,"
    assert "Thanks," in part(text, parts.body)


def test_sign_off_with_name_on_the_same_line() -> None:
    text = "Dear Jordan,\n\nI enjoyed our talk.\n\nBest, Sam"
    parts = split_note(text)
    assert part(text, parts.sign_off) == "Best,"
    assert part(text, parts.signature) == "Sam"


def test_note_without_any_parts_is_all_body() -> None:
    text = "  I enjoyed our talk about dashboards.  "
    parts = split_note(text)
    assert (parts.subject, parts.greeting, parts.sign_off, parts.signature) == (None, None, None, None)
    assert part(text, parts.body) == "I enjoyed our talk about dashboards."


def test_empty_text() -> None:
    assert split_note("").body == (0, 0)
    assert body_words("") == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one two three", 3),
        ("don't stop", 2),
        ("well-known fact", 2),
        ("hello--world", 2),
        ("a - b", 2),
        ("____", 0),
        ("3.5 percent of 12/1", 6),  # digits split at "." and "/", as in domain.word_count
        ("José’s café", 2),
        ("emoji 🎉 here", 2),
        ("", 0),
    ],
)
def test_count_words(text: str, expected: int) -> None:
    assert count_words(text) == expected


def _words_by_the_definition(text: str) -> int:
    """Runs of word characters, apostrophes and hyphens holding a letter or digit (after "--" splits)."""
    runs = re.sub(r"[^\w'\u2019-]+", " ", text.replace("--", "  ")).split()
    return sum(1 for run in runs if run.strip("_'\u2019-"))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab Z9_'-\u2019\n.,\u00e9\u00b2\u0301\u2014\u201c\u2003\u0430\U0001f389"), max_size=40))
def test_count_words_counts_as_its_definition_says(text: str) -> None:
    assert count_words(text) == _words_by_the_definition(text)


def test_a_greeting_line_may_hold_a_long_name() -> None:
    name = "Bartholomew Fitzwilliam Montgomery-Ashcroft-Pemberton of Little Snoring"
    text = f"Dear {name},\n\nThank you for the conversation.\n\nBest,\nSam\n"
    parts = split_note(text)
    assert parts.greeting is not None
    assert text[parts.greeting[0] : parts.greeting[1]] == f"Dear {name},"
