"""Requests and tokens per shown draft: the eval harness against the recorded local model,
and against the offline templates.

The LLM run replays ``cassettes/eval_smollm2.yaml`` (recorded from
``cassettes/local-server.sh``: llama.cpp with SmolLM2-135M-Instruct), so the
figures are repeatable and need no server. Re-record (about 15-30 minutes) with the
server running::

    AFTERVIEW_RECORD=1 .venv/bin/python benchmarks/bench_eval.py

Prints the eval table for each engine and a one-line summary: requests per shown draft,
mean prompt and completion tokens per draft, first-try pass rate, repairs, fallbacks.
``--json`` prints the summary rows as JSON Lines instead.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "llm"))  # the cassette set-up the tests use

from recording import CASSETTES, LOCAL_URL, cassette_vcr  # noqa: E402

from afterview import services  # noqa: E402
from afterview.config import resolve_settings  # noqa: E402
from afterview.evals import format_table, load_scenarios, run_eval, summarise  # noqa: E402
from afterview.resources import data_dir  # noqa: E402
from afterview.writer import Writer  # noqa: E402

CASSETTE = "eval_smollm2.yaml"
MODEL = "smollm2-135m-instruct"


def writer_for(online: bool) -> Writer:
    """A writer over the local model (deadline off: replay must ask exactly what was recorded)."""
    environ = {"AFTERVIEW_HOME": tempfile.mkdtemp(prefix="afterview-bench-")}
    if online:
        environ |= {"OPENAI_BASE_URL": LOCAL_URL, "AFTERVIEW_MODEL": MODEL}
    settings = resolve_settings(environ=environ, offline=not online)
    writer = services.writer(settings)
    writer.deadline = None
    return writer


def run(online: bool) -> tuple[list, float]:
    scenarios = load_scenarios(data_dir("evals/scenarios"))
    writer = writer_for(online)
    started = time.perf_counter()
    if not online:
        return asyncio.run(run_eval(scenarios, writer)), time.perf_counter() - started
    recording = os.environ.get("AFTERVIEW_RECORD") == "1"
    if recording:
        (CASSETTES / CASSETTE).unlink(missing_ok=True)
    with cassette_vcr().use_cassette(CASSETTE, record_mode="once" if recording else "none") as cass:
        results = asyncio.run(run_eval(scenarios, writer))
        if not recording and not cass.all_played:
            raise SystemExit(f"{CASSETTE}: some recorded requests were never made; re-record it")
    return results, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    for label, online in (("templates", False), (f"{MODEL} (recorded)", True)):
        results, seconds = run(online)
        summaries = summarise(results)
        overall = summaries[-1].to_dict()
        if options.json:
            for summary in summaries:
                print(json.dumps({"engine": label, **summary.to_dict()}))
            continue
        print(f"\n== {label}: {len(results)} drafts in {seconds:.1f} s")
        for line in format_table(summaries):
            print(line)
        print(
            f"requests per shown draft {overall['requests_per_draft']}, "
            f"prompt tokens {overall['mean_prompt_tokens']}, completion tokens {overall['mean_completion_tokens']} per draft"
        )


if __name__ == "__main__":
    main()
