"""Whole-process start-up of the light CLI commands, and what they import.

Budgets (issue "afterview core"): ``afterview check note.txt`` median <= 0.25 s, with
``--from`` <= 0.35 s; ``check``, ``due`` and ``draft --offline`` never import openai or
textual (``-X importtime`` shows it).

Run: ``.venv/bin/python benchmarks/bench_cli.py [--runs 15]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTERVIEW = ROOT / "tests" / "data" / "northwind.toml"
NOTE = """Subject: Thank you for the Data Analyst interview

Dear Jordan,

Thank you for taking the time to talk with me yesterday about the Data Analyst role at
Northwind Analytics. I especially enjoyed your story about rebuilding the churn dashboard:
it showed me how closely the analytics team works with product, and how much care goes
into making numbers people can act on.

Our conversation made me even more excited about the role. The mix of hands-on analysis
and close work with the customer teams is exactly what I have been looking for, and I
would love to bring my experience with retention models to the team.

Thank you again for your time. I look forward to hearing from you.

Best regards,
Sam Rivera
"""

COMMANDS = {
    "check note.txt": ["check", "{note}"],
    "check --from": ["check", "--from", str(INTERVIEW), "{note}"],
    "due --from": ["due", "--from", str(INTERVIEW), "--today", "2026-11-25"],
    "draft --offline (thank-you)": ["draft", "--from", str(INTERVIEW), "--type", "thank_you", "--offline"],
    "--version": ["--version"],
}


def run(argv: list[str], env: dict[str, str], extra: list[str] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *extra, "-m", "afterview", *argv], env=env, capture_output=True, text=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        note = Path(home) / "note.txt"
        note.write_text(NOTE)
        env = {**os.environ, "AFTERVIEW_HOME": home}
        env.pop("OPENAI_API_KEY", None)
        env.pop("OPENAI_BASE_URL", None)
        print(f"{'command':<30}{'median':>9}{'min':>9}{'max':>9}   heavy modules imported")
        for label, template in COMMANDS.items():
            argv = [a.replace("{note}", str(note)) for a in template]
            probe = run(argv, env, ["-X", "importtime"])
            if probe.returncode not in (0, 1):
                raise SystemExit(f"{label}: exit {probe.returncode}: {probe.stderr.strip()[-300:]}")
            imported = {line.split("|")[-1].strip().split(".")[0] for line in probe.stderr.splitlines() if "|" in line}
            heavy = sorted(imported & {"openai", "textual", "pydantic", "httpx2", "tenacity"})
            times = []
            run(argv, env)  # warm the page cache and .pyc files
            for _ in range(options.runs):
                started = time.perf_counter()
                run(argv, env)
                times.append(time.perf_counter() - started)
            print(
                f"{label:<30}{statistics.median(times) * 1000:>7.0f}ms{min(times) * 1000:>7.0f}ms"
                f"{max(times) * 1000:>7.0f}ms   {', '.join(heavy) or '-'}"
            )
        started = time.perf_counter()
        for _ in range(options.runs):
            subprocess.run([sys.executable, "-c", "pass"], capture_output=True)
        print(f"{'(python -c pass)':<30}{(time.perf_counter() - started) / options.runs * 1000:>7.0f}ms")


if __name__ == "__main__":
    main()
