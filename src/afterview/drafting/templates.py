"""The offline drafter: notes filled from templates, no network.

Templates are data, one TOML file per note type in ``prompts/offline/`` (see
``frame.toml`` for subject lines, greetings and sign-offs). Each file holds, per tone,
a list of variants; a variant is a list of paragraphs, and a paragraph is a string,
a conditional ``{ if = "moment", then = "...", else = "..." }`` (either may be left
out, not both), or a list of both
(pieces joined by a space). Values the record may lack (``{moment}``, ``{relevance}``...)
can only appear inside a conditional on that value, or in a file that declares them
``requires``; so a loaded set can always be filled. A variant may carry ``when = "name"``
or ``unless = "name"``: it is used only when that value is present (or absent), as a
second follow-up has its own wording; every situation keeps at least one variant.

The set loads once per process and is validated at load: an unknown variable, an
unguarded optional one, a variant that leaves out a ``must_mention`` variable, a
missing file or malformed TOML each raise ``TemplateError`` naming file and key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from afterview.domain import NoteRequest, NoteType, Tone
from afterview.drafting.base import DraftText
from afterview.drafting.frame import (
    ALWAYS_VARIABLES,
    OPTIONAL_VARIABLES,
    FileChecker,
    NoteFrame,
    TemplateError,
    load_frame,
    offline_dir,
    read_toml,
    tidy,
)
from afterview.errors import InputError
from afterview.frozen import NamedTuple

__all__ = ["TemplateDrafter", "TemplateError", "TemplateSet", "load_template_set"]

ENGINE = "template"
_FILE_KEYS = {"note_type", "requires", "requires_hint", "must_mention", *(t.value for t in Tone)}


class _Conditional(NamedTuple):
    """Text used when ``name`` has a value, else ``otherwise`` (may be empty)."""

    name: str
    then: str
    otherwise: str


_Piece = str | _Conditional


class _Variant(NamedTuple):
    paragraphs: tuple[tuple[_Piece, ...], ...]
    when: str | None = None
    unless: str | None = None

    def applies(self, values: Mapping[str, str]) -> bool:
        """True when the record's values meet the variant's ``when`` / ``unless``."""
        if self.when is not None and self.when not in values:
            return False
        return self.unless is None or self.unless not in values


class _NoteTemplates(NamedTuple):
    """One note type's file: its variants per tone and what the record must hold."""

    note_type: NoteType
    requires: tuple[str, ...]
    requires_hint: str | None
    variants: Mapping[Tone, tuple[_Variant, ...]]


class TemplateSet(NamedTuple):
    """A validated offline template set: the frame plus one file per note type."""

    directory: Path
    frame: NoteFrame
    notes: Mapping[NoteType, _NoteTemplates]

    @property
    def version(self) -> str:
        """The set's version string (``offline-1``), from ``frame.toml``."""
        return self.frame.version

    def variant_count(self, note_type: NoteType | str, tone: Tone | str, request: NoteRequest | None = None) -> int:
        """How many variants fit: for ``request`` when given, else those with no condition."""
        variants = self.notes[NoteType(note_type)].variants[Tone(tone)]
        if request is None:
            return sum(1 for v in variants if v.when is None) or len(variants)
        return len(self.options(request))

    def options(self, request: NoteRequest, values: Mapping[str, str] | None = None) -> tuple[_Variant, ...]:
        """The variants that fit the request's situation (a second follow-up has its own).

        ``values``: the request's ``NoteFrame.variables``, when the caller has them already.
        """
        values = self.frame.variables(request) if values is None else values
        return tuple(v for v in self.notes[request.note_type].variants[request.tone] if v.applies(values))

    def paragraphs(self, request: NoteRequest, variant: int, values: Mapping[str, str] | None = None) -> list[str]:
        """Fill variant ``variant`` (taken modulo the count) for ``request`` (``values``: as for ``options``).

        Raises:
            InputError: the note type needs a record value the interview lacks (a
                competing-offer note without a recorded offer).
        """
        templates = self.notes[request.note_type]
        values = self.frame.variables(request) if values is None else values
        missing = [name for name in templates.requires if name not in values]
        if missing:
            raise InputError(templates.requires_hint or f"a {request.note_type.label} note needs {', '.join(missing)}")
        options = [v for v in templates.variants[request.tone] if v.applies(values)]
        chosen = options[variant % len(options)]
        filled = []
        for paragraph in chosen.paragraphs:
            pieces = [_fill(piece, values) for piece in paragraph]
            text = _capitalise_article(tidy(" ".join(p for p in pieces if p)), values["company"])
            if text:
                filled.append(text)
        return filled


