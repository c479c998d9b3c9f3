"""Prompts as data: load, validate and render the LLM drafter's prompt files.

A prompts folder holds ``system.toml`` (the system prompt, the shared lines of the user
message, the tone styles) and one ``<note_type>.toml`` per note type (the task, the facts
the model sees, the word target). Both shapes are pydantic models with
``extra="forbid"``, and every ``{variable}`` is checked when the folder loads, so a typo
fails before any request with the file and key in the message.

Two kinds of values reach the model:

* instruction variables (``{tone}``, ``{min_words}``, ``{variant}``, ``{feedback}``...)
  are ours and are formatted into the instruction text;
* facts (``company``, ``moment``...) were typed by the user and appear as values inside
  ``<field name="...">`` blocks, with the delimiter escaped inside the value, which the
  system prompt declares to be data, not instructions. A repair round's previous draft
  (the model's own text) gets a block of its own, ``previous_draft``, and so do the
  checks' findings (``findings``): a finding may quote the user's moment or words of
  the previous draft, so it is data the instruction line points to, never an
  instruction of its own.

A note file's ``if_missing`` and ``if_present`` add an instruction line when a fact or a
flag (``awaiting``, ``second_follow_up``) is absent or present: a follow-up asks for a
timeline only when there is no decision date; a thank-you looks forward to hearing from
them only while they have not decided. The length line uses the range for the note's
type and tone from ``guardrails/tone_words.toml``, when that file holds one.

Rendering is deterministic: the same request renders the same messages, so cassettes
can match on the request body.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from string import Formatter
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from afterview.domain import NoteRequest, NoteType, Tone
from afterview.drafting.frame import ALWAYS_VARIABLES, KNOWN_VARIABLES
from afterview.errors import PolicyError
from afterview.resources import data_dir

SYSTEM_FILE = "system.toml"
PROMPT_FILES: tuple[str, ...] = (SYSTEM_FILE, *(f"{t.value}.toml" for t in NoteType))

# The block names of a repair round's previous draft and of the checks' findings; not
# facts, so not in frame's list.
PREVIOUS_DRAFT_FIELD = "previous_draft"
FINDINGS_FIELD = "findings"
TONE_WORDS_FILE = "tone_words.toml"

# Which instruction variables each key may use; the ones listed in _NEEDED must appear,
# or the line would lose its point (a repair without the findings, a variant line that
# does not say which variant).
_ALLOWED: Mapping[str, frozenset[str]] = {
    "system": frozenset(),
    "facts_intro": frozenset(),
    "tone": frozenset({"tone", "tone_style"}),
    "length": frozenset({"min_words", "max_words"}),
    "variant": frozenset({"variant"}),
    "repair": frozenset(),
    "task": frozenset({"min_words", "max_words"}),
    "if_missing": frozenset(),
    "if_present": frozenset(),
    "tones": frozenset(),
}
_NEEDED: Mapping[str, frozenset[str]] = {
    "tone": frozenset({"tone_style"}),
    "length": frozenset({"min_words", "max_words"}),
    "variant": frozenset({"variant"}),
}

_OPEN_TAG = re.compile(r"<(/?)(field)", re.IGNORECASE)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
FactName = Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]


class PromptError(PolicyError):
    """A prompt file is missing or malformed; the message names the file and the key.

    A ``PolicyError`` (exit 2), so the CLI prints it as one line like any data-file error.
    """


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_M = TypeVar("_M", bound=_File)


class SystemFile(_File):
    """``system.toml``: the system prompt and the user-message lines every type shares."""

    version: int = Field(ge=1)
    system: Text
    """The system message: role, output rules, and that field blocks are data."""
    facts_intro: Text
    """The line introducing the field blocks."""
    tone: Text
    """The tone line; uses ``{tone}`` and ``{tone_style}``."""
    length: Text
    """The length line; uses ``{min_words}`` and ``{max_words}``."""
    variant: Text
    """Added to variant requests so they differ; uses ``{variant}``."""
    repair: Text
    """A repair round's instruction; the findings follow it in their own field block."""
    tones: dict[Tone, Text]
    """How each tone should sound."""

    @model_validator(mode="after")
    def _every_tone(self) -> SystemFile:
        missing = [t.value for t in Tone if t not in self.tones]
        if missing:
            raise ValueError(f"tones: missing {', '.join(missing)}")
        return self


