"""Which notes are due when, and the rule that says so.

Pure and stdlib-only: ``advise(interview, today, sent)`` reads the interview through the
small ``InterviewLike`` protocol (the pydantic ``Interview`` and a store row both fit),
takes ``today`` instead of reading a clock, and returns one ``Advice`` row per note the
user could write, sorted: late, due, upcoming (earliest date first, then note type, then
recipient), then stop, then not_applicable.

Day counts are inclusive: a note due on day D is ``due`` on D, and "late once 7 days past
its due date" means ``late`` from D+7. The rules:

====================================  =====================================================
rule                                  when
====================================  =====================================================
``thank_you.same_day``                each interviewer, on the interview day or the day
                                      after; late from the second day after; upcoming
                                      before the interview. Whatever the status.
``follow_up.after_decision``          awaiting: decision date + 7, late 7 days later
``follow_up.no_decision_date``        awaiting, no decision date: interview + 14 (the
                                      reason says to ask for the timeline)
``follow_up.second``                  awaiting, one follow-up sent: first sent + 7
``follow_up.stop_after_two``          awaiting, two or more sent: stop
``competing_offer.before_deadline``   awaiting, offer recorded, deadline today or ahead:
                                      due from today
``award_update.after_interview``      awaiting, award dated on or after the interview
                                      day: due from the award date
``after_rejection.feedback``          rejected: due from the status date (today when
``after_rejection.keep_in_mind``      none is recorded), late from 7 days after it
``<type>.not_applicable.<why>``       the note does not fit the record now; ``why`` is
                                      ``status``, ``no_offer``, ``deadline_passed``,
                                      ``no_award`` or ``before_interview``
====================================  =====================================================

Choices where the issue is silent, made for a careful user:

- Thank-yous do not depend on the status: an unsent one stays listed after an offer, a
  withdrawal or a rejection (thanking someone is never wrong).
- Notes after the thank-yous go to the contact and are one per application, so a logged
  one counts whoever it went to (the contact may have changed since).
- A logged thank-you matches its interviewer ignoring case and runs of spaces. The same
  note logged twice (same type, recipient and day) counts once.
- Once sent, a competing-offer note, an award update, a feedback request or a
  continued-interest note is not listed again, whatever the status.
- An award or competing offer is not late: it is due until it stops applying.
- A rejection with no date counts from today, so those notes read "due" until a date is
  recorded.
- A status afterview does not know leaves only the thank-yous applicable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Literal, NamedTuple, Protocol, runtime_checkable

from afterview.notes import NOTE_TYPES, TYPE_RANK

__all__ = [
    "ACTIONABLE_STATES",
    "NOTE_TYPES",
    "RULES",
    "STATES",
    "STATE_RANK",
    "TYPE_RANK",
    "Advice",
    "InterviewLike",
    "SentNote",
    "State",
    "advise",
    "due_now",
]

State = Literal["upcoming", "due", "late", "stop", "not_applicable"]
STATES: tuple[State, ...] = ("upcoming", "due", "late", "stop", "not_applicable")
"""Every state an ``Advice`` row can be in."""
STATE_RANK: dict[str, int] = {"late": 0, "due": 1, "upcoming": 2, "stop": 3, "not_applicable": 4}
"""Most urgent first: the order rows are listed in (lower sorts first)."""
ACTIONABLE_STATES: tuple[State, ...] = ("late", "due", "upcoming")
"""States of a note still to send (``stop`` and ``not_applicable`` rows are not)."""


# The cadence, in days. Kept together so a policy change is one edit here.
THANK_YOU_WINDOW_DAYS = 2  # due on the interview day and the day after
FOLLOW_UP_AFTER_DECISION_DAYS = 7
FOLLOW_UP_NO_DECISION_DAYS = 14
SECOND_FOLLOW_UP_DAYS = 7
MAX_FOLLOW_UPS = 2
LATE_AFTER_DAYS = 7  # follow-ups and the notes after a rejection

# Wording: one sentence per rule and state, filled with ISO dates by ``str.format``.
_REASONS: dict[str, dict[State, str]] = {
    "thank_you.same_day": {
        "upcoming": "Thank-you notes go out the day of the interview or the day after; "
        "the interview is on {start}, so send this one on {start} or {last}.",
        "due": "Thank-you notes go out the day of the interview or the day after; "
        "the interview was on {start}, so send this one by {last}.",
        "late": "Thank-you notes go out the day of the interview or the day after; "
        "this one is late since {late}, but still worth sending today.",
    },
    "follow_up.after_decision": {
        "upcoming": "Follow up only once the promised decision date ({decision}) has passed "
        "and a further week has gone by with no answer, so from {start}.",
        "due": "The promised decision date ({decision}) has passed and a further week has gone "
        "by with no answer, so a short follow-up is due since {start}.",
        "late": "The promised decision date ({decision}) has passed and a further week has gone "
        "by with no answer; this follow-up was due from {start}, is late since {late}, "
        "and is still worth sending today.",
    },
    "follow_up.no_decision_date": {
        "upcoming": "No decision date was given, so follow up two weeks after the interview "
        "({interview}), from {start}, and ask when they expect to decide "
        "(a question for the follow-up, never the thank-you).",
        "due": "No decision date was given, so a follow-up is due two weeks after the interview "
        "({interview}), since {start}; ask when they expect to decide "
        "(a question for the follow-up, never the thank-you).",
        "late": "No decision date was given, so a follow-up was due two weeks after the interview "
        "({interview}), from {start}, and is late since {late}; send it today and ask when "
        "they expect to decide (a question for the follow-up, never the thank-you).",
    },
    "follow_up.second": {
        "upcoming": "Your first follow-up ({first}) has had no answer yet; a second and final "
        "one is due a week later, from {start}.",
        "due": "Your first follow-up ({first}) has had no answer for a week, so a second and "
        "final one is due since {start}.",
        "late": "Your first follow-up ({first}) has had no answer; the second and final one was "
        "due from {start}, is late since {late}, and is still worth sending today.",
    },
    "follow_up.stop_after_two": {
        "stop": "You have sent {count} follow-ups, the last on {last_sent}, with no answer; "
        "stop following up and focus on other applications.",
    },
    "competing_offer.before_deadline": {
        "due": "A competing offer is recorded with a deadline of {deadline}; write now, "
        "while they can still decide before it.",
    },
    "award_update.after_interview": {
        "upcoming": "The award dated {award} comes after the interview ({interview}); "
        "share it as a brief update from {award}, while they decide.",
        "due": "The award dated {award} came after the interview ({interview}); "
        "share it as a brief update while they decide.",
    },
    "after_rejection.feedback": {
        "upcoming": "Ask for feedback within a week of {since}; many employers will not "
        "answer, as a matter of policy.",
        "due": "Ask for feedback within a week of {since}, by {last}; many employers will not "
        "answer, as a matter of policy, so silence is normal.",
        "late": "Feedback requests go out within a week of {since}; this one is late since "
        "{late}, still fine to send, though many employers will not answer, as a matter of policy.",
    },
    "after_rejection.keep_in_mind": {
        "upcoming": "Within a week of {since}, thank them and ask to be kept in mind for a role "
        "that fits better.",
        "due": "Within a week of {since}, by {last}, thank them and ask to be kept in mind for "
        "a role that fits better.",
        "late": "Notes asking to be kept in mind go out within a week of {since}; this one is "
        "late since {late}, but still worth sending.",
    },
    "follow_up.not_applicable.status": {
        "not_applicable": "Follow-ups are for while you wait on a decision, and this application {status}.",
    },
    "competing_offer.not_applicable.status": {
        "not_applicable": "A competing-offer note is for while you wait on a decision, "
        "and this application {status}.",
    },
    "competing_offer.not_applicable.no_offer": {
        "not_applicable": "Record a competing offer (company and deadline) to write this note; "
        "never bluff about one.",
    },
    "competing_offer.not_applicable.deadline_passed": {
        "not_applicable": "The competing offer's deadline ({deadline}) has passed, so there is "
        "no decision left to ask them to make before it.",
    },
    "award_update.not_applicable.status": {
        "not_applicable": "An award update is for while you wait on a decision, "
        "and this application {status}.",
    },
    "award_update.not_applicable.no_award": {
        "not_applicable": "Record an award or recognition (name and date) received since the "
        "interview to write this note.",
    },
    "award_update.not_applicable.before_interview": {
        "not_applicable": "The award is dated {award}, before the interview ({interview}), so it is "
        "not news since you met; updates are for recognition received while you wait.",
    },
    "feedback_request.not_applicable.status": {
        "not_applicable": "A feedback request follows a rejection, and this application {status}.",
    },
    "continued_interest.not_applicable.status": {
        "not_applicable": "A continued-interest note follows a rejection, and this application {status}.",
    },
}

RULES: frozenset[str] = frozenset(_REASONS)
"""Every rule id an ``Advice`` row can carry."""

# "this application {status}."; ``{on}`` becomes " on <status date>" when there is one.
_STATUS_PHRASES = {
    "awaiting": "is still awaiting a decision",
    "offered": "was marked offered{on}",
    "rejected": "was marked rejected{on}",
    "withdrawn": "was withdrawn{on}",
}
_UNKNOWN_STATUS_PHRASE = "has a status afterview does not know ({status})"
_SINCE_REJECTION = "the rejection on {date}"
_SINCE_UNDATED_REJECTION = "the rejection (no date recorded, so counted from today, {date})"


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


@dataclass(frozen=True, slots=True)
class Advice:
    """One note the user could write, and where it stands today.

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