def _capitalise_article(text: str, company: str) -> str:
    """A sentence that opens with the organisation's added "the" ("The City of Austin remains ...")."""
    if not company.startswith("the "):
        return text
    pattern = re.compile(r"(^|[.?!]\s+)" + re.escape(company))
    return pattern.sub(lambda m: m.group(1) + "T" + company[1:], text)


def _fill(piece: _Piece, values: Mapping[str, str]) -> str:
    if isinstance(piece, _Conditional):
        piece = piece.then if piece.name in values else piece.otherwise
    return piece.format_map(values)


def load_template_set(directory: Path | None = None) -> TemplateSet:
    """Load and validate the offline set in ``directory`` (default ``prompts/offline``).

    Loaded once per folder per process; later calls return the same object.

    Raises:
        TemplateError: a file is missing or malformed; the message names file and key.
    """
    return _load_cached((directory or offline_dir()).resolve())


@lru_cache(maxsize=8)
def _load_cached(directory: Path) -> TemplateSet:
    frame = load_frame(directory)
    notes = {note_type: _load_note_file(directory / f"{note_type.value}.toml", note_type) for note_type in NoteType}
    return TemplateSet(directory=directory, frame=frame, notes=notes)


def _load_note_file(path: Path, note_type: NoteType) -> _NoteTemplates:
    data = read_toml(path)
    check = FileChecker(path)
    check.no_extra(data, "", _FILE_KEYS)
    if data.get("note_type") != note_type.value:
        check.fail("note_type", f"must be {note_type.value!r} (the file's name), got {data.get('note_type')!r}")

    requires = _name_list(check, data, "requires")
    must_mention = _name_list(check, data, "must_mention")
    hint = data.get("requires_hint")
    if requires and not (isinstance(hint, str) and hint.strip()):
        check.fail("requires_hint", "a file with requires needs a one-line hint for the user")
    always = frozenset(ALWAYS_VARIABLES) | frozenset(requires)

    variants: dict[Tone, tuple[_Variant, ...]] = {}
    for tone in Tone:
        entries = data.get(tone.value)
        if entries is None or entries == []:
            check.fail(tone.value, f"missing variants: add at least one [[{tone.value}]] table with paragraphs")
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            check.fail(tone.value, f"must be an array of tables: write each variant under [[{tone.value}]]")
        parsed = []
        for index, entry in enumerate(entries):
            where = f"{tone.value}[{index}]"
            variant, used = _parse_variant(check, entry, where, always)
            for name in must_mention:
                if name not in used:
                    check.fail(where, f"missing variable {{{name}}} (every {note_type.value} variant must use it)")
            parsed.append(variant)
        _every_situation_covered(check, tone.value, parsed)
        variants[tone] = tuple(parsed)
    return _NoteTemplates(note_type, requires, hint if requires else None, variants)


def _every_situation_covered(check: FileChecker, where: str, variants: list[_Variant]) -> None:
    """Each mix of the flags the variants depend on leaves at least one variant."""
    flags = sorted({name for v in variants for name in (v.when, v.unless) if name})
    for mask in range(2 ** len(flags)):
        present = {flag: "" for bit, flag in enumerate(flags) if mask >> bit & 1}
        if not any(v.applies(present) for v in variants):
            situation = ", ".join(f"{f} {'present' if f in present else 'absent'}" for f in flags)
            check.fail(where, f"no variant applies when {situation}: add one without when/unless")


