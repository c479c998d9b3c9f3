"""Checks about the person the note is for: ``recipient`` (the greeting names them)
and ``personal`` (a thank-you refers to the moment noted for them)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from afterview.checks.common import content_stems, first_name, fold_name, located, name_parts, stem, stems_match
from afterview.checks.reader import OFF, Section
from afterview.checks.text import Analysis, analyse, tokens_of
from afterview.checks.types import CheckContext, Finding
from afterview.frozen import Frozen

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

_PREFIX = 4
# A sentence holding this many of the moment's distinctive words retells it, anchor or not.
_RETOLD = 3
_WORD = re.compile(r"[^\W_]+")
# Words of notes that start like one of a moment's forms, remembered per form and moment.
_WORDS_KEPT = 4096


# -- recipient ------------------------------------------------------------------------
class RecipientRules(Frozen):
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
    analysis = analyse(text)
    greeting = analysis.parts.greeting
    if greeting is None:
        return [Finding("recipient", rules.severity, rules.missing_message.format(**_names(context.recipient)))]
    start, end = greeting
    if _names_recipient(analysis.norm[start:end], context.recipient, context.address_as, rules.titles):
        return []
    message = rules.unnamed_message.format(**_names(context.recipient))
    return [located(analysis, "recipient", rules.severity, message, start, end)]


def _names(recipient: str) -> dict[str, str]:
    """The recipient's names for a message: ``name`` (the first) and ``full_name``."""
    return {"name": first_name(recipient), "full_name": recipient.strip()}


@lru_cache(maxsize=1024)
def _names_recipient(greeting: str, name: str, address_as: str | None, titles: tuple[str, ...]) -> bool:
    """The greeting names ``name`` (or says ``address_as``); kept, as the same greeting
    opens note after note to one person."""
    greeting = fold_name(greeting).replace(".", " ")
    plain, titled, any_title = _greeting_patterns(name, titles, _surname(address_as, titles))
    # With a title, only the surname may follow it ("Ms. Jing" does not name Chen Jing).
    if (titled if any_title.search(greeting) else plain).search(greeting):
        return True
    return bool(address_as) and _address_pattern(address_as).search(greeting) is not None


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
class PersonalRules(Frozen):
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
    if not context.moment:
        return []
    moment = _moment(context.moment, rules)
    if moment is None or _refers_to(analyse(text), moment, rules):
        return []
    name = first_name(context.recipient, fallback="them")
    message = rules.message.format(name=name, keywords=moment.keywords)
    return [Finding("personal", severity, message, suggestion=rules.suggestion.format(name=name))]


# (word start, its (stem form, wanted stem) pairs, words seen -> their wanted stems), ...
_Forms = tuple[tuple[str, tuple[tuple[str, str], ...], dict[str, tuple[str, ...]]], ...]


class _Moment(NamedTuple):
    """What ``personal`` looks for, worked out once per moment.

    Attributes:
        wanted: the stems of its distinctive words.
        head: the stem of its head noun (see ``_head``).
        keywords: a few of its words, for the message.
        forms: each word start to look for, with the (stem form, wanted stem) pairs
            that start so (the stems and their synonyms), and the words of notes
            found so far that start so, each with the wanted stems it has; first
            the ``own`` starts that some wanted stem itself has.
        own: how many of ``forms`` come from the moment's own words.
    """

    wanted: tuple[str, ...]
    head: str | None
    keywords: str
    forms: _Forms
    own: int


_MOMENTS: dict[tuple[str, int], tuple[PersonalRules, _Moment | None]] = {}
_MOMENTS_KEPT = 256


def _moment(text: str, rules: PersonalRules) -> _Moment | None:
    """The moment ``text`` prepared for ``rules`` (None when it has no distinctive word),
    kept per moment: a context's moment is checked against note after note."""
    key = (text, id(rules))
    kept = _MOMENTS.get(key)
    if kept is not None and kept[0] is rules:
        return kept[1]
    if len(_MOMENTS) >= _MOMENTS_KEPT:
        _MOMENTS.clear()
    moment = " ".join(text.split())
    wanted = content_stems(moment, rules.ignore) if moment else ()
    prepared = None
    if wanted:
        by_start: dict[str, dict[tuple[str, str], None]] = {}
        for word in wanted:
            for form in (word, *rules.synonyms.get(word, ())):
                by_start.setdefault(form[:_PREFIX], {})[form, word] = None
        own = [start for start, pairs in by_start.items() if any(form == word for form, word in pairs)]
        starts = own + [start for start in by_start if start not in own]
        forms = tuple((start, tuple(by_start[start]), {}) for start in starts)
        prepared = _Moment(wanted, _head(moment, rules), _keywords(moment, rules), forms, len(own))
    _MOMENTS[key] = (rules, prepared)
    return prepared


