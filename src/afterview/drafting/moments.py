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
question about how I would ...", "hearing that ...", "our conversation about ...").
It also writes the moment to the person who reads it: a moment about "her team", sent
to her, becomes "your team". Numbers and abbreviations ("3 a.m.", "U.S.", "approx.")
keep their full stops. ``preview`` shows the sentence as a note will read it.

Pure and stdlib-only: the offline drafter and the interview form both call it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Form", "Rendered", "form_of", "mission_phrase", "object_phrase", "preview", "reminder_reason"]


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
_DETERMINERS = frozenset(
    "the a an your my our their his her its this that these those some every each both any no "
    "one two three four five six seven eight nine ten".split()
)
_SUBJECT_PRONOUNS = frozenset("i you we they he she it".split())
_AUX_DO = frozenset({"do", "does", "did"})
_AUX_OTHER = frozenset(
    "is are was were am can could would will should might may must has have had 's".split()
)
_WH = frozenset("what how why where when which who whose whom".split())
_PREPOSITIONS = frozenset(
    "about at by for from in into like of on onto over through to toward towards under up "
    "with without during before after around across between via off out down".split()
)
_ADVERBS = frozenset("just also really still always never often usually recently once only even already".split())
_NOT_GERUNDS = frozenset(
    "thing something nothing anything everything morning evening ceiling string king ring wing "
    "spring sibling pudding wedding lightning during building meeting offering".split()
)
# Past forms that do not end in -ed.
_IRREGULAR_PAST = frozenset(
    "told gave took spoke said brought wrote drew ran made sat let put got went came saw knew "
    "thought felt found left kept built taught caught bought lost won met led set began chose "
    "understood stood threw showed shown sent spent paid held heard meant".split()
)
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
_REPORTING = re.compile(
    r"^(?:said|mentioned|told me|explained|shared|noted|pointed out)(?: that)? (?=\S)", re.IGNORECASE
)
_ASKED = re.compile(r"^asked(?: me| us)?(?: about)?(?= )", re.IGNORECASE)
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
_WORDS = re.compile(r"\S+")
_LIST_SEPARATORS = (
    (re.compile(r"\s*(?:->|→|=>)\s*"), " to "),
    (re.compile(r"\s+[-–]\s+|\s*;\s*|\s+/\s+|\s+\+\s+|\s+&\s+"), ", "),
    (re.compile(r"\s+=\s+"), " as the "),
    (re.compile(r":\s+"), ", "),
)

_FAMILIES = {
    "she": {"she": "you", "her": None, "hers": "yours", "herself": "yourself"},
    "he": {"he": "you", "him": "you", "his": None, "himself": "yourself"},
    "they": {"they": "you", "them": "you", "their": "your", "theirs": "yours", "themselves": "yourself"},
}
_CONTRACTED = {"she's": "you're", "he's": "you're", "she'd": "you'd", "he'd": "you'd", "they're": "you're",
               "they've": "you've", "they'd": "you'd", "she'll": "you'll", "he'll": "you'll", "they'll": "you'll"}
_AGREE = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't", "isn't": "aren't",
          "wasn't": "weren't", "hasn't": "haven't"}
_OBJECT_AFTER = frozenset(
    "hearing watching seeing helping letting making asked told gave showed let made heard watched saw "
    "listening to with for thank thanked met meeting".split()
)


# -- public API ------------------------------------------------------------------------
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


def object_phrase(text: str, *, recipient: str | None = None, formal: bool = False) -> Rendered:
    """The moment as a phrase that completes "I especially enjoyed ...".

    Args:
        text: the moment as typed.
        recipient: the interviewer's name; a third-person reference to them becomes
            "you" / "your" (the note is written to them).
        formal: word the rephrasing for a formal note ("the moment you" for "the part where you").
    """
    asked = "?" in text.rstrip()[-3:]
    cleaned = _to_second_person(_clean(text), recipient)
    form, core, ready = _analyse(cleaned, asked=asked)
    return Rendered(form, core if ready else _phrase(form, core, formal))


