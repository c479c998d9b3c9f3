"""The offline notes carry no stock filler.

A sentence that every note of a type repeats is boilerplate a reader spots at once; a
line a blind reader singled out as stock filler ("a job description never quite does")
never comes back in another wording of the same kind. The bodies are the ones the
agreement test renders: every variant, tone and situation of each note type.
"""

from __future__ import annotations

import re

import pytest
from test_agreement import bodies, situations

from afterview.domain import NoteType, Tone

SENTENCE = re.compile(r"(?<=[.!?])\s+")

# Lines a blind reader named as stock filler in offline drafts, and their kin: praise
# of the conversation or of the reader's care that would fit any interview ever held.
STOCK = [
    r"care you (?:took|put)",
    r"the questions I had prepared",
    r"job description never",
    r"thought about the team and its work",
    r"more than once since then",
    r"generous with (?:it|detail)",
    r"a privilege to learn",
    r"in what I imagine is a busy week",
    r"rather than a test",
    r"I think it is relevant to the role because",
    r"new ideas of my own",
    r"clearly given to the conversation",
]


def sentences(body: str) -> set[str]:
    return {s.strip() for s in SENTENCE.split(body.replace("\n\n", " ")) if s.strip()}


@pytest.mark.parametrize("note_type", list(NoteType))
def test_no_sentence_appears_in_every_note_of_a_type(note_type: NoteType) -> None:
    for tone in Tone:
        for request in (r for r in situations(note_type) if r.tone is tone):
            notes = bodies(request)
            shared = set.intersection(*(sentences(body) for body in notes))
            assert not shared, f"{note_type.value}/{tone.value}: every variant says {sorted(shared)}"


@pytest.mark.parametrize("note_type", list(NoteType))
def test_no_stock_filler_line_comes_back(note_type: NoteType) -> None:
    pattern = re.compile("|".join(STOCK), re.IGNORECASE)
    for request in situations(note_type):
        for body in bodies(request):
            found = pattern.search(body)
            assert not found, f"{note_type.value}/{request.tone.value}: stock line {found.group(0)!r} in:\n{body}"
