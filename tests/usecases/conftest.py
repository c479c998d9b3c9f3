"""Fixtures for the use-case tests: a store in the test's own home, a four-person panel."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterview.paths import app_paths
from afterview.store import open_store

PANEL_OF_FOUR = """\
candidate = "Priya Natarajan"
candidate_email = "priya@example.com"
company = "Fabrikam Health"
role = "Senior Platform Engineer"
interview_date = 2026-11-20
decision_date = 2026-12-01

[[interviewers]]
name = "Faith Christian"
moment = "how the team retired the legacy billing system"

[[interviewers]]
name = "Marcus Okafor"
contact = true
moment = "the race condition you found in the scheduler"

[[interviewers]]
name = "Ana Sousa"
moment = "your plan to move on-call to a follow-the-sun rota"

[[interviewers]]
name = "Kenji Watanabe"
moment = "the design review you run every Thursday"
"""

WITHHELD = """\
candidate = "Sam Rivera"
company = "Northwind Analytics"
role = "Data Analyst"
interview_date = 2026-11-24

[[interviewers]]
name = "Jordan Lee"
moment = "hearing about your pregnancy and the new parental leave policy"
"""


@pytest.fixture
def store(isolated_home: Path, empty_database: Path):
    """An open store in the test's own AFTERVIEW_HOME."""
    opened = open_store(app_paths())
    yield opened
    opened.close()


@pytest.fixture
def panel_file(tmp_path: Path) -> Path:
    """An interview file with four interviewers, each with their own moment."""
    path = tmp_path / "panel.toml"
    path.write_text(PANEL_OF_FOUR, encoding="utf-8")
    return path


@pytest.fixture
def withheld_file(tmp_path: Path) -> Path:
    """An interview whose only moment touches a protected characteristic."""
    path = tmp_path / "withheld.toml"
    path.write_text(WITHHELD, encoding="utf-8")
    return path
