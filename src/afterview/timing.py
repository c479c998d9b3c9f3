"""Which notes are due when, and the rule that says so.

Pure: ``advise(interview, today, sent)`` reads the interview through the
small ``InterviewLike`` protocol (the pydantic ``Interview`` and a store row both fit),
takes ``today`` instead of reading a clock, and returns one ``Advice`` row per note the
user could write, sorted: late, due, upcoming (earliest date first, then note type, then
recipient), then stop, then not_applicable.

The day counts and the reason sentences are data (``guardrails/timing.toml``, read by
``afterview.timing_data``); this module decides which rule applies. Day counts are inclusive: a note due on day D is ``due`` on D, and "late once 7 days past
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

Choices made for a careful user where the lesson is silent:

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
from datetime import date
from typing import NamedTuple

from afterview.dates import add_days
from afterview.names import name_key
from afterview.notes import NOTE_TYPES, TYPE_RANK
from afterview.timing_data import TimingData, shipped_timing
from afterview.timing_rows import (
    ACTIONABLE_STATES,
    APPLIES_WHILE,
    RULES,
    STATE_RANK,
    STATES,
    Advice,
    InterviewLike,
    SentLog,
    SentNote,
    State,
    day_of,
    due_now,
)

__all__ = [
    "ACTIONABLE_STATES",
    "APPLIES_WHILE",
    "NOTE_TYPES",
    "RULES",
    "STATES",
    "STATE_RANK",
    "TYPE_RANK",
    "Advice",
    "Advisor",
    "InterviewLike",
    "SentLog",
    "SentNote",
    "State",
    "advise",
    "due_now",
]

def advise(
    interview: InterviewLike,
    today: date,
    sent: SentLog | Iterable[SentNote | tuple[str, str, date]] = (),
    *,
    include_not_applicable: bool = True,
    data: TimingData | None = None,
) -> list[Advice]:
    """Say which notes are due for ``interview`` on ``today``, one row per note.

    Args:
        interview: anything with the ``InterviewLike`` attributes.
        today: the day to judge against (a datetime is reduced to its date).
        sent: notes already sent, as ``(type value, recipient name, day sent)``, or a
            ``SentLog`` of them.
        include_not_applicable: False leaves out the ``not_applicable`` rows (and the
            work of wording them): ``due`` across thousands of interviews asks for that.
        data: the day counts and sentences (default: the shipped ``timing.toml``).

    Returns:
        Rows sorted late, due, upcoming (earliest date, then ``NOTE_TYPES`` order, then
        recipient), then stop, then not_applicable. Sent one-off notes are left out.

    Raises:
        PolicyError: the shipped timing data is malformed (names file and key).
    """
    return Advisor(today, include_not_applicable=include_not_applicable, data=data).advise(interview, sent)


class Advisor:
    """``advise`` for many interviews on one day: the data and the day are read once.

    Args:
        today: the day to judge against (a datetime is reduced to its date).
        include_not_applicable: as for ``advise``.
        data: the day counts and sentences (default: the shipped ``timing.toml``).

    Raises:
        PolicyError: the shipped timing data is malformed (names file and key).
    """

    __slots__ = ("_data", "_today", "_wordy")

    def __init__(self, today: date, *, include_not_applicable: bool = True, data: TimingData | None = None) -> None:
        self._data = data or shipped_timing()
        self._today = day_of(today)
        self._wordy = include_not_applicable

    def advise(
        self,
        interview: InterviewLike,
        sent: SentLog | Iterable[SentNote | tuple[str, str, date]] = (),
        *,
        recipient_keys: Sequence[str] | None = None,
        ordered: bool = True,
    ) -> list[Advice]:
        """The rows ``advise`` gives for ``interview``.

        Args:
            recipient_keys: the recipients' name keys, when the caller has them (the
                store keeps them), in the order of ``recipient_names``.
            ordered: False leaves the rows unsorted, for a caller that sorts many
                interviews' rows together.
        """
        status = str(getattr(interview.status, "value", interview.status))
        rules = _Rules(self._data, self._today, status, self._wordy)
        log = sent if isinstance(sent, SentLog) else SentLog(sent)
        rows = _thank_yous(rules, interview, log, recipient_keys)
        wordy = self._wordy
        candidates = [_follow_up(rules, interview, log)] if wordy or status == APPLIES_WHILE["follow_up"] else []
        # A one-off note once sent is not listed again, whatever it would say now. Without
        # the not_applicable rows, a note whose status does not hold has nothing to say.
        candidates += [
            build(rules, interview)
            for note_type, build in _BUILDERS
            if (wordy or status == APPLIES_WHILE[note_type]) and not log.has(note_type)
        ]
        for row in candidates:
            if isinstance(row, _NotApplicable):
                rows.append(row.advice(rules, interview))
            elif row is not None:
                rows.append(row)
        return sorted(rows, key=_order) if ordered and len(rows) > 1 else rows


class _Rules(NamedTuple):
    """What every rule function reads besides the interview: the data, today, the status,
    and whether not_applicable rows are wanted at all."""

    data: TimingData
    today: date
    status: str
    wordy: bool

    def row(
        self, note_type: str, recipient: str, state: State, due: date | None, rule: str, **values: object
    ) -> Advice:
        # str(date) is its ISO form, so dates go into the sentence as they are.
        return Advice(note_type, recipient, state, due, rule, self.data.reasons[rule][state].format(**values))

    def timed(
        self, note_type: str, recipient: str, rule: str, *, start: date, late_after: int | None, **values: object
    ) -> Advice:
        """A row due from ``start``, late from ``late_after`` days later (never when None)."""
        # add_days holds at date.max: a record stored with a date at the end of the calendar
        # reads as never late rather than crashing every listing it is part of.
        late = add_days(start, late_after) if late_after is not None else None
        last = add_days(late, -1) if late is not None else None
        state = _state(self.today, start, late)
        values["start"], values["late"], values["last"] = start, late, last  # ``values`` is this call's own
        return Advice(note_type, recipient, state, start, rule, self.data.reasons[rule][state].format_map(values))


def _state(today: date, start: date, late_from: date | None) -> State:
    if today < start:
        return "upcoming"
    if late_from is not None and today >= late_from:
        return "late"
    return "due"


class _NotApplicable(NamedTuple):
    """A not_applicable row, worded only if the caller wants it."""

    type: str
    recipient: str
    why: str
    values: dict[str, object]

    def advice(self, rules: _Rules, interview: InterviewLike) -> Advice:
        rule = f"{self.type}.not_applicable.{self.why}"
        values = self.values
        if self.why == "status":  # worded here: the sentence is rarely wanted
            values = {"status": _status_phrase(rules, interview)}
        return rules.row(self.type, self.recipient, "not_applicable", None, rule, **values)


def _not_applicable(rules: _Rules, note_type: str, recipient: str, why: str, **values: object) -> _NotApplicable | None:
    # None when the caller leaves not_applicable rows out: nothing to build or word.
    return _NotApplicable(note_type, recipient, why, values) if rules.wordy else None


def _status_phrase(rules: _Rules, interview: InterviewLike) -> str:
    on = f" on {interview.status_date.isoformat()}" if interview.status_date else ""
    phrase = rules.data.status_phrases.get(rules.status)
    return phrase.format(on=on) if phrase else rules.data.unknown_status.format(status=repr(rules.status))


def _thank_yous(
    rules: _Rules, interview: InterviewLike, log: SentLog, keys: Sequence[str] | None
) -> list[Advice]:
    rows: list[Advice] = []
    seen = log.thanked()
    window = rules.data.cadence.thank_you_window
    names = interview.recipient_names
    for name, key in zip(names, keys or [name_key(name) for name in names]):
        if key in seen:
            continue
        seen.add(key)
        start = interview.interview_date
        rows.append(rules.timed("thank_you", name, "thank_you.same_day", start=start, late_after=window))
    return rows


def _follow_up(rules: _Rules, interview: InterviewLike, log: SentLog) -> Advice | _NotApplicable | None:
    contact, cadence = interview.contact_name, rules.data.cadence
    if rules.status != APPLIES_WHILE["follow_up"]:
        return _not_applicable(rules, "follow_up", contact, "status")
    sent_days = log.days("follow_up")
    if len(sent_days) >= cadence.max_follow_ups:
        rule = "follow_up.stop_after_two"
        return rules.row("follow_up", contact, "stop", None, rule, count=len(sent_days), last_sent=sent_days[-1])
    values: dict[str, object]
    if sent_days:
        rule, start = "follow_up.second", add_days(sent_days[0], cadence.second_follow_up)
        values = {"first": sent_days[0]}
    elif interview.decision_date is not None:
        rule, start = "follow_up.after_decision", add_days(interview.decision_date, cadence.follow_up_after_decision)
        values = {"decision": interview.decision_date}
    else:
        rule, start = "follow_up.no_decision_date", add_days(interview.interview_date, cadence.follow_up_no_decision)
        values = {"interview": interview.interview_date}
    return rules.timed("follow_up", contact, rule, start=start, late_after=cadence.late_after, **values)


def _competing_offer(rules: _Rules, interview: InterviewLike) -> Advice | _NotApplicable | None:
    contact, deadline = interview.contact_name, interview.offer_deadline
    if rules.status != APPLIES_WHILE["competing_offer"]:
        return _not_applicable(rules, "competing_offer", contact, "status")
    if deadline is None:
        return _not_applicable(rules, "competing_offer", contact, "no_offer")
    if deadline < rules.today:
        return _not_applicable(rules, "competing_offer", contact, "deadline_passed", deadline=deadline)
    # No date says when the offer arrived, so the note is due from today until the deadline.
    rule = "competing_offer.before_deadline"
    return rules.timed("competing_offer", contact, rule, start=rules.today, late_after=None, deadline=deadline)


def _award_update(rules: _Rules, interview: InterviewLike) -> Advice | _NotApplicable | None:
    contact, award, interviewed = interview.contact_name, interview.award_date, interview.interview_date
    if rules.status != APPLIES_WHILE["award_update"]:
        return _not_applicable(rules, "award_update", contact, "status")
    if award is None:
        return _not_applicable(rules, "award_update", contact, "no_award")
    if award < interviewed:
        return _not_applicable(rules, "award_update", contact, "before_interview", award=award, interview=interviewed)
    rule = "award_update.after_interview"
    return rules.timed(
        "award_update", contact, rule, start=award, late_after=None, award=award, interview=interviewed
    )


def _after_rejection(
    rules: _Rules, note_type: str, rule: str, interview: InterviewLike
) -> Advice | _NotApplicable | None:
    contact = interview.contact_name
    if rules.status != APPLIES_WHILE[note_type]:
        return _not_applicable(rules, note_type, contact, "status")
    rejected_on = interview.status_date
    if rejected_on is None:
        since, start = rules.data.since_undated_rejection.format(date=rules.today.isoformat()), rules.today
    else:
        since, start = rules.data.since_rejection.format(date=rejected_on.isoformat()), rejected_on
    late_after = rules.data.cadence.late_after
    return rules.timed(note_type, contact, rule, start=start, late_after=late_after, since=since)


def _feedback_request(rules: _Rules, interview: InterviewLike) -> Advice | _NotApplicable | None:
    return _after_rejection(rules, "feedback_request", "after_rejection.feedback", interview)


def _continued_interest(rules: _Rules, interview: InterviewLike) -> Advice | _NotApplicable | None:
    return _after_rejection(rules, "continued_interest", "after_rejection.keep_in_mind", interview)


_BUILDERS = (
    ("competing_offer", _competing_offer),
    ("award_update", _award_update),
    ("feedback_request", _feedback_request),
    ("continued_interest", _continued_interest),
)


def _order(row: Advice) -> tuple[int, date, int, str, str]:
    # stop and not_applicable rows have no date; their state rank already puts them last.
    type_rank = TYPE_RANK.get(row.type, len(NOTE_TYPES))
    return (STATE_RANK[row.state], row.due or date.min, type_rank, row.recipient.casefold(), row.rule)


class Listable(NamedTuple):
    """Which interviews can have a row besides not_applicable ones, in plain terms a query
    can ask (``listable()`` says why each holds).

    Attributes:
        statuses: an interview with one of these statuses always has one.
        unsent_while: ``(status, note type)``: one while the interview has the status and
            no note of the type is in its sent log.
        unsent_to_someone: note types that go to each interviewer: one while any of them
            has not been sent one, whatever the status.
    """

    statuses: tuple[str, ...]
    unsent_while: tuple[tuple[str, str], ...]
    unsent_to_someone: tuple[str, ...]


def listable() -> Listable:
    """What lets an interview have a row other than not_applicable, as ``Advisor`` decides.

    A follow-up row (at least ``stop``) is listed whenever its status holds; each other
    note after the thank-yous is listed while its status holds and until one is sent
    (it may still not apply, which only the advisor can tell); the thank-yous, one per
    interviewer, whatever the status, until that interviewer's is sent.
    """
    return Listable(
        statuses=(APPLIES_WHILE["follow_up"],),
        unsent_while=tuple((APPLIES_WHILE[note_type], note_type) for note_type, _ in _BUILDERS),
        unsent_to_someone=("thank_you",),  # the one note ``_thank_yous`` lists per interviewer
    )
