"""Moments as people type them, made to read right inside a note.

A moment is typed in a hurry, right after the interview: a noun phrase ("your story
about the checkout rebuild"), a gerund ("hearing how you run incident reviews"), a
past-tense verb phrase with no subject ("asked me about my thesis"), a whole sentence
("She mentioned her team just moved to Kubernetes."), a question ("what does success
look like in 90 days?"), a first-person line ("I loved the whiteboard part") or a
fragment ("kubernetes migration - q3"). Templates need one shape: a phrase that can
follow "I especially enjoyed ..." or "What stayed with me most was ...".

``object_phrase`` recognises the form with stdlib heuristics and turns it into that
shape, rephrasing where pasting would break ("the part where you asked me ...", "your
question about how I would ...", "hearing that ...", "our talk about ...").
It also writes the moment to the person who reads it: a moment about "her team", sent
to her, becomes "your team". Numbers and abbreviations ("3 a.m.", "U.S.", "approx.")
keep their full stops. ``preview`` shows the sentence as a note will read it.

Pure and stdlib-only: the offline drafter and the interview form both call it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from enum import StrEnum

from afterview.drafting.english import (
    AUX_DO,
    AUX_OTHER,
    DETERMINERS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    WH_WORDS,
    has_finite_verb,
    lower_lead,
    past_tense_doer,
    starts_with_past_verb,
)
from afterview.drafting.person import CONTRACTED, to_second_person
from afterview.drafting.questions import embed_question
from afterview.drafting.typed import drop_asides, quotation_phrase, restore_apostrophes, topic_phrase, unbullet

__all__ = ["Form", "Rendered", "form_of", "mission_phrase", "object_phrase", "preview", "relevance_clause", "reminder_reason"]


class Form(StrEnum):
    """How a moment was typed."""

    NOUN_PHRASE = "noun_phrase"
    GERUND = "gerund"
    PAST_VERB = "past_verb"
    SENTENCE = "sentence"
    QUESTION = "question"
    FIRST_PERSON = "first_person"
    FRAGMENT = "fragment"


@dataclass(frozen=True, slots=True)
class Rendered:
    """A moment recognised and rephrased.

    Attributes:
        form: how it was typed.
        phrase: the moment as a phrase that completes "I especially enjoyed ...".
    """

    form: Form
    phrase: str


# -- word lists ------------------------------------------------------------------------
_NOT_GERUNDS = frozenset(
    "thing something nothing anything everything morning evening ceiling string king ring wing "
    "spring sibling pudding wedding lightning during building meeting offering".split()
)
# Past forms that do not end in -ed.
_REPORTING = re.compile(
    r"^(?:said|mentioned|told me|explained|shared|noted|pointed out)(?: that)? (?=\S)", re.IGNORECASE
)
_ASKED = re.compile(r"^asked(?: me| us)?(?: about)?(?= )", re.IGNORECASE)
_WH_CLAUSE = re.compile(r"^(?:how|why|what|where|when|whether|which|who)\s+\w+\s+\w+", re.IGNORECASE)
_ASKED_CLAUSE = re.compile(r"^(?:how|why|what|whether|where|when|which|who|if)\b", re.IGNORECASE)
# "I loved ...", "Really enjoyed ...", "I'm still thinking about ...": the frame says that.
_ATTITUDE = re.compile(
    r"^(?:i\s+|i'm\s+|i’m\s+)?(?:really\s+|especially\s+|truly\s+|still\s+|also\s+)?"
    r"(?:loved|liked|enjoyed|appreciated|valued|admired|keep thinking about|am still thinking about|"
    r"thinking about|was (?:struck|impressed|inspired|fascinated) by)\s+(?=\S)",
    re.IGNORECASE,
)
_HEDGE = re.compile(r"^(?:i think|i guess|i feel like|honestly|tbh)\s*,?\s+", re.IGNORECASE)
_REMINDER = re.compile(
    r"^(?:don'?t|do not|never)\s+(?:mention|bring up|say)\b|^(?:remember|don'?t forget|note to self|"
    r"todo|to do|ask re|follow up on|mention|send|remind)\b",
    re.IGNORECASE,
)
_SLANG = {"ur": "your", "u": "you", "w/": "with", "v": "very", "lol": "", "haha": "", "lmao": ""}
# Abbreviations whose full stop belongs to the word: kept when the moment ends with one.
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:approx|etc|vs|Dr|St|Mr|Mrs|Ms|Prof|Inc|Ltd|Co|Jr|Sr|No|v|e\.g|i\.e)\.)$"
)
_TRAILING = " \t.!?;:,…"
_DANGLING = PREPOSITIONS | {"the", "a", "an", "and", "or", "but", "my", "your", "our"}
_WORDS = re.compile(r"\S+")
_LIST_SEPARATORS = (
    (re.compile(r"\s*(?:->|→|=>)\s*"), " to "),
    (re.compile(r"\s+[-–]\s+|\s*;\s*|\s+/\s+|\s+\+\s+|\s+&\s+"), ", "),
    (re.compile(r"\s+=\s+"), " as the "),
    (re.compile(r":\s+"), ", "),
)

# -- public API ------------------------------------------------------------------------
@lru_cache(maxsize=1024)
def reminder_reason(text: str) -> str | None:
    """Why a "moment" is a note to self rather than something to quote, or None.

    "DON'T mention I burned the omelette" and "remember to send the PDF" are reminders:
    quoting them would say exactly what the candidate meant to keep out.
    """
    cleaned = _clean(text)
    if _REMINDER.match(cleaned):
        return "it reads as a reminder to yourself, not a moment from the interview"
    return None


def form_of(text: str) -> Form:
    """The form a moment was typed in (heuristic; English)."""
    return _analyse(_clean(text), asked="?" in text.rstrip()[-3:])[0]


@lru_cache(maxsize=1024)
def object_phrase(text: str, *, recipient: str | None = None, formal: bool = False) -> Rendered:
    """The moment as a phrase that completes "I especially enjoyed ...".

    Args:
        text: the moment as typed.
        recipient: the interviewer's name; a third-person reference to them becomes
            "you" / "your" (the note is written to them).
        formal: word the rephrasing for a formal note ("the moment you" for "the part where you").
    """
    asked = "?" in text.rstrip()[-3:]
    typed = _clean(text)
    doer = past_tense_doer(typed)
    form, core, ready = _analyse(to_second_person(typed, recipient), asked=asked)
    if form is not Form.QUESTION and _WH_CLAUSE.match(core):
        # "how the team retired ...", "where the depot will open": a clause, not a thing.
        return Rendered(form, _hearing(lower_lead(core)))
    return Rendered(form, core if ready else _phrase(form, core, formal, doer))


@lru_cache(maxsize=256)
def mission_phrase(text: str) -> str:
    """What the candidate admires, as the object of "I admire ...".

    "making transit data open" and "open transit data" read "your commitment to ...";
    "to make transit data open" drops its "to"; a sentence ("They put patients first")
    reads "the way you put patients first".
    """
    cleaned = to_second_person(_clean(text), None)
    infinitive = re.match(r"^to\s+", cleaned, flags=re.IGNORECASE)
    if infinitive:
        return "your drive to " + cleaned[infinitive.end():]
    core = _analyse(cleaned)[1]
    first = core.split(" ")[0].lower()
    if first in SUBJECT_PRONOUNS or first in ("you're", "it's"):
        return "the way " + lower_lead(core)
    if first in ("your", "its", "their", "the"):
        return lower_lead(core)
    return "your commitment to " + lower_lead(core)


@lru_cache(maxsize=256)
def relevance_clause(text: str) -> str:
    """Why an award matters, as a clause that completes "... because ...".

    "the platform runs on Kubernetes" is one already; "for cutting breakdowns" reads "it
    was given for cutting breakdowns"; "covers public tendering rules" reads "it covers
    ..."; a noun phrase reads "it recognizes ..." ("it is ..." after "the").
    """
    cleaned = _strip_end(" ".join(text.split()))
    words = cleaned.split(" ")
    first = words[0].lower() if words else ""
    core = lower_lead(cleaned)
    if first == "for":
        return "it was given " + core
    if first in _AWARD_VERBS:
        return "it " + core
    if first in SUBJECT_PRONOUNS or has_finite_verb(words):
        return core
    if first in DETERMINERS:
        return "it is " + core
    return "it recognizes " + core


_AWARD_VERBS = frozenset(
    "recognises recognizes covers rewards honours honors reflects celebrates marks shows proves means".split()
)


def preview(text: str, *, recipient: str | None = None) -> str:
    """The sentence a thank-you builds from the moment, for the interview form to show."""
    if not text or not text.strip():
        return ""
    reason = reminder_reason(text)
    if reason:
        return f"(not quoted: {reason})"
    return f"I especially enjoyed {object_phrase(text, recipient=recipient).phrase}."


# -- cleaning ------------------------------------------------------------------------------
def _clean(text: str) -> str:
    """Spaces, emoji, slang, shouting and trailing punctuation (abbreviations keep theirs)."""
    if not text.isascii():
        text = "".join(c for c in text if not _is_emoji(c))
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip()
    text = unbullet(drop_asides(restore_apostrophes(text)))
    text = re.sub(r"\(\s*[!?]+\s*\)", "", text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ",", text)  # "proto.. v slick": a pause, not two stops
    words = []
    for word in text.split(" "):
        bare = word.casefold().rstrip(",")
        if bare in _SLANG:
            replacement = _SLANG[bare]
            if replacement:
                words.append(replacement + word[len(bare):])
            continue
        words.append(word)
    text = " ".join(words)
    text = _unshout(text)
    head = re.split(r"\s*(?:\.{3}|…)\s+", text, maxsplit=1)[0]
    if head != text and len(head.split()) >= 2:
        text = head
    if text.endswith(("...", "…")):
        text = re.sub(r"(?:\s+(?:" + "|".join(sorted(_DANGLING)) + r"))+\W*$", "", text, flags=re.IGNORECASE)
    text = _strip_end(text)
    if text.lower().startswith("i ") or text == "i":
        text = "I" + text[1:]
    return re.sub(r"\bi\b(?=['’ ])", "I", text)


def _is_emoji(character: str) -> bool:
    if character in ("\ufe0f", "\u200d"):
        return True
    return unicodedata.category(character) in ("So", "Cs") and ord(character) >= 0x2300


def _strip_end(text: str) -> str:
    text = text.strip()
    while text and text[-1] in _TRAILING:
        if text[-1] == "." and _ABBREVIATION.search(text):
            break
        text = text[:-1].rstrip()
    return text


def _unshout(text: str) -> str:
    """ALL-CAPS words, when most of the moment shouts, in lower case (acronyms stay)."""
    words = re.findall(r"[A-Za-z']+", text)
    loud = [w for w in words if len(w) >= 3 and w.isupper()]
    shouting = any(w.lower() in DETERMINERS or len(w) >= 8 for w in loud)
    if len(loud) < 2 or len(loud) * 2 < len(words) or not shouting:
        return text
    return re.sub(r"[A-Za-z']+", lambda m: m.group(0).lower() if m.group(0).isupper() and (len(m.group(0)) > 2 or m.group(0) == "A") else m.group(0), text)


# -- forms ---------------------------------------------------------------------------------
def _analyse(text: str, *, asked: bool = False) -> tuple[Form, str, bool]:
    """The form, the text the phrase is built from, and whether that text is the phrase.

    "I loved how she ran the demo" is first person, and what follows "I loved" is
    already the phrase; a hedge ("I think") is dropped.
    """
    quoted = quotation_phrase(text)
    if quoted is not None:
        return Form.NOUN_PHRASE, quoted, True
    text = _first_sentence(_HEDGE.sub("", text))
    stripped = _ATTITUDE.sub("", text)
    if stripped != text and stripped:
        return Form.FIRST_PERSON, lower_lead(stripped), True
    words = text.split(" ")
    first = words[0].lower() if words else ""
    if asked or _is_question(words):
        return Form.QUESTION, text, False
    if first in ("i", "i'm", "i've", "i'd", "we", "we're", "we've"):
        return Form.FIRST_PERSON, text, False
    if starts_with_past_verb(words):
        return Form.PAST_VERB, text, False
    if _is_fragment(text):
        first_piece = re.split(r"[;,]|\s[-–—]\s", text)[0].split(" ")
        clause = has_finite_verb(first_piece) or first in SUBJECT_PRONOUNS - {"i", "we"}
        return (Form.SENTENCE if clause else Form.FRAGMENT), text, False
    if first.endswith("ing") and len(first) > 4 and (first not in _NOT_GERUNDS or _next_is_object(words)):
        # "watching you run the briefing", "being asked to ...": the verb belongs to the gerund.
        gerund_led = first in _PERCEPTION_GERUNDS or not has_finite_verb(words)
        return (Form.GERUND if gerund_led else Form.SENTENCE), text, False
    if first in SUBJECT_PRONOUNS or first in CONTRACTED or first in ("you're", "you've", "you'd", "it's", "there's"):
        return Form.SENTENCE, text, False
    if has_finite_verb(words):
        return Form.SENTENCE, text, False
    return Form.NOUN_PHRASE, text, False


_PERCEPTION_GERUNDS = frozenset("watching seeing hearing helping letting being getting having".split())


def _next_is_object(words: list[str]) -> bool:
    """ "meeting the team" is a gerund; "meeting notes" is a noun."""
    return len(words) > 1 and (words[1].lower() in DETERMINERS or words[1].lower() in ("you", "me", "us"))


def _first_sentence(text: str) -> str:
    """A moment typed as two sentences ("YOUR MOLE. seriously.") keeps the first."""
    for match in re.finditer(r"[.!?]\s+(?=\S)", text):
        before = text[: match.start() + 1]
        if match.group(0)[0] == "." and (_ABBREVIATION.search(before) or _short_form(before, text[match.end()])):
            continue
        if len(before.split()) >= 2:
            return _strip_end(before)
    return text


def _short_form(before: str, following: str) -> bool:
    """ "Ph.D. work", "Dept. of Health", "mfg. principles": a short word's stop before a lower-case word."""
    token = before.rsplit(" ", 1)[-1][:-1]
    return following.islower() and (len(token) <= 4 or "." in token)


