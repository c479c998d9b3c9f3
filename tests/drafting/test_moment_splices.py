"""Every template output is free of splice errors, for moments typed every way.

The moments come from two corpora written and labelled (form, person, pronouns) apart
from the rules: ``tests/data/moments/moments.toml`` and ``moments_second.toml``, kept
verbatim. A miss is fixed by generalising the rephrasing, never by editing a moment.
Moments the app withholds (a note to self, nothing to quote, sensitive wording) are
never quoted, so they are skipped here as the app skips them.

At every slot where record text is inserted (moment, company, award, relevance,
mission), in every note type, tone and variant, the note must show none of:

- a capital or a verb right after the frame's lead-in ("I especially enjoyed Asked ...");
- a question mark in mid-sentence;
- "that" before a wh-clause ("hearing that how the team ...");
- an abbreviation that lost its full stop ("3 a.m ever since");
- doubled punctuation ("a.m..", ".,", "the the");
- a person shift: a moment about "her team", written to her, still says "her";
- a clause where the frame needs a noun ("our conversation about had me audit ...",
  "hearing that your question about ...", "I especially enjoyed the office opens ...");
- a moment cut short (at "Ph.D." or "Dept.") or trailing off ("... before I could ask about"),
  or losing what the reader said after a "??" ("brunch recs?? she said try ...");
- a "q:" label, or the candidate's answer carried after a question ("...?', and I said ...");
- a statement set as a question ("your question about you switched to French ...");
- an aside left at the head ("hearing that not really an interviewer but you ...");
- a second sentence carried along ("... by month 2. she did her Ph.D. ...");
- a topic with a clause spliced on ("our talk about logframes you love them", "..., she asked how");
- a moment that names nothing ("our talk about can't remember").
"""

from __future__ import annotations

import itertools
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from afterview.checks.moment import moment_fate
from afterview.checks.policy import load_policy
from afterview.domain import Award, CompetingOffer, Interview, Interviewer, NoteRequest, NoteType, Status, Tone
from afterview.drafting.moments import object_phrase
from afterview.drafting.templates import TemplateDrafter
from afterview.frozen import replace
from afterview.resources import data_dir
from afterview.writer import Writer

CORPORA = Path(__file__).parent.parent / "data" / "moments"
CORPUS_SIZES = {"moments.toml": 324, "moments_second.toml": 416}
MOMENTS = [
    {**entry, "corpus": name}
    for name in CORPUS_SIZES
    for entry in tomllib.loads((CORPORA / name).read_text(encoding="utf-8"))["moment"]
]
DRAFTER = TemplateDrafter()
POLICY = load_policy(data_dir("guardrails"))

