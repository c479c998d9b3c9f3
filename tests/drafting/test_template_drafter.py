"""The offline drafter: variants, wrap-around, distinctness and what each note says."""

from __future__ import annotations

import itertools
import re

import pytest

from afterview.domain import Interview, NoteType, Status, Tone
from afterview.drafting.base import Drafter
from afterview.drafting.templates import TemplateDrafter
from afterview.errors import InputError
from afterview.frozen import replace

ALL_CASES = list(itertools.product(NoteType, Tone))


def _paragraphs(body: str) -> list[str]:
    """The body between the greeting and the closing."""
    return body.split("\n\n")[1:-1]


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z']+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.?!])\s", text, maxsplit=1)[0]


def test_is_a_drafter() -> None:
    drafter = TemplateDrafter()
    assert isinstance(drafter, Drafter)
    assert drafter.engine == "template"


async def test_draft_starts_at_first_variant_and_wraps(make_request) -> None:
    drafter = TemplateDrafter()
    count = drafter.variant_count(NoteType.THANK_YOU, Tone.WARM)
    texts = await drafter.draft(make_request(first_variant=count - 1), 2)
    assert [t.variant for t in texts] == [count - 1, 0]
    assert texts[0].body != texts[1].body


async def test_draft_never_repeats_a_variant(make_request) -> None:
    drafter = TemplateDrafter()
    count = drafter.variant_count(NoteType.FOLLOW_UP, Tone.CONCISE)
    texts = await drafter.draft(make_request(NoteType.FOLLOW_UP, tone=Tone.CONCISE, first_variant=1), count + 4)
    assert len(texts) == count
    assert sorted(t.variant for t in texts) == list(range(count))
    assert len({t.body for t in texts}) == count


async def test_first_variant_beyond_the_count_wraps(make_request) -> None:
    drafter = TemplateDrafter()
    count = drafter.variant_count(NoteType.AWARD_UPDATE, Tone.FORMAL)
    (text,) = await drafter.draft(make_request(NoteType.AWARD_UPDATE, tone=Tone.FORMAL, first_variant=count + 1), 1)
    assert text.variant == 1
    assert text == drafter.render(make_request(NoteType.AWARD_UPDATE, tone=Tone.FORMAL), 1)


async def test_draft_needs_a_positive_n(make_request) -> None:
    with pytest.raises(ValueError):
        await TemplateDrafter().draft(make_request(), 0)


def test_render_fills_the_draft_text(make_request) -> None:
    drafter = TemplateDrafter()
    text = drafter.render(make_request(), 0)
    assert text.engine == "template"
    assert text.prompt_version == drafter.version == "offline-5"
    assert (text.prompt_tokens, text.completion_tokens) == (0, 0)
    assert text.body.startswith("Dear Jordan,\n\n")
    assert text.body.rstrip().endswith("Sam Rivera")


@pytest.mark.parametrize(("note_type", "tone"), ALL_CASES)
def test_variants_are_genuinely_different(make_request, note_type: NoteType, tone: Tone) -> None:
    drafter = TemplateDrafter()
    request = make_request(note_type, tone=tone)
    bodies = [" ".join(_paragraphs(drafter.render(request, v).body)) for v in range(drafter.variant_count(note_type, tone))]
    openings = [_first_sentence(b) for b in bodies]
    assert len(set(openings)) == len(openings), openings
    for a, b in itertools.combinations(bodies, 2):
        shared, union = _trigrams(a) & _trigrams(b), _trigrams(a) | _trigrams(b)
        # Stock phrases ("I look forward to hearing from you") are shared; the rest must not be.
        assert len(shared) / len(union) < 0.35, (a, b)


@pytest.mark.parametrize(("note_type", "tone"), ALL_CASES)
def test_no_braces_or_doubled_punctuation_left(make_request, note_type: NoteType, tone: Tone) -> None:
    drafter = TemplateDrafter()
    for variant in range(drafter.variant_count(note_type, tone)):
        text = drafter.render(make_request(note_type, tone=tone), variant)
        for part in (text.subject, text.body):
            assert "{" not in part and "}" not in part
            assert ".." not in part and " ," not in part and "  " not in part


@pytest.mark.parametrize("tone", list(Tone))
def test_thank_you_quotes_the_moment_and_stays_off_timelines(make_request, tone: Tone) -> None:
    drafter = TemplateDrafter()
    for variant in range(drafter.variant_count(NoteType.THANK_YOU, tone)):
        body = drafter.render(make_request(tone=tone), variant).body
        assert "your story about rebuilding the churn dashboard" in body
        assert re.search(r"look forward to|hope to hear|hope we speak|speak again", body), body
        assert not re.search(r"decision|timeline|next steps|hear back|when you expect", body, re.I), body
        assert "ever since" not in body and "Thank you again" not in body.split("\n\n")[1]


