"""Printing for the CLI: terminal-safe text, JSON Lines, one-line errors and notices."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from afterview.terminal import safe

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
