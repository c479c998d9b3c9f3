"""Write a moment to the person who reads it: "her team", sent to her, is "your team".

The first she/he family a moment uses stands for the reader (moments are noted per
interviewer, about them); singular "they" only when it is the moment's own subject.
Pronouns inside a "who" clause stay ("the patient who pulled out his IV"). The verb
after a shifted subject agrees ("she wants" -> "you want", "she's been" -> "you've been").
"""

from __future__ import annotations

import re

from afterview.checks.patterns import LazyRegex
from afterview.drafting.english import ADVERBS, IRREGULAR_PAST, PREPOSITIONS

_FAMILIES = {
    "she": {"she": "you", "her": None, "hers": "yours", "herself": "yourself"},
    "he": {"he": "you", "him": "you", "his": None, "himself": "yourself"},
    "they": {"they": "you", "them": "you", "their": "your", "theirs": "yours", "themselves": "yourself"},
}

CONTRACTED = {"she's": "you're", "he's": "you're", "she'd": "you'd", "he'd": "you'd", "they're": "you're",
               "they've": "you've", "they'd": "you'd", "she'll": "you'll", "he'll": "you'll", "they'll": "you'll"}

_AGREE = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't", "isn't": "aren't",
          "wasn't": "weren't", "hasn't": "haven't"}

_OBJECT_AFTER = frozenset(
    "hearing watching seeing helping letting making asked told gave showed let made heard watched saw "
    "listening to with for thank thanked met meeting".split()
)

def to_second_person(text: str, recipient: str | None) -> str:
    """Third-person references to the reader become "you" forms."""
    if recipient:
        text = _name_to_you(text, recipient)
    family = _interviewer_family(text)
    if family is None:
        return text
    tokens = text.split(" ")
    out: list[str] = []
    in_relative = False
    shifted_subject = False
    you_clause = False  # inside a clause whose subject became "you": "... and now runs" agrees too
    for index, token in enumerate(tokens):
        bare = token.lower().strip(",.;:!?()\"")
        if bare in ("who", "whose", "whom"):
            in_relative = True
        if in_relative or not bare:
            out.append(token)
            # "patients who can't read - she asked ...": the "who" clause ends at a dash or a stop
            in_relative = in_relative and not (token in ("-", "–", "—") or token.endswith((";", ".", "!", "?")))
            continue
        replacement = _replace_pronoun(bare, family, tokens, index, out)
        joined = you_clause and _after_and(out)
        if replacement is None:
            if (shifted_subject or joined) and bare in _AGREE:
                replacement = _AGREE[bare]
            elif (shifted_subject or joined) and bare not in ADVERBS:
                replacement = _base_form(bare)
        if bare not in ADVERBS:
            shifted_subject = replacement in ("you", "you're", "you'd", "you've", "you'll") and bare in (
                "she", "he", "they", *CONTRACTED
            )
        if replacement is not None and replacement != bare:
            token = _same_case(token, bare, replacement)
        if shifted_subject:
            you_clause = True
        elif token.endswith((",", ";", ".")) or (bare in SUBJECT_WORDS and _after_and(out)):
            you_clause = False  # a new clause, or a new subject: "... and the team runs ..." keeps its -s
        out.append(token)
    return " ".join(out)


SUBJECT_WORDS = frozenset("i we they it the a an this that these those who which".split())


def _after_and(out: list[str]) -> bool:
    """The token about to be written follows "and" (with adverbs between): "... and now runs"."""
    for word in reversed(out):
        bare = word.lower()
        if bare == "and":
            return True
        if bare not in ADVERBS and bare not in ("now", "then"):
            return False
    return False

def _interviewer_family(text: str) -> str | None:
    """Which third-person pronouns stand for the reader: the first she/he family used.

    "They" counts only as the moment's own subject ("They said ...", "hearing them
    describe ...", "their own"), since it more often means the team.
    """
    lowered = text.lower()
    words = re.findall(r"[a-z']+", _RELATIVE.sub(" ", lowered))
    for word in words:
        for family in ("she", "he"):
            if word in _FAMILIES[family] or word in (f"{family}'s", f"{family}'d", f"{family}'ll"):
                return family
    if _THEY_AS_READER.search(lowered):
        return "they"
    return None

# A "who" clause, up to the dash or stop that ends it: its pronouns are someone else's.
_RELATIVE = LazyRegex(r"\b(?:who|whose|whom)\b(?:[^-–—;.!?]|\w-\w)*")

# Where "they" stands for the reader: the moment's own subject; the owner in a moment with
# no subject ("shared their screen", "had me audit their page"); the one seen or told.
_THEY_AS_READER = LazyRegex(
    r"^(?:they|they're|they'd|they've|their)\b|^(?:\w+ed|had|took|gave|showed) (?:(?:me|us) \w+ )?(?:their|them)\b"
    r"|\b(?:hearing|watching|seeing|listening to|reading) (?:them|their)\b|\btheir own\b|\b(?:said|mentioned) they\b"
    r"|\b(?:told|asked|showed|thanked|gave) them\b"
)


