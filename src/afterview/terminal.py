"""Text that is safe to show in a terminal: no escape sequences, no control characters.

Model output and typed fields can carry ESC sequences (clear screen, OSC 52 clipboard
writes, fake prompts) or bidi overrides; everything printed or shown passes through
``safe`` first. ``CONTROL_CHARS`` is the one definition of the characters afterview
never lets through: the domain rejects them in typed fields, the drafting cleanup and
``safe`` strip them.
"""

from __future__ import annotations

import re

CONTROL_CHARS = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
"""A regex character class: C0 and C1 controls except newline and tab (escape sequences
start with ESC, ``\\x1b``), bidi overrides and isolates (Trojan Source) and zero-width
characters."""

# ESC-introduced sequences (CSI, OSC, DCS, APC, PM, SOS and two-character escapes) go
# whole, payload included; then any control character left over.
_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])"
    f"|{CONTROL_CHARS}"
)


# Every escape sequence starts with a control character, so text without one is clean;
# looking for a single character class is several times faster than the alternation,
# which matters for the long lists ``due`` and ``list`` print in one write.
_ANY_CONTROL = re.compile(CONTROL_CHARS)


def safe(text: str) -> str:
    """``text`` with escape sequences and control characters removed (newlines and tabs kept)."""
    if _ANY_CONTROL.search(text) is None:
        return text
    return _ESCAPES.sub("", text)
