"""Checks about the person the note is for: ``recipient`` (the greeting names them)
and ``personal`` (a thank-you refers to the moment noted for them)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from afterview.checks.common import content_stems, first_name, fold_name, located, name_parts, stem, stems_match
from afterview.checks.reader import OFF, Section
from afterview.checks.text import Analysis, analyse
from afterview.checks.types import CheckContext, Finding
from afterview.frozen import NamedTuple

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

_PREFIX = 4
# A sentence holding this many of the moment's distinctive words retells it, anchor or not.
_RETOLD = 3
_WORD = re.compile(r"[^\W_]+")


# -- recipient ------------------------------------------------------------------------
class RecipientRules(NamedTuple):
    """Severity and messages of the greeting check."""

    severity: str
    missing_message: str
    unnamed_message: str
    titles: tuple[str, ...]
    """Titles that may stand before a surname ("Rev. Okafor", "Judge Alvarez")."""

    @classmethod
    def read(cls, section: Section) -> RecipientRules:
        """Read ``[recipient]`` of policy.toml."""
        names = ("name", "full_name")
        rules = cls(
            severity=section.severity("severity"),
            missing_message=section.message("missing_message", names),
            unnamed_message=section.message("unnamed_message", names),
            titles=section.strings("titles", lower=True),
        )
        section.done()
        return rules


def recipient(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """The greeting names the recipient: first name, full name, a title and the surname,
    or the form of address the record gives (``address_as``). Case and accents do not
    matter ("Dear İrem," for İrem Yılmaz; "Dear Jose," for José)."""
    if not context.recipient or not context.recipient.strip():
        return []
    rules = policy.recipient
    values = {"name": first_name(context.recipient), "full_name": context.recipient.strip()}
    analysis = analyse(text)
    if analysis.parts.greeting is None:
        return [Finding("recipient", rules.severity, rules.missing_message.format(**values))]
    start, end = analysis.parts.greeting
    greeting = fold_name(analysis.norm[start:end]).replace(".", " ")
    surname = _surname(context.address_as, rules.titles)
    plain, titled, any_title = _greeting_patterns(context.recipient, rules.titles, surname)
    # With a title, only the surname may follow it ("Ms. Jing" does not name Chen Jing).
    if (titled if any_title.search(greeting) else plain).search(greeting):
        return []
    if context.address_as and _address_pattern(context.address_as).search(greeting):
        return []
    return [located(analysis, "recipient", rules.severity, rules.unnamed_message.format(**values), start, end)]


def _surname(address_as: str | None, titles: tuple[str, ...]) -> str | None:
    """The surname a titled ``address_as`` gives ("Chen" in "Ms. Chen" for Chen Jing)."""
    words = (address_as or "").replace(".", " ").split()
    if len(words) >= 2 and fold_name(words[0]) in titles:
        return " ".join(words[1:])
    return None


@lru_cache(maxsize=256)
def _greeting_patterns(
    name: str, titles: tuple[str, ...], surname: str | None = None
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(the full or given name; a title and the surname, or the full name; any title).

    The surname is the one a titled ``address_as`` gives ("Ms. Chen" for Chen Jing),
    else the name after its first word, which may be several words ("Prof. de la Cruz").
    """
    parts = [re.escape(fold_name(p).strip(".")) for p in name_parts(name)]
    full = r"[\s-]+".join(parts)
    title = "|".join(re.escape(t.strip(".")) for t in sorted(titles, key=len, reverse=True))
    if surname:
        family = r"[\s-]+".join(re.escape(fold_name(w)) for w in surname.split())
        given = [p for p in parts if p != family] or parts[:1]
    else:
        family = "|".join(r"[\s-]+".join(parts[i:]) for i in range(1, len(parts))) or parts[-1]
        given = parts[:1]
    titled = rf"(?:{title})\s+(?:(?:{'|'.join(given)})\s+)?(?:{family})"
    # A hyphen continues a name: "Jordan" does not name "Ms. Jordan-Smith".
    edge, end = r"(?<![\w'-])", r"(?![\w'-])"
    return (
        re.compile(rf"{edge}(?:{full}|{given[0]}){end}"),
        re.compile(rf"{edge}(?:{titled}|(?:{title})\s+{full}){end}"),
        re.compile(rf"{edge}(?:{title})\s+\w"),
    )


@lru_cache(maxsize=256)
def _address_pattern(address_as: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in fold_name(address_as).replace(".", " ").split()]
    joined = r"[\s,]+".join(words)
    return re.compile(rf"(?<![\w'-]){joined}(?![\w'-])")


