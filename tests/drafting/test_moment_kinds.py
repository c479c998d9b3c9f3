"""Moments of the kinds a reader finds wrong, each told back the way a person would.

Each kind is a rule of the rephrasing, not a single example: who asked a question, who
did a past act, whether a gerund was the candidate's, a mishap, a statement after its
topic, agreement after "and", shouting, faces, shorthand. The examples are written for
this file; ``moments_kinds.toml`` holds more of each, typed every way, and must set
into every note with no splice error.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from test_moment_splices import corpus_misses

from afterview.drafting.moments import object_phrase

KINDS = [
    # A question typed with "you" as its subject was put to the candidate.
    ("how would you onboard a new picker in week one?", "your question about how I would onboard a new picker in week one"),
    ("What would you cut first if the budget halved?", "your question about what I would cut first if the budget halved"),
    ("whats the hardest call youve had to make", "your question about the hardest call I've had to make"),
    ("if you ran the ward for a day, what would you change?", "your question about what I would change if I ran the ward for a day"),
    ("how I'd calm an angry parent", "your question about how I'd calm an angry parent"),
    # ... unless it asks about the reader or their workplace.
    ("what made you leave consulting?", "hearing what made you leave consulting"),
    ("What's the best part of working here?", "our talk about the best part of working here"),
    # Talk is what was heard; a story of their own work is how they did it; acts in the room stay events.
    ("talked about his first year running the depot", "hearing about your first year running the depot"),
    ("explained the new allocation model", "your explanation of the new allocation model"),
    ("described the night audit process", "your description of the night audit process"),
    ("mentioned the clinic is opening a second site", "hearing that the clinic is opening a second site"),
    ("rescued a failing launch by cutting scope to one feature", "hearing how you rescued a failing launch by cutting scope to one feature"),
    ("showed me the old paper rota", "the part where you showed me the old paper rota"),
    ("shared the audit results", "the part where you shared the audit results"),
    ("presented my portfolio on the big screen", "presenting my portfolio on the big screen"),
    # A team's practice, heard about; the candidate's own doing, enjoyed as such.
    ("publishing every incident review internally", "hearing about publishing every incident review internally"),
    ("touring the bakery before opening", "touring the bakery before opening"),
    ("we walked the loading bays together", "walking the loading bays together"),
    # Mishaps are not enjoyed: how the reader took them is the moment.
    ("his cat walked across the keyboard", "how easily you took it in your stride when your cat walked across the keyboard"),
    ("the projector dying ten minutes in", "how easily you took the projector dying ten minutes in in your stride"),
    ("I knocked over my water glass", "how kind you were when I knocked over my water glass"),
    ("your smile when the wifi dropped out", "your smile when the wifi dropped out"),
    # A topic, then a statement about it; a heading, then its sentence.
    ("her rota app - nurses swap shifts without a manager", "our talk about your rota app, and how nurses swap shifts without a manager"),
    ("parking. she asked if I drive", "our talk about parking, when you asked if I drive"),
    ("Volunteers run the front desk; waiting times fell", "hearing that volunteers run the front desk, and waiting times fell"),
    # Agreement after "and", shouting, faces, trailing verdicts, shorthand.
    ("she leads the lab and still teaches two classes", "hearing that you lead the lab and still teach two classes"),
    ("ASKED ABOUT MY NIGHT SHIFT EXPERIENCE", "your question about my night shift experience"),
    ("THE DEMO KITCHEN", "the demo kitchen"),
    ("the tasting flight :) so good", "the tasting flight"),
    ("re: the forklift licence thing", "the forklift licence"),
    ("the 3 wk onboarding", "the 3 week onboarding"),
    ("she said “doors open at 6 a.m.” - shift lead", "hearing you say, “doors open at 6 a.m.”"),
    # A time clause of something that happened is a scene; their question stays a question.
    ("when you pulled up the live order board", "the part where you pulled up the live order board"),
    ("while we toured the cold store", "the part where we toured the cold store"),
    ("when Dana sketched the old warehouse layout", "the part where Dana sketched the old warehouse layout"),
    ("when I walked you through my capstone", "the part where I walked you through my capstone"),
    ("when asked to price a used forklift on the spot", "the part where you asked me to price a used forklift on the spot"),
    ("when she asked about my gap year", "your question about my gap year"),
    ("when you asked if I'd ever run a night shift", "your question about whether I'd ever run a night shift"),
    ("you asked about my time at the food bank", "your question about my time at the food bank"),
    ("when the smoke alarm went off", "how easily you took it in your stride when the smoke alarm went off"),
    ("when the clinic will open its second site", "hearing when the clinic will open its second site"),
    # The reader named in their own moment is "you", and a present verb agrees with it.
    ("Ana walked me through the returns desk", "the part where you walked me through the returns desk"),
    ("Ms. Diaz runs the pharmacy night shift", "hearing that you run the pharmacy night shift"),
    ("I asked Ana about the stock count", "the part where I asked you about the stock count"),
    ("the way Ana explains the rota", "the way you explain the rota"),
    ("the Diaz Street depot tour", "the Diaz Street depot tour"),
    # A yes/no question with a modal: the modal goes back after the whole subject.
    ("Will the warehouse move to two shifts?", "our talk about whether the warehouse will move to two shifts"),
    ("can the new night team cover weekends?", "our talk about whether the new night team can cover weekends"),
    # A moment typed to a thought it never finished ends where the thought does.
    ("the quarterly forecast and", "the quarterly forecast"),
    ("the mock negotiation, and then", "the mock negotiation"),
    ("your plans for the", "your plans"),
    ("the supplier you'd be working with", "the supplier you'd be working with"),
]


@pytest.mark.parametrize(("typed", "expected"), KINDS)
def test_each_kind_is_told_back_as_a_person_would(typed: str, expected: str) -> None:
    assert object_phrase(typed, recipient="Ana Diaz").phrase == expected


def test_a_name_that_is_also_a_word_is_the_word_unless_a_verb_follows() -> None:
    will = "Will Osei"
    assert object_phrase("Will the clinic open on Sundays?", recipient=will).phrase == "our talk about whether the clinic will open on Sundays"
    assert object_phrase("Will showed me the cold chain log", recipient=will).phrase == "the part where you showed me the cold chain log"


CORPUS = tomllib.loads((Path(__file__).parent.parent / "data" / "moments" / "moments_kinds.toml").read_text(encoding="utf-8"))["moment"]


def test_the_kinds_corpus_covers_every_form() -> None:
    assert {m["form"] for m in CORPUS} >= {"noun_phrase", "gerund", "past_verb", "sentence", "question", "first_person", "fragment"}


@pytest.mark.parametrize("form", sorted({m["form"] for m in CORPUS}))
def test_moments_of_the_kinds_splice_cleanly(form: str) -> None:
    misses = corpus_misses([m for m in CORPUS if m["form"] == form])
    assert not misses, f"{len(misses)} splice errors:\n" + "\n".join(sorted(set(misses))[:40])
