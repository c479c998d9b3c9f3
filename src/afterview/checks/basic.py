"""Content checks that need no interview record: brevity, thanks, interest,
placeholders and clichés."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from afterview.checks.common import MAX_FINDINGS, SpanSet, first_name, located, quote
from afterview.checks.patterns import GatedPattern, GateIndex, Regex
from afterview.checks.reader import OFF, Section
from afterview.checks.text import Analysis, analyse, masked, word_count
from afterview.checks.types import CheckContext, Finding
from afterview.frozen import Frozen

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

# How far back a negation may sit: "I do not really appreciate".
_NEGATION_LOOKBACK = 30
_EMPHASIS_LOOKAHEAD = 24
# How far around a "thanks" a refusal or a causal "thanks to ..." is looked for.
_REFUSAL_REACH = 40


# -- brevity --------------------------------------------------------------------------
class BrevityRules(Frozen):
    """Severities and messages of the word-count check (ranges live per note type)."""

    over: str
    under: str
    over_message: str
    under_message: str
    over_suggestion: str
    under_suggestion: str

    @classmethod
    def read(cls, section: Section) -> BrevityRules:
        """Read ``[brevity]`` of policy.toml."""
        names = ("count", "min", "max")
        rules = cls(
            over=section.severity("over"),
            under=section.severity("under"),
            over_message=section.message("over_message", names),
            under_message=section.message("under_message", names),
            over_suggestion=section.message("over_suggestion", names),
            under_suggestion=section.message("under_suggestion", names),
        )
        section.done()
        return rules


def brevity(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """The body's word count is within the note type's range: over blocks, under warns."""
    analysis = analyse(text)
    low, high = policy.type_rules(context.note_type).words
    count = word_count(analysis, analysis.body)
    rules = policy.brevity
    values = {"count": count, "min": low, "max": high}
    if count > high:
        severity, message, suggestion = rules.over, rules.over_message, rules.over_suggestion
    elif count < low:
        severity, message, suggestion = rules.under, rules.under_message, rules.under_suggestion
    else:
        return []
    return [Finding("brevity", severity, message.format(**values), suggestion=suggestion.format(**values))]


# -- thanks ---------------------------------------------------------------------------
class ThanksRules(Frozen):
    """What counts as gratitude, and what does not."""

    gratitude: GatedPattern
    not_gratitude: GatedPattern
    negation: Regex
    emphatic_before: Regex
    emphatic_after: Regex
    message: str

    @classmethod
    def read(cls, section: Section) -> ThanksRules:
        """Read ``[thanks]`` of phrases.toml."""
        negation = section.regex("negation")
        if negation.search("") is not None:  # "thank you" opening a sentence is never negated
            raise section.error("negation", "must need some words before the thanks (it matches an empty text)")
        rules = cls(
            gratitude=section.gated(),
            not_gratitude=section.gated_regex("not_gratitude"),  # shut on most notes: no "thanks"
            negation=negation,
            emphatic_before=section.regex("emphatic_before"),
            emphatic_after=section.regex("emphatic_after"),
            message=section.message("message", ("name",)),
        )
        section.done()
        return rules


def thanks(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """The body thanks the reader; negated, refusing or causal "thanks" does not count."""
    severity = policy.type_rules(context.note_type).thanks
    if severity == OFF:
        return []
    analysis = analyse(text)
    if _has_gratitude(analysis, policy.thanks):
        return []
    message = policy.thanks.message.format(name=first_name(context.recipient))
    return [Finding("thanks", severity, message)]


def _has_gratitude(analysis: Analysis, rules: ThanksRules) -> bool:
    lower = analysis.lower
    start, end = analysis.body
    refusals = rules.not_gratitude.open_branches(analysis)  # none on most notes: no "thanks" in them
    for match in rules.gratitude.finditer(analysis, lower, analysis.norm, start, end, body_only=True):
        # "no thanks" / "thanks to the process" around this very match?
        if refusals:
            near_start, near_end = max(start, match.start() - _REFUSAL_REACH), min(end, match.end() + _REFUSAL_REACH)
            near = rules.not_gratitude.finditer(analysis, lower, analysis.norm, near_start, near_end, opened=refusals)
            if any(m.start() < match.end() and match.start() < m.end() for m in near):
                continue
        before = _words_before(analysis, match.start(), start)
        if before and rules.negation.search(before):  # (an empty text holds no negation: see ``read``)
            after = lower[match.end() : min(end, match.end() + _EMPHASIS_LOOKAHEAD)]
            if not (rules.emphatic_before.search(before) or rules.emphatic_after.search(after)):
                continue
        return True
    return False


def _words_before(analysis: Analysis, position: int, low: int) -> str:
    """What a negation of the word at ``position`` may be: up to ``_NEGATION_LOOKBACK``
    characters before it, within its sentence (after the last . ! ? ; or line break)
    and not before ``low``; only those few characters are looked at."""
    since = max(low, position - _NEGATION_LOOKBACK)
    if since == position:
        return ""  # the body starts with it: "Thank you for ..."
    norm = analysis.norm
    for char in ".!?;\n":
        since = max(since, norm.rfind(char, since, position) + 1)
    return analysis.lower[since:position]


# -- interest -------------------------------------------------------------------------
class InterestRules(Frozen):
    """Statements of interest, the traps that look like them, and withdrawals.

    ``signals`` pairs each pattern with the note types it counts for (empty: every
    type): a thank-you's "I look forward to hearing from you" is what its lesson asks,
    where another note must say it wants the role.
    """

    signals: tuple[tuple[GatedPattern, frozenset[str]], ...]
    traps: GatedPattern
    withdrawal: GatedPattern
    lukewarm: GatedPattern
    message: str
    withdrawal_message: str
    withdrawal_severity: str

    @classmethod
    def read(cls, section: Section) -> InterestRules:
        """Read ``[interest]`` of phrases.toml."""
        signals = []
        for item in section.sections("signals"):
            signals.append((item.gated(), frozenset(item.strings("only_for", ()))))
            item.done()
        traps = section.section("traps")
        trap_pattern = traps.gated()
        traps.done()
        withdrawal = section.gated_regex("withdrawal")
        lukewarm = section.section("lukewarm")
        lukewarm_pattern = lukewarm.gated()
        lukewarm.done()
        rules = cls(
            signals=tuple(signals),
            traps=trap_pattern,
            withdrawal=withdrawal,
            lukewarm=lukewarm_pattern,
            message=section.message("message", ("name",)),
            withdrawal_message=section.message("withdrawal_message", ("match",)),
            withdrawal_severity=section.severity("withdrawal_severity"),
        )
        section.done()
        return rules


def interest(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """The body states interest; "no longer interested" or a lukewarm remark reads as a
    withdrawal, in every note type (even one that need not state interest)."""
    severity = policy.type_rules(context.note_type).interest
    analysis = analyse(text)
    rules = policy.interest
    withdrawals = _disjoint_spans(_body_matches(pattern, analysis) for pattern in (rules.withdrawal, rules.lukewarm))
    if withdrawals:
        message = rules.withdrawal_message
        return [
            located(analysis, "interest", rules.withdrawal_severity, message.format(match=quote(analysis, s, e)), s, e)
            for s, e in withdrawals
        ]
    if severity == OFF:
        return []
    traps = [m.span() for m in _body_matches(rules.traps, analysis)]
    for signal, only_for in rules.signals:
        if only_for and context.note_type not in only_for:
            continue
        for match in _body_matches(signal, analysis):
            if not traps or not any(s < match.end() and match.start() < e for s, e in traps):
                return []
    return [Finding("interest", severity, rules.message.format(name=first_name(context.recipient)))]


def _body_matches(pattern: GatedPattern, analysis: Analysis) -> Iterable[re.Match[str]]:
    """``pattern``'s matches in the body; nothing is set up for a pattern no branch of
    which can match there (most withdrawal and trap patterns on most notes)."""
    numbers = pattern.open_branches(analysis, body_only=True)
    if not numbers:
        return ()
    return pattern.finditer(analysis, analysis.lower, analysis.norm, *analysis.body, opened=numbers)


# -- placeholders ---------------------------------------------------------------------
class PlaceholderRules(Frozen):
    """Unfilled template slots: [Name], {role}, <DATE>, ____, XXX, TBD, lorem ipsum.

    ``gates`` is the policy's index the patterns are in, and ``slots`` where it holds
    them: one look at what it found open in a text answers for every pattern.
    """

    patterns: tuple[GatedPattern, ...]
    severity: str
    message: str
    gates: GateIndex
    slots: tuple[int, ...]

    @classmethod
    def read(cls, section: Section) -> PlaceholderRules:
        """Read ``[placeholders]`` of phrases.toml."""
        patterns = section.gated_list("patterns")
        slots = tuple(pattern.slot for pattern in patterns)
        severity, message = section.severity("severity"), section.message("message", ("match",))
        rules = cls(patterns, severity, message, section.gates, slots)
        section.done()
        return rules


def placeholders(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """Unfilled placeholders anywhere in the note.

    What the record and the profile hold (names, every record text, the signature) is
    masked first: "Sam [/] O'Neil" or a signer "[B]" is the person's own text.
    """
    analysis = analyse(text)
    rules = policy.placeholders
    opened = rules.gates.opened(analysis)
    if opened.keys().isdisjoint(rules.slots):
        return []  # the usual note: no pattern can match, so nothing is masked
    view = masked(text, (*context.proper_nouns, *context.record_texts, *context.signature))
    found = [(pattern, numbers) for pattern in rules.patterns if (numbers := opened.get(pattern.slot))]
    spans = _disjoint_spans(pattern.finditer(analysis, view.lower, view.norm, opened=n) for pattern, n in found)
    return [
        located(analysis, "placeholders", rules.severity, rules.message.format(match=quote(analysis, s, e)), s, e)
        for s, e in spans
    ]


def _disjoint_spans(matches: Iterable[Iterable[re.Match[str]]]) -> list[tuple[int, int]]:
    """The spans of ``matches`` (the matches of each pattern in turn), in text order: each
    one that overlaps none kept before it, up to ``MAX_FINDINGS``."""
    taken: SpanSet | None = None  # made at the first match: most notes have none
    for found in matches:
        for match in found:
            if taken is None:
                taken = SpanSet()
            elif len(taken) >= MAX_FINDINGS:
                break
            if not taken.overlaps(*match.span()):
                taken.add(*match.span())
    return taken.spans() if taken is not None else []


# -- cliches --------------------------------------------------------------------------
class ClicheRules(Frozen):
    """Stock phrases a reader skims past."""

    phrases: GatedPattern
    severity: str
    message: str
    suggestion: str

    @classmethod
    def read(cls, section: Section) -> ClicheRules:
        """Read ``[cliches]`` of phrases.toml."""
        phrases = section.strings("phrases", lower=True)
        rules = cls(
            phrases=GatedPattern.of_phrases(phrases, gates=section.gates),
            severity=section.severity("severity"),
            message=section.message("message", ("match",)),
            suggestion=section.message("suggestion", ()),
        )
        section.done()
        return rules


def cliches(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """Clichés such as "just checking in" or "I hope this email finds you well" (warn)."""
    analysis = analyse(text)
    rules = policy.cliches
    opened = rules.phrases.open_branches(analysis)
    if not opened:
        return []  # the usual note: no phrase's words are all there
    lower = analysis.lower
    return [
        located(
            analysis,
            "cliches",
            rules.severity,
            rules.message.format(match=quote(analysis, m.start(), m.end())),
            m.start(),
            m.end(),
            suggestion=rules.suggestion,
        )
        for m in itertools.islice(rules.phrases.finditer(analysis, lower, analysis.norm, opened=opened), MAX_FINDINGS)
    ]
