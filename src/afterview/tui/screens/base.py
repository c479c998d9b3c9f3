"""The screens' common base: one typed way to reach the app's backend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from textual.screen import Screen

if TYPE_CHECKING:
    from afterview.tui.backend import Backend

ResultType = TypeVar("ResultType")


class BackendAccess:
    """Typed access to the app's backend, for any screen of afterview's app."""

    @property
    def backend(self) -> Backend:
        """The app's collaborators and use cases (``afterview.tui.backend.Backend``)."""
        return self.app.backend  # type: ignore[attr-defined] - AfterviewApp sets it; this is the one place


class AfterviewScreen(BackendAccess, Screen[ResultType], Generic[ResultType]):
    """A full screen of afterview's app."""
