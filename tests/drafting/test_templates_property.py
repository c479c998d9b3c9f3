"""Property: every offline draft for any valid record meets the drafts' bar.

For random valid interview records (people's names, company and role up to the
80-character cap, 40-word moments, non-Latin names, moments that touch a protected characteristic
and are therefore withheld, awards with and without relevance, competing offers),
every note type the record allows, in every tone and every variant, passes
``run_checks(..., drafts_bar=True)``.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview.checks import load_policy, run_checks
from afterview.context import check_context
from afterview.domain import (
    MOMENT_MAX_WORDS,
    NAME_MAX_CHARS,
    RELEVANCE_MAX_WORDS,
    Award,
    CompetingOffer,
    Interview,
    Interviewer,
    NoteRequest,
    NoteType,
    Status,
    Tone,
)
from afterview.drafting.templates import TemplateDrafter
from afterview.frozen import replace
from afterview.resources import data_dir

# Words for organization names and role titles, including ones that trip naive
# sensitive-word lists ("Senior", "Native"): the record's names are masked before checks.
NAME_WORDS = [
    "Northwind", "Analytics", "Data", "Platform", "Cloud", "Systems", "Labs", "Group", "Partners",
    "Engineering", "Research", "Digital", "Software", "Engineer", "Senior", "Staff", "Principal",
    "Product", "Manager", "Designer", "Scientist", "Operations", "Finance", "Logistics", "Services",
    "Global", "Native", "Mobile", "Payments", "Security", "Infrastructure", "Reliability", "Team",
    "Lead", "Head", "Marketing", "Growth", "Studio", "Works", "Foundry", "Insights", "Networks",
]
FIXED_COMPANIES = [
    "Contoso", "City of Austin", "Gates Foundation", "University of Toronto", "株式会社ノースウィンド", "شركة البيانات", "Temple University", "Young & Rubicam",
    "St. Jude Children's Research Hospital", "Acme Inc.", "O'Reilly Media",
]
PEOPLE = [
    "Jordan Lee", "李雷", "محمد", "José Núñez", "Anne-Marie O'Brien", "Nguyễn Thị Minh",
    "Faith Christian", "Grace Hope", "Dr. Priya Nair", "Kwame", "Zoë Müller-Lüdenscheidt",
    "Rev. Thomas Ashford", "Judge Ana Ruiz", "Prof. Maria de la Cruz", "Captain Ravi Menon",
]
ADDRESS_AS = [None, None, "Dr. Okonkwo", "Bob", "Ms. Wang"]
MISSIONS = [None, "making public transit data open to every city", "to put patients first", "open science"]
# Parts of long personal names, to build names at the 80-character cap.
NAME_PARTS = [
    "Bartholomew", "Fitzwilliam", "Montgomery-Ashcroft", "Pemberton", "of", "Little", "Snoring",
    "María", "José", "de", "la", "Cruz", "Wolfeschlegelsteinhausen", "von", "Habsburg", "Ng", "Li",
]
# Safe moments, some of them the false-positive traps the checks must not flag.
SAFE_MOMENTS = [
    "your story about rebuilding the churn dashboard",
    "Your story about rebuilding the churn dashboard.",
    "the whiteboard exercise on rate limiting",
    "hearing how the team cut query latency by 40 percent",
    "the race condition you described in the scheduler",
    "your plan to retire the legacy billing system",
    "how the team runs its weekly design review",
]
MOMENT_WORDS = [
    "dashboard", "pipeline", "roadmap", "migration", "latency", "customers", "rollout", "experiment",
    "onboarding", "billing", "search", "ranking", "metrics", "release", "planning", "design", "review",
    "testing", "incident", "queue", "cache", "schema", "service", "checkout", "pricing", "warehouse",
    "forecast", "tooling", "launch", "the", "and", "of", "for", "with", "how", "new", "shared",
]
# Moments that touch a protected characteristic: the writer withholds them.
SENSITIVE_MOMENTS = [
    "your story about your pregnancy leave",
    "how your church group started the meetup",
    "our chat about my age and retirement plans",
    "the talk about your kids and family life",
    "your question about my disability",
    "learning that we are both immigrants from the same country",
]
SIGNATURE_BLOCKS = [
    None,
    "Data Engineer",
    "sam@example.com\nlinkedin.com/in/samrivera",
    "Sam Rivera\nSenior Data Engineer\n+1 555 0100\nPronouns: they/them",
]

POLICY = load_policy(data_dir("guardrails"))
DRAFTER = TemplateDrafter()


def capped(words: list[str]) -> str:
    """Join words and cut to exactly the name cap (a long title or company at the limit)."""
    text = " ".join(words)
    while len(text) < NAME_MAX_CHARS:
        text = f"{text} {words[len(text) % len(words)]}"
    text = text[:NAME_MAX_CHARS]
    return text if not text.endswith(" ") else text[:-1] + "X"


def org_names() -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=6)
    return st.one_of(
        st.sampled_from(FIXED_COMPANIES),
        words.map(" ".join),
        st.lists(st.sampled_from(NAME_WORDS), min_size=3, max_size=12).map(capped),
    )


def person_names() -> st.SearchStrategy[str]:
    capped_names = st.lists(st.sampled_from(NAME_PARTS), min_size=3, max_size=10).map(capped)
    return st.one_of(
        st.sampled_from(PEOPLE),
        capped_names,
        capped_names.map(lambda name: f"Dr. {name}"[:NAME_MAX_CHARS].rstrip()),
    )


def random_moment(max_words: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(MOMENT_WORDS), min_size=1, max_size=max_words - 3).map(
        lambda words: "your notes on " + " ".join(words)
    )


@st.composite
def records(draw: st.DrawFn) -> tuple[Interview, dict[str, bool]]:
    """A valid interview and, per interviewer, whether their moment is withheld."""
    names = draw(st.lists(person_names(), min_size=1, max_size=3, unique_by=str.casefold))
    withheld: dict[str, bool] = {}
    people = []
    for name in names:
        kind = draw(st.sampled_from(["none", "safe", "random", "long", "sensitive"]))
        moment = None
        if kind == "safe":
            moment = draw(st.sampled_from(SAFE_MOMENTS))
        elif kind == "random":
            moment = draw(random_moment(MOMENT_MAX_WORDS))
        elif kind == "long":
            moment = "your notes on " + " ".join(draw(st.lists(st.sampled_from(MOMENT_WORDS), min_size=37, max_size=37)))
        elif kind == "sensitive":
            moment = draw(st.sampled_from(SENSITIVE_MOMENTS))
        withheld[name] = kind == "sensitive"
        people.append(Interviewer(name=name, moment=moment, address_as=draw(st.sampled_from(ADDRESS_AS))))
    contact = draw(st.integers(0, len(people) - 1))
    people[contact] = replace(people[contact], contact=True)

    interviewed = draw(st.dates(date(2025, 1, 1), date(2027, 12, 31)))
    decision = draw(st.none() | st.integers(0, 30).map(lambda d: interviewed + timedelta(days=d)))
    offer = draw(
        st.none()
        | st.builds(
            CompetingOffer,
            company=org_names(),
            deadline=st.integers(1, 40).map(lambda d: interviewed + timedelta(days=d)),
        )
    )
    relevance = draw(
        st.none()
        | st.sampled_from(["it recognizes the pipeline work this role centers on", "It rewards reliable data tooling."])
        | st.lists(st.sampled_from(MOMENT_WORDS), min_size=1, max_size=RELEVANCE_MAX_WORDS - 2).map(
            lambda words: "it recognizes " + " ".join(words)
        )
    )
    award = draw(
        st.none()
        | st.builds(
            Award,
            name=org_names(),
            date=st.integers(0, 30).map(lambda d: interviewed + timedelta(days=d)),
            relevance=st.just(relevance),
        )
    )
    interview = Interview(
        candidate=draw(st.sampled_from([None, "Sam Rivera", "李雷", "محمد"])),
        company=draw(org_names()),
        role=draw(org_names()),
        interview_date=interviewed,
        decision_date=decision,
        status=draw(st.sampled_from(list(Status))),
        interviewers=people,
        competing_offer=offer,
        award=award,
        mission=draw(st.sampled_from(MISSIONS)),
    )
    return interview, withheld


def allowed_notes(interview: Interview) -> list[NoteType]:
    """The note types this record supports (the timing advisor's preconditions)."""
    notes = [NoteType.THANK_YOU]
    if interview.decision_date:
        notes.append(NoteType.FOLLOW_UP)
    if interview.competing_offer:
        notes.append(NoteType.COMPETING_OFFER)
    if interview.award:
        notes.append(NoteType.AWARD_UPDATE)
    if interview.status is Status.REJECTED:
        notes += [NoteType.FEEDBACK_REQUEST, NoteType.CONTINUED_INTEREST]
    return notes


@pytest.mark.slow
# AFTERVIEW_PROPERTY_EXAMPLES raises the example count for a deeper run (e.g. 1500).
@settings(
    max_examples=int(os.environ.get("AFTERVIEW_PROPERTY_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(record=records(), block=st.sampled_from(SIGNATURE_BLOCKS))
def test_every_variant_meets_the_drafts_bar(record: tuple[Interview, dict[str, bool]], block: str | None) -> None:
    interview, withheld = record
    signature = interview.candidate or "Sam Rivera"
    for note_type in allowed_notes(interview):
        recipients = [p.name for p in interview.interviewers] if note_type is NoteType.THANK_YOU else [interview.contact.name]
        for recipient in recipients:
            context = check_context(interview, note_type, recipient, POLICY)
            if withheld[recipient] and not context.moment_withheld:
                # A moment withheld for any reason: the note speaks of the conversation in general.
                context = replace(context, moment=None, moment_withheld=True)
            hide = context.moment_withheld
            for tone in Tone:
                request = NoteRequest(
                    interview=interview,
                    note_type=note_type,
                    recipient=recipient,
                    tone=tone,
                    signature=signature,
                    signature_block=block,
                    moment_withheld=hide,
                )
                requests = [request]
                if note_type is NoteType.FOLLOW_UP:
                    requests.append(replace(request, follow_ups_sent=1))
                for request, variant in (
                    (r, v) for r in requests for v in range(DRAFTER.variant_count(note_type, tone, r))
                ):
                    text = DRAFTER.render(request, variant)
                    # The body as the writer checks it, and the exported shape with its subject line.
                    for note in (text.body, f"Subject: {text.subject}\n\n{text.body}"):
                        report = run_checks(note, context, POLICY, drafts_bar=True)
                        assert report.passed, f"{note_type} {tone} v{variant}:\n{note}\n{report.as_feedback()}"
