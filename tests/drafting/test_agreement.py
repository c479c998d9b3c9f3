"""Prompts, checks and templates agree, note type by note type.

Each rule a check enforces on the drafts' bar is asked for by the type's prompt and met
by every offline template; the templates read differently from one another (any two
variants under 0.6 alike, as the panel check measures), concise notes are clearly
shorter than warm ones, and no sentence is stock across a whole note type.
"""

from __future__ import annotations

import itertools
import re
import statistics
from datetime import date

import pytest

from afterview.checks import load_policy, run_checks
from afterview.checks.panel import similarity
from afterview.context import check_context
from afterview.domain import Award, CompetingOffer, Interview, Interviewer, NoteRequest, NoteType, Status, Tone, word_count
from afterview.drafting.frame import load_frame
from afterview.drafting.prompts import load_prompts, render
from afterview.drafting.templates import TemplateDrafter
from afterview.frozen import replace
from afterview.resources import data_dir

POLICY = load_policy(data_dir("guardrails"))
DRAFTER = TemplateDrafter()
MAX_SIMILARITY = 0.6
CONCISE_SHARE = 0.75

# What the prompt must say for each check that can hold a draft back.
ASKED_FOR = {
    "thanks": r"\bthank",
    "interest": r"remain (very )?interested|look forward to hearing|top choice|keep you in mind",
    "personal": r"\bmoment\b",
    "placeholders": r"no placeholders",
    "sensitive": r"personal traits",
    "grounding": r"never invent",
    "cliches": r"clich",
}
ASKS = {
    NoteType.FOLLOW_UP: [r"additional information"],
    NoteType.COMPETING_OFFER: [r"top choice", r"deadline", r"decide before then", r"no threats"],
    NoteType.AWARD_UPDATE: [r"award"],
    NoteType.FEEDBACK_REQUEST: [r"constructive feedback"],
    NoteType.CONTINUED_INTEREST: [r"keep you in mind"],
}


def record(**changes: object) -> Interview:
    """A full record: moment, decision date, offer, award, mission; ``changes`` override."""
    fields: dict[str, object] = {
        "candidate": "Sam Rivera",
        "company": "City of Austin",
        "role": "Data Engineer",
        "interview_date": date(2026, 11, 18),
        "decision_date": date(2026, 11, 25),
        "status": Status.AWAITING,
        "mission": "making public transit data open to every city",
        "interviewers": [
            Interviewer(name="Dr. Amara Okonkwo", moment="She mentioned her team just moved to Kubernetes.", contact=True)
        ],
        "competing_offer": CompetingOffer(company="Contoso", deadline=date(2026, 12, 1)),
        "award": Award(name="Red Dot Design Award", date=date(2026, 11, 28), relevance="it recognizes the pipeline work this role centers on"),
    }
    fields.update(changes)
    return Interview(**fields)


def situations(note_type: NoteType) -> list[NoteRequest]:
    """Requests for every situation a note of this type can meet (status, missing facts, second follow-up)."""
    statuses = {
        NoteType.THANK_YOU: list(Status),
        NoteType.FEEDBACK_REQUEST: [Status.REJECTED],
        NoteType.CONTINUED_INTEREST: [Status.REJECTED],
    }.get(note_type, [Status.AWAITING])
    person = record().interviewers[0]
    variations = [
        {},
        {"decision_date": None, "mission": None},
        {"interviewers": [replace(person, moment=None)], "award": replace(record().award, relevance=None)},
    ]
    requests = []
    for status, changes, tone in itertools.product(statuses, variations, Tone):
        interview = record(status=status, **changes)
        base = NoteRequest(interview=interview, note_type=note_type, recipient=person.name, tone=tone, signature="Sam Rivera")
        requests.append(base)
        if note_type is NoteType.FOLLOW_UP:
            requests.append(replace(base, follow_ups_sent=1))
    return requests


