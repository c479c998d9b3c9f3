"""The timing advisor's data: each note type's schedule, read from ``guardrails/timing.toml``.

A schedule is a row of data per note type: the status it is for, whether it repeats,
and its rules, tried in order. A rule names the event its note is counted from, the
day offset, when it is late, the conditions that make it apply, and its sentences.
``afterview.timing`` evaluates any schedule the same way; the file's header says what
each key means.

The loader holds the file to what the advisor can do, so a missing sentence, a state a
rule never reaches, a misspelt placeholder, or a sentence naming a date that may not be
recorded is a one-line ``PolicyError`` naming the file and the key, never a ``KeyError``
(or a sentence saying "None") in the middle of ``due``.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from afterview.errors import PolicyError
from afterview.notes import NOTE_TYPES, STATUS_VALUES, note_kind

FILE_NAME = "timing.toml"

EVENT_FIELDS: Mapping[str, str] = MappingProxyType({
    "interview": "interview_date",
    "decision": "decision_date",
    "status_date": "status_date",
    "deadline": "offer_deadline",
    "award": "award_date",
})
"""The events read from the interview record -> the record's attribute."""
SENT_VALUES = ("first", "count", "last_sent")
"""Values read from the notes of the type already sent (known once one is sent)."""
EVENTS = (*EVENT_FIELDS, "today", "first")
"""Every event a rule may count from or compare."""
VALUES = (*EVENTS, "count", "last_sent")
"""Every value a rule's sentences may say (``says``)."""
ALWAYS_RECORDED = frozenset({"interview", "today"})

