"""The provider afterview drafts with when the user names none: OpenAI's API and model.

``afterview.config`` holds what the user chose (``Settings.model``, ``Settings.base_url``,
None when nothing was chosen); the provider's defaults live here, with the one rule that
turns those choices into the server and model a draft uses. Stdlib only and cheap to
import: the privacy notice and the TUI's title read it without loading the drafter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from afterview.config import Settings

OPENAI_URL = "https://api.openai.com/v1"
"""The server when no base URL is set."""
DEFAULT_MODEL = "gpt-4.1-mini"
"""OpenAI's model when none is chosen (with a base URL, the server is asked instead)."""


def model_for(settings: Settings) -> str | None:
    """The model a draft asks for: the chosen one, else ``DEFAULT_MODEL``; None when a
    base URL is set and no model chosen (the server's ``/models`` is asked then)."""
    if settings.model is not None:
        return settings.model
    return None if settings.model_from_server else DEFAULT_MODEL


def model_label(settings: Settings) -> str:
    """The model as people should read it (before the server has been asked)."""
    return model_for(settings) or "the server's model"


def server_for(settings: Settings) -> str:
    """The server drafts go to (not redacted)."""
    return settings.base_url or OPENAI_URL
