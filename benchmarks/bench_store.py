"""Store benchmarks: ``afterview due`` and ``afterview list`` over a long job search.

    python benchmarks/bench_store.py [--runs 11] [--keep DIR]

Wall time is what the user waits; CPU time (user + system of the child) is printed
beside it because wall time swings with whatever else the machine is running.

Generates (with ``make_store_data.py``) 10,000 interviews and 30,000 drafts twice: the
realistic mix, and the worst case for ``due`` (everything awaiting, nothing sent). Then
it measures, as medians:

- whole process ``afterview due --today D`` and ``afterview list`` (and their ``--json``),
  run as the installed console script with output to a pipe that is read and dropped;
- in-process ``usecases.due.due_everywhere`` and ``Store.list_interviews``;
- in-process ``Store.add_interview`` of one interview into the full database.

Targets: due and list whole-process <= 0.5 s; add one interview <= 50 ms.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_store_data import generate  # noqa: E402

from afterview.config import app_paths  # noqa: E402
from afterview.interview_file import parse_interview  # noqa: E402
from afterview.store import open_store  # noqa: E402
from afterview.usecases.due import due_everywhere

TODAY = date(2026, 11, 24)
INTERVIEW = """
company = "Benchmark Co"
role = "Data Analyst"
interview_date = 2026-11-24
[[interviewers]]
name = "Jordan Lee"
moment = "your story about rebuilding the churn dashboard"
[[interviewers]]
name = "Priya Shah"
"""


def _command() -> list[str]:
    script = Path(sys.executable).parent / "afterview"
    return [str(script)] if script.exists() else [sys.executable, "-m", "afterview"]


def _whole_process(argv: list[str], home: Path, runs: int) -> tuple[float, float, int]:
    """Median wall time and median CPU time (user + system) of the child, and its output lines."""
    env = {**os.environ, "AFTERVIEW_HOME": str(home)}
    walls, cpus, lines = [], [], 0
    subprocess.run([*_command(), *argv], env=env, capture_output=True, check=True)  # warm the page cache
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run([*_command(), *argv], env=env, capture_output=True, check=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        lines = result.stdout.count(b"\n")
    return statistics.median(walls), statistics.median(cpus), lines


def _in_process(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench(home: Path, label: str, runs: int) -> list[tuple[str, str, str]]:
    """Measure one generated data set; return (measure, figure, detail) rows."""
    rows = []
    today = TODAY.isoformat()
    for argv in (["due", "--today", today], ["due", "--today", today, "--json"], ["list"], ["list", "--json"]):
        wall, cpu, lines = _whole_process(argv, home, runs)
        rows.append((f"{label}: afterview {' '.join(argv)}", f"{wall * 1000:.0f} ms", f"CPU {cpu * 1000:.0f} ms, {lines} lines"))
    with open_store(app_paths({"AFTERVIEW_HOME": str(home)})) as store:
        due = _in_process(lambda: due_everywhere(store, TODAY), runs)
        rows.append((f"{label}: due_everywhere (in-process)", f"{due * 1000:.0f} ms", f"{len(due_everywhere(store, TODAY))} rows"))
        listing = _in_process(store.list_interviews, runs)
        rows.append((f"{label}: Store.list_interviews (in-process)", f"{listing * 1000:.0f} ms", ""))
        interview = parse_interview(INTERVIEW)
        add = _in_process(lambda: store.add_interview(interview), max(runs, 50))
        rows.append((f"{label}: Store.add_interview (in-process)", f"{add * 1000:.1f} ms", "one interview, committed"))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Generate the data sets, measure, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs per measure (median reported)")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder instead of a temporary one")
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--drafts", type=int, default=30_000)
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="afterview-bench-"))
    results = []
    try:
        for label, worst in (("realistic", False), ("worst case", True)):
            home = root / label.replace(" ", "-")
            if not (home / "afterview.db").exists():
                started = time.perf_counter()
                generate(home, args.interviews, args.drafts, TODAY, all_awaiting=worst, seed=1)
                print(f"generated {label} data in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            size = (home / "afterview.db").stat().st_size / 1e6
            results.append((f"{label}: database size", f"{size:.1f} MB", f"{args.interviews} interviews, {args.drafts} drafts"))
            results.extend(bench(home, label, args.runs))
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    width = max(len(name) for name, _, _ in results)
    print(f"{'measure':<{width}}  {'median':>9}  detail   ({os.cpu_count()} CPUs, {args.runs} runs)")
    for name, figure, detail in results:
        print(f"{name:<{width}}  {figure:>9}  {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
