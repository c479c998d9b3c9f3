"""Pure helpers behind the draft studio: labels, word counts, export file names.

No Textual here, so each rule is a plain function with a plain test.
"""

from __future__ import annotations

import re
from typing import Any

from afterview.domain import Tone

TONES: tuple[Tone, ...] = tuple(Tone)
"""The tones in the order ``t`` cycles through them (warm first)."""


def checks_run(policy: Any, note_type: str) -> tuple[str, ...]:
    """Names of the checks the policy runs for ``note_type``, in policy order.

    A check the type switches ``off`` is left out; any other check with no finding
    passed.
    """
    rules = policy.type_rules(note_type)
    return tuple(name for name in policy.checks if getattr(rules, name, None) != "off")


def word_range(policy: Any, note_type: str) -> tuple[int, int]:
    """The body word range the brevity check holds ``note_type`` to."""
    return tuple(policy.type_rules(note_type).words)  # type: ignore[return-value]


def word_count(text: str) -> int:
    """Words as the brevity check counts them (greeting, sign-off and signature excluded)."""
    from afterview.checks import body_words

    return body_words(text)


_UNSAFE_FILE_CHARS = re.compile(r"[^\w.-]+")


def export_stem(company: str, note_type: str, recipient: str) -> str:
    """A file name without suffix: ``northwind-analytics-thank-you-jordan-lee``."""
    raw = f"{company} {note_type.replace('_', '-')} {recipient}"
    return _UNSAFE_FILE_CHARS.sub("-", raw.casefold()).strip("-") or "note"
