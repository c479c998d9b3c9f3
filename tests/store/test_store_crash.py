"""kill -9 at any moment: the database stays intact and holds every committed change."""

from __future__ import annotations

from afterview.frozen import replace

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from afterview.paths import app_paths
from afterview.store import open_store

ITERATIONS = 24

# Writes in a loop and reports each change on stdout once the call that made it returned.
_WRITER = textwrap.dedent(
    """
    import sys
    from afterview.frozen import replace
    from datetime import date
    from afterview.checks.types import Finding, Report
    from afterview.paths import app_paths
    from afterview.domain import Draft, Interview
    from afterview.store import open_store

    run = sys.argv[1]
    store = open_store(app_paths(), busy_timeout=20)
    report = Report("thank_you", (Finding("brevity", "warn", "Shorter, please."),))
    n = 0
    while True:
        n += 1
        interview = Interview.from_data({
            "company": f"Run {run} Co {n}", "role": "Analyst", "interview_date": date(2026, 11, 24),
            "interviewers": [{"name": "Jordan Lee", "moment": "the dashboard story"}, {"name": "Priya Shah"}],
        })
        interview_id = store.add_interview(interview)
        print("interview", interview_id, interview.company, flush=True)
        body = f"Dear Jordan, thank you ({run}/{n}). " + "More words here. " * (n % 40)
        draft = store.save_draft(interview_id, Draft(
            subject="Thank you", body=body, note_type="thank_you", recipient="Jordan Lee",
            tone="warm", engine="template", report=report))
        print("draft", draft.id, flush=True)
        store.mark_sent(interview_id, "thank_you", "Jordan Lee", date(2026, 11, 24), draft.id)
        print("sent", interview_id, flush=True)
        store.update_draft_body(draft.id, body + " Edited.", report)
        print("edited", draft.id, flush=True)
        interview = replace(interview, role=f"Senior Analyst {n}")
        store.update_interview(interview_id, interview)
        print("role", interview_id, interview.role, flush=True)
    """
)


def _check(path: Path, committed: dict[str, dict]) -> None:
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    companies = dict(conn.execute("SELECT id, company FROM interviews"))
    roles = dict(conn.execute("SELECT id, role FROM interviews"))
    bodies = dict(conn.execute("SELECT id, body FROM drafts"))
    sent = {owner for (owner,) in conn.execute("SELECT interview_id FROM sent_log")}
    conn.close()
    for interview_id, company in committed["interview"].items():
        assert companies.get(interview_id) == company
    for draft_id in committed["draft"]:
        assert draft_id in bodies
    for draft_id in committed["edited"]:
        assert bodies[draft_id].endswith(" Edited.")
    assert committed["sent"] <= sent
    for interview_id, role in committed["role"].items():
        assert roles[interview_id] == role


def test_kill_9_during_writes_never_loses_a_committed_change(home: Path, tmp_path: Path):
    script = tmp_path / "writer.py"
    script.write_text(_WRITER)
    env = {**os.environ, "AFTERVIEW_HOME": str(home)}
    path = app_paths().database
    chance = random.Random(20261124)
    committed: dict[str, dict] = {"interview": {}, "draft": set(), "edited": set(), "sent": set(), "role": {}}
    kills_mid_loop = 0
    for run in range(ITERATIONS):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(run)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        first = proc.stdout.readline()  # the writer is in its loop
        assert first, proc.stderr.read().decode()
        time.sleep(chance.uniform(0.0, 0.15))
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        lines = (first + rest).decode().split("\n")
        complete = lines[:-1]  # the last piece may be cut mid-line by the kill
        kills_mid_loop += bool(lines[-1]) or len(complete) % 5 != 0
        for line in complete:
            kind, key, *value = line.split(" ", 2)
            if kind in ("interview", "role"):
                committed[kind][int(key)] = value[0]
            else:
                committed[kind].add(int(key))
        _check(path, committed)

    assert len(committed["interview"]) >= ITERATIONS  # every run committed at least once
    assert kills_mid_loop > 0  # some kills landed between the writes of one loop
    # And afterview itself opens the recovered database and reads everything back.
    with open_store(app_paths()) as store:
        assert len(store.list_interviews()) >= len(committed["interview"])
        some = max(committed["interview"])
        assert store.interview(some).company == committed["interview"][some]
