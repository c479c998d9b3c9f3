"""Normalising once before the checks: hidden characters and look-alike letters, spans
that still point into the text as typed, and the hidden-characters finding."""

from __future__ import annotations

import pytest

from afterview.checks import CheckContext, run_checks, scan_sensitive
from afterview.checks.normalize import prepare

from .conftest import GUARDRAILS

ZWJ, ZWSP, SOFT_HYPHEN, CGJ, VS16 = "\u200d", "\u200b", "\u00ad", "\u034f", "\ufe0f"
CYRILLIC_A, CYRILLIC_E, GREEK_O = "\u0430", "\u0435", "\u03bf"


@pytest.mark.parametrize(
    "hidden",
    [
        f"preg{ZWJ}nant",
        f"pre{SOFT_HYPHEN}gnant",
        f"pregn{CYRILLIC_A}nt",
        f"pr{CYRILLIC_E}gnant",
        f"preg{CGJ}nant",
        f"preg{VS16}nant",
        "\uff50\uff52\uff45\uff47\uff4e\uff41\uff4e\uff54",  # fullwidth letters
    ],
)
def test_a_hidden_term_is_still_found_and_spans_point_at_what_was_typed(policy, hidden) -> None:
    text = f"Dear Jordan,\n\nI should say I am {hidden} and due in May."
    findings = [f for f in scan_sensitive(text, policy) if f.check == "sensitive"]
    assert findings and findings[0].category == "pregnancy"
    assert text[findings[0].start : findings[0].end] == hidden


def test_words_holding_hidden_characters_get_their_own_finding(policy) -> None:
    text = f"Thank you for the rel{ZWSP}igion chat and the fa{GREEK_O}ith one."
    hidden = [f for f in scan_sensitive(text, policy) if f.check == "hidden_characters"]
    assert [text[f.start : f.end] for f in hidden] == [f"rel{ZWSP}igion", f"fa{GREEK_O}ith"]
    assert all(f.severity == "warn" and f.category is None for f in hidden)


def test_the_hidden_characters_finding_blocks_on_the_drafts_bar(policy) -> None:
    text = f"Thank you for your time. I look forward to hear{ZWJ}ing from you."
    relaxed = run_checks(text, CheckContext(note_type="follow_up"), policy)
    strict = run_checks(text, CheckContext(note_type="follow_up"), policy, drafts_bar=True)
    assert [f.severity for f in relaxed.by_check("hidden_characters")] == ["warn"]
    assert [f.severity for f in strict.by_check("hidden_characters")] == ["block"]


def test_a_hidden_character_cannot_break_an_exception(policy) -> None:
    text = f"I enjoyed the ra{ZWJ}ce condition puzzle and the black{SOFT_HYPHEN}-box tests."
    assert [f for f in scan_sensitive(text, policy) if f.check == "sensitive"] == []


def test_joiners_between_emoji_and_accented_names_are_left_alone(policy) -> None:
    text = f"Thank you, Jos\u00e9 and Zo\u0065\u0308! \U0001f469{ZWJ}\U0001f4bb was fun. Best, \u0414\u043c\u0438\u0442\u0440\u0438\u0439"
    assert scan_sensitive(text, policy) == []
    prepared = prepare(text, GUARDRAILS)
    assert prepared.hidden == ()
    assert "\u0414\u043c\u0438\u0442\u0440\u0438\u0439" in prepared.text  # a Cyrillic word stays Cyrillic


def test_other_checks_see_through_hidden_characters_and_keep_line_and_column(policy) -> None:
    text = f"Dear Jordan,\n\nJust che{ZWSP}cking in about the role.\n\nBest,\nSam"
    report = run_checks(text, CheckContext(note_type="follow_up"), policy)
    cliche = report.by_check("cliches")
    assert cliche and text[cliche[0].start : cliche[0].end] == f"Just che{ZWSP}cking in"


def test_plain_ascii_text_is_not_copied(policy) -> None:
    text = "Thank you for your time."
    prepared = prepare(text, GUARDRAILS)
    assert prepared.text is text and prepared.index is None


def test_the_confusables_table_is_not_read_for_ascii_or_accents_only(policy, monkeypatch) -> None:
    from afterview.checks import normalize

    normalize.confusables.cache_clear()
    prepare("Thank you, Ren\u00e9e \u2014 it\u2019s been great.", GUARDRAILS)
    assert normalize.confusables.cache_info().currsize == 1  # accents: read to check, nothing mapped
    normalize.confusables.cache_clear()
    prepare("Thank you \u2014 it\u2019s been great.", GUARDRAILS)
    assert normalize.confusables.cache_info().currsize == 0  # punctuation only: never read


def test_check_reports_line_and_column_of_the_text_as_typed(cli, tmp_path):
    # Hidden characters before the finding on the same line must not shift its column.
    note = tmp_path / "note.txt"
    note.write_text(
        f"Dear Jordan,\n\nThank\u00a0you for the chat{ZWSP}{ZWSP} about the role. I am pregn{CYRILLIC_A}nt.\n\nBest,\nSam\n",
        encoding="utf-8",
    )
    result = cli("check", "--type", "follow_up", note)
    line = note.read_text(encoding="utf-8").splitlines()[2]
    column = line.index(f"pregn{CYRILLIC_A}nt") + 1
    assert f"{note}:3:{column}: warn sensitive[pregnancy]:" in result.out
    assert f"{note}:3:{column}: warn hidden_characters:" in result.out