# Words that are never a proper noun: capitalised right after a lead-in, they are a splice.
FUNCTION_WORDS = frozenset(
    "the a an your my our their his her its this that these those i you we they he she it "
    "what how why where when which who whose is are was were do does did can could would will "
    "should has have had about at by for from in into of on to with and but or so asked told "
    "showed explained mentioned said talked walked gave made let described".split()
)
ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}|(?<![\w.])(?:approx|etc|vs|St|v|e\.g)\.")
WH_AFTER_THAT = re.compile(r"\bthat (?:how|why|what|where|when|whether|which)\b", re.IGNORECASE)
DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)|[,;:]\s*[,;:.!?]|\.\s*[,;:]|[!?]\s*\.|\s[,.;:!?]|\bthe the\b", re.IGNORECASE)
FAMILIES = {
    "she": ("she", "her", "hers", "herself", "she's", "she'd"),
    "he": ("he", "him", "his", "himself", "he's", "he'd"),
    "they": ("they", "them", "their", "theirs", "themselves", "they're", "they'd"),
}
NOTE_TYPES = list(NoteType)
# Notes that follow a rejection are drafted for a rejected record.
AFTER_REJECTION = {NoteType.FEEDBACK_REQUEST, NoteType.CONTINUED_INTEREST}
QUOTED_SPEECH = re.compile(r"“[^”]*”|\"[^\"]*\"")
# A frame's noun slot filled with a clause: "about" or "hearing that" before words that
# only open a clause, or a determiner-led phrase whose verb follows at once.
CLAUSE_FOR_NOUN = re.compile(
    r"\b(?:conversation|hearing|talking|talk) about (?:is|are|was|were|has|had|would|will|can|could|do|does|did|"
    r"i|you|she|he|they|we|there's|theres|talked|ask|check|send|see)\b"
    r"|\bhearing that (?:[\"“'‘(]|\w+ing (?:you|me|the|a|to|my|your|her|his|their)\b|(?:your|my|his|her|their) (?:question|comment|line|story|answer) (?:about|on|,)|not\b|which\b)"
    r"|^(?!the part where |the moment )(?:the|a|an|your|my|our) (?:[\w'’-]+ ){0,3}(?:is|are|was|were|has|have|had|went|came|would|will|opens|moves|ships|runs)\b",
    re.IGNORECASE,
)
DANGLING_END = re.compile(r"\b(?:about|of|to|for|with|the|a|an|and|or|but|on|at|in|re)\W*$", re.IGNORECASE)
# A stop before a capital, "I" or (after a longer word) any word; "!!" or "??" before an
# afterthought ("small world"), unless it tells what the reader said ("?? she said try ...");
# a question's mark before the candidate's answer ("? - I said ...").
REPORTED = r"(?:[Ss]he|[Hh]e|[Tt]hey|[Yy]ou) (?:said|told me|suggested|recommended|asked)\b"
SENTENCE_END = re.compile(
    rf"(?:\.+|[!?]+(?!\s+{REPORTED}))\s+(?=[A-Z]|i\s)|(?<=[a-z]{{5}})(?:\.+|[!?]+(?!\s+{REPORTED}))\s+(?=[a-z])"
    rf"|[!?]{{2,}}\s+(?!{REPORTED})|\?[\'’\"”]?\s*[-–—]+\s+(?=I\s|i\s)|(?<![A-Z.])(?<=\w)\.\s+(?=(?:she|he|they|it|we|there|this)\s)|(?<=\d)\.\s+(?=[a-z])"
)
# Kinds of break the rephrasing must not leave in a phrase, each with what a reader sees.
PHRASE_BREAKS = (
    (re.compile(r"(?<![\w'])[qQ]\s*:"), "a label typed into the moment"),
    (re.compile(r"\?[”\"'’]?,?\s+(?:and\s+)?I\s+(?:said|answered|told|replied)\b"), "an answer carried after its question"),
    (re.compile(r"\byour question about (?:you|she|he|they)\b", re.IGNORECASE), "a statement set as a question"),
    (
        re.compile(
            r"^(?:hearing (?:that )?|our talk about |the part where |the moment |your question about )?"
            r"(?:not (?:really|exactly|technically|sure)|kind of|sort of|honestly|tbh|random|unrelated|off[- ]topic|side note)\b",
            re.IGNORECASE,
        ),
        "an aside left at the head of the moment",
    ),
    (
        re.compile(r"(?<![\w.])(?:\d+|[a-z]{2,})\. (?:[Ss]he|[Hh]e|[Tt]hey|[Yy]ou|[Ii]t|I|[Ww]e|[Tt]here|[Tt]his|[Tt]hat)\b"),
        "a second sentence carried along",
    ),
    (
        re.compile(r"^our talk about [^,]*, (?:you|she|he|they|I|we|somebody|someone)\s|^our talk about "
                   r"(?:(?!\b(?:who|that|which|how|when|where|why|whether|if)\b)[^,])*?\b(?:you|she|he|they|we) \w+ (?:them|it|him|her|us|me)\b"),
        "a clause spliced onto a topic",
    ),
    (re.compile(r"\b(?:can'?t|cannot|don'?t) (?:really |quite |even )?(?:remember|recall)\b", re.IGNORECASE), "a moment that names nothing"),
)
WITHOUT_ASIDES = re.compile(r"\([^()]*\)")
# The typist's own verdict after the moment ("- v useful", "so cool"), which a note leaves out.
VERDICT_TAIL = re.compile(r"(?:\s*[-–—,]\s*|\s+)(?:(?:v|very|so|super|really)\s+)?(?:useful|helpful|cool|nice|good|great|slick)\W*$", re.IGNORECASE)


def record(moment: str | None, interviewer: str, **changes: object) -> Interview:
    fields: dict[str, object] = {
        "candidate": "Sam Rivera",
        "company": "Northwind Analytics",
        "role": "Data Engineer",
        "interview_date": date(2026, 11, 18),
        "decision_date": date(2026, 11, 25),
        "interviewers": [Interviewer(name=interviewer, moment=moment, contact=True)],
        "competing_offer": CompetingOffer(company="Contoso", deadline=date(2026, 12, 1)),
        "award": Award(name="Red Dot Design Award", date=date(2026, 11, 28)),
    }
    fields.update(changes)
    return Interview(**fields)