def mission_phrase(text: str) -> str:
    """What the candidate admires, as the object of "I admire ...".

    "making transit data open" and "open transit data" read "your commitment to ...";
    "to make transit data open" drops its "to"; a sentence ("They put patients first")
    reads "the way you put patients first".
    """
    cleaned = _to_second_person(_clean(text), None)
    infinitive = re.match(r"^to\s+", cleaned, flags=re.IGNORECASE)
    if infinitive:
        return "your drive to " + cleaned[infinitive.end():]
    form, core, _ready = _analyse(cleaned)
    first = core.split(" ")[0].lower()
    if form is Form.SENTENCE or first in _SUBJECT_PRONOUNS or first in ("you're", "it's"):
        return "the way " + _lower_lead(core)
    if first in ("your", "its", "their", "the"):
        return _lower_lead(core)
    return "your commitment to " + _lower_lead(core)


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
    text = "".join(c for c in text if not _is_emoji(c))
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip()
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
    shouting = any(w.lower() in _DETERMINERS or len(w) >= 8 for w in loud)
    if len(loud) < 2 or len(loud) * 2 < len(words) or not shouting:
        return text
    return re.sub(r"[A-Za-z']+", lambda m: m.group(0).lower() if m.group(0).isupper() and len(m.group(0)) > 2 else m.group(0), text)


# -- person -------------------------------------------------------------------------------
def _to_second_person(text: str, recipient: str | None) -> str:
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
    for index, token in enumerate(tokens):
        bare = token.lower().strip(",.;:!?()\"")
        if bare in ("who", "whose", "whom"):
            in_relative = True
        if in_relative or not bare:
            out.append(token)
            continue
        replacement = _replace_pronoun(bare, family, tokens, index, out)
        if replacement is None:
            if shifted_subject and bare in _AGREE:
                replacement = _AGREE[bare]
            elif shifted_subject and bare not in _ADVERBS:
                replacement = _base_form(bare)
        if bare not in _ADVERBS:
            shifted_subject = replacement in ("you", "you're", "you'd", "you've", "you'll") and bare in (
                "she", "he", "they", *_CONTRACTED
            )
        if replacement is not None and replacement != bare:
            token = _same_case(token, bare, replacement)
        out.append(token)
    return " ".join(out)


def _interviewer_family(text: str) -> str | None:
    """Which third-person pronouns stand for the reader: the first she/he family used.

    "They" counts only as the moment's own subject ("They said ...", "hearing them
    describe ...", "their own"), since it more often means the team.
    """
    lowered = text.lower()
    words = re.findall(r"[a-z']+", lowered)
    for index, word in enumerate(words):
        if word in ("who", "whose"):
            break
        for family in ("she", "he"):
            if word in _FAMILIES[family] or word in (f"{family}'s", f"{family}'d", f"{family}'ll"):
                return family
    if re.match(r"^(?:they|they're|they'd|they've)\b", lowered) or re.search(
        r"\b(?:hearing|watching|seeing|listening to) them\b|\btheir own\b|\b(?:said|mentioned) they\b", lowered
    ):
        return "they"
    return None


def _replace_pronoun(bare: str, family: str, tokens: list[str], index: int, out: list[str]) -> str | None:
    if bare in _CONTRACTED and bare.startswith(family):
        if bare.endswith("'s") and index + 1 < len(tokens) and tokens[index + 1].lower() in ("been", "got", "had"):
            return "you've"
        return _CONTRACTED[bare]
    table = _FAMILIES[family]
    if bare not in table:
        return None
    if table[bare] is not None:
        return table[bare]
    following = tokens[index + 1].lower().strip(",.;:!?") if index + 1 < len(tokens) else ""
    previous = out[-1].lower().strip(",.;:") if out else ""
    if bare == "his" and (not following or following in _PREPOSITIONS):
        return "yours"
    if bare == "her" and (previous in _OBJECT_AFTER or not following or following in _PREPOSITIONS
                          or following in ("and", "that", "how", "what", "why", "talk", "explain", "describe", "demo")):
        return "you"
    return "your"


