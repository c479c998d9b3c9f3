"""The one reader of the TOML data files that ship with afterview (the offline templates,
the frame, request limits, the panel policy): one-line errors naming file, line and key.

Standard library only, so the checks (which import nothing else of afterview but their
types) may use it too; each caller passes the error type its own callers expect.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path


def read_toml(path: Path, error: Callable[[str], Exception]) -> dict:
    """Parse the TOML data file ``path``; every failure raises ``error(message)``, one line
    naming the file and, for a syntax error, the line and the key it sets."""
    import tomllib  # only when a data file is read: a cached policy or template set needs no parser

    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read ({exc})") from None
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise error(_describe_toml_error(path, source, exc)) from None


def _describe_toml_error(path: Path, source: str, exc: Exception) -> str:
    # tomllib (3.11) reports the position only inside its message: "(at line 3, column 1)".
    message = str(exc)
    found = re.search(r"\(at line (\d+), column \d+\)", message)
    if not found:
        return f"{path}: not valid TOML: {message}"
    number = int(found.group(1))
    lines = source.splitlines()
    # The error often lands on the line after an unterminated value: look back for its key.
    for candidate in range(min(number, len(lines)), 0, -1):
        key = re.match(r"\s*([A-Za-z0-9_.\"'-]+)\s*=", lines[candidate - 1])
        if key:
            return f"{path}:{number}: {key.group(1)}: not valid TOML: {message}"
    return f"{path}:{number}: not valid TOML: {message}"
