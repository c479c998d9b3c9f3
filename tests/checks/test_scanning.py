"""A Scanner finds exactly the matches of its plain pattern, for every branch of the policy too;
a branch's finder finds a place wherever the branch matches."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.checks import Policy
from afterview.checks.scanning import Scanner, compile_branches, finder, reads_past_end
from afterview.checks.text import tokens_of

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


FINDER_BRANCHES = [
    r"\bour\s+(?!team)[a-z]+",
    r"(?<!love\s)(?<!my\s)\b(?:to\s+work)\s+with\b",
    r"\b(?:a|my)\s+team",  # the assertion guards both alternatives: dropped, not moved
    r"\b(?:(?:team)\s+lead|old)\b",
    r"\bteams?\b",
    r"(?<![\w'])my(?![\w'])",
    r"(?<=\s)old\b",
    r"\b(?:x*)",
    r"(?<=(a))b\1",
    r"\b(?:my\s+ol)\s+(?:d|e)",
    r"(?<![\w'])we[ \t]o",
    r"\bwe\b",
    r"\bwe",
    r"\b(?:by)\s|o",
    r"\b(?:my\s+)?(?:old\s+)*?team\b",  # optional groups first: dropped, the place may lie inside the match
    r"\b(?:we|my|i)\b[^.\n]{0,20}\b(?:old|team\s+lead|we)\b",  # the alternatives it ends with get finders
]


@pytest.mark.parametrize("branch", FINDER_BRANCHES)
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="aby oldmteur\n'wkilvsx\t_-", max_size=60), pos=st.integers(0, 70), span=st.integers(0, 70))
def test_a_finder_finds_a_place_wherever_its_branch_matches(branch: str, text: str, pos: int, span: int) -> None:
    found = re.compile(branch).search(text, pos, pos + span)
    search, word, _, endings = finder(branch)
    place = search.search(text, pos, pos + span)
    if found is not None:
        assert place is not None and place.start() <= found.end()
        assert not word or word in tokens_of(found.group())
        _assert_an_ending_finds_a_place(endings, text, found)


def _assert_an_ending_finds_a_place(endings: tuple, text: str, match: re.Match[str]) -> None:
    """One finder of the alternatives a branch ends with (when it has them) finds a place
    inside ``match``, and its word, if it knows one, is a word of the match."""
    if endings:
        places = [(word, ending.search(text, match.start())) for ending, word, _ in endings]
        inside = [word for word, place in places if place is not None and place.start() <= match.end()]
        assert inside, match.group()
        assert any(not word or word in tokens_of(match.group().lower()) for word in inside), match.group()


def test_a_finder_tests_a_leading_word_boundary_once_it_finds_the_letters() -> None:
    found, word, reads_on, _ = finder(r"\bour\s+(?!team)")
    assert (found.pattern, word, reads_on) == (r"our(?<!\wour)\s+(?!team)", "our", True)
    assert found.search("your day") is None  # "your" is no place for "our"
    assert finder(r"\bteams?\b") == (re.compile(r"team(?<!\wteam)s?\b"), "", False, ())  # "teams" holds no "team"
    assert finder(r"\b(?:a|my)\s+team")[:3] == (re.compile(r"(?:a|my)\s+team"), "", False)
    assert finder(r"\b(?:by)\s+the|x")[1] == ""  # "x" matches without "by"
    assert finder(r"\b(?:by\s+the)\s+(?:a|b)")[1] == "by"
    assert finder(r"(?<![\w'])you[ \t]x")[1] == "you"
    assert finder(r"\bx[!-?]")[1] == ""  # a range, holding digits
    # A lookbehind for another word seldom fails: the finder leaves it out.
    assert finder(r"(?<!love\s)(?<!my\s)\b(?:to\s+work)\s+with\b")[0].pattern == r"(?:to(?<!\wto)\s+work)\s+with\b"


def test_a_branch_that_opens_with_alternatives_gets_finders_for_those_it_ends_with() -> None:
    endings = finder(r"\b(?:if|ask)\b[^.]{0,40}\b(?:remote\s+work|work\s+from\s+home|wfh)\b")[3]
    assert [(found.pattern, word) for found, word, _ in endings] == [
        (r"(?:remote(?<!\wremote)\s+work)\b", "remote"),
        (r"(?:work(?<!\wwork)\s+from\s+home)\b", "work"),
        (r"(?:wfh(?<!\wwfh))\b", "wfh"),
    ]
    assert finder(r"\bour\s+(?:a|b)")[3] == ()  # it opens with a word: searched as it is
    assert finder(r"\b(?:if|ask)\s+(?:a|b)?")[3] == ()  # an optional ending: no alternative need occur
    assert finder(r"\b(?:if|ask)\s+(?:a|b)|c")[3] == ()  # "c" matches without either


def test_a_finder_drops_the_optional_groups_a_branch_opens_with() -> None:
    assert finder(r"\b(?:i\s+)?(?:also\s+)?want\s+to") == (re.compile(r"want\s+to"), "", False, ())
    assert finder(r"(?:a\s+)*?(?:b|c)d")[0].pattern == "(?:b|c)d"
    found = finder(r"\b(?:a)?|b")[0]  # nothing that stands alone is left: not dropped
    assert found.search("a").group() == "a" and found.search("b") is not None
    assert finder(r"\b(?:a)?b|c")[0].search("c") is not None  # the other alternative still finds its place


def test_what_reads_past_the_end_of_a_match() -> None:
    assert not reads_past_end(r"\bour\s+team\b(?<!x)")
    for source in (r"a$", r"a\Z", r"a(?!b)", r"a(?=b)", r"(?>a)", r"a*+", r"a{2}+"):
        assert reads_past_end(source), source


def test_every_branch_of_the_policy_has_a_finder_that_finds_its_matches(policy: Policy, sample: str) -> None:
    seen = 0
    lower = sample.lower()
    for pattern in policy.conduct["presumption"].patterns[0]._gates._patterns:
        text = sample if pattern.case_sensitive else lower
        for source, _ in pattern._branches:
            found, word, _, endings = finder(source)
            for match in re.compile(source).finditer(text):
                place = found.search(text, match.start())
                assert place is not None and match.start() <= place.start() <= match.end(), source[:80]
                assert not word or word in tokens_of(match.group().lower()), source[:80]
                _assert_an_ending_finds_a_place(endings, text, match)
                seen += 1
    assert seen > 200


_phrases = st.lists(st.sampled_from(["our", "your", "team", "old", "my", "join", "joining", "x", "'", "\n"]), max_size=6).map(
    " ".join
)
CANDIDATE_SOURCES = [
    r"\bour\s+(?!team)[a-z]+",
    r"\bjoin(?:ing)?\b(?!\s+my)",
    r"\bold\s+team$",
    r"(?<![\w'])my\s+team\b",
    r"\b(?:team|old)\s+my\b",
]


@pytest.mark.parametrize("source", CANDIDATE_SOURCES)
@settings(max_examples=300, deadline=None)
@given(
    first=_phrases,
    second=_phrases,
    gap=st.sampled_from(["\n\n", "\n\nmy ", "x", ""]),
)
def test_a_pattern_is_no_candidate_only_where_no_span_has_a_match(source: str, first: str, second: str, gap: str) -> None:
    from afterview.checks.patterns import GatedPattern, candidates
    from afterview.checks.text import analyse

    pattern = GatedPattern.of(source)
    text = first + gap + second
    analysis = analyse(text)
    spans = [(0, len(first)), (len(first) + len(gap), len(text))]
    opened = pattern.open_branches(analysis)
    found = any(
        True for start, end in spans for _ in pattern.finditer(analysis, analysis.lower, analysis.norm, start, end)
    )
    if found:
        assert candidates([(pattern, opened)], analysis, analysis.lower, analysis.norm, spans)
