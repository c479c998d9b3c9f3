"""thanks and interest: what counts as gratitude and as interest, negations and traps."""

from __future__ import annotations

import pytest

from afterview.checks import CheckContext, interest, thanks


def framed(body: str) -> str:
    return f"Subject: Our conversation\n\nDear Jordan,\n\n{body}\n\nBest regards,\nSam Rivera"


GRATEFUL = [
    "Thank you for your time today.",
    "Thanks so much for the tour of the office.",
    "I appreciate the time you took to walk me through the roadmap.",
    "I am grateful for the conversation.",
    "I can't thank you enough for the tour.",
    "I couldn't be more grateful for your time.",
    "Many thanks for meeting with me.",
    "I wanted to express my gratitude for the afternoon.",
    "Thanks to you, I understand the role much better.",
    "I really appreciated hearing about the roadmap.",
]
NOT_GRATEFUL = [
    "Thankfully, the train was on time.",
    "Thanks to the new process, onboarding is quick.",
    "No thanks are needed for the coffee.",
    "I don't appreciate being kept waiting.",
    "I am not grateful for the delay.",
    "I enjoyed our conversation about dashboards.",
]


@pytest.mark.parametrize("body", GRATEFUL)
def test_gratitude_counts(policy, body: str) -> None:
    assert thanks(framed(body), CheckContext(), policy) == []


@pytest.mark.parametrize("body", NOT_GRATEFUL)
def test_not_gratitude(policy, body: str) -> None:
    findings = thanks(framed(body), CheckContext(recipient="Jordan Lee"), policy)
    assert [f.severity for f in findings] == ["block"]
    assert findings[0].message.startswith("Thank Jordan in the body of the note")


def test_a_closing_thanks_alone_does_not_satisfy_it(policy) -> None:
    text = "Dear Jordan,\n\nI enjoyed our talk about dashboards.\n\nThanks,\nSam"
    assert [f.check for f in thanks(text, CheckContext(), policy)] == ["thanks"]
    assert thanks(text.replace("I enjoyed", "Thank you for"), CheckContext(), policy) == []


def test_gratitude_in_the_subject_only_does_not_count(policy) -> None:
    text = "Subject: Thank you\n\nDear Jordan,\n\nI enjoyed our talk.\n\nBest,\nSam"
    assert len(thanks(text, CheckContext(), policy)) == 1


@pytest.mark.parametrize(
    ("note_type", "severity"),
    [
        ("thank_you", "block"),
        ("feedback_request", "block"),
        ("continued_interest", "block"),
        # The lesson asks a follow-up, a competing-offer note and an award update for no thanks.
        ("follow_up", None),
        ("competing_offer", None),
        ("award_update", None),
    ],
)
def test_thanks_severity_per_type(policy, note_type: str, severity: str | None) -> None:
    findings = thanks(framed("I enjoyed our talk."), CheckContext(note_type=note_type), policy)
    assert [f.severity for f in findings] == ([severity] if severity else [])


def test_message_without_a_recipient(policy) -> None:
    assert thanks(framed("Hello."), CheckContext(), policy)[0].message.startswith("Thank them in the body")


INTERESTED = [
    "I remain very interested in the role.",
    "I'm excited about the work your team is doing.",
    "Looking forward to the next steps.",
    "You remain my top choice.",
    "Please keep me in mind for future roles.",
    "My continued interest in the position has only grown.",
    "I would welcome the opportunity to contribute.",
    "I am still keen to join the team.",
    "Still very keen on the role.",
    "My enthusiasm has only grown since we spoke.",
    "I would be glad to contribute to that work.",
    "The role excites me more than ever.",
    "I'm still very much hoping to join you as events manager.",
    "Northwind is still the one I'm most excited about.",
    "It is the role I most want.",
    "Pinecrest is where I would truly like to work.",
    "I'd much rather join your team.",
    "I'd jump at the chance to help build the archive.",
    "I can see myself thriving on the ward.",
    "It is exactly the kind of team I want to join.",
]
NOT_INTERESTED = [
    "Interest rates were a big topic at the bank.",
    "It was interesting to learn about the stack.",
    "In the interest of time, I will keep this short.",
    "There is no conflict of interest with my current work.",
    "My areas of interest include logistics.",
    "I'm looking forward to the weekend.",
    "I look forward to hearing from you.",  # a closing, not a statement of interest
    "The team seemed excited about the launch.",
]


@pytest.mark.parametrize("body", INTERESTED)
def test_interest_counts(policy, body: str) -> None:
    assert interest(framed(body), CheckContext(), policy) == []


@pytest.mark.parametrize("body", NOT_INTERESTED)
def test_interest_traps_do_not_count(policy, body: str) -> None:
    context = CheckContext(note_type="follow_up", recipient="Jordan Lee")
    findings = interest(framed(body), context, policy)
    assert [(f.severity, f.start) for f in findings] == [("block", None)]
    assert findings[0].message == "Say that you remain interested in the role and look forward to hearing from Jordan"


@pytest.mark.parametrize(
    "body",
    [
        "I look forward to hearing from you.",
        "Hoping to hear from you soon.",
        "Looking forward to your news.",
        "I hope our paths cross again.",
    ],
)
def test_a_thank_you_needs_only_to_look_forward_to_hearing_from_them(policy, body: str) -> None:
    assert interest(framed(body), CheckContext(note_type="thank_you"), policy) == []
    assert [f.check for f in interest(framed(body), CheckContext(note_type="award_update"), policy)] == ["interest"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("My enthusiasm has cooled a little over the past weeks.", "enthusiasm has cooled"),
        ("I'm honestly still weighing whether underwriting is the right step.", "still weighing whether"),
        ("I'm not sure it's for me anymore.", "not sure it's for me"),
        ("I am no longer interested in the position.", "no longer interested"),
        ("I'm not interested in relocating, and I look forward to hearing from you.", "not interested"),
        ("I'm still not sure this role is the right direction for me.", "not sure this role"),
        ("I've accepted another position, so please keep me in mind.", "I've accepted another position"),
        ("I have decided to withdraw my application.", "withdraw my"),
    ],
)
def test_withdrawal_fails_and_says_so(policy, body: str, words: str) -> None:
    text = framed(body)
    findings = interest(text, CheckContext(), policy)
    assert len(findings) == 1
    finding = findings[0]
    assert text[finding.start : finding.end] == words
    assert "reads as a withdrawal" in finding.message and words in finding.message


def test_feedback_request_is_not_checked_for_interest(policy) -> None:
    assert interest(framed("Could you share any feedback?"), CheckContext(note_type="feedback_request"), policy) == []


def test_a_withdrawal_blocks_even_where_interest_is_not_needed(policy) -> None:
    body = "I'm no longer interested in the role, but could you share any feedback?"
    (finding,) = interest(framed(body), CheckContext(note_type="feedback_request"), policy)
    assert finding.severity == "block" and "reads as a withdrawal" in finding.message


def test_a_bare_looking_forward_closing_does_not_count(policy) -> None:
    text = "Dear Jordan,\n\nThank you for the tour.\n\nLooking forward,\nSam"
    assert len(interest(text, CheckContext(), policy)) == 1
