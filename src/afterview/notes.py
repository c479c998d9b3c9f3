"""The vocabularies, each defined once: note types, statuses, tones, export formats.

Every layer reads these tables (the parser's choices, the TUI's labels, the store's
SQL, the timing advisor, the evals), so adding a note type is a row here plus its data
files: a prompt in ``prompts/``, templates in ``prompts/offline/``, a ``[types.*]`` table
in ``guardrails/policy.toml`` and its schedule in ``guardrails/timing.toml`` (README's
"where things live" lists every file). A test or a loader fails when a type lacks any.

Stdlib only and cheap to import: ``afterview check`` reads it at start-up.
"""

from __future__ import annotations

from typing import Literal

from afterview.frozen import NamedTuple

Recipients = Literal["each", "contact"]
"""Who a note goes to: ``each`` interviewer, or the interview's ``contact``."""
Needs = Literal["offer", "award"]
"""A record part a note cannot do without (never bluff about an offer or an award)."""


class NoteKind(NamedTuple):
    """One note type.

    Attributes:
        value: the stable id used in files, the database and on the command line.
        label: how people read it ("thank-you").
        recipients: ``each`` interviewer gets one, or only the ``contact``.
        needs: the record part the note needs, if any (``offer`` or ``award``).
        needs_hint: what to add to the record when ``needs`` is missing.
    """

    value: str
    label: str
    recipients: Recipients = "contact"
    needs: Needs | None = None
    needs_hint: str = ""


NOTE_KINDS: tuple[NoteKind, ...] = (
    NoteKind("thank_you", "thank-you", recipients="each"),
    NoteKind("follow_up", "follow-up"),
    NoteKind(
        "competing_offer",
        "competing offer",
        needs="offer",
        needs_hint="add [competing_offer] with company and deadline to the interview (never bluff about an offer)",
    ),
    NoteKind("award_update", "award update", needs="award", needs_hint="add [award] with name and date"),
    NoteKind("feedback_request", "feedback request"),
    NoteKind("continued_interest", "continued interest"),
)
"""Every note type, in the order lists show them and urgency ties are broken."""

NOTE_TYPES: tuple[str, ...] = tuple(kind.value for kind in NOTE_KINDS)
"""The note type values, in table order."""
NOTE_LABELS: dict[str, str] = {kind.value: kind.label for kind in NOTE_KINDS}
"""Note type value -> label."""
TYPE_RANK: dict[str, int] = {value: rank for rank, value in enumerate(NOTE_TYPES)}
"""A note type value's place in the table (an unknown type sorts after them all)."""


def note_kind(value: str) -> NoteKind:
    """The table row for a note type value.

    Raises:
        ValueError: not a note type; the message lists the known ones.
    """
    for kind in NOTE_KINDS:
        if kind.value == value:
            return kind
    raise ValueError(f"{value!r} is not a note type (one of: {', '.join(NOTE_TYPES)})")


class Term(NamedTuple):
    """A value of a small vocabulary with its label and a one-line description."""

    value: str
    label: str
    description: str = ""


STATUSES: tuple[Term, ...] = (
    Term("awaiting", "awaiting a decision", "Awaiting: still waiting on their decision"),
    Term("offered", "offered", "Offered: they made you an offer"),
    Term("rejected", "rejected", "Rejected: they said no (notes for after a rejection become due)"),
    Term("withdrawn", "withdrawn", "Withdrawn: you stepped out of the process"),
)
"""Where an application stands; the first is the default."""
STATUS_VALUES: tuple[str, ...] = tuple(term.value for term in STATUSES)

TONES: tuple[Term, ...] = (
    Term("warm", "warm", "friendly and personal"),
    Term("formal", "formal", "polished and reserved"),
    Term("concise", "concise", "short and to the point"),
)
"""How a note sounds; the first is the default and ``t`` in the studio cycles in this order."""
TONE_VALUES: tuple[str, ...] = tuple(term.value for term in TONES)


class ExportFormat(NamedTuple):
    """A way to take a note (or the reminders) out of afterview.

    Attributes:
        value: the ``--format`` value and the file suffix.
        description: what the export dialog says about it.
        per_note: True for one note's export; False for the interview's reminders.
        to_file: False when the result is copied, not written (``mailto``).
    """

    value: str
    description: str
    per_note: bool = True
    to_file: bool = True


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("eml", "Email file (.eml): opens in your mail client, ready to send"),
    ExportFormat("txt", "Plain text (.txt): subject and body"),
    ExportFormat("mailto", "mailto: link, copied to the clipboard", to_file=False),
    ExportFormat("ics", "Calendar (.ics): a reminder for every note still to send", per_note=False),
)
"""Every export format; the first is the one most people want."""
EXPORT_VALUES: tuple[str, ...] = tuple(fmt.value for fmt in EXPORT_FORMATS)


def sql_list(values: tuple[str, ...]) -> str:
    """``('a', 'b')`` for a SQL ``IN`` or ``CHECK``: values from these tables only."""
    return "(" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + ")"