@pytest.mark.parametrize("status", [Status.OFFERED, Status.REJECTED, Status.WITHDRAWN])
@pytest.mark.parametrize("tone", list(Tone))
def test_thank_you_after_a_decision_does_not_wait_to_hear(make_request, interview: Interview, tone: Tone, status: Status) -> None:
    drafter = TemplateDrafter()
    decided = replace(interview, status=status)
    for variant in range(drafter.variant_count(NoteType.THANK_YOU, tone)):
        body = drafter.render(make_request(tone=tone, interview=decided), variant).body
        assert not re.search(r"look forward|hope to hear|hear from you|your news|your reply", body, re.I), body


@pytest.mark.parametrize("tone", list(Tone))
def test_withheld_moment_is_never_quoted(make_request, tone: Tone) -> None:
    drafter = TemplateDrafter()
    for variant in range(drafter.variant_count(NoteType.THANK_YOU, tone)):
        quoted = drafter.render(make_request(tone=tone), variant).body
        withheld = drafter.render(make_request(tone=tone, moment_withheld=True), variant).body
        assert "churn dashboard" in quoted
        assert "churn dashboard" not in withheld
        assert re.search(r"\bteam\b", withheld), withheld


def test_interviewer_without_moment_gets_the_general_wording(make_request) -> None:
    drafter = TemplateDrafter()
    general = drafter.render(make_request(recipient="Dr. Priya Nair"), 0).body
    withheld = drafter.render(make_request(moment_withheld=True), 0).body
    assert _paragraphs(general) == _paragraphs(withheld)


@pytest.mark.parametrize("tone", list(Tone))
def test_competing_offer_names_offer_and_deadline_and_asks(make_request, tone: Tone) -> None:
    drafter = TemplateDrafter()
    for variant in range(drafter.variant_count(NoteType.COMPETING_OFFER, tone)):
        body = drafter.render(make_request(NoteType.COMPETING_OFFER, tone=tone), variant).body
        assert "December 1" in body and "Contoso" not in body
        assert re.search(r"another offer|second offer|offer elsewhere|another (employer|company|organization)", body, re.I), body
        assert re.search(r"(top|first) (choice|preference)|most want to be", body), body
        assert re.search(r"\?|whether|would help me|appreciate knowing|grateful to know", body), body
        assert not re.search(r"\b(unless|otherwise|must|final offer|or else|ultimatum)\b", body, re.I), body


def test_competing_offer_without_an_offer_is_an_input_error(make_request, interview: Interview) -> None:
    bare = replace(interview, competing_offer=None)
    with pytest.raises(InputError, match="competing_offer"):
        TemplateDrafter().render(make_request(NoteType.COMPETING_OFFER, interview=bare), 0)


@pytest.mark.parametrize("tone", list(Tone))
def test_award_update_uses_relevance_only_when_given(make_request, interview: Interview, tone: Tone) -> None:
    drafter = TemplateDrafter()
    plain = replace(interview, award=replace(interview.award, relevance=None))
    for variant in range(drafter.variant_count(NoteType.AWARD_UPDATE, tone)):
        with_reason = drafter.render(make_request(NoteType.AWARD_UPDATE, tone=tone), variant).body
        without = drafter.render(make_request(NoteType.AWARD_UPDATE, tone=tone, interview=plain), variant).body
        assert "Open Data Award" in with_reason and "Open Data Award" in without
        assert "it recognizes the pipeline work this role centers on" in with_reason
        assert "pipeline work" not in without


@pytest.mark.parametrize(
    ("note_type", "patterns"),
    [
        (NoteType.FOLLOW_UP, [r"\bany(thing)?\b|additional|further", r"interest|excited|keen|enthusias"]),
        (NoteType.FEEDBACK_REQUEST, [r"feedback|advice|suggestions|thoughts on how", r"understand|no worries|no pressure|policy|recogni[sz]e|not always possible|if you are able"]),
        (NoteType.CONTINUED_INTEREST, [r"keep me in mind|kept in mind|consider me|think of me|reach out if"]),
    ],
)
def test_each_note_says_what_its_type_must(make_request, note_type: NoteType, patterns: list[str]) -> None:
    drafter = TemplateDrafter()
    for tone in Tone:
        for variant in range(drafter.variant_count(note_type, tone)):
            body = drafter.render(make_request(note_type, tone=tone), variant).body
            for pattern in patterns:
                assert re.search(pattern, body, re.I), (tone, variant, pattern, body)
