"""``afterview due``: which notes are due, and when, most urgent first."""

from __future__ import annotations

import argparse
from datetime import date

from afterview.cli.output import json_line, out
from afterview.errors import EXIT_OK

_STATE_LABEL = {"late": "LATE", "due": "DUE", "upcoming": "upcoming", "stop": "stop", "not_applicable": "n/a"}


def run(args: argparse.Namespace) -> int:
    """Print the advisor's rows for one interview file, or for every stored interview."""
    today = args.today or date.today()
    if args.interview:
        from afterview.interview_file import load_interview
        from afterview.usecases.due import due_for_record

        interview = load_interview(args.interview)
        rows = [(None, row) for row in due_for_record(interview, today, include_not_applicable=args.all)]
    else:
        from afterview.paths import app_paths
        from afterview.store import open_store
        from afterview.usecases.due import due_everywhere

        rows = due_everywhere(open_store(app_paths()), today, include_not_applicable=args.all)
    if args.json:
        for where, row in rows:
            data = row.to_dict()
            if where is not None:
                data = {"interview": where.id, "company": where.company, "role": where.role, **data}
            json_line(data)
    elif rows:
        # One write (and one pass of the escape filter) for the whole list: it can be long.
        out(_lines(rows))
    else:
        out("Nothing to send right now.")
    return EXIT_OK


_INDENT = " " * 22
_STATE_CELL = {state: f"{label:<9} " for state, label in _STATE_LABEL.items()}
_NO_DATE = " " * 10


def _lines(rows) -> str:
    # The list can be tens of thousands of rows long, so it is formatted in one pass: the
    # cells that repeat (state, date, note type) are made once per distinct value; an ISO
    # date is always ten characters.
    advice = [row for _, row in rows]
    label = {note_type: note_type.replace("_", "-") + " to " for note_type in {row[0] for row in advice}}
    cell = {state: _STATE_CELL.get(state) or f"{state:<9} " for state in {row[2] for row in advice}}
    when = {due: due.isoformat() for due in {row[3] for row in advice} if due is not None}
    when[None] = _NO_DATE
    return "\n".join([
        f"{cell[state]}{when[due]}  {'' if where is None else f'#{where.id} {where.company}: '}"
        f"{label[note_type]}{recipient}\n{_INDENT}{reason}"
        for where, (note_type, recipient, state, due, _, reason) in rows
    ])
