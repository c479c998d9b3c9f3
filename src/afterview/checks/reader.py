"""Validated access to the policy files: every error names the file and the key.

``Section`` wraps one TOML table. Each accessor checks the type of what it reads and
raises ``PolicyError("guardrails/policy.toml: types.thank_you.words: expected two
integers [min, max]")`` otherwise; ``done()`` rejects keys nobody read, so a typo in
a policy file is an error instead of a silently ignored setting.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from afterview.checks.patterns import GatedPattern, GateIndex, LazyRegex, Regex, phrase_regex
from afterview.checks.types import SEVERITIES

OFF = "off"
_REQUIRED = object()
_FRAGMENT = re.compile(r"<<(\w+)>>")

# Parsing a pattern finds every syntax error that compiling would, in less than half the
# time; the code generation happens on first use (LazyRegex), and a note only uses the
# few patterns its words trigger. ``re._parser`` is CPython's own parser (3.11+); fall
# back to a full compile where it is missing.
_check_syntax = getattr(getattr(re, "_parser", None), "parse", re.compile)
_ESCAPE = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)")
# A group of plain words ("(?:busy|hectic|long)") is valid wherever a group is: the
# syntax check sees a stand-in, which keeps long word lists cheap to validate at start-up.
_WORD_GROUP = re.compile(r"\(\?:[a-z0-9'][a-z0-9' ]*\??(?:\|[a-z0-9'][a-z0-9' ]*\??)+\)")
_UPPER = re.compile(r"[A-Z]")


class PolicyError(Exception):
    """A policy file is missing or malformed; ``str()`` is one line naming file and key."""


def read_toml(directory: Path, name: str, gates: GateIndex | None = None) -> Section:
    """Parse ``directory/name`` and return its top-level table.

    ``gates``: the policy's index of gated patterns (see ``patterns.GateIndex``), which
    every pattern read from the file joins.
    """
    label = f"{directory.name}/{name}"
    path = directory / name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyError(f"{label}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{label}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{label}: invalid TOML ({exc})") from None
    return Section(data, label, "", gates=gates)


class Section:
    """One table of a policy file, read through typed accessors."""

    def __init__(
        self,
        data: Mapping[str, Any],
        file: str,
        path: str,
        fragment_words: Mapping[str, tuple[str, ...]] | None = None,
        fragments: Mapping[str, str] | None = None,
        gates: GateIndex | None = None,
    ):
        self._data = data
        self.gates = GateIndex() if gates is None else gates
        self.file = file
        self.path = path
        self._read: set[str] = set()
        self.fragment_words: Mapping[str, tuple[str, ...]] = fragment_words or {}
        # The regex of each fragment, built once and shared with every child table.
        if fragments is None:
            fragments = {name: phrase_regex(items) for name, items in self.fragment_words.items()}
        self._fragments = fragments

    # -- errors -------------------------------------------------------------------
    def key_path(self, key: str) -> str:
        """``types.thank_you.words`` for key ``words`` of table ``types.thank_you``."""
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, problem: str) -> PolicyError:
        """A ``PolicyError`` naming this file and ``key``."""
        return PolicyError(f"{self.file}: {self.key_path(key)}: {problem}")

    def done(self) -> None:
        """Reject keys that no accessor read (typos, leftovers)."""
        unknown = sorted(set(self._data) - self._read)
        if unknown:
            raise self.error(unknown[0], "unknown key")

    # -- plain values ---------------------------------------------------------------
    def is_list(self, key: str) -> bool:
        """True when ``key`` holds an array (for keys that take one value or several)."""
        return isinstance(self._data.get(key), list)

    def has(self, key: str) -> bool:
        """True when the key is present."""
        return key in self._data

    def _get(self, key: str, default: Any) -> Any:
        self._read.add(key)
        if key not in self._data:
            if default is _REQUIRED:
                raise self.error(key, "missing")
            return default
        return self._data[key]

    def string(self, key: str, default: Any = None) -> str:
        """A non-empty string."""
        value = self._get(key, _REQUIRED if default is None else default)
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "expected a non-empty string")
        return value

    def boolean(self, key: str, default: bool) -> bool:
        """true or false."""
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, "expected true or false")
        return value

    def integer(self, key: str, default: int | None = None, *, minimum: int = 0) -> int:
        """A whole number not below ``minimum``."""
        value = self._get(key, _REQUIRED if default is None else default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.error(key, f"expected a whole number >= {minimum}")
        return value

    def number(self, key: str, default: float, *, low: float, high: float) -> float:
        """A number (integer or decimal) with ``low < value <= high``."""
        value = self._get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low < value <= high:
            raise self.error(key, f"expected a number above {low:g} and at most {high:g}")
        return float(value)

    def integer_pair(self, key: str) -> tuple[int, int]:
        """``[min, max]`` with 0 <= min <= max."""
        value = self._get(key, _REQUIRED)
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
        )
        if not ok:
            raise self.error(key, "expected two integers [min, max]")
        if value[0] > value[1]:
            raise self.error(key, f"min {value[0]} is greater than max {value[1]}")
        return value[0], value[1]

    def strings(self, key: str, default: Any = None, *, lower: bool = False) -> tuple[str, ...]:
        """A list of non-empty strings (lower-case ones when ``lower``)."""
        if default is not None and key not in self._data:
            self._read.add(key)
            return tuple(default)
        value = self._get(key, _REQUIRED)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(key, "expected a list of non-empty strings")
        if lower:
            for item in value:
                if item != item.lower():
                    raise self.error(key, f"{item!r}: write it in lower case (matching ignores case)")
        return tuple(value)

    def severity(self, key: str, default: str | None = None, *, allow_off: bool = False) -> str:
        """``block``, ``warn`` or ``info`` (or ``off`` where a check may be switched off)."""
        value = self._get(key, _REQUIRED if default is None else default)
        allowed = (*SEVERITIES, OFF) if allow_off else SEVERITIES
        if value not in allowed:
            raise self.error(key, f"unknown severity {value!r}; expected one of {', '.join(allowed)}")
        return value

    def choice(self, key: str, choices: Iterable[str], default: str | None = None) -> str:
        """One of ``choices``."""
        options = tuple(choices)
        value = self._get(key, _REQUIRED if default is None else default)
        if value not in options:
            raise self.error(key, f"unknown value {value!r}; expected one of {', '.join(options)}")
        return value

    def message(self, key: str, placeholders: Iterable[str], default: str | None = None) -> str:
        """A message template using only the named ``{placeholders}``."""
        text = self.string(key, default)
        allowed = set(placeholders)
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError as exc:
            raise self.error(key, f"bad template ({exc})") from None
        for name in names:
            if name not in allowed:
                hint = ", ".join("{" + p + "}" for p in sorted(allowed)) or "none"
                raise self.error(key, f"unknown placeholder {{{name}}}; allowed: {hint}")
        return text

    # -- patterns -------------------------------------------------------------------
    def regex(self, key: str, *, case_sensitive: bool = False, default: str | None = None) -> Regex:
        """A regex, with ``<<fragment>>`` expanded; lower case unless ``case_sensitive``."""
        source = self.string(key, default)
        return self.compile(key, source, case_sensitive=case_sensitive)

    def compile(self, key: str, source: str, *, case_sensitive: bool = False) -> Regex:
        """Compile ``source`` as the value of ``key`` (for patterns built from lists)."""
        return LazyRegex(self.checked(key, source, case_sensitive=case_sensitive))

    def checked(self, key: str, source: str, *, case_sensitive: bool = False) -> str:
        """``source`` with its fragments expanded, its syntax checked.

        A pattern that uses ``<<fragments>>`` is checked with each fragment replaced by
        a stand-in (a fragment is an alternation of escaped words, valid wherever a
        group is); it is compiled on first use. Groups of plain words get the same
        stand-in. (A stand-in hides one error only: a group of words of different
        lengths inside a look-behind; tests compile every shipped pattern.)
        """
        expanded = self.expand(key, source)
        if not case_sensitive and _UPPER.search(_ESCAPE.sub("", _FRAGMENT.sub("", source))):
            raise self.error(key, "write the pattern in lower case (it is matched against lower-cased text)")
        uses_fragments = expanded != source
        try:
            _check_syntax(_WORD_GROUP.sub("(?:x)", _FRAGMENT.sub("(?:x)", source) if uses_fragments else source))
        except re.error as exc:
            raise self.error(key, f"bad regex ({exc})") from None
        return expanded

    def expand(self, key: str, source: str) -> str:
        """Replace ``<<name>>`` with the fragment's alternation."""

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self._fragments:
                raise self.error(key, f"unknown fragment <<{name}>>")
            return self._fragments[name]

        return _FRAGMENT.sub(replace, source)

    def gated(self, *, pattern_key: str = "pattern", words_key: str = "words") -> GatedPattern:
        """A ``GatedPattern`` from either ``words = [...]`` or ``pattern``.

        Its gates come from the pattern itself (``checks.gates``): nothing is listed
        beside it, so a key naming triggers is refused.
        """
        case_sensitive = self.boolean("case_sensitive", False)
        for stale in ("triggers", "also_triggers"):
            if self.has(stale):
                raise self.error(stale, "remove it: a pattern's trigger words are derived from the pattern itself")
        if self.has(words_key) == self.has(pattern_key):
            raise self.error(pattern_key, f"give either {words_key} or {pattern_key}, not both or neither")
        if self.has(words_key):
            words = self.strings(words_key, lower=not case_sensitive)
            if not words:
                raise self.error(words_key, "expected at least one word or phrase")
            # Escaped literal phrases always make a valid regex: nothing to check now.
            return GatedPattern.of_phrases(words, case_sensitive, self.gates)
        return self.gated_regex(pattern_key, case_sensitive=case_sensitive)

    def gated_regex(self, key: str, *, case_sensitive: bool = False) -> GatedPattern:
        """The regex at ``key`` (checked as ``regex`` checks it), gated by its own words."""
        source = self.string(key)
        self.checked(key, source, case_sensitive=case_sensitive)
        return GatedPattern.of(source, case_sensitive, self.fragment_words, self.gates)

    def gated_list(self, key: str) -> tuple[GatedPattern, ...]:
        """An array of tables (``[[key]]``), each one gated pattern (see ``gated``)."""
        patterns = []
        for item in self.sections(key):
            patterns.append(item.gated())
            item.done()
        return tuple(patterns)

    # -- nested tables ----------------------------------------------------------------
    def section(self, key: str, *, optional: bool = False) -> Section:
        """A nested table."""
        value = self._get(key, {} if optional else _REQUIRED)
        if not isinstance(value, dict):
            raise self.error(key, "expected a table")
        return self.child(value, self.key_path(key))

    def sections(self, key: str, *, optional: bool = False) -> list[Section]:
        """An array of tables (``[[key]]``)."""
        value = self._get(key, [] if optional else _REQUIRED)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error(key, "expected an array of tables")
        return [self.child(item, f"{self.key_path(key)}[{i}]") for i, item in enumerate(value)]

    def keys(self) -> list[str]:
        """Keys of this table, in file order."""
        return list(self._data)

    def child(self, data: Mapping[str, Any], path: str) -> Section:
        """A section sharing this file's name and fragments."""
        return Section(data, self.file, path, self.fragment_words, self._fragments, self.gates)

    def with_fragments(self, words: Mapping[str, tuple[str, ...]]) -> Section:
        """This table again, with ``<<name>>`` available in its patterns."""
        section = Section(self._data, self.file, self.path, words, gates=self.gates)
        section._read = self._read
        return section

