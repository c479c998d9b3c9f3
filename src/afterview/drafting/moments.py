"""Moments as people type them, made to read right inside a note.

Templates need one shape: a phrase that can follow "I especially enjoyed ..." or "What
stayed with me most was ...". ``object_phrase`` reads the moment as it was typed
(``afterview.drafting.moment_forms``: cleaned, and its form told: noun phrase, gerund,
past-tense verb phrase, sentence, question, first-person line or fragment) and turns it
into that shape, rephrasing where pasting would break ("the part where you asked me
...", "your question about how I would ...", "hearing that ...", "our talk about ...").
It also writes the moment to the person who reads it: a moment about "her team",
sent to her, becomes "your team". Numbers and abbreviations ("3 a.m.", "U.S.", "approx.")
keep their full stops. ``preview`` shows the sentence as a note will read it; the
record's other free texts (the mission, an award's relevance) are read in
``afterview.drafting.record_phrases``.

Pure and stdlib-only: the offline drafter calls it, and the interview form through
``afterview.usecases.moment_preview``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from afterview.checks.patterns import LazyRegex
from afterview.drafting.moment_acts import asked_of_candidate, condition_last, gerund_phrase, mishap_phrase, told_back
from afterview.drafting.english import DETERMINERS, IRREGULAR_PAST, SUBJECT_PRONOUNS, WH_WORDS, has_finite_verb, lower_lead, past_tense_doer
from afterview.drafting.moment_forms import Form, analyse, answered, asks, clean, form_of, is_fragment, strip_end
from afterview.drafting.person import to_second_person
from afterview.drafting.questions import embed_question
from afterview.drafting.typed import topic_phrase
from afterview.frozen import NamedTuple

__all__ = ["Form", "Rendered", "form_of", "object_phrase", "preview"]


class Rendered(NamedTuple):
    """A moment recognised and rephrased.

    Attributes:
        form: how it was typed.
        phrase: the moment as a phrase that completes "I especially enjoyed ...".
    """

    form: Form
    phrase: str


# -- word lists ------------------------------------------------------------------------
# Past forms that do not end in -ed.
_REPORTING = LazyRegex(
    r"^(?:said|mentioned|told me|explained|shared|noted|pointed out)(?: that)? (?=\S)", re.IGNORECASE
)
_ASKED = LazyRegex(r"^asked(?: me| us)?(?: about)?(?= )", re.IGNORECASE)
_WH_CLAUSE = LazyRegex(r"^(?:how|why|what|where|when|whether|which|who)\s+\w+\s+\w+", re.IGNORECASE)
_MY_ANSWER = LazyRegex(r"^(?:how|why|what|where|when|whether|which)\s+(?:I|I'd|I'm|I've|I'll)\s", re.IGNORECASE)
# A time clause about something that happened: "when you asked ...", "while we walked ...".
# "when the team will move" is a question of timing, not a scene, so the verb is past.
_SCENE = LazyRegex(
    r"^(?:when|while)\s+(?=asked\b|(?:(?:the|your|my|our|his|her|their)\s+)?[\w'-]+\s+(?:\w+ly\s+|just\s+|first\s+)?(?:\w+ed|was|were|"
    + "|".join(sorted(IRREGULAR_PAST))
    + r")\b)",
    re.IGNORECASE,
)
# "when asked about my gap year", "when you asked if I drive": their question is the moment.
_WHEN_ASKED = LazyRegex(
    r"^(?:when|while)\s+(?:you\s+)?asked(?:\s+me|\s+us)?\s+(?:about\s+(?=\S)|(?=(?:if|whether|how|what|why)\b))",
    re.IGNORECASE,
)
_ASKED_CLAUSE = LazyRegex(r"^(?:how|why|what|whether|where|when|which|who|if)\b", re.IGNORECASE)
_LIST_SEPARATORS = (
    (re.compile(r"\s*(?:->|→|=>)\s*"), " to "),
    (re.compile(r"\s+[-–]\s+|\s*;\s*|\s+/\s+|\s+\+\s+|\s+&\s+"), ", "),
    (re.compile(r"\s+=\s+"), " as the "),
    (re.compile(r":\s+"), ", "),
)

# -- public API ------------------------------------------------------------------------
@lru_cache(maxsize=1024)
def object_phrase(text: str, *, recipient: str | None = None, formal: bool = False) -> Rendered:
    """The moment as a phrase that completes "I especially enjoyed ...".

    Args:
        text: the moment as typed.
        recipient: the interviewer's name; a third-person reference to them becomes
            "you" / "your" (the note is written to them).
        formal: word the rephrasing for a formal note ("the moment you" for "the part where you").
    """
    typed = clean(text)
    doer = past_tense_doer(typed)
    written = to_second_person(typed, recipient)
    form, core, ready = analyse(written, asked=asks(text))
    mishap = mishap_phrase(_first_clause(written)) if form is not Form.QUESTION else None
    if mishap:  # "your dog crashed the call" was not enjoyed; how they took it is the moment
        return Rendered(form, mishap)
    if form is Form.QUESTION and not ready and (answered(text) or asked_of_candidate(typed)):
        core = _put_to_me(core)  # "how would you handle ...?" was put to the candidate: "how I would handle ..."
    scene = _SCENE.match(core) if form is not Form.QUESTION else None
    if scene:  # "when you asked about my portfolio": something that happened, not a thing heard
        asked = _WHEN_ASKED.match(core)
        if asked:
            return Rendered(form, "your question about " + re.sub(r"^if\b", "whether", core[asked.end() :]))
        happened = lower_lead(core[scene.end() :])
        if happened.startswith("asked "):  # "when asked to whiteboard a cache": they asked me
            happened = "you " + (happened if happened.startswith(("asked me ", "asked us ")) else "asked me " + happened[6:])
        return Rendered(form, ("the moment " if formal else "the part where ") + happened)
    if form is not Form.QUESTION and _MY_ANSWER.match(core):
        return Rendered(form, "your question about " + lower_lead(core))  # "how I'd handle a late delivery"
    if form is not Form.QUESTION and _WH_CLAUSE.match(core):
        # "how the team retired ...", "where the depot will open": a clause, not a thing.
        return Rendered(form, _hearing(lower_lead(core)))
    return Rendered(form, core if ready else _phrase(form, core, formal, doer))


def preview(text: str, *, recipient: str | None = None) -> str:
    """The sentence a thank-you builds from a moment it quotes ("" for an empty one).

    Whether it is quoted at all is the checks' decision (``checks.moment.moment_fate``);
    the interview form asks ``afterview.usecases.moment_preview``, which asks both.
    """
    if not text or not text.strip():
        return ""
    return f"I especially enjoyed {object_phrase(text, recipient=recipient).phrase}."


# -- phrases -------------------------------------------------------------------------------
_TO_ME = {"you": "I", "your": "my", "yours": "mine", "yourself": "myself", "you'd": "I'd", "you're": "I'm", "you've": "I've"}


def _first_clause(text: str) -> str:
    """The moment up to a trailing comment ("the fire alarm went off lol, so awkward" -> "the fire alarm went off")."""
    return strip_end(re.split(r"\s*(?:,|;|\s[-–—]\s|\.\s)\s*", text, maxsplit=1)[0])


def _put_to_me(question: str) -> str:
    """A question the candidate answered, its "you" as "I": "how do you handle" -> "how do I handle"."""
    if question[:1] in "\"“'‘":
        return question  # a quotation keeps its words
    return re.sub(r"\b(?:you(?:'d|'re|'ve|rself|rs|r)?)\b", lambda m: _TO_ME[m.group(0).lower()], question, flags=re.IGNORECASE)


def _clauses(text: str) -> str:
    """Clauses typed with semicolons or dashes, joined as English: "a; b" -> "a, and b"."""
    return re.sub(r"\s*;\s*|\s+[-–—+]\s+", ", and ", text)


def _the_for_a_bare_subject(text: str) -> str:
    """ "team is halfway through ..." -> "the team is halfway through ..."."""
    words = text.split(" ")
    bare = words[0].isalpha() and words[0].islower() and words[0] not in DETERMINERS | SUBJECT_PRONOUNS
    if len(words) > 2 and bare and words[1] in ("is", "was", "has", "would", "will"):
        return "the " + text
    if len(words) > 3 and words[0] in _ORDINALS:
        return "the " + text  # "first cohort of traders pooled ..."
    compound = "-" in words[0] and words[0].islower() and words[1].isalpha() and not words[1].endswith("s")
    if len(words) > 3 and compound and has_finite_verb(words[1:3] if len(words) > 2 else words):
        return "the " + text  # "pick-to-light system halved mispicks"
    return text


_ORDINALS = frozenset("first second third fourth fifth last next same latest newest".split())


def _phrase(form: Form, core: str, formal: bool, doer: str = "you") -> str:
    event = "the moment" if formal else "the part where"
    if form is Form.QUESTION:
        return _question_phrase(core)
    split = _topic_and_clause(core) if form in (Form.FRAGMENT, Form.SENTENCE, Form.NOUN_PHRASE) else None
    if split:
        return split
    if form is Form.FRAGMENT:
        return "our talk about " + topic_phrase(lower_lead(_unlist(core)))
    if form is Form.PAST_VERB:
        asked = _ASKED.match(core)
        rest = core[asked.end():].strip() if asked else ""
        if asked and (_ASKED_CLAUSE.match(rest) or core.lower().startswith(("asked about", "asked me about"))):
            rest = re.sub(r"^if\b", "whether", rest, flags=re.IGNORECASE)
            return "your question about " + lower_lead(rest)
        if doer == "I":  # "watched the shift handover" -> "watching the shift handover"
            return lower_lead(_as_gerund(_unlist(_clauses(core))))
        told = told_back(lower_lead(_unlist(_clauses(core))), _is_clause)
        return told or f"{event} {doer} {lower_lead(_unlist(_clauses(core)))}"
    if form is Form.SENTENCE:
        core = _the_for_a_bare_subject(_clauses(core))
        reported = re.match(r"^(you|she|he|they) (?=said|mentioned|told me|explained|noted)", core, re.IGNORECASE)
        if reported:
            about = re.match(r"(?:told me|talked|spoke) about ", core[reported.end():], re.IGNORECASE)
            if about:
                return "hearing about " + core[reported.end() + about.end():]
            clause = _REPORTING.sub("", core[reported.end():])
            if clause != core[reported.end():] and _is_clause(clause):
                return _hearing(lower_lead(clause))
        asked = _YOU_ASKED.match(core)
        if asked:
            rest = re.sub(r"^if\b", "whether", core[asked.end():], flags=re.IGNORECASE)
            return "your question about " + rest
        if re.match(r"^(?:you \w+ed (?:me|us)|you (?:showed|gave|told|let|made|took) (?:me|us)|my )\b", core, re.IGNORECASE):
            return f"{event} {lower_lead(core)}"
        if _TWO_ACTIONS.match(core):  # "you dropped in and asked about the audit": something that happened
            return f"{event} {lower_lead(core)}"
        if _REPORTING.match(core[len("you "):] if core.lower().startswith("you ") else ""):
            return f"{event} {lower_lead(core)}"  # "you explained the grant timeline, then ..."
        return _hearing(lower_lead(core))
    if form is Form.FIRST_PERSON:
        if core.lower().startswith(("my ", "our ")):
            return _noun_phrase(core)
        experience = _EXPERIENCE.match(core)
        if experience:  # "I felt really listened to" -> "feeling really listened to"
            return _EXPERIENCE_GERUNDS[experience.group(1).lower()] + core[experience.end():]
        if _SHARED_VIEW.match(core):  # "we both think offsets are marketing": not an event
            return "finding that " + lower_lead(core)
        together = _WE_DID.match(core)
        if together:  # "we sat in on the reading buddies session" -> "sitting in on ..."
            return _as_gerund(_unlist(_clauses(core[together.end():])))
        return f"{event} {lower_lead(core)}" if not formal else f"the moment {lower_lead(core)}"
    if form is Form.GERUND:
        return gerund_phrase(lower_lead(core))
    return _noun_phrase(core)


_PAST = r"(?:\w+ed|" + "|".join(sorted(IRREGULAR_PAST)) + ")"
_TWO_ACTIONS = LazyRegex(rf"^you (?:\w+ly |just |only |also |then )?{_PAST}\b[^,.;]* and (?:then )?{_PAST}\b", re.IGNORECASE)
_YOU_ASKED = LazyRegex(
    r"^you (?:asked(?: me| us)?|wanted to know) (?=(?:if|whether|how|what|why|where|when|which|who)\b)"
    r"|^you asked(?: me| us)? about (?=\S)",  # "you asked about my portfolio": their question, not news
    re.IGNORECASE,
)
# What the candidate felt or found out, said as a gerund: the frame already says "I".
_EXPERIENCE_GERUNDS = {
    "felt": "feeling", "learned": "learning", "learnt": "learning", "realised": "realising", "realized": "realizing",
    "got to": "getting to", "understood": "understanding", "found out": "finding out", "discovered": "discovering",
}
_EXPERIENCE = LazyRegex(
    r"^I (?:(?:finally|really|actually|also) )?(" + "|".join(_EXPERIENCE_GERUNDS) + r")\b", re.IGNORECASE
)


_SHARED_VIEW = LazyRegex(r"^we (?:both |all )?(?:think|agree|believe|know|like|love|share|feel)\b", re.IGNORECASE)


_IRREGULAR_GERUNDS = {"saw": "seeing", "met": "meeting", "got": "getting", "heard": "hearing", "sat": "sitting",
                      "ran": "running", "took": "taking", "made": "making", "went": "going", "ate": "eating"}
# "we sat in on ...", "we walked the floor": something done together, told as a gerund.
_WE_DID = LazyRegex(rf"^we (?=(?:\w+ed|{'|'.join(sorted(_IRREGULAR_GERUNDS))})\b)", re.IGNORECASE)


def _as_gerund(text: str) -> str:
    """The candidate's own past action as a gerund: "tasted the tests" -> "tasting the tests"."""
    verb, space, rest = text.partition(" ")
    bare = verb.lower()
    if bare in _IRREGULAR_GERUNDS:
        gerund = _IRREGULAR_GERUNDS[bare]
    elif bare.endswith("eed"):
        gerund = bare[:-1] + "ing"  # "agreed" -> "agreeing"
    elif bare.endswith("ied"):
        gerund = bare[:-3] + "ying"
    elif bare.endswith("ed"):
        gerund = bare[:-2] + "ing"
    else:
        return text
    # "... and tasted the tests" keeps step with its first verb
    rest = re.sub(r"\b(and|then) (\w+ed)\b", lambda m: f"{m.group(1)} {_as_gerund(m.group(2))}", rest)
    return f"{gerund}{space}{rest}"