def bodies(request: NoteRequest) -> list[str]:
    """Every variant's body paragraphs (no greeting, no sign-off) for ``request``."""
    count = DRAFTER.variant_count(request.note_type, request.tone, request)
    return ["\n\n".join(DRAFTER.render(request, v).body.split("\n\n")[1:-1]) for v in range(count)]


def blocking_checks(note_type: NoteType) -> set[str]:
    """The checks that can hold a draft of this type back on the drafts' bar."""
    rules = POLICY.type_rules(note_type.value)
    found = {"placeholders", "sensitive", "grounding", "cliches", "brevity"}
    # What the type's lesson asks for (policy.toml [types]): thanks, interest, the moment, the ask.
    found |= {check for check in ("thanks", "interest", "personal", "asks") if rules.severity(check) != "off"}
    return found


@pytest.mark.parametrize("note_type", list(NoteType))
def test_the_prompt_asks_for_every_rule_the_checks_enforce(note_type: NoteType) -> None:
    prompts = load_prompts()
    for request in situations(note_type)[:3]:
        prompt = render(prompts, request, load_frame().variables(request))
        text = f"{prompt.system}\n{prompt.user}"
        for check in blocking_checks(note_type):
            if check == "brevity":
                low, high = prompts.words(note_type, request.tone)
                assert f"{low} to {high} words" in text
                policy_low, policy_high = POLICY.type_rules(note_type.value).words
                assert policy_low <= low <= high <= policy_high
            elif check == "asks":
                for pattern in ASKS[note_type]:
                    assert re.search(pattern, prompt.user), (note_type, pattern)
            else:
                assert re.search(ASKED_FOR[check], text, re.I), (note_type, check)
        assert f'<field name="status">{request.interview.status.value}</field>' in prompt.user


@pytest.mark.parametrize("note_type", list(NoteType))
def test_every_template_meets_every_check_in_every_situation(note_type: NoteType) -> None:
    for request in situations(note_type):
        context = check_context(request.interview, note_type, request.recipient, POLICY)
        for variant in range(DRAFTER.variant_count(note_type, request.tone, request)):
            body = DRAFTER.render(request, variant).body
            report = run_checks(body, context, POLICY, drafts_bar=True)
            noisy = [f for f in report.findings if f.severity in ("block", "warn")]
            assert not noisy, f"{request.tone} v{variant} {request.interview.status}:\n{body}\n{report.as_feedback()}"


def test_the_follow_up_prompt_asks_for_a_timeline_only_without_a_decision_date() -> None:
    prompts = load_prompts()
    person = record().interviewers[0]
    for decision in (date(2026, 11, 25), None):
        request = NoteRequest(interview=record(decision_date=decision), note_type=NoteType.FOLLOW_UP, recipient=person.name, signature="Sam")
        user = render(prompts, request, load_frame().variables(request)).user
        assert ("decision date has passed" in user) == (decision is not None)
        assert ("ask politely when they expect to decide" in user) == (decision is None)
        second = render(prompts, replace(request, follow_ups_sent=1), load_frame().variables(
            replace(request, follow_ups_sent=1)
        )).user
        assert "this second one is the last" in second and "this second one is the last" not in user


def test_the_thank_you_prompt_knows_the_status() -> None:
    prompts = load_prompts()
    for status in Status:
        request = NoteRequest(interview=record(status=status), note_type=NoteType.THANK_YOU, recipient="Dr. Amara Okonkwo", signature="Sam")
        user = render(prompts, request, load_frame().variables(request)).user
        assert ("They have not decided yet" in user) == (status is Status.AWAITING)
        assert ("do not say you look forward" in user) == (status is not Status.AWAITING)


def test_the_competing_offer_never_names_the_rival() -> None:
    prompts = load_prompts()
    for request in situations(NoteType.COMPETING_OFFER):
        assert "Contoso" not in render(prompts, request, load_frame().variables(request)).user
        assert not any("Contoso" in body for body in bodies(request))