def notes(interview: Interview, note_types: list[NoteType]) -> list[tuple[NoteType, Tone, str]]:
    """Every body the offline set writes for the record's one interviewer, with type and tone."""
    out = []
    name = interview.interviewers[0].name
    rejected = replace(interview, status=Status.REJECTED)
    for note_type, tone in itertools.product(note_types, Tone):
        record_for = rejected if note_type in AFTER_REJECTION else interview
        request = NoteRequest(interview=record_for, note_type=note_type, recipient=name, tone=tone, signature="Sam Rivera")
        for variant in range(DRAFTER.variant_count(note_type, tone, request)):
            out.append((note_type, tone, DRAFTER.render(request, variant).body))
    return out


def mask_abbreviations(text: str) -> str:
    """Abbreviations as plain words, so "at 3 a.m., and" is not read as doubled punctuation."""
    text = re.sub(r"\b(?:Inc|Ltd|Co|Dr|Mr|Mrs|Ms|Prof)\.", "Abbr", text)
    return ABBREVIATION.sub("abbr", text)


def last_word_of_first_sentence(text: str) -> str | None:
    """The last real word before the moment's first sentence ends, for a moment with no quotation.

    Asides in brackets, slang, pronouns (written to the reader, they change) and the
    function words a trailing-off moment loses are not counted.
    """
    if QUOTED_SPEECH.search(text) or re.search(r"^['‘]", text):
        return None
    first = VERDICT_TAIL.sub("", SENTENCE_END.split(WITHOUT_ASIDES.sub(" ", text))[0])
    words = [w.strip("'’") for w in re.findall(r"[A-Za-z][\w'’-]*", first)]
    words = [w for w in words if w.lower() not in SLANG and not any(w.lower() in f for f in FAMILIES.values())]
    if not words or DANGLING_END.search(words[-1]):
        return None
    longer = [w for w in words if len(w) > 3]  # "try the mezcal one": "mezcal" must be there
    return longer[-1] if longer else None


# Slang and vague tails ("the whiteboard thing") that a note leaves out.
SLANG = frozenset("lol haha lmao ur u v w tbh idk wow thing things stuff".split())


def quoted(entry: dict) -> bool:
    """Whether the app would quote the moment: withheld ones never reach a note."""
    return not moment_fate(entry["text"], [entry["interviewer"]], POLICY).withheld


