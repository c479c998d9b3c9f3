"""Pure helpers behind the draft studio: which note to start on, labels, exports.

No Textual here, so each rule is a plain function with a plain test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from afterview.domain import NoteType, Tone
from afterview.notes import NOTE_LABELS
from afterview.timing import ACTIONABLE_STATES
from afterview.tui.note_choice import NoteChoice

TONES: tuple[Tone, ...] = tuple(Tone)
"""The tones in the order ``t`` cycles through them (warm first)."""


def pick_note(advice: Sequence[Any], interview: Any) -> tuple[NoteChoice, str]:
    """The note the studio opens on: the advisor's most urgent one, with its reason.

    When nothing is due or upcoming, a thank-you to the contact (never wrong to send),
    with a reason that says so.
    """
    row = next((r for r in advice if r.state in ACTIONABLE_STATES), None)
    if row is not None:
        return NoteChoice(str(row.type), row.recipient), row.reason
    contact = interview.contact.name
    reason = "Nothing is due for this interview right now; press o to see every note and why."
    return NoteChoice(NoteType.THANK_YOU.value, contact), reason


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


def export_bytes(
    fmt: str, draft: Any, interview: Any, profile: Any, interview_id: int, advice: Sequence[Any], today: date
) -> bytes:
    """The export file's content (for ``mailto`` the URL) for the draft on screen."""
    from afterview import export

    if fmt == "ics":
        return export.ics(export.reminders(interview_id, interview.company, advice, today))
    note = export.note_for(draft, interview, profile)
    if fmt == "eml":
        return export.eml(note)
    if fmt == "mailto":
        return export.mailto(note).encode()
    if fmt == "txt":
        return export.text(note).encode()
    raise ValueError(f"unknown export format {fmt!r}")
