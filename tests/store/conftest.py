"""Fixtures for the store tests: a real SQLite file under the test's AFTERVIEW_HOME."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from afterview.checks.types import Finding, Report
from afterview.paths import app_paths
from afterview.domain import Draft, Interview, NoteType, Tone
from afterview.store import Store, open_store
from store_helpers import NOW, PANEL_TOML


@pytest.fixture
def home(isolated_home: Path) -> Path:
    """The test's AFTERVIEW_HOME (set by the suite-wide autouse fixture)."""
    return isolated_home


@pytest.fixture
def store(home: Path, empty_database: Path) -> Store:
    """An open store in the test's AFTERVIEW_HOME with a fixed clock."""
    opened = open_store(app_paths(), now=lambda: NOW, busy_timeout=0.5)
    yield opened
    opened.close()


@pytest.fixture
def make_interview():
    """Build a valid ``Interview``: ``make_interview(company=..., interviewers=[...])``."""

    def build(**overrides: object) -> Interview:
        data: dict[str, object] = {
            "candidate": "Sam Rivera",
            "candidate_email": "sam@example.com",
            "company": "Northwind Analytics",
            "role": "Data Analyst",
            "interview_date": date(2026, 11, 24),
            "decision_date": date(2026, 12, 5),
            "interviewers": [
                {"name": "Jordan Lee", "title": "Analytics Manager", "email": "jordan@northwind.example",
                 "contact": True, "moment": "your story about rebuilding the churn dashboard"},
            ],
        }  # fmt: skip
        data.update(overrides)
        return Interview.from_data(data)

    return build


@pytest.fixture
def make_draft():
    """Build a ``Draft`` as the writer would: ``make_draft("Jordan Lee", body, findings=...)``."""

    def build(
        recipient: str,
        body: str = "Dear Jordan,\n\nThank you for the conversation.\n\nSam",
        *,
        note_type: str = "thank_you",
        subject: str = "Thank you",
        findings: tuple[Finding, ...] = (),
        created_at: datetime | None = None,
    ) -> Draft:
        return Draft(
            subject=subject,
            body=body,
            note_type=NoteType(note_type),
            recipient=recipient,
            tone=Tone.WARM,
            engine="template",
            variant=0,
            prompt_version="templates-1",
            report=Report(note_type=note_type, findings=findings, drafts_bar=True),
            notices=("a notice",),
            created_at=created_at,
        )

    return build


@pytest.fixture
def panel_file(tmp_path: Path) -> Path:
    """An interview file with a two-person panel."""
    path = tmp_path / "panel.toml"
    path.write_text(PANEL_TOML, encoding="utf-8")
    return path
