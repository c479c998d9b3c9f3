"""``afterview draft``: draft checked notes for an interview file or a stored interview."""

from __future__ import annotations

import argparse

from afterview.cli.output import json_line, notice, out, plural, report_json
from afterview.errors import EXIT_BLOCKED, EXIT_OK, AfterviewError


def run(args: argparse.Namespace) -> int:
    """Draft, print, and (for stored interviews) save every draft."""
    from afterview import services
    from afterview.config import resolve_settings
    from afterview.domain import NoteType, Tone
    from afterview.usecases.drafting import DraftJob, requests_for

    settings = resolve_settings(model=args.model, base_url=args.base_url, offline=args.offline)
    interview, stored = _load_interview(args, settings)
    job = DraftJob(NoteType(args.note_type), to=args.to, tone=Tone(args.tone), variants=args.variants)
    requests = requests_for(interview, job, settings.profile, config_file=str(settings.paths.config_file))
    writer = services.command_writer(settings, notice)
    return _draft_all(writer, requests, stored, args.json)


def _draft_all(writer, requests, stored, as_json: bool) -> int:
    # Synchronous: offline drafting needs no event loop (an online request gets its own).
    from afterview.usecases.drafting import draft_notes_now

    exit_code = EXIT_OK
    first = True
    save_error: AfterviewError | None = None
    for result in draft_notes_now(writer, requests, stored=stored):
        request, drafts = result.request, result.drafts
        save_error = save_error or result.save_error  # the drafts still print: nothing drafted is lost
        if len(drafts) < request.variants:
            notice(
                f"{plural(len(drafts), 'distinct ' + request.note_type.label + ' draft')} for {request.recipient} "
                f"({request.variants} asked): that is all the templates hold for this tone"
            )
        for draft in drafts:
            for message in draft.notices:
                notice(message)
            if draft.fallback_reason:
                notice(f"{draft.recipient}, variant {draft.variant + 1}: offline template used: {draft.fallback_reason}")
            if not draft.report.passed:
                exit_code = EXIT_BLOCKED
            if as_json:
                # Offsets, lines and columns count in the body, which is what the checks read.
                json_line({**draft.to_dict(), "report": report_json(draft.report, draft.body)})
                continue
            if not first:
                out("\n" + "-" * 60 + "\n")
            first = False
            _print_draft(draft)
    if save_error is not None:
        raise save_error
    return exit_code


def _load_interview(args: argparse.Namespace, settings):
    if args.interview:
        from afterview.interview_file import load_interview

        return load_interview(args.interview), None
    from afterview.store import open_store
    from afterview.usecases.checking import StoredInterview
    from afterview.usecases.recipients import signature_lines

    store = open_store(settings.paths)
    interview = store.interview(args.interview_id)
    return interview, StoredInterview(store, args.interview_id, interview, signature_lines(interview, settings.profile))


def _print_draft(draft) -> None:
    out(f"Subject: {draft.subject}")
    out()
    out(draft.body)
    for finding in draft.report.findings:
        if finding.severity != "info":
            notice(f"{draft.recipient}: {finding.severity} {finding.check}: {finding.message}")
