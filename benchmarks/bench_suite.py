"""The test suite's wall time against a reference tree, run one after the other.

Budget (issue "A newcomer's journey"): pytest's own wall time at most 0.7x that of the
reference commit's suite, on the same machine. Each tree runs with its own Python (a
venv with that tree installed) and its own pytest options from its pyproject; the
figure is pytest's "N passed in S s", next to the CPU time the run used (its processes
and their children) and the load average before and after, since the machine is shared.

Run: ``.venv/bin/python benchmarks/bench_suite.py --base-tree ../base --base-python ../basevenv/bin/python``
(``--rounds 2`` alternates the trees, this one first).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"(?:(\d+) failed, )?(\d+) passed.*? in ([\d.]+)s")


@dataclass
class Run:
    """One suite run: pytest's figure, the CPU it took, the load around it."""

    tests: int
    failed: int
    seconds: float
    cpu: float
    load_before: float
    load_after: float


def children_cpu() -> float:
    """CPU seconds used so far by finished child processes (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_suite(tree: Path, python: str) -> Run:
    """Run the suite in ``tree`` with ``python``, as a developer would, with no cache plugin."""
    load_before = os.getloadavg()[0]
    cpu_before = children_cpu()
    done = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=tree, capture_output=True, text=True, check=False
    )
    cpu = children_cpu() - cpu_before
    tail = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    match = SUMMARY.search(tail)
    if match is None:
        sys.exit(f"{tree}: no pytest summary ({tail or done.stderr.strip()[-300:]})")
    failed = int(match[1] or 0)
    if failed:  # a figure with failures is reported, marked, with what failed
        names = [line for line in done.stdout.splitlines() if line.startswith("FAILED ")]
        print(f"{tree}: {tail}", *names, sep="\n", file=sys.stderr)
    return Run(int(match[2]) + failed, failed, float(match[3]), cpu, load_before, os.getloadavg()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-tree", type=Path, required=True, help="a checkout of the reference commit")
    parser.add_argument("--base-python", required=True, help="a Python with that checkout installed")
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"), help="this tree's Python")
    parser.add_argument("--rounds", type=int, default=1)
    options = parser.parse_args()
    print("| tree | tests | pytest's wall time | CPU time | load before-after |")
    print("|---|---|---|---|---|")
    pairs = []
    for _ in range(options.rounds):
        pair = []
        for name, tree, python in (("this", ROOT, options.python), ("base", options.base_tree, options.base_python)):
            run = run_suite(tree.resolve(), python)
            pair.append(run)
            tests = f"{run.tests:,}" + (f" ({run.failed} failed)" if run.failed else "")
            print(f"| {name} | {tests} | {run.seconds:.1f} s | {run.cpu:.1f} s | {run.load_before:.1f}-{run.load_after:.1f} |", flush=True)
        pairs.append(pair)
    for index, (this, base) in enumerate(pairs, 1):
        print(f"pair {index}: {this.seconds / base.seconds:.2f}x wall, {this.cpu / base.cpu:.2f}x CPU")


if __name__ == "__main__":
    main()
