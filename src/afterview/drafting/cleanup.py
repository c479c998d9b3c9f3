"""Turn a model's answer into clean body paragraphs.

The model is asked for the body paragraphs only, as plain text. Models add things
anyway: a preamble ("Sure, here is the note:"), markdown, a subject line, a greeting, a
sign-off with a name or a ``[Your Name]`` placeholder, a comment on their own work. This
module removes them so the frame can add its own subject, greeting and sign-off, and so
the checks judge the note, not the wrapping.

Placeholders inside a sentence ("I enjoyed learning about [topic]") are left in place on
purpose: the ``placeholders`` check reports them and the writer repairs or falls back.
Only lines made of nothing but placeholders go.

The phrase lists live in ``prompts/cleanup.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from afterview.errors import PolicyError
from afterview.resources import data_dir
from afterview.terminal import CONTROL_CHARS

CLEANUP_FILE = "cleanup.toml"
# An answer line shorter than this is never taken for a shortened copy of a prompt
# line ("I look forward to it." could be in both), nor a prompt line for its source.
_ECHO_MIN_WORDS = 6
_ECHO_MIN_CHARS = 30

# Terminal escape sequences (CSI, OSC, DCS/APC/PM/SOS strings, two-byte ESC forms), then
# any control, bidi-override or zero-width character left over: model text is printed
# to a terminal and must never drive it.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_].*?(?:\x07|\x1b\\)|\x1b[@-_]", re.DOTALL)
_CONTROLS = re.compile(CONTROL_CHARS)
# The field blocks of our own prompt, echoed back by the model.
_FIELD_TAG = re.compile(r"</?field(?:\s+name=\"[^\"]*\")?\s*>", re.IGNORECASE)
_ESCAPED_TAG = re.compile(r"&lt;(/?field)", re.IGNORECASE)

# A fence line ("```", "```text") goes; a fence glued to text ("```Thank you...```") loses
# only its marks.
_FENCE = re.compile(r"^\s*(?:```|~~~)[\w+-]*\s*$")
_GLUED_FENCE = re.compile(r"^\s*(?:```|~~~)|(?:```|~~~)\s*$")
_RULE = re.compile(r"^\s*([-*_]\s*){3,}$")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_QUOTE_MARKER = re.compile(r"^\s*>\s?")
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^)\s]+)\)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_PLACEHOLDER = re.compile(r"\[[^\]\n]*\]|\{[^}\n]*\}|<[^>\n]*>")
_SEPARATORS = re.compile(r"[\s|,;:.\-–—/()]*")
_WORDS = re.compile(r"[\w'’-]+")
_QUOTES = {'"': '"', "“": "”", "'": "'"}


class CleanupError(PolicyError):
    """``cleanup.toml`` is missing or malformed; the message names the file and key."""


class CleanupRules(BaseModel):
    """The phrase lists of ``prompts/cleanup.toml`` (all matched ignoring case)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)
    preamble_openers: tuple[str, ...]
    preamble_max_words: int = Field(ge=1)
    subject_prefixes: tuple[str, ...]
    greetings: tuple[str, ...]
    greeting_max_words: int = Field(ge=1)
    sign_offs: tuple[str, ...]
    thanks_sign_offs: tuple[str, ...]
    sign_off_max_extra_words: int = Field(ge=0)
    trailers: tuple[str, ...]
    html_tags: tuple[str, ...]

    def html_pattern(self) -> re.Pattern[str]:
        """Matches the listed HTML tags (opening, closing, self-closing), not their text."""
        names = "|".join(re.escape(t) for t in sorted(self.html_tags, key=len, reverse=True))
        return re.compile(rf"</?(?:{names})(?:\s[^<>]*)?/?>", re.IGNORECASE)


def load_cleanup_rules(directory: Path | None = None) -> CleanupRules:
    """Load ``cleanup.toml`` from ``directory`` (default: the shipped ``prompts/``), once.

    Raises:
        CleanupError: the file is missing or malformed.
    """
    return _load_cached((directory or data_dir("prompts")).resolve())


