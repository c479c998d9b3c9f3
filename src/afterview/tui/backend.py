"""What the screens call: settings, store, writer and clock, built when first needed.

The app must draw its first frame as fast as a bare Textual app, so nothing here is
imported or opened before it: ``Backend.load`` runs in a worker after the first frame
(resolving settings imports pydantic; the writer loads the policy and templates only
when a screen first asks for it, and the openai SDK only on the first online draft).
Tests inject every collaborator through ``make_app`` instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from afterview.tui.dashboard_rows import DashboardRow, build_rows, count_send_now, first_by_interview

if TYPE_CHECKING:  # pragma: no cover - types only; the imports are deferred on purpose
    from afterview.checks import Policy
    from afterview.config import Settings
    from afterview.domain import Interview
    from afterview.usecases.studio import StudioSession
    from afterview.writer import Writer

Clock = Callable[[], date]


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
        self.notices: list[str] = []
        """Things the store told us while opening (a damaged file moved aside...)."""

    # -- building -------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """True once settings and store are available."""
        return self._settings is not None and self._store is not None

    def load(self) -> None:
        """Resolve the settings and open the store, once (safe to call from any thread).

        Raises:
            AfterviewError: an invalid config file or a database that cannot be opened;
                the message is one line for the user.
        """
        with self._load_lock:
            if self._settings is None:
                from afterview.config import resolve_settings

                self._settings = resolve_settings()
            if self._store is None:
                from afterview.store import open_store

                self._store = open_store(self._settings.paths, notice=self.notices.append, now=self.now)

    @property
    def settings(self) -> Settings:
        """The resolved settings (after ``load``)."""
        if self._settings is None:
            raise RuntimeError("Backend.load() has not run")
        return self._settings

    @property
    def store(self) -> Any:
        """The open store (after ``load``)."""
        if self._store is None:
            raise RuntimeError("Backend.load() has not run")
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

    def save_profile(self, name: str, email: str | None, signature: str | None) -> None:
        """Write the profile to the config file (keeping its comments, layout and other
        sections) and use it.

        Raises:
            RecordError: a field is invalid (the screen shows it inline).
            AfterviewError: the config file cannot be read.
        """
        import dataclasses

        from afterview.config import Profile, load_config_file, save_profile

        profile = Profile.from_data({"name": name, "email": email or None, "signature": signature or None})
        path = self.settings.paths.config_file
        load_config_file(path)  # refuse to touch a file that is not a valid config
        save_profile(profile, path)
        self._settings = dataclasses.replace(self.settings, profile=profile)

    # -- reads -----------------------------------------------------------------------

    def dashboard_rows(self) -> Iterator[list[DashboardRow]]:
        """Every stored interview: first as listed (fast), then with its next note, most urgent first.

        Two steps because the advisor's pass over every interview is the slow part: the
        list shows at once and the note column fills in. Safe in a worker thread (the
        store serialises its connection with a lock).
        """
        from afterview.usecases.due import due_everywhere

        listing = self.store.list_interviews()
        yield build_rows(listing, None)
        due = list(due_everywhere(self.store, self.today()))
        yield build_rows(listing, first_by_interview(due), count_send_now(due))

    def interview(self, interview_id: int) -> Interview:
        """The stored interview."""
        return self.store.interview(interview_id)

    def studio(self, interview_id: int) -> StudioSession:
        """The draft studio's session for a stored interview.

        Raises:
            RecordNotFound: no such interview (deleted meanwhile).
        """
        from afterview.usecases.checking import StoredInterview
        from afterview.usecases.studio import StudioSession

        stored = StoredInterview(self.store, interview_id, self.store.interview(interview_id))
        return StudioSession(stored, self.settings, self.writer, lambda: self.advice(interview_id), self.today)

    def advice(self, interview_id: int) -> list[Any]:
        """Every advisor row for a stored interview today (not-applicable ones too, with why)."""
        from afterview.usecases.due import due_for_stored

        return due_for_stored(self.store, interview_id, self.today(), include_not_applicable=True)
