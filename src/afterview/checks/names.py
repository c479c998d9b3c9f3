"""``people`` and ``employer``: names in a note that the interview record does not hold.

A note that thanks "Alex" for the tour when nobody called Alex is on record, or says
how much the writer wants to join Contoso when the interview was at Northwind, is the
mistake a hiring manager remembers. Only names in a person's or an employer's place
count ("meeting Alex", "Alex mentioned", "the role at Contoso", "Contoso's mission");
other capitalised words stay the grounding check's warnings. Cues are data in
``guardrails/names.toml``. A name in an employer's place is the employer check's,
never also the people check's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from afterview.checks.capitals import KnownWords, capitalised_words, places
from afterview.checks.common import MAX_FINDINGS, SpanSet, fold_name as _fold, located, quote
from afterview.checks.employers import company_forms, is_company, known_words, rival_mentions, rival_terms
from afterview.checks.patterns import GatedPattern, Regex
from afterview.checks.reader import OFF, Section
from afterview.checks.text import Analysis, analyse, tokens_of
from afterview.checks.types import CheckContext, Finding
from afterview.frozen import Frozen

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

_TOKEN = re.compile(r"\S+")
_NEXT_WORDS = re.compile(r",?\s+([\w'-]+)(?:\s+([\w'-]+))?")
# A short capitalised abbreviation ending at a period: "Dr.", "Mrs.", "St.".
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w.])[A-Z][a-z]{0,3}\.$")
# A name in a cue holds at most this many capitalised words.
_MAX_NAME_WORDS = 4


class NameRules(Frozen):
    """Cues for people and employers, and what the check says."""

    person_patterns: tuple[GatedPattern, ...]
    employer_patterns: tuple[GatedPattern, ...]
    # Per employer pattern: may ``employer_unless`` (the candidate's own past) excuse it?
    # Not a comparison: "better than anything I saw at Quickstep" names a rival all the same.
    own_past_excuses: tuple[bool, ...]
    employer_unless: Regex
    not_names: frozenset[str]
    opening_cues: frozenset[str]
    company_suffixes: frozenset[str]
    person_message: str
    person_suggestion: str
    employer_message: str
    employer_suggestion: str
    rival_message: str

    @classmethod
    def read(cls, section: Section) -> NameRules:
        """Read names.toml."""

        def patterns(key: str) -> tuple[tuple[GatedPattern, bool], ...]:
            found = []
            for index, item in enumerate(section.sections(key)):
                pattern = item.gated()
                if not pattern.case_sensitive:
                    raise section.error(f"{key}[{index}].case_sensitive", "set it to true: a name is found by its capital")
                found.append((pattern, item.boolean("own_past_excuses", True)))
                item.done()
            return tuple(found)

        employers = patterns("employer_patterns")
        rules = cls(
            person_patterns=tuple(pattern for pattern, _ in patterns("person_patterns")),
            employer_patterns=tuple(pattern for pattern, _ in employers),
            own_past_excuses=tuple(excusable for _, excusable in employers),
            employer_unless=section.regex("employer_unless"),
            not_names=frozenset(section.strings("not_names", lower=True)),
            opening_cues=frozenset(section.strings("opening_cues", lower=True)),
            company_suffixes=frozenset(section.strings("company_suffixes", lower=True)),
            person_message=section.message("person_message", ("match", "name")),
            person_suggestion=section.message("person_suggestion", ()),
            employer_message=section.message("employer_message", ("match", "name", "company")),
            employer_suggestion=section.message("employer_suggestion", ()),
            rival_message=section.message("rival_message", ("match",)),
        )
        section.done()
        return rules


def people(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """A person named in the body ("meeting Alex", "Alex mentioned") whom the record lacks."""
    return _unknown(text, context, policy, "people")


def employer(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """An employer other than the record's in the employer's place ("the role at Contoso")."""
    return _unknown(text, context, policy, "employer")


def _unknown(text: str, context: CheckContext, policy: Policy, check: str) -> list[Finding]:
    severity = policy.type_rules(context.note_type).severity(check)
    if severity == OFF or not context.has_record:
        return []
    analysis = analyse(text)
    roster = _roster(context.record_texts, context.people, context.company, context.offer_company, policy)
    found = analysis.memo.get(roster)  # found once per note for both checks
    if found is None:
        found = analysis.memo[roster] = roster.names_found(analysis)
    return [
        located(analysis, check, severity, message, *span, suggestion=suggestion)
        for kind, span, message, suggestion in found
        if kind == check
    ][:MAX_FINDINGS]


# (check, span, message, suggestion) of one unknown person or employer.
_Found = tuple[str, tuple[int, int], str, str]
# A cue pattern with the words one of which a region must hold for it to match there
# (None: any region may match), and, for an employer's, whether ``employer_unless`` may excuse it.
_Cue = tuple[GatedPattern, frozenset[str] | None, bool]


class _Roster:
    """What the names checks know of one record under one policy, worked out once and
    asked of note after note: the record's words, its employer's forms, the competing
    offer's terms, the cue patterns with their key words, and the capitalised words
    already read as ordinary."""

    __slots__ = ("rules", "known", "company_name", "company", "rival", "titles", "employer_cues", "person_cues", "ordinary")

    def __init__(
        self,
        record_texts: tuple[str, ...],
        people: tuple[str, ...],
        company_name: str | None,
        offer_company: str | None,
        policy: Policy,
    ) -> None:
        rules = self.rules = policy.names
        self.known = known_words(record_texts + people + ((company_name,) if company_name else ()))
        self.company_name = company_name
        self.company = company_forms(company_name or "", rules.company_suffixes)
        self.rival = rival_terms(offer_company, record_texts, company_name, rules)
        self.titles = frozenset(policy.recipient.titles)
        self.employer_cues: tuple[_Cue, ...] = tuple(
            (pattern, _key_words(pattern), excusable)
            for pattern, excusable in zip(rules.employer_patterns, rules.own_past_excuses, strict=True)
        )
        self.person_cues: tuple[_Cue, ...] = tuple(
            (pattern, _key_words(pattern), False)
            for pattern in (*rules.person_patterns, _title_pattern(policy.recipient.titles))
        )
        self.ordinary = KnownWords(self._is_ordinary)

    def _is_ordinary(self, raw: str) -> bool:
        """The capitalised word as written ("Jordan's") is the record's or never a name."""
        word = _fold(raw.strip(".'-").removesuffix("'s"))
        return word in self.known or word in self.rules.not_names

    def names_found(self, analysis: Analysis) -> tuple[_Found, ...]:
        """Every unknown person and employer of the note, in text order. Only the
        sentences holding a capitalised word the record lacks are read: most notes name
        nobody else, and then no pattern runs at all."""
        rules = self.rules
        found: list[_Found] = []
        employers = SpanSet()
        if self.rival:
            for span in rival_mentions(analysis, self.rival):
                employers.add(*span)
                message = rules.rival_message.format(match=quote(analysis, *span))
                found.append(("employer", span, message, rules.employer_suggestion))
        regions = _unknown_sentences(analysis, self.ordinary, rules)
        if not regions:
            return tuple(found)
        region_words = [tokens_of(analysis.lower[start:end]) for start, end in regions]
        known, company = self.known, self.company
        for span, name, excusable in _captures(analysis, self.employer_cues, rules, regions, region_words):
            opens = _opens_sentence(analysis.norm, span[0], analysis.body[0])
            if employers.overlaps(*span) or is_company(name, company, rules, opens=opens) or _is_known(name, known, every=True):
                continue
            if excusable and _excused(analysis, span, rules.employer_unless):
                continue
            employers.add(*span)
            message = rules.employer_message.format(
                match=quote(analysis, *span), name=" ".join(name), company=self.company_name or "the employer"
            )
            found.append(("employer", span, message, rules.employer_suggestion))
        persons = SpanSet()
        for span, name, _ in _captures(analysis, self.person_cues, rules, regions, region_words):
            if employers.overlaps(*span) or persons.overlaps(*span):
                continue
            # A title the record also uses ("Dr.") says nothing of who: "Dr. Moreau" is not Dr. Lindqvist.
            own = name[1:] if len(name) > 1 and _fold(name[0]) in self.titles else name
            if _is_known(own, known) or is_company(name, company, rules):
                continue
            persons.add(*span)
            message = rules.person_message.format(match=quote(analysis, *span), name=" ".join(name))
            found.append(("people", span, message, rules.person_suggestion))
        found.sort(key=lambda item: item[1])
        return tuple(found)


