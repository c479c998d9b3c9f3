"""Shared fixtures for the guardrail checks: the repo's policy, contexts and notes."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from afterview.checks import CheckContext, Policy, load_policy

GUARDRAILS = Path(__file__).resolve().parents[2] / "guardrails"
DATA = Path(__file__).resolve().parent / "data"


def read_data(name: str) -> dict[str, Any]:
    """A TOML fixture from tests/checks/data/."""
    return tomllib.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def policy() -> Policy:
    """The policy shipped in the repository's guardrails/ folder."""
    return load_policy(GUARDRAILS)


@pytest.fixture
def guardrails_copy(tmp_path: Path) -> Path:
    """A fresh copy of guardrails/ named "guardrails", to edit in a test."""
    target = tmp_path / "guardrails"
    shutil.copytree(GUARDRAILS, target)
    return target


RECORD = {
    "proper_nouns": ("Northwind Analytics", "Data Analyst", "Sam Rivera", "Jordan Lee", "Analytics Manager"),
    "texts": ("rebuilding the churn dashboard", "sam.rivera@example.com"),
    "dates": (date(2026, 3, 3), date(2026, 3, 13)),
}


def make_context(note_type: str = "thank_you", *, record: bool = False, **fields: Any) -> CheckContext:
    """A CheckContext; ``record=True`` fills it as if built from a small interview record."""
    if record:
        fields.setdefault("recipient", "Jordan Lee")
        fields.setdefault("proper_nouns", RECORD["proper_nouns"])
        fields.setdefault("record_texts", RECORD["proper_nouns"] + RECORD["texts"])
        fields.setdefault("record_dates", RECORD["dates"])
        fields.setdefault("has_record", True)
    return CheckContext(note_type=note_type, **fields)


@pytest.fixture
def context() -> Callable[..., CheckContext]:
    """``make_context`` as a fixture."""
    return make_context
