"""The writer end to end over a misbehaving server: real LLM drafter, real checks, real
templates. Whatever the server does, the user gets a checked draft (the model's, or
the template with the reason) in bounded time: never a traceback, never the key.
"""

from __future__ import annotations

import json
import time

import pytest
from llm_fakes import TEST_KEY, Reply, completion, error_body, settings_for

from afterview.domain import Draft
from afterview.drafting.llm import llm_drafter

GOOD = (
    "Thank you for taking the time to talk with me about the Data Analyst role at Northwind Analytics. "
    "I came away with a clear picture of the work and of the people behind it.\n\n"
    "I especially enjoyed your story about rebuilding the churn dashboard; it showed me how carefully the team "
    "thinks about the numbers it reports. I am excited about the chance to contribute, and I look forward to "
    "hearing from you."
)
SENSITIVE = GOOD.replace(
    "I am excited", "As a mother of two young children, I was glad to hear the hours are flexible. I am excited"
)
PLACEHOLDER = GOOD.replace("the numbers it reports", "[specific project] at [Company Name]")

REPAIR_MARKER = "Rewrite the previous_draft"


@pytest.fixture
def run(waits, make_request):
    """``await run(server, timeout=..)`` -> (drafts, seconds, progress lines), checked for leaks."""
    from afterview import services
    from afterview.writer import Writer

    async def go(url: str, *, timeout: float = 5.0, deadline: float = 20.0) -> tuple[list[Draft], float, list[str]]:
        said: list[str] = []
        writer = Writer(
            policy=services.policy(),
            templates=services.template_drafter(),
            drafter=llm_drafter(settings_for(url, timeout=timeout), sleep=waits),
            deadline=deadline,
            progress=said.append,
        )
        started = time.monotonic()
        drafts = await writer.write(make_request())
        elapsed = time.monotonic() - started
        shown = json.dumps([d.to_dict() for d in drafts]) + "\n".join(said)
        assert TEST_KEY not in shown and "sk-" not in shown and TEST_KEY[3:] not in shown
        for draft in drafts:
            assert draft.report.passed, [f.message for f in draft.report.blocking]
            assert not draft.report.by_check("sensitive")
        return drafts, elapsed, said

    return go


def assert_template(drafts: list[Draft], reason: str) -> Draft:
    (draft,) = drafts
    assert draft.engine == "template"
    assert draft.fallback_reason == reason
    return draft


async def test_500_every_time_falls_back_after_four_requests(serve, run):
    server = serve([Reply(error_body("boom"), status=500)])
    drafts, elapsed, said = await run(server.url)
    assert_template(drafts, f"the server at {server.url} failed with HTTP 500 on 4 attempts; try again later")
    assert len(server.posts()) == 4
    assert elapsed < 5
    assert any("using the offline template" in line for line in said)


async def test_a_timeout_falls_back_in_bounded_time(serve, run):
    server = serve([Reply(completion(GOOD), delay=1.0)])
    drafts, elapsed, _ = await run(server.url, timeout=0.2)
    assert_template(
        drafts,
        f"the server at {server.url} did not answer within 0.2 s on 4 attempts; try again, or raise the timeout (AFTERVIEW_TIMEOUT)",
    )
    assert len(server.posts()) == 4
    assert elapsed < 2.8  # four 0.2 s attempts; the backoff itself did not sleep


async def test_the_deadline_bounds_a_slow_server(serve, run):
    server = serve([Reply(completion(GOOD), delay=1.0)])
    drafts, elapsed, _ = await run(server.url, timeout=5, deadline=0.6)
    assert_template(drafts, "the model did not answer within the 0.6 s deadline")
    assert len(server.posts()) == 1
    assert elapsed < 1.5


async def test_connection_refused_falls_back(free_port, run):
    url = f"http://127.0.0.1:{free_port}/v1"
    drafts, elapsed, _ = await run(url)
    assert_template(drafts, f"cannot reach {url}: is the server running?")
    assert elapsed < 3


