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
    if args.json:
        for where, row in rows:
            data = row.to_dict()
            if where is not None:
                data = {"interview": where.id, "company": where.company, "role": where.role, **data}
            json_line(data)
    elif rows:
        # One write (and one pass of the escape filter) for the whole list: it can be long.
        out("\n".join(_row_lines(where, row) for where, row in rows))
    else:
        out("Nothing to send right now.")
    return EXIT_OK


def _row_lines(where, row) -> str:
    when = row.due.isoformat() if row.due else ""
    label = row.type.replace("_", "-")
    prefix = f"#{where.id} {where.company}: " if where is not None else ""
    state = _STATE_LABEL.get(row.state, row.state)
    return f"{state:<9} {when:<10}  {prefix}{label} to {row.recipient}\n{'':<21} {row.reason}"
