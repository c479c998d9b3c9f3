"""The checks of one ~120-word note, timed side by side in this tree and another one.

Run: .venv/bin/python benchmarks/bench_checks_compare.py --base /path/to/other/tree [--rounds 6] [--same-checks]

Make the other tree with ``git worktree add --detach /tmp/base <commit>``; both run on
this tree's interpreter, each with its own ``src/`` first on ``sys.path`` and its own
``guardrails/``. Rounds alternate (this tree, the base, this tree, ...) so a burst of
load on the machine hits both; each round is a fresh process that checks the same
notes: good ~120-word notes (``bench_checks.notes()``), a third of them with a
non-ASCII character (curly quotes and an accented name) so normalisation is exercised,
each note a text the caches have not seen. Each note is timed as the CPU time of the
checking thread (what other processes take while it waits is not counted) and as
wall time; CPU time is the figure to quote on a shared machine. Also times ``afterview check note.txt`` as
a whole process, alternating the same way, as wall time and as the child's CPU time
(steadier than wall time when other processes compete for the CPU). Prints medians
and the ratio this/base; ``--per-check`` adds each check's own median CPU time, alone on an
analysed text and inside ``run_checks`` (where the first check to need the note's
shared work, such as the one pass that finds every pattern's candidate branches,
pays for it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_checks import notes  # noqa: E402  (the same ~120-word notes as bench_checks)

CHILD = r"""
import json, statistics, sys, time
tree, notes_file, count, per_check = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
only = sys.argv[5].split(",") if sys.argv[5] else None
sys.path.insert(0, tree + "/src")
from afterview.checks import CHECKS, CheckContext, load_policy, run_checks
from afterview.checks.text import analyse
import afterview.checks
assert afterview.checks.__file__.startswith(tree), afterview.checks.__file__
texts = json.load(open(notes_file, encoding="utf-8"))
policy = load_policy(tree + "/guardrails")
if only is not None:  # --same-checks: run just these, in this tree's policy order
    from afterview.frozen import replace
    policy = replace(policy, checks=tuple(name for name in policy.checks if name in only))
if sys.argv[6] == "1":  # print the checks this policy runs, and nothing else
    print(json.dumps(list(policy.checks)))
    raise SystemExit(0)
context = CheckContext(
    note_type="thank_you", recipient="Jordan Lee", moment="rebuilding the churn dashboard",
    proper_nouns=("Northwind Analytics", "Data Analyst", "Sam Rivera", "Jordan Lee", "Analytics Manager", "José Núñez"),
    record_texts=("Northwind Analytics", "Data Analyst", "Sam Rivera", "Jordan Lee", "rebuilding the churn dashboard"),
    has_record=True,
)
for text in texts[:50]:
    run_checks(text, context, policy)
times = []
cpu = []
clock = time.thread_time_ns  # CPU time of this thread: what other processes take is not counted
for i in range(count):
    text = texts[50 + i % (len(texts) - 50)]
    t0, c0 = time.perf_counter_ns(), clock()
    run_checks(text, context, policy)
    c1, t1 = clock(), time.perf_counter_ns()
    times.append((t1 - t0) / 1e6)
    cpu.append((c1 - c0) / 1e6)
split = {}
inside = {}
if per_check:  # each check inside run_checks, where the shared per-text work is paid once
    import afterview.checks.runner as runner
    spent_by = {}
    def timed(name, check):
        def run(*args):
            t0 = clock()
            found = check(*args)
            spent_by.setdefault(name, []).append((clock() - t0) / 1e3)
            return found
        return run
    plain = dict(runner.CHECKS)
    runner.CHECKS.update({name: timed(name, check) for name, check in plain.items()})
    for i in range(min(count, 2000)):
        run_checks(texts[50 + i % (len(texts) - 50)], context, policy)
    runner.CHECKS.update(plain)
    inside = {name: statistics.median(v) for name, v in spent_by.items()}
