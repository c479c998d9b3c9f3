"""The writer end to end on real model output, replayed from cassettes.

The cassettes were recorded from a real OpenAI-compatible server (llama.cpp serving
SmolLM2-135M-Instruct, a deliberately weak model): they show the top-up for a server
that ignores ``n``, the repair loop sending findings back, and the template fallback
taking over from drafts that stay below the bar. How to re-record: tests/llm/recording.py.

Recorded with the writer's deadline off, so replay asks for exactly the recorded requests.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from llm_fakes import DATA, settings_for
from recording import CASSETTES, LOCAL_URL, SECRET_PATTERNS, cassette, scrub_request, scrub_response
from vcr.errors import CannotOverwriteExistingCassetteException

from afterview.domain import Draft, NoteRequest, NoteType, Tone
from afterview.drafting.llm import llm_drafter
from afterview.frozen import replace
from afterview.interview_file import load_interview

REPAIR_MARKER = "Rewrite the previous_draft"
EXPECTED_CASSETTES = ("thank_you_three_variants", "competing_offer_repaired", "feedback_request_fallback")


async def write(request: NoteRequest, prompts_dir: Path | None = None) -> tuple[list[Draft], str]:
    """Draft through the real writer, checks and templates; the model comes from /models."""
    from afterview import services
    from afterview.writer import Writer

    settings = replace(settings_for(LOCAL_URL, model=None, key=None, timeout=180), prompts_dir=prompts_dir)
    drafter = llm_drafter(settings)
    writer = Writer(policy=services.policy(), templates=services.template_drafter(), drafter=drafter, deadline=None)
    drafts = await writer.write(request)
    return drafts, drafter.engine


def posts(cass) -> list[tuple[dict, dict]]:
    """(request body, response body) for each chat completion in the cassette."""
    pairs = []
    for req, resp in zip(cass.requests, cass.responses):
        if req.method == "POST":
            body = resp["body"]["string"]
            pairs.append((json.loads(req.body), json.loads(body.decode() if isinstance(body, bytes) else body)))
    return pairs


def user_message(body: dict) -> str:
    return body["messages"][1]["content"]


def assert_honest(drafts: list[Draft], model: str) -> None:
    """Every draft shown meets the drafts' bar, and says where it came from and why."""
    for draft in drafts:
        assert draft.report.passed, [f.message for f in draft.report.blocking]
        assert not draft.report.by_check("sensitive"), "a draft with sensitive wording was shown"
        if draft.engine == "template":
            assert draft.fallback_reason
        else:
            assert draft.engine == model and draft.fallback_reason is None


def request_for(file: str, note_type: NoteType, tone: Tone, variants: int = 1) -> NoteRequest:
    interview = load_interview(DATA / file)
    recipient = interview.contact.name if note_type is not NoteType.THANK_YOU else interview.interviewers[0].name
    return NoteRequest(
        interview=interview,
        note_type=note_type,
        recipient=recipient,
        tone=tone,
        signature=interview.candidate or "Sam Rivera",
        variants=variants,
    )


async def test_a_thank_you_in_three_variants_is_topped_up(monkeypatch):
    request = request_for("northwind.toml", NoteType.THANK_YOU, Tone.WARM, variants=3)
    with cassette("thank_you_three_variants", monkeypatch) as cass:
        drafts, model = await write(request)

    assert model == "smollm2-135m-instruct"
    assert cass.requests[0].method == "GET" and cass.requests[0].path.endswith("/models")
    first_round = [(req, resp) for req, resp in posts(cass) if REPAIR_MARKER not in user_message(req)]
    # One request asked for n=3; the server ignored it and answered with one choice...
    (asked, answered), *top_ups = first_round
    assert asked["n"] == 3 and len(answered["choices"]) == 1
    # ...so the drafter topped up with single requests, each naming its variant.
    assert 2 <= len(top_ups) <= 5
    assert all("n" not in req and "This is variant" in user_message(req) for req, _ in top_ups)
    assert len({user_message(req) for req, _ in first_round}) == len(first_round)
    assert len(drafts) == 3 and len({d.body for d in drafts}) == 3
    assert_honest(drafts, model)