def advise(
    interview: InterviewLike,
    today: date,
    sent: Iterable[SentNote | tuple[str, str, date]] = (),
    *,
    include_not_applicable: bool = True,
) -> list[Advice]:
    """Say which notes are due for ``interview`` on ``today``, one row per note.

    Args:
        interview: anything with the ``InterviewLike`` attributes.
        today: the day to judge against (a datetime is reduced to its date).
        sent: notes already sent, as ``(type value, recipient name, day sent)``.
        include_not_applicable: False leaves out the ``not_applicable`` rows (and the
            work of wording them): ``due`` across thousands of interviews asks for that.

    Returns:
        Rows sorted late, due, upcoming (earliest date, then ``NOTE_TYPES`` order, then
        recipient), then stop, then not_applicable. Sent one-off notes are left out.
    """
    today = _day(today)
    log = _SentLog(sent)
    status = str(getattr(interview.status, "value", interview.status))
    rows = _thank_yous(interview, today, log)
    follow_up = _follow_up(interview, today, status, log)
    candidates = [follow_up] + [
        build(interview, today, status)
        for build in (_competing_offer, _award_update, _feedback_request, _continued_interest)
    ]
    for row in candidates:
        if isinstance(row, _NotApplicable):
            if include_not_applicable and (row.type == "follow_up" or not log.has(row.type)):
                rows.append(row.advice())
        elif row is follow_up or not log.has(row.type):
            rows.append(row)
    return sorted(rows, key=_order)


