"""The LLM drafter against a real HTTP server that misbehaves on purpose.

Each test scripts the server, drives the real ``LLMDrafter`` (real SDK, httpx2 and
tenacity; only the sleep between attempts is injected) and asserts the exact number of
requests the server saw, the error class and its one-line message, and that the API key
appears nowhere.
"""

from __future__ import annotations


import time

import pytest
from llm_fakes import TEST_KEY, Reply, completion, error_body, settings_for

from afterview.drafting.base import (
    DrafterAuthError,
    DrafterBadResponse,
    DrafterConfigError,
    DrafterQuotaError,
    DrafterUnavailable,
)
from afterview.drafting.llm import DUMMY_KEY, MAX_ATTEMPTS, llm_drafter
from afterview.frozen import replace

GOOD = "Thank you for the conversation about the Data Analyst role. I enjoyed your story about the churn dashboard.\n\nI look forward to hearing from you."


def drafter_for(server_url: str, waits, **settings):
    return llm_drafter(settings_for(server_url, **settings), sleep=waits)


async def failure(drafter, request, n: int = 1) -> Exception:
    """The drafter error a draft raises, checked to be one clean line without the key."""
    with pytest.raises(Exception) as caught:
        await drafter.draft(request, n)
    message = str(caught.value)
    assert "\n" not in message
    assert TEST_KEY not in message and "sk-" not in message
    # Never chained to the SDK's exception, whose text may quote the key.
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None or caught.value.__suppress_context__
    return caught.value


async def test_429_with_retry_after_waits_that_long_then_succeeds(serve, waits, make_request):
    server = serve([Reply(error_body("slow down"), status=429, headers={"retry-after": "3"}), Reply(completion(GOOD))])
    (text,) = await drafter_for(server.url, waits).draft(make_request(), 1)
    assert len(server.posts()) == 2
    assert waits == [3.0]
    assert "churn dashboard" in text.body


async def test_retry_after_ms_is_preferred_to_retry_after(serve, waits, make_request):
    server = serve([Reply(error_body("slow"), status=429, headers={"retry-after-ms": "1500", "retry-after": "9"}), Reply(completion(GOOD))])
    await drafter_for(server.url, waits).draft(make_request(), 1)
    assert waits == [1.5]


async def test_429_with_a_long_retry_after_stops_at_once_and_says_when(serve, waits, make_request):
    server = serve([Reply(error_body("slow down"), status=429, headers={"retry-after": "600"})])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterUnavailable)
    assert str(error) == "rate-limited; try again in 600 s"
    assert len(server.posts()) == 1 and waits == []


@pytest.mark.parametrize("header", [{"retry-after": "inf"}, {"retry-after": "1e999"}, {"retry-after-ms": "nan"}])
async def test_an_endless_retry_after_stops_at_once(serve, waits, make_request, header):
    server = serve([Reply(error_body("slow down"), status=429, headers=header)])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterUnavailable) and str(error) == "rate-limited; try again later"
    assert len(server.posts()) == 1 and waits == []


async def test_429_every_time_gives_up_after_four_attempts(serve, waits, make_request):
    server = serve([Reply(error_body("slow down"), status=429, headers={"retry-after": "2"})])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterUnavailable)
    assert str(error) == "rate-limited on 4 attempts; try again in 2 s"
    assert len(server.posts()) == MAX_ATTEMPTS == 4
    assert waits == [2.0, 2.0, 2.0]


async def test_insufficient_quota_is_never_retried(serve, waits, make_request):
    body = error_body("You exceeded your current quota", code="insufficient_quota", kind="insufficient_quota")
    server = serve([Reply(body, status=429, headers={"retry-after": "1"})])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterQuotaError)
    assert "insufficient_quota" in str(error)
    assert len(server.posts()) == 1 and waits == []


async def test_500_every_time_is_four_requests_then_a_clear_error(serve, waits, make_request):
    server = serve([Reply(error_body("boom", kind="server_error"), status=500, headers={"x-request-id": "req_123"})])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterUnavailable)
    assert str(error) == f"the server at {server.url} failed with HTTP 500 on 4 attempts; try again later (request id req_123)"
    assert len(server.posts()) == 4
    # Exponential backoff with full jitter: three waits, each within the growing cap.
    assert len(waits) == 3 and all(0 <= w <= cap for w, cap in zip(waits, (0.5, 1.0, 2.0)))


async def test_503_then_success(serve, waits, make_request):
    server = serve([Reply(error_body("busy"), status=503), Reply(error_body("busy"), status=502), Reply(completion(GOOD))])
    (text,) = await drafter_for(server.url, waits).draft(make_request(), 1)
    assert len(server.posts()) == 3 and len(waits) == 2
    assert text.engine == "test-model"


async def test_timeout_is_retried_then_reported_with_the_timeout(serve, waits, make_request):
    server = serve([Reply(completion(GOOD), delay=1.0)])
    started = time.monotonic()
    error = await failure(drafter_for(server.url, waits, timeout=0.2), make_request())
    elapsed = time.monotonic() - started
    assert isinstance(error, DrafterUnavailable)
    assert str(error) == (
        f"the server at {server.url} did not answer within 0.2 s on 4 attempts; try again, or raise the timeout (AFTERVIEW_TIMEOUT)"
    )
    assert len(server.posts()) == 4
    # Four attempts, each waited out to its 0.2 s timeout; the backoff went through the
    # injected sleep. No upper bound in seconds: a busy machine may be slower.
    assert elapsed >= 0.8 and len(waits) == 3


