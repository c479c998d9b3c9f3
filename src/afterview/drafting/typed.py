"""How people type a moment in a hurry, undone before it is read for its form.

Asides in brackets ("the espresso machines (14!)", "overtime rules (I asked, maybe too
early)") are the candidate's notes to themselves: a note leaves them out. List markers
("1) the audit 2) the plan", "- kaizen board - 5S") become a plain list. Contractions
typed without their apostrophe ("didnt", "theres", "whether id relocate") get it back.
A quotation of what was said is found wherever it stands ("he said: "...""), so a note
can quote it whole instead of cutting it at its first full stop; a bare compound noun
("rollout plan") gets the article a sentence needs.

Pure and stdlib-only, like the rest of the moment rendering.
"""

from __future__ import annotations

import re

from afterview.checks.patterns import LazyRegex
from afterview.drafting.english import DETERMINERS, PREPOSITIONS, SUBJECT_PRONOUNS, has_finite_verb, lower_lead
from afterview.frozen import NamedTuple

__all__ = ["Quoted", "drop_asides", "find_quote", "quotation_phrase", "restore_apostrophes", "topic_phrase", "unbullet", "write_out"]

# A bracketed aside after some text; one that opens the moment only loses its brackets.
_ASIDE = LazyRegex(r"\s*\([^()]*\)")
_LEADING_BRACKETS = LazyRegex(r"^\(([^()]*)\)\s*")
_NUMBERED = LazyRegex(r"(?:^|\s)\d{1,2}[).]\s+")
_DASHED = LazyRegex(r"^\s*[-–•*]\s+")

# Lower-case only: "Id" or "ID" is an identifier, "id" after a subject-less clause is "I'd".
_APOSTROPHE_FREE = {
    "didnt": "didn't", "dont": "don't", "doesnt": "doesn't", "isnt": "isn't", "wasnt": "wasn't",
    "arent": "aren't", "werent": "weren't", "cant": "can't", "couldnt": "couldn't", "wouldnt": "wouldn't",
    "shouldnt": "shouldn't", "havent": "haven't", "hasnt": "hasn't", "thats": "that's", "theres": "there's",
    "whats": "what's", "im": "I'm", "ive": "I've", "id": "I'd", "youre": "you're", "theyre": "they're",
    "youve": "you've", "youd": "you'd", "youll": "you'll", "theyve": "they've", "weve": "we've", "wouldnt've": "wouldn't've",
    "wouldve": "would've", "couldve": "could've", "shouldve": "should've", "hows": "how's", "wheres": "where's",
}
_APOSTROPHE_WORD = LazyRegex(r"(?<![\w'’])(" + "|".join(_APOSTROPHE_FREE) + r")(?![\w'’])")

_OPENING_QUOTES = "\"“'‘"
_CLOSING_FOR = {'"': '"', "“": "”", "'": "'", "‘": "’"}


class Quoted(NamedTuple):
    """A quotation inside a moment: what was said, and the words typed before it."""

    before: str
    words: str


def drop_asides(text: str) -> str:
    """The moment without its bracketed asides; a leading "(screen reader) testing" keeps its words."""
    text = _LEADING_BRACKETS.sub(lambda m: m.group(1) + " ", text)
    stripped = _ASIDE.sub("", text).strip()
    return stripped or text.strip("() ")


def unbullet(text: str) -> str:
    """ "1) the audit 2) the plan" and "- a - b" as "the audit; the plan" and "a; b"."""
    if len(_NUMBERED.findall(text)) >= 2:
        pieces = [p.strip(" ,;") for p in _NUMBERED.split(text) if p.strip(" ,;")]
        return "; ".join(pieces)
    if _DASHED.match(text):
        return _DASHED.sub("", text)
    return text


# "re: the rota", "scaffold inspection thing", "hybrid wk": shorthand a note writes out.
_REGARDING = LazyRegex(r"^(?:re|ref|wrt|regarding)\b\s*[:,-]?\s+(?=\S)", re.IGNORECASE)
_VAGUE_TAIL = LazyRegex(r"(?<=\w)\s+(?:thing|things|stuff)$", re.IGNORECASE)
_SHORT_FORMS = {
    "wk": "week", "wks": "weeks", "mins": "minutes", "hrs": "hours", "yrs": "years", "mgr": "manager",
    "mgmt": "management", "dept": "department", "govt": "government", "w/o": "without", "abt": "about", "rn": "right now", "thru": "through", "tmrw": "tomorrow", "ppl": "people", "info": "information",
}
# Lower case only: "MGR" or "Info" may be a name.
_SHORT_FORM = LazyRegex(r"(?<![\w/.])(" + "|".join(re.escape(k) for k in _SHORT_FORMS) + r")(?![\w/.])")


def write_out(text: str) -> str:
    """ "re: hybrid wk" -> "hybrid week", "the scaffold inspection thing" -> "the scaffold inspection"."""
    text = _VAGUE_TAIL.sub("", _REGARDING.sub("", text.strip()))
    return _SHORT_FORM.sub(lambda m: _SHORT_FORMS[m.group(1)], text)


def restore_apostrophes(text: str) -> str:
    """ "i didnt know" -> "i didn't know"; only lower-case words, so "ID" and "Im" stay."""
    return _APOSTROPHE_WORD.sub(lambda m: _APOSTROPHE_FREE[m.group(1)], text)