def _is_question(words: list[str]) -> bool:
    if len(words) < 3:
        return False
    first, second = words[0].lower(), words[1].lower()
    if first in WH_WORDS and (second in AUX_DO or second in AUX_OTHER):
        return True
    if first in ("what's", "how's", "where's", "who's", "what're"):
        return True
    if first in WH_WORDS and words[2].lower() in AUX_DO | AUX_OTHER and len(words) > 3 and words[3].lower() in SUBJECT_PRONOUNS:
        return True
    if first in ("is", "are", "does", "do", "did", "can", "should", "could") and words[0].islower():
        return True  # "is dbt or airflow the source of truth": typed without its question mark
    return first in (AUX_DO | AUX_OTHER) - {"'s"} and second in SUBJECT_PRONOUNS | DETERMINERS


def _is_fragment(text: str) -> bool:
    """Telegraphic notes: list separators, arrows, or several comma pieces without a verb."""
    if re.search(r"->|→|=>|\s[-–]\s|;|\s/\s|\s\+\s|\s=\s", text):
        return True
    pieces = [p.strip() for p in re.split(r",\s", text)]
    if len(pieces) >= 2 and all(len(p.split()) <= 4 for p in pieces):
        return not any(starts_with_past_verb(p.split(" ")) for p in pieces[:1])
    return False


