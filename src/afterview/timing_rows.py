"""The advisor's vocabulary: states, the interview it reads, the rows it returns, the sent log.

Pure and stdlib-only, like ``afterview.timing`` (which re-exports every name here); kept
apart so each reads in one sitting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Literal, NamedTuple, Protocol, runtime_checkable

from afterview.names import name_key

State = Literal["upcoming", "due", "late", "stop", "not_applicable"]
STATES: tuple[State, ...] = ("upcoming", "due", "late", "stop", "not_applicable")
"""Every state an ``Advice`` row can be in."""
STATE_RANK: dict[str, int] = {"late": 0, "due": 1, "upcoming": 2, "stop": 3, "not_applicable": 4}
"""Most urgent first: the order rows are listed in (lower sorts first)."""
ACTIONABLE_STATES: tuple[State, ...] = ("late", "due", "upcoming")
"""States of a note still to send (``stop`` and ``not_applicable`` rows are not)."""


@runtime_checkable
class InterviewLike(Protocol):
    """What the advisor reads from an interview: exactly these, nothing more."""

    @property
    def interview_date(self) -> date: ...
    @property
    def decision_date(self) -> date | None: ...
    @property
    def status(self) -> str: ...
    @property
    def status_date(self) -> date | None: ...
    @property
    def recipient_names(self) -> Sequence[str]: ...
    @property
    def contact_name(self) -> str: ...
    @property
    def offer_deadline(self) -> date | None: ...
    @property
    def award_date(self) -> date | None: ...


class SentNote(NamedTuple):
    """A note the user marked as sent: its type value, recipient name and day."""

    type: str
    recipient: str
    sent_on: date


class Advice(NamedTuple):
    """One note the user could write, and where it stands today (a named tuple: the due
    list builds tens of thousands of them).

    Attributes:
        type: the note type value (``thank_you``, ``follow_up``...).
        recipient: who it goes to: the interviewer for a thank-you, else the contact.
        state: one of ``STATES``.
        due: the first day the note is due (None for ``stop`` and ``not_applicable``).
        rule: a stable id from ``RULES`` (``thank_you.same_day``...).
        reason: one plain-English sentence naming the rule, with its dates.
    """

    type: str
    recipient: str
    state: State
    due: date | None
    rule: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        """Return the JSON shape ``due --json`` prints (``due`` as an ISO date or null)."""
        return {
            "type": self.type,
            "recipient": self.recipient,
            "state": self.state,
            "due": self.due.isoformat() if self.due else None,
            "rule": self.rule,
            "reason": self.reason,
        }


def due_now(rows: Iterable[Advice]) -> list[Advice]:
    """The rows to act on today (``late`` or ``due``), in the order given."""
    return [row for row in rows if row.state in ("late", "due")]


class SentLog:
    """The sent notes of one interview, de-duplicated, with the questions the rules ask.

    Args:
        sent: ``(type value, recipient, day sent)`` per note.
        keyed: the notes are as the store keeps them: type values, recipients as name
            keys (``afterview.names.name_key``) and dates, taken as they are. Otherwise
            types may be enums, recipients are names and days may be datetimes.
    """

    __slots__ = ("_notes", "_types")

    def __init__(self, sent: Iterable[SentNote | tuple[str, str, date]] = (), *, keyed: bool = False) -> None:
        # Items are read by position: the store's rows and SentNote are both such triples.
        # A keyed log is kept as given (the due list builds one per interview): only
        # ``days`` needs the notes de-duplicated and in order, and it does that itself.
        if keyed:
            self._notes = sent if isinstance(sent, tuple) else tuple(sent)
        else:
            self._notes = tuple({SentNote(str(getattr(t, "value", t)), name_key(r), day_of(d)) for t, r, d in sent})
        self._types = {note[0] for note in self._notes}

    def has(self, note_type: str, recipient: str | None = None) -> bool:
        """Whether a note of ``note_type`` was sent (to ``recipient``, when given)."""
        if recipient is None or note_type not in self._types:
            return note_type in self._types
        key = name_key(recipient)
        return any(n[0] == note_type and n[1] == key for n in self._notes)

    def days(self, note_type: str) -> list[date]:
        """The days notes of ``note_type`` were sent, earliest first (the same note logged
        twice counts once)."""
        if note_type not in self._types:
            return []
        return [n[2] for n in sorted({n for n in self._notes if n[0] == note_type}, key=itemgetter(2))]

    def recipients(self, note_type: str) -> set[str]:
        """The name keys of the people a note of ``note_type`` was sent to (a new set)."""
        return {n[1] for n in self._notes if n[0] == note_type} if note_type in self._types else set()


def day_of(value: date) -> date:
    """The calendar day of ``value`` (a datetime is cut to its date)."""
    # A datetime is a date subclass but does not compare with one; keep the day only.
    return value.date() if isinstance(value, datetime) else value
