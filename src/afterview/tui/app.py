"""The Textual app and ``make_app``, the one factory the CLI and the tests use.

Only what the first frame needs is imported here (Textual, the dashboard and its pure
helpers; with no config file yet, the first-run screen, which is that frame): the
settings and the store load in a background thread right after it (one that quitting
does not wait for), the checks and the writer when a note is first drafted or checked,
and the openai SDK only on the first online draft. Keys pressed on the dashboard before
its rows are shown are held and run in order once they are.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from typing import Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from afterview.tui import clipboard
from afterview.tui.background import StartUpCollector, in_daemon_thread
from afterview.tui.backend import Backend
from afterview.tui.clipboard import CopyResult
from afterview.tui.messages import BackendFailed, BackendReady
from afterview.tui.screens.dashboard import DashboardScreen

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class AfterviewApp(App[int]):
    """afterview's terminal app: dashboard, interview form, draft studio.

    Args:
        backend: the collaborators (settings, store, writer, clock).
        clipboard_commands: the commands that take copied text besides OSC 52 (tmux's
            buffer, the desktop's tool); empty for the terminal only (default: whatever
            fits the session).
        editor_runner: runs the user's editor without suspending the app (tests).
    """

    CSS_PATH = "app.tcss"
    TITLE = "afterview"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("ctrl+t", "toggle_dark", "Light/dark", show=False),
    ]
    ACTION_HELP = {
        "help": "Show what afterview does and every key",
        "toggle_dark": "Switch between the light and the dark theme",
    }

    def __init__(
        self, backend: Backend, *, clipboard_commands: list[list[str]] | None = None, editor_runner: Any = None
    ) -> None:
        super().__init__()
        self._collector = StartUpCollector()
        self._settled = asyncio.Event()
        self._first_run_early = False
        self._first_run_shown = False
        self._loader_started = False
        self._held_keys: list[events.Key] | None = None if backend.loaded else []
        """Keys pressed on the dashboard while the loader runs, in order (None: none held)."""
        self.backend = backend
        self._editor_runner = editor_runner
        self._clipboard_commands = clipboard.clipboard_commands() if clipboard_commands is None else clipboard_commands

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """As ``App.notify``, but always plain text: messages carry names, file paths and
        server errors, whose square brackets must never be read as markup.

        ``markup`` is ignored on purpose: ``Widget.notify`` (what screens call) passes
        ``markup=True`` unless told otherwise, and every toast here carries user text.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    async def on_event(self, event: events.Event) -> None:
        """Keys pressed before the first screen is ready wait for it, then run in the order
        typed: none is lost, none reaches an action without its data. The dashboard is
        ready when its rows are shown; the first-run screen once it is mounted (its
        fields can take text before the settings are read; saving waits for them)."""
        if self._held_keys is not None and isinstance(event, events.Key):
            screen = self.screen
            if isinstance(screen, DashboardScreen) or not screen.is_mounted:
                self._held_keys.append(event)
                return
        await super().on_event(event)

    async def _release_keys(self) -> None:
        held, self._held_keys = self._held_keys or [], None
        for event in held:
            await super().on_event(event)

    def get_default_screen(self) -> Screen:
        """The dashboard is the first screen; on a first run the first-run screen goes
        over it at once, so the dashboard is built only when it is first shown."""
        self._first_run_early = not self.backend.loaded and self.backend.surely_first_run()
        return DashboardScreen(compose_when_shown=self._first_run_early)

    def on_load(self) -> None:
        """The app starts running: no collector passes until its first screen is up."""
        self._collector.pause()

    def on_mount(self) -> None:
        """Start loading the backend (or use the injected one). A first run shows its
        screen with the first frame, so a name typed at once lands in its field."""
        if self.backend.loaded:
            self._loaded()
            return
        if self._first_run_early:
            self._show_first_run()
        self._start_loader()

    def _start_loader(self) -> None:
        # Once, at mount rather than after the first frame: the thread's file work (the
        # config file, the database) overlaps the main thread's waits for the terminal,
        # and the app is usable about a tenth sooner while the first frame comes no later.
        if not self._loader_started and not self.backend.loaded:
            self._loader_started = True
            self._load()

    @work(exclusive=True, group="backend", exit_on_error=False)
    async def _load(self) -> None:
        """Resolve settings, open the store and read the first rows off the event loop."""
        try:
            rows = await in_daemon_thread(self.backend.load_with_rows, name="afterview-loader")
        except Exception as exc:  # noqa: BLE001 - a failure still gets a screen, not a hang
            from afterview.errors import AfterviewError

            error = str(exc) if isinstance(exc, AfterviewError) else f"{type(exc).__name__}: {exc}"
            self.post_message(BackendFailed(error))
            return
        self._loaded(rows)

    async def backend_settled(self) -> bool:
        """Wait until the loader has finished; True if it loaded, False if it failed.

        For an action that needs the settings and may come before they are read (a
        first-run screen saved right away, by a script or a paste).
        """
        await self._settled.wait()
        return self.backend.loaded

    def _loaded(self, rows: tuple[Any, Iterator[Any]] | None = None) -> None:
        self._settled.set()
        self.refresh_title()
        for notice in self.backend.notices:
            self.notify(notice, severity="warning", timeout=20)
        self.screen_stack[0].post_message(BackendReady(rows))
        if self.backend.needs_profile and not self._show_first_run():
            self.start_up_done()  # it was up before the loader finished

    def _show_first_run(self) -> bool:
        """Push the first-run screen unless it was shown already (False then); start-up
        is done once it is drawn and the loader has finished."""
        from afterview.tui.screens.first_run import ProfileScreen

        if self._first_run_shown:  # up already, or skipped before the loader finished
            return False
        self._first_run_shown = True
        mounted = self.push_screen(ProfileScreen())

        async def drawn() -> None:
            await mounted
            if self.backend.loaded:
                self.start_up_done()
            else:  # the keys typed meanwhile go to its fields (the name field has the focus by now)
                self.call_later(self._release_keys)

        self.call_next(drawn)
        return True

    def start_up_done(self) -> None:
        """The first screen the person works in is up (with the dashboard's rows, if it is
        the dashboard): the collector resumes after its frame, and the keys held meanwhile run."""
        self.call_after_refresh(self._collector.resume)
        self.call_later(self._release_keys)

    def on_unmount(self) -> None:
        """Whatever happened during start-up, leave the collector running."""
        self._collector.resume()

    def refresh_title(self) -> None:
        """The header: "offline", or the model online drafts come from."""
        settings = self.backend.settings
        if settings.offline:
            self.title = "afterview · offline"
            return
        engine = self.backend.writer().engine if self.backend.writer_ready else None
        if engine is None:
            from afterview.drafting.provider import model_for

            engine = model_for(settings) or "auto"
        # "auto": the server is asked which model it serves on the first draft.
        self.title = f"afterview · online: {'model from the server' if engine == 'auto' else engine}"

    def on_backend_failed(self, message: BackendFailed) -> None:
        """Show why afterview cannot start, and leave the user a way out."""
        self._settled.set()
        self.title = "afterview · cannot start"
        self.start_up_done()
        dashboard = self.screen_stack[0]
        while self.screen is not dashboard:  # a first-run screen shown early: the error is below
            self.pop_screen()
        dashboard.show_error(message.error)  # type: ignore[attr-defined]

    # -- services for the screens ----------------------------------------------------

    async def copy_text(self, text: str) -> CopyResult:
        """Copy ``text`` via OSC 52 and the session's clipboard commands."""
        return await clipboard.copy_text(self.copy_to_clipboard, text, commands=self._clipboard_commands)

    def edit_outside(self, command: list[str], text: str) -> str | None:
        """Run the user's editor on ``text`` with the terminal handed over; the text saved.

        None when the terminal cannot be suspended (headless, or a driver without it).
        An injected runner (tests) runs without suspending.

        Raises:
            EditorFailed: the editor is missing or exited with an error.
        """
        from textual.app import SuspendNotSupported

        from afterview.tui.external_editor import run_editor

        if self._editor_runner is not None:
            return self._editor_runner(command, text)
        try:
            with self.suspend():
                return run_editor(command, text)
        except SuspendNotSupported:
            return None

    # -- actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        """Open the help screen with the keys of every screen."""
        from afterview.tui.screens.draft_studio import DraftStudioScreen
        from afterview.tui.screens.help import HelpScreen, key_rows
        from afterview.tui.screens.interview_form import InterviewFormScreen

        sections = [
            (title, key_rows(screen.BINDINGS, screen.ACTION_HELP))
            for title, screen in (
                ("Dashboard", DashboardScreen),
                ("Interview form", InterviewFormScreen),
                ("Draft studio", DraftStudioScreen),
                ("Everywhere", AfterviewApp),
            )
        ]
        sections[-1][1].append(("ctrl+p", "Command palette: every action, searchable"))
        self.push_screen(HelpScreen(sections))

    def action_toggle_dark(self) -> None:
        """Light theme <-> dark theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette lists every action of the current screen, with its key."""
        yield from super().get_system_commands(screen)
        for owner in (screen, self):
            descriptions: dict[str, str] = getattr(owner, "ACTION_HELP", {})
            keys = _keys_by_action(getattr(owner, "BINDINGS", []))
            for action, text in descriptions.items():
                if owner is screen and screen.check_action(action, ()) is False:
                    continue
                key = keys.get(action)
                yield SystemCommand(text, f"key: {key}" if key else "", partial(owner.run_action, action))


