"""Which notes are due when: one evaluator for every note type's schedule.

Pure: ``advise(interview, today, sent)`` reads the interview through the
small ``InterviewLike`` protocol (the pydantic ``Interview`` and a store row both fit),
takes ``today`` instead of reading a clock, and returns one ``Advice`` row per note the
user could write, sorted: late, due, upcoming (earliest date first, then note type, then
recipient), then stop, then not_applicable.

What makes each note due is data: ``guardrails/timing.toml`` holds a schedule per note
type (read by ``afterview.timing_data``): the status it is for, whether it repeats, and
rules tried in order, each naming the event it counts from, the day offset, when it is
late, the conditions that make it apply and its sentences. This module applies any
schedule the same way, so a new note type needs no code here. Day counts are inclusive:
a note due on day D is ``due`` on D, and "late 7 days after" means ``late`` from D+7.
Rule ids (``Advice.rule``) are the data's ids, and ``<type>.not_applicable.status`` when
the status is not the one the note is for.

Choices made for a careful user where the lesson is silent (the rest is in the data):

- Notes to the contact are one per application, so a logged one counts whoever it went
  to (the contact may have changed since); a note to each interviewer counts per
  interviewer.
- A logged note matches its recipient ignoring case and runs of spaces. The same note
  logged twice (same type, recipient and day) counts once.
- Once sent, a note that does not repeat is not listed again, whatever the status.
- A status afterview does not know leaves only the notes for any status (thank-yous).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from afterview.dates import add_days
from afterview.names import name_key
from afterview.notes import NOTE_TYPES, STATUS_VALUES, TYPE_RANK
from afterview.timing_data import EVENT_FIELDS, Rule, Schedule, TimingData, shipped_timing
from afterview.timing_rows import (
    ACTIONABLE_STATES,
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


def __getattr__(name: str) -> object:
    # Read from the shipped data on first use, not at import (``check`` never needs it).
    if name == "RULES":  # every rule id an ``Advice`` row can carry
        return frozenset(shipped_timing().reasons)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        data: the schedules and sentences (default: the shipped ``timing.toml``).

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
        data: the schedules and sentences (default: the shipped ``timing.toml``).

    Raises:
        PolicyError: the shipped timing data is malformed (names file and key).
    """

    __slots__ = ("_data", "_for_status", "_notes", "_today", "_wordy")

    def __init__(self, today: date, *, include_not_applicable: bool = True, data: TimingData | None = None) -> None:
        self._data = data or shipped_timing()
        self._today = day_of(today)
        self._wordy = include_not_applicable
        self._for_status: dict[str, tuple[Schedule, ...]] = {}
        # A rule's row is a function of the dates it reads (the day is fixed): across a
        # long list most rows repeat one already worded, so each is worded once.
        self._notes: dict[tuple, _Note] = {}

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
        log = sent if isinstance(sent, SentLog) else SentLog(sent)
        events = _Events(interview, self._today)
        rows: list[Advice] = []
        for schedule in self._schedules(status):
            if schedule.each:
                recipients = _each_recipient(schedule, interview, log, recipient_keys)
                if not recipients:
                    continue
            elif schedule.repeats or not log.has(schedule.note_type):
                recipients = [interview.contact_name]
            else:
                continue  # sent, and it does not repeat: not listed again, whatever it would say now
            if schedule.status is not None and status != schedule.status:
                note = self._off_status(schedule, status, interview.status_date)
            else:
                note = self._note(schedule, events, log)  # the same for every recipient
                if note is None:
                    continue
            rule, state, due, reason = note
            for name in recipients:
                rows.append(Advice(schedule.note_type, name, state, due, rule, reason))  # type: ignore[arg-type]
        return sorted(rows, key=_order) if ordered and len(rows) > 1 else rows

    def _schedules(self, status: str) -> tuple[Schedule, ...]:
        """The schedules to evaluate for ``status``: without not_applicable rows, those
        whose status does not hold have nothing to say."""
        chosen = self._for_status.get(status)
        if chosen is None:
            every = self._data.schedules.values()
            chosen = tuple(s for s in every if self._wordy or s.status is None or s.status == status)
            self._for_status[status] = chosen
        return chosen

    def _note(self, schedule: Schedule, events: _Events, log: SentLog) -> _Note | None:
        """The rule, state, first day due and reason of ``schedule``'s note, from the first
        rule that applies (None: a not_applicable row nobody asked for)."""
        if schedule.counts_sent:
            days = log.days(schedule.note_type)
            events.update(count=len(days), first=days[0] if days else None, last_sent=days[-1] if days else None)
        for rule in schedule.rules:  # the last one always applies
            if not rule.conditional or _applies(rule, events):
                break
        if rule.state == "not_applicable" and not self._wordy:
            return None
        says = tuple([events[name] for name in rule.says]) if rule.says else ()
        if rule.state is not None:
            key: tuple = (rule.id, says)
            index, anchor = 0, None
        else:
            # The first recorded event counts; the loader makes sure the last one always is.
            for index, name in enumerate(rule.anchors):
                anchor = events[name]
                if anchor is not None:
                    break
            key = (rule.id, index, anchor, says)
        note = self._notes.get(key)
        if note is None:
            note = self._notes[key] = self._word(rule, dict(zip(rule.says, says)), index, anchor)
        return note

    def _word(self, rule: Rule, values: dict[str, object], index: int, anchor: date | None) -> _Note:
        """The row ``rule`` gives, counted from ``anchor`` (the ``index``-th of its events),
        with ``values`` for its sentences."""
        if rule.state is not None:
            return rule.id, rule.state, None, rule.sentences[rule.state].format_map(values)  # type: ignore[return-value]
        # add_days holds at date.max: a record stored with a date at the end of the calendar
        # reads as never late rather than crashing every listing it is part of.
        start = add_days(anchor, rule.after) if rule.after else anchor
        late = add_days(start, rule.late_after) if rule.late_after is not None else None
        values["start"], values["late"] = start, late
        values["last"] = add_days(late, -1) if late is not None else None
        if rule.since:
            values["since"] = rule.since[index].format(date=anchor.isoformat())  # type: ignore[union-attr]
        state = _state(self._today, start, late)  # type: ignore[arg-type]
        return rule.id, state, start, rule.sentences[state].format_map(values)

    def _off_status(self, schedule: Schedule, status: str, status_date: date | None) -> _Note:
        """The not_applicable row of ``schedule`` for an interview with another status."""
        key = (schedule.note_type, status, status_date)
        note = self._notes.get(key)
        if note is None:
            reason = schedule.off_status.format(status=self._status_phrase(status, status_date))  # type: ignore[union-attr]
            note = self._notes[key] = (schedule.off_status_rule, "not_applicable", None, reason)
        return note

    def _status_phrase(self, status: str, status_date: date | None) -> str:
        on = f" on {status_date.isoformat()}" if status_date else ""
        phrase = self._data.status_phrases.get(status)
        return phrase.format(on=on) if phrase else self._data.unknown_status.format(status=repr(status))


