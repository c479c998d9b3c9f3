"""Printing for the CLI: terminal-safe text, JSON Lines, one-line errors and notices."""

from __future__ import annotations

import re
import sys
from typing import Any, TextIO

from afterview.terminal import CONTROL_CHARS, safe

def out(text: str = "", *, stream: TextIO | None = None) -> None:
    """Print terminal-safe text to stdout."""
    print(safe(text), file=stream or sys.stdout)


def notice(message: str) -> None:
    """One line to stderr: something the user should know that is not an error."""
    print(f"afterview: {safe(message)}", file=sys.stderr)


def error(message: str) -> None:
    """One line to stderr: what went wrong and, where possible, how to fix it."""
    print(f"afterview: error: {safe(message)}", file=sys.stderr)


# json.dumps escapes C0 controls itself, so of this class only the C1 controls and the
# bidi/zero-width characters can still appear raw with ensure_ascii=False.
_RAW_IN_JSON = re.compile(CONTROL_CHARS)


def json_line(obj: Any) -> None:
    """One JSON object per line on stdout (JSON Lines), readable names kept, terminal-safe."""
    import json  # only the --json runs pay for it

    text = json.dumps(obj, ensure_ascii=False, default=str)
    print(_RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text), file=sys.stdout)