def _name_to_you(text: str, recipient: str) -> str:
    """ "Dr. Chen's rounds" or "Priya's story", sent to that person, become "your ..."."""
    parts = [p for p in recipient.replace(",", " ").split() if len(p.strip(".")) > 1]
    if not parts:
        return text
    names = {parts[0], parts[-1]}
    title = r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?\s+)?"
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"\b{title}{re.escape(name)}['’]s\b", "your", text)
    return text


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


# -- forms ---------------------------------------------------------------------------------
def _analyse(text: str, *, asked: bool = False) -> tuple[Form, str, bool]:
    """The form, the text the phrase is built from, and whether that text is the phrase.

    "I loved how she ran the demo" is first person, and what follows "I loved" is
    already the phrase; a hedge ("I think") is dropped.
    """
    text = _first_sentence(_HEDGE.sub("", text))
    stripped = _ATTITUDE.sub("", text)
    if stripped != text and stripped:
        return Form.FIRST_PERSON, _lower_lead(stripped), True
    if text[:1] in "\"“":
        quoted = text.strip('"“” ').rstrip(".!?,;")
        return Form.NOUN_PHRASE, f"your line, “{quoted}”", True
    words = text.split(" ")
    first = words[0].lower() if words else ""
    if asked or _is_question(words):
        return Form.QUESTION, text, False
    if first in ("i", "i'm", "i've", "i'd", "we", "we're", "we've"):
        return Form.FIRST_PERSON, text, False
    if _is_fragment(text):
        return Form.FRAGMENT, text, False
    if _starts_with_past_verb(words):
        return Form.PAST_VERB, text, False
    if first.endswith("ing") and len(first) > 4 and (first not in _NOT_GERUNDS or _next_is_object(words)):
        return Form.GERUND, text, False
    if first in _SUBJECT_PRONOUNS or first in _CONTRACTED or first in ("you're", "you've", "you'd", "it's"):
        return Form.SENTENCE, text, False
    if _has_finite_verb(words):
        return Form.SENTENCE, text, False
    return Form.NOUN_PHRASE, text, False


def _next_is_object(words: list[str]) -> bool:
    """ "meeting the team" is a gerund; "meeting notes" is a noun."""
    return len(words) > 1 and (words[1].lower() in _DETERMINERS or words[1].lower() in ("you", "me", "us"))


def _first_sentence(text: str) -> str:
    """A moment typed as two sentences ("YOUR MOLE. seriously.") keeps the first."""
    for match in re.finditer(r"[.!?]\s+(?=\S)", text):
        before = text[: match.start() + 1]
        if match.group(0)[0] == "." and _ABBREVIATION.search(before):
            continue
        if len(before.split()) >= 2:
            return _strip_end(before)
    return text


def _is_question(words: list[str]) -> bool:
    if len(words) < 3:
        return False
    first, second = words[0].lower(), words[1].lower()
    if first in _WH and (second in _AUX_DO or second in _AUX_OTHER):
        return True
    if first in ("what's", "how's", "where's", "who's", "what're"):
        return True
    if first in _WH and words[2].lower() in _AUX_DO | _AUX_OTHER and len(words) > 3 and words[3].lower() in _SUBJECT_PRONOUNS:
        return True
    return first in (_AUX_DO | _AUX_OTHER) - {"'s"} and second in _SUBJECT_PRONOUNS | _DETERMINERS


