"""The checks that judge a note as a hiring manager reads it: one phrase family each,
with their per-type severities, their excuses and what each finding tells you to do."""

from __future__ import annotations

import pytest

from afterview.checks import CheckContext, run_checks
from afterview.checks.conduct import bluff, insider, money, presumption, pressure, scope, ultimatum

RECORD = {
    "recipient": "Jordan Lee",
    "company": "Northwind Analytics",
    "people": ("Jordan Lee", "Sam Rivera"),
    "record_texts": ("Northwind Analytics", "Data Analyst", "Jordan Lee", "Sam Rivera"),
    "has_record": True,
    "status": "awaiting",
}


def context(note_type: str = "thank_you", **fields) -> CheckContext:
    return CheckContext(note_type=note_type, **{**RECORD, **fields})


def note(body: str) -> str:
    return f"Dear Jordan,\n\nThank you for your time today. {body}\n\nBest,\nSam Rivera"


def spans(findings, text: str) -> list[str]:
    return [text[f.start : f.end] for f in findings]


@pytest.mark.parametrize(
    ("check", "body", "words"),
    [
        (presumption, "I look forward to working with you and the team.", "working with you"),
        (presumption, "When I start, I'd shadow the nurses for a week.", "When I start"),
        (presumption, "I'll bring the same energy once I'm on the team.", "once I'm on the team"),
        (presumption, "See you on Monday!", "See you on Monday"),
        (insider, "I think we should ship the dashboard to our enterprise customers first.", "we should"),
        (insider, "Our holiday campaign needs a new angle.", "Our holiday"),
        (money, "Could you tell me the salary range?", "salary"),
        (money, "I'm currently earning R620,000 plus a car allowance.", "earning R620,000"),
        (money, "Would I be able to work from home four days a week?", "able to work from home"),
        (pressure, "I hope you will reconsider.", "reconsider"),
        (pressure, "I still haven't heard anything, and it's been three weeks since the interview.", "still haven't heard"),
        (pressure, "I'd have been the better choice.", "I'd have been the better"),
        (ultimatum, "Unless I hear otherwise by Friday, I will sign with them.", "Unless I hear"),
        (ultimatum, "I can't wait forever.", "can't wait"),
        (ultimatum, "Please let me know by then or I'll move on.", "or I'll move on"),
        (bluff, "I have another offer on the table.", "another offer"),
        (bluff, "I'm in the final rounds with two other companies.", "in the final rounds with two other"),
        (scope, "When can I expect to hear back?", "When can I expect"),
        (scope, "I forgot to mention that I speak Japanese.", "forgot to mention"),
        (scope, "Something I left out: I led a team of twelve.", "Something I left out"),
    ],
)
def test_each_family_finds_its_phrases(policy, check, body: str, words: str) -> None:
    text = note(body)
    found = check(text, context(), policy)
    assert words in "|".join(spans(found, text)), [f.message for f in found]
    assert all(f.message.startswith("Remove '") for f in found)  # each says what to change


@pytest.mark.parametrize(
    ("check", "body"),
    [
        (presumption, "I would welcome the chance to work with you and the team."),
        (presumption, "If I'm fortunate enough to join, I'd love to start with the pager rota."),
        (insider, "I enjoyed our conversation about your customers."),
        (insider, "At my current job, our customers churn in the second month."),
        (money, "I learned a lot about the benefits of event-driven design."),
        (money, "I'll pay close attention to the onboarding notes you shared."),
        (pressure, "I was disappointed to hear the news, and I understand the decision."),
        (ultimatum, "I need to give them an answer by December 1; could you decide before then?"),
        (ultimatum, "If any additional materials would help, I am glad to provide them; otherwise I will wait to hear from you."),
        (scope, "I look forward to hearing from you when you have news."),
        (scope, "I wanted to say thank you again."),
    ],
)
def test_ordinary_writing_is_left_alone(policy, check, body: str) -> None:
    assert check(note(body), context(), policy) == []


def test_presumption_is_fine_once_they_have_made_an_offer(policy) -> None:
    body = "I look forward to working with you and the team."
    assert presumption(note(body), context(status="offered"), policy) == []
    assert presumption(note(body), context(status="awaiting"), policy)


def test_a_bluff_needs_a_record_without_an_offer(policy) -> None:
    body = "I have received another offer and need to answer by December 1."
    assert bluff(note(body), context(note_type="competing_offer", has_offer=True), policy) == []
    assert bluff(note(body), CheckContext(note_type="competing_offer"), policy) == []  # no record: cannot tell
    assert bluff(note(body), context(note_type="competing_offer"), policy)


def test_scope_is_only_for_a_thank_you(policy) -> None:
    body = "Could you share the timeline for a decision?"
    assert scope(note(body), context(), policy)
    assert scope(note(body), context(note_type="follow_up"), policy) == []


def test_a_question_in_the_subject_line_counts(policy) -> None:
    text = "Subject: When should I expect to hear back?\n\n" + note("I enjoyed it.")
    (found,) = spans(scope(text, context(), policy), text)
    assert found.startswith("When should I expect")


def test_the_moment_s_own_words_are_the_person_s(policy) -> None:
    moment = "her plan for my first week of onboarding"
    texts = (*RECORD["record_texts"], moment)
    body = "I especially enjoyed hearing about your plan for my first week of onboarding."
    assert presumption(note(body), context(record_texts=texts), policy) == []


def test_a_record_name_is_not_a_phrase_of_the_family(policy) -> None:
    """A company called "Northwind Pay" is a name, not talk about pay; the word alone still counts."""
    body = "I left our talk sure that Northwind Pay is the right place for me."
    assert money(note(body), context(proper_nouns=("Northwind Pay",)), policy) == []
    assert money(note(body), context(), policy) != []
    plain = "Pay is what I would like to talk about next."
    assert money(note(plain), context(proper_nouns=("Northwind Pay",)), policy) != []


@pytest.mark.parametrize(
    ("check", "note_type", "person", "draft"),
    [
        ("presumption", "thank_you", "warn", "block"),
        ("insider", "follow_up", "warn", "block"),
        ("money", "competing_offer", "warn", "block"),
        ("pressure", "feedback_request", "block", "block"),
        ("pressure", "follow_up", "warn", "block"),
        ("ultimatum", "competing_offer", "block", "block"),
    ],
)
def test_severity_per_type_and_on_the_drafts_bar(policy, check, note_type, person, draft) -> None:
    bodies = {
        "presumption": "I look forward to working with you.",
        "insider": "Our customers will love it.",
        "money": "What is the salary range?",
        "pressure": "I hope you will reconsider.",
        "ultimatum": "Unless you decide by Friday, I will sign with them.",
    }
    text = note(bodies[check])
    ctx = context(note_type=note_type)
    as_person = {f.severity for f in run_checks(text, ctx, policy).by_check(check)}
    as_draft = {f.severity for f in run_checks(text, ctx, policy, drafts_bar=True).by_check(check)}
    assert (as_person, as_draft) == ({person}, {draft})