def _name_list(check: FileChecker, data: Mapping, key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        check.fail(key, "must be a list of variable names")
    for name in value:
        if name not in ALWAYS_VARIABLES and name not in OPTIONAL_VARIABLES:
            check.fail(key, f"unknown variable {name!r}")
    return tuple(value)


def _parse_variant(check: FileChecker, entry: Mapping, where: str, always: frozenset[str]) -> tuple[_Variant, set[str]]:
    check.no_extra(entry, where, {"paragraphs", "when", "unless"})
    conditions = {}
    for key in ("when", "unless"):
        name = entry.get(key)
        if name is not None and name not in OPTIONAL_VARIABLES:
            check.fail(f"{where}.{key}", f"must name an optional variable ({', '.join(OPTIONAL_VARIABLES)}), got {name!r}")
        conditions[key] = name
    raw = entry.get("paragraphs")
    if not isinstance(raw, list) or not raw:
        check.fail(f"{where}.paragraphs", "must be a non-empty list")
    used: set[str] = set()
    paragraphs = []
    for p_index, item in enumerate(raw):
        p_where = f"{where}.paragraphs[{p_index}]"
        items = item if isinstance(item, list) else [item]
        if not items:
            check.fail(p_where, "is an empty list")
        pieces = []
        for i_index, piece in enumerate(items):
            piece_where = f"{p_where}[{i_index}]" if isinstance(item, list) else p_where
            pieces.append(_parse_piece(check, piece, piece_where, always, used))
        paragraphs.append(tuple(pieces))
    return _Variant(tuple(paragraphs), conditions["when"], conditions["unless"]), used


def _parse_piece(check: FileChecker, piece: object, where: str, always: frozenset[str], used: set[str]) -> _Piece:
    if isinstance(piece, str):
        used.update(_checked_fields(check, piece, where, always))
        return piece
    if not isinstance(piece, dict):
        check.fail(where, "must be a string, a { if, then, else } table, or a list of those")
    check.no_extra(piece, where, {"if", "then", "else"})
    name = piece.get("if")
    if name not in OPTIONAL_VARIABLES:
        check.fail(f"{where}.if", f"must name an optional variable ({', '.join(OPTIONAL_VARIABLES)}), got {name!r}")
    then, otherwise = piece.get("then", ""), piece.get("else", "")
    if not isinstance(otherwise, str):
        check.fail(f"{where}.else", "must be a string")
    if not isinstance(then, str) or not (then.strip() or otherwise.strip()):
        check.fail(f"{where}.then", "must be a non-empty string (or give a non-empty else)")
    used.update(_checked_fields(check, then, f"{where}.then", always | {name}))
    used.update(_checked_fields(check, otherwise, f"{where}.else", always))
    return _Conditional(name, then, otherwise)


def _checked_fields(check: FileChecker, text: str, where: str, available: frozenset[str]) -> tuple[str, ...]:
    names = check.fields(text, where, frozenset(ALWAYS_VARIABLES) | frozenset(OPTIONAL_VARIABLES))
    for name in names:
        if name not in available:
            check.fail(where, f"variable {{{name}}} may be absent: use it inside {{ if = \"{name}\", then = \"...\" }}")
    return names


class TemplateDrafter:
    """Offline drafter: fills the template set; implements the ``Drafter`` protocol.

    Templates ignore a request's repair ``feedback``: they meet the checks as written,
    so the writer falls back to them rather than repairing them.
    """

    engine: str = ENGINE

    def __init__(self, directory: Path | None = None, *, templates: TemplateSet | None = None) -> None:
        """Remember where the set lives (default ``prompts/offline``); nothing is read yet.

        The set is read on first use, or by ``load()`` when the caller wants a malformed
        set reported up front; ``templates`` is a set already loaded (from a cache).
        """
        self.directory = templates.directory if templates is not None else directory
        self._set: TemplateSet | None = templates

    def load(self) -> TemplateSet:
        """Load and validate the set (once per process per folder) and return it.

        Raises:
            TemplateError: a file is missing or malformed; the message names file and key.
        """
        if self._set is None:
            self._set = load_template_set(self.directory)
        return self._set

    @property
    def version(self) -> str:
        """The template set's version string, stored as ``prompt_version``."""
        return self.load().version

    def variant_count(self, note_type: NoteType | str, tone: Tone | str, request: NoteRequest | None = None) -> int:
        """How many distinct variants fit (the request's situation, when given)."""
        return self.load().variant_count(note_type, tone, request)

    def render(self, request: NoteRequest, variant: int) -> DraftText:
        """Fill one variant (taken modulo the variant count) for ``request``.

        Raises:
            InputError: the record lacks what the note type needs (e.g. no competing offer).
            TemplateError: the set is missing or malformed.
        """
        templates = self.load()
        values = templates.frame.variables(request)  # once: the choice, the fill and the greeting read them
        index = variant % len(templates.options(request, values))
        paragraphs = templates.paragraphs(request, index, values)
        return DraftText(
            subject=templates.frame.subject(request, index, values),
            body=templates.frame.body(request, paragraphs, index, values),
            engine=ENGINE,
            variant=index,
            prompt_version=templates.version,
        )

    async def draft(self, request: NoteRequest, n: int) -> list[DraftText]:
        """``draft_now`` for the ``Drafter`` protocol (templates never wait on anything)."""
        return self.draft_now(request, n)

    def draft_now(self, request: NoteRequest, n: int) -> list[DraftText]:
        """Up to ``n`` different variants, starting at ``request.first_variant``.

        Indices wrap around modulo the number of variants and never repeat within a
        call, so a set with fewer than ``n`` variants returns all of them once.

        Raises:
            ValueError: ``n`` is less than 1.
            InputError: the record lacks what the note type needs.
            TemplateError: the set is missing or malformed.
        """
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        count = self.variant_count(request.note_type, request.tone, request)
        start = request.first_variant
        return [self.render(request, (start + offset) % count) for offset in range(min(n, count))]