# One roster per record and policy: a context's record is checked against note after note.
_roster = lru_cache(maxsize=64)(_Roster)


def _unknown_sentences(analysis: Analysis, ordinary: KnownWords, rules: NameRules) -> list[tuple[int, int]]:
    """The body's sentences that hold a capitalised word neither the record nor the
    list of words that are never names knows, merged, in text order."""
    start, end = analysis.body
    norm = analysis.norm
    unknown = ordinary.others(capitalised_words(analysis).keys())
    if not unknown:
        return []  # every capitalised word is the record's or never a name
    regions: list[tuple[int, int]] = []
    for position, raw in places(analysis, unknown):
        if not raw.endswith("'s") and _opens_sentence(norm, position, start) and not _cue_follows(norm, position + len(raw), rules):
            continue  # "Hearing how you ...": a word with its capital, not a name
        low, high = analysis.sentence(position)
        # With its neighbours: "Dr. Osei" reads as two sentences to the splitter.
        if high < end:
            high = analysis.sentence(high)[1]
        if low > start:
            low = analysis.sentence(low - 1)[0]
        low, high = max(start, low), min(end, high)
        if regions and low <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(high, regions[-1][1]))
        else:
            regions.append((low, high))
    return regions


def _cue_follows(text: str, position: int, rules: NameRules) -> bool:
    """What follows ``position`` reads as a name's: a capital, or an opening cue in the
    next word or, after an adverb, the one after it ("Alex mentioned", "Alex also said")."""
    after = _NEXT_WORDS.match(text, position)
    if after is None:
        return False
    first, second = after.groups()
    cues = rules.opening_cues
    return first[:1].isupper() or _fold(first) in cues or (second is not None and _fold(second) in cues)