@lru_cache(maxsize=4)
def _load_cached(directory: Path) -> CleanupRules:
    path = directory / CLEANUP_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CleanupError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CleanupError(f"{path}: cannot read: {exc}") from None
    try:
        return CleanupRules.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "(file)"
        raise CleanupError(f"{path}: {where}: {error['msg']}") from None


@dataclass(frozen=True, slots=True)
class Cleaner:
    """Cleans model answers for one signature.

    Args:
        rules: the phrase lists.
        signature: the candidate's name, which the model may have signed with.
        extra_sign_offs: more sign-off lines to recognise (the frame's own).
        signature_block: the lines under the name, which the model may have copied.
        prompt_lines: the lines of our own prompt; a model that echoes one back
            ("This is variant 2: ...") has not written note text with it.
    """

    rules: CleanupRules
    signature: str = ""
    extra_sign_offs: tuple[str, ...] = ()
    signature_block: str | None = None
    prompt_lines: frozenset[str] = frozenset()

    def paragraphs(self, answer: str) -> list[str]:
        """The body paragraphs in ``answer``, each on one line; empty when none is left."""
        lines = _plain_lines(answer, self.rules.html_pattern())
        lines = [line for line in lines if not self._is_subject(line) and not self._is_echo(line)]
        lines = self._drop_top(lines)
        lines = self._drop_bottom(lines)
        lines = [line for line in lines if not _is_placeholder_line(line) and not self._is_signature(line)]
        return _join_paragraphs(lines)

    def _drop_top(self, lines: list[str]) -> list[str]:
        """Drop leading blank, preamble and greeting lines."""
        while lines:
            first = lines[0].strip()
            if not first or self._is_preamble(first) or self._is_greeting(first):
                lines = lines[1:]
                continue
            break
        return lines

    def _drop_bottom(self, lines: list[str]) -> list[str]:
        """Cut at the first sign-off, then drop trailing comments."""
        anywhere = (*self.rules.sign_offs, *(s.rstrip(",!. ") for s in self.extra_sign_offs))
        seen_body = False
        for index, line in enumerate(lines):
            if not line.strip():
                continue
            if _is_sign_off(line, anywhere, self.rules.sign_off_max_extra_words) or (
                seen_body and _is_sign_off(line, self.rules.thanks_sign_offs, self.rules.sign_off_max_extra_words)
            ):
                lines = lines[:index]
                break
            seen_body = True
        while lines and (not lines[-1].strip() or self._is_trailer(lines[-1])):
            lines = lines[:-1]
        return lines

    def _is_preamble(self, line: str) -> bool:
        if not _starts_with_phrase(line, self.rules.preamble_openers):
            return False
        return line.rstrip().endswith(":") or len(_WORDS.findall(line)) <= self.rules.preamble_max_words

    def _is_subject(self, line: str) -> bool:
        text = line.strip().casefold()
        return any(text.startswith(prefix) for prefix in self.rules.subject_prefixes)

    def _is_greeting(self, line: str) -> bool:
        """A short line that opens with a greeting and is not a sentence ("Dear Jordan,")."""
        text = line.strip()
        return (
            _starts_with_phrase(text, self.rules.greetings)
            and text[-1:] not in ".?"
            and len(_WORDS.findall(text)) <= self.rules.greeting_max_words
        )

    def _is_echo(self, line: str) -> bool:
        """A line of our own prompt: the whole line, a header ("Rules:"), or most of one.

        A model that ends its answer with the system prompt's rules, or a shortened
        copy of one ("- Use only the facts given."), has not written note text there.
        """
        text = _normal(line)
        if not text:
            return False
        if text in self.prompt_lines:
            return True
        if len(_WORDS.findall(text)) < _ECHO_MIN_WORDS:
            return False
        return any(text in own or own in text for own in self.prompt_lines if len(own) >= _ECHO_MIN_CHARS)

    def _is_trailer(self, line: str) -> bool:
        text = line.strip().casefold()
        return any(text.startswith(phrase) for phrase in self.rules.trailers)

    def _is_signature(self, line: str) -> bool:
        text = line.strip().casefold()
        if not text:
            return False
        own = {self.signature.strip().casefold()}
        if self.signature_block:
            own |= {b.strip().casefold() for b in self.signature_block.splitlines() if b.strip()}
        return text in own


