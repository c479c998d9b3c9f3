"""Checks about the person the note is for: ``recipient`` (the greeting names them)
and ``personal`` (a thank-you refers to the moment noted for them)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from afterview.checks.common import content_stems, first_name, located, name_parts, stem, stems_match
from afterview.checks.reader import OFF, Section
from afterview.checks.text import analyse
from afterview.checks.types import CheckContext, Finding

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

_TITLES = r"(?:mr|mrs|ms|mx|miss|dr|prof|professor)\.?"
_PREFIX = 4


# -- recipient ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RecipientRules:
    """Severity and messages of the greeting check."""

    severity: str
    missing_message: str
    unnamed_message: str

    @classmethod
    def read(cls, section: Section) -> RecipientRules:
        """Read ``[recipient]`` of policy.toml."""
        names = ("name", "full_name")
        rules = cls(
            severity=section.severity("severity"),
            missing_message=section.message("missing_message", names),
            unnamed_message=section.message("unnamed_message", names),
        )
        section.done()
        return rules


def recipient(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """The greeting names the recipient: first name, full name, or title and last name."""
    if not context.recipient or not context.recipient.strip():
        return []
    rules = policy.recipient
    values = {"name": first_name(context.recipient), "full_name": context.recipient.strip()}
    analysis = analyse(text)
    if analysis.parts.greeting is None:
        return [Finding("recipient", rules.severity, rules.missing_message.format(**values))]
    start, end = analysis.parts.greeting
    greeting = _plain(analysis.lower[start:end])
    if _greeting_pattern(context.recipient).search(greeting):
        return []
    if context.address_as and _greeting_pattern(context.address_as).search(greeting):
        return []
    return [located(analysis, "recipient", rules.severity, rules.unnamed_message.format(**values), start, end)]


@lru_cache(maxsize=256)
def _greeting_pattern(name: str) -> re.Pattern[str]:
    parts = [re.escape(_plain(p.lower())) for p in name_parts(name)]
    full = r"[\s-]+".join(parts)
    # A title with the surname, which may be several words ("Prof. de la Cruz").
    surnames = "|".join(r"[\s-]+".join(parts[i:]) for i in range(1, len(parts))) or parts[-1]
    forms = [full, parts[0], rf"{_TITLES}\s+(?:{surnames})"]
    # A hyphen continues a name: "Jordan" does not name "Ms. Jordan-Smith".
    return re.compile(rf"(?<![\w'-])(?:{'|'.join(forms)})(?![\w'-])")


def _plain(text: str) -> str:
    """Drop accents so "José" in the record matches "Jose" in a greeting and vice versa."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# -- personal -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PersonalRules:
    """How a thank-you must refer to the noted moment, and what it says when it does not."""

    min_shared_words: int
    message: str
    suggestion: str
    withheld_severity: str
    withheld_message: str
    withheld_suggestion: str
    ignore: frozenset[str]

    @classmethod
    def read(cls, section: Section) -> PersonalRules:
        """Read ``[personal]`` of policy.toml."""
        rules = cls(
            min_shared_words=section.integer("min_shared_words", minimum=1),
            message=section.message("message", ("moment",)),
            suggestion=section.message("suggestion", ("moment",)),
            withheld_severity=section.severity("withheld_severity"),
            withheld_message=section.message("withheld_message", ()),
            withheld_suggestion=section.message("withheld_suggestion", ()),
            ignore=frozenset(section.strings("ignore", lower=True)),
        )
        section.done()
        return rules


def personal(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """A thank-you refers to the moment noted for the recipient (shared content words).

    When the moment was withheld (it touched a protected characteristic), a warning
    says so and suggests a neutral detail instead.
    """
    severity = policy.type_rules(context.note_type).personal
    if severity == OFF:
        return []
    rules = policy.personal
    if context.moment_withheld:
        suggestion = rules.withheld_suggestion
        return [Finding("personal", rules.withheld_severity, rules.withheld_message, suggestion=suggestion)]
    moment = " ".join((context.moment or "").split())
    if not moment:
        return []
    wanted = content_stems(moment, rules.ignore)
    if not wanted:
        return []
    analysis = analyse(text)
    body = analysis.lower[analysis.body[0] : analysis.body[1]]
    shared = sum(1 for w in wanted if _mentions(body, w))
    if shared >= min(rules.min_shared_words, len(wanted)):
        return []
    values = {"moment": moment.rstrip(".")}
    return [Finding("personal", severity, rules.message.format(**values), suggestion=rules.suggestion.format(**values))]


def _mentions(body: str, wanted: str) -> bool:
    """True when a word of ``body`` has the stem ``wanted`` or a near form of it.

    Only words starting like the stem are looked at (found with ``str.find``), so the
    body is never stemmed word by word.
    """
    prefix = wanted[:_PREFIX]
    position = body.find(prefix)
    while position != -1:
        if position == 0 or not body[position - 1].isalnum():
            end = position + len(prefix)
            while end < len(body) and body[end].isalnum():
                end += 1
            found = stem(body[position:end])
            if found == wanted or stems_match(wanted, found):
                return True
        position = body.find(prefix, position + 1)
    return False
