"""A little English for rephrasing what people type: word lists and a few helpers.

Shared by ``moments`` (recognising a moment's form), ``person`` (writing it to its
reader) and ``questions`` (turning a question into an embedded one). Heuristics for
short English phrases, not a grammar.
"""

from __future__ import annotations

import re

DETERMINERS = frozenset(
    "the a an your my our their his her its this that these those some every each both any no "
    "one two three four five six seven eight nine ten".split()
)

SUBJECT_PRONOUNS = frozenset("i you we they he she it".split())

AUX_DO = frozenset({"do", "does", "did"})

AUX_OTHER = frozenset(
    "is are was were am can could would will should might may must has have had 's".split()
)

WH_WORDS = frozenset("what how why where when which who whose whom".split())

PREPOSITIONS = frozenset(
    "about at by for from in into like of on onto over through to toward towards under up "
    "with without during before after around across between via off out down".split()
)

ADVERBS = frozenset("just also really still always never often usually recently once only even already".split())

IRREGULAR_PAST = frozenset(
    "told gave took spoke said brought wrote drew ran made sat let put got went came saw knew "
    "thought felt found left kept built taught caught bought lost won met led set began chose "
    "understood stood threw showed shown sent spent paid held heard meant had blew broke fell flew drove rode "
    "froze fought grew rose swam sang fled forgot forgave woke overcame overtook oversaw undertook withdrew".split()
)

def is_past(word: str) -> bool:
    """A past-tense form: an irregular one ("told") or a longer word ending in -ed."""
    word = word.lower()
    if word.startswith(("re", "un")) and word[2:] in IRREGULAR_PAST:
        return True  # "rebuilt", "rewrote", "undid"
    return word in IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)

def lower_lead(text: str) -> str:
    """The first word in lower case when it is an ordinary word (names, acronyms keep their capital)."""
    lead, space, rest = text.partition(" ")
    bare = lead.strip("\"'“”(").lower()
    ordinary = (
        bare in DETERMINERS
        or (lead.isupper() and len(bare) > 1 and (bare in PREPOSITIONS or bare in AUX_OTHER or is_past(bare)))
        or bare in SUBJECT_PRONOUNS - {"i"}
        or bare in WH_WORDS
        or bare in PREPOSITIONS
        or bare in IRREGULAR_PAST
        or bare in ("you're", "you've", "you'd", "whether", "every", "there", "it's", "we're", "we've")
        or (bare.endswith(("ing", "ed")) and lead[1:] == lead[1:].lower())
        or (lead[1:] == lead[1:].lower() and (_is_common(bare) or _PLURAL_COMMON.search(bare) is not None))
    )
    if ordinary and lead[:1].isupper() and bare != "i":
        # "THE new rota" -> "the new rota", never "tHE"; "Kubernetes" keeps its capital above
        lead = lead.lower() if lead.isupper() else lead[:1].lower() + lead[1:]
    return f"{lead}{space}{rest}"

# Plural common nouns that open a typed sentence ("Drivers report defects ..."): names rarely end so.
_PLURAL_COMMON = re.compile(r"^[a-z-]{3,}(?:ers|ors|ists|ants|ents|ees|ses|tions|sions|ments|nesses|ities|ances|ences|ships|ings|ies|ics)$")


def _is_common(word: str) -> bool:
    return word in _COMMON

_COMMON = frozenset(
    "talked showed explained described asked told gave mentioned walked complimented touring discussing "
    "explaining hearing team kitchen school company office hospital clinic lab new current biggest first "
    "last next every classroom brunch night day data design".split()
)


_CLAUSE_STARTS = frozenset("to which that who whom whose where when so because if whether while as since than".split())


_PARTICIPLE_PREPOSITIONS = frozenset({"by", "from", "with", "for", "in", "at", "on", "into", "onto", "since"})

# Simple-past forms that are never participles: "the paper went from ..." is a clause.
_SIMPLE_PAST = frozenset("went came ran began saw ate grew drove drew took gave wrote spoke knew flew threw chose rose".split())

# Past forms that rarely stand as participles, even before a preposition.
_INTRANSITIVE_PAST = frozenset("started grew shrank doubled halved tripled dropped fell rose soared plummeted".split())
# Verbs of a result that look like nouns: finite after a noun, before their object.
_RESULT_VERBS = frozenset("cut cuts halves doubles boosts lifts".split())

# Verbs that follow a plural subject in their bare form ("nurses swap shifts").
_BASE_VERBS = frozenset(
    "run swap log write get make use share take pick lead work plan keep book chart rotate cover handle teach visit "
    "meet review choose decide set own vote fix train design test sign send call cook serve clean pack check".split()
)


def _is_plural_noun(word: str) -> bool:
    return word.isalpha() and len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


_MODALS = frozenset("will would can could should might must".split())

# Past forms that never stand as adjectives: "Talked peak season staffing" opens with its verb.
_NEVER_ADJECTIVES = frozenset("talked walked chatted joked laughed spent went spoke".split())


