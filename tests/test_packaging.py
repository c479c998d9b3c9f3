"""The data folders are found from a checkout and from an installed wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_checkout_finds_the_repo_root_folders():
    from afterview.resources import data_dir

    assert data_dir("guardrails") == ROOT / "guardrails"
    assert data_dir("prompts") == ROOT / "prompts"
    assert (data_dir("evals/scenarios") / "01_thank_you_basic.toml").is_file()
    assert not (ROOT / "guardrails" / "__init__.py").exists(), "guardrails/ must never be an importable package"


def test_wheel_ships_the_data_and_finds_it(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("afterview-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    for expected in (
        "afterview/_data/guardrails/policy.toml",
        "afterview/_data/prompts/system.toml",
        "afterview/_data/prompts/offline/thank_you.toml",
        "afterview/_data/evals/scenarios/01_thank_you_basic.toml",
    ):
        assert expected in names
    assert not any(name.startswith("guardrails/") for name in names)

    # Import the unpacked wheel (not the checkout) and run the offline path end to end.
    probe = (
        "import afterview.resources as r, pathlib, sys;"
        "assert '_data' in str(r.data_dir('guardrails')), r.data_dir('guardrails');"
        "from afterview.cli import main;"
        "sys.exit(main(['draft', '--from', sys.argv[1], '--type', 'thank_you', '--offline']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(ROOT / "tests" / "data" / "northwind.toml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path / "site"), "AFTERVIEW_HOME": str(tmp_path / "home")},
    )
    assert result.returncode == 0, result.stderr
    assert "Subject:" in result.stdout and "Jordan" in result.stdout