async def test_connection_refused_names_the_url(free_port, waits, make_request):
    url = f"http://127.0.0.1:{free_port}/v1"
    error = await failure(drafter_for(url, waits), make_request())
    assert isinstance(error, DrafterUnavailable)
    assert str(error) == f"cannot reach {url}: is the server running?"
    assert len(waits) == MAX_ATTEMPTS - 1  # connection errors are retried too


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<html><body>It works!</body></html>", "text/html"),  # the SDK returns a str
        ('{"choices": [', "application/json"),  # the SDK raises a bare JSONDecodeError
    ],
    ids=["html", "broken-json"],
)
async def test_a_200_that_is_not_json_points_at_the_base_url(serve, waits, make_request, body, content_type):
    server = serve([Reply(body, content_type=content_type)])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterConfigError)
    assert str(error) == f"the server at {server.url} answered with something that is not JSON: check that the base URL ends with /v1"
    assert len(server.posts()) == 1 and waits == []


async def test_empty_choices_is_a_bad_response(serve, waits, make_request):
    server = serve([Reply(completion())])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterBadResponse)
    assert "no choices" in str(error)
    assert len(server.posts()) == 1


@pytest.mark.parametrize("content", [None, "", "   \n  "], ids=["null", "empty", "blank"])
async def test_empty_content_is_a_bad_response(serve, waits, make_request, content):
    server = serve([Reply(completion(content))])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterBadResponse)
    assert str(error) == "the model's answer was empty"
    assert len(server.posts()) == 1


async def test_a_truncated_answer_is_refused(serve, waits, make_request):
    server = serve([Reply(completion(GOOD[:40], finish_reason="length"))])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterBadResponse)
    assert "cut off" in str(error)


async def test_an_answer_that_is_only_wrapping_is_refused(serve, waits, make_request):
    server = serve([Reply(completion("Sure! Here is your note:\n\nDear Jordan,\n\nBest regards,\n[Your Name]"))])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterBadResponse)
    assert "no note text" in str(error)


async def test_401_is_one_request_and_never_repeats_the_key(serve, waits, make_request):
    # OpenAI echoes a masked key in its 401 message; a sloppy server might echo it whole.
    body = error_body(f"Incorrect API key provided: {TEST_KEY}.", code="invalid_api_key")
    server = serve([Reply(body, status=401)])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterAuthError)
    assert str(error) == "the server refused the API key (HTTP 401): check OPENAI_API_KEY"
    assert len(server.posts()) == 1 and waits == []


async def test_403_is_an_auth_error(serve, waits, make_request):
    server = serve([Reply(error_body("no access"), status=403)])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterAuthError)
    assert "HTTP 403" in str(error) and len(server.posts()) == 1


async def test_404_names_the_model_and_the_server(serve, waits, make_request):
    server = serve([Reply(error_body("The model `test-model` does not exist"), status=404)])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterConfigError)
    assert str(error).startswith(f"model 'test-model' not found at {server.url}")
    assert len(server.posts()) == 1


async def test_400_shows_the_servers_message_with_secrets_removed(serve, waits, make_request):
    server = serve([Reply(error_body(f"'n' must be 1 (key {TEST_KEY}, Bearer abc.def)"), status=400)])
    error = await failure(drafter_for(server.url, waits), make_request())
    assert isinstance(error, DrafterConfigError)
    assert str(error) == f"the server at {server.url} rejected the request (HTTP 400): 'n' must be 1 (key [key], [key])"
    assert len(server.posts()) == 1


@pytest.mark.parametrize(
    "echo",
    [TEST_KEY.removeprefix("sk-"), TEST_KEY.removeprefix("sk-test-"), TEST_KEY.upper(), TEST_KEY[8:24], "%s" % TEST_KEY[3:]],
    ids=["no-sk", "no-sk-test", "upper", "middle", "in-url"],
)
async def test_the_configured_key_is_redacted_in_every_form_the_server_echoes(serve, waits, make_request, echo):
    message = f"bad request for https://proxy.example/v1?api={echo} (credential {echo} refused)"
    server = serve([Reply(error_body(message), status=400)])
    error = await failure(drafter_for(server.url, waits), make_request())
    text = str(error)
    assert echo not in text and echo.casefold() not in text.casefold()
    assert TEST_KEY[8:18] not in text and "[key]" in text


async def test_the_sdk_does_not_retry_on_its_own(serve, waits, make_request):
    """With tenacity off (one attempt), a 500 is exactly one request: max_retries=0 holds."""
    server = serve([Reply(error_body("boom"), status=500)])
    drafter = drafter_for(server.url, waits)
    drafter.max_attempts = 1
    await failure(drafter, make_request())
    assert len(server.posts()) == 1


async def test_a_required_fact_missing_fails_before_any_request(serve, waits, make_request, northwind):
    server = serve([Reply(completion(GOOD))])
    no_offer = replace(northwind, competing_offer=None)
    from afterview.domain import NoteType

    request = make_request(NoteType.COMPETING_OFFER, interview=no_offer)
    error = await failure(drafter_for(server.url, waits), request)
    assert isinstance(error, DrafterConfigError)
    assert str(error) == "a competing offer note needs deadline, which the record lacks"
    assert server.requests == []


async def test_no_key_for_a_local_server_sends_a_dummy(serve, waits, make_request):
    server = serve([Reply(completion(GOOD))])
    await drafter_for(server.url, waits, key=None).draft(make_request(), 1)
    assert server.posts()[0].headers["authorization"] == f"Bearer {DUMMY_KEY}"
