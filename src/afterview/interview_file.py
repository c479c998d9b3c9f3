"""Load and validate the hand-written TOML interview file.

Every problem becomes one ``InputError`` line that names the file, the field and, where
the file shows it, the line: ``interview.toml:12: interviewers[2].moment: is 52 words;
at most 40 allowed``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from afterview.errors import InputError
from afterview.fields import Problem, RecordError, dotted
from afterview.records import Record
from afterview.fileio import read_text_file

if TYPE_CHECKING:  # the domain's records load on first use: reading the config file needs none
    from afterview.domain import Interview

Model = TypeVar("Model", bound=Record)

# Only an error's line number needs these: ``re`` compiles (and caches) them on first use.
_TABLE = r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]\s*(?:#.*)?$"
_ARRAY_TABLE = r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(?:#.*)?$"
_KEY = r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*="""


def load_interview(path: Path | str) -> Interview:
    """Read, parse and validate an interview file.

    Raises:
        InputError: one line naming file, field and line.
    """
    source = read_text_file(path, what="interview file")
    return parse_interview(source, str(path))


def parse_interview(source: str, name: str = "<interview>") -> Interview:
    """Parse TOML text into an ``Interview``; ``name`` labels errors."""
    from afterview.domain import Interview

    return parse_toml_model(source, name, Interview)


def parse_toml_model(source: str, name: str, model: type[Model]) -> Model:
    """Parse TOML text and validate it as ``model`` (a ``records.Record``).

    Raises:
        InputError: one line naming ``name``, the field and, where known, the line.
    """
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{name}: not valid TOML: {exc}") from None
    try:
        return model.from_data(data)
    except RecordError as exc:
        raise InputError(describe_record_error(exc, source, name)) from None


def describe_record_error(exc: RecordError, source: str, name: str) -> str:
    """The first problem as one line: ``file:line: field: message``."""
    # A misspelt key shows up twice (unknown key + required field missing): name the typo.
    problem = min(exc.problems, key=lambda p: p.kind != "unknown")
    field = dotted(problem.loc)
    message = _message(problem)
    line = locate(source, problem.loc)
    where = f"{name}:{line}" if line else name
    extra = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
    return f"{where}: {field}: {message}{extra}" if field else f"{where}: {message}{extra}"


def _message(problem: Problem) -> str:
    if problem.kind == "unknown":
        return "unknown key (check the spelling; README lists the fields)"
    if problem.kind == "too_short" and problem.loc == ("interviewers",):
        return "list at least one interviewer ([[interviewers]] with a name)"
    return problem.message


def locate(source: str, loc: Sequence[object]) -> int | None:
    """The 1-based line that sets the value at ``loc``, found by reading the TOML lines.

    Handles the shapes people write by hand: root keys, ``[table]`` and
    ``[[array]]`` sections. Returns the section header for a whole-table error and None
    when the value is not written in the file (a missing field).
    """
    if not loc:
        return None
    table: tuple[object, ...] = ()
    counts: dict[str, int] = {}
    headers: dict[tuple[object, ...], int] = {}
    for number, line in enumerate(source.splitlines(), start=1):
        if match := re.match(_ARRAY_TABLE, line):
            key = match.group(1)
            counts[key] = counts.get(key, -1) + 1
            table = (key, counts[key])
            headers[table] = number
            continue
        if match := re.match(_TABLE, line):
            table = (match.group(1),)
            headers[table] = number
            continue
        if match := re.match(_KEY, line):
            key = next(g for g in match.groups() if g)
            if (*table, key) == tuple(loc):
                return number
    return headers.get(tuple(loc)) or headers.get(tuple(loc[:-1]))