def _keys_by_action(bindings: Iterable[Any]) -> dict[str, str]:
    from afterview.tui.screens.help import key_name

    keys: dict[str, str] = {}
    for binding in bindings:
        if isinstance(binding, tuple):
            binding = Binding(*binding)
        action = binding.action.split("(")[0]
        keys.setdefault(action, " / ".join(key_name(k) for k in binding.key.split(",")))
    return keys


def make_app(
    writer: Any = None,
    store: Any = None,
    clock: Callable[[], date] | None = None,
    settings: Any = None,
    *,
    clipboard_commands: list[list[str]] | None = None,
    editor_runner: Any = None,
) -> AfterviewApp:
    """Build the app; whatever is omitted comes from the user's config, after the first frame.

    Args:
        writer: an ``afterview.writer.Writer`` (tests pass one with a scripted drafter).
        store: an open ``afterview.store.Store``.
        clock: returns today (a date, or a datetime whose date is used).
        settings: resolved ``afterview.config.Settings``.
        clipboard_commands: the commands that take copied text besides OSC 52 ([]: the
            terminal only; None: whatever fits the session).
        editor_runner: ``runner(command, text) -> text`` in place of suspending the app
            and running ``$VISUAL``/``$EDITOR`` (tests).
    """
    backend = Backend(settings=settings, store=store, writer=writer, clock=clock)
    return AfterviewApp(backend, clipboard_commands=clipboard_commands, editor_runner=editor_runner)
