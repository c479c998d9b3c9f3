"""The interview form's "import invite": an ``.ics`` file fills the date and the
interviewers, and the company and role as guesses the person confirms.

A mixin of ``InterviewFormScreen`` (kept apart so each file reads in one sitting): it
uses the screen's ``values``, ``_schedule``, ``_touched`` and ``_guessed``. A guess is
marked ▲ under its field; Enter on the field, or typing over it, confirms it, and the
form is not saved until every guess is confirmed. Reading the file is the use case's
(``usecases.invites``); merging it into what is typed, losing nothing, the form model's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from afterview.tui.form_model import FormValues, fill_from_invite
from afterview.tui.safe_text import literal
from afterview.tui.widgets.form_fields import Field, InterviewerBlock


class ImportingInvite:
    """The form's import action, the guesses' marks, and confirming them."""

    def action_import_invite(self) -> None:
        """Ask for an invite file; its date and interviewers fill the form, company and role as guesses."""
        from afterview.paths import invite_folder
        from afterview.tui.screens.invite_dialogs import InviteDialog
        from afterview.usecases.invites import invite_path, propose_interview, recent_invites

        profile = self.backend.settings.profile
        typed = self.values()

        def load(path: Path, event_uid: str | None) -> Any:
            names = (typed.candidate, profile.name)
            return propose_interview(path, names=names, emails=(typed.candidate_email, profile.email), event_uid=event_uid)

        folder = invite_folder()
        self.app.push_screen(InviteDialog(folder, recent_invites(folder), load, invite_path), self._invite_read)

    async def _invite_read(self, proposal: Any) -> None:
        """Merge the invite's ``Proposal`` (None: cancelled) into the form and mark the guesses."""
        if proposal is None:
            return
        from afterview.tui.screens.invite_dialogs import describe_import

        fill = fill_from_invite(self.values(), proposal.form_values(), company_from=proposal.company_from)
        # The guesses are held before any widget changes: a validation that runs while
        # the new interviewer blocks mount must not save them unconfirmed.
        self._guessed.update((key, getattr(fill.values, key)) for key in fill.guessed)
        await self._show_values(fill.values)
        for key, source in fill.guessed.items():
            self._top_field(key).set_guess(f"Guessed from {source}: enter keeps it, or type over it")
        note = self.query_one("#invite-note", Static)
        note.update(literal(describe_import(proposal, fill.added, fill.missing)))
        note.display = True
        self._touched.add("interview_date")
        self._top_field("company").input.focus()
        self.query_one("#form").scroll_home(animate=False)
        self._schedule()

    async def _show_values(self, values: FormValues) -> None:
        """Put ``values`` (the form's own, merged with an invite's) into the widgets."""
        for key in ("company", "role", "interview_date"):
            self._top_field(key).value = getattr(values, key)
        blocks = list(self.query(InterviewerBlock))
        for number, person in enumerate(values.interviewers, start=1):
            if number > len(blocks):
                block = InterviewerBlock(person, number=number)
                await self.query_one("#form").mount(block, before=self.query_one("#add-interviewer"))
                continue
            for key in ("name", "email"):
                field = blocks[number - 1].field(key)
                if field.value != getattr(person, key):
                    field.value = getattr(person, key)

    def _top_field(self, key: str) -> Field:
        """The field for ``key`` outside the interviewer blocks (``company``, ``role``...)."""
        return next(f for f in self.query(Field) if f.key == key and not isinstance(f.parent, InterviewerBlock))

    def _confirm(self, key: str) -> None:
        """The person kept or changed a guess from the invite: it is theirs now."""
        self._guessed.pop(key, None)
        self._top_field(key).set_guess(None)
        self._schedule()

    def _focus_guess(self) -> None:
        """Bring the first unconfirmed guess into view, where enter confirms it."""
        if self._guessed:
            field = self._top_field(next(iter(self._guessed)))
            field.input.focus()
            field.scroll_visible()
