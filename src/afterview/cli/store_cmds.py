"""Commands over stored interviews: add, list, show, edit, delete, status, sent, export.

Argument parsing and printing only: the rules live in ``store``, ``timing``,
``afterview.usecases``. Imports stay lazy so ``afterview list`` starts fast.
"""

from __future__ import annotations

import argparse
import sys

from afterview.cli.output import json_line, notice, out, plural
from afterview.errors import EXIT_BLOCKED, EXIT_OK, InputError


def run(args: argparse.Namespace) -> int:
    """Run the store command named by ``args.command``; returns the exit code."""
    return _HANDLERS[args.command](args)


def _open_store(paths=None):
    from afterview.store import open_store

    if paths is None:
        from afterview.paths import app_paths

        paths = app_paths()
    return open_store(paths, notice=notice)


def _add(args: argparse.Namespace) -> int:
    from afterview.interview_file import load_interview

    if (args.path is None) == (args.ics is None):
        raise InputError("add takes an interview file or --ics INVITE.ics (one of them)")
    if args.ics is not None:
        from afterview.cli.invite_cmd import run_add

        return run_add(args, _open_store)
    if args.event or args.company or args.role:
        raise InputError("--event, --company and --role go with --ics INVITE.ics")
    interview = load_interview(args.path)
    with _open_store() as store:
        new_id = store.add_interview(interview)
    out(str(new_id))  # the id alone, for scripts
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    with _open_store() as store:
        rows = store.list_interviews()
    if args.json:
        for row in rows:
            json_line(row.to_dict())
        return EXIT_OK
    if not rows:
        out("No interviews stored yet; add one with: afterview add INTERVIEW.toml")
        return EXIT_OK
    lines = []
    for row in rows:
        lines.append(
            f"#{row.id:<5} {row.interview_date.isoformat()}  {row.status:<9}  {row.company}: {row.role}"
            f"  ({plural(len(row.interviewers), 'interviewer')}, {plural(row.drafts, 'draft')}, {row.sent} sent)"
        )
    out("\n".join(lines))  # one write: thousands of rows print quickly
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from afterview import services
    from afterview.usecases.checking import is_stale

    with _open_store() as store:
        interview = store.interview(args.id)
        ids = store.interviewer_ids(args.id)
        history = store.status_history(args.id)
        drafts = store.draft_summaries(args.id)
        sent = store.sent(args.id)
    if args.json:
        from afterview.records import to_data

        data = {"id": args.id, **to_data(interview)}
        data["interviewers"] = [{"id": ids.get(p.name), **to_data(p)} for p in interview.interviewers]
        data["status_history"] = [change.to_dict() for change in history]
        policy = services.policy()
        data["drafts"] = [{**draft.to_dict(), "stale": is_stale(draft.policy_version, policy)} for draft in drafts]
        data["sent"] = [entry.to_dict() for entry in sent]
        json_line(data)
        return EXIT_OK
    out(f"#{args.id} {interview.company}: {interview.role}")
    decision = f", decision expected {interview.decision_date}" if interview.decision_date else ""
    out(f"  interviewed {interview.interview_date}{decision}")
    since = f" since {interview.status_date}" if interview.status_date else ""
    out(f"  status {interview.status.value}{since}")
    if interview.candidate or interview.candidate_email:
        out(f"  candidate {interview.candidate or ''} {_angle(interview.candidate_email)}".rstrip())
    for person in interview.interviewers:
        title = f", {person.title}" if person.title else ""
        contact = " (contact)" if person.contact or person is interview.contact else ""
        out(f"  interviewer [{ids.get(person.name)}] {person.name}{title} {_angle(person.email)}{contact}".rstrip())
        if person.moment:
            out(f"      moment: {person.moment}")
    if interview.competing_offer:
        out(f"  competing offer: {interview.competing_offer.company}, deadline {interview.competing_offer.deadline}")
    if interview.award:
        relevance = f" ({interview.award.relevance})" if interview.award.relevance else ""
        out(f"  award: {interview.award.name}, {interview.award.date}{relevance}")
    out("status history:")
    for change in history:
        on = change.status_date.isoformat() if change.status_date else "(no date)"
        out(f"  {on:<10}  {change.status}  (recorded {change.recorded_at:%Y-%m-%d %H:%M})")
    out("drafts:" if drafts else "drafts: none yet (afterview draft --interview ID --type T)")
    policy = services.policy() if drafts else None
    for draft in drafts:
        verdict = "passed" if draft.passed else "blocked"
        if is_stale(draft.policy_version, policy):
            verdict += " (by an older policy: re-checked when opened or exported)"
        edited = ", edited" if draft.edited_at else ""
        label = draft.note_type.replace("_", "-")
        out(f"  #{draft.id:<5} {label} to {draft.recipient}, {draft.tone}, {draft.engine}, {verdict}{edited}: {draft.subject}")
    out("sent:" if sent else "sent: nothing marked sent yet (afterview sent ID --type T)")
    for entry in sent:
        via = f" (draft #{entry.draft_id})" if entry.draft_id else ""
        out(f"  {entry.sent_on}  {entry.note_type.replace('_', '-')} to {entry.recipient}{via}")
    return EXIT_OK


def _angle(email: str | None) -> str:
    return f"<{email}>" if email else ""


def _edit(args: argparse.Namespace) -> int:
    from afterview.interview_file import load_interview

    interview = load_interview(args.path)
    with _open_store() as store:
        summary = store.update_interview(args.id, interview)
    parts = [f"{plural(len(summary.kept), 'interviewer')} kept"]
    if summary.added:
        parts.append(f"added {', '.join(summary.added)}")
    if summary.removed:
        parts.append(f"removed {', '.join(summary.removed)} (their drafts and sent notes stay in the history)")
    notice(f"interview #{args.id} updated: {'; '.join(parts)}")
    return EXIT_OK


