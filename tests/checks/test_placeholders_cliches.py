"""placeholders (block) and cliches (warn), with spans into the text as given."""

from __future__ import annotations

import pytest

from afterview.checks import CheckContext, cliches, placeholders


def framed(body: str) -> str:
    return f"Subject: Thank you\n\nDear Jordan,\n\n{body}\n\nBest regards,\nSam Rivera"


@pytest.mark.parametrize(
    ("body", "placeholder"),
    [
        ("Thank you, [Name], for your time.", "[Name]"),
        ("I enjoyed learning about the {role} role.", "{role}"),
        ("We met on <DATE> at the office.", "<DATE>"),
        ("I will send it by ____ at the latest.", "____"),
        ("It improved conversion by XX% last year.", "XX"),
        ("The start date is TBD for now.", "TBD"),
        ("I enjoyed (insert specific detail here) the most.", "(insert specific detail here)"),
        ("I look forward to joining (company name) soon.", "(company name)"),
        ("Lorem ipsum dolor sit amet.", "Lorem ipsum"),
        ("I admire [Company] and its mission.", "[Company]"),
    ],
)
def test_placeholders_block_with_their_span(policy, body: str, placeholder: str) -> None:
    text = framed(body)
    findings = placeholders(text, CheckContext(), policy)
    assert [(f.severity, text[f.start : f.end]) for f in findings] == [("block", placeholder)]
    assert findings[0].message == f"Replace the placeholder '{placeholder}' with the real text"


def test_placeholder_in_the_signature(policy) -> None:
    text = "Dear Jordan,\n\nThank you for your time.\n\nBest regards,\nYour Name"
    findings = placeholders(text, CheckContext(), policy)
    assert [text[f.start : f.end] for f in findings] == ["Your Name"]


@pytest.mark.parametrize(
    "body",
    [
        "I'd love to hear your name for the new service.",
        "Reach me at <sam@example.com> or <https://example.com/portfolio>.",
        "I read the XKCD comic you mentioned (it was funny).",
        "Thank you for the tour; it was great.",
        "The trade-off between speed and cost was interesting.",
    ],
)
def test_ordinary_text_is_not_a_placeholder(policy, body: str) -> None:
    assert placeholders(framed(body), CheckContext(), policy) == []


def test_record_names_are_masked_before_placeholders(policy) -> None:
    text = framed("I enjoyed meeting the team at XXL Sports.")
    assert len(placeholders(text, CheckContext(), policy)) == 0  # "XXL" is a word, not XX
    text = framed("I enjoyed meeting the team at [Bracket] Labs.")
    assert len(placeholders(text, CheckContext(), policy)) == 1
    assert placeholders(text, CheckContext(proper_nouns=("[Bracket] Labs",)), policy) == []


@pytest.mark.parametrize(
    ("body", "cliche"),
    [
        ("I'm just checking in on the role.", "just checking in"),
        ("I hope this email finds you well. Thank you for your time.", "I hope this email finds you well"),
        ("I wanted to touch base about next steps.", "touch base"),
        ("Circling back on my application.", "Circling back"),
        ("As per my last email, I am still interested.", "As per my last email"),
    ],
)
def test_cliches_warn_with_their_span(policy, body: str, cliche: str) -> None:
    text = framed(body)
    findings = cliches(text, CheckContext(), policy)
    assert [(f.severity, text[f.start : f.end]) for f in findings] == [("warn", cliche)]
    assert findings[0].message == f"Cut the cliché '{cliche}'"


def test_plain_writing_has_no_cliches(policy) -> None:
    text = framed("Thank you for checking in with the team about the base rate of churn.")
    assert cliches(text, CheckContext(), policy) == []


BRACKETED = "Thank you for the conversation today. I admire the team and look forward to hearing from you."


@pytest.mark.parametrize(
    ("note", "context"),
    [
        (
            f"Dear Sam [/] O'Neil,\n\n{BRACKETED}\n\nBest,\nLee Park",
            CheckContext(recipient="Sam [/] O'Neil", proper_nouns=("Sam [/] O'Neil",), has_record=True),
        ),
        (f"Dear Jordan,\n\n{BRACKETED}\n\nBest,\n[$accent]", CheckContext(recipient="Jordan", signature=("[$accent]",))),
        (f"Dear Jordan,\n\n{BRACKETED}\n\nBest,\n[B]", CheckContext(recipient="Jordan", signature=("[B]",))),
        (
            f"Dear Jordan,\n\n{BRACKETED}\n\nBest,\nLee Park\n[Portfolio] lee.example",
            CheckContext(recipient="Jordan", signature=("Lee Park", "[Portfolio] lee.example")),
        ),
    ],
)
def test_the_record_s_and_the_profile_s_own_brackets_are_no_placeholder(policy, note: str, context) -> None:
    assert placeholders(note, context, policy) == []


def test_a_real_placeholder_still_blocks_beside_a_bracketed_name(policy) -> None:
    note = f"Dear Sam [/] O'Neil,\n\nI admire [Company] and its mission. {BRACKETED}\n\nBest,\n[B]"
    context = CheckContext(recipient="Sam [/] O'Neil", proper_nouns=("Sam [/] O'Neil",), signature=("[B]",))
    found = placeholders(note, context, policy)
    assert [(f.severity, note[f.start : f.end]) for f in found] == [("block", "[Company]")]


def test_a_draft_for_a_bracketed_interviewer_signed_with_brackets_passes(policy) -> None:
    from datetime import date

    from afterview import services
    from afterview.domain import Interview, Interviewer, NoteRequest, NoteType
    from afterview.writer import Writer

    interview = Interview(
        company="Northwind Analytics",
        role="Data Analyst",
        interview_date=date(2026, 11, 24),
        interviewers=[Interviewer(name="Sam [/] O'Neil", moment="your story about rebuilding the churn dashboard")],
    )
    writer = Writer(policy=services.policy(), templates=services.template_drafter(), drafter=None, deadline=None)
    request = NoteRequest(interview=interview, note_type=NoteType.THANK_YOU, recipient="Sam [/] O'Neil", signature="[B]")
    drafts = writer.write_now(request)
    assert drafts and "[B]" in drafts[0].body
    assert not [f for f in drafts[0].report.findings if f.check == "placeholders"], drafts[0].report.findings