def _clauses(text: str) -> str:
    """Clauses typed with semicolons or dashes, joined as English: "a; b" -> "a, and b"."""
    return re.sub(r"\s*;\s*|\s+[-–—]\s+", ", and ", text)


def _the_for_a_bare_subject(text: str) -> str:
    """ "team is halfway through ..." -> "the team is halfway through ..."."""
    words = text.split(" ")
    bare = words[0].isalpha() and words[0].islower() and words[0] not in DETERMINERS | SUBJECT_PRONOUNS
    if len(words) > 2 and bare and words[1] in ("is", "was", "has", "would", "will"):
        return "the " + text
    return text


# -- phrases -------------------------------------------------------------------------------
def _phrase(form: Form, core: str, formal: bool, doer: str = "you") -> str:
    event = "the moment" if formal else "the part where"
    if form is Form.QUESTION:
        return _question_phrase(core)
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
        return f"{event} {doer} {lower_lead(_unlist(_clauses(core)))}"
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
        return f"{event} {lower_lead(core)}" if not formal else f"the moment {lower_lead(core)}"
    if form is Form.GERUND:
        return lower_lead(core)
    return _noun_phrase(core)


_YOU_ASKED = re.compile(
    r"^you (?:asked(?: me| us)?|wanted to know) (?=(?:if|whether|how|what|why|where|when|which|who)\b)", re.IGNORECASE
)
# What the candidate felt or found out, said as a gerund: the frame already says "I".
_EXPERIENCE_GERUNDS = {
    "felt": "feeling", "learned": "learning", "learnt": "learning", "realised": "realising", "realized": "realizing",
    "got to": "getting to", "understood": "understanding", "found out": "finding out", "discovered": "discovering",
}
_EXPERIENCE = re.compile(
    r"^I (?:(?:finally|really|actually|also) )?(" + "|".join(_EXPERIENCE_GERUNDS) + r")\b", re.IGNORECASE
)


