"""Printing for the CLI: terminal-safe text, JSON Lines, one-line errors and notices."""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

# ESC-introduced sequences (CSI, OSC, DCS, APC, PM, SOS and two-character escapes), then
# any other C0/C1 control except newline and tab, and bidi/zero-width format characters.
_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


def safe(text: str) -> str:
    """``text`` with escape sequences and control characters removed (newlines and tabs kept)."""
    return _ESCAPES.sub("", text)


def out(text: str = "", *, stream: TextIO | None = None) -> None:
    """Print terminal-safe text to stdout."""
    print(safe(text), file=stream or sys.stdout)


def notice(message: str) -> None:
    """One line to stderr: something the user should know that is not an error."""
    print(f"afterview: {safe(message)}", file=sys.stderr)


def error(message: str) -> None:
    """One line to stderr: what went wrong and, where possible, how to fix it."""
    print(f"afterview: error: {safe(message)}", file=sys.stderr)


def json_line(obj: Any) -> None:
    """One JSON object per line on stdout (JSON Lines). Strings are escaped by JSON itself."""
    print(json.dumps(obj, ensure_ascii=False, default=str), file=sys.stdout)
