"""Editing a draft in the person's own editor: ``$VISUAL``, else ``$EDITOR``.

The app hands the terminal over with ``App.suspend()`` (which headless runs and some
terminals cannot do), writes the body to a private temporary file, runs the editor on
it and reads it back. Tests inject a runner instead of starting an editor.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

EditorRunner = Callable[[list[str], str], str]
"""``runner(command, text) -> edited text``; raises ``EditorFailed`` to keep the draft."""


class EditorFailed(Exception):
    """The editor could not run or did not exit cleanly; the message is one line."""


def editor_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """``$VISUAL``, else ``$EDITOR``, split as a shell would ("code --wait"); None if neither."""
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            return shlex.split(value)
    return None


def run_editor(command: list[str], text: str) -> str:
    """Open ``text`` in ``command`` (on a temporary ``.txt`` file) and return what was saved.

    Raises:
        EditorFailed: the editor is missing or exited with an error.
    """
    fd, name = tempfile.mkstemp(prefix="afterview-note-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            result = subprocess.run([*command, str(path)], check=False)
        except OSError as exc:
            raise EditorFailed(f"{command[0]}: {exc.strerror or exc}") from None
        if result.returncode != 0:
            raise EditorFailed(f"{command[0]} exited with {result.returncode}")
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)
