"""``sensitive``: wording that touches a protected characteristic or reads as an allegation.

Pipeline, per text: normalise (``checks.normalize``, then ``text.analyse``); mask the
record's own names (``text.masked``), so an interviewer called Faith is never a
religion finding; pick the rules some branch of which can match (the words each
branch requires, derived from the rule by ``checks.gates``, looked up in the text's
tokens); run those branches near their words; drop matches that an idiom or technical phrase
overlaps ("age-old", "race condition"); find the frame that makes the words about a
person (the anchors: the writer, the reader, the panel, the other candidates, or a
trait the two share), which gives the voice and so the severity; a disclosure in a
sentence that questions the decision ("was it because ...") becomes an allegation;
finally keep the strongest of overlapping findings.

Rules, anchors, frames, severities and messages are data: ``guardrails/sensitive.toml``
(read by ``checks.sensitive_rules``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from afterview.checks.common import MAX_FINDINGS, SpanSet, quote
from afterview.checks.normalize import Prepared, prepare
from afterview.checks.patterns import Regex
from afterview.checks.sensitive_rules import AnchorSet, SensitiveRule, SensitiveRules
from afterview.checks.text import Analysis, analyse, masked
from afterview.checks.types import CheckContext, Finding
from afterview.frozen import Frozen

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

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
# Voices a third party's trait is mistaken for (all but the panel's, whose frame,
# "interviewed by", reads like a job's: "interviewed asylum applicants").
_MISTAKEN_VOICES = frozenset({"self", "reader", "shared", "others", "signal"})
# An owner ("my", "I'm on") is looked for this far before a topic's attribute.
_OWNER_REACH = 40


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


class _Hit(Frozen):
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
        for match in rule.pattern.finditer(analysis, view.lower, view.norm, opened=candidates[index]):
            judged += 1
            if judged > _MAX_HITS:
                break
            hit = _judge(analysis, view.lower, rule, match.start(), match.end(), rules)
            if hit is not None:
                hits.append(hit)
    return [_finding(analysis, rules, hit) for hit in _strongest(hits, rules)]


def _candidates(analysis: Analysis, rules: SensitiveRules) -> dict[int, tuple[int, ...]]:
    """Rules some branch of which may match the text, in file order, with those branches."""
    opened = rules.gates.opened(analysis)  # every pattern's, decided once per text
    by_slot = rules.by_slot
    if by_slot.keys().isdisjoint(opened):
        return {}  # two notes in three: one pass in C, no set built
    return dict(sorted((by_slot[slot], opened[slot]) for slot in opened.keys() & by_slot.keys()))


def _judge(
    analysis: Analysis, lower: str, rule: SensitiveRule, start: int, end: int, rules: SensitiveRules
) -> _Hit | None:
    """Apply exceptions, sentence conditions and anchors to one match."""
    if start == end:
        return None
    if rule.exceptions is not None and _excepted(rule.exceptions, lower, start, end):
        return None
    if rule.ambiguous and rules.modifier is not None and rules.modifier.match(lower, end):
        return None  # describes a thing: "the pregnancy-tracking app", "gender pay gap"
    if rule.voice != "allegation" and rules.topic is not None and rules.topic.match(lower, end) and not _owned(rules, lower, start):
        return None  # the topic of someone's work: "discrimination claims", "Diwali assemblies"
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
    if rule.anchors:
        anchored = _strongest_voice(lower, start, end, (sentence_start, sentence_end), rule, rules)
        leading = _leading_voice(lower, start, end, rules.leading)
        if leading is not None and anchored in (None, "self", "reader"):
            anchored = leading  # the match names whose it is: "your wedding", "my divorce"
        elif anchored is None:
            anchored = _leading_voice(lower, start, end, rules.leading_unanchored)  # "I'm sixty-two, so"
        if anchored is not None:
            voice = rule.anchored_voice or anchored
        elif rule.anchor_required:
            return None
    if voice in _MISTAKEN_VOICES and rules.third_party is not None and _overlapped(rules.third_party, lower, start, end):
        return None  # a third party's: "adults with learning disabilities", "blind children"
    if voice == "self" and rule.upgrades and rules.allegation_frame is not None:
        if rules.allegation_frame.search(lower, sentence_start, sentence_end):
            voice = "allegation"
    return _Hit(start, end, rule, voice)


def _owned(rules: SensitiveRules, lower: str, start: int) -> bool:
    """True when the words just before ``start`` give the match an owner ("my", "I'm on")."""
    return rules.owner is not None and rules.owner.search(lower, max(0, start - _OWNER_REACH), start) is not None


def _strongest_voice(
    lower: str, start: int, end: int, sentence: tuple[int, int], rule: SensitiveRule, rules: SensitiveRules
) -> str | None:
    """The most severe voice any of the rule's anchor sets gives the match."""
    best = None
    for anchors in rule.anchors:
        window = anchors.window if rule.window is None else rule.window
        voice = _anchor_voice(lower, start, end, sentence, anchors, window, rules.observers)
        if voice is not None and (best is None or _rank(rules, voice) < _rank(rules, best)):
            best = voice
    return best


