"""The interview form's preview of a moment: the sentence a thank-you builds from it, or
why no note will quote it.

Whether a moment is quoted is decided once, by ``checks.moment.moment_fate`` (its rules,
the note to yourself among them, are data in ``guardrails/moment.toml``); the writer
follows the same decision when it drafts, so the preview never promises a sentence the
notes will not hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from afterview.checks.moment import moment_fate
from afterview.drafting.moments import preview

if TYPE_CHECKING:
    from afterview.checks import Policy


def moment_preview(moment: str, recipient: str | None, proper_nouns: Sequence[str], policy: Policy) -> str:
    """"I especially enjoyed ...", "(not quoted: <why>)", or "" for an empty moment.

    Args:
        moment: the moment as typed.
        recipient: the interviewer it was noted for (the sentence is written to them).
        proper_nouns: the record's names, as the checks mask them.
        policy: the guardrail policy.
    """
    if not moment.strip():
        return ""
    fate = moment_fate(moment, proper_nouns, policy)
    if fate.withheld:
        return f"(not quoted: it {fate.reason})"
    return preview(moment, recipient=recipient)
