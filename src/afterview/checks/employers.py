"""Which words name the record's employer, and where a note names the competing offer's.

The employer check (``afterview.checks.names``) asks these: "Desert Wing" and "LRMC"
are the record's Desert Wing Aviation and Lake Ridge Medical Center, "Quickstep
Couriers" is not Swift Harbor Couriers, and "Contoso" in a competing-offer note names
the rival whose offer it mentions.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from afterview.checks.common import fold_name as _fold
from afterview.checks.patterns import merged_spans, word_positions
from afterview.checks.text import Analysis

if TYPE_CHECKING:
    from afterview.checks.names import NameRules


def is_company(
    name: tuple[str, ...], company: tuple[frozenset[str], str, str], rules: NameRules, *, opens: bool = False
) -> bool:
    """The words name the record's employer: some of its words and no others ("Desert
    Wing" for Desert Wing Aviation), perhaps after a word opening the sentence ("Joining
    Contoso is my top choice": what follows it then starts as the employer's name does,
    so "Quickstep Couriers" is not Swift Harbor Couriers), or its initials ("LRMC")."""
    words, initials, first = company
    if not words - rules.company_suffixes:
        # A name of suffix words only ("Group"): those words, perhaps after a gerund
        # opening the sentence ("Joining Group is my top choice"; "Acme Group" is not it).
        folded = [_fold(w) for w in name]
        after_gerund = opens and len(folded) > 1 and folded[0].endswith("ing")
        return all(w in words for w in folded[after_gerund:])
    own = [_fold(w) for w in name if _fold(w) not in rules.company_suffixes]
    if own and all(w in words for w in own):
        return True
    if len(own) > 1 and own[1] == first and all(w in words for w in own[1:]):
        return True
    return len(name) == 1 and name[0].isupper() and len(name[0]) >= 2 and _fold(name[0]) == initials


def rival_terms(
    rival: str | None, record_texts: tuple[str, ...], company: str | None, rules: NameRules
) -> tuple[str, ...]:
    """What names the competing offer's employer (folded): its whole name, then its
    distinctive words; none when the record names it otherwise too. Worked out once
    per record (``rival_mentions`` looks for them in each note)."""
    if not rival or not rival.strip():
        return ()
    # Words the rest of the record uses too (the company, the role, people) are not the rival's.
    others = list(record_texts)
    if rival in others:  # once: the role may read the same
        others.reverse()
        others.remove(rival)
    if _fold(rival) in {_fold(t) for t in others}:
        return ()  # the record names it otherwise too
    ignore = known_words((*others, company or "")) | rules.company_suffixes | rules.not_names
    words = [w for w in known_words((rival,)) if len(w) > 2 and w not in ignore]
    return (_fold(" ".join(rival.split())), *words) if words else ()


def rival_mentions(analysis: Analysis, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the body names the competing offer's employer (``terms``: ``rival_terms``)."""
    if not terms:
        return []
    start, end = analysis.body
    folded = _fold(analysis.norm[start:end])
    if len(folded) != end - start:
        return []  # folding changed lengths (rare scripts): spans would not line up
    spans = []
    for term in terms:
        for position in word_positions(folded, term):
            # A name has its capital: "Acme Works" is not "how the team works".
            if analysis.norm[start + position].isupper():
                spans.append((start + position, start + position + len(term)))
    return merged_spans(spans)


@lru_cache(maxsize=64)
def known_words(texts: tuple[str, ...]) -> frozenset[str]:
    """Every word of ``texts``, folded, without its punctuation or "'s", and each part of a
    hyphenated one: the words a record knows."""
    words: set[str] = set()
    for text in texts:
        for word in text.replace("\u2019", "'").split():
            bare = _fold(word.strip(".,;:!?()\"'-").removesuffix("'s"))
            if bare:
                words.add(bare)
                words.update(p for p in bare.split("-") if p)
    return frozenset(words)


@lru_cache(maxsize=64)
def company_forms(company: str, suffixes: frozenset[str]) -> tuple[frozenset[str], str, str]:
    """The employer's distinctive words, its initials ("lrmc") and its first distinctive word."""
    words = [w for w in (_fold(w.strip(".,()\"'")) for w in company.split()) if w]
    initials = "".join(w[0] for w in words if w not in suffixes or w == "and")
    distinctive = [w for w in words if w not in suffixes] or words  # "Group" alone is its own name
    return frozenset(distinctive), initials, distinctive[0] if distinctive else ""
