"""recipient (the greeting names them) and personal (a thank-you refers to the moment)."""

from __future__ import annotations

import pytest

from afterview.checks import CheckContext, personal, recipient

BODY = "Thank you for your time today."


@pytest.mark.parametrize(
    "greeting",
    [
        "Dear Jordan,",
        "Hi Jordan,",
        "Hello Jordan Lee,",
        "Dear Ms. Lee,",
        "Good morning Dr Lee,",
        "dear jordan,",
        "Hi Jordan, thank you!",
    ],
)
def test_greeting_that_names_the_recipient(policy, greeting: str) -> None:
    text = f"{greeting}\n\n{BODY}\n\nBest,\nSam"
    assert recipient(text, CheckContext(recipient="Jordan Lee"), policy) == []


@pytest.mark.parametrize("greeting", [
    "Dear Hiring Manager,",
    "Hi there,",
    "Dear Jordon,",
    "Dear Lee,",
    "Hello Ms. Jordan-Smith,",
])
def test_greeting_that_does_not_name_them_blocks_on_its_span(policy, greeting: str) -> None:
    text = f"Subject: Thanks\n\n{greeting}\n\n{BODY}\n\nBest,\nSam"
    (finding,) = recipient(text, CheckContext(recipient="Jordan Lee"), policy)
    assert finding.severity == "block"
    assert text[finding.start : finding.end] == greeting
    assert finding.message == 'Address Jordan by name in the greeting (e.g. "Dear Jordan,")'


def test_no_greeting_at_all_blocks(policy) -> None:
    (finding,) = recipient(f"{BODY}\n\nBest,\nSam", CheckContext(recipient="Jordan Lee"), policy)
    assert (finding.severity, finding.start) == ("block", None)
    assert finding.message == 'Start with a greeting that names Jordan (e.g. "Dear Jordan,")'


def test_unknown_recipient_is_not_checked(policy) -> None:
    assert recipient(BODY, CheckContext(), policy) == []


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("José Núñez", "Dear Jose,"),
        ("Anne-Marie O'Brien", "Dear Ms. O'Brien,"),
        ("Dr. Maria Lopez", "Hi Maria,"),
        ("Nguyễn Thị Lan", "Chào Nguyễn,"),
        ("Anne-Marie O'Brien", "Dear Anne-Marie,"),
    ],
)
def test_names_with_accents_hyphens_and_titles(policy, name: str, greeting: str) -> None:
    text = f"{greeting}\n\n{BODY}"
    assert recipient(text, CheckContext(recipient=name), policy) == []


MOMENT = "rebuilding the churn dashboard"


def thank_you(body: str) -> str:
    return f"Dear Jordan,\n\nThank you for your time. {body}\n\nBest,\nSam"


@pytest.mark.parametrize(
    "body",
    [
        "I especially enjoyed hearing about rebuilding the churn dashboard.",
        "I keep thinking about the churn dashboard you rebuilt.",
        "The way your team rebuilt its churn dashboards stayed with me.",
    ],
)
def test_note_that_refers_to_the_moment(policy, body: str) -> None:
    assert personal(thank_you(body), CheckContext(moment=MOMENT), policy) == []


@pytest.mark.parametrize(
    "body",
    [
        "I enjoyed learning about the team.",
        "I have built many dashboards myself.",  # the moment's word without the moment
        "Churn dashboards are a big part of my current job.",
    ],
)
def test_note_that_misses_the_moment_blocks(policy, body: str) -> None:
    (finding,) = personal(thank_you(body), CheckContext(moment=MOMENT, recipient="Jordan Lee"), policy)
    assert finding.severity == "block"
    assert finding.message == (
        "Refer to the moment you noted for Jordan (about rebuilding, churn, dashboard) in your own words,"
        " as part of the conversation"
    )


def test_a_sentence_counts_whole_across_an_abbreviation(policy) -> None:
    # "U.S." breaks the clause but not the sentence: the anchor before it still counts.
    body = "Hearing you describe the U.S. churn dashboard stayed with me."
    assert personal(thank_you(body), CheckContext(moment=MOMENT), policy) == []


@pytest.mark.parametrize(
    "body",
    [
        "The redesigned churn work; you made it sound easy.",  # a semicolon ends the sentence
        "You told me about it. The churn dashboard was new to me.",
    ],
)
def test_anchor_and_words_in_different_sentences_do_not_refer(policy, body: str) -> None:
    assert len(personal(thank_you(body), CheckContext(moment=MOMENT), policy)) == 1


def test_a_one_word_moment_needs_that_word(policy) -> None:
    assert personal(thank_you("I loved the Kubernetes story."), CheckContext(moment="Kubernetes"), policy) == []
    assert len(personal(thank_you("I loved the story."), CheckContext(moment="Kubernetes"), policy)) == 1


def test_moment_only_in_the_signature_does_not_count(policy) -> None:
    text = "Dear Jordan,\n\nThank you for your time.\n\nBest,\nSam (churn dashboard rebuilding fan)"
    assert len(personal(text, CheckContext(moment=MOMENT), policy)) == 1


def test_withheld_moment_warns_and_suggests_a_neutral_detail(policy) -> None:
    (finding,) = personal(thank_you("I enjoyed it."), CheckContext(moment=None, moment_withheld=True), policy)
    assert finding.severity == "warn"
    assert "left out of the note" in finding.message
    assert finding.suggestion


@pytest.mark.parametrize("note_type", [
    "follow_up",
    "competing_offer",
    "award_update",
    "feedback_request",
    "continued_interest",
])
def test_personal_is_only_for_thank_you(policy, note_type: str) -> None:
    assert personal(thank_you("Hello."), CheckContext(note_type=note_type, moment=MOMENT), policy) == []


def test_no_moment_no_check(policy) -> None:
    assert personal(thank_you("Hello."), CheckContext(), policy) == []