_Note = tuple[str, State, "date | None", str]
"""A row's rule id, state, first day due and reason: the same for every recipient."""


class _Events(dict):
    """An interview's events by name (``today`` too), each read from the record on first
    use: most rules need one or two of them."""

    __slots__ = ("_record",)

    def __init__(self, record: InterviewLike, today: date) -> None:
        super().__init__(today=today)
        self._record = record

    def __missing__(self, name: str) -> date | None:
        value = self[name] = getattr(self._record, EVENT_FIELDS[name])
        return value


def _applies(rule: Rule, events: _Events) -> bool:
    """Whether every condition of ``rule`` holds."""
    if rule.sent and events["count"] < rule.sent:
        return False
    if rule.recorded is not None and events[rule.recorded] is None:
        return False
    if rule.missing is not None and events[rule.missing] is not None:
        return False
    if rule.before is not None:
        first, then = events[rule.before[0]], events[rule.before[1]]
        return first is not None and then is not None and first < then
    return True


def _each_recipient(
    schedule: Schedule, interview: InterviewLike, log: SentLog, keys: Sequence[str] | None
) -> list[str]:
    """The interviewers who get a row of a note to each of them: once per person, less
    those it was already sent to unless it repeats."""
    seen = set() if schedule.repeats else log.recipients(schedule.note_type)
    names = interview.recipient_names
    keys = keys or [name_key(name) for name in names]
    if len(names) == 1:  # most interviews: nobody to list twice
        return [] if keys[0] in seen else list(names)
    chosen = []
    for name, key in zip(names, keys):
        if key not in seen:  # the same person listed twice gets one note
            seen.add(key)
            chosen.append(name)
    return chosen


def _state(today: date, start: date, late_from: date | None) -> State:
    if today < start:
        return "upcoming"
    if late_from is not None and today >= late_from:
        return "late"
    return "due"


def _order(row: Advice) -> tuple[int, date, int, str, str]:
    # stop and not_applicable rows have no date; their state rank already puts them last.
    type_rank = TYPE_RANK.get(row.type, len(NOTE_TYPES))
    return (STATE_RANK[row.state], row.due or date.min, type_rank, row.recipient.casefold(), row.rule)


class Listable(NamedTuple):
    """Which interviews can have a row besides not_applicable ones, in plain terms a query
    can ask (``listable()`` says why each holds).

    Attributes:
        statuses: an interview with one of these statuses always has one.
        unsent_while: ``(status, note type)``: one while the interview has the status
            (None: any) and no note of the type is in its sent log.
        unsent_to_someone: note types that go to each interviewer: one while any of them
            has not been sent one.
    """

    statuses: tuple[str, ...]
    unsent_while: tuple[tuple[str | None, str], ...]
    unsent_to_someone: tuple[str, ...]


def listable(data: TimingData | None = None) -> Listable:
    """What lets an interview have a row other than not_applicable, as ``Advisor`` decides
    from the schedules (default: the shipped ``timing.toml``).

    A note that repeats is listed whenever its status holds (a repeating note for any
    status: every interview); one that does not, while its status holds and until one is
    sent (to each interviewer: until each has had one). A term may choose an interview
    whose row turns out not to apply (only the advisor can tell), never miss one.
    """
    statuses: list[str] = []
    unsent_while: list[tuple[str | None, str]] = []
    unsent_to_someone: list[str] = []
    for schedule in (data or shipped_timing()).schedules.values():
        if schedule.repeats:
            statuses += [schedule.status] if schedule.status is not None else STATUS_VALUES
        elif schedule.each:
            unsent_to_someone.append(schedule.note_type)  # whatever the status: a wider choice
        else:
            unsent_while.append((schedule.status, schedule.note_type))
    return Listable(tuple(dict.fromkeys(statuses)), tuple(unsent_while), tuple(unsent_to_someone))
