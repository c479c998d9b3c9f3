"""Checking a note: any text against a record, a stored draft, or a person's edit.

One verdict: every door builds its context with ``afterview.context.check_context``
and runs the same pipeline, so the same text gets the same findings from ``check
--strict --from``, ``check --strict --interview``, ``draft`` and the TUI's re-check
(panel findings need the stored notes, so a file alone has none). Two bars: a draft as
afterview produced it is held to the drafts' bar (``strict``); once the person edits
it, it is their note, and ``check``'s per-type severities apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from afterview.checks import CheckContext, Report, run_checks
from afterview.context import check_context
from afterview.errors import StoreError
from afterview.frozen import NamedTuple, replace

if TYPE_CHECKING:
    from afterview.checks import Policy
    from afterview.domain import Draft, Interview, NoteType


class StoredInterview(NamedTuple):
    """A stored interview as a check sees it: the record, its id, the store it lives in,
    and the lines its notes are signed with (``recipients.signature_lines``)."""

    store: Any
    interview_id: int
    interview: Interview
    signature: tuple[str, ...] = ()


def note_context(
    policy: Policy,
    note_type: NoteType,
    recipient: str | None,
    *,
    interview: Interview | None = None,
    stored: StoredInterview | None = None,
    signature: Sequence[str] = (),
) -> CheckContext:
    """The context for a note: bare (no record), a file's record, or a stored interview.

    A stored interview adds the notes a panel may read beside this one: the other
    recipients' latest drafts and every note sent to them. ``signature`` (a stored
    interview carries its own) is masked like the record's texts, as ``draft`` does.
    """
    if stored is not None:
        others = stored.store.other_notes(stored.interview_id, recipient) if recipient else []
        return check_context(
            stored.interview, note_type, recipient, policy, other_notes=others, signature=signature or stored.signature
        )
    if interview is not None:
        return check_context(interview, note_type, recipient, policy, signature=signature)
    if recipient:
        return CheckContext(note_type=note_type.value, recipient=recipient)
    return CheckContext(note_type=note_type.value)


def check_text(text: str, context: CheckContext, policy: Policy, *, strict: bool = False) -> Report:
    """Check ``text``; ``strict`` holds it to the drafts' bar (``check --strict``)."""
    return run_checks(text, context, policy, drafts_bar=strict)


def recheck_edit(stored: StoredInterview, policy: Policy, draft: Draft, body: str) -> Draft:
    """Check a person's edit of a stored draft by ``check``'s severities, and save it.

    Returns the stored draft with its new body and report. The edit stays the person's
    note from now on: later re-checks keep ``check``'s bar.

    Raises:
        StoreError: the edit could not be saved (the caller keeps the text).
    """
    context = note_context(policy, draft.note_type, draft.recipient, stored=stored)
    report = check_text(body, context, policy, strict=False)
    return stored.store.update_draft_body(draft.id, body, report)


def is_stale(policy_version: str | None, policy: Policy) -> bool:
    """True when a stored report was judged by another version of the policy (lists say so;
    opening or exporting the draft re-checks it)."""
    return policy_version != policy.version


def fresh(stored: StoredInterview, policy: Policy, draft: Draft) -> Draft:
    """``draft`` with a report that matches a re-check now (re-checked and saved when stale).

    The bar stays the one the stored report used: the drafts' bar for afterview's own
    drafts, ``check``'s for a person's edit. Panel findings are recomputed too, against
    the notes stored now. A failure to save the fresh report still returns it.
    """
    context = note_context(policy, draft.note_type, draft.recipient, stored=stored)
    report = check_text(draft.body, context, policy, strict=draft.report.drafts_bar)
    if report == draft.report:
        return draft
    try:
        stored.store.replace_report(draft.id, report)
    except StoreError:
        pass  # the verdict returned is right even when saving it failed
    return replace(draft, report=report)