def test_continued_interest_praises_the_mission_only_when_recorded() -> None:
    prompts = load_prompts()
    for mission in ("making public transit data open to every city", None):
        request = NoteRequest(
            interview=record(status=Status.REJECTED, mission=mission), note_type=NoteType.CONTINUED_INTEREST,
            recipient="Dr. Amara Okonkwo", signature="Sam",
        )
        user = render(prompts, request, load_frame().variables(request)).user
        assert ("do not praise the company's mission" in user) == (mission is None)
        for tone in Tone:
            for body in bodies(replace(request, tone=tone)):
                assert ("mission" in body.lower() or "values" in body.lower()) <= (mission is not None), body


@pytest.mark.parametrize(("note_type", "tone"), list(itertools.product(NoteType, Tone)))
def test_any_two_variants_read_under_the_similarity_limit(note_type: NoteType, tone: Tone) -> None:
    for request in situations(note_type):
        if request.tone is not tone:
            continue
        texts = bodies(request)
        assert len(texts) >= (3 if request.follow_ups_sent else 6)
        for (i, a), (j, b) in itertools.combinations(enumerate(texts), 2):
            assert similarity(a, b) < MAX_SIMILARITY, (request.interview.status, i, j, a, b)


@pytest.mark.parametrize("note_type", list(NoteType))
def test_concise_notes_are_clearly_shorter_and_every_tone_keeps_its_range(note_type: NoteType) -> None:
    prompts = load_prompts()
    request = situations(note_type)[0]
    medians = {}
    for tone in Tone:
        counts = [word_count(body) for body in bodies(replace(request, tone=tone))]
        low, high = prompts.words(note_type, tone)
        assert all(low <= c <= high for c in counts), (tone, counts, (low, high))
        medians[tone] = statistics.median(counts)
    assert medians[Tone.CONCISE] <= CONCISE_SHARE * medians[Tone.WARM], medians


@pytest.mark.parametrize("note_type", list(NoteType))
def test_no_sentence_is_stock_across_a_note_type(note_type: NoteType) -> None:
    request = situations(note_type)[0]
    per_variant = [
        set(re.split(r"(?<=[.?!])\s+", body.replace("\n\n", " ")))
        for tone in Tone
        for body in bodies(replace(request, tone=tone))
    ]
    assert set.intersection(*per_variant) == set()
    for sentence in set.union(*per_variant):
        share = sum(sentence in variant for variant in per_variant) / len(per_variant)
        assert share <= 0.25, (sentence, share)


def test_a_same_day_thank_you_never_says_ever_since_or_thanks_again_first() -> None:
    for request in situations(NoteType.THANK_YOU):
        for body in bodies(request):
            assert "ever since" not in body.lower()
            assert not body.lower().startswith(("thank you again", "thanks again"))


# How the privacy notice names each fact a prompt can send.
SENT_AS = {
    "full_name": "the recipient's name",
    "title": "title",
    "company": "company",
    "role": "role",
    "status": "status",
    "interview_date": "interview and decision dates",
    "decision_date": "interview and decision dates",
    "moment": "the memorable moment",
    "mission": "what you admire about the organisation",
    "award": "award",
    "award_date": "award",
    "relevance": "award",
    "deadline": "competing offer's deadline",
}
FLAGS = {"awaiting", "second_follow_up"}  # present or absent, never sent as text


def test_the_privacy_notice_names_every_fact_a_prompt_sends() -> None:
    from afterview.services import SENT_FIELDS

    prompts = load_prompts()
    sent = {name for note in prompts.notes.values() for name in note.facts} - FLAGS
    assert sent <= set(SENT_AS), sorted(sent - set(SENT_AS))
    for name in sent:
        assert SENT_AS[name] in SENT_FIELDS, name
    assert "offer_company" not in sent and "signature" not in sent