def _is_clause(text: str) -> bool:
    """ "that the unit is short" or "the unit is short" is a clause; "the grant timeline, then ..." is not."""
    words = re.split(r",\s", text)[0].split(" ")
    return words[0].lower() in ("that", *SUBJECT_PRONOUNS, "there's", "there") or has_finite_verb(words)


def _hearing(clause: str) -> str:
    """ "hearing that the team moved", but "hearing how the team moved" (a wh-clause takes no "that")."""
    return ("hearing " if _WH_CLAUSE.match(clause) else "hearing that ") + clause


def _noun_phrase(core: str) -> str:
    words = core.split(" ")
    first = words[0].lower()
    if first == "my":
        return "our talk about " + lower_lead(core)
    second = words[1] if len(words) > 1 else ""
    if first[:1].isdigit() or first[:1] in "$€£¥₦₹" or (first in ("a", "an") and second[:1].isdigit()):
        return "hearing about " + core
    if first in DETERMINERS or first.endswith("'s") or (first in ("how", "what", "why", "where", "when", "whether")):
        return lower_lead(core)
    return "our talk about " + topic_phrase(lower_lead(_unlist(core)))


def _unlist(text: str) -> str:
    for pattern, replacement in _LIST_SEPARATORS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\s*,\s*(?:,\s*)+", ", ", text)
    text = strip_end(text.strip(" ,"))
    pieces = text.split(", ")
    if len(pieces) >= 3 and not re.search(r"\b(?:and|or|etc)\b", pieces[-1]) and all(len(p.split()) <= 5 for p in pieces):
        text = ", ".join(pieces[:-1]) + " and " + pieces[-1]
    return text


