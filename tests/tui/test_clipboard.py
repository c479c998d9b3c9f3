"""Copying: OSC 52 always, tmux's buffer inside tmux (checked on a private tmux server),
the desktop's tool where there is one, and a message that says which way it went."""

from __future__ import annotations

import subprocess

from afterview.tui.clipboard import TMUX_COMMAND, CopyResult, clipboard_commands, copy_text, run_tool


def everything(name: str) -> str:
    return f"/usr/bin/{name}"


def test_the_commands_follow_the_session() -> None:
    assert clipboard_commands({}, "darwin", everything) == [["pbcopy"]]
    assert clipboard_commands({"WAYLAND_DISPLAY": "wayland-0"}, "linux", everything) == [["wl-copy"]]
    assert clipboard_commands({"DISPLAY": ":0"}, "linux", everything)[0][0] == "xclip"
    only_xsel = lambda name: "/usr/bin/xsel" if name == "xsel" else None  # noqa: E731
    assert clipboard_commands({"DISPLAY": ":0"}, "linux", only_xsel)[0][0] == "xsel"
    # Over SSH without X forwarding: nothing local would reach the person's clipboard.
    assert clipboard_commands({"SSH_TTY": "/dev/pts/1"}, "linux", everything) == []
    # Inside tmux: its buffer first, then the desktop's tool as well.
    tmux = {"TMUX": "/tmp/tmux-0/default,123,0", "DISPLAY": ":0"}
    assert [c[0] for c in clipboard_commands(tmux, "linux", everything)] == ["tmux", "xclip"]
    assert clipboard_commands({"TMUX": "/tmp/tmux-0/default,123,0"}, "linux", lambda name: None) == []


async def test_every_command_gets_the_text_and_the_message_names_them() -> None:
    sent: list[str] = []
    ran: list[tuple[list[str], str]] = []

    async def runner(command: list[str], text: str) -> str | None:
        ran.append((command, text))
        return None

    result = await copy_text(sent.append, "Dear Jordan", commands=[TMUX_COMMAND, ["xclip"]], runner=runner)
    assert sent == ["Dear Jordan"] and ran == [(TMUX_COMMAND, "Dear Jordan"), (["xclip"], "Dear Jordan")]
    assert result == CopyResult(terminal=True, tools=("tmux", "xclip"))
    assert result.describe("the note") == "Copied the note via tmux and xclip and the terminal (OSC 52)."


async def test_a_failing_command_is_reported_with_its_reason() -> None:
    async def runner(command: list[str], text: str) -> str | None:
        return "tmux failed: no server running on /tmp/tmux-0/default"

    result = await copy_text(lambda text: None, "x", commands=[TMUX_COMMAND], runner=runner)
    assert result.tools == () and result.errors == ("tmux failed: no server running on /tmp/tmux-0/default",)
    message = result.describe("the note")
    assert message.startswith("Sent the note to the terminal's clipboard (OSC 52). tmux failed: no server running")
    assert "If pasting gives nothing, your terminal does not accept OSC 52: export it instead (e)." in message


async def test_only_the_terminal_says_what_to_do_if_pasting_fails() -> None:
    result = await copy_text(lambda text: None, "x")
    assert result == CopyResult(terminal=True)
    assert "If pasting gives nothing" in result.describe("the subject")


async def test_run_tool_reports_a_missing_program_and_a_failure() -> None:
    assert (await run_tool(["afterview-no-such-program"], "x")).startswith("afterview-no-such-program failed: ")
    assert await run_tool(["sh", "-c", "cat >/dev/null"], "x") is None
    assert await run_tool(["sh", "-c", "echo nope >&2; exit 3"], "x") == "sh failed: nope"
    assert await run_tool(["sh", "-c", "exit 4"], "x") == "sh failed: exit status 4"


async def test_inside_tmux_the_text_lands_in_its_paste_buffer(tmux_server: str) -> None:
    commands = clipboard_commands()
    assert commands[0] == TMUX_COMMAND
    note = "Dear Jordan,\n\nThank you for the chat about the [b]churn[/b] dashboard.\n"
    result = await copy_text(lambda text: None, note, commands=commands[:1])
    assert result.tools == ("tmux",) and result.errors == ()
    buffer = subprocess.run(["tmux", "-L", tmux_server, "show-buffer"], check=True, capture_output=True, text=True).stdout
    assert buffer == note


async def test_a_dead_tmux_server_is_named_in_the_message(tmux_server: str) -> None:
    subprocess.run(["tmux", "-L", tmux_server, "kill-server"], check=True)
    result = await copy_text(lambda text: None, "x", commands=[TMUX_COMMAND])
    assert result.tools == ()
    assert result.errors and result.errors[0].startswith("tmux failed: ")
    assert result.errors[0] in result.describe("the note")
