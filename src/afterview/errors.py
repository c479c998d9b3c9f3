"""Errors meant for the person at the terminal.

Each carries a one-line message and the exit code the CLI should use, so the CLI
prints ``str(error)`` and exits without a traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_BLOCKED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class AfterviewError(Exception):
    """Base for every error afterview reports to the user as one line."""

    exit_code: int = EXIT_USAGE


class InputError(AfterviewError):
    """A file, field or argument the user gave is invalid (exit 2)."""


class PolicyError(AfterviewError):
    """A guardrail policy or prompt file is malformed (exit 2)."""


class ProfileMissing(AfterviewError):
    """No candidate name to sign the note with (exit 2)."""


class StoreError(AfterviewError):
    """The interview database cannot be opened, read or written (exit 2)."""