def _delete(args: argparse.Namespace) -> int:
    with _open_store() as store:
        interview = store.interview(args.id)
        what = f"interview #{args.id} ({interview.company}, {interview.role})"
        if not args.yes:
            raise InputError(f"deleting {what} also deletes its drafts and sent log: add --yes to confirm")
        drafts, sent = len(store.draft_summaries(args.id)), len(store.sent(args.id))
        store.delete_interview(args.id)
    notice(f"deleted {what} with its {plural(drafts, 'draft')} and {plural(sent, 'sent note')}")
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    with _open_store() as store:
        on = store.set_status(args.id, args.status, args.on)
    notice(f"interview #{args.id} is now {args.status} (since {on})")
    return EXIT_OK


def _sent(args: argparse.Namespace) -> int:
    from afterview.domain import NoteType
    from afterview.usecases.sending import mark_sent

    note_type = NoteType(args.note_type)
    with _open_store() as store:
        entry = mark_sent(_stored(store, args.id), note_type, args.to, args.on, args.draft_id)
    via = f" (draft #{entry.draft_id})" if entry.draft_id else ""
    if entry.already:
        notice(f"the {note_type.label} to {entry.recipient} was already marked as sent on {entry.sent_on}{via}")
    else:
        notice(f"marked the {note_type.label} to {entry.recipient} as sent on {entry.sent_on}{via}")
    return EXIT_OK


def _stored(store, interview_id: int, profile=None):
    from afterview.usecases.checking import StoredInterview
    from afterview.usecases.recipients import signature_lines

    interview = store.interview(interview_id)
    return StoredInterview(store, interview_id, interview, signature_lines(interview, profile))


def _export(args: argparse.Namespace) -> int:
    from afterview.config import resolve_settings

    if args.output:
        _refuse_overwrite(args)
    settings = resolve_settings(model=args.model, base_url=args.base_url, offline=args.offline)
    with _open_store(settings.paths) as store:
        stored = _stored(store, args.id, settings.profile)
        if args.format == "ics":
            exported = _export_ics(args, stored)
        else:
            exported = _export_note(args, stored, settings)
    for warning in exported.warnings:
        notice(warning)
    draft = exported.draft
    # --to may be a first name or a prefix: say whom the note is for.
    _deliver(exported.content, args, f"the {draft.note_type.label} to {draft.recipient}" if draft is not None else "")
    return EXIT_BLOCKED if exported.draft is not None and not exported.draft.report.passed else EXIT_OK


def _export_ics(args: argparse.Namespace, stored):
    from datetime import date

    from afterview.usecases.due import due_for_stored
    from afterview.usecases.exporting import export_reminders

    if args.note_type or args.to or args.draft_id:
        raise InputError("--format ics exports a reminder for every note still to send: leave out --type, --to and --draft")
    today = args.today or date.today()
    return export_reminders(stored, due_for_stored(stored.store, args.id, today), today)


def _export_note(args: argparse.Namespace, stored, settings):
    from afterview import services
    from afterview.domain import NoteType
    from afterview.usecases.exporting import export_draft, pick_draft

    note_type = NoteType(args.note_type) if args.note_type else None
    draft, note_type, recipient = pick_draft(stored, note_type, args.to, args.draft_id)
    if draft is None:
        draft = _draft_one(stored, note_type, recipient, settings)
    return export_draft(stored, services.policy(), draft, args.format, settings.profile)


def _draft_one(stored, note_type, recipient: str, settings):
    """Draft, store and return one note when none is stored yet (LLM when configured)."""
    import asyncio

    from afterview import services
    from afterview.usecases.drafting import DraftJob, draft_notes, requests_for

    requests = requests_for(stored.interview, DraftJob(note_type, to=recipient), settings.profile,
                            config_file=str(settings.paths.config_file))  # fmt: skip
    writer = services.command_writer(settings, notice)

    async def first():
        async for result in draft_notes(writer, requests, stored=stored):
            if result.save_error is not None:
                raise result.save_error
            return result.drafts[0]

    draft = asyncio.run(first())
    notice(f"no stored {note_type.label} draft to {recipient}: drafted and stored #{draft.id} ({draft.engine})")
    for message in draft.notices:
        notice(message)
    return draft


def _refuse_overwrite(args: argparse.Namespace) -> None:
    """Refuse ``-o`` onto a folder or (without ``--force``) an existing file, before anything else is said."""
    from pathlib import Path

    path = Path(args.output)
    if path.is_dir():
        raise InputError(f"-o {path}: is a folder; give a file name")
    if path.exists() and not args.force:
        raise InputError(f"-o {path}: already exists; add --force to overwrite it")


def _deliver(content: bytes, args: argparse.Namespace, what: str) -> None:
    """Write the export to ``-o PATH`` (atomically, mode 0600) or to stdout; ``what`` names
    the note ("the thank-you to Jordan Lee"), empty for the reminders."""
    if not args.output:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        if what:
            notice(f"exported {what}")
        return
    from pathlib import Path

    from afterview.fileio import write_atomic

    path = Path(args.output)
    try:
        write_atomic(path, content, mode=0o600)
    except OSError as exc:
        raise InputError(f"-o {path}: cannot write ({exc.strerror or exc})") from None
    notice(f"wrote {path}: {what}" if what else f"wrote {path}")


_HANDLERS = {
    "add": _add,
    "list": _list,
    "show": _show,
    "edit": _edit,
    "delete": _delete,
    "status": _status,
    "sent": _sent,
    "export": _export,
}
