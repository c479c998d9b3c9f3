"""The LLM drafter: an OpenAI-compatible chat server writes the body paragraphs.

The model writes plain text (no ``response_format``: local servers reject it); afterview
cleans it (``cleanup``), frames it with the shared subject, greeting and sign-off
(``frame``) and records the prompt version. The writer checks, repairs and falls back.

Transport retries live here and only here: the SDK client runs with ``max_retries=0``
and tenacity retries connection errors, timeouts, 429 (never ``insufficient_quota``)
and 5xx, at most ``MAX_ATTEMPTS`` times, honouring ``Retry-After`` up to
``MAX_RETRY_AFTER`` seconds. Every failure becomes one of the drafter errors of
``drafting.base`` with a one-line message a person can act on, and never the API key.

``openai`` and ``tenacity`` are imported only when a draft is requested: importing this
module or calling ``llm_drafter()`` stays cheap (``check``, ``due`` and the TUI's first
frame never pay for the SDK).
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from afterview.domain import NoteRequest
from afterview.redact import redact, redact_url
from afterview.wording import plural
from afterview.drafting.base import (
    DrafterAuthError,
    DrafterBadResponse,
    DrafterConfigError,
    DrafterError,
    DrafterQuotaError,
    DrafterUnavailable,
    DraftText,
    distinct_texts,
)
from afterview.drafting.cleanup import Cleaner, CleanupRules, echo_lines, load_cleanup_rules
from afterview.drafting.frame import NoteFrame, load_frame
from afterview.drafting.llm_errors import is_quota, retry_after, retryable, server_message
from afterview.drafting.provider import OPENAI_URL, model_for
from afterview.drafting.prompts import MissingFact, PromptSet, load_prompts, render
from afterview.drafting.request_limits import RequestLimits, load_request_limits

if TYPE_CHECKING:
    from afterview.config import Settings

_LIMITS = load_request_limits()
MAX_ATTEMPTS = _LIMITS.max_attempts
"""HTTP attempts per request, the first one included (``prompts/request.toml``)."""
MAX_RETRY_AFTER = _LIMITS.max_retry_after
"""Longest ``Retry-After`` (seconds) worth waiting for; a longer one ends the draft."""
DUMMY_KEY = "no-key-needed"
"""Sent to a base URL when no key is set: local servers ignore it, the SDK insists."""
AUTO_ENGINE = "auto"
"""``engine`` before the model is known (base URL set, no model chosen)."""

_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}

Sleep = Callable[[float], Awaitable[None]]


class LLMDrafter:
    """Drafts notes with an OpenAI-compatible chat completions server.

    Args:
        model: the model name, or None to ask the server's ``/models`` once.
        base_url: the server (None: OpenAI's API).
        api_key: the key; None is fine for a base URL (a dummy is sent to it).
        timeout: seconds per HTTP attempt.
        prompts: the validated prompt set.
        frame: subject lines, greetings and sign-offs shared with the templates.
        cleanup: the phrase lists that strip what the model adds around the body.
        sleep: awaited between attempts (tests inject one that records and returns).
        max_attempts: HTTP attempts per request.
        max_retry_after: longest ``Retry-After`` to wait for, in seconds.
        limits: the request's token cap and temperature (``prompts/request.toml``).
    """

    def __init__(
        self,
        *,
        model: str | None,
        base_url: str | None,
        api_key: str | None,
        timeout: float,
        prompts: PromptSet,
        frame: NoteFrame,
        cleanup: CleanupRules,
        sleep: Sleep = asyncio.sleep,
        max_attempts: int = MAX_ATTEMPTS,
        max_retry_after: float = MAX_RETRY_AFTER,
        limits: RequestLimits = _LIMITS,
    ) -> None:
        self.base_url = base_url.rstrip("/") if base_url else None
        self.timeout = timeout
        self.prompts = prompts
        self.frame = frame
        self.cleanup = cleanup
        self.max_attempts = max_attempts
        self.max_retry_after = max_retry_after
        self.limits = limits
        self._model = model
        self._api_key = api_key
        self._sleep = sleep

    @property
    def engine(self) -> str:
        """The model name; ``auto`` until the server has been asked which it serves."""
        return self._model or AUTO_ENGINE

    @property
    def server(self) -> str:
        """The base URL drafts go to, as messages name it (no credentials in it)."""
        return redact_url(self.base_url or OPENAI_URL)

    async def draft(self, request: NoteRequest, n: int) -> list[DraftText]:
        """Write up to ``n`` distinct notes; see ``Drafter.draft`` for the errors raised.

        One request asks for ``n`` choices. Servers that return fewer (llama.cpp ignores
        ``n``) are topped up with concurrent single requests, each with its own variant
        line, at most ``2 * n`` requests in all. A repair round (``request.feedback``)
        asks for one.
        """
        if not self._api_key and not self.base_url:
            raise DrafterConfigError("no API key: set OPENAI_API_KEY, or a base URL for a local server")
        repair = bool(request.feedback)
        n = 1 if repair else max(1, n)
        openai = _import_openai()
        client = openai.AsyncOpenAI(
            api_key=self._api_key or DUMMY_KEY,
            timeout=self.timeout,
            max_retries=0,  # tenacity owns retries; two layers would multiply attempts
            **({"base_url": self.base_url} if self.base_url else {}),
        )
        async with client:
            model = await self._resolve_model(client)
            # Regenerate (first_variant > 0) must not repeat the first request word for word.
            variant_line = request.first_variant + 1 if request.first_variant and not repair else None
            kept = distinct_texts(await self._ask(client, model, request, n, variant_line))
            sent, top_up = 1, 0
            while len(kept) < n and sent < 2 * n:
                batch = min(n - len(kept), 2 * n - sent)
                variants = [request.first_variant + 2 + top_up + i for i in range(batch)]
                top_up += batch
                sent += batch
                answers = await asyncio.gather(
                    *(self._ask(client, model, request, 1, v) for v in variants), return_exceptions=True
                )
                for answer in answers:
                    if isinstance(answer, DrafterError):
                        continue  # a failed top-up only means fewer variants
                    if isinstance(answer, BaseException):
                        raise answer
                    kept = distinct_texts([*kept, *answer])
        kept = kept[:n]
        return [self._frame(request, text, request.first_variant + i) for i, text in enumerate(kept)]

    async def _resolve_model(self, client: Any) -> str:
        """The model to ask: the configured one, or the only one the server lists."""
        if self._model:
            return self._model
        page = await self._call(client.models.list, asking="for its models")
        names = sorted({getattr(m, "id", "") for m in getattr(page, "data", None) or []} - {""})
        if not names:
            raise DrafterConfigError(f"the server at {self.server} lists no models; pass --model or set AFTERVIEW_MODEL")
        if len(names) > 1:
            raise DrafterConfigError(
                f"the server at {self.server} serves several models ({', '.join(names)}); "
                "pass --model or set AFTERVIEW_MODEL to pick one"
            )
        self._model = names[0]
        return self._model

    async def _ask(self, client: Any, model: str, request: NoteRequest, n: int, variant: int | None) -> list[DraftText]:
        """One chat completion: render, send with retries, validate and clean the answer."""
        previous = None
        if request.feedback and request.previous:
            # The previous draft went out framed; the model only ever sees paragraphs.
            previous = "\n\n".join(self._cleaner(request).paragraphs(request.previous))
        try:
            prompt = render(self.prompts, request, self.frame.variables(request), variant=variant, previous=previous)
        except MissingFact as exc:
            raise DrafterConfigError(str(exc)) from None
        cleaner = self._cleaner(request, echo_lines(prompt.instructions))
        options: dict[str, Any] = {"max_tokens": self.limits.max_tokens, "temperature": self.limits.temperature}
        if n > 1:
            options["n"] = n
        response = await self._call(
            lambda: client.chat.completions.create(model=model, messages=prompt.messages, **options),
            asking="for a draft",
        )
        contents = self._contents(response)
        usage = getattr(response, "usage", None)
        prompt_tokens = getattr(usage, "prompt_tokens", 0) or 0
        completion_tokens = getattr(usage, "completion_tokens", 0) or 0
        texts = []
        for index, content in enumerate(contents):
            paragraphs = cleaner.paragraphs(content)
            if not paragraphs:
                continue
            # Usage is per request; the first choice carries it so sums stay right.
            texts.append(
                DraftText(
                    subject="",
                    body="\n\n".join(paragraphs),
                    engine=model,
                    prompt_version=prompt.version,
                    prompt_tokens=prompt_tokens if index == 0 else 0,
                    completion_tokens=completion_tokens if index == 0 else 0,
                )
            )
        if not texts:
            raise DrafterBadResponse("the model's answer held no note text once its greeting and sign-off were removed")
        return texts

    def _contents(self, response: object) -> list[str]:
        """The usable message texts of a chat completion, or the reason there are none."""
        if isinstance(response, str):
            # The SDK hands back the raw text when the body is not JSON: usually a web
            # page, because the base URL lacks /v1.
            raise DrafterConfigError(self._not_json())
        choices = getattr(response, "choices", None)
        if not choices:
            raise DrafterBadResponse(f"the server at {self.server} answered with no choices (nothing to draft from)")
        contents, problems = [], []
        for choice in choices:
            message = getattr(choice, "message", None)
            content = getattr(message, "content", None)
            finish = getattr(choice, "finish_reason", None)
            if finish == "length":
                problems.append(f"the model's answer was cut off at the {self.limits.max_tokens}-token limit")
            elif finish == "content_filter":
                problems.append("the server's content filter withheld the answer")
            elif not isinstance(content, str) or not content.strip():
                problems.append("the model's answer was empty")
            else:
                contents.append(content)
        if not contents:
            raise DrafterBadResponse(problems[0])
        return contents

    def _frame(self, request: NoteRequest, text: DraftText, variant: int) -> DraftText:
        """Add the shared subject, greeting, sign-off and signature to the paragraphs."""
        paragraphs = text.body.split("\n\n")
        return DraftText(
            subject=self.frame.subject(request, variant),
            body=self.frame.body(request, paragraphs, variant),
            engine=text.engine,
            variant=variant,
            prompt_version=text.prompt_version,
            prompt_tokens=text.prompt_tokens,
            completion_tokens=text.completion_tokens,
        )

    def _cleaner(self, request: NoteRequest, prompt_lines: frozenset[str] = frozenset()) -> Cleaner:
        sign_offs = tuple(line for lines in self.frame.sign_offs.values() for line in lines)
        return Cleaner(self.cleanup, request.signature, sign_offs, request.signature_block, prompt_lines)

    async def _call(self, send: Callable[[], Awaitable[Any]], *, asking: str) -> Any:
        """Send with tenacity's retries; translate whatever is left into a drafter error."""
        from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

        retrying = AsyncRetrying(
            retry=retry_if_exception(retryable),
            stop=stop_after_attempt(self.max_attempts) | self._retry_after_too_long,
            wait=self._wait,
            sleep=self._sleep,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    return await send()
        except Exception as exc:
            attempts = retrying.statistics.get("attempt_number", 1)
            error = self._translate(exc, attempts, asking)
            if error is None:
                raise
            # Every message is shown and may be stored as a fallback reason: whatever the
            # server echoed, the key leaves in none of its forms. Never chain the SDK's text.
            raise type(error)(redact(str(error), self._api_key)) from None
        raise AssertionError("unreachable: tenacity either returns or raises")  # pragma: no cover

    def _wait(self, state: Any) -> float:
        """``Retry-After`` when the server sent one, else exponential backoff with jitter."""
        from tenacity import wait_random_exponential

        delay = retry_after(state.outcome.exception())
        if delay is not None:
            return delay
        return wait_random_exponential(multiplier=0.5, max=8)(state)

    def _retry_after_too_long(self, state: Any) -> bool:
        delay = retry_after(state.outcome.exception())
        return delay is not None and delay > self.max_retry_after

    def _translate(self, exc: BaseException, attempts: int, asking: str) -> DrafterError | None:
        """One actionable line for a failure; None for errors that are bugs, not faults."""
        openai = _import_openai()
        server, tries = self.server, plural(attempts, "attempt")
        if isinstance(exc, json.JSONDecodeError | openai.APIResponseValidationError):
            return DrafterConfigError(self._not_json())
        if isinstance(exc, openai.RateLimitError):
            if is_quota(exc):
                return DrafterQuotaError("the account has no quota left (insufficient_quota): check its plan and billing")
            delay = retry_after(exc)
            if delay is not None and delay > self.max_retry_after:
                later = f"in {math.ceil(delay)} s" if math.isfinite(delay) else "later"
                return DrafterUnavailable(f"rate-limited; try again {later}")
            when = f"in {math.ceil(delay)} s" if delay else "in a minute"
            return DrafterUnavailable(f"rate-limited on {tries}; try again {when}")
        if isinstance(exc, openai.AuthenticationError):
            return DrafterAuthError("the server refused the API key (HTTP 401): check OPENAI_API_KEY")
        if isinstance(exc, openai.PermissionDeniedError):
            return DrafterAuthError(f"the server at {server} refused access to model {self.engine!r} (HTTP 403)")
        if isinstance(exc, openai.NotFoundError):
            if asking != "for a draft":
                return DrafterConfigError(f"the server at {server} has no model list; pass --model or set AFTERVIEW_MODEL")
            return DrafterConfigError(
                f"model {self.engine!r} not found at {server}: check --model / AFTERVIEW_MODEL and that the base URL ends with /v1"
            )
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            if status >= 500 or status in (408, 409):
                request_id = exc.response.headers.get("x-request-id")
                suffix = f" (request id {redact(request_id, self._api_key)})" if request_id else ""
                return DrafterUnavailable(f"the server at {server} failed with HTTP {status} on {tries}; try again later{suffix}")
            detail = server_message(exc, self._api_key)
            return DrafterConfigError(f"the server at {server} rejected the request (HTTP {status}){detail}")
        if isinstance(exc, openai.APITimeoutError):
            return DrafterUnavailable(
                f"the server at {server} did not answer within {self.timeout:g} s on {tries}; "
                "try again, or raise the timeout (AFTERVIEW_TIMEOUT)"
            )
        if isinstance(exc, openai.APIConnectionError):
            hint = "is the server running?" if self._local else "check the network connection"
            return DrafterUnavailable(f"cannot reach {server}: {hint}")
        if isinstance(exc, openai.OpenAIError):
            return DrafterUnavailable(f"the request {asking} failed ({type(exc).__name__})")
        return None

    def _not_json(self) -> str:
        return f"the server at {self.server} answered with something that is not JSON: check that the base URL ends with /v1"

    @property
    def _local(self) -> bool:
        return bool(self.base_url) and (urlsplit(self.base_url).hostname or "") in _LOCAL_HOSTS


def llm_drafter(settings: Settings, *, sleep: Sleep | None = None) -> LLMDrafter:
    """The LLM drafter for ``settings``; loads and validates the prompt files now.

    With a base URL and no model chosen (``model_source == "default"``) the model is
    asked from the server's ``/models`` on the first draft. ``openai`` is not imported.

    Raises:
        PolicyError: a prompt, cleanup or frame file is malformed (names file and key).
    """
    return LLMDrafter(
        model=model_for(settings),
        base_url=settings.base_url,
        api_key=settings.api_key,
        timeout=settings.timeout,
        prompts=load_prompts(settings.prompts_dir),
        frame=load_frame(),
        cleanup=load_cleanup_rules(),
        sleep=asyncio.sleep if sleep is None else sleep,
    )


def _import_openai() -> Any:
    import openai  # deliberately late: about 1 s of import time

    return openai
