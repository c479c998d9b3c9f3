"""Textual's footer, rebuilt once however many times the bindings change as a screen opens."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """The key bar at the bottom of afterview's screens.

    Textual's footer rebuilds its keys (10-30 ms here) once per bindings signal, and a
    screen that is pushed and focuses a widget sends three, the last one a refresh
    later: at start-up those rebuilds were most of the time between the first frame and
    the rows. This one waits a refresh before asking for a rebuild and asks once; the
    rebuild reads the bindings when it runs, so no change is lost.
    """

    _rebuild_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        """Queue one rebuild, a refresh from now, unless one is queued already."""
        if self._rebuild_queued:
            return
        self._rebuild_queued = True
        self.call_after_refresh(self._ask_for_rebuild, screen)

    def _ask_for_rebuild(self, screen: Screen) -> None:
        super().bindings_changed(screen)
        # Textual queues nothing while the app is unfocused or for another screen.
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            self._rebuild_queued = False

    async def recompose(self) -> None:
        """Rebuild the keys from the bindings as they are now."""
        self._rebuild_queued = False
        await super().recompose()
