"""Copy text to the clipboard: the terminal's OSC 52, plus a local tool when there is one.

OSC 52 (``App.copy_to_clipboard``) works over SSH and in most terminals, but not in
macOS Terminal or where the terminal has it turned off, and nothing tells us whether it
worked. So a local clipboard tool runs too when one fits the session: ``pbcopy`` on
macOS, ``wl-copy`` under Wayland, ``xclip`` (or ``xsel``) under X11.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

TOOL_TIMEOUT = 2.0
"""Seconds a clipboard tool may take before we give up on it."""


@dataclass(frozen=True, slots=True)
class CopyResult:
    """Which ways of copying were used.

    Attributes:
        terminal: the OSC 52 sequence was sent to the terminal.
        tool: the local tool that took the text, or None.
        tool_error: why the local tool failed, when one was tried.
    """

    terminal: bool
    tool: str | None = None
    tool_error: str | None = None

    def describe(self) -> str:
        """A few words for the notification: "via the terminal and xclip"."""
        ways = [w for w in ("the terminal" if self.terminal else None, self.tool) if w]
        return "via " + " and ".join(ways) if ways else "nowhere (no clipboard available)"


def clipboard_command(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> list[str] | None:
    """The local clipboard command for this session, or None when none fits."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    candidates: list[list[str]] = []
    if platform == "darwin":
        candidates.append(["pbcopy"])
    if env.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if env.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    return next((command for command in candidates if which(command[0])), None)


async def run_tool(command: list[str], text: str) -> str | None:
    """Feed ``text`` to ``command``; None on success, else a one-line reason."""
    try:
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
    except OSError as exc:
        return f"{command[0]} failed: {exc.strerror or exc}"
    try:
        await asyncio.wait_for(process.communicate(text.encode("utf-8")), TOOL_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
        return f"{command[0]} timed out"
    return None if process.returncode == 0 else f"{command[0]} exited with {process.returncode}"


async def copy_text(
    terminal_copy: Callable[[str], None],
    text: str,
    *,
    command: list[str] | None = None,
    runner: Callable[[list[str], str], object] = run_tool,
) -> CopyResult:
    """Copy ``text`` through the terminal and, when ``command`` is given, a local tool.

    Args:
        terminal_copy: ``App.copy_to_clipboard`` (sends OSC 52).
        command: from ``clipboard_command()``; None to use the terminal only.
        runner: runs the tool (tests pass a fake).
    """
    terminal_copy(text)
    if command is None:
        return CopyResult(terminal=True)
    error = await runner(command, text)  # type: ignore[misc]
    return CopyResult(terminal=True, tool=None if error else command[0], tool_error=error)