def splice_errors(entry: dict, body: str, phrase: str) -> list[str]:
    """What reads wrong where the moment was set into ``body``."""
    text = entry["text"]
    errors = []
    start = body.find(phrase)
    if start < 0:
        return [f"the rephrased moment {phrase!r} is not in the note"]
    lead_word = phrase.split(" ")[0].strip("\"'“(")
    if lead_word[:1].isupper() and lead_word.lower() in FUNCTION_WORDS:
        errors.append(f"capital after the lead-in: {body[max(0, start - 20):start + len(lead_word)]!r}")
    typed_first = text.split()[0].strip(",.!?").lower() if text.split() else ""
    if entry["form"] == "past_verb" and lead_word.lower() == typed_first:
        errors.append(f"verb right after the lead-in: {body[max(0, start - 20):start + 20]!r}")
    if "?" in QUOTED_SPEECH.sub("", phrase):
        errors.append(f"question mark mid-sentence: {phrase!r}")
    errors += [f"{kind}: {phrase!r}" for pattern, kind in PHRASE_BREAKS if pattern.search(mask_abbreviations(phrase))]
    if CLAUSE_FOR_NOUN.search(phrase):
        errors.append(f"a clause where the frame needs a noun: {phrase!r}")
    sentence = next((s for s in re.split(r"(?<=[.!?])\s+", body) if phrase in s), "")
    frame_words = set(re.findall(r"[a-z]{4,}", sentence.replace(phrase, " ").lower()))
    echoed = frame_words & set(re.findall(r"[a-z]{4,}", phrase.lower())) & {"conversation", "hearing", "talking", "question", "talk"}
    if echoed or re.search(r"\babout (?:hearing|talking|our conversation|our talk|your question) about\b", sentence):
        errors.append(f"the frame echoes the rephrasing ({', '.join(sorted(echoed)) or 'about ... about'}): {sentence!r}")
    if re.match(r"\w+ing\b[^,.;]* and (?!I\b|you\b|we\b)\w+ed\b", phrase):
        errors.append(f"a gerund and a past verb side by side: {phrase!r}")
    if re.search(r"\w{5,}\. [a-z]|\.{3}|…", phrase):
        errors.append(f"a second sentence or an afterthought inside the moment: {phrase!r}")
    if (text.rstrip().endswith(("...", "…")) and DANGLING_END.search(phrase)) or not phrase.strip():
        errors.append(f"the moment trails off: {phrase!r}")
    last = last_word_of_first_sentence(text)
    if last and last.lower() not in body.lower() and not (last.endswith("s") and last[:-1].lower() in body.lower()):
        # ("she hates them", written to her, says "you hate them")
        errors.append(f"cut short before {last!r}: {phrase!r}")
    if WH_AFTER_THAT.search(phrase):
        errors.append(f"'that' before a wh-clause: {phrase!r}")
    for abbreviation in ABBREVIATION.findall(text):
        if abbreviation not in body:
            errors.append(f"lost the stop of {abbreviation!r}")
    if re.search(r"\w\.\.(?!\.)|[?!][”\"’]?\.", body):
        errors.append(f"a stop after a stop: {body[max(0, start - 10):start + len(phrase) + 5]!r}")
    masked = mask_abbreviations(body)
    for match in DOUBLED.finditer(masked):
        errors.append(f"doubled punctuation: {masked[max(0, match.start() - 15):match.end() + 5]!r}")
    if entry["person"] == "third_interviewer" and entry.get("pronouns"):
        family = FAMILIES[entry["pronouns"]]
        where = body if entry["pronouns"] != "they" else phrase
        left = [w for w in re.findall(r"[a-z']+", where.lower().replace("’", "'")) if w in family]
        if left:
            errors.append(f"still in the third person ({', '.join(left)}) when written to them: {phrase!r}")
    return errors


def test_the_corpora_are_the_frozen_ones() -> None:
    for name, size in CORPUS_SIZES.items():
        assert sum(1 for m in MOMENTS if m["corpus"] == name) == size, name
    assert {m["form"] for m in MOMENTS} >= {"noun_phrase", "gerund", "past_verb", "sentence", "question", "first_person", "fragment"}


def corpus_misses(entries: list[dict]) -> list[str]:
    """The splice errors of every quoted moment in ``entries``, set into every note that uses it."""
    misses = []
    for entry in entries:
        if not quoted(entry):
            continue  # a note to self, or nothing to quote: never set into a note (see the next test)
        interview = record(entry["text"], entry["interviewer"])
        for note_type, tone, body in notes(interview, NOTE_TYPES):
            phrase = object_phrase(entry["text"], recipient=entry["interviewer"], formal=tone is Tone.FORMAL).phrase
            if note_type is not NoteType.THANK_YOU and phrase not in body:
                continue  # later notes refer back to the moment in some variants only
            misses += [f"{entry['text']!r}: {error}" for error in splice_errors(entry, body, phrase)]
    return misses


@pytest.mark.parametrize("form", sorted({m["form"] for m in MOMENTS}))
def test_moments_of_every_form_splice_cleanly(form: str) -> None:
    misses = corpus_misses([m for m in MOMENTS if m["form"] == form])
    assert not misses, f"{len(misses)} splice errors:\n" + "\n".join(sorted(set(misses))[:40])


def reminder(entry: dict) -> bool:
    """Whether the moment reads as a note to yourself (``guardrails/moment.toml``)."""
    fate = moment_fate(entry["text"], [entry["interviewer"]], POLICY)
    return any(finding.category == "reminder" for finding in fate.findings)