def _replace_pronoun(bare: str, family: str, tokens: list[str], index: int, out: list[str]) -> str | None:
    if bare in CONTRACTED and bare.startswith(family):
        following = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
        if bare.endswith("'s") and (following in ("been", "got", "had") or (following.endswith("ed") and len(following) > 4)):
            return "you've"
        return CONTRACTED[bare]
    table = _FAMILIES[family]
    if bare not in table:
        return None
    if table[bare] is not None:
        return table[bare]
    following = tokens[index + 1].lower().strip(",.;:!?") if index + 1 < len(tokens) else ""
    previous = out[-1].lower().strip(",.;:") if out else ""
    if bare == "his" and (not following or following in PREPOSITIONS):
        return "yours"
    if bare == "her" and (previous in _OBJECT_AFTER or not following or following in PREPOSITIONS
                          or following in ("and", "that", "how", "what", "why", "talk", "explain", "describe", "demo")):
        return "you"
    return "your"

def _name_to_you(text: str, recipient: str) -> str:
    """The reader named in a moment sent to them: "Dr. Chen's rounds" or "Priya's story"
    become "your ...", and "Priya showed me the rota" or "I asked Dr. Chen" take "you"
    (a present verb after it agrees: "Priya runs" -> "you run"). A name after a dash
    is a quotation's attribution ("... - Dr. Kim") and stays."""
    parts = [p for p in recipient.replace(",", " ").split() if len(p.strip(".")) > 1]
    if not parts:
        return text
    title = r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?\s+)?"
    names = "|".join(re.escape(name) for name in sorted({" ".join(parts), parts[0], parts[-1]}, key=len, reverse=True))
    text = re.sub(rf"\b{title}(?:{names})['’]s\b", "your", text)
    # Not a longer proper noun ("Lee Valley"), nor a quotation's attribution, nor the whole moment.
    named = rf"(?<![-–—]\s)\b{title}(?:{names})\b(?!['’]|\s+[A-Z])(?:\s+([a-z][\w']*))?(?:\s+([a-z][\w']*))?"
    if re.fullmatch(rf"{title}(?:{names})", text.strip()):
        return text
    return re.sub(named, _you_for_name, text)


def _you_for_name(match: re.Match[str]) -> str:
    """ "you" for the reader's name; as a subject, the verb after it agrees with "you"."""
    words = [word for word in match.groups() if word]
    before = match.string[: match.start()].rstrip()
    if before and not _CLAUSE_OPENER.search(before):  # "I told Priya things": an object, nothing agrees
        return " ".join(["you", *words])
    if (not before or before[-1] in ".!?") and not _verb_follows(words):
        return match.group(0)  # a capital opening a sentence may be a word: "Will the team grow?", "Frank feedback"
    if words and (words[0] in ADVERBS or words[0].endswith("ly")):  # "Priya always says": the verb comes next
        return " ".join(["you", words[0], *map(_agreeing, words[1:])])
    return " ".join(["you", *map(_agreeing, words[:1]), *words[1:]])


# What may come right before a clause's subject, a noun after an article among them ("the way Priya explains").
_CLAUSE_OPENER = LazyRegex(
    r"(?:^|[,;:.!?]|\b(?:and|but|when|while|that|because|so|then|how|after|before|once)|\b(?:the|a|an|this)\s+[a-z]+)$",
    re.IGNORECASE,
)


def _verb_follows(words: list[str]) -> bool:
    """The words after a name begin with a verb (past, present, or after an adverb)."""
    if words and (words[0] in ADVERBS or words[0].endswith("ly")):
        words = words[1:]
    return bool(words) and (words[0] in _AGREE or words[0] in IRREGULAR_PAST or words[0].endswith(("ed", "s")))


def _agreeing(word: str) -> str:
    """A present verb after a shifted subject, agreeing with "you" ("runs" -> "run", "is" -> "are")."""
    return _AGREE.get(word) or _base_form(word) or word


def _base_form(word: str) -> str | None:
    """The verb after a shifted "she"/"he" without its -s ("wants" -> "want")."""
    if not word.isalpha() or not word.endswith("s") or word.endswith("ss") or len(word) < 4:
        return None
    if word.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(?:ch|sh|x|z|o)es$", word):
        return word[:-2]
    return word[:-1]

def _same_case(token: str, bare: str, replacement: str) -> str:
    start = token.lower().find(bare)
    original = token[start : start + len(bare)]
    if original[:1].isupper():
        replacement = replacement[:1].upper() + replacement[1:]
    return token[:start] + replacement + token[start + len(bare) :]
