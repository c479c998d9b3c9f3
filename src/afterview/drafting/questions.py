"""A direct question as an embedded one: "what does success look like" -> "what success looks like".

"do/does/did" fold into the verb ("how did you handle" -> "how you handled"); other
auxiliaries move after the subject ("how would I handle" -> "how I would handle"), or to
the end for a copula with a noun subject ("what the release cadence is"); a yes/no
question becomes "whether ...".
"""

from __future__ import annotations

import re

from afterview.drafting.english import AUX_DO, AUX_OTHER, DETERMINERS, PREPOSITIONS, SUBJECT_PRONOUNS, WH_WORDS, lower_lead

_PAST_OF = {
    "go": "went", "get": "got", "choose": "chose", "leave": "left", "make": "made", "take": "took",
    "see": "saw", "know": "knew", "think": "thought", "feel": "felt", "come": "came", "begin": "began",
    "find": "found", "become": "became", "keep": "kept", "say": "said", "tell": "told", "do": "did",
    "have": "had", "give": "gave", "build": "built", "meet": "met", "lead": "led", "run": "ran",
    "write": "wrote", "bring": "brought", "teach": "taught", "lose": "lost", "win": "won", "pay": "paid",
    "hear": "heard", "spend": "spent", "send": "sent", "land": "landed", "end": "ended", "be": "was",
}

_THIRD_PERSON_OF = {"have": "has", "do": "does", "go": "goes", "be": "is"}

_PARTICIPLES = frozenset("set done made run held paid built chosen given taken seen known kept spent put cut".split())

def embed_question(question: str) -> str:
    """A direct question as an embedded one: "what does success look like" -> "what success looks like"."""
    question = re.sub(r"^(what|how|where|who)'s\b", r"\1 is", question, flags=re.IGNORECASE)
    words = question.split(" ")
    lowered = [w.lower() for w in words]
    if lowered[0] in WH_WORDS:
        head = 1
        if len(words) > 2 and lowered[1] not in AUX_DO | AUX_OTHER and lowered[2] in AUX_DO | AUX_OTHER:
            head = 2  # "what dish would I ...", "which metrics do ..."
        if head >= len(words) or lowered[head] not in AUX_DO | AUX_OTHER:
            return lower_lead(question)  # "what keeps you ...": already in order
        lead = [words[0].lower(), *words[1:head]]
        return " ".join(lead + _reorder(words[head], words[head + 1 :]))
    if lowered[0] in AUX_DO | AUX_OTHER:
        return " ".join(["whether", *_reorder(words[0], words[1:], yes_no=True)])
    return lower_lead(question)

def _reorder(aux: str, rest: list[str], *, yes_no: bool = False) -> list[str]:
    """Put the auxiliary back after the subject, or fold "do/does/did" into the verb.

    A yes/no question keeps a copula right after its subject ("whether dbt or airflow is
    the source of truth"); a wh-question may move it to the end ("what the cadence is").
    """
    if not rest:
        return [aux.lower()]
    size = _modal_subject_size(rest) if aux.lower() in _MODALS else _subject_size(rest)
    subject, tail = [lower_lead(w) if i == 0 else w for i, w in enumerate(rest[:size])], rest[size:]
    aux_l = aux.lower()
    if aux_l in AUX_DO:
        if not tail:
            return subject
        verb = tail[0]
        if aux_l == "does":
            verb = _third_person(verb)
        elif aux_l == "did":
            verb = _PAST_OF.get(verb.lower(), _regular_past(verb))
        return subject + [verb] + tail[1:]
    if aux_l in ("is", "are", "was", "were") and subject[0].lower() not in SUBJECT_PRONOUNS and not yes_no:
        for index, word in enumerate(tail[:2]):
            bare = word.lower()
            if bare == "like" or bare in _PARTICIPLES or (bare.endswith("ed") and len(bare) > 4):
                return subject + tail[:index] + [aux_l] + tail[index:]
        return subject + tail + [aux_l]
    return subject + [aux_l] + tail

def _subject_size(words: list[str]) -> int:
    first = words[0].lower()
    if first in SUBJECT_PRONOUNS:
        return 1
    if len(words) > 3 and words[1].lower() in ("or", "and"):
        return 3  # "dbt or airflow"
    if first in DETERMINERS and len(words) > 2:
        size = 2
        while size < len(words) - 1 and size < 4 and words[size].lower() not in PREPOSITIONS and not _looks_like_verb(words[size]):
            size += 1
        return size
    return 1

_MODALS = frozenset("will would can could should shall may might must".split())
# Words that qualify the noun of a subject ("the new hire", "the wider data team").
_MODIFIERS = frozenset(
    "new next first last current whole entire main core senior junior other same full wider broader global local "
    "remote data product engineering sales design support finance marketing ops night day".split()
)


def _modal_subject_size(words: list[str]) -> int:
    """The subject after a modal ("will the team grow", "can the new QA team hire"): a
    pronoun, or a determiner, its modifiers (known ones, capitalised words, acronyms)
    and one noun, the base verb following. Counting on a verb list would stop at "the
    team" only when "grow" was on it."""
    if words[0].lower() not in DETERMINERS or len(words) < 3:
        return _subject_size(words)
    size = 1
    while size < len(words) - 2 and (words[size].lower() in _MODIFIERS or words[size][:1].isupper()):
        size += 1
    return size + 1


def _looks_like_verb(word: str) -> bool:
    bare = word.lower()
    return bare in _PAST_OF or bare in _PARTICIPLES or bare.endswith("ed") or bare in ("look", "handle", "source", "measure", "balance", "work", "mean", "need", "want")

def _third_person(verb: str) -> str:
    bare = verb.lower()
    if bare in _THIRD_PERSON_OF:
        return _THIRD_PERSON_OF[bare]
    if re.search(r"[^aeiou]y$", bare):
        return verb[:-1] + "ies"
    if re.search(r"(?:s|sh|ch|x|z|o)$", bare):
        return verb + "es"
    return verb + "s"

def _regular_past(verb: str) -> str:
    bare = verb.lower()
    if bare.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", bare):
        return verb[:-1] + "ied"
    return verb + "ed"