class _SentLog:
    """The sent notes, de-duplicated, with the questions the rules ask of them."""

    def __init__(self, sent: Iterable[SentNote | tuple[str, str, date]]) -> None:
        notes = {SentNote(str(getattr(t, "value", t)), _name_key(r), _day(d)) for t, r, d in sent}
        self._notes = sorted(notes, key=lambda note: note.sent_on)

    def has(self, note_type: str, recipient: str | None = None) -> bool:
        """Whether a note of ``note_type`` was sent (to ``recipient``, when given)."""
        key = None if recipient is None else _name_key(recipient)
        return any(n.type == note_type and (key is None or n.recipient == key) for n in self._notes)

    def days(self, note_type: str) -> list[date]:
        """The days notes of ``note_type`` were sent, earliest first."""
        return [n.sent_on for n in self._notes if n.type == note_type]


def _name_key(name: str) -> str:
    # The same rule as afterview.names.name_key, copied on purpose: timing imports nothing
    # else of afterview, so it stays pure and cheap. Keep the two in step.
    return " ".join(name.split()).casefold()


def _day(value: date) -> date:
    # A datetime is a date subclass but does not compare with one; keep the day only.
    return value.date() if isinstance(value, datetime) else value


@cache
def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _state(today: date, start: date, late_from: date | None) -> State:
    if today < start:
        return "upcoming"
    if late_from is not None and today >= late_from:
        return "late"
    return "due"


def _row(note_type: str, recipient: str, state: State, due: date | None, rule: str, **values: object) -> Advice:
    # str(date) is its ISO form, so dates go into the sentence as they are.
    return Advice(note_type, recipient, state, due, rule, _REASONS[rule][state].format(**values))


def _timed(
    note_type: str, recipient: str, rule: str, *, today: date, start: date, late_after: int | None, **values: object
) -> Advice:
    """A row due from ``start``, late from ``late_after`` days later (never when None)."""
    late = start + _days(late_after) if late_after is not None else None
    last = late - _days(1) if late is not None else None
    state = _state(today, start, late)
    return _row(note_type, recipient, state, start, rule, start=start, late=late, last=last, **values)


class _NotApplicable(NamedTuple):
    """A not_applicable row, worded only if the caller wants it."""

    type: str
    recipient: str
    why: str
    values: dict[str, object]

    def advice(self) -> Advice:
        rule = f"{self.type}.not_applicable.{self.why}"
        return _row(self.type, self.recipient, "not_applicable", None, rule, **self.values)


def _not_applicable(note_type: str, recipient: str, why: str, **values: object) -> _NotApplicable:
    return _NotApplicable(note_type, recipient, why, values)


def _status_phrase(interview: InterviewLike, status: str) -> str:
    on = f" on {interview.status_date.isoformat()}" if interview.status_date else ""
    phrase = _STATUS_PHRASES.get(status)
    return phrase.format(on=on) if phrase else _UNKNOWN_STATUS_PHRASE.format(status=repr(status))


