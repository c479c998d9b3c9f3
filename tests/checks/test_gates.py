"""Gates are derived from the patterns themselves, so they must never hide a match.

A branch of a pattern runs only when the words its regex requires are in the text
(``checks.gates``). These tests hold that promise on every string of the test data
(the notes corpus, the sensitive corpus, the fixtures), for every pattern the
shipped policy holds, and for rules added to the data after the fact.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from afterview.checks import CheckContext, Policy, load_policy, run_checks, scan_sensitive
from afterview.checks.gate_derivation import branches
from afterview.checks.patterns import GatedPattern
from afterview.checks.protected import prepare_for_checks
from afterview.checks.text import analyse
from afterview.frozen import Frozen, fields

TESTS = Path(__file__).resolve().parents[1]


def _gated(value: object, depth: int = 0) -> Iterator[GatedPattern]:
    """Every gated pattern inside a policy object."""
    if isinstance(value, GatedPattern):
        yield value
    elif depth > 6 or isinstance(value, (str, bytes, int, float, Path)) or value is None:
        return
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _gated(item, depth + 1)
    elif hasattr(value, "items"):
        for item in value.values():  # type: ignore[attr-defined]
            yield from _gated(item, depth + 1)
    elif isinstance(value, Frozen):
        for field in fields(value):
            yield from _gated(getattr(value, field.name), depth + 1)


@cache
def _corpus() -> tuple[str, ...]:
    """Every string of the test data that could be a note or a sentence of one."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str) and len(value) > 12:
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted(TESTS.rglob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return tuple(dict.fromkeys(found))


def test_the_corpus_is_the_test_data() -> None:
    assert len(_corpus()) > 2000


# The patterns in four interleaved shares, so the workers split the longest test of the suite.
SHARES = 4
# Zero-width assertions that begin most branches (every phrase of a word list, most rules).
_LEADS = (r"(?<![\w'])", r"\b")
# The oracle is also compared with the whole pattern on every this-many-th text.
_SAMPLE = 40


@cache
def _analysed(policy: Policy) -> tuple:
    return tuple(analyse(prepare_for_checks(text, policy).text) for text in _corpus())


def _patterns(policy: Policy) -> list[GatedPattern]:
    every = list({id(p): p for p in _gated(policy)}.values())
    assert len(every) > 100
    return every


def _oracle(pattern: GatedPattern) -> re.Pattern[str]:
    """The whole pattern, with the assertion that begins a run of its branches written
    once in front of the run: ``P(?:a|b)`` for ``Pa|Pb``.

    Both find the same spans: ``P`` consumes nothing and has no alternatives, so a
    backtracking engine tries the same paths in the same order (no branch is an
    alternation at its top level, so none is split). Python's engine then tests ``P``
    once per position rather than once per branch, and each branch's first letter
    before entering it: the whole pattern's matches on the corpora in a quarter of the
    time. The test below checks the oracle against the whole pattern where it matches,
    and on a sample of texts where it does not.
    """
    runs: list[tuple[str, list[str]]] = []
    for branch in pattern.branches:
        lead = next((p for p in _LEADS if branch.source.startswith(p)), "")
        rest = branch.source[len(lead) :]
        if runs and runs[-1][0] == lead:
            runs[-1][1].append(rest)
        else:
            runs.append((lead, [rest]))
    return re.compile("|".join(f"{lead}(?:{'|'.join(rests)})" if lead else "|".join(rests) for lead, rests in runs))


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(text)]


@pytest.mark.parametrize("share", range(SHARES))
def test_no_gate_hides_a_match_of_its_pattern_on_the_corpora(policy: Policy, share: int) -> None:
    """The open branches find exactly what the whole pattern finds, on every string."""
    texts = _analysed(policy)
    hidden, misread = [], []
    for pattern in _patterns(policy)[share::SHARES]:
        whole, oracle = re.compile(pattern.pattern), _oracle(pattern)
        subsets: dict[tuple[int, ...], re.Pattern[str]] = {}
        for number, analysis in enumerate(texts):
            text = analysis.norm if pattern.case_sensitive else analysis.lower
            expected = _spans(oracle, text)
            if (expected or number % _SAMPLE == share) and expected != _spans(whole, text):
                misread.append((pattern.branches[0].source[:60], text[:80]))
            if not expected:
                continue
            opened = pattern.open_branches(analysis)
            if opened and opened not in subsets:
                subsets[opened] = re.compile("|".join(pattern.branches[n].source for n in opened))
            found = _spans(subsets[opened], text) if opened else []
            if found != expected:
                hidden.append((pattern.branches[0].source[:60], text[:80]))
    assert not misread, misread[:5]
    assert not hidden, hidden[:5]


@pytest.mark.parametrize(
    ("source", "needs", "skips"),
    [
        (r"\blook(?:ing|s)?\s+forward\s+to\s+(?:start|join)(?:ing)?\b", "looking forward to joining", "look forward"),
        (r"\b(?:several|multiple)\s+reschedul\w*", "multiple rescheduled calls", "several calls"),
        (r"\borgani[sz]ations?\b", "the organisation", "the organ"),
        (r"\$\s?\d[\d,.]*\s?k?\b", "about $90k", "about ninety"),
        (r"(?<![\w'])(?:gray[\s-]+hair|co-?worker)(?![\w])", "my co-worker", "my colleague"),
    ],
)
def test_a_branch_opens_on_its_words_and_stays_shut_without_them(source: str, needs: str, skips: str) -> None:
    pattern = GatedPattern(branches(source))
    assert pattern.opens(analyse(needs)) and re.search(source, needs)
    assert not pattern.opens(analyse(skips))


def test_a_pattern_without_a_literal_word_always_runs() -> None:
    pattern = GatedPattern(branches(r"\b[A-Z][a-z]+\b"), case_sensitive=True)
    assert [b.clauses for b in pattern.branches] == [()]
    assert pattern.opens(analyse("anything at all"))


def _append(directory: Path, name: str, text: str) -> None:
    path = directory / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_rules_added_to_the_data_later_are_gated_and_found(guardrails_copy: Path) -> None:
    _append(
        guardrails_copy,
        "conduct.toml",
        "\n[[money.patterns]]\npattern = '''\\b(?:zeppelin|blimp)\\s+allowances?\\b'''\n",
    )
    _append(
        guardrails_copy,
        "sensitive.toml",
        '\n[[rules]]\nid = "health.later"\ncategory = "health"\nvoice = "reader"\n'
        "pattern = '''\\byour\\s+(?:quixotic|zorbing)\\s+(?:fever|syndrome)\\b'''\n",
    )
    edited = load_policy(guardrails_copy)
    context = CheckContext(note_type="thank_you", recipient="Jordan Lee")
    note = "Dear Jordan,\n\nThank you for explaining the zeppelin allowance.\n\nBest,\nSam"
    assert [f.check for f in run_checks(note, context, edited).findings if f.check == "money"] == ["money"]
    found = scan_sensitive("I hope your zorbing syndrome is better.", edited)
    assert [(f.category, f.severity) for f in found] == [("health", "block")]
    assert not scan_sensitive("I hope your zorbing trip was fun.", edited)
