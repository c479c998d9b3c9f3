"""The timing advisor's data: day counts and reason sentences, read from ``guardrails/timing.toml``.

``timing`` decides which rule applies; this module says how many days each rule counts
and how its sentence reads. ``RULE_SHAPES`` is the contract between the two: for every
rule id the advisor can produce, the states it can be in and the placeholders it fills.
The loader holds the file to it, so a missing sentence, a state a rule never reaches or
a misspelt placeholder is a one-line ``PolicyError`` naming the file and the key, never a
``KeyError`` in the middle of ``due``.
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

FILE_NAME = "timing.toml"

_TIMED = ("start", "last", "late")
_RUNNING = ("upcoming", "due", "late")
_STATUS = ("status",)

RULE_SHAPES: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = MappingProxyType({
    "thank_you.same_day": (_RUNNING, _TIMED),
    "follow_up.after_decision": (_RUNNING, (*_TIMED, "decision")),
    "follow_up.no_decision_date": (_RUNNING, (*_TIMED, "interview")),
    "follow_up.second": (_RUNNING, (*_TIMED, "first")),
    "follow_up.stop_after_two": (("stop",), ("count", "last_sent")),
    "competing_offer.before_deadline": (("due",), (*_TIMED, "deadline")),
    "award_update.after_interview": (("upcoming", "due"), (*_TIMED, "award", "interview")),
    "after_rejection.feedback": (_RUNNING, (*_TIMED, "since")),
    "after_rejection.keep_in_mind": (_RUNNING, (*_TIMED, "since")),
    "follow_up.not_applicable.status": (("not_applicable",), _STATUS),
    "competing_offer.not_applicable.status": (("not_applicable",), _STATUS),
    "competing_offer.not_applicable.no_offer": (("not_applicable",), ()),
    "competing_offer.not_applicable.deadline_passed": (("not_applicable",), ("deadline",)),
    "award_update.not_applicable.status": (("not_applicable",), _STATUS),
    "award_update.not_applicable.no_award": (("not_applicable",), ()),
    "award_update.not_applicable.before_interview": (("not_applicable",), ("award", "interview")),
    "feedback_request.not_applicable.status": (("not_applicable",), _STATUS),
    "continued_interest.not_applicable.status": (("not_applicable",), _STATUS),
})  # fmt: skip
"""Rule id -> (the states it can be in, the placeholders its sentences may use)."""

DAY_KEYS = (
    "thank_you_window",
    "follow_up_after_decision",
    "follow_up_no_decision",
    "second_follow_up",
    "max_follow_ups",
    "late_after",
)
STATUS_KEYS = ("awaiting", "offered", "rejected", "withdrawn")


@dataclass(frozen=True, slots=True)
class Cadence:
    """The day counts (see ``guardrails/timing.toml`` for what each means)."""

    thank_you_window: int
    follow_up_after_decision: int
    follow_up_no_decision: int
    second_follow_up: int
    max_follow_ups: int
    late_after: int


@dataclass(frozen=True, slots=True)
class TimingData:
    """Everything ``timing`` reads from its data file.

    Attributes:
        cadence: the day counts.
        reasons: rule id -> state -> sentence (``str.format`` placeholders).
        status_phrases: status -> "was marked rejected{on}"-style phrase.
        unknown_status: the phrase for a status afterview does not know (``{status}``).
        since_rejection: ``{since}`` for a dated rejection (``{date}``).
        since_undated_rejection: ``{since}`` for an undated one (``{date}``: today).
    """

    cadence: Cadence
    reasons: Mapping[str, Mapping[str, str]]
    status_phrases: Mapping[str, str]
    unknown_status: str
    since_rejection: str
    since_undated_rejection: str


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
    _only(label, "", data, ("days", "status", "since", "reasons"))
    days = _table(label, "days", data)
    _only(label, "days", days, DAY_KEYS)
    cadence = Cadence(**{key: _day_count(label, key, days) for key in DAY_KEYS})
    status = _table(label, "status", data)
    _only(label, "status", status, (*STATUS_KEYS, "unknown"))
    phrases = {key: _sentence(label, f"status.{key}", status, ("on",)) for key in STATUS_KEYS}
    since = _table(label, "since", data)
    _only(label, "since", since, ("rejection", "undated_rejection"))
    return TimingData(
        cadence=cadence,
        reasons=_reasons(label, _table(label, "reasons", data)),
        status_phrases=MappingProxyType(phrases),
        unknown_status=_sentence(label, "status.unknown", status, ("status",)),
        since_rejection=_sentence(label, "since.rejection", since, ("date",)),
        since_undated_rejection=_sentence(label, "since.undated_rejection", since, ("date",)),
    )


def _reasons(label: str, table: dict) -> Mapping[str, Mapping[str, str]]:
    _only(label, "reasons", table, tuple(RULE_SHAPES))
    reasons = {}
    for rule, (states, placeholders) in RULE_SHAPES.items():
        sentences = _table(label, f"reasons.{rule}", table, key=rule)
        _only(label, f"reasons.{rule}", sentences, states)
        reasons[rule] = MappingProxyType(
            {state: _sentence(label, f"reasons.{rule}.{state}", sentences, placeholders) for state in states}
        )
    return MappingProxyType(reasons)


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


def _day_count(label: str, key: str, days: dict) -> int:
    value = days.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PolicyError(f"{label}: days.{key}: expected a whole number of at least 1")
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
