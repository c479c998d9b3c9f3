"""How afterview tells whether two names are the same person's.

Names match ignoring case and runs of spaces: "Jordan  Lee" and "jordan lee" are one
interviewer. Stdlib-only and tiny, so the store's light rows, the export and the TUI can
all use it without importing pydantic. (``afterview.timing`` keeps its own copy: it
imports nothing else of afterview.)
"""

from __future__ import annotations

__all__ = ["name_key"]


def name_key(name: str) -> str:
    """The form names are compared in: case-folded, runs of whitespace collapsed to one space."""
    return " ".join(name.split()).casefold()
