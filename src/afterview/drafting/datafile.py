"""Reading the offline set's data files: TOML with errors that name file, line and key.

``read_toml`` turns every failure into a ``TemplateError`` (a ``PolicyError``, exit 2)
naming the file and, for a syntax error, the line and the key it sets; ``FileChecker``
validates values as ``file: key: problem``; ``template_fields`` lists the plain
``{names}`` a template string uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from string import Formatter
from typing import NoReturn

from afterview.errors import PolicyError
from afterview.tomlfile import read_toml as read_toml_file

# Always known for any valid request.
ALWAYS_VARIABLES: tuple[str, ...] = ("first_name", "full_name", "company", "role", "interview_date", "status", "signature")
# Known only when the record holds them; templates must guard them (or declare them required).
OPTIONAL_VARIABLES: tuple[str, ...] = (
    "title",
    "moment",
    "decision_date",
    "offer_company",
    "deadline",
    "award",
    "award_date",
    "relevance",
    "mission",
    "awaiting",
    "second_follow_up",
)
KNOWN_VARIABLES: frozenset[str] = frozenset(ALWAYS_VARIABLES + OPTIONAL_VARIABLES)


class TemplateError(PolicyError):
    """A template or frame file is missing or malformed; the message names file and key.

    A ``PolicyError`` (exit 2), so the CLI prints it as one line like any data-file error.
    """


def template_fields(text: str) -> tuple[str, ...]:
    """The ``{names}`` a template string uses, in order.

    Only plain names are allowed: positional fields, attribute or index access,
    conversions and format specs are refused, because a data file should not be able
    to reach into the objects behind the values.

    Raises:
        ValueError: the string is malformed or uses a field that is not a plain name.
    """
    names: list[str] = []
    try:
        parsed = list(Formatter().parse(text))
    except ValueError as exc:
        raise ValueError(f"malformed braces ({exc}); write {{name}}, or {{{{ }}}} for a literal brace") from None
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier():
            raise ValueError(f"{{{field}}} is not a plain variable name")
        if spec or conversion:
            raise ValueError(f"{{{field}}} carries a format spec or conversion; write just {{{field}}}")
        names.append(field)
    return tuple(names)


def read_toml(path: Path) -> dict:
    """Parse a TOML data file, turning every failure into a ``TemplateError`` naming it.

    A syntax error names the line and, when that line sets one, the key.
    """
    return read_toml_file(path, TemplateError)


class FileChecker:
    """Validators for one data file; each failure raises ``TemplateError`` as ``file: key: problem``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> NoReturn:
        raise TemplateError(f"{self.path}: {key}: {problem}")

    def no_extra(self, table: Mapping, prefix: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                where = f"{prefix}.{key}" if prefix else key
                self.fail(where, f"unknown key (expected one of: {', '.join(sorted(allowed))})")

    def table(self, data: Mapping, key: str) -> Mapping:
        value = data.get(key)
        if not isinstance(value, dict):
            self.fail(key, "missing table" if value is None else "must be a table")
        return value

    def string(self, data: Mapping, key: str, *, prefix: str = "") -> str:
        where = f"{prefix}.{key}" if prefix else key
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(where, "missing" if value is None else "must be a non-empty string")
        return value

    def strings(self, data: Mapping, key: str, *, prefix: str = "") -> tuple[str, ...]:
        where = f"{prefix}.{key}" if prefix else key
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(where, "missing" if value is None else "must be a non-empty list of non-empty strings")
        return tuple(value)

    def fields(self, text: str, where: str, allowed: frozenset[str]) -> tuple[str, ...]:
        try:
            names = template_fields(text)
        except ValueError as exc:
            self.fail(where, str(exc))
        for name in names:
            if name not in KNOWN_VARIABLES:
                self.fail(where, f"unknown variable {{{name}}}")
            if name not in allowed:
                self.fail(where, f"variable {{{name}}} is not available here (allowed: {', '.join(sorted(allowed)) or 'none'})")
        return names