if per_check:  # each check alone, on texts already analysed (the analysis is shared)
    for name in policy.checks:
        spent = []
        for i in range(min(count, 2000)):
            text = texts[50 + i % (len(texts) - 50)] + " " * (1 + i // (len(texts) - 50))
            analyse(text)
            t0 = clock()
            CHECKS[name](text, context, policy)
            spent.append((clock() - t0) / 1e3)
        split[name] = statistics.median(spent)
print(json.dumps({"median": statistics.median(cpu), "wall": statistics.median(times), "split": split, "inside": inside}))
"""


def variants() -> list[str]:
    """The bench notes; every third with curly apostrophes and an accented name."""
    texts = []
    for i, text in enumerate(notes()):
        if i % 3 == 0:
            text = text.replace("I would", "I\u2019d").replace("Dear Jordan,", "Dear Jordan,\n\nJos\u00e9 N\u00fa\u00f1ez sends his thanks too.")
        texts.append(text)
    return texts


def in_process(
    tree: Path, notes_file: Path, count: int, per_check: bool = False, only: list[str] | None = None, listing: bool = False
) -> dict:
    """Run the timing child in ``tree``; ``only``: the checks to run (default: the policy's);
    ``listing``: return the checks the policy runs instead of timing them."""
    argv = [str(tree), str(notes_file), str(count), "1" if per_check else "0", ",".join(only or ()), "1" if listing else "0"]
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *argv], check=True, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ""}
    )
    return json.loads(out.stdout)


def whole_process(tree: Path, note: Path, bytecode: bool, home: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one ``afterview check note.txt``.

    ``bytecode``: let Python write and reuse ``__pycache__`` (as an installed package
    does); otherwise the environment's PYTHONDONTWRITEBYTECODE stands.
    """
    # Each tree its own home: the compiled-policy cache keeps one entry per folder.
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "AFTERVIEW_HOME": str(home)}
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "afterview", "check", "--type", "thank_you", str(note)], env=env, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the other tree (a git worktree of the base commit)")
    parser.add_argument("--rounds", type=int, default=6, help="rounds per tree (default 6)")
    parser.add_argument("--notes", type=int, default=4000, help="timed checks per round (default 4000)")
    parser.add_argument("--starts", type=int, default=15, help="whole-process starts per tree (default 15)")
    parser.add_argument(
        "--bytecode", action="store_true", help="allow __pycache__ for the whole-process runs (as when installed)"
    )
    parser.add_argument("--per-check", action="store_true", help="also time each check alone (median, µs)")
    parser.add_argument(
        "--same-checks",
        action="store_true",
        help="in process, run in this tree only the checks the base's policy lists (what the rest of the work costs "
        "on the same checks), beside the full figure",
    )
    args = parser.parse_args()
    base = args.base.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        notes_file = Path(scratch) / "notes.json"
        notes_file.write_text(json.dumps(variants()), encoding="utf-8")
        shared: list[str] | None = None
        same: list[dict] = []
        if args.same_checks:
            shared = in_process(base, notes_file, 0, listing=True)
        note = Path(scratch) / "note.txt"
        note.write_text(variants()[1], encoding="utf-8")
        ours: list[dict] = []
        theirs: list[dict] = []
        for _ in range(args.rounds):
            ours.append(in_process(ROOT, notes_file, args.notes))
            theirs.append(in_process(base, notes_file, args.notes))
            if shared is not None:
                same.append(in_process(ROOT, notes_file, args.notes, only=shared))
        if args.per_check:
            ours_split = in_process(ROOT, notes_file, args.notes, True)
            theirs_split = in_process(base, notes_file, args.notes, True)
            split_ours, split_theirs = ours_split["split"], theirs_split["split"]
            inside_ours, inside_theirs = ours_split["inside"], theirs_split["inside"]
        starts_ours: list[tuple[float, float]] = []
        starts_theirs: list[tuple[float, float]] = []
        homes = Path(scratch) / "this", Path(scratch) / "base"
        # One unmeasured run each writes the bytecode caches (with --bytecode) and the
        # compiled-policy cache (where the tree has one), as a second run finds them.
        whole_process(ROOT, note, args.bytecode, homes[0])
        whole_process(base, note, args.bytecode, homes[1])
        for _ in range(args.starts):
            starts_ours.append(whole_process(ROOT, note, args.bytecode, homes[0]))
            starts_theirs.append(whole_process(base, note, args.bytecode, homes[1]))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    caches = "bytecode cached" if args.bytecode else f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')}"
    print(f"load average: {load} on {os.cpu_count()} CPUs; {args.rounds} alternating rounds of {args.notes} checks; {caches}")
    for label, key in (("CPU", "median"), ("wall", "wall")):
        mine, other = statistics.median(r[key] for r in ours), statistics.median(r[key] for r in theirs)
        print(f"in process, median per note, {label}: this tree {mine:.3f} ms, base {other:.3f} ms, ratio {mine / other:.2f}")
        print(f"  round medians this: {' '.join(f'{r[key]:.3f}' for r in ours)}")
        print(f"  round medians base: {' '.join(f'{r[key]:.3f}' for r in theirs)}")
        if same:
            mine_same = statistics.median(r[key] for r in same)
            print(f"  the base's {len(shared)} checks only, this tree: {mine_same:.3f} ms, ratio {mine_same / other:.2f}")
            print(f"  round medians: {' '.join(f'{r[key]:.3f}' for r in same)}")
    if args.per_check:
        print("  per check, median CPU µs: alone on an analysed text | inside run_checks (the first check")
        print("  to need it pays the note's shared work: normalising, analysing, the gate lookups)")
        for name in split_ours:
            alone = f"this {split_ours[name]:6.1f}  base {split_theirs.get(name, float('nan')):6.1f}"
            within = f"this {inside_ours.get(name, float('nan')):6.1f}  base {inside_theirs.get(name, float('nan')):6.1f}"
            print(f"  {name:<13} {alone}   |   {within}")
    for label, index in (("wall", 0), ("CPU (user+sys)", 1)):
        mine_s = statistics.median(t[index] for t in starts_ours)
        other_s = statistics.median(t[index] for t in starts_theirs)
        print(
            f"afterview check note.txt, whole process, {label}, median of {args.starts}: "
            f"this tree {mine_s * 1000:.0f} ms, base {other_s * 1000:.0f} ms, ratio {mine_s / other_s:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