class NoteFile(_File):
    """``<note_type>.toml``: what one note type asks of the model."""

    version: int = Field(ge=1)
    task: Text
    """The instructions for this note type (its purpose, what it must and must not do)."""
    facts: list[FactName] = Field(min_length=1)
    """The record values shown to the model, in order, each in its own field block."""
    required: list[FactName] = []
    """Facts this note cannot be written without; a request lacking one is refused."""
    words: tuple[int, int]
    """Word target for the body paragraphs (greeting and sign-off come on top)."""
    if_missing: dict[FactName, Text] = {}
    """An extra instruction when an optional fact is absent (``moment``: invent nothing)."""
    if_present: dict[FactName, Text] = {}
    """An extra instruction when an optional fact or flag is present (``second_follow_up``)."""

    @model_validator(mode="after")
    def _consistent(self) -> NoteFile:
        named = (("facts", self.facts), ("required", self.required), ("if_missing", self.if_missing), ("if_present", self.if_present))
        for key, names in named:
            unknown = [name for name in names if name not in KNOWN_VARIABLES]
            if unknown:
                raise ValueError(f"{key}: unknown fact {unknown[0]!r} (known: {', '.join(sorted(KNOWN_VARIABLES))})")
        for name in self.required:
            if name not in self.facts:
                raise ValueError(f"required: {name!r} is not listed in facts")
        for key, conditions in (("if_missing", self.if_missing), ("if_present", self.if_present)):
            for name in conditions:
                if name not in self.facts:
                    raise ValueError(f"{key}: {name!r} is not listed in facts")
                if name in ALWAYS_VARIABLES or name in self.required:
                    raise ValueError(f"{key}: {name!r} is never missing (always known or required)")
        low, high = self.words
        if not 0 < low <= high:
            raise ValueError("words: must be [min, max] with 0 < min <= max")
        return self


@dataclass(frozen=True, slots=True)
class PromptSet:
    """A validated prompts folder, with the word range per note type and tone."""

    directory: Path
    system: SystemFile
    notes: Mapping[NoteType, NoteFile]
    tone_words: Mapping[tuple[NoteType, Tone], tuple[int, int]] = field(default_factory=dict)

    def words(self, note_type: NoteType, tone: Tone) -> tuple[int, int]:
        """The body word range to ask for: the tone's when known, else the note file's."""
        return self.tone_words.get((note_type, tone), self.notes[note_type].words)

    def version(self, note_type: NoteType) -> str:
        """The version recorded with each draft: ``thank_you@3+system@1``."""
        return f"{note_type.value}@{self.notes[note_type].version}+system@{self.system.version}"


@dataclass(frozen=True, slots=True)
class RenderedPrompt:
    """The two messages of one request, and how much of them the user typed.

    Attributes:
        system: the system message.
        user: the user message.
        version: the prompt version (``thank_you@3+system@1``).
        data_chars: characters of user-typed (or model-written) text inside field blocks.
        instructions: our own text (system message and the user message's instruction
            lines, without the field blocks), for spotting a model that echoes it.
    """

    system: str
    user: str
    version: str
    data_chars: int
    instructions: str = ""

    @property
    def messages(self) -> list[dict[str, str]]:
        """The ``messages`` list of a chat completion request."""
        return [{"role": "system", "content": self.system}, {"role": "user", "content": self.user}]

    @property
    def overhead_chars(self) -> int:
        """Characters of the prompt that are ours (everything but the field text)."""
        return len(self.system) + len(self.user) - self.data_chars


class MissingFact(ValueError):
    """The request lacks a fact its note type requires."""


def load_prompts(directory: Path | None = None) -> PromptSet:
    """Load and validate a prompts folder (default: the shipped ``prompts/``).

    Loaded once per folder per process.

    Raises:
        PromptError: a file is missing, not TOML, has unknown or missing keys, or uses an
            unknown or missing variable; the message names file and key.
    """
    return _load_cached((directory or data_dir("prompts")).expanduser().resolve())


@lru_cache(maxsize=8)
def _load_cached(directory: Path) -> PromptSet:
    if not directory.is_dir():
        raise PromptError(f"{directory}: prompts folder not found")
    system = _load_file(directory / SYSTEM_FILE, SystemFile)
    notes = {note_type: _load_file(directory / f"{note_type.value}.toml", NoteFile) for note_type in NoteType}
    return PromptSet(directory=directory, system=system, notes=notes, tone_words=load_tone_words())


def load_tone_words(folder: Path | None = None) -> dict[tuple[NoteType, Tone], tuple[int, int]]:
    """The word range per note type and tone from ``guardrails/tone_words.toml``.

    Raises:
        PromptError: the file is malformed (a missing file means no ranges).
    """
    path = (folder or data_dir("guardrails")) / TONE_WORDS_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"{path}: cannot read: {exc}") from None
    ranges: dict[tuple[NoteType, Tone], tuple[int, int]] = {}
    for type_name, table in data.items():
        if type_name not in NoteType.__members__.values() or not isinstance(table, dict):
            raise PromptError(f"{path}: {type_name}: not a note type table")
        for tone_name, bounds in table.items():
            if tone_name not in Tone.__members__.values():
                raise PromptError(f"{path}: {type_name}.{tone_name}: not a tone")
            if not (isinstance(bounds, list) and len(bounds) == 2 and all(type(b) is int for b in bounds) and 0 < bounds[0] <= bounds[1]):
                raise PromptError(f"{path}: {type_name}.{tone_name}: must be [min, max] with 0 < min <= max")
            ranges[(NoteType(type_name), Tone(tone_name))] = (bounds[0], bounds[1])
    return ranges


