"""asks: the ask each note type must make, the deadline, the award, no ultimatum."""

from __future__ import annotations

from datetime import date

import pytest

from afterview.checks import CheckContext, asks
from afterview.checks.conduct import ultimatum

DEADLINE = date(2026, 12, 1)


def framed(body: str) -> str:
    return f"Dear Jordan,\n\nThank you for your time. {body}\n\nBest regards,\nSam Rivera"


def messages(text: str, context: CheckContext, policy) -> list[str]:
    return [f.message for f in asks(text, context, policy)]


@pytest.mark.parametrize(
    "body",
    [
        "Is there any additional information I can share?",
        "Please let me know if you need anything else from me.",
        "I am happy to send further details or references.",
    ],
)
def test_follow_up_asks_whether_they_need_more(policy, body: str) -> None:
    assert asks(framed(body), CheckContext(note_type="follow_up"), policy) == []


def test_follow_up_without_the_ask_warns(policy) -> None:
    findings = asks(framed("I remain interested."), CheckContext(note_type="follow_up"), policy)
    assert [(f.severity, f.message) for f in findings] == [("warn", "Ask whether they need any additional information from you")]


@pytest.mark.parametrize(
    "body",
    [
        "Would you share any feedback on my interview?",
        "Any advice on how I could improve would help.",
        "I would value your thoughts on what I could have done better.",
    ],
)
def test_feedback_request_asks_for_feedback(policy, body: str) -> None:
    assert asks(framed(body), CheckContext(note_type="feedback_request"), policy) == []


def test_feedback_request_without_the_ask_blocks(policy) -> None:
    assert [f.severity for f in asks(framed("I enjoyed it."), CheckContext(note_type="feedback_request"), policy)] == ["block"]


@pytest.mark.parametrize(
    "body",
    [
        "Please keep me in mind for future roles.",
        "I hope you will consider me for similar openings.",
        "Please keep my application on file.",
    ],
)
def test_continued_interest_asks_to_be_kept_in_mind(policy, body: str) -> None:
    assert asks(framed(body), CheckContext(note_type="continued_interest"), policy) == []


def test_continued_interest_without_the_ask_blocks(policy) -> None:
    assert messages(framed("I admire the mission."), CheckContext(note_type="continued_interest"), policy) == [
        "Ask them to keep you in mind for a future role that fits"
    ]


OFFER = CheckContext(note_type="competing_offer", deadline=DEADLINE)


@pytest.mark.parametrize("written", [
    "December 1",
    "Dec 1",
    "Dec. 1st",
    "1 December",
    "12/1",
    "2026-12-01",
    "Monday, December 1",
    "December 1, 2026",
])
def test_competing_offer_names_the_deadline_any_common_way(policy, written: str) -> None:
    text = framed(f"You remain my top choice. I need to answer the other offer by {written}.")
    assert asks(text, OFFER, policy) == []


def test_competing_offer_wrong_or_missing_deadline_blocks(policy) -> None:
    for body in ["You remain my top choice. I need to answer by December 2.", "You remain my top choice."]:
        assert messages(framed(body), OFFER, policy) == [
            "Name your decision deadline (December 1) and ask whether they could decide before it"
        ]


def test_competing_offer_must_say_top_choice(policy) -> None:
    assert messages(framed("I need to answer by December 1."), OFFER, policy) == ["Say that they remain your top choice"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("Unless you decide by December 1, I will go elsewhere.", "Unless you"),
        ("You are my top choice, or I will accept their offer on December 1.", "or I will accept"),
        ("This is your final chance before December 1.", "final chance"),
        ("If I don't hear back by December 1, I will accept the other offer.", "If I don't hear back by December 1, I will accept"),
    ],
)
def test_ultimatums_block_with_their_span(policy, body: str, words: str) -> None:
    text = framed("You remain my top choice. " + body)
    findings = [f for f in ultimatum(text, OFFER, policy) if f.start is not None]
    assert words in [text[f.start : f.end] for f in findings]
    assert all("reads as an ultimatum" in f.message and f.severity == "block" for f in findings)


AWARD = CheckContext(note_type="award_update", award="Data Visualization Society Award")


@pytest.mark.parametrize(
    "body",
    [
        "I just received the Data Visualization Society Award.",
        "The data-visualization society award came this week.",
        "The Data Visualization Society recognised my dashboard.",
    ],
)
def test_award_update_names_the_award(policy, body: str) -> None:
    assert asks(framed(body), AWARD, policy) == []


def test_award_update_without_the_award_blocks(policy) -> None:
    assert messages(framed("I received an award."), AWARD, policy) == ["Name the award (Data Visualization Society Award) in the note"]


def test_thank_you_has_no_asks(policy) -> None:
    assert asks(framed("Unless you reply, fine."), CheckContext(note_type="thank_you"), policy) == []
