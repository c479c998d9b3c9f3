"""grounding: names, numbers, dates and addresses the interview record lacks (warn)."""

from __future__ import annotations

import pytest

from afterview.checks import CheckContext, grounding

from .conftest import make_context


def framed(body: str) -> str:
    return f"Subject: Thank you for Tuesday\n\nDear Jordan,\n\n{body}\n\nBest regards,\nSam Rivera\nsam.rivera@example.com"


RECORD = make_context(record=True)


def flagged(body: str, context: CheckContext = RECORD, policy=None) -> list[str]:
    text = framed(body)
    return [text[f.start : f.end] for f in grounding(text, context, policy)]


@pytest.mark.parametrize(
    ("body", "invented"),
    [
        ("Your 2019 launch was impressive.", ["2019"]),
        ("I enjoyed meeting Priya and the rest of the team.", ["Priya"]),
        ("I hear the office in New York is growing.", ["New York"]),
        ("Thank you for meeting me on March 5.", ["March 5"]),
        ("Thank you for meeting me on Thursday.", ["Thursday"]),
        ("You can see my work at https://portfolio.example.org/sam.", ["https://portfolio.example.org/sam"]),
        ("Write to me at sam@elsewhere.example.", ["sam@elsewhere.example"]),
        ("It grew 40% after we met Priya, and Priya agreed.", ["40", "Priya"]),
    ],
)
def test_invented_facts_warn_each(policy, body: str, invented: list[str]) -> None:
    assert flagged(body, policy=policy) == invented


def test_message_and_severity(policy) -> None:
    (finding,) = grounding(framed("Your 2019 launch was impressive."), RECORD, policy)
    assert finding.severity == "warn"
    assert finding.message == "Remove '2019' or check it: it is not in the interview record"


@pytest.mark.parametrize(
    "body",
    [
        "Thank you for the conversation about the Data Analyst role at Northwind Analytics.",
        "Thank you for meeting me on Tuesday, March 3. I hope a decision by Friday, March 13 still works.",
        "I enjoyed talking about the churn dashboard. Dashboards like it matter. I'm sure it helps.",
        "I have used SQL and dbt for years, and I'd welcome the chance to do so here.",
        "Jordan, it was a pleasure. Mr. Lee's advice was helpful, and so was the Analytics Manager's.",
        "Please write to sam.rivera@example.com if anything else would help.",
    ],
)
def test_ordinary_writing_is_quiet(policy, body: str) -> None:
    assert flagged(body, policy=policy) == []


def test_numbers_from_the_record_texts_are_known(policy) -> None:
    context = make_context(record=True, record_texts=("cutting load time from 9 to 2 seconds",))
    assert flagged("You cut the load time from 9 to 2 seconds.", context, policy) == []


def test_without_a_record_nothing_is_checked(policy) -> None:
    assert flagged("Your 2019 launch in Berlin was impressive.", CheckContext(), policy) == []
