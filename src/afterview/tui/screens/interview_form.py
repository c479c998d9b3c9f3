"""The interview form: inline validation as you type, autosaved through the store."""

from __future__ import annotations

import time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from afterview.tui.screens.base import AfterviewScreen
from afterview.tui.screens.form_invite import ImportingInvite
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Header, Input, Label, Select, Static

from afterview import notes
from afterview.tui.form_model import (
    INTERVIEWERS_KEY,
    NOT_SAVED_YET,
    FormValues,
    InterviewerValues,
    build_interview,
    moment_warning,
    renamed_interviewers,
    unconfirmed_message,
    unsaved_message,
)
from afterview.tui.messages import InterviewSaved
from afterview.tui.safe_text import literal
from afterview.tui.widgets.footer import Footer
from afterview.tui.widgets.form_fields import NEXT_FIELD, Field, InterviewerBlock, next_field, typed_so_far

VALIDATE_DELAY = 0.15
"""Seconds after the last keystroke before the form is checked (and saved if valid)."""
SAVE_WITHIN = 0.8
"""Typing without a pause still saves this often, so no edit waits more than a second."""
STATUSES = tuple((term.label, term.value) for term in notes.STATUSES)


class InterviewFormScreen(ImportingInvite, AfterviewScreen[None]):
    """Add or edit one interview. Valid changes are saved as you type; errors show inline.

    Enter moves to the next field. Messages go to the status line under the form, not
    to toasts, which would cover the field being typed in.
    """

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+d", "draft", "Draft", priority=True),
        Binding("ctrl+n", "add_interviewer", "Add interviewer", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+o", "import_invite", "Import invite", priority=True),
        NEXT_FIELD,
    ]
    ACTION_HELP = {
        "back": "Back to the dashboard (changes are already saved)",
        "draft": "Save and open the draft studio for this interview",
        "add_interviewer": "Add another interviewer",
        "remove_interviewer": "Remove the interviewer being edited",
        "save": "Save now (the form also saves as you type)",
        "import_invite": "Import a calendar invite (.ics): date and interviewers, company and role to confirm",
    }

    def __init__(self, interview_id: int | None) -> None:
        super().__init__()
        self.interview_id = interview_id
        self._touched: set[str] = set()
        self._show_all = False
        self._errors: dict[str, str] = {}
        self._timer: Timer | None = None
        self._dirty_since: float | None = None
        self._saved_values: FormValues | None = None
        self._guessed: dict[str, str] = {}
        """Fields holding a guess from an invite that the person has not confirmed: key -> the guess."""
        self._saved_state = "Saved."
        """The status line for a form that matches what is stored."""
        self.state_text = ""
        """What the status line under the form says now."""

    # -- building --------------------------------------------------------------------

    def _initial_values(self) -> FormValues:
        backend = self.backend
        if self.interview_id is not None:
            values = FormValues.from_interview(backend.interview(self.interview_id))
            self._saved_values = values
            return values
        profile = backend.settings.profile
        return FormValues(
            candidate=profile.name or "",
            candidate_email=profile.email or "",
            interview_date=backend.today().isoformat(),
        )

    def compose(self) -> ComposeResult:
        """Sections: you, the interview, interviewers, while you wait."""
        v = self._initial_values()
        yield Header()
        with VerticalScroll(id="form"):
            yield Button("Import a calendar invite (ctrl+o)", id="import-invite", compact=True, action="screen.import_invite")
            yield Static("", id="invite-note")
            yield Label("The interview", classes="section-title")
            yield Field("Company", "company", v.company, placeholder="e.g. Northwind Analytics")
            yield Field("Role", "role", v.role, placeholder="e.g. Data Analyst")
            yield Field("Interviewed on", "interview_date", v.interview_date, placeholder="YYYY-MM-DD")
            yield Field(
                "Decision by",
                "decision_date",
                v.decision_date,
                placeholder="YYYY-MM-DD",
                hint="When they said they would decide: ask them if they did not say.",
            )
            with Horizontal(classes="field"):
                yield Label("Status", classes="field-label")
                yield Select(STATUSES, value=v.status, allow_blank=False, compact=True, id="status")
            yield Field("Status since", "status_date", v.status_date, placeholder="YYYY-MM-DD (optional)")
            yield Label("Interviewers", classes="section-title")
            yield Static("", id="interviewers-error", classes="field-error")
            stored = self.interview_id is not None
            for number, person in enumerate(v.interviewers, start=1):
                yield InterviewerBlock(person, number=number, stored_name=person.name if stored else None)
            yield Button("+ Add interviewer (ctrl+n)", id="add-interviewer", compact=True)
            yield Label("While you wait (optional)", classes="section-title")
            yield Field("Offer from", "competing_offer.company", v.offer_company, placeholder="another employer's real offer")
            yield Field("Offer deadline", "competing_offer.deadline", v.offer_deadline, placeholder="YYYY-MM-DD")
            yield Field("Award", "award.name", v.award_name, placeholder="an award or recognition since")
            yield Field("Award date", "award.date", v.award_date, placeholder="YYYY-MM-DD")
            yield Field("Why it matters", "award.relevance", v.award_relevance, placeholder="optional: ties it to the role")
            yield Field(
                "You admire",
                "mission",
                v.mission,
                placeholder="optional, e.g. making transit data open to every city",
                hint="What draws you to the organisation; a keep-me-in-mind note after a rejection uses it.",
            )
            yield Label("You", classes="section-title")
            yield Field("Your name", "candidate", v.candidate, placeholder="signs the notes (from your profile)")
            yield Field("Your email", "candidate_email", v.candidate_email, placeholder="optional: the From of exported emails")
        yield Static("", id="save-state")
        yield Footer()

    def on_mount(self) -> None:
        """Title, hidden error lines, first field focused, moment warnings for stored text."""
        self.sub_title = "edit interview" if self.interview_id else "new interview"
        self.query_one("#interviewers-error").display = False
        self.query_one("#invite-note").display = False
        # Toasts left from the screen before (the first run's "press a") would sit on the fields.
        self.app.clear_notifications()
        self.query_one(Field).input.focus()
        for block in self.query(InterviewerBlock):
            self._check_moment(block)
        self._set_state("Saved." if self.interview_id else NOT_SAVED_YET)

    # -- reading the form ------------------------------------------------------------

    def values(self) -> FormValues:
        """Everything typed, as ``FormValues``."""
        fields = {f.key: f.value for f in self.query(Field) if not isinstance(f.parent, InterviewerBlock)}
        status = self.query_one("#status", Select).value
        return FormValues(
            candidate=fields["candidate"],
            candidate_email=fields["candidate_email"],
            company=fields["company"],
            role=fields["role"],
            interview_date=fields["interview_date"],
            decision_date=fields["decision_date"],
            status=str(status),
            status_date=fields["status_date"],
            interviewers=[block.values() for block in self.query(InterviewerBlock)],
            offer_company=fields["competing_offer.company"],
            offer_deadline=fields["competing_offer.deadline"],
            award_name=fields["award.name"],
            award_date=fields["award.date"],
            award_relevance=fields["award.relevance"],
            mission=fields["mission"],
        )

    def _field_key(self, widget: Input) -> str:
        block = next((a for a in widget.ancestors if isinstance(a, InterviewerBlock)), None)
        if block is None:
            return widget.name or ""
        index = list(self.query(InterviewerBlock)).index(block)
        return f"{INTERVIEWERS_KEY}.{index}.{widget.name}"

    # -- reacting to edits -----------------------------------------------------------

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        key = self._field_key(event.input)
        if event.input.has_focus:
            self._touched.add(key)
        if key in self._guessed and event.value != self._guessed[key]:
            self._confirm(key)  # changed by hand: the person's own value now
        if event.input.name in ("moment", "name"):
            block = next(a for a in event.input.ancestors if isinstance(a, InterviewerBlock))
            self._check_moment(block)
        self._schedule()

    async def action_next_field(self) -> None:
        """Enter: the next field (confirming a guess from an invite); on the last one, save now."""
        if isinstance(self.focused, Input) and self._field_key(self.focused) in self._guessed:
            self._confirm(self._field_key(self.focused))
        await next_field(self, after_last=self.action_save)

    @on(Checkbox.Changed)
    @on(Select.Changed)
    def _choice_changed(self) -> None:
        self._schedule()

    def _schedule(self) -> None:
        """Validate (and save) shortly after typing stops, or now if edits have waited too long."""
        now = time.monotonic()
        self._dirty_since = self._dirty_since or now
        if self._timer is not None:
            self._timer.stop()
        if now - self._dirty_since >= SAVE_WITHIN:
            self.validate_and_save()
        else:
            self._timer = self.set_timer(VALIDATE_DELAY, self.validate_and_save)

    def validate_and_save(self, *, show_all: bool = False) -> bool:
        """Check the form, show errors on touched fields, save when valid; True if saved or unchanged."""
        self._show_all = self._show_all or show_all
        self._dirty_since = None
        values = self.values()
        interview, errors = build_interview(values)
        self._errors = errors
        self._show_errors()
        if interview is None:
            self._set_state(unsaved_message(errors, self._visible_errors()), error=bool(self._visible_errors()))
            return False
        if self._guessed:
            self._set_state(unconfirmed_message(self._guessed), error=show_all)
            return False
        if values == self._saved_values and self.interview_id is not None:
            self._set_state(self._saved_state)  # e.g. a field put back as it was stored
            return True
        backend = self.backend
        # values.interviewers is read from the blocks in this same order.
        blocks = list(zip(self.query(InterviewerBlock), values.interviewers, strict=True))
        try:
            if self.interview_id is None:
                self.interview_id = backend.store.add_interview(interview)
            else:
                # Each keystroke saves, so fixing a typo in a name must rename the stored
                # interviewer (keeping its id, drafts and sent log), not replace it.
                renamed = renamed_interviewers((block.stored_name, typed) for block, typed in blocks)
                backend.store.update_interview(self.interview_id, interview, renamed=renamed)
        except Exception as exc:  # noqa: BLE001 - a store error becomes a visible message, never a crash
            self._set_state(f"Not saved: {exc}", error=True)
            return False
        for block, typed in blocks:
            block.stored_name = None if typed.is_blank() else typed.name
        self._saved_values = values
        self.sub_title = "edit interview"
        self._saved_state = f"Saved {time.strftime('%H:%M:%S')}."
        self._set_state(self._saved_state)
        self.post_message(InterviewSaved(self.interview_id))
        return True

    def _shown(self, key: str) -> bool:
        if key == INTERVIEWERS_KEY:
            return self._show_all or any(k.startswith(INTERVIEWERS_KEY) for k in self._touched)
        return self._show_all or key in self._touched

    def _visible_errors(self) -> list[str]:
        return [key for key in self._errors if self._shown(key)]

    def _show_errors(self) -> None:
        shown = self._shown
        blocks = list(self.query(InterviewerBlock))
        for field in self.query(Field):
            block = field.parent if isinstance(field.parent, InterviewerBlock) else None
            key = f"{INTERVIEWERS_KEY}.{blocks.index(block)}.{field.key}" if block else field.key
            field.set_error(self._errors.get(key) if shown(key) else None)
        whole = self._errors.get(INTERVIEWERS_KEY) if shown(INTERVIEWERS_KEY) else None
        box = self.query_one("#interviewers-error", Static)
        box.update(literal(f"✖ {whole}") if whole else "")
        box.display = bool(whole)

    def _set_state(self, text: str, *, error: bool = False) -> None:
        self.state_text = text
        state = self.query_one("#save-state", Static)
        state.update(literal(text))
        state.set_class(error, "-error")

    def _check_moment(self, block: InterviewerBlock) -> None:
        """Show, as the user types, how the notes will read the moment (or why they will
        not quote it), and warn when it touches a protected characteristic."""
        moment = block.field("moment").value.strip()
        if not moment:
            block.set_moment_preview("")
            block.set_moment_warning(None)
            return
        from afterview.checks import scan_sensitive
        from afterview.errors import AfterviewError
        from afterview.usecases.moment_preview import moment_preview

        backend = self.backend
        try:
            policy = backend.policy()
        except AfterviewError as exc:  # a malformed policy file: say so once, keep the form usable
            block.set_moment_preview("")
            block.set_moment_warning(f"▲ The wording check is unavailable: {exc}")
            return
        recipient, nouns = block.field("name").value.strip() or None, self._proper_nouns()
        block.set_moment_preview(moment_preview(moment, recipient, nouns, policy))
        findings = scan_sensitive(moment, policy, nouns)
        warning = moment_warning(findings)
        block.set_moment_warning(warning)
        if warning:  # the note will not quote it, so there is no sentence to preview
            block.set_moment_preview("")

    def _proper_nouns(self) -> tuple[str, ...]:
        v = self.values()
        names = [v.company, v.role, v.candidate, v.offer_company, v.award_name]
        for person in v.interviewers:
            names += [person.name, person.title]
        return tuple(n.strip() for n in names if n.strip())

    # -- actions ---------------------------------------------------------------------

    @on(Button.Pressed, "#add-interviewer")
    async def action_add_interviewer(self) -> None:
        """Add an empty interviewer block and focus its name."""
        number = len(self.query(InterviewerBlock)) + 1
        block = InterviewerBlock(InterviewerValues(), number=number)
        await self.query_one("#form").mount(block, before=self.query_one("#add-interviewer"))
        self.set_focus(block.field("name").input)  # at once: the name may be typed straight away
        block.scroll_visible()

    @on(InterviewerBlock.RemoveRequested)
    def _remove_requested(self, event: InterviewerBlock.RemoveRequested) -> None:
        self._remove(event.block)

    def action_remove_interviewer(self) -> None:
        """Remove the interviewer block that has the focus."""
        block = next((a for a in (self.focused.ancestors if self.focused else []) if isinstance(a, InterviewerBlock)), None)
        if block is None:
            self._set_state("Move to an interviewer's fields first.", error=True)
            return
        self._remove(block)

    def _remove(self, block: InterviewerBlock) -> None:
        blocks = list(self.query(InterviewerBlock))
        if len(blocks) == 1:
            self._set_state("An interview needs at least one interviewer.", error=True)
            return
        block.remove()
        for number, other in enumerate((b for b in blocks if b is not block), start=1):
            other.renumber(number)
        self._touched = {k for k in self._touched if not k.startswith(INTERVIEWERS_KEY)}
        self.call_after_refresh(self._schedule)

    async def action_save(self) -> None:
        """Save now, showing every error (the status line says how it went)."""
        await typed_so_far(self)
        if not self.validate_and_save(show_all=True):
            self._focus_guess()

    async def action_draft(self) -> None:
        """Save, then open the draft studio on this interview's next note."""
        await typed_so_far(self)
        if not self.validate_and_save(show_all=True):
            self._set_state(f"{self.state_text} Drafting needs them {'confirmed' if self._guessed else 'fixed'}.", error=True)
            self._focus_guess()
            return
        from afterview.tui.screens.draft_studio import DraftStudioScreen

        self.app.switch_screen(DraftStudioScreen(self.interview_id))  # type: ignore[arg-type]

    def action_back(self) -> None:
        """Leave; if the latest changes cannot be saved, ask first."""
        if self._timer is not None:
            self._timer.stop()
        untouched_new = self.interview_id is None and not self._touched and not self._guessed
        if untouched_new or self.validate_and_save(show_all=True):
            self.dismiss()
            return
        from afterview.tui.screens.dialogs import ConfirmDialog

        question = "Some fields need fixing, so your latest changes are not saved. Leave anyway?"
        if self._guessed and not self._errors:
            question = "The company and role guessed from the invite are not confirmed, so the interview is not saved. Leave anyway?"
        self.app.push_screen(
            ConfirmDialog(question, yes="Leave", no="Stay"), lambda leave: self.dismiss() if leave else None
        )
