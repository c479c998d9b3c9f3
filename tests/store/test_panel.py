"""The panel check: the pure check, its data file, and the notes the store hands it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from afterview.checks import CheckContext, load_policy, run_checks
from afterview.checks.panel import PanelPolicyError, load_panel_policy, note_body, panel, similarity
from afterview.frozen import replace
from afterview.resources import data_dir
from store_helpers import BODY_FAITH, BODY_MARCUS_OWN, BODY_MARCUS_SAME


POLICY = load_policy(data_dir("guardrails"))


def _panel(body: str, others, threshold: float | None = None):
    policy = POLICY if threshold is None else replace(POLICY, panel=replace(POLICY.panel, near_duplicate=threshold))
    return panel(body, CheckContext(other_notes=tuple(others)), policy)


def test_near_duplicates_warn_and_name_the_other_recipient():
    findings = _panel(BODY_MARCUS_SAME, [("Faith Christian", BODY_FAITH)])
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.check, finding.severity, finding.start, finding.end) == ("panel", "warn", None, None)
    assert "Faith Christian" in finding.message and "interviewers compare notes" in finding.message
    assert finding.suggestion == POLICY.panel.suggestion


def test_distinct_notes_do_not_warn():
    assert similarity(BODY_MARCUS_OWN, BODY_FAITH) < 0.5
    assert _panel(BODY_MARCUS_OWN, [("Faith Christian", BODY_FAITH)]) == []


def test_the_threshold_is_inclusive_and_comes_from_the_policy():
    ratio = similarity(note_body(BODY_MARCUS_SAME), note_body(BODY_FAITH))
    assert 0.8 <= ratio < 1.0
    assert len(_panel(BODY_MARCUS_SAME, [("Faith", BODY_FAITH)], threshold=ratio)) == 1
    assert _panel(BODY_MARCUS_SAME, [("Faith", BODY_FAITH)], threshold=ratio + 0.001) == []


def test_it_runs_in_the_pipeline_and_compares_bodies_whatever_the_shape():
    # A file with a subject line and a stored body without one compare alike.
    context = CheckContext(note_type="thank_you", other_notes=(("Faith Christian", BODY_FAITH),))
    with_subject = run_checks(f"Subject: Thanks\n\n{BODY_MARCUS_SAME}", context, POLICY)
    bare = run_checks(BODY_MARCUS_SAME, context, POLICY)
    assert with_subject.by_check("panel") == bare.by_check("panel") != ()


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Thank you so much", "thank YOU so much", 1.0),  # words, case-folded
        ("Thank you so much", "Thank you, so much!", 1.0),  # punctuation is not a word
        ("one two three four", "five six seven eight", 0.0),
        ("", "anything", 0.0),
        ("a b c d", "a b x y", 0.5),
    ],
)
def test_similarity_is_a_difflib_ratio_over_words(first, second, expected):
    assert similarity(first, second) == pytest.approx(expected)


def test_long_notes_are_not_fooled_by_autojunk():
    # difflib's autojunk drops frequent items in sequences of 200+; two equal long notes must still match.
    body = " ".join(["the team and the work"] * 60)
    assert similarity(body, body) == 1.0


def test_one_finding_per_matching_recipient():
    others = [("Faith Christian", BODY_FAITH), ("Marcus Okafor", BODY_MARCUS_OWN), ("李雷", BODY_FAITH), ("李雷", BODY_FAITH)]
    findings = _panel(BODY_MARCUS_SAME, others)
    assert [f.message.count("Faith Christian") + f.message.count("李雷") for f in findings] == [1, 1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "[panel] table is missing"),
        ("[panel]\nnear_duplicate = 1.5\nmessage = 'm'\nsuggestion = 's'\n", "panel.near_duplicate"),
        ("[panel]\nnear_duplicate = true\nmessage = 'm'\nsuggestion = 's'\n", "panel.near_duplicate"),
        ("[panel]\nnear_duplicate = 0.8\nsuggestion = 's'\n", "panel.message"),
        ("[panel]\nnear_duplicate = 0.8\nmessage = '{name}'\nsuggestion = 's'\n", "panel.message"),
        ("[panel]\nnear_duplicate = 0.8\nmessage = 'm'\nsuggestion = 's'\nratio = 1\n", "panel.ratio: unknown key"),
        ("[panel\n", "not valid TOML"),
    ],
)
def test_a_malformed_policy_file_names_file_and_key(tmp_path: Path, content: str, message: str):
    (tmp_path / "panel.toml").write_text(content)
    with pytest.raises(PanelPolicyError) as caught:
        load_panel_policy(tmp_path)
    assert str(tmp_path / "panel.toml") in str(caught.value)
    assert message in str(caught.value)


def test_a_missing_policy_file_is_an_error(tmp_path: Path):
    with pytest.raises(PanelPolicyError, match="file not found"):
        load_panel_policy(tmp_path)


# -- the store hands it the panel's notes ------------------------------------------------


@pytest.fixture
def panel_interview(store, make_interview):
    return store.add_interview(
        make_interview(interviewers=[{"name": "Faith Christian"}, {"name": "Marcus Okafor", "contact": True}])
    )


def test_other_notes_are_the_other_recipients_latest_drafts_then_the_notes_sent(store, panel_interview, make_draft):
    first = store.save_draft(panel_interview, make_draft("Faith Christian", "Dear Faith,\n\nAn older draft.\n\nSam"))
    store.save_draft(panel_interview, make_draft("Faith Christian", BODY_FAITH))
    store.save_draft(panel_interview, make_draft("Marcus Okafor", BODY_MARCUS_OWN))
    store.mark_sent(panel_interview, "thank_you", "Faith Christian", draft_id=first.id)
    assert store.other_notes(panel_interview, "marcus okafor") == [
        ("Faith Christian", BODY_FAITH),
        ("Faith Christian", "Dear Faith,\n\nAn older draft.\n\nSam"),  # as it was sent
    ]
    assert store.other_notes(panel_interview, "Faith Christian") == [("Marcus Okafor", BODY_MARCUS_OWN)]


def test_the_sent_log_keeps_the_text_that_was_sent(store, panel_interview, make_draft):
    draft = store.save_draft(panel_interview, make_draft("Faith Christian", BODY_FAITH))
    store.mark_sent(panel_interview, "thank_you", "Faith Christian", draft_id=draft.id)
    store.update_draft_body(draft.id, "Dear Faith,\n\nEdited after sending.\n\nSam", draft.report)
    assert ("Faith Christian", BODY_FAITH) in store.other_notes(panel_interview, "Marcus Okafor")
    again = store.mark_sent(panel_interview, "thank_you", "Faith Christian", draft_id=draft.id)
    assert again.already
