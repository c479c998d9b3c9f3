"""The newcomer's journey, run for real: the installed app in a private tmux server at
80x24, from a calendar invite to a copied, checked thank-you for each interviewer.

Nothing is injected: ``python -m afterview`` starts in a fresh AFTERVIEW_HOME with a
profile and no API key (offline templates), and the keys arrive through ``tmux
send-keys`` one at a time, as a person types them. Every wait polls the screen
(``capture-pane``) for what should appear next; copying inside tmux puts the note in
tmux's paste buffer, which is read back and checked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import invite_samples as samples
import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")

WAIT = 30.0
"""Seconds a step may take on a busy machine before the test gives up."""
POLL = 0.05

# Name on the invite -> the moment typed for them, and the words their note must hold.
MOMENTS = {
    "Jordan Lee": ("your story about rebuilding the churn dashboard", ("churn dashboard",)),
    "Priya Natarajan": ("how the team chose its forecasting model", ("forecasting model",)),
    "Marcus Okafor": ("the question about cleaning messy vendor data", ("messy vendor data",)),
}
VERDICT = re.compile(r"\d+ words \(\d+-\d+\) · offline template · (?:✔ passes every check|.*)")
"""The studio's status line: the word count, where the draft came from, the checks' verdict."""
INVITE_ORDER = ["Jordan Lee", "Priya Natarajan", "Marcus Okafor"]
"""The organizer, then the attendees, as the form lists them."""


class Terminal:
    """One tmux server of the test's own (``-L``), one 80x24 window running the app."""

    def __init__(self, env: dict[str, str]) -> None:
        self.name = f"afterview-journey-{uuid.uuid4().hex[:8]}"
        self.env = env

    def tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-L", self.name, *args], env=self.env, capture_output=True, text=True, check=False)
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def start(self, command: str) -> None:
        self.tmux("-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", command)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def press(self, *keys: str) -> None:
        """Named keys (``Enter``, ``C-o``, ``Down``), one ``send-keys`` each."""
        for key in keys:
            self.tmux("send-keys", key)

    def type(self, text: str) -> None:
        """Literal text, one character per ``send-keys``, as typed."""
        for character in text:
            self.tmux("send-keys", "-l", character)

    def wait_for(self, what: str | Callable[[str], bool], *, timeout: float = WAIT) -> str:
        """Poll the screen until ``what`` is on it (or holds); fail at once on a traceback."""
        test = (lambda screen: what in screen) if isinstance(what, str) else what
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            assert "Traceback" not in screen, screen
            if test(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout:.0f} s for {what!r}; the screen shows:\n{screen}")
            time.sleep(POLL)

    def buffers(self) -> list[str]:
        return self.tmux("list-buffers", "-F", "#{buffer_name}", check=False).split()

    def close(self) -> None:
        self.tmux("kill-server", check=False)


@pytest.fixture
def person(tmp_path: Path) -> dict[str, Path]:
    """A home folder with the invite in Downloads, and afterview's own folder with a profile."""
    home, afterview_home = tmp_path / "home", tmp_path / "afterview"
    (home / "Downloads").mkdir(parents=True)
    afterview_home.mkdir()
    (afterview_home / "config.toml").write_text('[profile]\nname = "Sam Rivera"\nemail = "sam@example.com"\n', encoding="utf-8")
    # An hour ago, in the machine's zone: the thank-yous are due now.
    start = datetime.now().astimezone() - timedelta(hours=1)
    organizer = samples.address("jordan.lee@northwind-analytics.com", "Jordan Lee")
    attendees = [
        samples.address("priya@northwind-analytics.com", "Priya Natarajan", ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION"),
        samples.address("marcus@northwind-analytics.com", "Okafor, Marcus", ROLE="REQ-PARTICIPANT"),
        samples.address(samples.CANDIDATE, "Sam Rivera", ROLE="REQ-PARTICIPANT"),
        samples.address("room-4b@northwind-analytics.com", "Room 4B", CUTYPE="ROOM"),
    ]
    item = samples.event("Northwind Analytics - Senior Data Analyst interview", start, "journey-1@google.com",
                         organizer=organizer, attendees=attendees)  # fmt: skip
    (home / "Downloads" / "interview.ics").write_bytes(samples.calendar(item))
    return {"home": home, "afterview": afterview_home}


@pytest.fixture
def terminal(person: dict[str, Path]):
    """The app running in its tmux window; the server is killed afterwards."""
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "OPENAI_API_KEY", "OPENAI_BASE_URL", "AFTERVIEW_MODEL", "NO_COLOR")}
    env |= {"HOME": str(person["home"]), "AFTERVIEW_HOME": str(person["afterview"]), "TERM": "xterm-256color"}
    env.pop("XDG_CONFIG_HOME", None)
    terminal = Terminal(env)
    terminal.start(f"{sys.executable} -m afterview; echo afterview exited $?; sleep 600")
    try:
        yield terminal
    finally:
        terminal.close()


