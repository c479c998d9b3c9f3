"""Test doubles and sample data for the app's tests (imported by conftest and the tests)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from afterview.domain import Interview, Interviewer, NoteRequest
from afterview.drafting.base import DrafterError, DraftText

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 17, 30)


class ScriptedDrafter:
    """A Drafter that answers from a script: paragraphs to frame, or an error to raise.

    Each call to ``draft`` takes the next entry of ``script`` (the last one repeats): a
    list of paragraph lists (one per variant) or a ``DrafterError`` instance. Requests
    are recorded so tests can assert what the app asked for.
    """

    engine = "scripted-model"

    def __init__(self, script: Sequence[object]) -> None:
        self.script = list(script)
        self.requests: list[tuple[NoteRequest, int]] = []

    async def draft(self, request: NoteRequest, n: int) -> list[DraftText]:
        """Frame the next scripted paragraphs like the LLM drafter does (or raise)."""
        from afterview.drafting.frame import load_frame

        self.requests.append((request, n))
        entry = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(entry, DrafterError):
            raise entry
        frame = load_frame()
        texts = []
        for index, paragraphs in enumerate(entry[:n]):  # type: ignore[index]
            variant = request.first_variant + index
            filled = [p.format(first=request.interviewer.first_name, role=request.interview.role) for p in paragraphs]
            texts.append(
                DraftText(
                    subject=frame.subject(request, variant),
                    body=frame.body(request, filled, variant),
                    engine=self.engine,
                    variant=variant,
                    prompt_version="scripted@1",
                )
            )
        return texts


GOOD_THANK_YOUS = [
    [
        "Thank you for taking the time to talk with me today about the {role} role. I especially "
        "enjoyed your story about rebuilding the churn dashboard, and how the team now reads it every Monday.",
        "Our conversation made me even more excited about the work ahead, and I would be glad to bring my "
        "experience with messy customer data to the team. I look forward to hearing from you about the next steps.",
    ],
    [
        "Thank you for the conversation today. Hearing your story about rebuilding the churn dashboard "
        "showed me how much the team cares about getting the numbers right.",
        "I am very interested in the {role} position and would welcome the chance to help the team build on that "
        "work. I look forward to hearing from you.",
    ],
    [
        "Many thanks for meeting with me today. I keep thinking about your story about rebuilding the churn "
        "dashboard and the way it changed how the team plans each quarter.",
        "The role sounds like a great fit for what I enjoy most, and I remain very enthusiastic about joining. "
        "I look forward to hearing from you about the next steps in the process.",
    ],
]


def northwind(**changes: object) -> Interview:
    """The sample interview: one interviewer, interviewed today."""
    data: dict[str, object] = {
        "company": "Northwind Analytics",
        "role": "Data Analyst",
        "interview_date": TODAY,
        "decision_date": date(2026, 3, 9),
        "interviewers": [
            Interviewer(
                name="Jordan Lee",
                title="Analytics Manager",
                email="jordan@northwind.example",
                contact=True,
                moment="your story about rebuilding the churn dashboard",
            )
        ],
    }
    data.update(changes)
    return Interview.from_data(data)


def make_writer(drafter: object | None):
    """A real Writer over the shipped policy and templates, with ``drafter`` as the LLM."""
    from afterview import services
    from afterview.writer import Writer

    return Writer(
        policy=services.policy(), templates=services.template_drafter(), drafter=drafter, deadline=10, now=lambda: NOW
    )
