"""Arguments of the commands over stored interviews (add, list, show, edit, delete,
status, sent, export). Stdlib only, like ``parser``: building the parser stays cheap.

Wired from ``parser.build_parser`` through ``STORE_BUILDERS`` (one function a command, so
a command line builds only the command it names); every command here runs
``afterview.cli.store_cmds.run``.
"""

from __future__ import annotations

import argparse

from afterview.cli.parser import NOTE_TYPES, add_command, add_llm_flags, iso_date


def record_id(value: str) -> int:
    """argparse type for a stored interview or draft id: a whole number from 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an id (a whole number; afterview list shows them)") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is not an id (ids start at 1)")
    return number


def _add_add(commands) -> None:
    add = add_command(
        commands, "add", "store an interview file or a calendar invite; prints the new id",
        "afterview add interview.toml", "afterview add --ics invite.ics", "afterview add --ics rounds.ics --event round-2@example.com",
        details="From a calendar invite (.ics), the company and role are guessed from its title and the "
        "organizer's address, the date is the event's in your time zone, and the interviewers are everyone "
        "invited except you (known from your profile's email), rooms and guests with no name. What was guessed is "
        "printed so you can fix it with afterview edit.",
    )
    add.add_argument("path", nargs="?", metavar="INTERVIEW.toml", help="interview file")
    add.add_argument("--ics", metavar="INVITE.ics", help="read the interview from a calendar invite instead")
    add.add_argument("--event", metavar="UID", help="with --ics: the event to read when the file holds several")
    add.add_argument("--company", metavar="NAME", help="with --ics: the company, over the guess")
    add.add_argument("--role", metavar="ROLE", help="with --ics: the role, over the guess")


def _add_list(commands) -> None:
    listing = add_command(commands, "list", "list the stored interviews", "afterview list", "afterview list --json")
    listing.add_argument("--json", action="store_true", help="JSON Lines output, one object per interview")


def _add_show(commands) -> None:
    show = add_command(commands, "show", "show a stored interview with its drafts, status history and sent log",
                       "afterview show 3", "afterview show 3 --json")
    show.add_argument("id", type=record_id, metavar="ID", help="interview id")
    show.add_argument("--json", action="store_true", help="JSON output")


def _add_edit(commands) -> None:
    edit = add_command(
        commands, "edit", "replace a stored interview with an edited file (interviewers are matched by name)",
        "afterview edit 3 interview.toml",
        details=(
            "Interviewers are matched by name, ignoring case and runs of spaces: a match keeps its id, drafts and sent notes. A renamed "
            "interviewer counts as removed and added: the old name's drafts and sent notes stay in the "
            "history under that name, so a thank-you marked sent to it is due again for the new name "
            "(rename in the app's interview form to keep them)."
        ),
    )
    edit.add_argument("id", type=record_id, metavar="ID", help="interview id")
    edit.add_argument("path", metavar="INTERVIEW.toml", help="interview file")


def _add_delete(commands) -> None:
    delete = add_command(commands, "delete", "delete a stored interview with its drafts and sent log", "afterview delete 3 --yes")
    delete.add_argument("id", type=record_id, metavar="ID", help="interview id")
    delete.add_argument("--yes", action="store_true", help="confirm the deletion (required)")


def _add_status(commands) -> None:
    from afterview.notes import STATUS_VALUES as STATUSES

    status = add_command(commands, "status", "record a new status for a stored interview",
                         "afterview status 3 rejected --on 2026-12-08", "afterview status 3 offered")
    status.add_argument("id", type=record_id, metavar="ID", help="interview id")
    status.add_argument("status", choices=STATUSES, help="the new status")
    status.add_argument("--on", type=iso_date, metavar="DATE", help="when it changed (default today)")


def _add_sent(commands) -> None:
    sent = add_command(commands, "sent", "mark a note as sent (once; marking it again says it already was)",
                       "afterview sent 3 --type thank_you --to Jordan", "afterview sent 3 --type follow_up --on 2026-12-15")
    sent.add_argument("id", type=record_id, metavar="ID", help="interview id")
    sent.add_argument("--type", dest="note_type", choices=NOTE_TYPES, required=True, help="note type")
    sent.add_argument("--to", dest="to", metavar="NAME", help="recipient (default the contact; a panel thank-you needs it)")
    sent.add_argument("--on", type=iso_date, metavar="DATE", help="when it was sent (default today)")
    sent.add_argument("--draft", dest="draft_id", type=record_id, metavar="DRAFT_ID", help="the draft that was sent (default: the latest for that type and recipient)")


def _add_export(commands) -> None:
    from afterview.notes import EXPORT_FORMATS as FORMATS, EXPORT_VALUES as EXPORT_FORMATS

    for_a_note = ", ".join(fmt.value for fmt in FORMATS if fmt.per_note)
    for_reminders = ", ".join(fmt.value for fmt in FORMATS if not fmt.per_note)

    export = add_command(commands, "export", f"export a note ({for_a_note}) or the reminders ({for_reminders})",
                         "afterview export 3 --type thank_you --to Jordan --format eml -o jordan.eml",
                         "afterview export 3 --format ics -o reminders.ics")
    export.add_argument("id", type=record_id, metavar="ID", help="interview id")
    export.add_argument("--format", dest="format", choices=EXPORT_FORMATS, required=True, help=f"{for_a_note} for a note; {for_reminders} for the reminders")
    export.add_argument("--type", dest="note_type", choices=NOTE_TYPES, help="note type (not for ics)")
    export.add_argument("--to", dest="to", metavar="NAME", help="recipient (default the contact; a panel thank-you needs it)")
    export.add_argument("--draft", dest="draft_id", type=record_id, metavar="DRAFT_ID", help="export this stored draft (default: the latest)")
    export.add_argument("-o", "--output", dest="output", metavar="PATH", help="write to PATH instead of stdout")
    export.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    export.add_argument("--today", type=iso_date, metavar="DATE", help="for ics: pretend today is DATE (YYYY-MM-DD)")
    add_llm_flags(export)  # used only when no draft is stored yet and one is drafted


STORE_BUILDERS = {
    "add": _add_add,
    "list": _add_list,
    "show": _add_show,
    "edit": _add_edit,
    "delete": _add_delete,
    "status": _add_status,
    "sent": _add_sent,
    "export": _add_export,
}
"""Each command of this module and the function that adds it to the parser."""

STORE_COMMANDS: tuple[str, ...] = tuple(STORE_BUILDERS)
"""The command names this module adds; each maps to ``afterview.cli.store_cmds``."""
