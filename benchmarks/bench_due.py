"""``afterview due`` over a large store, as a ratio measured side by side with a reference tree.

    python benchmarks/bench_due.py --reference /path/to/other/checkout [--runs 9]
        [--interviews 100000] [--drafts 300000] [--keep DIR]

Budget: this tree's ``due`` <= 0.55x the reference's on the same data and machine.

The data is made once by the reference tree's own ``make_store_data.py`` (its default
mix: a two-year search), so both trees read the same interviews; this tree gets a copy
of the file, which it may migrate to its own schema on the first, untimed, run. Each
round then runs ``afterview due --today 2026-11-24`` (output to a pipe, read and
dropped) once in each tree, alternating which goes first; medians are reported, and the
two outputs are compared. Each tree runs its own virtualenv's ``afterview`` script with
its sources byte-compiled first (``compileall``: this machine sets
PYTHONDONTWRITEBYTECODE=1, so an editable install would otherwise recompile every run).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-24"


def _due(tree: Path, home: Path) -> tuple[float, float, bytes]:
    """Wall time, CPU time (user + system) of the child, and what it printed."""
    env = {**os.environ, "AFTERVIEW_HOME": str(home)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    argv = [str(tree / ".venv" / "bin" / "afterview"), "due", "--today", TODAY]
    result = subprocess.run(argv, env=env, capture_output=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{tree}: due failed: {result.stderr.decode()[-300:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu, result.stdout


def main(argv: list[str] | None = None) -> int:
    """Generate (or reuse) the data, measure, print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--drafts", type=int, default=300_000)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = parser.parse_args(argv)
    reference = args.reference.resolve()
    root = args.keep or Path(tempfile.mkdtemp(prefix="afterview-due-"))
    homes = {"reference": root / "reference", "this": root / "this"}
    trees = {"reference": reference, "this": ROOT}
    try:
        if not (homes["reference"] / "afterview.db").exists():
            started = time.perf_counter()
            subprocess.run(
                [str(reference / ".venv" / "bin" / "python"), str(reference / "benchmarks" / "make_store_data.py"),
                 str(homes["reference"]), "--interviews", str(args.interviews), "--drafts", str(args.drafts)],
                check=True, capture_output=True,
            )  # fmt: skip
            print(f"generated the data in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        if not (homes["this"] / "afterview.db").exists():
            homes["this"].mkdir(parents=True, exist_ok=True)
            shutil.copy2(homes["reference"] / "afterview.db", homes["this"] / "afterview.db")
        for name, tree in trees.items():
            compileall.compile_dir(tree / "src", quiet=1)
            _due(tree, homes[name])  # migrate this tree's copy; warm the page cache
        walls: dict[str, list[float]] = {name: [] for name in trees}
        cpus: dict[str, list[float]] = {name: [] for name in trees}
        outputs: dict[str, bytes] = {}
        for round_number in range(args.runs):
            order = list(trees) if round_number % 2 == 0 else list(trees)[::-1]
            for name in order:
                elapsed, cpu, outputs[name] = _due(trees[name], homes[name])
                walls[name].append(elapsed)
                cpus[name].append(cpu)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    lines = outputs["this"].count(b"\n")
    print(f"afterview due --today {TODAY}: {args.interviews} interviews, {args.drafts} drafts, {lines} lines printed")
    print(f"bytecode: compileall on both trees' src/ first; {args.runs} alternating rounds; medians")
    for label, figures in (("wall", walls), ("CPU ", cpus)):
        ref, this = (statistics.median(figures[name]) for name in trees)
        print(f"{label}  reference {ref * 1000:5.0f} ms   this {this * 1000:5.0f} ms   this/reference {this / ref:.2f}")
    print(f"same output: {'yes' if outputs['this'] == outputs['reference'] else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