def _load_file(path: Path, model: type[_M]) -> _M:
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(
            f"{path}: file not found (a prompts folder holds {', '.join(PROMPT_FILES)})"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PromptError(f"{path}: cannot read ({exc})") from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise PromptError(f"{path}: not valid TOML: {exc}") from None
    try:
        loaded = model.model_validate(data)
    except ValidationError as exc:
        raise PromptError(f"{path}: {_describe(exc)}") from None
    _check_variables(path, loaded)
    return loaded


def _describe(exc: ValidationError) -> str:
    """The first problem as ``key: message`` (extra keys read as "unknown key")."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if not where:  # a whole-file rule: its message starts with the key it is about
        return message
    if error["type"] == "extra_forbidden":
        return f"{where}: unknown key"
    if error["type"] == "missing":
        return f"{where}: missing"
    return f"{where}: {message}"


def _check_variables(path: Path, loaded: _File) -> None:
    """Every ``{name}`` must be allowed for its key; the needed ones must be there."""
    texts: list[tuple[str, str, str]] = []  # (key shown in errors, rule key, text)
    for key, value in loaded.model_dump().items():
        if isinstance(value, str) and key in _ALLOWED:
            texts.append((key, key, value))
        elif isinstance(value, dict):
            texts.extend((f"{key}.{getattr(k, 'value', k)}", key, v) for k, v in value.items())
    for where, rule, text in texts:
        try:
            names = {field for _, field, _, _ in Formatter().parse(text) if field is not None}
        except ValueError as exc:
            raise PromptError(f"{path}: {where}: {exc} (write {{{{ and }}}} for literal braces)") from None
        allowed = _ALLOWED[rule]
        for name in sorted(names):
            if name not in allowed:
                choices = ", ".join(f"{{{n}}}" for n in sorted(allowed)) or "none"
                raise PromptError(f"{path}: {where}: unknown variable {{{name}}} (allowed here: {choices})")
        for name in sorted(_NEEDED.get(rule, frozenset()) - names):
            raise PromptError(f"{path}: {where}: missing variable {{{name}}}")


def field_block(name: str, value: str) -> str:
    """One user value in its delimited block; the delimiter inside it is escaped.

    Only the tag's opening (``<field`` or ``</field``) is escaped, as ``&lt;field``, so
    ordinary text reaches the model unchanged and no value can close its block early.
    """
    escaped = _OPEN_TAG.sub(lambda m: f"&lt;{m.group(1)}{m.group(2)}", value)
    if "\n" in escaped:
        return f'<field name="{name}">\n{escaped}\n</field>'
    return f'<field name="{name}">{escaped}</field>'


def render(
    prompts: PromptSet,
    request: NoteRequest,
    facts: Mapping[str, str],
    *,
    variant: int | None = None,
    previous: str | None = None,
) -> RenderedPrompt:
    """Render the messages for ``request``.

    Args:
        prompts: the loaded prompt set.
        request: the note asked for; ``request.feedback`` makes it a repair round.
        facts: the record values by name (``NoteFrame.variables``); absent optional
            facts are simply not in the mapping.
        variant: when set, adds the variant line (1-based) so the request differs from
            the other variants' requests.
        previous: the previous draft's body paragraphs for a repair round (defaults to
            ``request.previous``).

    Raises:
        MissingFact: the note type requires a fact the record lacks.
    """
    note = prompts.notes[request.note_type]
    shared = prompts.system
    for name in note.required:
        if not facts.get(name):
            raise MissingFact(f"a {request.note_type.label} note needs {name.replace('_', ' ')}, which the record lacks")

    low, high = prompts.words(request.note_type, request.tone)
    lines = [note.task.format(min_words=low, max_words=high)]
    for name in note.facts:
        if name in note.if_missing and name not in facts:
            lines.append(note.if_missing[name])
        if name in note.if_present and name in facts:
            lines.append(note.if_present[name])
    lines.append(shared.tone.format(tone=request.tone.value, tone_style=shared.tones[request.tone]))
    lines.append(shared.length.format(min_words=low, max_words=high))
    if variant is not None:
        lines.append(shared.variant.format(variant=variant))

    shown = [(name, facts[name]) for name in note.facts if facts.get(name)]
    data_chars = sum(len(value) for _, value in shown)
    blocks = "\n".join(field_block(name, value) for name, value in shown)
    sections = ["\n".join(lines), f"{shared.facts_intro}\n{blocks}"]
    ours = [shared.system, *lines, shared.facts_intro]

    if request.feedback:
        before = request.previous if previous is None else previous
        draft_block = field_block(PREVIOUS_DRAFT_FIELD, before or "")
        data_chars += len(before or "")
        # The findings may quote the user's moment or the previous draft: they travel in
        # a block of their own, escaped like every other value, and count as data.
        feedback = request.feedback.strip()
        findings_block = field_block(FINDINGS_FIELD, feedback)
        data_chars += len(feedback)
        sections.append(f"{shared.repair}\n{findings_block}\n{draft_block}")
        ours.append(shared.repair)

    return RenderedPrompt(
        system=shared.system,
        user="\n\n".join(sections),
        version=prompts.version(request.note_type),
        data_chars=data_chars,
        instructions="\n".join(ours),
    )
