"""sensitive / scan_sensitive: flagged phrasings, false-positive traps, masking, spans."""

from __future__ import annotations

import pytest

from afterview.checks import CheckContext, scan_sensitive, sensitive

from .conftest import read_data

CASES = read_data("sensitive_cases.toml")
SEVERITY_RANK = {"block": 0, "warn": 1, "info": 2}


@pytest.mark.parametrize("case", CASES["flagged"], ids=lambda c: f"{c['ref']}: {c['text'][:40]}")
def test_risky_phrasings_are_flagged(policy, case: dict) -> None:
    findings = scan_sensitive(case["text"], policy)
    assert (case["category"], case["severity"]) in {(f.category, f.severity) for f in findings}, findings
    # Nothing in the sentence is judged more severe than the expected finding.
    assert min(SEVERITY_RANK[f.severity] for f in findings) == SEVERITY_RANK[case["severity"]], findings
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(case["text"])
        assert finding.suggestion and finding.message


@pytest.mark.parametrize("case", CASES["clean"], ids=lambda c: f"{c['ref']}: {c['text'][:40]}")
def test_traps_are_not_flagged(policy, case: dict) -> None:
    findings = scan_sensitive(case["text"], policy, case.get("proper_nouns", ()))
    assert findings == [], [(f.category, case["text"][f.start : f.end]) for f in findings]


def test_the_tables_cover_the_research_lists() -> None:
    refs = {c["ref"] for c in CASES["flagged"]}
    for letter, count in {"A": 11, "B": 11, "C": 10, "D": 10, "E": 10, "F": 10, "G": 10, "H": 10, "I": 10}.items():
        assert {f"{letter}{i}" for i in range(1, count + 1)} <= refs
    assert {f"1.8 #{i}" for i in range(1, 37)} <= {c["ref"] for c in CASES["clean"]}


# -- masking ----------------------------------------------------------------------------
RECORD_NAMES = ("Faith Christian", "Temple University", "Research Coordinator")


def test_record_names_are_masked(policy) -> None:
    text = "Dear Faith,\n\nThank you, Faith Christian, for the tour of Temple University. Christian's team was kind."
    assert scan_sensitive(text, policy, RECORD_NAMES) == []


def test_the_same_words_with_a_person_anchor_are_flagged(policy) -> None:
    moment = "she said that as a person of faith she values the Christian ethos of Temple University"
    findings = scan_sensitive(moment, policy, RECORD_NAMES)
    assert {f.category for f in findings} == {"religion"}
    assert moment[findings[0].start : findings[0].end] == "faith"


def test_masking_ignores_case_for_whole_names_only(policy) -> None:
    # "temple university" in lower case is still the employer; a lone lower-case
    # "faith" is not the interviewer.
    text = "I loved temple university, and my faith matters to me."
    findings = scan_sensitive(text, policy, RECORD_NAMES)
    assert [text[f.start : f.end] for f in findings] == ["faith"]


def test_company_named_like_a_health_word_still_lets_health_be_flagged(policy) -> None:
    nouns = ("Acme Health",)
    assert scan_sensitive("I enjoyed meeting the Acme Health team.", policy, nouns) == []
    findings = scan_sensitive("I joined Acme Health after my health issues.", policy, nouns)
    assert [f.category for f in findings] == ["health"]


# -- severity follows the anchor ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "severity", "voice"),
    [
        ("Sorry about my accent.", "warn", "tells the employer about your national origin"),
        ("I loved your accent.", "block", "remarks on the national origin"),
        ("As a fellow Catholic, I enjoyed it.", "block", "the same religion as the reader"),
        ("As a Catholic, I enjoyed it.", "warn", "tells the employer about your religion"),
        ("Since I graduated in 1987 I have worked in logistics.", "info", "can hint at your age"),
    ],
)
def test_anchor_decides_who_it_is_about(policy, text: str, severity: str, voice: str) -> None:
    (finding,) = scan_sensitive(text, policy)
    assert finding.severity == severity
    assert voice in finding.message


def test_ambiguous_word_without_a_person_is_not_flagged(policy) -> None:
    assert scan_sensitive("The accent on quality was clear in the demo.", policy) == []
    assert len(scan_sensitive("My accent was clear in the demo.", policy)) == 1


def test_strongest_of_overlapping_findings_wins(policy) -> None:
    text = "I was treated differently because I'm a woman."
    (finding,) = scan_sensitive(text, policy)
    assert finding.category == "allegation"
    assert text[finding.start : finding.end] == "treated differently because I'm a woman"


def test_allegation_span_covers_both_halves(policy) -> None:
    text = "I hope my age wasn't a factor in your decision."
    (finding,) = scan_sensitive(text, policy)
    assert text[finding.start : finding.end] == "my age wasn't a factor"


# -- spans and normalisation ------------------------------------------------------------
def test_spans_index_the_full_note_including_the_subject(policy) -> None:
    text = "Subject: About my pregnancy\n\nDear Jordan,\n\nThank you. Sorry about my accent.\n\nBest,\nSam"
    findings = sensitive(text, CheckContext(), policy)
    assert [text[f.start : f.end] for f in findings] == ["pregnancy", "accent"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Even though I\u2019m only 22, I lead a team.", "I\u2019m only 22"),
        ("Was it because of my rel\u200bigion?", "because of my rel\u200bigion"),
        ("Please excuse my \uff41\uff43\uff43\uff45\uff4e\uff54.", "\uff41\uff43\uff43\uff45\uff4e\uff54"),
        ("\u201cAs a woman in tech\u201d, I know this.", "woman in tech"),
    ],
)
def test_normalised_text_maps_back_to_the_original(policy, text: str, words: str) -> None:
    findings = scan_sensitive(text, policy)
    assert words in [text[f.start : f.end] for f in findings]


def test_messages_are_instructions_quoting_the_words(policy) -> None:
    (finding,) = scan_sensitive("Don't let my gray hair fool you.", policy)
    assert finding.message == "Leave out 'gray hair': it tells the employer about your age, which they must not weigh"
    assert finding.suggestion == "Describe a skill or a recent result instead."


def test_lone_field_scan(policy) -> None:
    moment = "congrats on her pregnancy"
    (finding,) = scan_sensitive(moment, policy)
    assert (finding.category, finding.severity, moment[finding.start : finding.end]) == ("pregnancy", "block", "pregnancy")


def test_sensitive_uses_the_context_names(policy) -> None:
    text = "Dear Christian,\n\nThank you. As a Christian I loved the talk.\n\nBest,\nSam"
    assert len(sensitive(text, CheckContext(), policy)) == 1
    assert sensitive(text, CheckContext(proper_nouns=("Christian Okafor",)), policy) == []
