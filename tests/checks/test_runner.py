"""run_checks: policy order, the drafts bar, and the golden notes that must pass."""

from __future__ import annotations

from datetime import date

import pytest

from afterview.checks import CheckContext, run_checks

from .conftest import read_data

GOLDEN = read_data("golden_notes.toml")


def golden_context(note: dict) -> CheckContext:
    record = GOLDEN["records"][note["record"]]
    return CheckContext(
        note_type=note["type"],
        recipient=note["recipient"],
        moment=note.get("moment"),
        proper_nouns=tuple(record["proper_nouns"]),
        record_texts=tuple(record["proper_nouns"]) + tuple(record["extra_texts"]),
        record_dates=tuple(record["dates"]),
        award=record.get("award"),
        deadline=record.get("deadline"),
        has_record=True,
        has_offer=record.get("deadline") is not None,
    )


def test_golden_notes_cover_every_type() -> None:
    notes = GOLDEN["notes"]
    assert len(notes) >= 12
    assert {n["type"] for n in notes} == {
        "thank_you", "follow_up", "competing_offer", "award_update", "feedback_request", "continued_interest",
    }  # fmt: skip


@pytest.mark.parametrize("note", GOLDEN["notes"], ids=lambda n: n["id"])
@pytest.mark.parametrize("drafts_bar", [False, True], ids=["person", "draft"])
def test_golden_notes_pass_cleanly(policy, note: dict, drafts_bar: bool) -> None:
    report = run_checks(note["text"], golden_context(note), policy, drafts_bar=drafts_bar)
    assert report.passed
    assert report.findings == (), [f.message for f in report.findings]


BAD_THANK_YOU = """Subject: Thanks

Dear [Name],

I hope this email finds you well. I am no longer interested in your 2019 roadmap,
and as a fellow Catholic I know you understand.

Thanks,
Sam
"""


def test_findings_follow_policy_order_then_text_order(policy) -> None:
    context = CheckContext(
        note_type="thank_you", recipient="Jordan Lee", moment="rebuilding the churn dashboard", has_record=True
    )
    report = run_checks(BAD_THANK_YOU, context, policy)
    checks = [f.check for f in report.findings]
    # Grouped by check, groups in policy order.
    order = [c for i, c in enumerate(checks) if i == 0 or checks[i - 1] != c]
    assert order == [c for c in policy.checks if c in checks]
    expected = {"placeholders", "recipient", "brevity", "thanks", "interest", "personal", "sensitive", "grounding", "cliches"}
    assert set(checks) >= expected
    for finding in report.findings:
        if finding.start is not None:
            assert BAD_THANK_YOU[finding.start : finding.end].strip()
    assert not report.passed
    assert report.note_type == "thank_you"


def test_drafts_bar_raises_sensitive_and_interest(policy) -> None:
    text = "Dear Jordan,\n\nI enjoyed our talk. Since I graduated in 1987 I have led teams.\n\nBest,\nSam"
    context = CheckContext(note_type="follow_up", recipient="Jordan Lee")
    person = run_checks(text, context, policy)
    draft = run_checks(text, context, policy, drafts_bar=True)
    as_person = {f.check: f.severity for f in person.findings if f.check in ("sensitive", "thanks", "interest")}
    as_draft = {f.check: f.severity for f in draft.findings if f.check in ("sensitive", "thanks", "interest")}
    # A follow-up need not thank (the lesson asks none), so neither bar asks for thanks.
    assert as_person == {"sensitive": "info", "interest": "block"}
    assert as_draft == {"sensitive": "block", "interest": "block"}
    assert (person.drafts_bar, draft.drafts_bar) == (False, True)
    # A follow-up's ask warns in `check` and blocks a draft; other checks keep their severity.
    assert [f.severity for f in person.by_check("asks")] == ["warn"]
    assert [f.severity for f in draft.by_check("asks")] == ["block"]
    assert [f.severity for f in draft.by_check("cliches")] == [f.severity for f in person.by_check("cliches")]


def test_drafts_bar_leaves_feedback_request_interest_alone(policy) -> None:
    text = "Dear Jordan,\n\nThank you. Could you share any feedback?\n\nBest,\nSam"
    report = run_checks(text, CheckContext(note_type="feedback_request", recipient="Jordan Lee"), policy, drafts_bar=True)
    assert report.by_check("interest") == ()


def test_feedback_for_a_repair_round(policy) -> None:
    report = run_checks("Dear Jordan,\n\nHi.\n\nBest,\nSam", CheckContext(recipient="Jordan Lee"), policy, drafts_bar=True)
    feedback = report.as_feedback()
    assert "Thank Jordan in the body of the note" in feedback
    assert "Add a sentence or two" in feedback


def test_unknown_note_type(policy) -> None:
    with pytest.raises(ValueError, match="unknown note type"):
        run_checks("Hello", CheckContext(note_type="apology"), policy)


def test_competing_offer_end_to_end(policy) -> None:
    context = CheckContext(note_type="competing_offer", recipient="Jordan Lee", deadline=date(2026, 12, 1))
    text = (
        "Dear Jordan,\n\nThank you for the interview. I have an offer elsewhere, so unless you decide by "
        "December 1 I will take it. I look forward to hearing from you soon and to learning more about the "
        "team.\n\nBest,\nSam"
    )
    report = run_checks(text, context, policy)
    assert [f.message.split(":")[0] for f in report.by_check("asks")] == ["Say that they remain your top choice"]
    assert [f.message.split(":")[0] for f in report.by_check("ultimatum")] == [
        "Remove 'unless you'",
        "Remove 'I will take it'",
    ]