# Present-tense verbs that are rarely nouns ("clients get a checklist"), and verbs that
# often are ("code review"): those count only before an object or a preposition.
_PRESENT_VERBS = frozenset(
    "get gets happens happen evaluate evaluates publish publishes saves goes comes says takes makes "
    "uses needs wants keeps helps runs ships logs covers handles treats teaches serves pays builds meets "
    "recognises recognizes rewards honours honors reflects celebrates matters".split()
)


_NOUNLIKE_VERBS = frozenset("works plans reviews report reports shows cut cuts run use offer lead".split())


# Past-tense verbs that, with no one else named, the candidate did ("toured the kitchen").
_CANDIDATE_VERBS = frozenset(
    "watched toured shadowed observed visited tasted tried sampled joined attended saw met heard learned "
    "got sketched presented pitched solved".split()
)


def has_finite_verb(words: list[str]) -> bool:
    """A subject then a verb ("The team ships ...", "pick-to-light system halved mispicks").

    Looks at the first ten words, up to a word that starts a clause of its own ("to",
    "which", "how"...): a verb after that belongs to the clause, not to the moment.
    """
    lowered = [w.lower().strip(",;:") for w in words[:10]]
    for index in range(1, len(lowered)):
        word, previous = lowered[index], lowered[index - 1]
        following = lowered[index + 1] if index + 1 < len(lowered) else ""
        if word in _CLAUSE_STARTS or word in WH_WORDS:
            return False
        if index >= 2 and lowered[0] in DETERMINERS and word.split("'")[0] in SUBJECT_PRONOUNS:
            return False  # "your story about the patient she lost": a clause inside a noun phrase
        if word in _MODALS or word in _SIMPLE_PAST:
            return True
        if previous in DETERMINERS or previous.endswith("'s") or previous in ("to", "and", "or") or _is_participle(previous):
            continue
        if previous[:1].isdigit() or (index == 1 and len(words[0]) > 1 and words[0].isupper()):
            continue  # "86 covers", "HACCP logs": a figure or a leading acronym before a plural noun
        if word in ("is", "are", "was", "were", "has", "have", "had") or word in _INTRANSITIVE_PAST:
            return True  # "the Saturday breakfast started with three volunteers"
        if word in _BASE_VERBS and _is_plural_noun(previous) and (index == 1 or lowered[index - 2] in DETERMINERS):
            return True  # "nurses swap shifts", "the drivers log faults": a plural subject and its verb
        if word in _RESULT_VERBS and following and following not in PREPOSITIONS and previous not in PREPOSITIONS and index >= 2:
            return True  # "cross-training stockroom staff on checkout cut weekend queues"
        if is_past(word) and following not in _PARTICIPLE_PREPOSITIONS:
            return True
        if word in _PRESENT_VERBS:
            return True
        if word in _NOUNLIKE_VERBS and (following in DETERMINERS or following[:1].isdigit()):
            return True
        if _looks_present(word, following, lowered[index + 2] if index + 2 < len(lowered) else ""):
            return True
    return False


def _looks_present(word: str, following: str, after: str) -> bool:
    """ "the office opens at 8", "court moves fast", "the team ships every Friday": an -s verb before its adverb."""
    if not word.isalpha() or not word.endswith("s") or word.endswith(("ss", "us", "is")) or len(word) < 4:
        return False
    return following in ADVERBS or following in _MANNER or (following in ("at", "on", "in") and after[:1].isdigit())


_MANNER = frozenset("fast slow quickly slowly well every each up out off down".split())


def _is_participle(word: str) -> bool:
    return word.endswith("ed") and len(word) > 4


def past_tense_doer(typed: str) -> str:
    """Who did a past-tense moment with no subject: the reader, unless the moment says otherwise.

    "asked me about my thesis" and "sat in on my lesson" were the interviewer; "walked
    the site with him" and "watched the shift handover" were the candidate.
    """
    words = [w.lower().strip(",.;:!?") for w in typed.split()]
    if not words or not is_past(words[0]):
        return "you"
    if len(words) > 1 and words[1] in ("his", "her", "their"):
        return "you"  # "shared their screen": the one whose screen it is did it
    rest = set(words[1:])
    if words[0] in _CANDIDATE_VERBS and not rest & {"me", "us", "you", "your"}:
        return "I"  # "presented my case study", "toured the kitchen": the candidate's own doing
    if rest & {"me", "my", "us", "our", "i"}:
        return "you"
    if rest & {"him", "them"} or "with her" in typed.lower() or words[0] in _CANDIDATE_VERBS:
        return "I"
    return "you"


def starts_with_past_verb(words: list[str]) -> bool:
    """A phrase that opens with a past-tense verb and its object ("asked me ...", "walked through ...")."""
    if not words or not is_past(words[0]):
        return False
    if len(words) == 1 or words[0].lower() in _NEVER_ADJECTIVES:
        return True
    following = words[1].lower().strip(",")
    return (
        following in DETERMINERS
        or following in PREPOSITIONS
        or following in ADVERBS
        or following in WH_WORDS
        or following in ("me", "us", "you", "him", "her", "them", "that", "if", "whether", "it", "two", "out", "all", "most", "several", "lots", "loads", "plenty", "many")
        or following[:1].isdigit()
        or following.endswith("ly")
    )
