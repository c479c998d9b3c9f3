"""The panel check: the pure function, its data file, and the store adding it on save."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from afterview.checks.panel import PanelPolicyError, load_panel_policy, panel, similarity
from afterview.checks.types import Finding
from afterview.resources import data_dir
from store_helpers import BODY_FAITH, BODY_MARCUS_OWN, BODY_MARCUS_SAME


def test_near_duplicates_warn_and_name_the_other_recipient():
    policy = load_panel_policy(data_dir("guardrails"))
    findings = panel(BODY_MARCUS_SAME, [("Faith Christian", BODY_FAITH)], policy.near_duplicate, policy=policy)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.check, finding.severity, finding.start, finding.end) == ("panel", "warn", None, None)
    assert "Faith Christian" in finding.message and "interviewers compare notes" in finding.message
    assert finding.suggestion == policy.suggestion


def test_distinct_notes_do_not_warn():
    assert similarity(BODY_MARCUS_OWN, BODY_FAITH) < 0.5
    assert panel(BODY_MARCUS_OWN, [("Faith Christian", BODY_FAITH)]) == []


def test_the_threshold_is_inclusive_and_comes_from_the_caller():
    ratio = similarity(BODY_MARCUS_SAME, BODY_FAITH)
    assert 0.8 <= ratio < 1.0
    assert len(panel(BODY_MARCUS_SAME, [("Faith", BODY_FAITH)], threshold=ratio)) == 1
    assert panel(BODY_MARCUS_SAME, [("Faith", BODY_FAITH)], threshold=ratio + 0.001) == []


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
    others = [("Faith Christian", BODY_FAITH), ("Marcus Okafor", BODY_MARCUS_OWN), ("李雷", BODY_FAITH)]
    findings = panel(BODY_MARCUS_SAME, others)
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
    with pytest.raises(PanelPolicyError, match="cannot read"):
        load_panel_policy(tmp_path)


def test_the_checks_package_stays_free_of_pydantic_and_the_rest_of_afterview():
    import subprocess

    code = (
        "import sys, afterview.checks.panel; "
        "bad = [m for m in sys.modules if m == 'pydantic' or (m.startswith('afterview.') and not m.startswith('afterview.checks'))]; "
        "print(bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# -- the store adds it -----------------------------------------------------------------


@pytest.fixture
def panel_interview(store, make_interview):
    return store.add_interview(
        make_interview(interviewers=[{"name": "Faith Christian"}, {"name": "Marcus Okafor", "contact": True}])
    )


def test_the_later_draft_of_a_near_duplicate_pair_gets_the_warning(store, panel_interview, make_draft):
    first = store.save_draft(panel_interview, make_draft("Faith Christian", BODY_FAITH))
    later = store.save_draft(panel_interview, make_draft("Marcus Okafor", BODY_MARCUS_SAME))
    assert first.report.by_check("panel") == ()
    (warning,) = later.report.by_check("panel")
    assert warning.severity == "warn" and "Faith Christian" in warning.message
    assert later.report.passed  # a warning, not a block
    assert store.draft(later.id).report == later.report  # stored with the draft
    assert store.draft(first.id).report.by_check("panel") == ()


def test_drafts_to_the_same_recipient_are_not_compared(store, panel_interview, make_draft):
    store.save_draft(panel_interview, make_draft("Faith Christian", BODY_FAITH))
    again = store.save_draft(panel_interview, make_draft("faith christian", BODY_FAITH))
    assert again.report.by_check("panel") == ()


def test_a_personal_note_earns_no_warning(store, panel_interview, make_draft):
    store.save_draft(panel_interview, make_draft("Faith Christian", BODY_FAITH))
    own = store.save_draft(panel_interview, make_draft("Marcus Okafor", BODY_MARCUS_OWN))
    assert own.report.by_check("panel") == ()


def test_only_the_latest_draft_per_recipient_counts(store, panel_interview, make_draft):
    store.save_draft(panel_interview, make_draft("Faith Christian", BODY_FAITH))
    store.save_draft(panel_interview, make_draft("Faith Christian", BODY_MARCUS_OWN.replace("Marcus", "Faith")))
    later = store.save_draft(panel_interview, make_draft("Marcus Okafor", BODY_MARCUS_SAME))
    assert later.report.by_check("panel") == ()


def test_editing_a_draft_recomputes_the_warning(store, panel_interview, make_draft):
    store.save_draft(panel_interview, make_draft("Faith Christian", BODY_FAITH))
    later = store.save_draft(panel_interview, make_draft("Marcus Okafor", BODY_MARCUS_SAME))
    other = Finding("cliches", "warn", "Drop 'just checking in'.")
    report = later.report.__class__(later.report.note_type, (other, *later.report.findings), True)
    fixed = store.update_draft_body(later.id, BODY_MARCUS_OWN, report)
    assert fixed.report.by_check("panel") == ()
    assert fixed.report.by_check("cliches") == (other,)  # the caller's findings are kept
    copied = store.update_draft_body(later.id, BODY_MARCUS_SAME, fixed.report)
    assert len(copied.report.by_check("panel")) == 1
