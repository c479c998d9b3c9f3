"""How soon afterview's app is usable, next to a bare Textual app's first frame.

Every run is a whole new process (interpreter start and every import included), headless
under ``run_test()`` at 80x24. The parent times each child from spawn to each line the
child prints, and to the child's exit; the child's CPU time (user + system, every
thread) comes from ``os.wait4``. The cases run alternately, round after round, so machine
noise hits them all alike; the figures are medians.

- ``bare``: the floor. A Textual app whose screen holds a ``Header``, an ``Input`` and a
  ``Footer`` (the widgets afterview's first screen uses, minus its own), no CSS file, no
  bindings of its own, no workers. Two moments: its first frame (``run_test()`` hands
  over the pilot: the screen is mounted and drawn, the footer still empty, as Textual
  fills it a refresh later) and its keys drawn (the footer shows ``^p palette``).
- ``afterview``: ``make_app()`` exactly as the ``afterview`` command builds it, on three
  data folders: ``empty`` (nothing in it: no config file, no database; usable when the
  first-run screen is shown), ``no-rows`` (a profile, no interviews: the empty
  dashboard) and ``10k`` (a profile and 10,000 interviews with 30,000 drafts from
  ``make_store_data.py``: the dashboard with its rows). Usable means the loader has
  finished (settings read, store open, no start-up worker still running) and that
  screen is shown: for ``10k`` the dashboard's first listing, which in trees that list
  the newest page first is that page (the "shown" column says rows listed/stored); the
  "next note" column may still be filling in.

Quitting: right after it is usable each child leaves ``run_test()`` (the app shuts down
as on ``q``) and returns normally, so the exit time includes waiting for any thread
still at work (an import, the advisor's pass). Two more cases: ``10k-listed`` waits
until every one of the 10,000 rows is listed, ``10k-advised`` (this tree only) until
the note column is filled too.

Run: ``.venv/bin/python benchmarks/bench_tui_startup.py [--runs 15] [--interviews 10000]
[--reference TREE]``; with ``--reference`` the afterview cases also run on another
commit's worktree (``ref ...`` rows: its ``src/`` first on the path, its own data folders,
as each tree reads its own schema), alternating with the rest. The empty data folder is
emptied before every run.
Budget: usable <= 1.3 x the bare app's first frame, in every case; the ratio to its
keys drawn is printed too (afterview's footer is drawn with its first frame). On a
shared machine read the CPU columns: wall times there are mostly waiting for a core.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_CHILD = """
import asyncio, sys, time
from textual.app import App
from textual.widgets import Footer, Header, Input
from textual.widgets._footer import FooterKey

class Bare(App):
    def compose(self):
        yield Header()
        yield Input()
        yield Footer()

async def main():
    app = Bare()
    keys = asyncio.Event()
    # Textual composes the footer's keys a refresh after the first frame.
    hook = lambda message: keys.is_set() or (app.screen_stack and app.screen.query(FooterKey) and keys.set())
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        sys.stdout.write(f"frame {time.process_time()}\\n"); sys.stdout.flush()
        await asyncio.wait_for(keys.wait(), 60)
        await pilot._wait_for_screen()
        sys.stdout.write(f"usable {time.process_time()}\\n"); sys.stdout.flush()

asyncio.run(main())
"""

AFTERVIEW_CHILD = """
import asyncio, sys, time
from afterview.tui.app import make_app

WAIT_FOR = sys.argv[1]  # "quit": usable; "listed": every row listed too; "advised": and the note column

def listed(dashboard):
    # Trees that list every row at once have no ``_stored``: their first listing is all.
    stored = getattr(dashboard, "_stored", None)
    return stored is None or dashboard.query_one("#interviews").total >= stored

def usable(app):
    # The loader has finished and the first screen the person works in is up.
    if not app.backend.loaded or any(w.is_running for w in app.workers if w.group == "backend"):
        return False
    if type(app.screen).__name__ == "ProfileScreen":  # by name: importing it here would cost time
        return app.screen.is_mounted
    dashboard = app.screen_stack[0]
    if WAIT_FOR == "advised":
        return dashboard.advice_shown
    return dashboard.rows_shown and (WAIT_FOR != "listed" or listed(dashboard))

