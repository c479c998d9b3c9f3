"""The drafter interface: anything that turns a ``NoteRequest`` into note texts.

``TemplateDrafter`` (offline) and ``LLMDrafter`` implement it; tests use scripted fakes.
A drafter only writes: the writer checks, repairs and falls back.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from afterview.domain import NoteRequest
from afterview.frozen import NamedTuple


class DraftText(NamedTuple):
    """One drafted note, before any check.

    Attributes:
        subject: the subject line (without ``Subject:``).
        body: the whole note: greeting, paragraphs, sign-off and signature.
        engine: model name, or ``template``.
        variant: which variant this is (templates: the template index).
        prompt_version: version of the prompt or template set that produced it.
        prompt_tokens: tokens the request cost (0 for templates).
        completion_tokens: tokens the answer cost (0 for templates).
    """

    subject: str
    body: str
    engine: str
    variant: int = 0
    prompt_version: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0


NEAR_DUPLICATE_RATIO = 0.9
"""Variants whose words match at least this closely (difflib ratio) count as one."""


def distinct_texts(texts: Sequence[DraftText]) -> list[DraftText]:
    """``texts`` without the near-duplicates of an earlier one (order kept)."""
    kept: list[DraftText] = []
    for text in texts:
        words = text.body.split()
        if all(difflib.SequenceMatcher(None, words, k.body.split()).ratio() < NEAR_DUPLICATE_RATIO for k in kept):
            kept.append(text)
    return kept


class DrafterError(Exception):
    """Base for drafter failures; ``str()`` is one line fit to show the user."""


class DrafterUnavailable(DrafterError):
    """The drafter cannot answer now (network, timeout, rate limit, server error)."""


class DrafterAuthError(DrafterError):
    """The server refused the credentials (401/403): retrying will not help."""


class DrafterQuotaError(DrafterError):
    """The account has no quota left (429 ``insufficient_quota``): retrying will not help."""


class DrafterBadResponse(DrafterError):
    """The server answered, but not with a usable note (empty, malformed, truncated)."""


class DrafterConfigError(DrafterError):
    """The drafter is misconfigured (unknown model, bad base URL, 400/404)."""


@runtime_checkable
class Drafter(Protocol):
    """Writes notes for a request.

    Attributes:
        engine: model name, or ``template``; shown to the user and stored with each draft.
    """

    engine: str

    async def draft(self, request: NoteRequest, n: int) -> list[DraftText]:
        """Write up to ``n`` distinct notes for ``request``.

        ``request.feedback`` and ``request.previous``, when set, carry a repair round:
        the findings to fix and the draft they apply to.

        Returns:
            Between 1 and ``n`` drafts (a template set may hold fewer than ``n``).

        Raises:
            DrafterUnavailable: transient failure after the drafter's own retries.
            DrafterAuthError: credentials refused.
            DrafterQuotaError: no quota left.
            DrafterBadResponse: the answer held no usable note.
            DrafterConfigError: the drafter's settings are wrong.
        """
        ...
