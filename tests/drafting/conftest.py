"""Fixtures for the drafting tests: sample records and a private copy of the offline set."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from afterview.domain import Award, CompetingOffer, Interview, Interviewer, NoteRequest, NoteType, Tone
from afterview.drafting.frame import offline_dir


@pytest.fixture
def interview() -> Interview:
    """A full record: two interviewers (one with a moment), a decision date, an offer, an award."""
    return Interview(
        candidate="Sam Rivera",
        company="Northwind Analytics",
        role="Data Engineer",
        interview_date=date(2026, 11, 18),
        decision_date=date(2026, 11, 25),
        interviewers=[
            Interviewer(name="Jordan Lee", moment="Your story about rebuilding the churn dashboard.", contact=True),
            Interviewer(name="Dr. Priya Nair", title="Director of Data"),
        ],
        competing_offer=CompetingOffer(company="Contoso", deadline=date(2026, 12, 1)),
        award=Award(
            name="Open Data Award",
            date=date(2026, 11, 28),
            relevance="It recognizes the pipeline work this role centers on",
        ),
    )


@pytest.fixture
def make_request(interview: Interview):
    """Build a ``NoteRequest`` for the sample record: ``make_request(NoteType.X, tone=..., ...)``."""

    def build(note_type: NoteType = NoteType.THANK_YOU, **changes) -> NoteRequest:
        fields = {
            "interview": interview,
            "note_type": note_type,
            "recipient": "Jordan Lee",
            "tone": Tone.WARM,
            "signature": "Sam Rivera",
        }
        fields.update(changes)
        return NoteRequest(**fields)

    return build


@pytest.fixture
def offline_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped offline set, to break in a test."""
    target = tmp_path / "offline"
    shutil.copytree(offline_dir(), target)
    return target
