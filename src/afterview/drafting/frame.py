"""The note frame every drafter shares: subject line, greeting, sign-off and signature.

A drafter writes only the body paragraphs; the frame puts the greeting above them and
the sign-off, the signature name and the optional signature block below, and picks a
subject line. The wording lives in ``prompts/offline/frame.toml``; this module loads
and validates it once per process and fills it from a ``NoteRequest``.

The values a template may use (``{role}``, ``{moment}``..., named in ``datafile``) are filled here, so the
offline templates and the frame agree on names and on formatting: dates read
"December 1"; a moment is rephrased to complete "I especially enjoyed ..." and written
to its reader (``afterview.drafting.moments``); an organisation gets "the" where English
needs one ("the City of Austin"); an award reads as one ("the Red Dot Design Award",
"Kaggle Grandmaster status", "the AWS Certified Developer certification"). Some values
are flags, present or absent with no text: ``awaiting`` (no decision yet, so a note may
look forward to hearing from them) and ``second_follow_up``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

# The checks write dates the same way, so the grounding check reads back what the frame
# wrote (and neither depends on the process locale, as strftime's %B would).
from afterview.checks.dates import spoken as spoken_date
from afterview.domain import Interviewer, NoteRequest, NoteType, Status, Tone, word_count
from afterview.drafting.datafile import (
    ALWAYS_VARIABLES,
    KNOWN_VARIABLES,
    OPTIONAL_VARIABLES,
    FileChecker,
    TemplateError,
    read_toml,
    template_fields,
)
from afterview.drafting.moments import object_phrase
from afterview.drafting.record_phrases import mission_phrase, relevance_clause
from afterview.frozen import NamedTuple
from afterview.resources import data_dir

__all__ = [
    "ALWAYS_VARIABLES",
    "KNOWN_VARIABLES",
    "OPTIONAL_VARIABLES",
    "FileChecker",
    "NoteFrame",
    "TemplateError",
    "load_frame",
    "offline_dir",
    "read_toml",
    "spoken_date",
    "template_fields",
    "tidy",
]

FRAME_FILE = "frame.toml"



_GREETING_VARIABLES = frozenset({"first_name", "full_name"})
_WORD_LISTS = (
    "given_name_titles",
    "surname_particles",
    "article_prefixes",
    "article_suffixes",
    "article_before_of",
    "status_words",
    "certification_words",
    "title_words",
    "event_words",
)


def tidy(text: str) -> str:
    """Fix the seams a fill can leave: doubled full stops, spaces before punctuation."""
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
    text = re.sub(r"([?!][”\"’])\.", r"\1", text)  # a quoted question ends the sentence itself
    text = re.sub(r" +([,.;:?!])", r"\1", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


class NoteFrame(NamedTuple):
    """Subject lines, greetings and sign-offs, loaded from ``frame.toml``.

    Attributes:
        version: the offline set's version string (``offline-1``), stored with drafts.
        greetings: per tone, a template using ``{first_name}`` or ``{full_name}``.
        sign_offs: per tone, the sign-off lines; variant ``i`` uses ``i % len``.
        subjects: per note type, candidate subject templates in order of preference.
        subject_words: inclusive (min, max) word count a subject should have.
        greeting_name_words: a name with more words than this is greeted by its given
            name alone; the checks stop reading a line as a greeting when it runs longer.
        honorifics: words (casefolded, without a full stop) that start a name but are
            not a first name; "Dr. Amara Okonkwo" is greeted "Dr. Okonkwo", never "Dr.".
        given_name_titles: honorifics used with the given name ("Sir John", "Sister Mary").
        surname_particles: words that belong to a surname ("de la Cruz", "van Dijk").
        article_prefixes / article_suffixes / article_before_of: organisation names that
            take "the" in a sentence ("Royal ...", "... Foundation", "Superior Court of
            ..."), compared ignoring case.
        status_words / certification_words: an award name ending in a status word reads
            "<name> status"; one holding a certification word reads "the <name>
            certification" (unless it says "certification" or "certificate" itself).
        title_words: an award name holding one of these names a title a person holds
            ("Customer Advocate of the Year") and reads "the title of <name>".
        event_words: an award name ending in one of these (a year after it aside) names
            the event that gives prizes ("Northern Plains Bread Awards", "Open Transit
            Hack 2026") and reads "an award at the <name>".
    """

    version: str
    greetings: Mapping[Tone, str]
    sign_offs: Mapping[Tone, tuple[str, ...]]
    subjects: Mapping[NoteType, tuple[str, ...]]
    subject_words: tuple[int, int]
    greeting_name_words: int
    honorifics: frozenset[str]
    given_name_titles: frozenset[str] = frozenset()
    surname_particles: frozenset[str] = frozenset()
    article_prefixes: tuple[str, ...] = ()
    article_suffixes: tuple[str, ...] = ()
    article_before_of: frozenset[str] = frozenset()
    status_words: frozenset[str] = frozenset()
    certification_words: frozenset[str] = frozenset()
    title_words: tuple[str, ...] = ()
    event_words: frozenset[str] = frozenset()

    def variables(self, request: NoteRequest, *, subject: bool = False) -> dict[str, str]:
        """The values templates can use; optional ones only when the record has them.

        ``subject``: for a subject line, the company as recorded ("City of Austin"
        interview); in a sentence it gets its article ("at the City of Austin").
        """
        interview = request.interview
        person = request.interviewer
        values = {
            "first_name": self.first_name(person),
            "full_name": person.name,
            "company": self.organisation(interview.company),
            "role": interview.role,
            "interview_date": spoken_date(interview.interview_date),
            "status": interview.status.value,
            "signature": request.signature,
        }
        if person.title:
            values["title"] = person.title
        if request.moment:  # None when withheld: the writer asks ``checks.moment`` first
            rendered = object_phrase(request.moment, recipient=person.name, formal=request.tone is Tone.FORMAL)
            values["moment"] = rendered.phrase
        if interview.decision_date:
            values["decision_date"] = spoken_date(interview.decision_date)
        if interview.competing_offer:
            values["offer_company"] = interview.competing_offer.company
            values["deadline"] = spoken_date(interview.competing_offer.deadline)
        if interview.award:
            values["award"] = self.award_phrase(interview.award.name)
            values["award_date"] = spoken_date(interview.award.date)
            if interview.award.relevance:
                values["relevance"] = relevance_clause(interview.award.relevance)
        if interview.mission:
            values["mission"] = mission_phrase(interview.mission)
        if interview.status is Status.AWAITING:
            values["awaiting"] = ""
        if request.note_type is NoteType.FOLLOW_UP and request.follow_ups_sent >= 1:
            values["second_follow_up"] = ""
        return _for_subject(values, request) if subject else values

    def organisation(self, name: str) -> str:
        """The organisation as it reads in a sentence: "the City of Austin", "Northwind"."""
        folded = name.casefold()
        if folded.startswith("the "):
            return name
        if folded.startswith(self.article_prefixes) or folded.endswith(self.article_suffixes):
            return f"the {name}"
        for link in (" of ", " for "):
            before = folded.partition(link)[0].split()
            if link in folded and before and before[-1] in self.article_before_of:
                return f"the {name}"  # "Superior Court of Marlow County", "Institute for Structural Biology"
        return name

    def award_phrase(self, name: str) -> str:
        """An award as the object of "I received ...", with the article or wording it needs."""
        words = name.split()
        folded = [w.casefold().strip(".,") for w in words]
        if folded[0] in ("the", "a", "an", "my"):
            return name
        if folded[-1] in self.status_words:
            return f"{name} status"
        spaced = f" {' '.join(folded)} "
        if any(f" {title} " in spaced for title in self.title_words):
            return f"the title of {name}"  # "the title of Retail Leader of the Year", not "the Retail Leader ..."
        last = folded[-2] if len(folded) > 1 and folded[-1].isdigit() else folded[-1]
        if last in self.event_words:
            return f"an award at the {name}"  # "an award at the Bread Awards", not "the Bread Awards"
        if any(w in ("certification", "certificate") for w in folded):
            return f"the {name}"
        if any(w in self.certification_words for w in folded):
            return f"the {name} certification"
        return f"the {name}"

    def addressee(self, person: Interviewer) -> str | None:
        """How a titled or specially addressed person is greeted, or None for the plain name.

        ``address_as`` wins; a title before the name greets with the surname ("Dr.
        Okonkwo", "Judge de la Cruz"), or the given name for titles used that way ("Sir
        John").
        """
        if person.address_as:
            return person.address_as
        words = person.name.replace(",", " ").split()
        if len(words) < 2 or words[0].rstrip(".").casefold() not in self.honorifics:
            return None
        title, rest = words[0], words[1:]
        while len(rest) > 1 and rest[-1].rstrip(".").casefold() in ("jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"):
            rest = rest[:-1]
        if title.rstrip(".").casefold() in self.given_name_titles:
            return f"{title} {rest[0]}"
        after_given = rest[1:]
        start = next((i for i, w in enumerate(after_given) if w.casefold() in self.surname_particles), None)
        surname = after_given[start:] if start is not None and start < len(after_given) - 1 else rest[-1:]
        if len(surname) >= self.greeting_name_words:  # "de de de ...": no sure surname, so the last word
            surname = rest[-1:]
        return f"{title} {' '.join(surname)}"

    def first_name(self, person: Interviewer) -> str:
        """The name a first-name greeting uses: the first word, unless it is an honorific."""
        first = person.first_name
        if first.rstrip(".").casefold() in self.honorifics:
            return person.name
        return first

    def given_name(self, person: Interviewer) -> str:
        """The first word of the name that is not an honorific ("Dr. Priya Nair" -> "Priya")."""
        words = person.name.split()
        return next((w for w in words if w.rstrip(".").casefold() not in self.honorifics), words[0])

    def greeting(self, request: NoteRequest, values: Mapping[str, str] | None = None) -> str:
        """The greeting line for the request's tone: ``Dear Jordan,`` / ``Hi Jordan,``.

        A name longer than ``greeting_name_words`` is greeted by its given name alone.
        ``values``: the request's ``variables``, when the caller has them already.
        """
        values = self.variables(request) if values is None else dict(values)
        person = request.interviewer
        special = self.addressee(person)
        if special:
            values["first_name"] = values["full_name"] = special
        elif len(person.name.split()) > self.greeting_name_words:
            values["first_name"] = values["full_name"] = self.given_name(person)
        return self.greetings[request.tone].format_map(values)

    def closing(self, request: NoteRequest, variant: int = 0) -> str:
        """Sign-off, signature name and the signature block's lines, one per line.

        A block that starts with the signature name (a common way to write one) does
        not repeat it.
        """
        offs = self.sign_offs[request.tone]
        name = request.signature.strip()
        lines = [offs[variant % len(offs)], name]
        if request.signature_block:
            block = [line.rstrip() for line in request.signature_block.strip("\n").splitlines()]
            if block and block[0].strip() == name:
                block = block[1:]
            lines.extend(block)
        return "\n".join(lines)

    def subject(self, request: NoteRequest, variant: int = 0, values: Mapping[str, str] | None = None) -> str:
        """A subject line for the note type that names the role or company.

        Candidates are tried starting at ``variant``; the first whose word count is
        within ``subject_words`` wins. When long names push every candidate over the
        limit, the shortest one is used rather than dropping the role and company.
        ``values``: the request's ``variables`` for a sentence, when the caller has them already.
        """
        values = self.variables(request, subject=True) if values is None else _for_subject(values, request)
        options = self.subjects[request.note_type]
        rotated = [options[(variant + i) % len(options)] for i in range(len(options))]
        filled = [tidy(template.format_map(values)) for template in rotated]
        low, high = self.subject_words
        for subject in filled:
            if low <= word_count(subject) <= high:
                return subject
        return min(filled, key=word_count)

    def body(
        self, request: NoteRequest, paragraphs: Sequence[str], variant: int = 0, values: Mapping[str, str] | None = None
    ) -> str:
        """The whole note body: greeting, the paragraphs, then the closing (``values``: as for ``greeting``)."""
        middle = "\n\n".join(p.strip() for p in paragraphs if p.strip())
        return f"{self.greeting(request, values)}\n\n{middle}\n\n{self.closing(request, variant)}"


def _for_subject(values: Mapping[str, str], request: NoteRequest) -> dict[str, str]:
    """A sentence's values (``NoteFrame.variables``) as a subject line reads them: the company as recorded."""
    return {**values, "company": request.interview.company}


def offline_dir() -> Path:
    """The folder of the offline template set (``prompts/offline``)."""
    return data_dir("prompts") / "offline"


def load_frame(directory: Path | None = None) -> NoteFrame:
    """Load and validate ``frame.toml`` from ``directory`` (default: the offline set).

    Loaded once per folder per process.

    Raises:
        TemplateError: the file is missing or malformed; the message names file and key.
    """
    return _load_frame_cached((directory or offline_dir()).resolve())


@lru_cache(maxsize=8)
def _load_frame_cached(directory: Path) -> NoteFrame:
    path = directory / FRAME_FILE
    data = read_toml(path)
    problem = FileChecker(path)
    top_keys = {"version", "subject_words", "greeting_name_words", "honorifics", *_WORD_LISTS}
    problem.no_extra(data, "", top_keys | {"greetings", "sign_offs", "subjects"})

    version = problem.string(data, "version")
    bounds = data.get("subject_words")
    if not (isinstance(bounds, list) and len(bounds) == 2 and all(type(b) is int for b in bounds) and 0 < bounds[0] <= bounds[1]):
        problem.fail("subject_words", "must be two whole numbers [min, max] with 0 < min <= max")
    name_words = data.get("greeting_name_words")
    if type(name_words) is not int or name_words < 1:
        problem.fail("greeting_name_words", "must be a whole number of at least 1")

    greetings_table = problem.table(data, "greetings")
    problem.no_extra(greetings_table, "greetings", {t.value for t in Tone})
    greetings: dict[Tone, str] = {}
    for tone in Tone:
        text = problem.string(greetings_table, tone.value, prefix="greetings")
        problem.fields(text, f"greetings.{tone.value}", _GREETING_VARIABLES)
        greetings[tone] = text

    offs_table = problem.table(data, "sign_offs")
    problem.no_extra(offs_table, "sign_offs", {t.value for t in Tone})
    sign_offs = {tone: problem.strings(offs_table, tone.value, prefix="sign_offs") for tone in Tone}
    for tone, lines in sign_offs.items():
        for i, line in enumerate(lines):
            problem.fields(line, f"sign_offs.{tone.value}[{i}]", frozenset())

    subjects_table = problem.table(data, "subjects")
    problem.no_extra(subjects_table, "subjects", {t.value for t in NoteType})
    subjects = {nt: problem.strings(subjects_table, nt.value, prefix="subjects") for nt in NoteType}
    for nt, options in subjects.items():
        for i, text in enumerate(options):
            problem.fields(text, f"subjects.{nt.value}[{i}]", frozenset(ALWAYS_VARIABLES))

    return NoteFrame(
        version=version,
        greetings=greetings,
        sign_offs=sign_offs,
        subjects=subjects,
        subject_words=(bounds[0], bounds[1]),
        greeting_name_words=name_words,
        honorifics=frozenset(w.rstrip(".").casefold() for w in problem.strings(data, "honorifics")),
        given_name_titles=frozenset(w.rstrip(".").casefold() for w in problem.strings(data, "given_name_titles")),
        surname_particles=frozenset(w.casefold() for w in problem.strings(data, "surname_particles")),
        article_prefixes=tuple(w.casefold() + " " for w in problem.strings(data, "article_prefixes")),
        article_suffixes=tuple(" " + w.casefold() for w in problem.strings(data, "article_suffixes")),
        article_before_of=frozenset(w.casefold() for w in problem.strings(data, "article_before_of")),
        status_words=frozenset(w.casefold() for w in problem.strings(data, "status_words")),
        certification_words=frozenset(w.casefold() for w in problem.strings(data, "certification_words")),
        # Optional, so a prompts folder copied before it existed still loads.
        title_words=tuple(w.casefold() for w in problem.strings(data, "title_words")) if "title_words" in data else (),
        event_words=frozenset(w.casefold() for w in problem.strings(data, "event_words")) if "event_words" in data else frozenset(),
    )


