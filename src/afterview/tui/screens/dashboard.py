"""The first screen: stored interviews, the next note due for each, most urgent first."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import wraps

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import ScreenResume
from textual.reactive import var

from afterview.tui.screens.base import AfterviewScreen
from textual.widgets import Header, Input, Static

from afterview.tui.background import in_daemon_thread
from afterview.tui.dashboard_rows import DashboardRow, Listing
from afterview.tui.messages import BackendReady
from afterview.tui.safe_text import bold, dim, line, literal
from afterview.tui.widgets.footer import Footer
from afterview.tui.widgets.interview_list import Columns, InterviewList

EMPTY_TEXT = line(
    "No interviews yet.\n\nPress ",
    bold("a"),
    " to add the interview you just had: who you met and one thing you talked about.\n"
    "An invite in your calendar? ",
    bold("ctrl+o"),
    " in that form imports it (.ics).\n"
    "afterview then tells you which notes are due and drafts them, checked, for you to copy.\n\n",
    dim("? help · ctrl+p every command · q quit"),
)


def needs_data(action: Callable[[DashboardScreen], None]) -> Callable[[DashboardScreen], None]:
    """An action that does nothing until settings and store are loaded."""

    @wraps(action)
    def guarded(screen: DashboardScreen) -> None:
        if screen.backend.loaded:  # type: ignore[attr-defined]
            action(screen)

    return guarded


class DashboardScreen(AfterviewScreen[None]):
    """Interviews with their next note; keys to add, open, draft, delete, change status."""

    _cannot_start = False
    """Set when the loader failed: the keys that need data are dimmed and do nothing."""
    rows_shown: var[bool] = var(False)
    """True once the rows (or the empty state) have been shown."""
    advice_shown: var[bool] = var(False)
    """True once the rows show their next note (the advisor has run)."""
    _stored = 0
    """How many interviews are stored (more than the rows listed while the first page shows)."""

    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("enter", "open", "Open", show=False),
        Binding("d", "draft", "Draft next"),
        Binding("s", "status", "Status"),
        Binding("x,delete", "delete", "Delete"),
        Binding("slash", "filter", "Filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("r", "refresh", "Refresh", show=False),
        Binding("q", "app.quit", "Quit"),
    ]
    ACTION_HELP = {
        "add": "Add an interview",
        "open": "Open the highlighted interview",
        "draft": "Draft the next note due for the highlighted interview",
        "status": "Change the highlighted interview's status (offered, rejected, withdrawn)",
        "delete": "Delete the highlighted interview (asks first)",
        "filter": "Filter the interviews by company, role, status or note",
        "clear_filter": "Clear the filter",
        "refresh": "Reload the interviews from the database",
    }

    def __init__(self, *, compose_when_shown: bool = False) -> None:
        """``compose_when_shown``: build nothing until the screen is first shown (a first
        run starts on the screen pushed over it, and may never leave it)."""
        super().__init__()
        self._unbuilt = compose_when_shown
        self._error_to_show: str | None = None

    def compose(self) -> ComposeResult:
        """Header, column titles, the list, the highlighted row's reason, filter, footer."""
        if self._unbuilt:
            return
        yield Header()
        yield Static(literal(Columns.fit(80).header()), id="list-header")
        yield InterviewList(id="interviews")
        yield Static("Loading your interviews…", id="empty")
        yield Static("", id="reason")
        yield Input(placeholder="Filter: company, role, status, note (esc clears)", id="filter", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        """Load rows now if the backend is ready, else when it is."""
        if not self._unbuilt:
            self._set_up()

    def _set_up(self) -> None:
        self.query_one("#filter", Input).display = False
        interviews = self.query_one("#interviews", InterviewList)
        interviews.display = False
        # Focused while still hidden, so the keys of the first frame are the list's.
        interviews.focus()
        self.query_one("#list-header").display = False
        if self.backend.loaded:  # type: ignore[attr-defined]
            self.load_rows()

    def on_resize(self) -> None:
        """Keep the column titles aligned with the rows."""
        if self._unbuilt:
            return
        width = self.query_one("#interviews", InterviewList).size.width or self.size.width
        self.query_one("#list-header", Static).update(literal(Columns.fit(width).header()))

    @on(BackendReady)
    def _backend_ready(self, message: BackendReady) -> None:
        if not self._unbuilt:  # else the rows are read when the screen is built
            self.load_rows(message.rows, newest_first=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys stay shown as usable while the loader runs (a fraction of a second: the
        app holds the keys pressed meanwhile and runs them once the rows are shown).
        Once loading has failed they are dimmed, and ``needs_data`` ignores them."""
        if action in self.ACTION_HELP and self._cannot_start:
            return None
        return True

    @on(ScreenResume)
    async def _resumed(self) -> None:
        if self._unbuilt:
            if self.app.screen is not self:  # the app starting, with the first-run screen above
                return
            self._unbuilt = False
            await self.recompose()
            self._set_up()
            if self._error_to_show is not None:
                self.show_error(self._error_to_show)
            return
        # Back from the form or the studio: statuses, due notes and sent marks may have changed.
        if self.backend.loaded:  # type: ignore[attr-defined]
            self.load_rows()

    # A description of its own: Textual's default repr()s the arguments, 10,000 rows.
    @work(exclusive=True, group="dashboard-rows", description="load_rows")
    async def load_rows(self, started: tuple[Listing, Iterator[Listing]] | None = None, *, newest_first: bool = False) -> None:
        """Read the rows in a background thread: 10,000 interviews never stall the keyboard,
        and quitting does not wait for the advisor's pass.

        Args:
            started: the first step, already read, and the iterator of the rest.
            newest_first: show the newest page before reading every row (at start-up;
                a reload lists every row at once, or the cursor could lose its interview).
        """
        backend = self.backend
        step, steps = (None, backend.dashboard_rows(newest_first=newest_first)) if started is None else started
        try:
            if step is None:
                step = await in_daemon_thread(next, steps, None, name="afterview-rows")
            while step is not None:
                self._show_rows(step, backend.today())
                if not step.complete:  # the rest is read once this page is on the screen
                    drawn = asyncio.Event()
                    self.call_after_refresh(drawn.set)
                    await drawn.wait()
                step = await in_daemon_thread(next, steps, None, name="afterview-rows")
        except Exception as exc:  # noqa: BLE001 - a store error is shown, never a crash
            self.notify(str(exc), severity="error", title="Cannot read interviews")
            if not self.rows_shown:
                self.app.start_up_done()  # type: ignore[attr-defined] - no rows will come: the keys held run

    def _show_rows(self, listing: Listing, today) -> None:
        rows = listing.rows
        interviews = self.query_one("#interviews", InterviewList)
        current = interviews.current
        # Keep the cursor on its interview across reloads, but not from an unsorted
        # listing to the first sorted one: then the most urgent row (the top) is the
        # place to start.
        first_pass = current is None or (not current.advised and bool(rows) and rows[0].advised)
        interviews.show(rows, today, keep=None if first_pass else current.interview_id)
        if first_pass:
            interviews.cursor = 0
        self._stored = listing.total
        empty = not rows
        interviews.display = not empty
        self.query_one("#list-header").display = not empty
        self.query_one("#empty", Static).display = empty
        self.query_one("#reason", Static).display = not empty
        if empty:
            self.query_one("#empty", Static).update(EMPTY_TEXT)
            self.query_one("#reason", Static).update("")
        else:
            self.on_resize()
            if self.focused is None:
                interviews.focus()
        self._update_subtitle()
        if not self.rows_shown and not self.backend.needs_profile:  # type: ignore[attr-defined]
            self.app.start_up_done()  # type: ignore[attr-defined] - the first-run screen says so itself
        self.rows_shown = True
        self.advice_shown = listing.complete and all(row.advised for row in rows)

    def show_error(self, error: str) -> None:
        """Say why the interviews cannot be shown (bad config file, unreadable database);
        dim the keys that need them."""
        self._cannot_start = True
        if self._unbuilt:  # shown once the screen is built
            self._error_to_show = error
            return
        self.refresh_bindings()
        empty = self.query_one("#empty", Static)
        empty.update(line(bold("afterview cannot open your data"), f"\n\n{error}\n\nFix it and start again; q quits."))
        empty.add_class("-error")
        empty.display = True

    def _update_subtitle(self) -> None:
        interviews = self.query_one("#interviews", InterviewList)
        shown, listed, total = len(interviews.rows), interviews.total, self._stored
        if total == 0:
            self.sub_title = "no interviews yet"
            return
        count = f"{shown} of {total}" if shown != listed else f"{total}"  # listed < total: the first page
        plural = "s" if total != 1 else ""
        if interviews.rows and not interviews.rows[0].advised:
            self.sub_title = f"{count} interview{plural} · working out what is due…"
            return
        urgent = sum(row.send_now for row in interviews.rows)  # every note, as "Which note?" lists them
        self.sub_title = f"{count} interview{plural} · {urgent} note{'s' if urgent != 1 else ''} to send now"

    @on(InterviewList.Highlighted)
    def _highlighted(self, event: InterviewList.Highlighted) -> None:
        row = event.row
        self.query_one("#reason", Static).update(line(bold("Why:"), f" {row.reason}") if row and row.reason else "")

    @on(InterviewList.Opened)
    def _opened(self, event: InterviewList.Opened) -> None:
        self._open(event.row.interview_id)

    def _current(self) -> DashboardRow | None:
        row = self.query_one("#interviews", InterviewList).current
        if row is None:
            self.notify("No interview selected: press a to add one.", severity="warning")
        return row

    def _open(self, interview_id: int | None) -> None:
        from afterview.tui.screens.interview_form import InterviewFormScreen

        self.app.push_screen(InterviewFormScreen(interview_id))

    # -- actions ---------------------------------------------------------------------

    @needs_data
    def action_add(self) -> None:
        """Open an empty interview form."""
        self._open(None)

    @needs_data
    def action_open(self) -> None:
        """Open the highlighted interview in the form."""
        if row := self._current():
            self._open(row.interview_id)

    @needs_data
    def action_draft(self) -> None:
        """Open the draft studio on the highlighted interview's next note."""
        if row := self._current():
            from afterview.tui.screens.draft_studio import DraftStudioScreen

            self.app.push_screen(DraftStudioScreen(row.interview_id))

    @needs_data
    def action_status(self) -> None:
        """Ask for the new status and the day it happened."""
        row = self._current()
        if row is None:
            return
        from afterview.tui.screens.dialogs import StatusDialog

        def apply(choice) -> None:
            if choice is None:
                return
            backend = self.backend
            try:
                backend.store.set_status(row.interview_id, choice.status, choice.on)
            except Exception as exc:  # noqa: BLE001 - a store error becomes a notification
                self.notify(str(exc), severity="error", title="Status not changed")
                return
            self.notify(f"{row.company}: {choice.status}" + (f" on {choice.on}" if choice.on else ""))
            self.load_rows()

        self.app.push_screen(StatusDialog(row.company, row.status, self.backend.today()), apply)  # type: ignore[attr-defined]

    @needs_data
    def action_delete(self) -> None:
        """Delete the highlighted interview after a confirmation."""
        row = self._current()
        if row is None:
            return
        from afterview.tui.screens.dialogs import ConfirmDialog

        def apply(yes: bool | None) -> None:
            if not yes:
                return
            backend = self.backend
            try:
                backend.store.delete_interview(row.interview_id)
            except Exception as exc:  # noqa: BLE001
                self.notify(str(exc), severity="error", title="Not deleted")
                return
            self.notify(f"Deleted {row.company} ({row.role}).")
            self.load_rows()

        question = f"Delete the interview at {row.company} ({row.role}), with its drafts and sent log?"
        self.app.push_screen(ConfirmDialog(question), apply)

    @needs_data
    def action_filter(self) -> None:
        """Show the filter input."""
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @needs_data
    def action_clear_filter(self) -> None:
        """Hide the filter and show every interview again."""
        box = self.query_one("#filter", Input)
        box.value = ""
        box.display = False
        self.query_one("#interviews", InterviewList).focus()

    @needs_data
    def action_refresh(self) -> None:
        """Reload the rows."""
        self.load_rows()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_one("#interviews", InterviewList).filter(event.value)
        self._update_subtitle()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#interviews", InterviewList).focus()
