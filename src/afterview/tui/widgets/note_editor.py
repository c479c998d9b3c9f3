"""The editable note body, with the spans the checks object to highlighted in place.

Findings carry character offsets into the body; ``TextArea`` paints highlights as
``(start_byte, end_byte, name)`` per line (the shape its tree-sitter highlighter fills).
``line_highlights`` converts one to the other; ``NoteEditor`` feeds the result to
``TextArea``'s highlight map and styles the names from its component classes, so the
colours come from the theme and ``NO_COLOR`` still shows an underline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from textual.strip import Strip
from textual.widgets import TextArea

Span = tuple[int, int, str]
"""``(start, end, severity)``: end-exclusive character offsets into the text."""

HIGHLIGHT_NAMES = {"block": "check-block", "warn": "check-warn", "info": "check-info"}
_ORDER = {"info": 0, "warn": 1, "block": 2}  # painted last wins, so blocks paint on top


def line_highlights(text: str, spans: Iterable[Span]) -> dict[int, list[tuple[int, int | None, str]]]:
    """Character spans over ``text`` -> per-line byte ranges, as ``TextArea`` paints them.

    Spans out of range (the text changed since the check) are clipped or dropped.
    """
    lines = text.split("\n")
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    result: dict[int, list[tuple[int, int | None, str]]] = defaultdict(list)
    for start, end, severity in sorted(spans, key=lambda s: _ORDER.get(s[2], 0)):
        start, end = max(0, start), min(end, len(text))
        if start >= end or severity not in HIGHLIGHT_NAMES:
            continue
        name = HIGHLIGHT_NAMES[severity]
        for row, line_start in enumerate(starts):
            line = lines[row]
            line_end = line_start + len(line)
            if line_end < start or line_start >= end:
                continue
            first = max(start, line_start) - line_start
            last = min(end, line_end) - line_start
            if first < last:
                result[row].append((_bytes(line[:first]), _bytes(line[:last]), name))
    return result


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


class NoteEditor(TextArea):
    """A soft-wrapped ``TextArea`` for a note body that highlights check spans.

    Set ``spans`` with ``show_spans``; they stay until the next report replaces them
    (the checks re-run within 150 ms of an edit).
    """

    COMPONENT_CLASSES = TextArea.COMPONENT_CLASSES | {"note-editor--block", "note-editor--warn", "note-editor--info"}
    DEFAULT_CSS = """
    NoteEditor {
        & > .note-editor--block { background: $error 35%; text-style: bold underline; }
        & > .note-editor--warn { background: $warning 30%; text-style: underline; }
        & > .note-editor--info { text-style: underline; }
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        self._spans: tuple[Span, ...] = ()

    @property
    def spans(self) -> tuple[Span, ...]:
        """The highlighted spans (character offsets into the text)."""
        return self._spans

    def show_spans(self, spans: Iterable[Span]) -> None:
        """Highlight ``spans`` (replacing the previous ones) and redraw."""
        self._spans = tuple(spans)
        self._build_highlight_map()
        self.refresh()

    def _build_highlight_map(self) -> None:
        """Fill TextArea's highlight map from the check spans instead of a syntax tree."""
        self._line_cache.clear()
        self._highlights.clear()
        self._highlights.update(line_highlights(self.text, getattr(self, "_spans", ())))

    def render_lines(self, crop) -> list[Strip]:  # noqa: ANN001 - TextArea's signature
        """Map the highlight names to styles from CSS before TextArea paints."""
        theme = self._theme
        if theme is not None:
            # A fresh dict: TextArea's theme copies share theirs with the built-in theme.
            theme.syntax_styles = {
                **theme.syntax_styles,
                **{name: self.get_component_rich_style(f"note-editor--{sev}") for sev, name in HIGHLIGHT_NAMES.items()},
            }
        return super().render_lines(crop)