# A topic, then what someone did or said about it: "informed consent - you asked how I'd do it".
_TOPIC_THEN_CLAUSE = LazyRegex(
    r"^(?P<topic>[^,;]+?)(?:\s+[-–—+]\s+|\s*;\s*|,\s+)(?P<clause>(?:you|I|we|she|he|they|somebody|someone|nobody|everyone) \S.*)$"
)
# The same run on without a stop, when the clause has an object of its own ("so many logframes you love them").
_TOPIC_RUN_ON = LazyRegex(
    r"^(?P<topic>\S+(?: \S+)+?) (?P<clause>(?:you|we|she|he|they) (?!who\b|that\b)\w+ (?:them|it|him|her|us|me))$"
)


# A thing, then a clause with a subject of its own: "his dashboard - coordinators got to flag their errors".
_TOPIC_THEN_STATEMENT = LazyRegex(
    r"^(?P<topic>(?:(?:the|your|my|our|a|an|this|that)\s|[\w'-]+'s\s)[^,;]+?)(?:\s+[-–—]\s+|\s*;\s*|:\s+)(?P<clause>\S.*)$",
    re.IGNORECASE,
)


def _topic_then_statement(core: str) -> re.Match[str] | None:
    match = _TOPIC_THEN_STATEMENT.match(core)
    clause = match.group("clause").split(" ") if match else []
    if not match or len(clause) < 3 or not has_finite_verb(" ".join(clause).split(", ")[0].split(" ")):
        return None
    return match


