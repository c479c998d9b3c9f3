"""What the screens call: settings, store, writer and clock, built when first needed.

The app must be usable about as soon as a bare Textual app draws its first frame, so
nothing here is imported or opened before that frame: ``Backend.load`` runs in a
background thread after it and only reads the settings and opens the database when one
exists (a first run creates it with the first save). The dashboard's first rows come
from one light query; the advisor's pass follows. The writer loads the policy, the
checks and the templates only when a screen first asks for it, and the openai SDK only
on the first online draft. Tests inject every collaborator through ``make_app``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from afterview.tui.background import collector_paused
from afterview.tui.dashboard_rows import Listing, build_rows, count_send_now, first_by_interview

if TYPE_CHECKING:  # pragma: no cover - types only; the imports are deferred on purpose
    from afterview.checks import Policy
    from afterview.config import Settings
    from afterview.domain import Interview
    from afterview.usecases.studio import StudioSession
    from afterview.writer import Writer

Clock = Callable[[], date]

FIRST_PAGE = 200
"""Rows in the dashboard's first listing: more than any terminal shows at once."""


class Backend:
    """The app's collaborators; whatever is not injected is built from the user's config.

    Args:
        settings: resolved settings; None to resolve them from the environment and config file.
        store: an open ``Store``; None to open the user's database.
        writer: a ``Writer``; None to build one from the settings on first use.
        clock: returns today (a ``datetime`` is cut to its date); default ``date.today``.
    """

    def __init__(self, *, settings: Settings | None = None, store: Any = None, writer: Writer | None = None, clock: Clock | None = None) -> None:
        self._settings = settings
        self._store = store
        self._writer = writer
        self._clock = clock or date.today
        self._load_lock = threading.Lock()
        self._paths: Any = None
        self._store_absent = False
        self.notices: list[str] = []
        """Things the store told us while opening (a damaged file moved aside...)."""

    # -- building -------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """True once the settings are resolved and the store is open or known to be absent."""
        return self._settings is not None and (self._store is not None or self._store_absent)

    def load(self) -> None:
        """Resolve the settings and open the database if there is one, once (any thread).

        Raises:
            AfterviewError: an invalid config file or a database that cannot be opened;
                the message is one line for the user.
        """
        with self._load_lock:
            if self._settings is None:
                from afterview.config import resolve_settings

                self._settings = resolve_settings(paths=self._paths)
            if self._store is None:
                self._open_store(create=False)

    def load_with_rows(self) -> tuple[Listing, Iterator[Listing]]:
        """``load``, then the dashboard's first page of rows, in one trip off the event loop.

        Returns the first step of ``dashboard_rows`` and the iterator that yields the rest.

        Raises:
            AfterviewError: as ``load``, or the database cannot be read.
        """
        self.load()
        steps = self.dashboard_rows()
        return next(steps), steps

    def _open_store(self, *, create: bool) -> Any:
        # Under ``_load_lock``. Creating the database (schema, fsyncs: tens of
        # milliseconds) waits for the first save, so a first run starts at once.
        if not create and not self.settings.paths.database.exists():
            self._store_absent = True
            return None
        from afterview.store import open_store

        self._store = open_store(self.settings.paths, notice=self.notices.append, now=self.now)
        self._store_absent = False
        return self._store

    @property
    def settings(self) -> Settings:
        """The resolved settings (after ``load``)."""
        if self._settings is None:
            raise RuntimeError("Backend.load() has not run")
        return self._settings

    @property
    def store(self) -> Any:
        """The open store (after ``load``), created on first use when there was none.

        Raises:
            StoreError: the database cannot be created or opened (first use only).
        """
        if self._store is None:
            if not self.loaded:
                raise RuntimeError("Backend.load() has not run")
            with self._load_lock:
                if self._store is None:
                    self._open_store(create=True)
        return self._store

    @property
    def writer_ready(self) -> bool:
        """True when the writer exists already (no load cost to ask for it)."""
        return self._writer is not None

    def writer(self) -> Writer:
        """The writer, built on first use from the settings (no openai import here)."""
        if self._writer is None:
            from afterview import services

            self._writer = services.writer(self.settings, now=self.now)
        return self._writer

    def policy(self) -> Policy:
        """The guardrail policy the writer checks with."""
        return self.writer().policy

    def today(self) -> date:
        """Today, from the injected clock."""
        value = self._clock()
        return value.date() if isinstance(value, datetime) else value

    def now(self) -> datetime:
        """Now, on the injected clock's day (for draft timestamps)."""
        value = self._clock()
        if isinstance(value, datetime):
            return value
        return datetime.combine(value, datetime.now().time())

    # -- profile ---------------------------------------------------------------------

    @property
    def needs_profile(self) -> bool:
        """True when no name is set to sign notes with (the first run)."""
        return not self.settings.profile.name

    def surely_first_run(self) -> bool:
        """True when there is no profile yet, known without loading: the settings are
        given without a name, or there is no config file (the name is kept nowhere else).

        Cheap (a path and one ``stat``), so the app can show the first-run screen with
        its first frame; a config file without a name is found by ``load``.
        """
        if self._settings is not None:
            return self.needs_profile
        if self._paths is None:
            from afterview.paths import app_paths

            self._paths = app_paths()
        return not self._paths.config_file.exists()

    def save_profile(self, name: str, email: str | None, signature: str | None) -> None:
        """Write the profile to the config file (keeping its comments, layout and other
        sections) and use it.

        Raises:
            RecordError: a field is invalid (the screen shows it inline).
            AfterviewError: the config file cannot be read.
        """
        from afterview.config import Profile, load_config_file, save_profile
        from afterview.frozen import replace

        profile = Profile.from_data({"name": name, "email": email or None, "signature": signature or None})
        path = self.settings.paths.config_file
        load_config_file(path)  # refuse to touch a file that is not a valid config
        save_profile(profile, path)
        self._settings = replace(self.settings, profile=profile)

    # -- reads -----------------------------------------------------------------------

    def dashboard_rows(self, *, newest_first: bool = True) -> Iterator[Listing]:
        """Every stored interview, in steps: the newest page (if ``newest_first``), then
        all of them as listed, then all with their next note, most urgent first.

        The advisor's pass over every interview is the slow part, and reading 10,000 rows
        takes a while too: at start-up the newest page shows at once, the list fills in,
        then the note column. Safe in a worker thread (the store serialises its
        connection with a lock). No database yet: no rows.
        """
        store = self._existing_store()
        if store is None:
            yield Listing([], 0)
            return
        complete = False
        if newest_first:
            with collector_paused():
                total = store.count_interviews()
                listing = store.list_summaries(limit=FIRST_PAGE)
                first = Listing(build_rows(listing, None), total)
            yield first
            complete = first.complete
        if not complete:
            with collector_paused():
                listing = store.list_summaries()
                rows = build_rows(listing, None)
            yield Listing(rows, len(rows))
        from afterview.usecases.due import due_everywhere

        due = due_everywhere(store, self.today())
        rows = build_rows(listing, first_by_interview(due), count_send_now(due))
        yield Listing(rows, len(rows))

    def _existing_store(self) -> Any:
        """The store, opened now if another afterview has created the database meanwhile."""
        if self._store is None:
            with self._load_lock:
                if self._store is None:
                    return self._open_store(create=False)
        return self._store

    def interview(self, interview_id: int) -> Interview:
        """The stored interview."""
        return self.store.interview(interview_id)

    def studio(self, interview_id: int) -> StudioSession:
        """The draft studio's session for a stored interview.

        Raises:
            RecordNotFound: no such interview (deleted meanwhile).
        """
        from afterview.usecases.checking import StoredInterview
        from afterview.usecases.recipients import signature_lines
        from afterview.usecases.studio import StudioSession

        interview = self.store.interview(interview_id)
        signature = signature_lines(interview, self.settings.profile)
        stored = StoredInterview(self.store, interview_id, interview, signature)
        return StudioSession(stored, self.settings, self.writer, lambda: self.advice(interview_id), self.today)

    def advice(self, interview_id: int) -> list[Any]:
        """Every advisor row for a stored interview today (not-applicable ones too, with why)."""
        from afterview.usecases.due import due_for_stored

        return due_for_stored(self.store, interview_id, self.today(), include_not_applicable=True)
