"""``afterview check``: lint notes, including ones a person wrote, by per-type severities.

``--strict`` applies the drafts' bar (what afterview holds its own drafts to). The
context comes from the use-case layer, so a stored interview's drafts and sent notes
count for the panel check exactly as they do for a stored draft.
"""

from __future__ import annotations

import argparse
import sys

from afterview.checks import CheckContext, Report
from afterview.cli.output import error, json_line, out, plural, reading_order, report_json
from afterview.errors import EXIT_BLOCKED, EXIT_OK, EXIT_USAGE, AfterviewError
from afterview.fileio import decode_text, read_text_file


def run(args: argparse.Namespace) -> int:
    """Check every path; exit 2 if any could not be read (2 wins), 1 if any is blocked."""
    from afterview import services
    from afterview.usecases.checking import check_text

    policy = services.policy()
    context = _context(args, policy)
    worst = EXIT_OK
    for path in args.paths:
        try:
            text = _read(path)
        except AfterviewError as exc:
            error(str(exc))
            worst = EXIT_USAGE
            continue
        report = check_text(text, context, policy, strict=args.strict)
        if args.json:
            json_line({"path": path, "type": args.note_type, **report_json(report, text)})
        else:
            _print_report(path, text, report)
        if not report.passed and worst == EXIT_OK:
            worst = EXIT_BLOCKED
    return worst


def _context(args: argparse.Namespace, policy) -> CheckContext:
    if not args.interview and args.interview_id is None:
        if args.to:
            return CheckContext(note_type=args.note_type, recipient=args.to)
        return CheckContext(note_type=args.note_type)
    # pydantic only when a record is given: a bare `check` stays light.
    from afterview.config import load_config_file
    from afterview.domain import NoteType
    from afterview.paths import app_paths
    from afterview.usecases.checking import StoredInterview, note_context
    from afterview.usecases.recipients import recipients_for, signature_lines

    note_type = NoteType(args.note_type)
    paths = app_paths()
    stored = None
    if args.interview_id is not None:
        from afterview.store import open_store

        store = open_store(paths)
        stored = StoredInterview(store, args.interview_id, store.interview(args.interview_id))
        interview = stored.interview
    else:
        from afterview.interview_file import load_interview

        interview = load_interview(args.interview)
    (recipient,) = recipients_for(interview, note_type, args.to, one=True)
    # The profile signs drafts: its name and signature block are the person's own text
    # here as they were when ``draft`` checked the note.
    signature = signature_lines(interview, load_config_file(paths.config_file).profile)
    return note_context(policy, note_type, recipient, interview=interview, stored=stored, signature=signature)


def _read(path: str) -> str:
    if path == "-":
        return decode_text(sys.stdin.buffer.read(), "-", what="note")
    return read_text_file(path, what="note")


def _print_report(path: str, text: str, report: Report) -> None:
    for finding, line, column in reading_order(report.findings, text):
        where = f"{path}:{line}:{column}" if line is not None else path
        label = finding.check + (f"[{finding.category}]" if finding.category else "")
        out(f"{where}: {finding.severity} {label}: {finding.message}")
        if finding.suggestion:
            out(f"    suggestion: {finding.suggestion}")
    counts = f"{len(report.blocking)} blocking, {plural(len(report.warnings), 'warning')}, {len(report.infos)} info"
    verdict = "passed" if report.passed else "blocked"
    out(f"{path}: {verdict} as {report.note_type} ({counts})")
