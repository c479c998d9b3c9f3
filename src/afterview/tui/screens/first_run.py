"""First run: ask who signs the notes, save it to the config file, say what to do next."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static

from afterview.tui.safe_text import bold, line
from afterview.tui.screens.base import AfterviewScreen
from afterview.tui.widgets.footer import Footer
from afterview.tui.widgets.form_fields import NEXT_FIELD, Field, next_field, typed_so_far

WELCOME = (
    "afterview helps you write the short notes that follow a job interview, "
    "tells you when each one is due, and checks every draft before you send it.\n\n"
    "First, who signs your notes? This is saved in your config file; "
    "nothing leaves your machine unless you set up an LLM."
)


class ProfileScreen(AfterviewScreen[bool]):
    """Name (required), email and signature; dismisses True once saved.

    A whole screen over the dashboard, not a dialog: nothing behind it is drawn, so
    the dashboard filling in meanwhile costs it nothing.
    """

    BINDINGS = [
        Binding("escape", "skip", "Skip for now"),
        Binding("ctrl+s", "save", "Save", priority=True),
        NEXT_FIELD,
    ]

    def compose(self) -> ComposeResult:
        """Welcome text and three fields, the keys below (few widgets: it is the first
        screen a first run draws)."""
        with Vertical(classes="dialog-box wide", id="profile-box"):
            yield Static(line(bold("Welcome to afterview"), "\n\n", WELCOME), classes="dialog-text")
            yield Field("Your name", "name", placeholder="e.g. Sam Rivera", hint="Signs every note.")
            yield Field(
                "Your email",
                "email",
                placeholder="optional: fills From in exported emails",
                hint="Also tells you apart from the interviewers on an invite.",
            )
            yield Field("Signature", "signature", placeholder="optional: phone or LinkedIn, under your name")
            yield Button("Save and continue", id="save", variant="primary", compact=True)
            yield Static("enter next field · ctrl+s save · esc skip", classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        """The name field focused."""
        self.query_one(Field).input.focus()

    async def action_next_field(self) -> None:
        """Enter: the next field; on the last one, save."""
        await next_field(self, after_last=self.action_save)

    @on(Button.Pressed, "#save")
    async def action_save(self) -> None:
        """Validate and write the profile; errors show under their field."""
        from afterview.fields import RecordError

        await typed_so_far(self)
        if not await self.app.backend_settled():  # type: ignore[attr-defined] - shown before the settings are read
            return  # they cannot be read: the app says why on the dashboard
        values = {f.key: f.value.strip() for f in self.query(Field)}
        for field in self.query(Field):
            field.set_error(None)
        if not values["name"]:
            self.query_one(Field).set_error("required: the name your notes are signed with")
            return
        backend = self.backend
        try:
            backend.save_profile(values["name"], values["email"], values["signature"])
        except RecordError as exc:
            for problem in exc.problems:
                key = str(problem.loc[0]) if problem.loc else "name"
                field = next((f for f in self.query(Field) if f.key == key), None)
                if field is not None:
                    field.set_error(problem.message)
            return
        except Exception as exc:  # noqa: BLE001 - e.g. an unwritable config dir
            self.notify(str(exc), severity="error", title="Profile not saved")
            return
        self.notify(
            f"Saved to {backend.settings.paths.config_file}. Next: press a to add the interview you just had "
            "(ctrl+o there imports its calendar invite).",
            title=f"Hello, {values['name'].split()[0]}",
            timeout=8,
        )
        self.dismiss(True)

    def action_skip(self) -> None:
        """Continue without a profile (the interview form's "Your name" signs instead)."""
        self.dismiss(False)
