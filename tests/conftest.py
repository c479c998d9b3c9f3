"""Shared fixtures: every test runs with its own AFTERVIEW_HOME and no real credentials."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from database_copies import copy_database

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_finish(session: pytest.Session) -> None:
    """Spare the tests the cyclic collector's passes over what they all keep alive.

    Collection leaves every test module, the app's modules and Textual's loaded, none of it
    garbage: frozen, the collector never walks it again. Textual builds and drops tens of
    thousands of objects per screen, which at the default threshold (700 allocations)
    start a young-generation pass every few widgets; a larger threshold collects the same
    garbage in fewer passes. Only the runner's time changes, not what a test sees (the
    app's own pausing of the collector still pauses it).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)


_USER_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "AFTERVIEW_MODEL", "AFTERVIEW_TIMEOUT", "AFTERVIEW_DEADLINE", "NO_COLOR")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the machine running the tests out of them: own home, no keys, no user config."""
    home = tmp_path_factory.mktemp("afterview-home")
    monkeypatch.setenv("AFTERVIEW_HOME", str(home))
    for name in _USER_ENV:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the current schema, created and migrated once per session.

    Creating a database costs little CPU but several fsyncs (the new file, WAL mode, the
    migration's commit, the checkpoint on close): tens of milliseconds each time.
    ``copy_database`` gives a test its own copy instead.
    """
    from afterview.paths import app_paths
    from afterview.store import open_store

    paths = app_paths({"AFTERVIEW_HOME": str(tmp_path_factory.mktemp("migrated"))})
    open_store(paths).close()
    return paths.database


@pytest.fixture
def empty_database(migrated_database: Path, isolated_home: Path) -> Path:
    """The test home's database, empty and at the current schema (a copy, see above)."""
    from afterview.paths import app_paths

    return copy_database(migrated_database, app_paths().database)


@pytest.fixture
def data() -> Path:
    """The sample interview files in tests/data/."""
    return DATA


@dataclass
class Result:
    """What a CLI run printed and returned."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsysbinary: pytest.CaptureFixture[bytes]):
    """Run ``afterview`` in-process: ``cli("check", "note.txt")`` -> Result."""
    from afterview.cli import main

    def run(*argv: str) -> Result:
        code = main([str(a) for a in argv])
        captured = capsysbinary.readouterr()
        return Result(code, captured.out.decode("utf-8", "replace"), captured.err.decode("utf-8", "replace"))

    return run


@pytest.fixture
def cli_process(isolated_home: Path):
    """Run ``afterview`` as a real process (``python -m afterview``): for stdin, signals, imports."""

    def run(*argv: str, stdin: bytes | None = None, env: dict[str, str] | None = None, timeout: float = 60) -> Result:
        full_env = {**os.environ, "AFTERVIEW_HOME": str(isolated_home), **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "afterview", *map(str, argv)],
            input=stdin,
            capture_output=True,
            env=full_env,
            timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))

    return run