def _is_fragment(text: str) -> bool:
    """Telegraphic notes: list separators, arrows, or several comma pieces without a verb."""
    if re.search(r"->|→|=>|\s[-–]\s|;|\s/\s|\s\+\s|\s=\s", text):
        return True
    pieces = [p.strip() for p in re.split(r",\s", text)]
    if len(pieces) >= 2 and all(len(p.split()) <= 4 for p in pieces):
        return not any(_starts_with_past_verb(p.split(" ")) for p in pieces[:1])
    return False


def _is_past(word: str) -> bool:
    word = word.lower()
    return word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)


def _starts_with_past_verb(words: list[str]) -> bool:
    if not words or not _is_past(words[0]):
        return False
    if len(words) == 1:
        return True
    following = words[1].lower().strip(",")
    return (
        following in _DETERMINERS
        or following in _PREPOSITIONS
        or following in _ADVERBS
        or following in _WH
        or following in ("me", "us", "you", "him", "her", "them", "that", "if", "whether", "it", "two", "out")
        or following[:1].isdigit()
        or following.endswith("ly")
    )


def _has_finite_verb(words: list[str]) -> bool:
    """A subject then a verb near the start ("The team ships ...", "Every classroom gets ...")."""
    lowered = [w.lower().strip(",") for w in words[:6]]
    for index in range(1, min(4, len(lowered))):
        word = lowered[index]
        if word in _PREPOSITIONS or word in _WH:
            return False
        if word in ("is", "are", "was", "were", "has", "have", "had", "wants", "needs") or (
            _is_past(word) and index + 1 < len(lowered) and _starts_with_past_verb(words[index:])
        ):
            return True
        if (
            word.endswith("s")
            and not word.endswith(("ss", "ments", "tions", "ness"))
            and index + 1 < len(lowered)
            and lowered[index - 1] not in _DETERMINERS
            and (lowered[index + 1] in _DETERMINERS or lowered[index + 1] in ("about", "to", "up", "out") or lowered[index + 1][:1].isdigit())
            and not lowered[index - 1].endswith("'s")
        ):
            return True
    return False


# -- phrases -------------------------------------------------------------------------------
def _phrase(form: Form, core: str, formal: bool) -> str:
    event = "the moment" if formal else "the part where"
    if form is Form.QUESTION:
        return _question_phrase(core)
    if form is Form.FRAGMENT:
        return "our conversation about " + _lower_lead(_unlist(core))
    if form is Form.PAST_VERB:
        asked = _ASKED.match(core)
        rest = core[asked.end():].strip() if asked else ""
        if asked and (_ASKED_CLAUSE.match(rest) or core.lower().startswith(("asked about", "asked me about"))):
            rest = re.sub(r"^if\b", "whether", rest, flags=re.IGNORECASE)
            return "your question about " + _lower_lead(rest)
        return f"{event} you {_lower_lead(core)}"
    if form is Form.SENTENCE:
        reported = re.match(r"^(you|she|he|they) (?=said|mentioned|told me|explained|noted)", core, re.IGNORECASE)
        if reported:
            clause = _REPORTING.sub("", core[reported.end():])
            if clause != core[reported.end():]:
                return "hearing that " + _lower_lead(clause)
        if re.match(r"^you asked (?:me )?(?:if|whether)\b", core, re.IGNORECASE):
            return "your question about " + re.sub(r"^you asked (?:me )?(?:if|whether)", "whether", core, flags=re.IGNORECASE)
        return "hearing that " + _lower_lead(core)
    if form is Form.FIRST_PERSON:
        if core.lower().startswith(("my ", "our ")):
            return _noun_phrase(core)
        return f"{event} {_lower_lead(core)}" if not formal else f"the moment {_lower_lead(core)}"
    if form is Form.GERUND:
        return _lower_lead(core)
    return _noun_phrase(core)


def _noun_phrase(core: str) -> str:
    words = core.split(" ")
    first = words[0].lower()
    if first == "my":
        return "talking about " + _lower_lead(core)
    if first in _DETERMINERS or first.endswith("'s") or (first in ("how", "what", "why", "where", "when", "whether")):
        return _lower_lead(core)
    return "our conversation about " + _lower_lead(_unlist(core))