def note_rows(screen: str) -> list[tuple[str, str]]:
    """The "Which note?" dialog's options as ``(note, recipient)``, in order."""
    states = r"(?:LATE|due|upcoming|stop|n/a)"
    return [(m["note"], m["who"]) for m in re.finditer(rf"▊ {states}\s+(?P<note>[\w-]+) to (?P<who>.+?)  \(", screen)]


def test_from_an_invite_to_a_checked_thank_you_for_each_interviewer(terminal: Terminal) -> None:
    terminal.wait_for("No interviews yet")
    terminal.press("a")
    terminal.wait_for("Import a calendar invite (ctrl+o)")
    terminal.press("C-o")
    terminal.wait_for("Newest in ~/Downloads")
    terminal.type("interview.ics")  # after the offered ~/Downloads/
    terminal.press("Enter")
    screen = terminal.wait_for(lambda s: "Guessed from the title" in s and "interviewers added" in s)
    flat = " ".join(re.sub("[▁▂▃▄▅▆▇█]", " ", screen).split())  # the lines as read, without the scrollbar
    assert "3 interviewers added. Left out: Sam Rivera (you), Room 4B (a room)." in flat
    assert "— new interview" in screen  # nothing saved before the guesses are confirmed

    # Enter keeps the guessed company and role, then walks the date fields to the first name.
    terminal.press("Enter", "Enter", "Enter", "Enter", "Enter")
    for name in INVITE_ORDER:
        terminal.wait_for(lambda s, name=name: f"Name            {name}" in s)
        terminal.press("Enter", "Enter", "Enter", "Enter")  # title, email, address as: left as they are
        moment, _ = MOMENTS[name]
        terminal.type(moment)
        terminal.wait_for(f"Moment          {moment}")
        terminal.press("Enter")
    terminal.press("C-s")
    terminal.wait_for(lambda s: re.search(r"Saved \d\d:\d\d:\d\d\.", s) is not None)

    terminal.press("C-d")
    screen = terminal.wait_for("· tone warm · variant 1/3")
    copied: dict[str, str] = {}
    for _ in INVITE_ORDER:
        current = re.search(r"thank-you to (.+?) · tone", screen)
        assert current, screen
        terminal.press("o")
        # Wait for the whole list, not only its title: a busy machine draws it a frame later.
        thank_yous = len(INVITE_ORDER)
        rows = note_rows(
            terminal.wait_for(lambda s: "Which note?" in s and sum(n == "thank-you" for n, _ in note_rows(s)) == thank_yous)
        )
        todo = next(who for note, who in rows if note == "thank-you" and who not in copied)
        moves = rows.index(("thank-you", todo)) - rows.index(("thank-you", current[1]))
        terminal.press(*(["Down"] * moves if moves > 0 else ["Up"] * -moves), "Enter")
        screen = terminal.wait_for(f"thank-you to {todo} · tone")
        screen = terminal.wait_for(lambda s: VERDICT.search(s) is not None)
        assert "block" not in VERDICT.search(screen)[0], screen  # checked, and nothing blocks it
        before = len(terminal.buffers())
        terminal.press("c")
        deadline = time.monotonic() + WAIT
        while len(terminal.buffers()) == before:
            assert time.monotonic() < deadline, terminal.screen()
            time.sleep(POLL)
        screen = terminal.wait_for("Copied the note via tmux")
        assert "Copied, with a problem" not in screen
        copied[todo] = terminal.tmux("show-buffer")

    assert set(copied) == set(INVITE_ORDER)
    for name, note in copied.items():
        first = name.split()[0]
        assert note.startswith(f"Dear {first},"), note
        _, words = MOMENTS[name]
        assert all(word in note for word in words), (name, note)
        others = [w for other, (_, ws) in MOMENTS.items() if other != name for w in ws]
        assert not any(word in note for word in others), (name, note)  # each note its own moment
        assert note.rstrip().endswith("Sam Rivera"), note

    terminal.press("Escape")
    terminal.wait_for("d Draft next")  # the dashboard's footer
    terminal.press("q")
    terminal.wait_for("afterview exited 0")