# -- personal -------------------------------------------------------------------------
class PersonalRules(NamedTuple):
    """How a thank-you must refer to the noted moment, and what it says when it does not.

    A sentence of the body refers to the moment when it holds three of the moment's
    distinctive words, or speaks of the conversation or the reader (one of
    ``anchors``) and holds two of them
    (the same stem, a near form, or a synonym from ``synonyms``): "Hearing how you
    rebuilt checkout" for "your story about redesigning the checkout flow". One word is
    enough when it is the moment's head noun ("the marathon she ran ...") told of as
    part of the conversation (one of ``telling``: "your story about the marathon"), or
    when the moment has only one. A word dropped into a sentence about something else
    ("I have always wanted to visit Lisbon") does not count.
    """

    message: str
    suggestion: str
    withheld_severity: str
    withheld_message: str
    withheld_suggestion: str
    ignore: frozenset[str]
    anchors: frozenset[str]
    telling: frozenset[str]
    boundaries: frozenset[str]
    synonyms: Mapping[str, tuple[str, ...]]
    keywords: int

    @classmethod
    def read(cls, section: Section) -> PersonalRules:
        """Read ``[personal]`` of policy.toml."""
        synonyms: dict[str, tuple[str, ...]] = {}
        for group in section.sections("synonyms"):
            stems = tuple(dict.fromkeys(stem(w) for w in group.strings("words", lower=True)))
            group.done()
            for word in stems:
                synonyms[word] = tuple(dict.fromkeys((*synonyms.get(word, ()), *stems)))
        rules = cls(
            message=section.message("message", ("name", "keywords")),
            suggestion=section.message("suggestion", ("name",)),
            withheld_severity=section.severity("withheld_severity"),
            withheld_message=section.message("withheld_message", ("reason",)),
            withheld_suggestion=section.message("withheld_suggestion", ()),
            ignore=frozenset(section.strings("ignore", lower=True)),
            anchors=frozenset(section.strings("anchors", lower=True)),
            telling=frozenset(section.strings("telling", lower=True)),
            boundaries=frozenset(section.strings("head_boundaries", lower=True)),
            synonyms=MappingProxyType(synonyms),
            keywords=section.integer("keywords", minimum=1),
        )
        section.done()
        return rules


def personal(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """A thank-you refers to the moment noted for the recipient, in any words.

    A withheld moment (``afterview.checks.moment`` decides, the context carries it) is
    never asked for: a warning says why it was left out and suggests a neutral detail. The message names
    the moment by a few of its words, never quoting it (it is sent to a model as an
    instruction in repair rounds).
    """
    severity = policy.type_rules(context.note_type).personal
    if severity == OFF:
        return []
    rules = policy.personal
    if context.moment_withheld:
        message = rules.withheld_message.format(reason=context.withheld_reason or "could not be quoted safely")
        return [Finding("personal", rules.withheld_severity, message, suggestion=rules.withheld_suggestion)]
    moment = " ".join((context.moment or "").split())
    if not moment:
        return []
    wanted = content_stems(moment, rules.ignore)
    if not wanted or _refers_to(analyse(text), wanted, _head(moment, rules), rules):
        return []
    name = first_name(context.recipient, fallback="them")
    message = rules.message.format(name=name, keywords=_keywords(moment, rules))
    return [Finding("personal", severity, message, suggestion=rules.suggestion.format(name=name))]


def _refers_to(analysis: Analysis, wanted: tuple[str, ...], head: str | None, rules: PersonalRules) -> bool:
    """Some body sentence refers to the moment (see ``PersonalRules``)."""
    start, end = analysis.body
    body = analysis.lower[start:end]
    by_sentence: dict[tuple[int, int], set[str]] = {}
    for word in wanted:
        for form in (word, *rules.synonyms.get(word, ())):
            for position in _mentions(body, form):
                by_sentence.setdefault(analysis.sentence(start + position), set()).add(word)
    for (low, high), found in by_sentence.items():
        if len(found) >= _RETOLD:
            return True  # the moment itself, retold: "I keep coming back to the whiteboard exercise on rate limiting"
        words = set(_WORD.findall(analysis.lower[max(start, low) : min(end, high)]))
        if rules.anchors.isdisjoint(words) and rules.telling.isdisjoint(words):
            continue
        if len(found) >= 2 or len(wanted) == 1:
            return True
        if head in found and not rules.telling.isdisjoint(words):
            return True
    return False


def _head(moment: str, rules: PersonalRules) -> str | None:
    """The stem of the moment's head noun: the last distinctive word of its first phrase
    ("launch" in "your story about the Lisbon office launch", "marathon" in "the
    marathon she ran to fund the clinic")."""
    head = None
    for word in _WORD.findall(moment.casefold()):
        if word in rules.boundaries:
            if head is not None:
                break
            continue
        if word not in rules.ignore and len(word) > 1:
            head = stem(word)
    return head


def _keywords(moment: str, rules: PersonalRules) -> str:
    """A few distinctive words of the moment, in its order ("churn, dashboard")."""
    words = [w for w in _WORD.findall(moment) if w.casefold() not in rules.ignore and len(w) > 2]
    keep = set(sorted(dict.fromkeys(words), key=len, reverse=True)[: rules.keywords])
    chosen = list(dict.fromkeys(w for w in words if w in keep))
    return "about " + ", ".join(chosen) if chosen else "the moment you noted"


def _mentions(body: str, wanted: str) -> list[int]:
    """Where a word of ``body`` has the stem ``wanted`` or a near form of it.

    Only words starting like the stem are looked at (found with ``str.find``), so the
    body is never stemmed word by word.
    """
    found = []
    prefix = wanted[:_PREFIX]
    position = body.find(prefix)
    while position != -1:
        if position == 0 or not body[position - 1].isalnum():
            end = position + len(prefix)
            while end < len(body) and body[end].isalnum():
                end += 1
            word = stem(body[position:end])
            if word == wanted or stems_match(wanted, word):
                found.append(position)
        position = body.find(prefix, position + 1)
    return found
