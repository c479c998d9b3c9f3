"""What a person sees: the text of every visible widget, rendered as the terminal would.

Each widget is rendered on its own (so a column beside it does not interleave with its
lines), box-drawing characters are dropped, and whitespace is ignored when matching, so
a phrase that wraps across lines is still found.
"""

from __future__ import annotations

import re

from textual.geometry import Region

_BOX = re.compile(r"[\u2500-\u259f]")


def widget_texts(app) -> list[str]:
    """The visible text of each widget on the current screen (toasts included)."""
    texts = []
    for widget, (region, _clip) in app.screen._compositor.visible_widgets.items():
        strips = widget.render_lines(Region(0, 0, region.width, region.height))
        text = " ".join(_BOX.sub(" ", strip.text) for strip in strips)
        texts.append(" ".join(text.split()))
    return texts


def screen_text(app) -> str:
    """Every visible widget's text, one widget per line."""
    return "\n".join(text for text in widget_texts(app) if text)


def missing(app, *phrases: str) -> list[str]:
    """The phrases not visible, as typed, within one widget (the screen is read once).

    Spaces are ignored in the comparison: a word longer than the widget (a file path)
    is folded across lines, which puts a space inside it.
    """
    texts = ["".join(text.split()) for text in widget_texts(app)]
    return [phrase for phrase in phrases if not any("".join(phrase.split()) in text for text in texts)]