def _unlist(text: str) -> str:
    for pattern, replacement in _LIST_SEPARATORS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\s*,\s*(?:,\s*)+", ", ", text)
    return _strip_end(text.strip(" ,"))


def _lower_lead(text: str) -> str:
    """The first word in lower case when it is an ordinary word (names, acronyms keep their capital)."""
    lead, space, rest = text.partition(" ")
    bare = lead.strip("\"'“”(").lower()
    ordinary = (
        bare in _DETERMINERS
        or bare in _SUBJECT_PRONOUNS - {"i"}
        or bare in _WH
        or bare in _PREPOSITIONS
        or bare in _IRREGULAR_PAST
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


def _question_phrase(core: str) -> str:
    if _is_fragment(core):
        return "our conversation about " + _lower_lead(_unlist(core))
    embedded = _embed(core)
    lowered = f" {embedded.lower()} "
    asked_me = any(f" {w} " in lowered for w in ("i", "me", "my", "myself", "i'd", "i'm"))
    if embedded.lower().startswith("whether") or not asked_me and " you" not in lowered:
        return "our conversation about " + embedded
    if asked_me:
        return "your question about " + embedded
    return "hearing " + embedded


def _embed(question: str) -> str:
    """A direct question as an embedded one: "what does success look like" -> "what success looks like"."""
    question = re.sub(r"^(what|how|where|who)'s\b", r"\1 is", question, flags=re.IGNORECASE)
    words = question.split(" ")
    lowered = [w.lower() for w in words]
    if lowered[0] in _WH:
        head = 1
        if len(words) > 2 and lowered[1] not in _AUX_DO | _AUX_OTHER and lowered[2] in _AUX_DO | _AUX_OTHER:
            head = 2  # "what dish would I ...", "which metrics do ..."
        if head >= len(words) or lowered[head] not in _AUX_DO | _AUX_OTHER:
            return _lower_lead(question)  # "what keeps you ...": already in order
        lead = [words[0].lower(), *words[1:head]]
        return " ".join(lead + _reorder(words[head], words[head + 1 :]))
    if lowered[0] in _AUX_DO | _AUX_OTHER:
        return " ".join(["whether", *_reorder(words[0], words[1:])])
    return _lower_lead(question)


def _reorder(aux: str, rest: list[str]) -> list[str]:
    """Put the auxiliary back after the subject, or fold "do/does/did" into the verb."""
    if not rest:
        return [aux.lower()]
    size = _subject_size(rest)
    subject, tail = [_lower_lead(w) if i == 0 else w for i, w in enumerate(rest[:size])], rest[size:]
    aux_l = aux.lower()
    if aux_l in _AUX_DO:
        if not tail:
            return subject
        verb = tail[0]
        if aux_l == "does":
            verb = _third_person(verb)
        elif aux_l == "did":
            verb = _PAST_OF.get(verb.lower(), _regular_past(verb))
        return subject + [verb] + tail[1:]
    if aux_l in ("is", "are", "was", "were") and subject[0].lower() not in _SUBJECT_PRONOUNS:
        for index, word in enumerate(tail[:2]):
            bare = word.lower()
            if bare == "like" or bare in _PARTICIPLES or (bare.endswith("ed") and len(bare) > 4):
                return subject + tail[:index] + [aux_l] + tail[index:]
        return subject + tail + [aux_l]
    return subject + [aux_l] + tail


def _subject_size(words: list[str]) -> int:
    first = words[0].lower()
    if first in _SUBJECT_PRONOUNS:
        return 1
    if first in _DETERMINERS and len(words) > 2:
        size = 2
        while size < len(words) - 1 and size < 4 and words[size].lower() not in _PREPOSITIONS and not _looks_like_verb(words[size]):
            size += 1
        return size
    return 1


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
