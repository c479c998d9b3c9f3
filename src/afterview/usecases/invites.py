"""Importing a calendar invite from a face: which file, who the user is, which event.

The TUI's "import invite" comes here; ``afterview.invite`` reads the file. The rules:

- **the file**: ``~`` is expanded; a relative name is looked for in the folder the face
  offered (``paths.invite_folder``), then in the current folder.
- **the user**: the profile's name and email and whatever the form already says about
  the candidate, so the user is never taken for an interviewer.
- **recent invites**: the newest ``.ics`` files of the offered folder, to pick from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo
from pathlib import Path

from afterview.invite import Proposal, candidate_from, load_invite

RECENT_INVITES = 5
"""How many of the folder's newest ``.ics`` files are offered."""


def invite_path(typed: str, folder: Path) -> Path:
    """The file ``typed`` names: ``~`` expanded, a relative name inside ``folder`` when it
    is there, else in the current folder (where the error then names it)."""
    path = Path(typed.strip()).expanduser()
    if path.is_absolute():
        return path
    inside = folder / path
    return inside if inside.exists() else Path.cwd() / path


def recent_invites(folder: Path, limit: int = RECENT_INVITES) -> list[Path]:
    """The newest ``.ics`` files directly in ``folder`` (none if it cannot be read)."""
    try:
        found = [(entry.stat().st_mtime, entry) for entry in folder.iterdir() if entry.suffix.lower() == ".ics" and entry.is_file()]
    except OSError:
        return []
    return [path for _, path in sorted(found, key=lambda pair: (-pair[0], pair[1].name))[:limit]]


def propose_interview(
    path: Path,
    *,
    names: Iterable[str | None],
    emails: Iterable[str | None],
    event_uid: str | None = None,
    zone: tzinfo | None = None,
) -> Proposal:
    """The interview the invite at ``path`` is for, without the user among the interviewers.

    Args:
        names: the user's names (the profile's, the form's candidate); the first given counts.
        emails: every address of the user (profile, form).
        event_uid: which event, after ``SeveralEvents`` listed them.
        zone: the user's time zone (default: the machine's).

    Raises:
        InputError: no such file, a folder, unreadable; ``InviteError`` (a subclass) for a
            broken, empty or too large file, and its subclasses ``CancelledInvite`` and
            ``SeveralEvents``.
    """
    name = next((n.strip() for n in names if n and n.strip()), None)
    candidate = candidate_from(name, (e.strip() for e in emails if e and e.strip()))
    return load_invite(path, candidate=candidate, event_uid=event_uid, zone=zone)
