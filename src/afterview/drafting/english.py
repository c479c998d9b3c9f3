"""A little English for rephrasing what people type: word lists and two helpers.

Shared by ``moments`` (recognising a moment's form), ``person`` (writing it to its
reader) and ``questions`` (turning a question into an embedded one). Heuristics for
short English phrases, not a grammar.
"""

from __future__ import annotations

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
    "understood stood threw showed shown sent spent paid held heard meant".split()
)

def is_past(word: str) -> bool:
    """A past-tense form: an irregular one ("told") or a longer word ending in -ed."""
    word = word.lower()
    return word in IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)

def lower_lead(text: str) -> str:
    """The first word in lower case when it is an ordinary word (names, acronyms keep their capital)."""
    lead, space, rest = text.partition(" ")
    bare = lead.strip("\"'“”(").lower()
    ordinary = (
        bare in DETERMINERS
        or bare in SUBJECT_PRONOUNS - {"i"}
        or bare in WH_WORDS
        or bare in PREPOSITIONS
        or bare in IRREGULAR_PAST
        or bare in ("you're", "you've", "you'd", "whether", "every", "there", "it's", "we're", "we've")
        or (bare.endswith(("ing", "ed")) and lead[1:] == lead[1:].lower())
        or (lead[1:] == lead[1:].lower() and _is_common(bare))
    )
    if ordinary and lead[:1].isupper() and bare != "i":
        lead = lead[:1].lower() + lead[1:]
    return f"{lead}{space}{rest}"

def _is_common(word: str) -> bool:
    return word in _COMMON

_COMMON = frozenset(
    "talked showed explained described asked told gave mentioned walked complimented touring discussing "
    "explaining hearing team kitchen school company office hospital clinic lab new current biggest first "
    "last next every classroom brunch night day data design".split()
)
