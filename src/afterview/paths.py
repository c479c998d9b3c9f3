"""Where afterview keeps its files. Stdlib only (platformdirs when needed), so commands
that only need a path, such as ``list`` and ``due``, stay cheap to start.

``AFTERVIEW_HOME`` moves every afterview path (config, data, database, cache) under one folder,
which is how the tests keep the user's real files out of them.
"""

from __future__ import annotations

import os
from pathlib import Path

from afterview.frozen import NamedTuple

APP_NAME = "afterview"


class Paths(NamedTuple):
    """Every file afterview reads or writes outside the current folder."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    """Files afterview can rebuild at any time (the compiled guardrail policy)."""

    @property
    def config_file(self) -> Path:
        """The user's ``config.toml``."""
        return self.config_dir / "config.toml"

    @property
    def database(self) -> Path:
        """The SQLite database of interviews, drafts and the sent log."""
        return self.data_dir / "afterview.db"


def app_paths(environ: dict[str, str] | None = None) -> Paths:
    """Resolve the folders: ``AFTERVIEW_HOME`` when set, else the platform's user dirs."""
    env = os.environ if environ is None else environ
    home = env.get("AFTERVIEW_HOME")
    if home:
        root = Path(home).expanduser()
        return Paths(config_dir=root, data_dir=root, cache_dir=root / "cache")
    import platformdirs  # only when no AFTERVIEW_HOME: keeps tests and scripts cheap

    return Paths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )


def export_folder() -> Path:
    """Where the app offers to save an export: Documents, else Downloads, else home.

    Never the current folder: the app may have been started anywhere (a project
    checkout, ``/``), and a note saved there is a note lost.
    """
    import platformdirs

    for folder in (platformdirs.user_documents_dir(), platformdirs.user_downloads_dir()):
        if Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def invite_folder() -> Path:
    """Where the app first looks for a calendar invite: Downloads (where mail and
    browsers save an attachment), else Documents, else home."""
    import platformdirs

    for folder in (platformdirs.user_downloads_dir(), platformdirs.user_documents_dir()):
        if Path(folder).is_dir():
            return Path(folder)
    return Path.home()
