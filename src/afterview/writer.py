"""The writer: request -> drafter -> checks -> repair -> fallback -> Draft.

Nothing afterview drafts is shown unless it meets the drafts' bar (``run_checks(...,
drafts_bar=True)``). An LLM draft that misses it gets up to ``max_repairs`` rounds in
which the findings travel back to the drafter as instructions; if it still misses, or
the drafter fails, or the deadline passes, the offline template for the same variant
takes its place and the draft says why (``fallback_reason``).

Transport retries belong to the drafter; this loop only repairs content, so the two
never multiply. Offline, nothing waits on a network: ``write_now`` then drafts without an
event loop, and asyncio is imported only when an LLM drafter is used.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from afterview.checks import Policy, Report, run_checks
from afterview.context import check_context, recipient_moment
from afterview.domain import Draft, NoteRequest, Usage
from afterview.drafting.base import Drafter, DrafterError, DraftText, distinct_texts
from afterview.frozen import replace
from afterview.wording import plural

if TYPE_CHECKING:
    import asyncio

ProgressCallback = Callable[[str], None]


class OfflineDrafter(Drafter, Protocol):
    """A drafter that never waits (the templates): it can also draft synchronously."""

    def draft_now(self, request: NoteRequest, n: int) -> list[DraftText]:
        """As ``draft``, without an event loop."""
        ...


class Writer:
    """Produces checked drafts; the one service the CLI and the TUI call to draft.

    Args:
        policy: the loaded guardrail policy.
        templates: the offline drafter; always available, used alone when ``drafter`` is
            None and as the fallback otherwise; it drafts synchronously too.
        drafter: the LLM drafter, or None to work offline.
        deadline: seconds that bound one ``write`` call, repairs included; None or 0
            turns it off (used when recording cassettes).
        max_repairs: repair rounds per variant before falling back.
        now: clock for ``Draft.created_at`` (tests inject a fixed one).
        progress: called with short status lines ("repairing variant 2 (1/2)").
    """

    def __init__(
        self,
        *,
        policy: Policy,
        templates: OfflineDrafter,
        drafter: Drafter | None = None,
        deadline: float | None = 90.0,
        max_repairs: int = 2,
        now: Callable[[], datetime] = datetime.now,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.policy = policy
        self.templates = templates
        self.drafter = drafter
        self.deadline = deadline or None
        self.max_repairs = max_repairs
        self.now = now
        self.progress = progress

    @property
    def engine(self) -> str:
        """The engine drafts come from when nothing fails: a model name or ``template``."""
        return self.drafter.engine if self.drafter else self.templates.engine

    @property
    def online(self) -> bool:
        """True when an LLM drafter is configured."""
        return self.drafter is not None

    def check(self, request: NoteRequest, body: str, *, drafts_bar: bool) -> Report:
        """Check a body for ``request``; ``drafts_bar`` for afterview's own drafts.

        The context is the one every door builds (``afterview.context``), with the other
        recipients' notes the request carries for the panel check.
        """
        signature = (request.signature, *(request.signature_block or "").splitlines())
        context = check_context(
            request.interview,
            request.note_type,
            request.recipient,
            self.policy,
            other_notes=request.other_notes,
            signature=signature,
        )
        return run_checks(body, context, self.policy, drafts_bar=drafts_bar)

    def write_now(self, request: NoteRequest) -> list[Draft]:
        """``write`` for synchronous callers (the CLI): offline straight through, online in
        an event loop of its own. Never raises a drafter error, like ``write``."""
        if self.drafter is None:
            return self._from_templates(request)
        import asyncio

        return asyncio.run(self.write(request))

    def _from_templates(self, request: NoteRequest) -> list[Draft]:
        started = time.monotonic()
        request, notices = self._prepare(request)
        texts = self.templates.draft_now(request, request.variants)
        return [self._finish(request, text, notices, started, attempts=1) for text in texts]

    async def write(self, request: NoteRequest, *, progress: ProgressCallback | None = None) -> list[Draft]:
        """Draft ``request.variants`` checked notes for ``request``.

        Args:
            progress: status lines for this call only (default: the writer's own).

        Never raises a drafter error: those end in the template fallback, with the reason.
        Cancelling the call (Regenerate) cancels every request it still has in flight.
        """
        if self.drafter is None:
            return self._from_templates(request)
        import asyncio

        started = time.monotonic()
        say = progress or self.progress or _silent
        request, notices = self._prepare(request)
        wanted = request.variants
        results: dict[int, Draft] = {}
        reason: str | None = None
        tasks: dict[int, asyncio.Task[Draft]] = {}
        try:
            texts = await asyncio.wait_for(self.drafter.draft(request, wanted), self._remaining(started))
            texts = distinct_texts(texts)[:wanted]
            tasks = {
                index: asyncio.create_task(self._settle(request, text, index, notices, started, say))
                for index, text in enumerate(texts)
            }
            done, pending = await asyncio.wait(tasks.values(), timeout=self._remaining(started))
            for index, task in tasks.items():
                if task in done:
                    results[index] = task.result()
            if pending:
                reason = f"no draft met the checks within the {self.deadline:g} s deadline"
            elif len(texts) < wanted:
                reason = f"the model gave {plural(len(texts), 'distinct draft')} for {wanted} asked"
        except TimeoutError:
            reason = f"the model did not answer within the {self.deadline:g} s deadline"
        except DrafterError as exc:
            reason = str(exc)
        finally:
            await _cancel(tasks.values())

        missing = [index for index in range(wanted) if index not in results]
        for index in missing:
            reason = reason or "the model gave no draft"
            results[index] = self._fallback(request, index, reason, notices, started, say)
        return [results[index] for index in sorted(results)]

    def _prepare(self, request: NoteRequest) -> tuple[NoteRequest, tuple[str, ...]]:
        """Withhold a moment that cannot be quoted (``checks.moment``), and say so."""
        fate = recipient_moment(request.interview, request.recipient, self.policy)
        if not fate.withheld:
            return request, ()
        notice = (
            f"The moment noted for {request.recipient} {fate.reason}, so the note refers to "
            f"the conversation in general. {fate.findings[0].message}"
        )
        return replace(request, moment_withheld=True), (notice,)

    async def _settle(
        self,
        request: NoteRequest,
        text: DraftText,
        index: int,
        notices: tuple[str, ...],
        started: float,
        say: ProgressCallback,
    ) -> Draft:
        """Check one LLM variant; repair it; fall back to its template if it stays below the bar."""
        attempts, usage = 1, [text.prompt_tokens, text.completion_tokens]
        report = self.check(request, text.body, drafts_bar=True)
        repairs = 0
        while not report.passed and repairs < self.max_repairs:
            repairs += 1
            say(f"repairing variant {index + 1} ({repairs}/{self.max_repairs})")
            repair = replace(
                request,
                feedback=report.as_feedback(),
                previous=text.body,
                variants=1,
                first_variant=request.first_variant + index,
            )
            try:
                (text, *_) = await self.drafter.draft(repair, 1)
            except DrafterError as exc:
                return self._fallback(request, index, str(exc), notices, started, say, attempts, usage)
            attempts += 1
            usage[0] += text.prompt_tokens
            usage[1] += text.completion_tokens
            report = self.check(request, text.body, drafts_bar=True)
        if not report.passed:
            first = report.blocking[0].message
            reason = f"the model's draft still failed checks after {repairs} repair(s): {first}"
            return self._fallback(request, index, reason, notices, started, say, attempts, usage)
        return self._finish(request, text, notices, started, attempts=attempts, repairs=repairs, usage=usage, report=report)

    def _fallback(
        self,
        request: NoteRequest,
        index: int,
        reason: str,
        notices: tuple[str, ...],
        started: float,
        say: ProgressCallback,
        attempts: int = 0,
        usage: Sequence[int] = (0, 0),
    ) -> Draft:
        say(f"using the offline template for variant {index + 1}: {reason}")
        shifted = replace(request, first_variant=request.first_variant + index, variants=1)
        (text, *_) = self.templates.draft_now(shifted, 1)
        return self._finish(request, text, notices, started, attempts=attempts, usage=usage, fallback_reason=reason)

    def _finish(
        self,
        request: NoteRequest,
        text: DraftText,
        notices: tuple[str, ...],
        started: float,
        *,
        attempts: int,
        repairs: int = 0,
        usage: Sequence[int] = (0, 0),
        report: Report | None = None,
        fallback_reason: str | None = None,
    ) -> Draft:
        return Draft(
            subject=text.subject,
            body=text.body,
            note_type=request.note_type,
            recipient=request.recipient,
            tone=request.tone,
            engine=text.engine,
            variant=text.variant,
            prompt_version=text.prompt_version,
            fallback_reason=fallback_reason,
            report=report or self.check(request, text.body, drafts_bar=True),
            attempts=attempts,
            repairs=repairs,
            usage=Usage(prompt_tokens=usage[0], completion_tokens=usage[1]),
            latency_ms=(time.monotonic() - started) * 1000,
            notices=notices,
            created_at=self.now(),
        )

    def _remaining(self, started: float) -> float | None:
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - (time.monotonic() - started))


def _silent(message: str) -> None:
    """The progress callback when nobody listens."""


async def _cancel(tasks: Iterable[asyncio.Task[Draft]]) -> None:
    """Cancel the tasks still running and wait for them, so no request outlives its draft."""
    import asyncio

    running = [task for task in tasks if not task.done()]
    for task in running:
        task.cancel()
    if running:
        await asyncio.gather(*running, return_exceptions=True)
