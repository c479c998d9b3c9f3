"""A moment as it was typed: cleaned of its haste, and the form it was typed in.

A moment is typed in a hurry, right after the interview: a noun phrase ("your story
about the checkout rebuild"), a gerund ("hearing how you run incident reviews"), a
past-tense verb phrase with no subject ("asked me about my thesis"), a whole sentence
("She mentioned her team just moved to Kubernetes."), a question ("what does success
look like in 90 days?"), a first-person line ("I loved the whiteboard part") or a
fragment ("kubernetes migration - q3"). ``clean`` takes out spaces, emoji, slang,
shouting and trailing punctuation (abbreviations such as "U.S." and "approx." keep their
full stops), a "q:" label, an aside before the moment ("not really an interviewer but
...") and the candidate's answer after a question ("... ? - I said ..."); ``analyse`` tells the form with stdlib heuristics. ``afterview.drafting.moments``
turns the result into a phrase a note can hold.

Pure and stdlib-only.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from afterview.checks.patterns import LazyRegex
from afterview.drafting.english import (
    AUX_DO,
    AUX_OTHER,
    DETERMINERS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    WH_WORDS,
    has_finite_verb,
    lower_lead,
    starts_with_past_verb,
)
from afterview.drafting.person import CONTRACTED
from afterview.drafting.typed import drop_asides, quotation_phrase, restore_apostrophes, unbullet, write_out

__all__ = ["Form", "analyse", "answered", "asks", "clean", "form_of", "is_fragment", "strip_end"]


class Form(StrEnum):
    """How a moment was typed."""

    NOUN_PHRASE = "noun_phrase"
    GERUND = "gerund"
    PAST_VERB = "past_verb"
    SENTENCE = "sentence"
    QUESTION = "question"
    FIRST_PERSON = "first_person"
    FRAGMENT = "fragment"


# -- word lists ------------------------------------------------------------------------
_NOT_GERUNDS = frozenset(
    "thing something nothing anything everything morning evening ceiling string king ring wing "
    "spring sibling pudding wedding lightning during building meeting offering".split()
)
# "I loved ...", "Really enjoyed ...", "I'm still thinking about ...": the frame says that.
_ATTITUDE = LazyRegex(
    r"^(?:i\s+|i'm\s+|i’m\s+)?(?:really\s+|especially\s+|truly\s+|still\s+|also\s+)?"
    r"(?:loved|liked|enjoyed|appreciated|valued|admired|keep thinking about|am still thinking about|"
    r"thinking about|was (?:struck|impressed|inspired|fascinated) by)\s+(?=\S)",
    re.IGNORECASE,
)
_HEDGE = LazyRegex(r"^(?:i think|i guess|i feel like|honestly|tbh)\s*,?\s+", re.IGNORECASE)
# "q: how do you ...", "Question - what ...": a label the typist put before the question.
_LABEL = LazyRegex(r"^(?:q|qn|question)\s*(?::|\s-)\s*(?=\S)", re.IGNORECASE)
# "not really an interviewer but he ...", "random, but she ...": an aside about the moment, then the moment.
_LEADING_ASIDE = LazyRegex(
    r"^(?:not\s+(?:really|exactly|technically|officially)|kind\s+of|sort\s+of|random(?:ly)?|unrelated|off[- ]topic|"
    r"side\s+note|small\s+thing|minor\s+thing|weird(?:ly)?|funny(?:\s+enough)?)\b[^,.;:!?]{0,50}?,?\s+but\s+(?=\S)",
    re.IGNORECASE,
)
# "how do you handle ...? - I said ...": the candidate's answer after the question it answers.
_ANSWER = LazyRegex(r"\?([\'’\"”]?)\s*[-–—:]+\s*(?:I|i)\s+(?:said|answered|told|replied|went|talked|mentioned|gave)\b.*$")
# ":)", ";-)", ":D", "<3", "xD": typed faces, which a note leaves out.
_EMOTICON = LazyRegex(r"(?<![\w:])(?:[:;=8][-'^]?[()DPpO3/\\|\]\[]+|<3+|\bx[dD]\b|\^_?\^)(?![\w])")
# "... - v helpful", ", so cool lol", "haha": the typist's own verdict trailing the moment.
_VERDICT = r"(?:helpful|cool|nice|fun|useful|neat|interesting|impressive|good|great|slick|awesome|amazing|wild|fascinating)"
_CHATTER_TAIL = LazyRegex(
    r"(?:(?:\s*[-–—,;:!]+\s*|\s+)(?:v|very|so|super|really|soo+|rly|pretty|kinda)\s+" + _VERDICT + r"|\s+[-–—]\s+" + _VERDICT + r")"
    r"(?:\s+(?:lol|haha|tbh))?[\s!.]*$",
    re.IGNORECASE,
)
_SLANG = {"ur": "your", "u": "you", "w/": "with", "v": "very", "lol": "", "haha": "", "lmao": ""}
# Abbreviations whose full stop belongs to the word: kept when the moment ends with one.
_ABBREVIATION = LazyRegex(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:approx|etc|vs|Dr|St|Mr|Mrs|Ms|Prof|Inc|Ltd|Co|Jr|Sr|No|v|e\.g|i\.e)\.)$"
)
_TRAILING = " \t.!?;:,…"
_DANGLING = PREPOSITIONS | {"the", "a", "an", "and", "or", "but", "my", "your", "our"}
# Words no finished moment ends on: a conjunction with nothing after it ("the roadmap for
# Q3 and", "the whiteboard exercise, and then") or an article or possessive with no noun
# ("your plans for the"). A preposition alone may end one ("the team you'd work with"),
# and so may "either or".
_UNFINISHED = LazyRegex(r"(?:,?\s+(?:and|(?<!\beither\s)or|but|so|plus)(?:\s+then)?|\s+(?:the|a|an|my|your|our))\W*$", re.IGNORECASE)


def form_of(text: str) -> Form:
    """The form a moment was typed in (heuristic; English)."""
    return analyse(clean(text), asked=asks(text))[0]


def asks(text: str) -> bool:
    """Whether the moment, as kept, is a question: it ends on "?" or is labelled "q:".

    A question mark in an afterthought that ``clean`` drops ("she switched to French ...
    ça s'est bien passé?") does not make the moment a question.
    """
    text = _ANSWER.sub(r"?\1", text.strip())
    head = _afterthought_cut(text)
    return "?" in head.rstrip()[-3:] or bool(_LABEL.match(text))


def answered(text: str) -> bool:
    """Whether the moment is a question put to the candidate: their answer follows it, or it is labelled "q:"."""
    text = text.strip()
    return bool(_ANSWER.search(text) or _LABEL.match(text)) and "?" in text


def _afterthought_cut(text: str) -> str:
    """The moment before an afterthought set off by an ellipsis ("the demo... v slick")."""
    head = re.split(r"\s*(?:\.{3}|…)\s+", text, maxsplit=1)[0]
    return head if head != text and len(head.split()) >= 2 else text


# -- cleaning ------------------------------------------------------------------------------
def clean(text: str) -> str:
    """Spaces, emoji, slang, shouting and trailing punctuation (abbreviations keep theirs)."""
    if not text.isascii():
        text = "".join(c for c in text if not _is_emoji(c))
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip()
    text = unbullet(drop_asides(restore_apostrophes(text)))
    text = _LEADING_ASIDE.sub("", _LABEL.sub("", _ANSWER.sub(r"?\1", text)))
    text = re.sub(r"\(\s*[!?]+\s*\)", "", text)
    text = _EMOTICON.sub("", text)
    text = _CHATTER_TAIL.sub("", text)
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
    text = write_out(_unshout(text))
    text = _afterthought_cut(text)
    unfinished = _UNFINISHED.search(text)
    if unfinished and len(text[: unfinished.start()].split()) >= 2:
        text = text[: unfinished.start()]  # the moment stops mid-thought: its last words lead nowhere
    if unfinished or text.endswith(("...", "…")):
        text = re.sub(r"(?:\s+(?:" + "|".join(sorted(_DANGLING)) + r"))+\W*$", "", text, flags=re.IGNORECASE)
    text = strip_end(text)
    if text.lower().startswith("i ") or text == "i":
        text = "I" + text[1:]
    return re.sub(r"\bi\b(?=['’ ])", "I", text)


def _is_emoji(character: str) -> bool:
    if character in ("\ufe0f", "\u200d"):
        return True
    return unicodedata.category(character) in ("So", "Cs") and ord(character) >= 0x2300


def strip_end(text: str) -> str:
    """``text`` without trailing spaces and punctuation, unless an abbreviation's full stop."""
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
    shouting = any(w.lower() in DETERMINERS or w.lower() in PREPOSITIONS or starts_with_past_verb([w]) or len(w) >= 8 for w in loud)
    if len(loud) < 2 or len(loud) * 2 < len(words) or not shouting:
        return text
    return re.sub(r"[A-Za-z']+", lambda m: m.group(0).lower() if m.group(0).isupper() and (len(m.group(0)) > 2 or m.group(0) == "A") else m.group(0), text)


# -- forms ---------------------------------------------------------------------------------
def analyse(text: str, *, asked: bool = False) -> tuple[Form, str, bool]:
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
    if is_fragment(text):
        first_piece = re.split(r"[;,]|\s[-–—]\s", text)[0].split(" ")
        clause = has_finite_verb(first_piece) or first in SUBJECT_PRONOUNS - {"i", "we"} or _clauses_throughout(text)
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


def _clauses_throughout(text: str) -> bool:
    """ "Drivers report defects after each route; roadside breakdowns dropped": clauses joined, not a list.

    Every piece is long enough to hold a verb and the last one has one of its own.
    """
    pieces = [p.split(" ") for p in re.split(r"\s*[;]\s*|\s+[-–—]\s+", text) if p.strip()]
    if len(pieces) < 2 or len(pieces[0]) < 4 or len(pieces[-1]) < 3 or pieces[0][0].lower() in DETERMINERS:
        return False  # "your first jury trial - lost, learned": a topic and its notes
    return has_finite_verb(pieces[-1])


_PERCEPTION_GERUNDS = frozenset("watching seeing hearing helping letting being getting having".split())


def _next_is_object(words: list[str]) -> bool:
    """ "meeting the team" is a gerund; "meeting notes" is a noun."""
    return len(words) > 1 and (words[1].lower() in DETERMINERS or words[1].lower() in ("you", "me", "us"))


def _first_sentence(text: str) -> str:
    """A moment typed as two sentences ("YOUR MOLE. seriously.") keeps the first."""
    for match in re.finditer(r"[.!?]\s+(?=\S)", text):
        before = text[: match.start() + 1]
        if match.group(0)[0] == "." and (_ABBREVIATION.search(before) or _short_form(before, _word_at(text, match.end()))):
            continue
        if len(before.split()) < 2 and _CLAUSE_AFTER.match(text[match.end():]):
            # "golf. he asked if I golf": a topic typed as a heading, then what was said about it
            return strip_end(before) + " - " + _first_sentence(text[match.end():])
        if len(before.split()) >= 2:
            if match.group(0)[0] in "!?" and _REPORTED_AFTER.match(text[match.end():]):
                return strip_end(before) + " - " + text[match.end():]  # "brunch recs?? she said try ...": one thought
            return strip_end(before)
    return text


_CLAUSE_AFTER = LazyRegex(r"(?:you|she|he|they|we|I)\s+\w+", re.IGNORECASE)
# "... ?? she said try Dishoom": what the reader said about it, after the typist's own "??".
_REPORTED_AFTER = LazyRegex(r"(?:you|she|he|they) (?:said|told me|suggested|recommended|asked)\b", re.IGNORECASE)


def _word_at(text: str, index: int) -> str:
    return text[index:].split(" ", 1)[0].strip(",;:")


def _short_form(before: str, following: str) -> bool:
    """ "Ph.D. work", "Dept. of Health", "mfg. principles": a short word's stop before a lower-case word.

    A figure ("by month 2."), a little word ("printed out.") or a stop before a word that
    opens a sentence ("... she did", "... it was") ends a sentence instead.
    """
    token = before.rsplit(" ", 1)[-1][:-1]
    if token.isdigit() or token.lower() in _SENTENCE_ENDERS or following.lower() in _SENTENCE_OPENERS:
        return False
    return following[:1].islower() and (len(token) <= 4 or "." in token)


_SENTENCE_ENDERS = PREPOSITIONS | {"me", "us", "him", "her", "them", "it", "too", "now", "then", "well", "day", "job", "year", "week", "time", "team", "role"}
_SENTENCE_OPENERS = SUBJECT_PRONOUNS | {"it's", "there", "there's", "that's", "this", "then", "so", "but", "also"}


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


def is_fragment(text: str) -> bool:
    """Telegraphic notes: list separators, arrows, or several comma pieces without a verb."""
    if re.search(r"->|→|=>|\s[-–]\s|;|\s/\s|\s\+\s|\s=\s", text):
        return True
    pieces = [p.strip() for p in re.split(r",\s", text)]
    if len(pieces) >= 2 and all(len(p.split()) <= 4 for p in pieces):
        return not any(starts_with_past_verb(p.split(" ")) for p in pieces[:1])
    return False