def _refers_to(analysis: Analysis, moment: _Moment, rules: PersonalRules) -> bool:
    """Some body sentence refers to the moment (see ``PersonalRules``).

    Most notes settle it without splitting the body into sentences, and many on the
    moment's own words alone, before its synonyms are looked for. The words between
    two breaks (. ! ? ; or a line break) lie in one sentence, so a clause that refers to
    the moment means its sentence does; and when the whole body, taken as one sentence,
    does not, no sentence can (more words and more anchors never hurt).
    """
    start, end = analysis.body
    lower = analysis.lower
    own = _mentions(lower, start, end, moment.forms[: moment.own])
    if own and _some_clause_tells(analysis, own, moment, rules):
        return True
    others = _mentions(lower, start, end, moment.forms[moment.own :])
    mentions = own + others
    if not mentions:
        return False
    if others and _some_clause_tells(analysis, mentions, moment, rules):
        return True
    if not _tells({word for _, word in mentions}, lambda: tokens_of(lower[start:end]), moment, rules):
        return False
    by_sentence: dict[tuple[int, int], set[str]] = {}
    for position, word in mentions:
        by_sentence.setdefault(analysis.sentence(position), set()).add(word)
    return any(
        _tells(found, lambda: tokens_of(lower[max(start, low) : min(end, high)]), moment, rules)
        for (low, high), found in by_sentence.items()
    )


def _some_clause_tells(
    analysis: Analysis, mentions: list[tuple[int, str]], moment: _Moment, rules: PersonalRules
) -> bool:
    """Some clause of the body (between two breaks) refers to the moment, by ``mentions``."""
    ordered = sorted(mentions)
    first = ordered[0][0]
    if not analysis.has_break(first, ordered[-1][0]):  # most notes: every mention in one clause
        return _clause_tells(analysis, first, {word for _, word in ordered}, moment, rules)
    found: set[str] = set()
    previous = first
    for position, word in ordered:
        if analysis.has_break(previous, position):  # a new clause
            if _clause_tells(analysis, first, found, moment, rules):
                return True
            first, found = position, set()
        found.add(word)
        previous = position
    return _clause_tells(analysis, first, found, moment, rules)


def _clause_tells(analysis: Analysis, position: int, found: set[str], moment: _Moment, rules: PersonalRules) -> bool:
    """The clause holding ``position`` refers to the moment by ``found``."""
    start, end = analysis.body

    def words() -> frozenset[str]:
        return tokens_of(analysis.lower[analysis.previous_break(position, start) : analysis.next_break(position, end)])

    return _tells(found, words, moment, rules)


def _tells(found: set[str], words: Callable[[], frozenset[str]], moment: _Moment, rules: PersonalRules) -> bool:
    """A stretch of text that holds ``found`` of the moment's stems and the tokens
    ``words()`` (asked for only when needed) refers to the moment."""
    if len(found) >= _RETOLD:
        return True  # the moment itself, retold: "I keep coming back to the whiteboard exercise on rate limiting"
    tokens = words()
    if rules.anchors.isdisjoint(tokens) and rules.telling.isdisjoint(tokens):
        return False
    if len(found) >= 2 or len(moment.wanted) == 1:
        return True
    return moment.head in found and not rules.telling.isdisjoint(tokens)


def _mentions(text: str, start: int, end: int, forms: _Forms) -> list[tuple[int, str]]:
    """(position, wanted stem) for each word of ``text[start:end]`` that has one of the
    stems, near forms or synonyms of ``forms`` (some of a ``_Moment``'s).

    Only words starting like a form are looked at (found with ``str.find``, once for
    the forms that start alike), so the text is never stemmed word by word; and each
    such word is stemmed once per moment, as the same words recur note after note.
    """
    found = []
    find = text.find
    for prefix, pairs, seen in forms:
        position = find(prefix, start, end)
        while position != -1:
            if position == start or not text[position - 1].isalnum():
                after = position + len(prefix)
                rest = _WORD.match(text, after, end)  # the word goes on while letters and digits do
                word = text[position : rest.end() if rest else after]
                wanted = seen.get(word)
                if wanted is None:
                    if len(seen) >= _WORDS_KEPT:
                        seen.clear()
                    stemmed = stem(word)
                    # Once each: "rebuilt" is a near form of "rebuild" and the form "rebuilt" too.
                    wanted = tuple(dict.fromkeys(w for form, w in pairs if stemmed == form or stems_match(form, stemmed)))
                    seen[word] = wanted
                for stem_wanted in wanted:
                    found.append((position, stem_wanted))
            position = find(prefix, position + 1, end)
    return found


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
