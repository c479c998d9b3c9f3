"""The key bar at the bottom of the app's screens: one widget, one line.

Textual's ``Footer`` is a container holding one widget per key (nine on the dashboard),
each styled, laid out and drawn on its own, composed a refresh after the screen's
first frame and composed again whenever the bindings change. Composing them was about
a tenth of the time until the dashboard was usable. This footer looks the same but
draws every key itself as one line of text, with the first frame, and only redraws
when the bindings change: no widgets to mount. A click on a key presses it, as in
Textual's footer. On the interview form, where every move to the next field changes
the bindings, that recomposing was about a quarter of the CPU of opening the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True, slots=True)
class FooterItem:
    """One key as the footer shows it."""

    key: str
    """The key pressed when the item is clicked (``a``, ``ctrl+p``)."""
    display: str
    """How the key is written (``a``, ``^p``)."""
    description: str
    enabled: bool
    group: tuple[FooterItem, ...] = ()
    """For a run of keys in one compact ``Binding.Group`` (``←→ Variant``): its keys,
    this item standing for the run (``description`` is the group's)."""


def footer_items(screen: Screen) -> tuple[list[FooterItem], FooterItem | None]:
    """The keys Textual's footer would show for ``screen``: one per action, in binding
    order (a run of keys in one compact group as one item), and the command palette's
    key (shown at the right end) if there is one."""
    app = screen.app
    items: dict[str, FooterItem] = {}
    groups: dict[str, Binding.Group | None] = {}
    active = screen.active_bindings
    for _, binding, enabled, _tooltip in active.values():
        if binding.show and binding.action not in items:
            items[binding.action] = FooterItem(binding.key, app.get_key_display(binding), binding.description, enabled)
            groups[binding.action] = binding.group
    shown: list[FooterItem] = []
    for group, run in groupby(items, key=groups.__getitem__):
        keys = [items[action] for action in run]
        if group is not None and group.compact and len(keys) > 1:
            shown.append(FooterItem(keys[0].key, "", group.description, any(k.enabled for k in keys), tuple(keys)))
        else:
            shown.extend(keys)
    palette = None
    if app.ENABLE_COMMAND_PALETTE and (found := active.get(app.COMMAND_PALETTE_BINDING)) is not None:
        _, binding, enabled, _tooltip = found
        palette = FooterItem(binding.key, app.get_key_display(binding), binding.description, enabled)
    return shown, palette


class Footer(Widget):
    """The screen's keys (``a Add  d Draft next ...``), the palette's key at the right.

    Disabled keys are dimmed (a click on one rings the bell); the key under the mouse
    is highlighted.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--hover", "footer--separator"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        & > .footer--description { color: $footer-description-foreground; background: $footer-description-background; }
        & > .footer--hover { color: $footer-key-foreground; background: $block-hover-background; }
        & > .footer--separator { color: $foreground 20%; background: $footer-item-background; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, FooterItem]] = []
        """Where each key was drawn last: start and end column, and the item."""
        self._hover: str | None = None

    def on_mount(self) -> None:
        """Redraw when the screen's bindings change (focus moved, a key was disabled)."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop listening to the screen."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        """The keys, cut at the right where they do not fit, the palette's key last."""
        items, palette = footer_items(self.screen)
        width = self.size.width
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterItem]] = []
        tail = Text(no_wrap=True, end="")
        if palette is not None:
            tail.append("▏", self.get_component_rich_style("footer--separator"))
            self._append(tail, palette, f"{palette.display}", f" {palette.description}")
            tail.append(" ")
        room = max(0, width - tail.cell_len)
        for item in items:
            start = line.cell_len
            if start >= room:
                break
            if item.group:  # as Textual draws a compact group: " ←→ Variant "
                line.append(" ")
                # Keys drawn alike are one run of text, as Textual's compositor merges them.
                for style, run in groupby(item.group, key=lambda key: self._styles(key)[0]):
                    keys = list(run)
                    at = line.cell_len
                    for key in keys:
                        spans.append((at, min(at + len(key.display), room), key))
                        at += len(key.display)
                    line.append("".join(key.display for key in keys), style)
                line.append(" ")
                line.append(item.description, self.get_component_rich_style("footer--description"))
                line.append(" ")
                continue
            self._append(line, item, f" {item.display} ", f"{item.description} ")
            spans.append((start, min(line.cell_len, room), item))
        line.truncate(room, pad=True)
        if palette is not None:
            spans.append((room + 1, room + tail.cell_len - 1, palette))
            line.append_text(tail)
        self._spans = spans
        return line

    def _append(self, line: Text, item: FooterItem, key: str, description: str) -> None:
        key_style, description_style = self._styles(item)
        line.append(key, key_style)
        line.append(description, description_style)

    def _styles(self, item: FooterItem) -> tuple[Style, Style]:
        """The key's style and its description's: hovered, dimmed when disabled."""
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        if item.key == self._hover:
            hover = self.get_component_rich_style("footer--hover")
            key_style, description_style = key_style + hover, description_style + hover
        if not item.enabled:
            key_style, description_style = key_style + Style(dim=True), description_style + Style(dim=True)
        return key_style, description_style

    def _item_at(self, x: int) -> FooterItem | None:
        return next((item for start, end, item in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        """Press the key clicked (a disabled one rings the bell)."""
        item = self._item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the mouse."""
        item = self._item_at(event.x)
        key = item.key if item else None
        if key != self._hover:
            self._hover = key
            self.refresh()

    def on_leave(self) -> None:
        """No key under the mouse any more."""
        if self._hover is not None:
            self._hover = None
            self.refresh()
