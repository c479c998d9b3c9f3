"""``afterview draft``: draft checked notes for an interview file or a stored interview."""

from __future__ import annotations

import argparse
import asyncio

from afterview.cli.output import json_line, notice, out
from afterview.errors import EXIT_BLOCKED, EXIT_OK, AfterviewError


def run(args: argparse.Namespace) -> int:
    """Draft, print, and (for stored interviews) save every draft."""
    from afterview import services
    from afterview.config import resolve_settings
    from afterview.domain import NoteType, Tone
    from afterview.note_requests import build_requests

    settings = resolve_settings(model=args.model, base_url=args.base_url, offline=args.offline)
    interview, store, interview_id = _load_interview(args, settings)
    requests = build_requests(
        interview,
        NoteType(args.note_type),
        to=args.to,
        tone=Tone(args.tone),
        variants=args.variants,
        profile=settings.profile,
        config_file=str(settings.paths.config_file),
    )
    writer = services.command_writer(settings, notice)

    exit_code = EXIT_OK
    first = True
    save_error: AfterviewError | None = None
    for request in requests:
        drafts = asyncio.run(writer.write(request))
        if store is not None and save_error is None:
            try:
                drafts = [store.save_draft(interview_id, draft) for draft in drafts]
            except AfterviewError as exc:
                save_error = exc  # still print the drafts below: nothing drafted is lost
        if len(drafts) < request.variants:
            notice(
                f"{len(drafts)} distinct {request.note_type.label} draft(s) for {request.recipient} "
                f"({request.variants} asked): that is all the templates hold for this tone"
            )
        for draft in drafts:
            for message in draft.notices:
                notice(message)
            if draft.fallback_reason:
                notice(f"{draft.recipient}, variant {draft.variant + 1}: offline template used: {draft.fallback_reason}")
            if not draft.report.passed:
                exit_code = EXIT_BLOCKED
            if args.json:
                json_line(draft.to_dict())
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

        return load_interview(args.interview), None, None
    from afterview.store import open_store

    store = open_store(settings.paths)
    return store.interview(args.interview_id), store, args.interview_id


def _print_draft(draft) -> None:
    out(f"Subject: {draft.subject}")
    out()
    out(draft.body)
    for finding in draft.report.findings:
        if finding.severity != "info":
            notice(f"{draft.recipient}: {finding.severity} {finding.check}: {finding.message}")
