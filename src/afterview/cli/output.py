"""Printing for the CLI: terminal-safe text, JSON Lines, one-line errors and notices."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from afterview.terminal import CONTROL_CHARS, safe
from afterview.wording import plural

if TYPE_CHECKING:
    from afterview.findings import Finding, Report

__all__ = ["error", "json_line", "line_column", "notice", "out", "plural", "reading_order", "report_json"]

_SEVERITY_RANK = {"block": 0, "warn": 1, "info": 2}


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


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, as compilers count them."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def reading_order(findings: Iterable[Finding], text: str) -> list[tuple[Finding, int | None, int | None]]:
    """``(finding, line, column)`` as a reader meets them: findings about the whole note
    first, then by line and column; at one place, block before warn before info."""
    placed = []
    for index, finding in enumerate(findings):
        line, column = line_column(text, finding.start) if finding.start is not None else (None, None)
        placed.append(((line or 0, column or 0, _SEVERITY_RANK.get(finding.severity, 3), index), finding, line, column))
    return [(finding, line, column) for _, finding, line, column in sorted(placed, key=lambda item: item[0])]


def report_json(report: Report, text: str) -> dict[str, object]:
    """``report.to_dict()`` with the findings in reading order, each with its ``line`` and
    ``column`` (1-based; null for a finding about the whole note) besides the offsets."""
    findings = [{**f.to_dict(), "line": line, "column": column} for f, line, column in reading_order(report.findings, text)]
    return {**report.to_dict(), "findings": findings}