async def main():
    app = make_app()
    ready = asyncio.Event()
    # Checked on every message any widget receives: no polling loop competing with the loader.
    hook = lambda message: ready.is_set() or (usable(app) and ready.set())
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        sys.stdout.write(f"frame {time.process_time()}\\n"); sys.stdout.flush()
        await asyncio.wait_for(ready.wait(), 60)
        await pilot._wait_for_screen()  # as run_test() does for the bare app's first frame
        from afterview.tui.widgets.interview_list import InterviewList
        lists = app.screen_stack[0].query(InterviewList)  # none on a first run's screen
        rows = lists.first().total if lists else 0
        stored = getattr(app.screen_stack[0], "_stored", rows)
        loaded = " ".join(str(int(name in sys.modules)) for name in ("pydantic", "openai", "afterview.checks"))
        sys.stdout.write(f"usable {time.process_time()} {type(app.screen).__name__} {rows}/{stored} {loaded}\\n"); sys.stdout.flush()

asyncio.run(main())
"""


def timed_child(code: str, env: dict[str, str], *args: str) -> dict[str, object]:
    """Spawn ``python -c code``; wall seconds from spawn to ``usable`` and to exit, and CPU."""
    started = time.perf_counter()
    errors = tempfile.TemporaryFile("w+")
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=errors, env=env, text=True)
    result: dict[str, object] = {}
    assert process.stdout is not None
    for line in process.stdout:
        word, *rest = line.split()
        if word == "frame":
            result["frame"] = time.perf_counter() - started
            result["cpu_frame"] = float(rest[0])
        elif word == "usable":
            result["usable"] = time.perf_counter() - started
            result["cpu_usable"] = float(rest[0])
            result["detail"] = rest[1:]
    _, status, usage = os.wait4(process.pid, 0)
    result["exit"] = time.perf_counter() - started
    result["cpu"] = usage.ru_utime + usage.ru_stime
    process.returncode = os.waitstatus_to_exitcode(status)
    if "usable" not in result or process.returncode != 0:
        errors.seek(0)
        raise RuntimeError(f"child exited with {process.returncode} before it was usable ({args}): {errors.read()[-2000:]}")
    return result


def make_homes(workdir: Path, interviews: int, drafts: int, env: dict[str, str]) -> dict[str, Path]:
    """The data folders: empty, a profile only, a profile and ``interviews`` interviews
    (written by the afterview that ``env`` imports: each tree reads its own schema)."""
    workdir.mkdir()
    homes = {"empty": workdir / "empty", "no-rows": workdir / "no-rows", "10k": workdir / "10k"}
    homes["empty"].mkdir(mode=0o700)
    for name in ("no-rows", "10k"):
        homes[name].mkdir(mode=0o700)
        config = homes[name] / "config.toml"
        config.write_text('[profile]\nname = "Sam Rivera"\n', encoding="utf-8")
        config.chmod(0o600)
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_store_data.py"), str(homes["10k"]),
         "--interviews", str(interviews), "--drafts", str(drafts)],
        check=True, env=env,
    )  # fmt: skip
    return homes


def median_ms(values: list[float]) -> float:
    """Median in milliseconds."""
    return statistics.median(values) * 1000


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--drafts", type=int, default=30_000)
    parser.add_argument(
        "--reference", type=Path, help="a git worktree of another commit: its afterview cases run too (its src/ first on the path)"
    )
    args = parser.parse_args()

    # This machine sets PYTHONDONTWRITEBYTECODE=1: compile once so no run pays for it.
    compileall.compile_dir(ROOT / "src", quiet=1)
    workdir = Path(tempfile.mkdtemp(prefix="av-tui-bench-"))
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "TMUX", "DISPLAY")}
        trees = {"": env}
        if args.reference is not None:
            compileall.compile_dir(args.reference / "src", quiet=1)
            trees["ref "] = {**env, "PYTHONPATH": str(args.reference / "src")}
        cases: dict[str, tuple[str, dict[str, str], tuple[str, ...]]] = {"bare": (BARE_CHILD, env, ())}
        empties: dict[str, Path] = {}
        for prefix, tree_env in trees.items():
            homes = make_homes(workdir / (prefix.strip() or "this"), args.interviews, args.drafts, tree_env)
            empties[f"{prefix}empty"] = homes["empty"]
            for name, home in homes.items():
                cases[f"{prefix}{name}"] = (AFTERVIEW_CHILD, {**tree_env, "AFTERVIEW_HOME": str(home)}, ("quit",))
            cases[f"{prefix}10k-listed"] = (AFTERVIEW_CHILD, {**tree_env, "AFTERVIEW_HOME": str(homes["10k"])}, ("listed",))
            if not prefix:  # older trees have no sign that the note column is filled
                cases["10k-advised"] = (AFTERVIEW_CHILD, {**tree_env, "AFTERVIEW_HOME": str(homes["10k"])}, ("advised",))

        def run(name: str) -> dict[str, object]:
            code, case_env, child_args = cases[name]
            if name in empties:  # empty every time: a first run may leave a database behind
                shutil.rmtree(empties[name])
                empties[name].mkdir(mode=0o700)
            return timed_child(code, case_env, *child_args)

        for name in cases:  # warm the OS file cache
            run(name)
        results: dict[str, list[dict[str, object]]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name in cases:
                results[name].append(run(name))
        report(results, args.runs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def report(results: dict[str, list[dict[str, object]]], runs: int) -> None:
    """Print medians, and each case's ratio to the bare app's first frame and to its keys drawn."""
    load = os.getloadavg()
    print(f"{runs} alternating rounds, medians; whole process, headless run_test() at 80x24; load average {load[0]:.1f} {load[1]:.1f}")

    def med(name: str, key: str) -> float:
        return median_ms([float(r[key]) for r in results[name]])

    floors = {"frame": (med("bare", "frame"), med("bare", "cpu_frame")), "keys": (med("bare", "usable"), med("bare", "cpu_usable"))}
    print(f"{'case':<16} {'frame':>7} {'usable':>7} {'/frame':>7} {'/keys':>6} {'CPU then':>9} {'/frame':>7} {'/keys':>6} {'exit':>7} {'CPU total':>9}  shown")
    for name, rows in results.items():
        usable, cpu = med(name, "usable"), med(name, "cpu_usable")
        detail = rows[-1]["detail"]
        shown = "first frame, then its footer's keys" if name == "bare" else ""
        if detail:
            screen, count, pydantic, openai, checks = detail  # type: ignore[misc]
            imported = [n for n, flag in (("pydantic", pydantic), ("openai", openai), ("checks", checks)) if flag == "1"]
            shown = f"{screen}, {count} rows listed/stored; imported by then: {', '.join(imported) or 'none of pydantic, openai, checks'}"
        print(
            f"{name:<16} {med(name, 'frame'):5.0f}ms {usable:5.0f}ms {usable / floors['frame'][0]:6.2f}x {usable / floors['keys'][0]:5.2f}x "
            f"{cpu:7.0f}ms {cpu / floors['frame'][1]:6.2f}x {cpu / floors['keys'][1]:5.2f}x {med(name, 'exit'):5.0f}ms {med(name, 'cpu'):7.0f}ms  {shown}"
        )
    print("frame: spawn until run_test() hands over (wall); usable: spawn until usable (wall), for the bare app until")
    print("its footer shows its keys; /frame, /keys: ratio to the bare app's first frame and to its keys drawn;")
    print("CPU then: the child's CPU time (every thread) until usable; exit: spawn until the process has exited")
    print("after quitting at once (wall); CPU total: user + system over the whole process.")


if __name__ == "__main__":
    main()