_TIMED = ("start", "last", "late")
_DATELESS = ("stop", "not_applicable")
_SENTENCE_STATES = ("upcoming", "due", "late", *_DATELESS)
_RULE_KEYS = ("id", "when", "state", "from", "after", "late_after", "says", "since", *_SENTENCE_STATES)
_WHEN_KEYS = ("recorded", "missing", "before", "sent")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of a schedule: when it applies and the row it gives.

    Attributes:
        id: the stable rule id (``thank_you.same_day``...).
        state: ``stop`` or ``not_applicable`` for a row without a date; None for a note
            due from ``anchors``.
        recorded, missing, before, sent: the conditions (see ``guardrails/timing.toml``);
            None or 0 when not set.
        anchors: the events the note may be counted from, the first recorded one wins.
        after: days from that event to the first day due.
        late_after: days from the first day due to the first day late (None: never late).
        says: the values its sentences use besides ``start``, ``last``, ``late``, ``since``.
        since: the phrase naming each of ``anchors`` (``{since}``; ``{date}`` is its day).
        sentences: state -> sentence, for every state the rule can reach.
        conditional: the rule has a condition (else it always applies).
    """

    id: str
    state: str | None
    recorded: str | None
    missing: str | None
    before: tuple[str, str] | None
    sent: int
    anchors: tuple[str, ...]
    after: int
    late_after: int | None
    says: tuple[str, ...]
    since: tuple[str, ...]
    sentences: Mapping[str, str]
    conditional: bool


@dataclass(frozen=True, slots=True)
class Schedule:
    """When one note type is due.

    Attributes:
        note_type: the note type value.
        each: one note to each interviewer (from the note table), else one to the contact.
        status: the application status the note is for (None: any).
        repeats: still listed once one is sent (its rules count them).
        off_status: the ``not_applicable`` sentence when the status is another
            (``{status}``); None when ``status`` is None.
        rules: tried in order; the last always applies.
        counts_sent: some rule reads the notes of this type already sent.
    """

    note_type: str
    each: bool
    status: str | None
    repeats: bool
    off_status: str | None
    rules: tuple[Rule, ...]
    counts_sent: bool

    @property
    def off_status_rule(self) -> str:
        """The rule id of the row given when the status is another."""
        return f"{self.note_type}.not_applicable.status"


@dataclass(frozen=True, slots=True)
class TimingData:
    """Everything ``timing`` reads from its data file.

    Attributes:
        schedules: note type value -> its schedule, in the note table's order.
        reasons: rule id -> state -> sentence, for every rule (a flat view of the schedules).
        status_phrases: status -> "was marked rejected{on}"-style phrase.
        unknown_status: the phrase for a status afterview does not know (``{status}``).
    """

    schedules: Mapping[str, Schedule]
    reasons: Mapping[str, Mapping[str, str]]
    status_phrases: Mapping[str, str]
    unknown_status: str


@cache
def shipped_timing() -> TimingData:
    """The data shipped in ``guardrails/``, read once per process.

    Raises:
        PolicyError: the file is missing or malformed (names file and key).
    """
    from afterview.resources import data_dir

    return load_timing(data_dir("guardrails") / FILE_NAME)


def load_timing(path: Path) -> TimingData:
    """Read and validate a timing data file.

    Raises:
        PolicyError: one line naming the file and the key.
    """
    label = f"{path.parent.name}/{path.name}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyError(f"{label}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{label}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{label}: invalid TOML ({exc})") from None
    _only(label, "", data, ("status", "since", "notes"))
    status = _table(label, "status", data)
    _only(label, "status", status, (*STATUS_VALUES, "unknown"))
    phrases = {key: _sentence(label, f"status.{key}", status, ("on",)) for key in STATUS_VALUES}
    since = _table(label, "since", data)
    since_phrases = {key: _sentence(label, f"since.{key}", since, ("date",)) for key in since}
    notes = _table(label, "notes", data)
    _only(label, "notes", notes, NOTE_TYPES)
    schedules = {t: _schedule(label, t, _table(label, f"notes.{t}", notes, key=t), since_phrases) for t in NOTE_TYPES}
    reasons: dict[str, Mapping[str, str]] = {}
    for schedule in schedules.values():
        if schedule.off_status is not None:
            reasons[schedule.off_status_rule] = MappingProxyType({"not_applicable": schedule.off_status})
        for rule in schedule.rules:
            if rule.id in reasons:
                raise PolicyError(f"{label}: {rule.id}: the rule id is used twice")
            reasons[rule.id] = rule.sentences
    return TimingData(
        schedules=MappingProxyType(schedules),
        reasons=MappingProxyType(reasons),
        status_phrases=MappingProxyType(phrases),
        unknown_status=_sentence(label, "status.unknown", status, ("status",)),
    )


def _schedule(label: str, note_type: str, table: dict, since: Mapping[str, str]) -> Schedule:
    where = f"notes.{note_type}"
    _only(label, where, table, ("status", "repeats", "not_applicable", "rules"))
    status = table.get("status")
    if status is not None and status not in STATUS_VALUES:
        raise PolicyError(f"{label}: {where}.status: expected one of {', '.join(STATUS_VALUES)}")
    off_status = None
    if status is not None:
        off_status = _sentence(label, f"{where}.not_applicable", table, ("status",))
    elif "not_applicable" in table:
        raise PolicyError(f"{label}: {where}.not_applicable: only with a status")
    repeats = table.get("repeats", False)
    if not isinstance(repeats, bool):
        raise PolicyError(f"{label}: {where}.repeats: expected true or false")
    listed = table.get("rules")
    if not isinstance(listed, list) or not listed or not all(isinstance(rule, dict) for rule in listed):
        raise PolicyError(f"{label}: {where}.rules: expected one or more [[{where}.rules]] tables")
    rules = []
    known = set(ALWAYS_RECORDED)  # grows as rules that apply when an event is missing fail
    for index, rule_table in enumerate(listed):
        rule = _rule(label, f"{where}.rules[{index}]", rule_table, since, known)
        rules.append(rule)
        if rule.missing and not (rule.recorded or rule.before or rule.sent):
            known.add(rule.missing)
    last = rules[-1]
    if last.conditional:
        raise PolicyError(f"{label}: {last.id}.when: the last rule of {where} must always apply (no `when`)")
    each = note_kind(note_type).recipients == "each"
    counts_sent = any(rule.sent or set(SENT_VALUES) & _names_read(rule) for rule in rules)
    return Schedule(note_type, each, status, repeats, off_status, tuple(rules), counts_sent)


def _names_read(rule: Rule) -> set[str]:
    """Every event and value ``rule`` reads."""
    return {name for name in (rule.recorded, rule.missing, *(rule.before or ()), *rule.says, *rule.anchors) if name}


def _rule(label: str, where: str, table: dict, since_phrases: Mapping[str, str], known: set[str]) -> Rule:
    rule_id = table.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise PolicyError(f"{label}: {where}.id: expected the rule's id")
    _only(label, rule_id, table, _RULE_KEYS)
    when = table.get("when", {})
    if not isinstance(when, dict):
        raise PolicyError(f"{label}: {rule_id}.when: expected a table")
    _only(label, f"{rule_id}.when", when, _WHEN_KEYS)
    recorded = _event(label, f"{rule_id}.when.recorded", when.get("recorded"))
    missing = _event(label, f"{rule_id}.when.missing", when.get("missing"))
    before = _events(label, f"{rule_id}.when.before", when.get("before"), count=2) or None
    sent = _day_count(label, f"{rule_id}.when.sent", when["sent"]) if "sent" in when else 0
    # What this rule may read as surely recorded: the events its conditions need.
    here = known | {name for name in (recorded, *(before or ())) if name}
    if sent:
        here |= set(SENT_VALUES)
    says = _events(label, f"{rule_id}.says", table.get("says", []), allowed=VALUES)
    for value in says:
        if value not in here:
            raise PolicyError(f"{label}: {rule_id}.says: {value} may not be recorded here (add it to `when`)")
    state = table.get("state")
    if state is None:
        anchors, after, late_after, since = _timing(label, rule_id, table, here, since_phrases)
        placeholders = (*_TIMED, *says, *(("since",) if since else ()))
        states: tuple[str, ...] = ("due", *(("late",) if late_after else ()))
        if anchors != ("today",) or after > 0:
            states = ("upcoming", *states)
    elif state in _DATELESS:
        for key in ("from", "after", "late_after", "since"):
            if key in table:
                raise PolicyError(f"{label}: {rule_id}.{key}: a {state} row has no date")
        anchors, after, late_after, since, placeholders, states = (), 0, None, (), says, (state,)
    else:
        raise PolicyError(f"{label}: {rule_id}.state: expected {' or '.join(_DATELESS)} (or no state)")
    present = [key for key in _SENTENCE_STATES if key in table]
    for key in present:
        if key not in states:
            raise PolicyError(f"{label}: {rule_id}.{key}: unknown key (the rule reaches {', '.join(states)})")
    sentences = {key: _sentence(label, f"{rule_id}.{key}", table, placeholders) for key in states}
    return Rule(
        rule_id, state, recorded, missing, before, sent, anchors, after, late_after, says, since,
        MappingProxyType(sentences), bool(recorded or missing or before or sent),
    )  # fmt: skip


def _timing(
    label: str, rule_id: str, table: dict, recorded: set[str], since_phrases: Mapping[str, str]
) -> tuple[tuple[str, ...], int, int | None, tuple[str, ...]]:
    """A dated rule's ``from``, ``after``, ``late_after`` and ``since`` phrases."""
    start = table.get("from")
    anchors = _events(label, f"{rule_id}.from", [start] if isinstance(start, str) else start)
    if not anchors:
        raise PolicyError(f"{label}: {rule_id}.from: missing (the event the note is counted from)")
    if anchors[-1] not in recorded:
        raise PolicyError(f"{label}: {rule_id}.from: {anchors[-1]} may not be recorded; end with one that is")
    after = _day_count(label, f"{rule_id}.after", table.get("after", 0), least=0)
    late_after = _day_count(label, f"{rule_id}.late_after", table["late_after"]) if "late_after" in table else None
    named = _events(label, f"{rule_id}.since", table.get("since", []), allowed=tuple(since_phrases))
    if named and len(named) != len(anchors):
        raise PolicyError(f"{label}: {rule_id}.since: name one [since] phrase per event of `from`")
    return anchors, after, late_after, tuple(since_phrases[name] for name in named)


