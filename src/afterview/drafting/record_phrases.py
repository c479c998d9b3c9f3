"""The record's other free texts as people type them, made to read inside a note.

``mission_phrase`` turns what the candidate admires into the object of "I admire ...";
``relevance_clause`` turns why an award matters into a clause that completes "...
because ...". Like the moments (``afterview.drafting.moments``), each is typed every way:
a noun phrase, a clause, a past verb, who gave the award, a placing.

Pure and stdlib-only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from afterview.drafting.english import DETERMINERS, PREPOSITIONS, SUBJECT_PRONOUNS, has_finite_verb, lower_lead
from afterview.drafting.moment_forms import analyse, clean, strip_end
from afterview.drafting.person import to_second_person

__all__ = ["mission_phrase", "relevance_clause"]


@lru_cache(maxsize=256)
def mission_phrase(text: str) -> str:
    """What the candidate admires, as the object of "I admire ...".

    "making transit data open" and "open transit data" read "your commitment to ...";
    "to make transit data open" drops its "to"; a sentence ("They put patients first")
    reads "the way you put patients first".
    """
    cleaned = to_second_person(clean(text), None)
    infinitive = re.match(r"^to\s+", cleaned, flags=re.IGNORECASE)
    if infinitive:
        return "your drive to " + cleaned[infinitive.end():]
    core = analyse(cleaned)[1]
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
    cleaned = re.sub(r"\s*;\s*", ", and ", strip_end(" ".join(text.split())))  # "...; safety is core" reads ", and ..."
    words = cleaned.split(" ")
    first = words[0].lower() if words else ""
    core = lower_lead(cleaned)
    second = words[1].lower() if len(words) > 1 else ""
    if first == "for":
        return "it was given " + core
    if first in ("from", "by"):  # who gave it: "from the Literacy Council, for ..."
        return ("it came " if first == "from" else "it was given ") + core
    if first in _AWARD_VERBS:
        return "it " + core
    if _is_past(first):
        # "awarded by the Press Association ..." is passive, "recognised the coaching
        # programme I built" active: what follows the verb tells them apart.
        return ("it was " if second in _PASSIVE_FOLLOWERS else "it ") + core
    if first.rstrip(",:") in _PLACINGS:  # "Gold, for a rye loaf", "first place, for a transit map"
        return "it was " + core
    if first in SUBJECT_PRONOUNS or has_finite_verb(words) or _determiner_clause(words):
        return core
    if first in DETERMINERS:
        return "it is " + core
    return "it recognizes " + core


def _determiner_clause(words: list[str]) -> bool:
    """ "the note argues for plain-language remedies": a noun phrase, then its -s verb and what follows."""
    if not words or words[0].lower() not in DETERMINERS:
        return False
    for index in range(2, min(len(words) - 1, 5)):
        word, following = words[index].lower(), words[index + 1].lower()
        if word.endswith("s") and not word.endswith(("ss", "'s")) and (following in PREPOSITIONS or following in DETERMINERS):
            return words[index - 1].isalpha() and not words[index - 1].endswith(("s", "ing"))
    return False


_AWARD_VERBS = frozenset(
    "recognises recognizes covers rewards honours honors reflects celebrates marks shows proves means".split()
)
_IRREGULAR_PAST = frozenset("given won shown made granted awarded presented chosen held".split())
_PASSIVE_FOLLOWERS = frozenset("by for to at in as from after".split())
_PLACINGS = frozenset("gold silver bronze first second third runner-up runners-up top highly joint".split())


def _is_past(word: str) -> bool:
    """A past form opening the relevance ("recognised", "awarded", "given")."""
    return word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST)


_NOT_PAST = frozenset("need speed seed feed breed bed red shed".split())
