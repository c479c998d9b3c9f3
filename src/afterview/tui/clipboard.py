"""Copy text to the clipboard: the terminal's OSC 52, plus the session's own tools.

OSC 52 (``App.copy_to_clipboard``) reaches the clipboard of the computer in front of
the person, over SSH too, but not in macOS Terminal, not where the terminal has it
turned off, and not from inside tmux unless tmux lets applications set the clipboard;
and nothing tells us whether it worked. So the commands that fit the session run too:

- inside tmux (``$TMUX``), ``tmux load-buffer -w -``: the text goes to tmux's paste
  buffer (``prefix ]`` pastes it) and ``-w`` has tmux pass it on to the outer
  terminal's clipboard, which tmux may do even when it ignores applications' OSC 52;
- on the desktop, ``pbcopy`` on macOS, ``wl-copy`` under Wayland, ``xclip`` (or
  ``xsel``) under X11, including X forwarded over SSH.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

TOOL_TIMEOUT = 2.0
"""Seconds a clipboard command may take before we give up on it."""

TMUX_COMMAND = ["tmux", "load-buffer", "-w", "-"]
"""Inside tmux: the paste buffer, passed on to the outer terminal's clipboard (``-w``)."""

Runner = Callable[[list[str], str], Awaitable[str | None]]
"""Feeds text to a command; None on success, else a one-line reason."""


@dataclass(frozen=True, slots=True)
class CopyResult:
    """Which ways of copying were used, and why any failed.

    Attributes:
        terminal: the OSC 52 sequence was sent to the terminal.
        tools: the commands that took the text ("tmux", "xclip"...), in order.
        errors: one line per command that failed ("tmux failed: no server running ...").
    """

    terminal: bool
    tools: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    def describe(self, what: str) -> str:
        """Which way ``what`` ("the note") went, and why a way failed, for the notification.

        Only OSC 52, whose arrival nobody can confirm, also says what to do if pasting
        gives nothing.
        """
        if self.tools:
            text = f"Copied {what} via {' and '.join([*self.tools, 'the terminal (OSC 52)'])}."
        else:
            text = f"Sent {what} to the terminal's clipboard (OSC 52)."
        text += "".join(f" {error}." for error in self.errors)
        if not self.tools:
            text += " If pasting gives nothing, your terminal does not accept OSC 52: export it instead (e)."
        return text


def clipboard_commands(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> list[list[str]]:
    """The commands that take copied text besides OSC 52 in this session (maybe none)."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    commands: list[list[str]] = []
    if env.get("TMUX") and which("tmux"):
        commands.append(TMUX_COMMAND)
    desktop: list[list[str]] = []
    if platform == "darwin":
        desktop.append(["pbcopy"])
    if env.get("WAYLAND_DISPLAY"):
        desktop.append(["wl-copy"])
    if env.get("DISPLAY"):
        desktop += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    commands += [command for command in desktop if which(command[0])][:1]
    return commands


async def run_tool(command: list[str], text: str) -> str | None:
    """Feed ``text`` to ``command``; None on success, else a one-line reason."""
    try:
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
    except OSError as exc:
        return f"{command[0]} failed: {exc.strerror or exc}"
    try:
        _, stderr = await asyncio.wait_for(process.communicate(text.encode("utf-8")), TOOL_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
        return f"{command[0]} timed out"
    if process.returncode == 0:
        return None
    said = stderr.decode("utf-8", "replace").strip().splitlines()
    return f"{command[0]} failed: {said[0] if said else f'exit status {process.returncode}'}"


async def copy_text(
    terminal_copy: Callable[[str], None],
    text: str,
    *,
    commands: Sequence[list[str]] = (),
    runner: Runner = run_tool,
) -> CopyResult:
    """Copy ``text`` through the terminal (OSC 52) and each of ``commands``.

    Args:
        terminal_copy: ``App.copy_to_clipboard`` (sends OSC 52).
        commands: from ``clipboard_commands()``; empty for the terminal only.
        runner: runs a command (tests may pass a fake).
    """
    terminal_copy(text)
    tools: list[str] = []
    errors: list[str] = []
    for command in commands:
        error = await runner(command, text)
        if error is None:
            tools.append(command[0])
        else:
            errors.append(error)
    return CopyResult(terminal=True, tools=tuple(tools), errors=tuple(errors))
