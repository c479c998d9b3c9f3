"""How fast afterview's app shows its first frame, next to a minimal Textual app.

Each run is a whole new process (interpreter start and every import included), headless
with ``run_test()``, timed from spawn until the first screen is mounted; the child
reports and exits at once. The two apps run alternately, so machine noise hits both.

- ``minimal``: a bare Textual app with Header, Input and Footer.
- ``afterview``: ``make_app()`` exactly as ``afterview`` builds it, on a data folder with
  a profile and no interviews (``empty``) or 10,000 interviews (``10k``).

For afterview the child also waits until the dashboard shows its rows (or its empty
state) and reports that time too, and whether ``openai`` was imported by then.

Run: ``.venv/bin/python benchmarks/bench_tui_startup.py [--runs 15] [--count 10000]``.
Targets: first frame <= 1.2 x minimal; with 10,000 interviews the dashboard
within 0.2 s of the empty case.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

MINIMAL_CHILD = """
import os, sys
from textual.app import App
from textual.widgets import Footer, Header, Input

class Minimal(App):
    def compose(self):
        yield Header()
        yield Input()
        yield Footer()

async def main():
    async with Minimal().run_test() as pilot:
        sys.stdout.write("frame\\n"); sys.stdout.flush()
    os._exit(0)

import asyncio
asyncio.run(main())
"""

AFTERVIEW_CHILD = """
import asyncio, os, sys, time
from afterview.tui.app import make_app

async def main():
    app = make_app(clipboard_tool=None)
    async with app.run_test() as pilot:
        sys.stdout.write("frame\\n"); sys.stdout.flush()
        openai_at_frame = "openai" in sys.modules
        pydantic_at_frame = "pydantic" in sys.modules
        from afterview.tui.widgets.interview_list import InterviewList
        dashboard = app.screen_stack[0]
        shown = asyncio.Event()
        # Wait on a watcher, not a polling loop: polling would compete with the loader thread.
        dashboard.watch(dashboard, "rows_shown", lambda value: value and shown.set())
        await shown.wait()
        listing = dashboard.query_one(InterviewList)
        sys.stdout.write(f"rows {listing.total} {int(openai_at_frame)} {int(pydantic_at_frame)}\\n"); sys.stdout.flush()
        advised = asyncio.Event()
        dashboard.watch(dashboard, "advice_shown", lambda value: value and advised.set())
        await advised.wait()
        sys.stdout.write("advised\\n"); sys.stdout.flush()
    os._exit(0)

import asyncio
asyncio.run(main())
"""


def timed_child(code: str, env: dict[str, str]) -> dict[str, float | int]:
    """Spawn ``python -c code``; seconds from spawn to each line it prints."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    result: dict[str, float | int] = {}
    assert process.stdout is not None
    for line in process.stdout:
        now = time.perf_counter() - started
        word, *rest = line.split()
        result[word] = now
        if word == "rows":
            result["count"], result["openai"], result["pydantic"] = (int(x) for x in rest)
    process.wait()
    if "frame" not in result:
        raise RuntimeError(f"child exited with {process.returncode} before its first frame")
    return result


def make_home(count: int) -> Path:
    """A data folder with a profile and ``count`` stored interviews."""
    home = Path(tempfile.mkdtemp(prefix=f"av-bench-{count}-"))
    (home / "config.toml").write_text('[profile]\nname = "Sam Rivera"\n', encoding="utf-8")
    os.chmod(home / "config.toml", 0o600)
    os.environ["AFTERVIEW_HOME"] = str(home)
    from afterview.config import app_paths
    from afterview.domain import Interview, Interviewer
    from afterview.store import open_store

    store = open_store(app_paths())
    rng = random.Random(5)
    start = date(2026, 1, 5)
    statuses = ["awaiting"] * 6 + ["offered", "rejected", "withdrawn"]
    with store.batch():
        for i in range(count):
            day = start + timedelta(days=rng.randrange(330))
            status = rng.choice(statuses)
            people = [
                Interviewer(name=f"Person {i}-{k}", moment="the roadmap for the analytics platform", contact=k == 0)
                for k in range(rng.randint(1, 3))
            ]
            store.add_interview(
                Interview(
                    company=f"Company {i}",
                    role=rng.choice(["Data Analyst", "Platform Engineer", "Product Manager"]),
                    interview_date=day,
                    decision_date=day + timedelta(days=10) if rng.random() < 0.6 else None,
                    status=status,
                    status_date=day + timedelta(days=12) if status != "awaiting" else None,
                    interviewers=people,
                )
            )
    store.close()
    return home


def median_ms(values: list[float]) -> float:
    """Median in milliseconds."""
    return statistics.median(values) * 1000


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()

    homes = {"empty": make_home(0), "10k": make_home(args.count)}
    base_env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    for warm in range(2):  # fill the OS file cache and .pyc files before timing
        timed_child(MINIMAL_CHILD, base_env)
        timed_child(AFTERVIEW_CHILD, {**base_env, "AFTERVIEW_HOME": str(homes["empty"])})

    minimal: list[float] = []
    frames: dict[str, list[float]] = {name: [] for name in homes}
    rows: dict[str, list[float]] = {name: [] for name in homes}
    advised: dict[str, list[float]] = {name: [] for name in homes}
    flags: dict[str, tuple[int, int, int]] = {}
    for _ in range(args.runs):
        minimal.append(float(timed_child(MINIMAL_CHILD, base_env)["frame"]))
        for name, home in homes.items():
            result = timed_child(AFTERVIEW_CHILD, {**base_env, "AFTERVIEW_HOME": str(home)})
            frames[name].append(float(result["frame"]))
            rows[name].append(float(result["rows"]))
            advised[name].append(float(result["advised"]))
            flags[name] = (int(result["count"]), int(result["openai"]), int(result["pydantic"]))

    base = median_ms(minimal)
    print(f"runs per case: {args.runs} (median, whole process, headless run_test, 80x24)")
    print(f"minimal Textual app (Header, Input, Footer) first frame: {base:7.1f} ms")
    for name in homes:
        frame, shown, due = median_ms(frames[name]), median_ms(rows[name]), median_ms(advised[name])
        count, openai, pydantic = flags[name]
        print(
            f"afterview, {name:>5} ({count:>5} interviews): first frame {frame:7.1f} ms "
            f"({frame / base:.2f}x minimal), rows shown {shown:7.1f} ms, next notes shown {due:7.1f} ms; "
            f"at first frame openai imported: {'yes' if openai else 'no'}, pydantic: {'yes' if pydantic else 'no'}"
        )
    for label, series in (("first frame", frames), ("rows shown", rows), ("next notes shown", advised)):
        delta = median_ms(series["10k"]) - median_ms(series["empty"])
        print(f"10k vs empty, {label}: {delta:+.1f} ms")
    for home in homes.values():
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
