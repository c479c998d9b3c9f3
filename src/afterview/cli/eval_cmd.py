"""``afterview eval``: run the writer over scenario files; a table for people, JSON Lines for scripts."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from afterview.cli.output import json_line, notice, out
from afterview.errors import EXIT_BLOCKED, EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run every scenario; print the per-note-type summary and the per-scenario assertions.

    Exits 1 when an assertion failed on a note that was shown.
    """
    from afterview import services
    from afterview.config import resolve_settings
    from afterview.evals import format_table, format_verdicts, load_scenarios, run_eval, summarise, verdicts
    from afterview.resources import data_dir

    directory = Path(args.scenarios) if args.scenarios else data_dir("evals/scenarios")
    scenarios = load_scenarios(directory)
    settings = resolve_settings(model=args.model, base_url=args.base_url, offline=args.offline)
    writer = services.writer(settings)
    if not args.json:
        notice(f"evaluating {len(scenarios)} scenarios with {writer.engine}")
    results = asyncio.run(run_eval(scenarios, writer))
    summaries = summarise(results)
    scenario_verdicts = verdicts(results)
    if args.json:
        for result in results if args.detail else ():
            json_line({"kind": "draft", **{k: getattr(result, k) for k in result.__slots__}})
        for summary in summaries:
            json_line({"kind": "summary", "engine": writer.engine, **summary.to_dict()})
        for verdict in scenario_verdicts:
            json_line({"kind": "scenario", **verdict.to_dict()})
    else:
        if args.detail:
            for r in results:
                verdict = "fallback" if r.fallback else ("repaired" if r.repairs else "first try")
                out(f"{r.scenario:<34} {r.note_type:<19} {r.tone:<8} {verdict:<10} {r.words:>4} words")
            out()
        for line in format_table(summaries):
            out(line)
        out()
        for line in format_verdicts(scenario_verdicts):
            out(line)
    return EXIT_OK if all(v.held for v in scenario_verdicts) else EXIT_BLOCKED

