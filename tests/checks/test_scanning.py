"""A Scanner finds exactly the matches of its plain pattern, for every branch of the policy too."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.checks import Policy
from afterview.checks.scanning import Scanner, compile_branches

from . import sensitive_corpus as corpus

NOTES_CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes_corpus"

BRANCH_SETS = [
    [r"\bmy\s+age\b", r"\bage[\s-]old\b"],
    [r"(?<![\w'])(?:gray|gray\s+hair)(?![\w])", r"\bold\b"],
    [r"(?<!\bmy\s)team\b", r"\bteam\s+lead"],
    [r"(?<=\s)x", r"(?<![\w.])\d+"],
    [r"(?<![\w\]])(?:a|b)", r"(?<![]a])c", r"(?<![^]x])d"],
    [r"\b(?:x*)", r"y"],  # may match empty: the plain finditer takes over
    [r"\b(?P<name>[A-Z]\w+)\s+said", r"plain"],
    [r"\bno\s+assertion", r"plain\s+too"],
]
texts = st.text(alphabet="ab cdxy.-'\n]AMgrayholdmyteamsaid12", max_size=60)


@pytest.mark.parametrize("branches", BRANCH_SETS, ids=lambda b: b[0])
@settings(max_examples=200, deadline=None)
@given(text=texts, pos=st.integers(0, 70), span=st.integers(0, 70))
def test_a_scanner_matches_as_its_plain_pattern(branches: list[str], text: str, pos: int, span: int) -> None:
    plain = re.compile("|".join(branches))
    scanner = compile_branches(branches)
    endpos = pos + span
    expected = [(m.span(), m.groups()) for m in plain.finditer(text, pos, endpos)]
    assert [(m.span(), m.groups()) for m in scanner.finditer(text, pos, endpos)] == expected


def test_only_branches_opening_with_an_assertion_get_a_finder() -> None:
    assert isinstance(compile_branches([r"\bold\b", "young"]), Scanner)
    assert isinstance(compile_branches(["(?<![\\w'])old"]), Scanner)
    assert isinstance(compile_branches(["old", "young"]), re.Pattern)
    assert isinstance(compile_branches([r"(?<=(a))b\1"]), re.Pattern)  # a lookbehind with a group stays whole


def test_every_pattern_of_the_policy_finds_what_its_plain_regex_finds(policy: Policy, sample: str) -> None:
    seen = 0
    for pattern in policy.conduct["presumption"].patterns[0]._gates._patterns:  # the policy's every pattern
        sources = [source for source, _ in pattern._branches]
        text = sample if pattern.case_sensitive else sample.lower()
        expected = [m.span() for m in re.compile("|".join(sources)).finditer(text)]
        assert [m.span() for m in compile_branches(sources).finditer(text)] == expected, pattern.pattern[:80]
        seen += len(expected)
    assert seen > 200  # the sample reaches the patterns


@pytest.fixture(scope="module")
def sample() -> str:
    """A flawed note of each family and a quarter of the hand-written sensitive sentences, as one text."""
    texts = []
    for path in sorted((NOTES_CORPUS / "flawed").glob("*.toml")):
        texts.extend(case["text"] for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"][:1])
    texts.extend(positive.text for positive in corpus.hand_written_positives()[::4])
    return "\n\n".join(texts)
