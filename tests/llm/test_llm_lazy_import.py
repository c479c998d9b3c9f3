"""The openai SDK (about 1 s to import) loads only when a draft is actually requested.

Each case runs in a fresh interpreter, so nothing imported by other tests counts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"

PROBE = """
import json, sys
{code}
print(json.dumps({{m: m in sys.modules for m in ("openai", "tenacity", "httpx2")}}))
"""


def loaded_after(code: str, tmp_path: Path, **env: str) -> dict[str, bool]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "AFTERVIEW_"))}
    environ.update({"AFTERVIEW_HOME": str(tmp_path), **env})
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(code=code)], capture_output=True, text=True, env=environ, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_building_the_llm_drafter_does_not_import_openai(tmp_path):
    code = (
        "import afterview.drafting.llm as llm\n"
        "from afterview.config import resolve_settings\n"
        "drafter = llm.llm_drafter(resolve_settings(base_url='http://127.0.0.1:9/v1'))\n"
        "assert drafter.engine == 'auto'"
    )
    assert loaded_after(code, tmp_path) == {"openai": False, "tenacity": False, "httpx2": False}


def test_a_draft_does_import_openai(tmp_path):
    """The probe can see the import: without this, the test above could pass vacuously."""
    code = (
        "import asyncio\n"
        "import afterview.drafting.llm as llm\n"
        "from afterview.config import resolve_settings\n"
        "from afterview.interview_file import load_interview\n"
        "from afterview.domain import NoteRequest\n"
        f"interview = load_interview({str(DATA / 'northwind.toml')!r})\n"
        "request = NoteRequest(interview=interview, note_type='thank_you', recipient='Jordan Lee', signature='Sam')\n"
        "drafter = llm.llm_drafter(resolve_settings(base_url='http://127.0.0.1:9/v1', model='m'))\n"
        "drafter.max_attempts = 1\n"
        "try:\n"
        "    asyncio.run(drafter.draft(request, 1))\n"
        "except llm.DrafterUnavailable:\n"
        "    pass"
    )
    assert loaded_after(code, tmp_path)["openai"] is True


@pytest.mark.parametrize(
    "argv",
    [
        ["due", "--from", str(DATA / "northwind.toml"), "--today", "2026-11-25"],
        ["check", str(DATA / "northwind.toml"), "--from", str(DATA / "northwind.toml"), "--to", "Jordan Lee"],
        ["draft", "--offline", "--from", str(DATA / "northwind.toml"), "--type", "thank_you"],
    ],
    ids=["due", "check", "draft-offline"],
)
def test_offline_commands_never_import_openai(tmp_path, argv):
    code = f"from afterview.cli import main\nmain({argv!r})"
    # A configured server must not matter: these commands never talk to it.
    loaded = loaded_after(code, tmp_path, OPENAI_BASE_URL="http://127.0.0.1:9/v1", OPENAI_API_KEY="sk-unused")
    assert loaded["openai"] is False