def _thank_yous(interview: InterviewLike, today: date, log: _SentLog) -> list[Advice]:
    rows: list[Advice] = []
    seen: set[str] = set()
    for name in interview.recipient_names:
        key = _name_key(name)
        if key in seen or log.has("thank_you", name):
            continue
        seen.add(key)
        start = interview.interview_date
        rows.append(
            _timed("thank_you", name, "thank_you.same_day", today=today, start=start, late_after=THANK_YOU_WINDOW_DAYS)
        )
    return rows


def _follow_up(interview: InterviewLike, today: date, status: str, log: _SentLog) -> Advice | _NotApplicable:
    contact = interview.contact_name
    if status != "awaiting":
        return _not_applicable("follow_up", contact, "status", status=_status_phrase(interview, status))
    sent_days = log.days("follow_up")
    if len(sent_days) >= MAX_FOLLOW_UPS:
        rule = "follow_up.stop_after_two"
        return _row("follow_up", contact, "stop", None, rule, count=len(sent_days), last_sent=sent_days[-1])
    values: dict[str, object]
    if sent_days:
        rule, start = "follow_up.second", sent_days[0] + _days(SECOND_FOLLOW_UP_DAYS)
        values = {"first": sent_days[0]}
    elif interview.decision_date is not None:
        rule, start = "follow_up.after_decision", interview.decision_date + _days(FOLLOW_UP_AFTER_DECISION_DAYS)
        values = {"decision": interview.decision_date}
    else:
        rule, start = "follow_up.no_decision_date", interview.interview_date + _days(FOLLOW_UP_NO_DECISION_DAYS)
        values = {"interview": interview.interview_date}
    return _timed("follow_up", contact, rule, today=today, start=start, late_after=LATE_AFTER_DAYS, **values)


def _competing_offer(interview: InterviewLike, today: date, status: str) -> Advice | _NotApplicable:
    contact, deadline = interview.contact_name, interview.offer_deadline
    if status != "awaiting":
        return _not_applicable("competing_offer", contact, "status", status=_status_phrase(interview, status))
    if deadline is None:
        return _not_applicable("competing_offer", contact, "no_offer")
    if deadline < today:
        return _not_applicable("competing_offer", contact, "deadline_passed", deadline=deadline)
    # No date says when the offer arrived, so the note is due from today until the deadline.
    rule = "competing_offer.before_deadline"
    return _timed("competing_offer", contact, rule, today=today, start=today, late_after=None, deadline=deadline)


def _award_update(interview: InterviewLike, today: date, status: str) -> Advice | _NotApplicable:
    contact, award, interviewed = interview.contact_name, interview.award_date, interview.interview_date
    if status != "awaiting":
        return _not_applicable("award_update", contact, "status", status=_status_phrase(interview, status))
    if award is None:
        return _not_applicable("award_update", contact, "no_award")
    if award < interviewed:
        return _not_applicable("award_update", contact, "before_interview", award=award, interview=interviewed)
    rule = "award_update.after_interview"
    return _timed(
        "award_update", contact, rule, today=today, start=award, late_after=None, award=award, interview=interviewed
    )


def _after_rejection(
    note_type: str, rule: str, interview: InterviewLike, today: date, status: str
) -> Advice | _NotApplicable:
    contact = interview.contact_name
    if status != "rejected":
        return _not_applicable(note_type, contact, "status", status=_status_phrase(interview, status))
    rejected_on = interview.status_date
    if rejected_on is None:
        since, start = _SINCE_UNDATED_REJECTION.format(date=today.isoformat()), today
    else:
        since, start = _SINCE_REJECTION.format(date=rejected_on.isoformat()), rejected_on
    return _timed(note_type, contact, rule, today=today, start=start, late_after=LATE_AFTER_DAYS, since=since)


def _feedback_request(interview: InterviewLike, today: date, status: str) -> Advice | _NotApplicable:
    return _after_rejection("feedback_request", "after_rejection.feedback", interview, today, status)


def _continued_interest(interview: InterviewLike, today: date, status: str) -> Advice | _NotApplicable:
    return _after_rejection("continued_interest", "after_rejection.keep_in_mind", interview, today, status)


def _order(row: Advice) -> tuple[int, date, int, str, str]:
    # stop and not_applicable rows have no date; their state rank already puts them last.
    type_rank = TYPE_RANK.get(row.type, len(NOTE_TYPES))
    return (STATE_RANK[row.state], row.due or date.min, type_rank, row.recipient.casefold(), row.rule)
