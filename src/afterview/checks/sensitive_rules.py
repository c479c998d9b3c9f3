"""The sensitive rules (``guardrails/sensitive.toml``), read, validated and compiled.

A rule is an attribute family (``words``, or a ``pattern``; both gated by their own
words) and the frames that make it about a person (``anchors``: one or more anchor sets). Each anchor
phrase names a voice: ``self`` (the writer's disclosure), ``reader`` (the reader or
their colleagues), ``panel``, ``others`` (the other candidates) or ``shared`` ("we
both", "like you", "a fellow ..."). The severity of each voice, and of ``allegation``
and ``signal``, is data in ``[voices]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from afterview.checks.patterns import GatedPattern, GateIndex, LazyRegex, Regex, phrase_regex
from afterview.checks.reader import Section
from afterview.frozen import Frozen

VOICES = ("self", "reader", "panel", "others", "shared", "allegation", "signal")
ANCHOR_VOICES = ("self", "reader", "panel", "others", "shared")
"""Voices an anchor phrase may give; ``shared`` wins over any other anchor in the window."""


class AnchorSet(Frozen):
    """Words that tie an ambiguous word to a person, and whom they point at.

    Attributes:
        pattern: any of the anchors, as whole words.
        voices: anchor phrase (single-spaced) -> one of ``ANCHOR_VOICES``.
        window: how many words on each side count.
        after: also look after the match (else only before it).
    """

    pattern: Regex
    voices: Mapping[str, str]
    window: int
    after: bool
    has_shared: bool = False


class Category(Frozen):
    """A protected characteristic (or ``allegation``) as findings name it."""

    label: str
    suggestion: str


class SensitiveRule(Frozen):
    """One rule of sensitive.toml, compiled (see the file's header for the fields)."""

    id: str
    category: str
    pattern: GatedPattern
    voice: str
    anchors: tuple[AnchorSet, ...] = ()
    upgrades: bool = True
    anchored_voice: str | None = None
    ambiguous: bool = False
    anchor_required: bool = True
    window: int | None = None
    exceptions: Regex | None = None
    requires: Regex | None = None
    unless: Regex | None = None
    union_span: bool = False
    message: str | None = None
    suggestion: str | None = None


class SensitiveRules(Frozen):
    """Every sensitive rule, with severities and messages.

    ``gates``: the policy's index, which decides once per text which branches of every
    rule may match; ``by_slot``: a rule's pattern's slot there -> the rule's index.

    ``allegation_frame``: a sentence that also matches it ("was it because ...",
    "... counted against me") turns the writer's disclosure into an allegation.
    ``modifier``: matched right after an attribute, it makes the attribute describe a
    thing ("the maternity-leave policy", "your diabetes platform"), not a person.
    ``observers``: phrases whose words are no anchor ("I noticed", "you mentioned").
    ``leading``: anchor sets whose phrases, starting a match, say whose trait it is
    ("your wedding"); ``leading_unanchored``: the same, when no anchor around does.
    ``topic``: matched right after any match, it makes the attribute the topic of
    someone's work ("discrimination claims", "Eid and Diwali assemblies"), unless
    ``owner`` matches just before it ("my divorce hearings", "I'm on maternity pay").
    ``third_party``: overlapping a match the writer or reader would own, it says the
    trait is a third party's, such as the clients of someone's work ("adults with
    learning disabilities", "a charity for blind children").
    """

    rules: tuple[SensitiveRule, ...]
    gates: GateIndex
    by_slot: Mapping[int, int]
    severities: Mapping[str, str]
    messages: Mapping[str, str]
    categories: Mapping[str, Category]
    hidden_severity: str
    hidden_message: str
    hidden_suggestion: str
    allegation_frame: Regex | None = None
    modifier: Regex | None = None
    observers: Regex | None = None
    leading: tuple[AnchorSet, ...] = ()
    leading_unanchored: tuple[AnchorSet, ...] = ()
    topic: Regex | None = None
    owner: Regex | None = None
    third_party: Regex | None = None

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
        frames_section = section.section("frames")
        allegation_frame = frames_section.regex("allegation")
        modifier = frames_section.regex("modifier")
        topic, owner, third_party = (
            frames_section.regex(key) if frames_section.has(key) else None for key in ("topic", "owner", "third_party")
        )
        observed = frames_section.strings("observers", (), lower=True)
        # Escaped phrases: always a valid regex, compiled on first use.
        observers = LazyRegex(phrase_regex(observed)) if observed else None
        anchors = _read_anchors(section.section("anchors"))
        leading = _anchor_sets(frames_section, "leading", anchors)
        leading_unanchored = _anchor_sets(frames_section, "leading_unanchored", anchors)
        defaults = frames_defaults(frames_section, anchors)
        rules = tuple(_read_rule(item, anchors, categories, defaults) for item in section.sections("rules"))
        section.done()
        seen: set[str] = set()
        for rule in rules:
            if rule.id in seen:
                raise section.error("rules", f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        return cls(
            rules=rules,
            gates=section.gates,
            by_slot={rule.pattern.slot: index for index, rule in enumerate(rules)},
            severities=severities,
            messages=messages,
            categories=categories,
            hidden_severity=hidden_fields[0],
            hidden_message=hidden_fields[1],
            hidden_suggestion=hidden_fields[2],
            allegation_frame=allegation_frame,
            modifier=modifier,
            observers=observers,
            leading=leading,
            leading_unanchored=leading_unanchored,
            topic=topic,
            owner=owner,
            third_party=third_party,
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
        for voice in ANCHOR_VOICES:
            for phrase in table.strings(voice, (), lower=True):
                voices[" ".join(phrase.split())] = voice
        if not voices:
            raise table.error("self", "give at least one anchor phrase")
        alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(voices, key=len, reverse=True))
        # Escaped phrases always make a valid regex: compiled on first use, unchecked.
        pattern = LazyRegex(rf"(?<![\w'])(?:{alternatives})(?!\w)")
        window = table.integer("window", minimum=0)
        sets[name] = AnchorSet(pattern, voices, window, table.boolean("after", True), "shared" in voices.values())
        table.done()
    section.done()
    return sets


def _anchor_sets(frames: Section, key: str, anchors: Mapping[str, AnchorSet]) -> tuple[AnchorSet, ...]:
    names = frames.strings(key, ())
    for name in names:
        if name not in anchors:
            raise frames.error(key, f"unknown value {name!r}; expected one of {', '.join(anchors)}")
    return tuple(anchors[name] for name in names)


def frames_defaults(frames: Section, anchors: Mapping[str, AnchorSet]) -> tuple[AnchorSet, ...]:
    """The anchor sets every rule also gets (``frames.every_rule``): a trait shared with
    the reader, or a remark about the panel, is judged as such whatever the rule."""
    sets = _anchor_sets(frames, "every_rule", anchors)
    frames.done()
    return sets


def _read_rule(
    item: Section, anchors: Mapping[str, AnchorSet], categories: Mapping[str, Category], defaults: tuple[AnchorSet, ...]
) -> SensitiveRule:
    rule_id = item.string("id")
    item.path = f"rules[{rule_id}]"  # errors name the rule, not its position
    category = item.choice("category", categories)
    names: tuple[str, ...] = ()
    if item.has("anchors"):
        # One anchor set ("person") or several (["person", "group"]): the most severe voice wins.
        names = item.strings("anchors") if item.is_list("anchors") else (item.string("anchors"),)
    for name in names:
        if name not in anchors:
            raise item.error("anchors", f"unknown value {name!r}; expected one of {', '.join(anchors)}")
    if item.has("window") and not names:
        raise item.error("window", "needs anchors")
    excepts = item.strings("except", ()) if item.has("except") else ()
    voice = item.choice("voice", VOICES, default="self")
    own = tuple(anchors[name] for name in names)
    rule = SensitiveRule(
        id=rule_id,
        category=category,
        pattern=item.gated(),
        voice=voice,
        anchors=own + tuple(a for a in defaults if a not in own) if own or voice in ("self", "signal") else (),
        ambiguous=bool(own),
        upgrades=item.boolean("allegation_frame", True),
        anchored_voice=item.choice("anchored_voice", VOICES) if item.has("anchored_voice") else None,
        anchor_required=item.boolean("anchor_required", True) if own else False,
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