def _leading_voice(lower: str, start: int, end: int, sets: tuple[AnchorSet, ...]) -> str | None:
    """The voice of the frame the match itself starts with ("your wedding", "I'm 62")."""
    for leading in sets:
        found = leading.pattern.match(lower, start, end)
        if found is not None and found.end() < end:
            return leading.voices.get(" ".join(found.group().split()))
    return None


def _rank(rules: SensitiveRules, voice: str) -> int:
    return _SEVERITY_RANK[rules.severities[voice]]


def _excepted(pattern: Regex, lower: str, start: int, end: int) -> bool:
    """True when an exception overlaps ``lower[start:end]``."""
    for match in pattern.finditer(lower, max(0, start - _EXCEPT_MARGIN), min(len(lower), end + _EXCEPT_MARGIN)):
        if match.start() >= end:
            return False
        if match.end() > start:
            return True
    return False


def _overlapped(pattern: Regex, lower: str, start: int, end: int) -> bool:
    """True when ``pattern``, tried at each word start up to ``start`` (up to
    ``_EXCEPT_MARGIN`` before it), reaches into ``lower[start:end]``. Unlike
    ``_excepted`` a match that ends early does not hide a longer one starting later."""
    for word in _WINDOW_TOKEN.finditer(lower, max(0, start - _EXCEPT_MARGIN), end):
        if word.start() > start:
            return False
        found = pattern.match(lower, word.start())
        if found is not None and found.end() > start:
            return True
    return False


def _anchor_voice(
    lower: str,
    start: int,
    end: int,
    sentence: tuple[int, int],
    anchors: AnchorSet,
    window: int,
    observers: Regex | None,
) -> str | None:
    """The voice of the nearest anchor before the match, else the nearest after it; a
    ``shared`` anchor before the match wins over nearer ones (with ``window`` 0, a
    shared one anywhere in the sentence, the match included: "we're both over fifty").
    Words of an observer phrase ("I noticed", "you mentioned") are no anchor: they say
    who saw, not whose.

    ``window`` 0 means the whole sentence.
    """
    if window == 0 and anchors.has_shared:
        whole = _unobserved(" ".join(_WINDOW_TOKEN.findall(lower, sentence[0], sentence[1])), observers)
        if any(anchors.voices[" ".join(m.group().split())] == "shared" for m in anchors.pattern.finditer(whole)):
            return "shared"
    floor = sentence[0] if window == 0 else max(sentence[0], start - _CONTEXT_CHARS)
    words = _WINDOW_TOKEN.findall(lower, floor, start)
    if window:
        words = words[-window:]
    found = None
    for match in anchors.pattern.finditer(_unobserved(" ".join(words), observers)):
        voice = anchors.voices[" ".join(match.group().split())]
        if voice == "shared":
            return voice  # "like you, I'm ...": a trait the two share, whatever comes nearer
        found = voice
    if found is not None:
        return found
    if not anchors.after:
        return None
    ceiling = sentence[1] if window == 0 else min(sentence[1], end + _CONTEXT_CHARS)
    words = _WINDOW_TOKEN.findall(lower, end, ceiling)
    if window:
        words = words[:window]
    first = anchors.pattern.search(_unobserved(" ".join(words), observers))
    return anchors.voices[" ".join(first.group().split())] if first else None


def _unobserved(window: str, observers: Regex | None) -> str:
    """``window`` with observer phrases blanked out."""
    if observers is None or not window:
        return window
    return observers.sub("_", window) if observers.search(window) else window


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