def test_reminders_to_self_are_never_quoted() -> None:
    reminders = [m for m in MOMENTS if reminder(m)]
    assert reminders, "the corpus holds notes to self ('remember to send the PDF')"
    writer = Writer(policy=POLICY, templates=DRAFTER, drafter=None)

    def bodies(moment: str | None, name: str) -> list[str]:
        request = NoteRequest(
            interview=record(moment, name), note_type=NoteType.THANK_YOU, recipient=name, signature="Sam Rivera", variants=3
        )
        return [draft.body for draft in writer.write_now(request)]

    for entry in reminders:
        assert bodies(entry["text"], entry["interviewer"]) == bodies(None, entry["interviewer"]), entry["text"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"company": "City of Austin"}, "the City of Austin"),
        ({"company": "The New York Times"}, "The New York Times"),
        ({"company": "Acme Inc."}, "Acme Inc."),
        ({"company": "U.S. Bank"}, "U.S. Bank"),
        ({"award": Award(name="the Turing Award", date=date(2026, 11, 28))}, "the Turing Award"),
        ({"award": Award(name="Kaggle Grandmaster", date=date(2026, 11, 28))}, "Kaggle Grandmaster status"),
        ({"award": Award(name="AWS Certified Developer", date=date(2026, 11, 28), relevance="It is the skill set the role centres on.")}, "the AWS Certified Developer certification"),
        ({"award": Award(name="Red Dot Design Award", date=date(2026, 11, 28), relevance="it recognizes work done at 3 a.m.")}, "3 a.m."),
        ({"mission": "making public transit data open to every city", "status": Status.REJECTED}, "your commitment to making public transit data open"),
        ({"mission": "They put patients first.", "status": Status.REJECTED}, "the way you put patients first"),
    ],
)
def test_other_record_slots_splice_cleanly(changes: dict, expected: str) -> None:
    interview = record("your story about the churn dashboard", "Jordan Lee", **changes)
    types = [*NOTE_TYPES, NoteType.FEEDBACK_REQUEST, NoteType.CONTINUED_INTEREST] if interview.status is Status.REJECTED else NOTE_TYPES
    bodies = [body for _, _, body in notes(interview, types)]
    assert any(expected in body for body in bodies), expected
    for body in bodies:
        assert not DOUBLED.search(mask_abbreviations(body)), body
        assert not re.search(r"\b(?:the|a|an) (?:the|a|an)\b", body, re.IGNORECASE), body
        assert "certification certification" not in body and "status status" not in body


# Moments in the corpora's style, each with a phrase that breaks in one of the ways above:
# the detector must see the break, and the rendering must not make it.
BREAKS = [
    ("q: how do you prioritise a backlog with no product owner?", "hearing that q: how do you prioritise a backlog with no product owner"),
    ("what would you cut from the build first? - I said the nightly job", "your question, “what would you cut from the build first?”, and I said the nightly job"),
    ("he switched to Spanish halfway to check my level... todo bien?", "your question about you switched to Spanish halfway to check my level"),
    ("not exactly a panel but she dropped in and asked about the audit", "hearing that not exactly a panel but you dropped in and asked about the audit"),
    ("she runs the lab with three techs by week 4. she trained at Leeds too", "hearing that you run the lab with three techs by week 4. she trained at Leeds too"),
    ("walked me round the dock they built last year. it took two years", "the part where you walked me round the dock they built last year. it took two years"),
    ("discharge planning for patients who live alone - she asked how I'd set it up", "our talk about discharge planning for patients who live alone, she asked how I'd set it up"),
    ("roadmaps so many roadmaps she hates them", "our talk about roadmaps so many roadmaps you hate them"),
    ("cocktail menu ideas!! she said try the mezcal one", "our talk about the cocktail menu ideas"),
    ("she said 'if it isn't in the runbook it didn't happen'", "hearing that 'if it isn't in the runbook it didn't happen'"),
    ("honestly can't remember, she was kind? something about parking", "our talk about can't remember, you were kind"),
]


@pytest.mark.parametrize(("text", "broken"), BREAKS)
def test_the_detector_sees_each_kind_of_break(text: str, broken: str) -> None:
    entry = {"text": text, "form": "other", "person": "third_interviewer", "pronouns": "she"}
    assert splice_errors(entry, f"I especially enjoyed {broken}. Thank you.", broken), broken


@pytest.mark.parametrize("text", [text for text, _ in BREAKS])
def test_moments_typed_those_ways_splice_cleanly(text: str) -> None:
    entry = {"text": text, "interviewer": "Ana Diaz", "form": "other", "person": "third_interviewer", "pronouns": "she"}
    if not quoted(entry):
        assert re.search(r"remember", text), f"withheld, yet it names something: {text!r}"
        return
    misses = []
    for note_type, tone, body in notes(record(text, "Ana Diaz"), NOTE_TYPES):
        phrase = object_phrase(text, recipient="Ana Diaz", formal=tone is Tone.FORMAL).phrase
        if note_type is NoteType.THANK_YOU or phrase in body:
            misses += splice_errors(entry, body, phrase)
    assert not misses, "\n".join(sorted(set(misses)))
