"""The checks' per-context memos change no verdict, even when full and started afresh."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from afterview.checks import CheckContext, Policy, run_checks
from afterview.checks import addressing, capitals, facts, names

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes_corpus" / "flawed"


def _cases() -> list[str]:
    texts = []
    for name in ("stranger_named.toml", "wrong_company.toml", "no_moment.toml", "moment_word_only.toml"):
        texts.extend(case["text"] for case in tomllib.loads((CORPUS / name).read_text(encoding="utf-8"))["case"][:6])
    return texts


CONTEXTS = [
    CheckContext(
        note_type="thank_you", recipient="Jordan Lee", moment=moment, has_record=True,
        record_texts=("Northwind Analytics", "Data Analyst", "Jordan Lee", "Sam Rivera", moment),
        people=("Jordan Lee", "Sam Rivera"), company="Northwind Analytics",
    )
    for moment in ("rebuilding the churn dashboard", "your story about the marathon she ran", "the whiteboard exercise")
]  # fmt: skip


def _verdicts(policy: Policy) -> list[tuple]:
    return [
        tuple((f.check, f.severity, f.start, f.end, f.message) for f in run_checks(text, context, policy).findings)
        for text in _cases()
        for context in CONTEXTS
    ]


def test_tiny_memos_give_the_same_findings(policy: Policy, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _verdicts(policy)
    monkeypatch.setattr(capitals, "_WORDS_LEARNT", 3)
    monkeypatch.setattr(addressing, "_MOMENTS_KEPT", 1)
    names._roster.cache_clear()
    facts._grounder.cache_clear()
    assert _verdicts(policy) == expected
    assert any(expected)  # the cases reach the checks
