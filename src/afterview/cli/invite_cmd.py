"""``afterview add --ics INVITE.ics``: store the interview a calendar invite is for.

Parsing and printing only: ``afterview.invite`` reads the invite and makes the record.
The new id goes to stdout alone (as ``add`` prints it); what was guessed goes to stderr,
so the person can check it and fix it with ``afterview edit``.
"""

from __future__ import annotations

import argparse
import sys

from afterview.cli.output import error, notice, out
from afterview.errors import EXIT_OK, EXIT_USAGE


def run_add(args: argparse.Namespace, open_store) -> int:
    """Read the invite, store its interview, print the id and the guesses."""
    from afterview.config import load_config_file
    from afterview.invite import Candidate, MissingGuess, SeveralEvents, load_invite
    from afterview.paths import app_paths

    profile = load_config_file(app_paths().config_file).profile
    candidate = Candidate(profile.name, (profile.email,) if profile.email else ())
    try:
        proposal = load_invite(args.ics, candidate=candidate, event_uid=args.event)
    except SeveralEvents as exc:
        error(str(exc))
        for line in exc.events:
            day = line.day.isoformat() if line.day else "(no date)"
            out(f"  {line.uid}  {day}  {line.summary}", stream=sys.stderr)
        return EXIT_USAGE
    try:
        interview = proposal.interview(company=args.company, role=args.role)
    except MissingGuess as exc:
        raise type(exc)(exc.field, f"{exc}: add --{exc.field} {exc.field.upper()}") from None
    with open_store() as store:
        new_id = store.add_interview(interview)
    out(str(new_id))  # the id alone, for scripts
    _tell_guesses(new_id, proposal, interview, args, known_me=bool(candidate.emails))
    return EXIT_OK


def _tell_guesses(new_id: int, proposal, interview, args: argparse.Namespace, known_me: bool) -> None:
    """What was taken from the invite, and from where, for the person to check."""
    company_from = "as you gave it" if args.company else f"from {proposal.company_from}"
    role_from = "as you gave it" if args.role else "from the title"
    when = ""
    if proposal.starts_at is not None:
        zone = proposal.starts_at.tzname() or "your time"
        when = f" (starts {proposal.starts_at:%H:%M} {zone})"
    people = ", ".join(f"{p.name} <{p.email}>" if p.email else p.name for p in interview.interviewers)
    lines = [
        f"stored interview #{new_id} from {proposal.source}; check what was guessed and fix it with "
        f"afterview edit {new_id} INTERVIEW.toml (afterview show {new_id} shows it):",
        f"  company       {interview.company} ({company_from})",
        f"  role          {interview.role} ({role_from})",
        f"  date          {interview.interview_date}{when}",
        f"  interviewers  {people}",
    ]
    if proposal.skipped:
        lines.append(f"  {'left out':<13} " + ", ".join(f"{s.who} ({s.why})" for s in proposal.skipped))
    if not known_me:
        lines.append("  no email under [profile] in config.toml: set it so invites tell you apart from the interviewers")
    notice("\n".join(lines))
