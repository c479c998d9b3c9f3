"""Textual's footer, built with the screen's first frame and rebuilt only when what it shows changes."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """The key bar at the bottom of afterview's screens.

    Textual's footer starts empty and rebuilds its keys (10-30 ms here) on every
    bindings signal; a screen that is pushed and focuses a widget sends three, the last
    one a refresh later, mostly without changing a key. At start-up those rebuilds were
    most of the time between the first frame and the rows. This footer composes its
    keys with the first frame, skips a signal that changes nothing it shows, and
    otherwise queues one rebuild a refresh later, which reads the bindings as they are
    when it runs, so no change is lost.
    """

    _rebuild_queued = False
    _shown: Hashable = None

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        # Textual waits for the first bindings signal to compose the keys; the screen's
        # bindings are known at mount, so they come with the first frame.
        self.set_reactive(TextualFooter._bindings_ready, True)

    def compose(self) -> ComposeResult:
        """The keys of the screen's bindings as they are now."""
        self._shown = self._what_it_shows()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        """Queue one rebuild, a refresh from now, if the keys shown would change."""
        if self._rebuild_queued:
            return
        if self.is_attached and screen is self.screen and self._what_it_shows() == self._shown:
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

    def _what_it_shows(self) -> Hashable:
        # Everything Textual's compose reads from the bindings, for the keys it shows.
        palette = self.app.COMMAND_PALETTE_BINDING
        return (
            self.show_command_palette,
            tuple(
                (key, b.key, b.key_display, b.description, b.action, id(b.group), enabled, tooltip)
                for key, (_, b, enabled, tooltip) in self.screen.active_bindings.items()
                if b.show or key == palette
            ),
        )