def find_quote(text: str) -> Quoted | None:
    """The first quotation of at least three words, with what comes before it.

    A single-quoted phrase counts only when the moment opens with it ("'move slow and
    fix things'"), since a lone apostrophe is far more common than a quotation.
    """
    for index, char in enumerate(text):
        if char not in _OPENING_QUOTES:
            continue
        if char in "'‘" and index > 0 and not _SAYING_BEFORE.search(text[:index]):
            continue
        if index > 0 and text[index - 1].isalnum():
            continue
        closing = _CLOSING_FOR[char]
        end = _closing_quote(text, closing, index + 1)
        if end < 0 and char == '"':
            end = text.find("”", index + 1)
        if end < 0 and char == "“":
            end = text.find('"', index + 1)
        words = text[index + 1 : end if end >= 0 else len(text)].strip()
        if len(words.split()) >= 3:
            return Quoted(before=text[:index].strip(" :,"), words=words)
        return None
    return None


def _closing_quote(text: str, closing: str, start: int) -> int:
    """Where a quotation closes; a straight apostrophe inside a word ("you're") does not close it."""
    end = text.find(closing, start)
    while closing == "'" and 0 <= end < len(text) - 1 and text[end + 1].isalnum():
        end = text.find(closing, end + 1)
    return end


def quotation_phrase(text: str) -> str | None:
    """A moment that quotes what was said, as a phrase that quotes it whole.

    "“Mentors are made, not born.”" is "your line, “Mentors are made, not born”"; "he
    said: "..."" and "when she told me "..."" are "hearing you say, “...”"; a quoted
    question is "your question, “...?”". Words typed after the quotation ("and I wrote
    that down") are the candidate's own and stay out.
    """
    quote = find_quote(text)
    if quote is None:
        return None
    words = quote.words.rstrip(" ,;")
    if not _ENDS_WITH_ABBREVIATION.search(words):
        words = words.rstrip(" .")  # "... at 3 a.m." keeps the stop its abbreviation needs
    before = re.sub(r"^(?:when|how)\s+", "", quote.before, flags=re.IGNORECASE)
    asked = words.endswith("?") or re.search(r"\basked\b", before, re.IGNORECASE)
    if not before:
        return f"your {'question' if asked else 'line'}, “{words}”"
    if _SAYING.fullmatch(before):
        return f"your question, “{words}”" if asked else f"hearing you say, “{words}”"
    lead = before.split(" ")
    if re.fullmatch(r"(?:your|the)\s+[\w' -]{1,40}", before, re.IGNORECASE) and not has_finite_verb(lead):
        joined = len(lead) > 3 or any(w.lower() in PREPOSITIONS or w.endswith("ing") for w in lead)
        return f"{lower_lead(before)}{'' if joined else ','} “{words}”"
    return None


_ENDS_WITH_ABBREVIATION = LazyRegex(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:approx|etc|vs|Dr|St|Mr|Mrs|Ms|Prof|Inc|Ltd|Co|Jr|Sr|No)\.)$")
# What comes before a quotation of the reader's words: "he said", "you kept saying", "she told me".
_SAYING = LazyRegex(
    r"(?:(?:you|she|he|they)\s+)?(?:(?:kept|keep)\s+saying|said|says|say|told\s+(?:me|us)|asked(?:\s+(?:me|us))?|"
    r"put\s+it|joked|explained|mentioned|described\s+it\s+as|called\s+it)(?:\s+that)?",
    re.IGNORECASE,
)
# A single quotation mark opens a quotation only at the start or after words that report
# speech ("she said '...'", "asked: '...'"); elsewhere it is an apostrophe.
_SAYING_BEFORE = LazyRegex(r"(?:^|\s)" + _SAYING.pattern + r"\s*:?\s*$", re.IGNORECASE)


# Nouns for a change or an event, which a topic names with "the" whatever comes before them.
_EVENT_NOUNS = frozenset(
    "move switch change changeover rollout launch migration upgrade rebuild rewrite merger transition pilot trial "
    "restructure reorg redesign handover cutover shutdown expansion".split()
)


def topic_phrase(text: str) -> str:
    """ "rollout plan" -> "the rollout plan": a bare compound of two or more nouns takes "the".

    One word ("churn", "ERGs"), a list, or a phrase with a preposition ("omotenashi in
    patient care") reads right without it.
    """
    words = text.split(" ")
    if len(words) >= 2 and words[-1].lower() in _EVENT_NOUNS and words[0].lower() not in DETERMINERS | SUBJECT_PRONOUNS:
        return "the " + text  # "ward 3 to ward 5 move" -> "the ward 3 to ward 5 move"
    plain = all(re.fullmatch(r"[\w/&+'’-]+", w) for w in words)
    if len(words) < 2 or len(words) > 5 or not plain or words[-1].endswith("ing"):
        return text  # "monthly giving", "Ramadan scheduling": an activity takes no article
    lowered = {w.lower() for w in words}
    if lowered & (PREPOSITIONS | DETERMINERS | SUBJECT_PRONOUNS | {"and", "or", "vs", "so", "many", "much", "very", "too", "la", "le", "el", "les", "los", "die", "der"}):
        return text
    return "the " + text
