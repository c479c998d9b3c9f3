"""``sensitive``: wording that touches a protected characteristic or reads as an allegation.

Pipeline, per text: normalise (``text.analyse``); mask the record's own names
(``text.masked``), so an interviewer called Faith is never a religion finding; pick
the rules whose trigger words occur (a set intersection with the text's tokens); run
each rule's regex on the sentences that hold its triggers; drop matches that an idiom
or technical phrase overlaps ("age-old", "race condition"); for ambiguous words, find
the nearest person anchor, which also decides whether the words are the writer's
disclosure (warn) or a remark about the reader (block); finally keep the strongest of
overlapping findings.

Rules, anchors, severities and messages are data: ``guardrails/sensitive.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from afterview.checks.common import MAX_FINDINGS, SpanSet, quote
from afterview.checks.normalize import Prepared, prepare
from afterview.checks.patterns import GatedPattern, Regex
from afterview.checks.reader import Section
from afterview.checks.text import Analysis, analyse, masked
from afterview.checks.types import CheckContext, Finding

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

VOICES = ("self", "reader", "allegation", "signal")
HIDDEN_CHECK = "hidden_characters"
"""The check name of findings about invisible characters or look-alike letters in words."""
_SEVERITY_RANK = {"block": 0, "warn": 1, "info": 2}
_WINDOW_TOKEN = re.compile(r"\w+(?:['.-]\w+)*")
# Anchors are looked for at most this many characters away (then cut to N words).
_CONTEXT_CHARS = 120
# An exception is looked for this far around a match.
_EXCEPT_MARGIN = 80
# "The whole sentence" reaches at most this far from the match (sentences in notes are
# short; an input that is one huge sentence must not cost a full scan per match).
_SENTENCE_REACH = 400
# Matches judged per text at most (each costs a few microseconds).
_MAX_HITS = 10 * MAX_FINDINGS


@dataclass(frozen=True, slots=True)
class AnchorSet:
    """Words that tie an ambiguous word to a person, and whom they point at.

    Attributes:
        pattern: any of the anchors, as whole words.
        voices: anchor phrase (single-spaced) -> "self" or "reader".
        window: how many words on each side count.
        after: also look after the match (else only before it).
    """

    pattern: Regex
    voices: Mapping[str, str]
    window: int
    after: bool


@dataclass(frozen=True, slots=True)
class Category:
    """A protected characteristic (or ``allegation``) as findings name it."""

    label: str
    suggestion: str


@dataclass(frozen=True, slots=True)
class SensitiveRule:
    """One rule of sensitive.toml, compiled (see the file's header for the fields)."""

    id: str
    category: str
    pattern: GatedPattern
    voice: str
    anchors: AnchorSet | None = None
    anchor_required: bool = True
    window: int | None = None
    exceptions: Regex | None = None
    requires: Regex | None = None
    unless: Regex | None = None
    union_span: bool = False
    message: str | None = None
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class SensitiveRules:
    """Every sensitive rule, indexed by trigger word, with severities and messages."""

    rules: tuple[SensitiveRule, ...]
    by_word: Mapping[str, tuple[int, ...]]
    trigger_words: frozenset[str]
    other_gates: tuple[int, ...]
    severities: Mapping[str, str]
    messages: Mapping[str, str]
    categories: Mapping[str, Category]
    hidden_severity: str
    hidden_message: str
    hidden_suggestion: str

    @classmethod
    def read(cls, section: Section) -> SensitiveRules:
        """Read sensitive.toml."""
        voices = section.section("voices")
        severities = {voice: voices.severity(voice) for voice in VOICES}
        voices.done()
        texts = section.section("messages")
        messages = {voice: texts.message(voice, ("match", "label")) for voice in VOICES}
        texts.done()
        categories = _read_categories(section.section("categories"))
        hidden = section.section("hidden_characters")
        hidden_fields = (hidden.severity("severity"), hidden.message("message", ("match",)), hidden.string("suggestion"))
        hidden.done()
        fragments = section.section("fragments")
        words = {name: fragments.strings(name, lower=True) for name in fragments.keys()}
        fragments.done()
        section = section.with_fragments(words)
        anchors = _read_anchors(section.section("anchors"))
        rules = tuple(_read_rule(item, anchors, categories) for item in section.sections("rules"))
        section.done()
        seen: set[str] = set()
        for rule in rules:
            if rule.id in seen:
                raise section.error("rules", f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        by_word: dict[str, list[int]] = {}
        other: list[int] = []
        for index, rule in enumerate(rules):
            gate = rule.pattern.gate
            if gate.substrings or gate.number:
                other.append(index)
            for word in gate.words:
                by_word.setdefault(word, []).append(index)
        return cls(
            rules=rules,
            by_word={w: tuple(ids) for w, ids in by_word.items()},
            trigger_words=frozenset(by_word),
            other_gates=tuple(other),
            severities=severities,
            messages=messages,
            categories=categories,
            hidden_severity=hidden_fields[0],
            hidden_message=hidden_fields[1],
            hidden_suggestion=hidden_fields[2],
        )


def scan_sensitive(text: str, policy: Policy, proper_nouns: Sequence[str] = ()) -> list[Finding]:
    """The sensitive check on any text, such as a lone form field.

    The interview form warns while the person types the memorable moment, and the
    writer decides whether a moment is safe to quote. ``proper_nouns`` (the record's
    names) are masked first. Spans index into ``text``; hidden characters inside words
    give their own finding, as in ``run_checks``.
    """
    prepared = prepare_for_checks(text, policy)
    found = prepared.restore(_scan(analyse(prepared.text), prepared.text, tuple(proper_nouns), policy.sensitive))
    return found + hidden_characters(prepared, policy)


def sensitive(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """Wording that touches a protected characteristic or reads as an allegation.

    ``run_checks`` passes the text already normalised; preparing it again is free.
    """
    prepared = prepare_for_checks(text, policy)
    return prepared.restore(_scan(analyse(prepared.text), prepared.text, context.proper_nouns, policy.sensitive))


def prepare_for_checks(text: str, policy: Policy) -> Prepared:
    """``text`` normalised for matching (see ``checks.normalize``)."""
    return prepare(text, policy.directory)


def hidden_characters(prepared: Prepared, policy: Policy) -> list[Finding]:
    """One ``hidden_characters`` finding per word that held invisible characters or
    look-alike letters mixed with Latin ones (they can hide any term from the checks)."""
    rules = policy.sensitive
    found = []
    for start, end in prepared.hidden[:MAX_FINDINGS]:
        shown = "".join(c for c in prepared.original[start:end] if c.isprintable())
        found.append(
            Finding(
                check=HIDDEN_CHECK,
                severity=rules.hidden_severity,  # type: ignore[arg-type]  # validated on load
                message=rules.hidden_message.format(match=shown),
                start=start,
                end=end,
                suggestion=rules.hidden_suggestion,
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    rule: SensitiveRule
    voice: str


def _scan(analysis: Analysis, text: str, proper_nouns: tuple[str, ...], rules: SensitiveRules) -> list[Finding]:
    candidates = _candidates(analysis, rules)
    if not candidates:
        return []
    view = masked(text, proper_nouns)  # only now: most notes never get this far
    hits: list[_Hit] = []
    judged = 0
    for index in candidates:
        rule = rules.rules[index]
        for match in rule.pattern.finditer(analysis, view.lower, view.norm, gate_checked=True):
            judged += 1
            if judged > _MAX_HITS:
                break
            hit = _judge(analysis, view.lower, rule, match.start(), match.end())
            if hit is not None:
                hits.append(hit)
    return [_finding(analysis, rules, hit) for hit in _strongest(hits, rules)]


def _candidates(analysis: Analysis, rules: SensitiveRules) -> list[int]:
    """Rules whose triggers occur in the text, in file order."""
    chosen = {i for i in rules.other_gates if rules.rules[i].pattern.gate.opens(analysis)}
    for token in analysis.tokens & rules.trigger_words:
        chosen.update(rules.by_word[token])
    return sorted(i for i in chosen if rules.rules[i].pattern.gate.opens(analysis))


def _judge(analysis: Analysis, lower: str, rule: SensitiveRule, start: int, end: int) -> _Hit | None:
    """Apply exceptions, sentence conditions and anchors to one match."""
    if start == end:
        return None
    if rule.exceptions is not None and _excepted(rule.exceptions, lower, start, end):
        return None
    sentence_start, sentence_end = analysis.sentence(start, end)
    sentence_start = max(sentence_start, start - _SENTENCE_REACH)
    sentence_end = min(sentence_end, end + _SENTENCE_REACH)
    if rule.unless is not None or rule.requires is not None:
        sentence = lower[sentence_start:sentence_end]
        if rule.unless is not None and rule.unless.search(sentence):
            return None
        if rule.requires is not None:
            required = rule.requires.search(sentence)
            if required is None:
                return None
            if rule.union_span:
                start = min(start, sentence_start + required.start())
                end = max(end, sentence_start + required.end())
    voice = rule.voice
    if rule.anchors is not None:
        window = rule.anchors.window if rule.window is None else rule.window
        anchored = _anchor_voice(lower, start, end, (sentence_start, sentence_end), rule.anchors, window)
        if anchored is not None:
            voice = anchored
        elif rule.anchor_required:
            return None
    return _Hit(start, end, rule, voice)


def _excepted(pattern: Regex, lower: str, start: int, end: int) -> bool:
    """True when an exception overlaps ``lower[start:end]``."""
    for match in pattern.finditer(lower, max(0, start - _EXCEPT_MARGIN), min(len(lower), end + _EXCEPT_MARGIN)):
        if match.start() >= end:
            return False
        if match.end() > start:
            return True
    return False


def _anchor_voice(
    lower: str, start: int, end: int, sentence: tuple[int, int], anchors: AnchorSet, window: int
) -> str | None:
    """The voice of the nearest anchor before the match, else the nearest after it.

    ``window`` 0 means the whole sentence.
    """
    floor = sentence[0] if window == 0 else max(sentence[0], start - _CONTEXT_CHARS)
    words = _WINDOW_TOKEN.findall(lower, floor, start)
    if window:
        words = words[-window:]
    found = None
    for match in anchors.pattern.finditer(" ".join(words)):
        found = match
    if found is not None:
        return anchors.voices[" ".join(found.group().split())]
    if not anchors.after:
        return None
    ceiling = sentence[1] if window == 0 else min(sentence[1], end + _CONTEXT_CHARS)
    words = _WINDOW_TOKEN.findall(lower, end, ceiling)
    if window:
        words = words[:window]
    first = anchors.pattern.search(" ".join(words))
    return anchors.voices[" ".join(first.group().split())] if first else None


def _strongest(hits: list[_Hit], rules: SensitiveRules) -> list[_Hit]:
    """Of overlapping hits keep the most severe, then the longest; return in text order."""
    ranked = sorted(hits, key=lambda h: (_SEVERITY_RANK[rules.severities[h.voice]], h.start - h.end, h.start))
    taken = SpanSet()
    kept: list[_Hit] = []
    for hit in ranked:
        if not taken.overlaps(hit.start, hit.end):
            taken.add(hit.start, hit.end)
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end))[:MAX_FINDINGS]


def _finding(analysis: Analysis, rules: SensitiveRules, hit: _Hit) -> Finding:
    category = rules.categories[hit.rule.category]
    template = hit.rule.message or rules.messages[hit.voice]
    raw_start, raw_end = analysis.to_raw(hit.start, hit.end)
    return Finding(
        check="sensitive",
        severity=rules.severities[hit.voice],  # type: ignore[arg-type]  # validated on load
        message=template.format(match=quote(analysis, hit.start, hit.end), label=category.label),
        category=hit.rule.category,
        start=raw_start,
        end=raw_end,
        suggestion=hit.rule.suggestion or category.suggestion,
    )


# -- reading the file ------------------------------------------------------------------
def _read_categories(section: Section) -> dict[str, Category]:
    categories = {}
    for name in section.keys():
        table = section.section(name)
        categories[name] = Category(table.string("label"), table.string("suggestion"))
        table.done()
    section.done()
    return categories


def _read_anchors(section: Section) -> dict[str, AnchorSet]:
    sets = {}
    for name in section.keys():
        table = section.section(name)
        voices: dict[str, str] = {}
        for voice in ("self", "reader"):
            for phrase in table.strings(voice, (), lower=True):
                voices[" ".join(phrase.split())] = voice
        if not voices:
            raise table.error("self", "give at least one anchor in self or reader")
        alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(voices, key=len, reverse=True))
        pattern = table.compile("self", rf"(?<![\w'])(?:{alternatives})(?!\w)")
        sets[name] = AnchorSet(pattern, voices, table.integer("window", minimum=0), table.boolean("after", True))
        table.done()
    section.done()
    return sets


def _read_rule(item: Section, anchors: Mapping[str, AnchorSet], categories: Mapping[str, Category]) -> SensitiveRule:
    rule_id = item.string("id")
    item.path = f"rules[{rule_id}]"  # errors name the rule, not its position
    category = item.choice("category", categories)
    anchor_name = item.choice("anchors", anchors) if item.has("anchors") else None
    if item.has("window") and anchor_name is None:
        raise item.error("window", "needs anchors")
    excepts = item.strings("except", ()) if item.has("except") else ()
    rule = SensitiveRule(
        id=rule_id,
        category=category,
        pattern=item.gated(),
        voice=item.choice("voice", VOICES, default="self"),
        anchors=anchors[anchor_name] if anchor_name else None,
        anchor_required=item.boolean("anchor_required", True),
        window=item.integer("window", minimum=0) if item.has("window") else None,
        # Whole words only: "white tea" must not excuse "white team".
        exceptions=item.compile("except", "|".join(rf"(?<!\w)(?:{e})(?!\w)" for e in excepts)) if excepts else None,
        requires=item.regex("requires") if item.has("requires") else None,
        unless=item.regex("unless") if item.has("unless") else None,
        union_span=item.choice("span", ("match", "union"), default="match") == "union",
        message=item.message("message", ("match", "label")) if item.has("message") else None,
        suggestion=item.string("suggestion") if item.has("suggestion") else None,
    )
    item.done()
    return rule
