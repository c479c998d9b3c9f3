"""Text that is safe to show in a terminal: no escape sequences, no control characters.

Model output and typed fields can carry ESC sequences (clear screen, OSC 52 clipboard
writes, fake prompts) or bidi overrides; everything printed or shown passes through
``safe`` first.
"""

from __future__ import annotations

import re

# ESC-introduced sequences (CSI, OSC, DCS, APC, PM, SOS and two-character escapes), then
# any other C0/C1 control except newline and tab, and bidi/zero-width format characters.
_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


def safe(text: str) -> str:
    """``text`` with escape sequences and control characters removed (newlines and tabs kept)."""
    return _ESCAPES.sub("", text)
