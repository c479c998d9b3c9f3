"""``afterview due``: which notes are due, and when, most urgent first."""

from __future__ import annotations

import argparse
from datetime import date

from afterview.cli.output import json_line, out
from afterview.errors import EXIT_OK

_STATE_LABEL = {"late": "LATE", "due": "DUE", "upcoming": "upcoming", "stop": "stop", "not_applicable": "n/a"}


def run(args: argparse.Namespace) -> int:
    """Print the advisor's rows for one interview file, or for every stored interview."""
    from afterview.timing import advise

    today = args.today or date.today()
    if args.interview:
        from afterview.interview_file import load_interview

        interview = load_interview(args.interview)
        rows = [(None, row) for row in advise(interview, today)]
    else:
        from afterview.paths import app_paths
        from afterview.store import open_store

        rows = open_store(app_paths()).due(today, include_not_applicable=args.all)
    if not args.all:
        rows = [(where, row) for where, row in rows if row.state != "not_applicable"]
    for where, row in rows:
        if args.json:
            data = row.to_dict()
            if where is not None:
                data = {"interview": where.id, "company": where.company, "role": where.role, **data}
            json_line(data)
        else:
            _print_row(where, row)
    if not rows and not args.json:
        out("Nothing to send right now.")
    return EXIT_OK


def _print_row(where, row) -> None:
    when = row.due.isoformat() if row.due else ""
    label = row.type.replace("_", "-")
    prefix = f"#{where.id} {where.company}: " if where is not None else ""
    out(f"{_STATE_LABEL.get(row.state, row.state):<9} {when:<10}  {prefix}{label} to {row.recipient}")
    out(f"{'':<21} {row.reason}")
