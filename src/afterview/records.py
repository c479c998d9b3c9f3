"""The one validator: build a record from plain data against its fields' rules.

A record (an interview, an interviewer, the config file's sections) is a frozen record
(``afterview.frozen``) whose fields name their rule with ``afterview.fields.rule(...)``;
``Record.from_data`` checks a mapping (parsed TOML, a form's values, a database row)
and builds the record, or raises ``RecordError`` with every problem, each located by
its path in the data. The rules themselves live in ``afterview.fields``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from afterview.fields import Invalid, Loc, Nested, Problem, RecordError
from afterview.frozen import Frozen, NamedTuple, fields

R = TypeVar("R", bound="Record")


class Record(Frozen):
    """Base of the validated records: ``from_data`` builds one from plain data."""

    __slots__ = ()

    @classmethod
    def from_data(cls: type[R], data: object, *, stored: bool = False) -> R:
        """Validate ``data`` (a mapping) and build the record.

        ``stored``: the data was read back from the database, so the rules that only
        apply to input (a rule's ``lenient`` form: the date range, the address parser)
        are relaxed, and a record stored before a rule was tightened still opens.

        Raises:
            RecordError: every problem found, each with its location.
        """
        problems: list[Problem] = []
        record = _build(cls, data, (), problems, stored)
        if problems:
            raise RecordError(problems)
        return record

    @classmethod
    def cross_checks(cls, values: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
        """Rules between fields: ``(field, message)`` for each broken one.

        ``values`` holds the fields that passed their own rules.
        """
        return ()


class _Field(NamedTuple):
    name: str
    check: Any
    required: bool
    default: Any


@cache
def _fields(cls: type[Record]) -> tuple[_Field, ...]:
    spec = []
    for item in fields(cls):
        default = item.default_factory() if item.default_factory is not None else item.default
        spec.append(_Field(item.name, item.metadata["rule"], item.required, default))
    return tuple(spec)


def _build(cls: type[R], data: object, loc: Loc, problems: list[Problem], stored: bool = False) -> R | None:
    if isinstance(data, cls):
        return data
    if not isinstance(data, Mapping):
        problems.append(Problem(loc, "type", f"expected a table of keys and values (got {data!r})"))
        return None
    before = len(problems)
    spec = _fields(cls)
    known = {item.name for item in spec}
    problems.extend(Problem((*loc, key), "unknown", "unknown key") for key in data if key not in known)
    values: dict[str, Any] = {}
    for item in spec:
        where = (*loc, item.name)
        if item.name not in data or (data[item.name] is None and item.default is None and not item.required):
            if item.required:
                problems.append(Problem(where, "missing", "required field is missing"))
            else:
                values[item.name] = item.default
            continue
        value = _value(item.check, data[item.name], where, problems, stored)
        if value is not _BAD:
            values[item.name] = value
    for name, message in cls.cross_checks(values):
        problems.append(Problem((*loc, name), "value", message))
    if len(problems) > before:
        return None
    return cls(**values)


_BAD = object()


def _value(check: Any, raw: object, where: Loc, problems: list[Problem], stored: bool) -> Any:
    if isinstance(check, Nested):
        return _nested(check, raw, where, problems, stored)
    if stored:
        check = getattr(check, "lenient", check)
    try:
        return check(raw)
    except Invalid as exc:
        problems.append(Problem(where, exc.kind, str(exc), exc.expected))
        return _BAD


def _nested(check: Nested, raw: object, where: Loc, problems: list[Problem], stored: bool) -> Any:
    before = len(problems)
    if not check.many:
        record = _build(check.record, raw, where, problems, stored)
        return _BAD if len(problems) > before else record
    if not isinstance(raw, list | tuple):
        problems.append(Problem(where, "type", f"expected a list of tables (got {raw!r})"))
        return _BAD
    if len(raw) < check.min_items:
        problems.append(Problem(where, "too_short", f"list at least {check.min_items}"))
        return _BAD
    records = [_build(check.record, item, (*where, index), problems, stored) for index, item in enumerate(raw)]
    return _BAD if len(problems) > before else records


def to_data(record: Record, *, drop_none: bool = False) -> dict[str, Any]:
    """The record as JSON-ready data: dates as ISO text, choices as their values.

    Args:
        drop_none: leave out fields that are None (and tables left empty by that).
    """
    out: dict[str, Any] = {}
    for item in _fields(type(record)):
        value = _plain(getattr(record, item.name), drop_none)
        if drop_none and (value is None or value == {}):
            continue
        out[item.name] = value
    return out


def _plain(value: Any, drop_none: bool) -> Any:
    if isinstance(value, Record):
        return to_data(value, drop_none=drop_none)
    if isinstance(value, list | tuple):
        return [_plain(item, drop_none) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | Path):
        return str(value) if isinstance(value, Path) else value.isoformat()
    return value