_STATIVE = frozenset("liked loved hated enjoyed wanted preferred thought knew felt agreed disagreed".split())


def _topic_and_clause(core: str) -> str | None:
    """A topic and a clause typed side by side, joined as English: "our talk about X, when you asked ..."."""
    match = _TOPIC_THEN_CLAUSE.match(core) or _TOPIC_RUN_ON.match(core) or _topic_then_statement(core)
    if not match:
        return None
    topic, clause = match.group("topic"), match.group("clause")
    words = topic.split(" ")
    if words[0].lower() in SUBJECT_PRONOUNS or has_finite_verb(words) or re.search(r"\b(?:is|are|was|were)\b", topic):
        return None  # "you run the lab, and ...": a sentence already
    if match.re is _TOPIC_THEN_STATEMENT:  # "your dashboard - coordinators got to flag errors": how it went
        return f"our talk about {topic_phrase(lower_lead(_unlist(topic)))}, and how {lower_lead(clause)}"
    verb = clause.split(" ")[1].lower()
    done = (verb.endswith("ed") or verb in IRREGULAR_PAST) and verb not in _STATIVE
    link = "when" if done else "and how"  # "when you asked ...", but "and how you liked it"
    return f"our talk about {topic_phrase(lower_lead(_unlist(topic)))}, {link} {lower_lead(clause)}"


# "what's the worst bug I've shipped": asking about a thing, which names it well enough.
_WHAT_IS_THE = LazyRegex(r"^what(?:'s| is| was)\s+((?:the|your|my)\s(?!.*\blike\b).+)$", re.IGNORECASE)


def _question_phrase(core: str) -> str:
    if is_fragment(core):
        return "our talk about " + topic_phrase(lower_lead(_unlist(core)))
    question, condition = condition_last(core)
    thing = _WHAT_IS_THE.match(question)
    embedded = lower_lead(thing.group(1)) if thing else embed_question(question)
    embedded = f"{embedded} {condition}" if condition else embedded
    lowered = f" {embedded.lower()} "
    asked_me = any(f" {w} " in lowered for w in ("i", "me", "my", "myself", "i'd", "i'm", "i've"))
    about_you = re.search(r"\byou", embedded, re.IGNORECASE) is not None
    if embedded.lower().startswith("whether") or not asked_me and not about_you:
        return "our talk about " + (embedded if embedded.lower().startswith(tuple(WH_WORDS) + ("whether",)) else topic_phrase(embedded))
    if asked_me and not about_you:
        return "your question about " + embedded
    return ("hearing about " if thing else "hearing ") + embedded  # "what you would need to see from me": their answer