def echo_lines(prompt_text: str) -> frozenset[str]:
    """The lines of a prompt worth recognising when echoed: four words or more, or a header.

    A header is a short line that ends with a colon ("Rules:"); a note's own sentence
    never is one.
    """
    lines = set()
    for line in _FIELD_TAG.sub("", prompt_text).splitlines():
        words = len(_WORDS.findall(line))
        if words >= 4 or (words and line.rstrip().endswith(":")):
            lines.add(_normal(line))
        # Each sentence of a longer line too: a model echoes rules one sentence at a time.
        for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
            if len(_WORDS.findall(sentence)) >= 4:
                lines.add(_normal(sentence))
    return frozenset(lines)


def _normal(line: str) -> str:
    """A line compared for echoes: spaces collapsed, list dash, quotes and final stop off."""
    return " ".join(_FIELD_TAG.sub("", line).split()).strip(" -\"'").rstrip(".").casefold()


def _plain_lines(answer: str, html: re.Pattern[str]) -> list[str]:
    """Terminal-safe lines with our field tags, HTML tags and markdown taken out."""
    text = answer.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROLS.sub("", _ESCAPES.sub("", text))
    text = _ESCAPED_TAG.sub(r"<\1", _FIELD_TAG.sub("", text))
    text = re.sub(r"</p\s*>", "\n\n", re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE), flags=re.IGNORECASE)
    text = html.sub("", text)
    text = _unquote(text.strip())
    lines = []
    for line in text.split("\n"):
        if _FENCE.match(line) or _RULE.match(line) or _HEADING.match(line):
            continue
        line = _GLUED_FENCE.sub("", line)
        line = _QUOTE_MARKER.sub("", line)
        line = _LIST_MARKER.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _BOLD.sub(r"\2", line)
        line = _ITALIC.sub(r"\2", line)
        line = _CODE.sub(r"\1", line)
        lines.append(line.rstrip())
    return lines


def _unquote(text: str) -> str:
    """Drop quotes wrapped around the whole answer."""
    if len(text) > 1 and text[0] in _QUOTES and text[-1] == _QUOTES[text[0]] and text.count(text[0]) <= 2:
        return text[1:-1].strip()
    return text


def _starts_with_phrase(line: str, phrases: Iterable[str]) -> bool:
    folded = line.strip().casefold()
    for phrase in phrases:
        phrase = phrase.casefold()
        if folded == phrase or (folded.startswith(phrase) and not folded[len(phrase) : len(phrase) + 1].isalnum()):
            return True
    return False


def _is_sign_off(line: str, phrases: Iterable[str], max_extra_words: int) -> bool:
    """``Best regards,`` or ``Best regards, Sam Rivera``: a phrase, then at most a name."""
    text = line.strip().rstrip("!.").strip()
    folded = text.casefold()
    for phrase in sorted({p.casefold() for p in phrases}, key=len, reverse=True):
        if folded in (phrase, phrase + ","):
            return True
        if folded.startswith(phrase + ","):
            return 0 < len(_WORDS.findall(text[len(phrase) + 1 :])) <= max_extra_words
    return False


def _is_placeholder_line(line: str) -> bool:
    """A line made only of placeholders and separators, like ``[Your Name] | [Phone]``."""
    if not _PLACEHOLDER.search(line):
        return False
    return not _SEPARATORS.sub("", _PLACEHOLDER.sub("", line))


def _join_paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(re.sub(r"\s{2,}", " ", " ".join(current)))
            current = []
    return paragraphs