def _opens_sentence(text: str, position: int, floor: int) -> bool:
    """Only spaces, quotes or brackets lie between ``position`` and a sentence start."""
    i = position - 1
    while i >= floor and text[i] in " \t\"'([":
        i -= 1
    if i >= floor and text[i] == "." and _ABBREVIATION_BEFORE.search(text, max(floor, i - 5), i + 1):
        return False  # "Dr. Moreau": a title's period, not a sentence end
    return i < floor or text[i] in ".!?:;\n"


def _captures(
    analysis: Analysis,
    cues: tuple[_Cue, ...],
    rules: NameRules,
    regions: list[tuple[int, int]],
    region_words: list[frozenset[str]],
) -> Iterator[tuple[tuple[int, int], tuple[str, ...], bool]]:
    """(span of the name, its capitalised words, the cue's excuse flag) for each match
    of ``cues`` in ``regions`` (``region_words``: the tokens of each), cue by cue.

    A capture before its cue ("Alex mentioned") keeps its last capitalised words; one
    after its cue ("meeting Alex") keeps its first ones.
    """
    # Tested against every region's words at once first: most cues are keyed by words
    # no region holds, and are passed over without asking which of their branches open.
    every_word = region_words[0] if len(region_words) == 1 else frozenset().union(*region_words)
    for pattern, keys, excusable in cues:
        if keys is not None and keys.isdisjoint(every_word):
            continue
        opened = pattern.open_branches(analysis, body_only=True)
        if not opened:
            continue
        for (start, end), words in zip(regions, region_words, strict=True):
            if keys is not None and keys.isdisjoint(words):
                continue
            for match in pattern.finditer(analysis, analysis.lower, analysis.norm, start, end, opened=opened):
                captured = _captured(analysis, match, rules)
                if captured is not None:
                    yield (*captured, excusable)