_SHARED_VIEW = re.compile(r"^we (?:both |all )?(?:think|agree|believe|know|like|love|share|feel)\b", re.IGNORECASE)


_IRREGULAR_GERUNDS = {"saw": "seeing", "met": "meeting", "got": "getting", "heard": "hearing", "sat": "sitting",
                      "ran": "running", "took": "taking", "made": "making", "went": "going", "ate": "eating"}


def _as_gerund(text: str) -> str:
    """The candidate's own past action as a gerund: "tasted the tests" -> "tasting the tests"."""
    verb, space, rest = text.partition(" ")
    bare = verb.lower()
    if bare in _IRREGULAR_GERUNDS:
        gerund = _IRREGULAR_GERUNDS[bare]
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
    text = _strip_end(text.strip(" ,"))
    pieces = text.split(", ")
    if len(pieces) >= 3 and not re.search(r"\b(?:and|or|etc)\b", pieces[-1]) and all(len(p.split()) <= 5 for p in pieces):
        text = ", ".join(pieces[:-1]) + " and " + pieces[-1]
    return text


def _question_phrase(core: str) -> str:
    if _is_fragment(core):
        return "our talk about " + topic_phrase(lower_lead(_unlist(core)))
    embedded = embed_question(core)
    lowered = f" {embedded.lower()} "
    asked_me = any(f" {w} " in lowered for w in ("i", "me", "my", "myself", "i'd", "i'm"))
    if embedded.lower().startswith("whether") or not asked_me and " you" not in lowered:
        return "our talk about " + (embedded if embedded.lower().startswith(tuple(WH_WORDS) + ("whether",)) else topic_phrase(embedded))
    if asked_me:
        return "your question about " + embedded
    return "hearing " + embedded