async def test_malformed_json_falls_back(serve, run):
    server = serve([Reply('{"choices": [{"message": ')])
    drafts, _, _ = await run(server.url)
    assert_template(drafts, f"the server at {server.url} answered with something that is not JSON: check that the base URL ends with /v1")
    assert len(server.posts()) == 1


async def test_empty_choices_falls_back(serve, run):
    server = serve([Reply(completion())])
    drafts, _, _ = await run(server.url)
    assert_template(drafts, f"the server at {server.url} answered with no choices (nothing to draft from)")
    assert len(server.posts()) == 1


async def test_401_falls_back_without_the_key(serve, run):
    server = serve([Reply(error_body(f"Incorrect API key provided: {TEST_KEY}"), status=401)])
    drafts, _, _ = await run(server.url)
    assert_template(drafts, "the server refused the API key (HTTP 401): check OPENAI_API_KEY")
    assert len(server.posts()) == 1


async def test_empty_content_falls_back(serve, run):
    server = serve([Reply(completion(None))])
    drafts, _, _ = await run(server.url)
    assert_template(drafts, "the model's answer was empty")
    assert len(server.posts()) == 1


async def test_a_good_answer_is_shown_as_the_models(serve, run):
    server = serve([Reply(completion(GOOD))])
    (draft,), _, _ = await run(server.url)
    assert draft.engine == "test-model" and draft.fallback_reason is None
    assert draft.repairs == 0 and draft.attempts == 1
    assert "churn dashboard" in draft.body and draft.body.startswith("Dear Jordan,")
    assert len(server.posts()) == 1


async def test_sensitive_wording_is_repaired(serve, run):
    server = serve([Reply(completion(SENSITIVE)), Reply(completion(GOOD))])
    (draft,), _, _ = await run(server.url)
    assert draft.engine == "test-model" and draft.repairs == 1 and draft.attempts == 2
    assert "mother" not in draft.body
    repair = server.posts()[1].body["messages"][1]["content"]
    assert REPAIR_MARKER in repair and "mother of two" in repair  # the previous draft, to fix


async def test_sensitive_wording_that_stays_ends_in_the_template(serve, run):
    server = serve([Reply(completion(SENSITIVE))])
    drafts, _, _ = await run(server.url)
    (draft,) = drafts
    assert draft.engine == "template"
    assert draft.fallback_reason.startswith("the model's draft still failed checks after 2 repair(s): ")
    assert "mother" not in draft.body
    assert len(server.posts()) == 3  # the draft and two repair rounds


async def test_placeholders_are_repaired(serve, run):
    server = serve([Reply(completion(PLACEHOLDER)), Reply(completion(GOOD))])
    (draft,), _, _ = await run(server.url)
    assert draft.engine == "test-model" and draft.repairs == 1
    assert "[" not in draft.body
    assert len(server.posts()) == 2


async def test_placeholders_that_stay_end_in_the_template(serve, run):
    server = serve([Reply(completion(PLACEHOLDER))])
    drafts, _, _ = await run(server.url)
    (draft,) = drafts
    assert draft.engine == "template" and "[" not in draft.body
    assert draft.fallback_reason.startswith("the model's draft still failed checks after 2 repair(s): ")
    assert len(server.posts()) == 3


async def test_a_server_error_echoing_the_key_without_its_prefix_leaves_no_trace_in_the_fallback(serve, run):
    server = serve([Reply(error_body(f"invalid credential {TEST_KEY.removeprefix('sk-')}"), status=400)])
    drafts, _, said = await run(server.url)
    draft = assert_template(
        drafts, f"the server at {server.url} rejected the request (HTTP 400): invalid credential [key]"
    )
    assert TEST_KEY.removeprefix("sk-") not in " ".join(draft.notices) + "\n".join(said)
