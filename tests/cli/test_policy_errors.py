"""A malformed policy file is one line naming the file and key, exit 2, from any command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from afterview.resources import data_dir


@pytest.fixture
def broken_guardrails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "guardrails"
    shutil.copytree(data_dir("guardrails"), folder)
    text = (folder / "policy.toml").read_text()
    (folder / "policy.toml").write_text(text.replace("words = [35, 170]", 'words = ["sixty", 170]', 1))
    import afterview.services as services

    # The policy is cached per folder, so a copy in its own folder is loaded afresh.
    monkeypatch.setattr(services, "data_dir", lambda name: folder if name == "guardrails" else data_dir(name))
    return folder


@pytest.mark.parametrize("command", [["check", "{note}"], ["draft", "--from", "{interview}", "--type", "thank_you", "--offline"]])
def test_malformed_policy_names_file_and_key(cli, tmp_path, data, broken_guardrails, command):
    note = tmp_path / "note.txt"
    note.write_text("Dear Jordan,\n\nThank you.\n\nBest,\nSam\n")
    argv = [a.replace("{note}", str(note)).replace("{interview}", str(data / "northwind.toml")) for a in command]
    result = cli(*argv)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err
    assert "policy.toml" in lines[0]
    assert "types.thank_you.words" in lines[0]