async def test_a_competing_offer_goes_through_the_repair_loop(monkeypatch):
    request = request_for("northwind.toml", NoteType.COMPETING_OFFER, Tone.FORMAL)
    with cassette("competing_offer_repaired", monkeypatch) as cass:
        (draft,), model = await write(request)

    repairs = [req for req, _ in posts(cass) if REPAIR_MARKER in user_message(req)]
    assert repairs, "the recorded run should show at least one repair round"
    for req in repairs:
        message = user_message(req)
        # The findings went back as instructions, with the model's previous paragraphs.
        assert '<field name="previous_draft">' in message
        assert "\n- " in message.split(REPAIR_MARKER, 1)[1]
        assert "n" not in req
    # Each answer that came back counts as an attempt (a truncated one ends the loop early).
    assert 1 <= draft.attempts <= 1 + len(repairs)
    assert_honest([draft], model)


async def test_a_feedback_request_falls_back_to_the_template(monkeypatch):
    request = request_for("rejected.toml", NoteType.FEEDBACK_REQUEST, Tone.CONCISE)
    with cassette("feedback_request_fallback", monkeypatch) as cass:
        (draft,), model = await write(request)

    assert draft.engine == "template"
    assert draft.fallback_reason.startswith("the model's draft still failed checks after 2 repair(s): ")
    assert len(posts(cass)) == 3  # the first draft and two repairs, all below the bar
    assert draft.attempts == 3
    assert_honest([draft], model)


# --- the cassettes themselves -------------------------------------------------------


async def test_a_changed_prompt_fails_loudly_instead_of_replaying_a_stale_answer(monkeypatch, tmp_path):
    from afterview.resources import data_dir

    for path in data_dir("prompts").glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    task = tmp_path / "thank_you.toml"
    task.write_text(task.read_text().replace("Nothing else:", "Nothing more:"))
    request = request_for("northwind.toml", NoteType.THANK_YOU, Tone.WARM, variants=3)
    # vcrpy's own error escapes the SDK; should a layer ever swallow it, the cassette
    # helper's own check raises AssertionError instead. Either way: loud.
    with pytest.raises((CannotOverwriteExistingCassetteException, AssertionError), match="no recorded interaction|requests not in"):
        with cassette("thank_you_three_variants", monkeypatch, replay_only=True):
            await write(request, prompts_dir=tmp_path)


def test_the_expected_cassettes_exist():
    present = {p.stem for p in CASSETTES.glob("*.yaml")}
    assert set(EXPECTED_CASSETTES) <= present


@pytest.mark.parametrize("name", EXPECTED_CASSETTES)
def test_no_cassette_holds_a_secret(name):
    text = (CASSETTES / f"{name}.yaml").read_text(encoding="utf-8")
    for pattern in SECRET_PATTERNS:
        assert not pattern.search(text), f"{name}.yaml matches {pattern.pattern}"
    assert "x-stainless" not in text.lower()


def test_the_scrubbers_remove_credentials_and_ids():
    from vcr.request import Request

    request = Request(
        "POST",
        "http://127.0.0.1:8766/v1/chat/completions",
        b"{}",
        {"Authorization": "Bearer sk-live-123456", "OpenAI-Organization": "org-1", "X-Stainless-OS": "Linux", "Content-Type": "application/json"},
    )
    assert dict(scrub_request(request).headers) == {"Content-Type": "application/json"}
    response = {
        "status": {"code": 200, "message": "OK"},
        "headers": {
            "Set-Cookie": ["session=abc"],
            "openai-organization": ["org-1"],
            "openai-processing-ms": ["12"],
            "x-request-id": ["req_1"],
            "CF-RAY": ["abc"],
            "content-type": ["application/json"],
        },
        "body": {"string": b"{}"},
    }
    assert list(scrub_response(response)["headers"]) == ["content-type"]
