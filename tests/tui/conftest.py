"""Fixtures for the app's Pilot and snapshot tests: a fixed day, a real store in the
test's own AFTERVIEW_HOME, a profile, and a scripted drafter behind a real Writer."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from tui_fakes import NOW, TODAY, make_writer

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
def store(settings):
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
            chosen = dataclasses.replace(
                settings, offline=False, offline_reason=None, base_url=SCRIPTED_URL, model="scripted-model", model_source="environment"
            )
        return make_app(
            writer=writer or make_writer(drafter),
            store=store,
            clock=lambda: TODAY,
            settings=chosen,
            clipboard_tool=None,
        )

    return build