def _event(label: str, where: str, value: object) -> str | None:
    if value is not None and value not in EVENTS:
        raise PolicyError(f"{label}: {where}: expected one of {', '.join(EVENTS)}")
    return value  # type: ignore[return-value]


def _events(
    label: str, where: str, value: object, *, count: int | None = None, allowed: tuple[str, ...] = EVENTS
) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or (count is not None and len(value) != count):
        size = f"{count} " if count else ""
        raise PolicyError(f"{label}: {where}: expected a list of {size}names")
    for name in value:
        if name not in allowed:
            raise PolicyError(f"{label}: {where}: {name!r} is not one of {', '.join(allowed)}")
    return tuple(value)


def _table(label: str, where: str, data: dict, *, key: str | None = None) -> dict:
    value = data.get(key or where.rsplit(".", 1)[-1])
    if value is None:
        raise PolicyError(f"{label}: {where}: missing")
    if not isinstance(value, dict):
        raise PolicyError(f"{label}: {where}: expected a table")
    return value


def _only(label: str, where: str, table: dict, allowed: tuple[str, ...]) -> None:
    for key in table:
        if key not in allowed:
            path = f"{where}.{key}" if where else key
            raise PolicyError(f"{label}: {path}: unknown key (expected one of {', '.join(allowed)})")


def _day_count(label: str, where: str, value: object, *, least: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise PolicyError(f"{label}: {where}: expected a whole number of at least {least}")
    return value


def _sentence(label: str, where: str, table: dict, placeholders: tuple[str, ...]) -> str:
    key = where.rsplit(".", 1)[-1]
    text = table.get(key)
    if text is None:
        raise PolicyError(f"{label}: {where}: missing")
    if not isinstance(text, str) or not text.strip():
        raise PolicyError(f"{label}: {where}: expected a non-empty sentence")
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise PolicyError(f"{label}: {where}: bad template ({exc})") from None
    for name in sorted(names):
        if name not in placeholders:
            allowed = ", ".join("{" + p + "}" for p in placeholders) or "none"
            raise PolicyError(f"{label}: {where}: unknown placeholder {{{name}}}; allowed: {allowed}")
    return text