def _captured(analysis: Analysis, match: re.Match[str], rules: NameRules) -> tuple[tuple[int, int], tuple[str, ...]] | None:
    """The span and capitalised words of the name a cue ``match`` captured, if any."""
    group_start, group_end = match.span("name")
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(analysis.norm, group_start, group_end)]
    before_cue = group_start == match.start()
    ordered = tokens[::-1] if before_cue else tokens
    run = _capitalised_run([word for word, _ in ordered], rules, backwards=before_cue)
    if not run:
        return None
    chosen = sorted(ordered[: len(run)], key=lambda token: token[1])
    first, last = chosen[0], chosen[-1]
    span = (first[1], last[1] + len(last[0].rstrip(".,")))
    return span, tuple(word.strip(".'-,").removesuffix("'s") for word, _ in chosen)


def _key_words(pattern: GatedPattern) -> frozenset[str] | None:
    """The words one of which a region must hold for ``pattern`` to match there: its
    ``index_words`` when every branch is keyed by whole words and none looks behind
    (a match within a region then holds one among the region's own tokens); None
    otherwise."""
    return None if pattern.has_unindexed or "(?<" in pattern.pattern else pattern.index_words


@lru_cache(maxsize=8)
def _title_pattern(titles: tuple[str, ...]) -> GatedPattern:
    """A person by title: "Dr. Gupta", "Professor Elena Rossi" (the greeting's titles)."""
    words = sorted({t.strip(".") for t in titles if len(t.strip(".")) > 1}, key=len, reverse=True)
    # Only an abbreviation takes a period ("Dr. Gupta", "Prof. Rossi"); after a whole word
    # a period ends the sentence ("joining Principal. Is there ..." names nobody).
    short = "|".join(re.escape(w[0].upper() + w[1:]) for w in words if len(w) <= 4)
    whole = "|".join(re.escape(w[0].upper() + w[1:]) for w in words)
    regex = rf"(?<![\w.])(?:(?:{short})\.?|(?:{whole}))\s+(?P<name>[^\W\d_a-z][\w'-]*(?:\s+[^\W\d_a-z][\w'-]*)?)"
    return GatedPattern.of(regex, case_sensitive=True)


def _capitalised_run(words: list[str], rules: NameRules, *, backwards: bool) -> list[str]:
    """The capitalised words at the start of ``words``, up to a sentence end.

    A word ending in a period ends the run ("Lotus Mobility. Is" gives "Lotus
    Mobility", "Acme Inc. Do" gives "Acme Inc."), unless it is a short abbreviation
    opening the name ("St. Luke", "Dr. Gupta").
    """
    run = []
    for word in words[:_MAX_NAME_WORDS]:
        bare = word.strip(".'-,").removesuffix("'s")
        # Reading backwards, a short abbreviation may open the name ("Dr." before "Gupta").
        abbreviation = len(bare) <= 3 and (backwards or not run)
        ends_sentence = word.endswith(".") and not abbreviation
        if backwards and ends_sentence:
            break
        if word == "&" and run:
            run.append(word)  # "Harcourt & Lane": one name (a trailing "&" is dropped below)
            continue
        if not bare or not bare[0].isupper() or _fold(bare) in rules.not_names:
            break
        run.append(word)
        if ends_sentence:
            break
    while run and run[-1] == "&":
        run.pop()
    return run


def _excused(analysis: Analysis, span: tuple[int, int], unless: Regex) -> bool:
    """The sentence before the name is about the candidate's own past or present work."""
    sentence_start, _ = analysis.sentence(*span)
    return unless.search(analysis.lower, max(sentence_start, analysis.body[0]), span[0]) is not None


def _is_known(name: tuple[str, ...], known: frozenset[str], *, every: bool = False) -> bool:
    """Some word of the name is in the record (every word, with ``every``): "Priya" names
    Priya Raman, but "World Health Organization" is not "Global Sentinel Health"."""
    found = (_fold(word) in known for word in name)
    return all(found) if every else any(found)
