"""Fixtures for the app's Pilot and snapshot tests: a fixed day, a real store in the
test's own AFTERVIEW_HOME, a profile, a scripted drafter behind a real Writer, and a
private tmux server for the copy tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from tui_fakes import NOW, TODAY, make_writer
from afterview.frozen import replace

SCRIPTED_URL = "http://127.0.0.1:9/v1"
"""Where the scripted drafter "lives": online settings need a server to name."""


@pytest.fixture
def home(isolated_home: Path) -> Path:
    """The test's AFTERVIEW_HOME with a profile, so the first-run screen stays away."""
    (isolated_home / "config.toml").write_text(
        '[profile]\nname = "Sam Rivera"\nemail = "sam@example.com"\n', encoding="utf-8"
    )
    return isolated_home


@pytest.fixture
def settings(home: Path):
    """Resolved settings for the test home (offline: no key in the environment)."""
    from afterview.config import resolve_settings

    return resolve_settings()


@pytest.fixture
def store(settings, empty_database: Path):
    """A real store in the test home."""
    from afterview.store import open_store

    store = open_store(settings.paths, now=lambda: NOW)
    yield store
    store.close()


@pytest.fixture
def app_factory(settings, store) -> Callable[..., object]:
    """``app_factory(drafter=None)`` -> the app, built by ``make_app`` with test collaborators.

    With a drafter the settings are online (as they would be with a model configured),
    so the header, the engine and the privacy notice agree with the drafts.
    """
    from afterview.tui.app import make_app

    def build(drafter: object | None = None, *, writer: object | None = None):
        chosen = settings
        if drafter is not None:
            chosen = replace(
                settings, offline=False, offline_reason=None, base_url=SCRIPTED_URL, model="scripted-model", model_source="environment"
            )
        return make_app(
            writer=writer or make_writer(drafter),
            store=store,
            clock=lambda: TODAY,
            settings=chosen,
            clipboard_commands=[],
        )

    return build


@pytest.fixture
def tmux_server(monkeypatch: pytest.MonkeyPatch):
    """A private tmux server (its own -L socket), with $TMUX pointing at it as inside a session."""
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed: .ci/run installs it for this test")
    name = f"afterview-test-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k != "TMUX"}
    subprocess.run(["tmux", "-L", name, "-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24"], check=True, env=env)
    try:
        socket = subprocess.run(
            ["tmux", "-L", name, "display-message", "-p", "#{socket_path},#{pid},0"],
            check=True, capture_output=True, text=True, env=env,
        ).stdout.strip()  # fmt: skip
        monkeypatch.setenv("TMUX", socket)
        yield name
    finally:
        subprocess.run(["tmux", "-L", name, "kill-server"], check=False, env=env, capture_output=True)


@pytest.fixture
def machine_zone():
    """``machine_zone("America/New_York")`` makes that the machine's time zone (``TZ``) for the test."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
