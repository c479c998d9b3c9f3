"""Start-up of the read paths, as ratios measured side by side with a reference tree.

    python benchmarks/bench_readpath.py --reference /path/to/other/checkout [--runs 21]

Budgets: ``afterview check note.txt`` <= 2.5x the floor; ``check --from``, ``due --from``
and ``draft --offline`` each <= 1.3x ``check``. The floor is a Python process that
imports argparse, re, tomllib and pathlib and parses one argument: what any command
line tool of this shape pays before doing anything.

How it runs: each round runs every command once in the reference tree and once in this
one, alternating which goes first, so both see the same machine load; medians of the
rounds are reported. Each tree runs its own virtualenv's ``afterview`` console script
(``<tree>/.venv/bin/afterview``). This machine sets PYTHONDONTWRITEBYTECODE=1, so an
editable install would recompile the package on every run: the script byte-compiles
both trees' sources first (``compileall``; a non-editable install already ships its
bytecode) and says so. The user folders are XDG folders in a temporary directory, so
the platform paths are resolved as for a user; the compiled-policy cache is warm after
the first run (one cold-cache row shows the first run's cost).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cli import NOTE  # noqa: E402  (the same note the absolute figures use)

ROOT = Path(__file__).resolve().parent.parent
FLOOR = (
    "import argparse, re, tomllib, pathlib; "
    "p = argparse.ArgumentParser(); p.add_argument('path'); p.parse_args(['x'])"
)
COMMANDS = {
    "check note.txt": ["check", "{note}"],
    "check --from": ["check", "--from", "{interview}", "{note}"],
    "due --from": ["due", "--from", "{interview}", "--today", "2026-11-25"],
    "draft --offline": ["draft", "--from", "{interview}", "--type", "thank_you", "--offline"],
}
HEAVY = ("pydantic", "asyncio", "ssl", "openai", "textual")


def _script(tree: Path) -> Path:
    return tree / ".venv" / "bin" / "afterview"


def _python(tree: Path) -> Path:
    return tree / ".venv" / "bin" / "python"


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, capture_output=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)}: exit {result.returncode}: {result.stderr.decode()[-300:]}")
    return elapsed, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _imports(tree: Path, argv: list[str], env: dict[str, str]) -> str:
    argv = [str(_python(tree)), "-X", "importtime", "-m", "afterview", *argv]
    probe = subprocess.run(argv, env=env, capture_output=True, text=True)
    names = {line.split("|")[-1].strip().split(".")[0] for line in probe.stderr.splitlines() if "|" in line}
    return ", ".join(name for name in HEAVY if name in names) or "-"


def _environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "AFTERVIEW_"))}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    return env


def main(argv: list[str] | None = None) -> int:
    """Measure, print a table of medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, required=True, help="the other checkout (with its own .venv)")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    trees = {"reference": args.reference.resolve(), "this": ROOT}
    for tree in trees.values():
        if not _script(tree).exists():
            raise SystemExit(f"{tree}: no .venv/bin/afterview; install it there first")
        compileall.compile_dir(tree / "src", quiet=1)
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        note = home / "note.txt"
        note.write_text(NOTE, encoding="utf-8")
        interview = ROOT / "tests" / "data" / "northwind.toml"
        env = _environment(home)
        commands = {
            label: [part.replace("{note}", str(note)).replace("{interview}", str(interview)) for part in template]
            for label, template in COMMANDS.items()
        }
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        floor: list[tuple[float, float]] = []
        cold: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
        for name, tree in trees.items():  # warm the page cache and the policy cache
            for command in commands.values():
                _timed([str(_script(tree)), *command], env)
        for round_number in range(args.runs):
            order = list(trees.items()) if round_number % 2 == 0 else list(trees.items())[::-1]
            floor.append(_timed([str(_python(ROOT)), "-c", FLOOR], env))
            for label, command in commands.items():
                for name, tree in order:
                    times.setdefault((name, label), []).append(_timed([str(_script(tree)), *command], env))
            for name, tree in order:
                fresh = {**env, "XDG_CACHE_HOME": str(home / f"cold-{name}-{round_number}")}
                cold[name].append(_timed([str(_script(tree)), *commands["check note.txt"]], fresh))
        imported = {label: _imports(ROOT, command, env) for label, command in commands.items()}

    print(f"bytecode: both trees' src/ compiled with compileall first; {args.runs} alternating rounds; medians")
    print(f"imports in this tree: {'; '.join(f'{label}: {names}' for label, names in imported.items())}")
    for kind, pick in (("wall", 0), ("CPU (user+sys)", 1)):
        median = {key: statistics.median(v[pick] for v in values) for key, values in times.items()}
        floor_s = statistics.median(v[pick] for v in floor)
        print(f"\n{kind}: floor (python + argparse, re, tomllib, pathlib) {floor_s * 1000:.0f} ms")
        print(f"{'command':<18}{'reference':>11}{'this':>9}{'this/ref':>10}  ratio (reference -> this)")
        for label in commands:
            ref, this = median["reference", label], median["this", label]
            if label == "check note.txt":
                ratio_ref, ratio_this, what = ref / floor_s, this / floor_s, "x floor"
            else:
                ratio_ref = ref / median["reference", "check note.txt"]
                ratio_this = this / median["this", "check note.txt"]
                what = "x check"
            print(f"{label:<18}{ref * 1000:>9.0f}ms{this * 1000:>7.0f}ms{this / ref:>10.2f}  "
                  f"{ratio_ref:.2f} -> {ratio_this:.2f} {what}")
        ref_cold, this_cold = (statistics.median(v[pick] for v in cold[name]) for name in trees)
        print(f"{'check, cold cache':<18}{ref_cold * 1000:>9.0f}ms{this_cold * 1000:>7.0f}ms{this_cold / ref_cold:>10.2f}  "
              f"{ref_cold / floor_s:.2f} -> {this_cold / floor_s:.2f} x floor (first run after a data change)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
