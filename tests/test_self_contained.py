"""The project speaks of itself: no issue numbers, no paths outside the repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Spelled in pieces so this file does not match itself.
_OUTSIDE = re.compile("|".join([r"/work" + "/", r"\.\./" + "shared", r"\bissues?" + r" #?\d+\b"]), re.I)


def test_no_file_points_outside_the_repository_or_at_an_issue() -> None:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:  # an sdist or a copy without git: walk the tree instead
        paths = [p for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts and ".git" not in p.parts]
    else:
        paths = [ROOT / name for name in listed.stdout.splitlines()]
    found = []
    for path in paths:
        if path.suffix not in {".py", ".md", ".toml", ".sh", ".tcss", ""} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if _OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not found, "\n".join(found)
