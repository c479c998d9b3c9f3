"""User text on screen exactly as typed: never read as Textual markup.

Names, roles, moments, file paths and error messages can hold square brackets
(``Sam [/] O'Neil``, ``Data Analyst [/ops``, ``Jordan [@click=app.quit]Lee``, ``[B]``).
Textual reads ``[...]`` in a plain ``str`` as markup wherever a widget takes content
(``Static``, ``Label``, option prompts, border titles, and toasts unless markup is off),
so a bracket can crash the app, turn text into a live action, or vanish. Escaping is
no answer: ``rich.markup.escape`` does not follow Textual 8's markup rules. So every
piece of content that carries user text is built here, as a ``Content`` assembled from
literal strings with our own styles attached as spans: nothing is ever parsed.

Toasts take a ``str``; ``AfterviewApp.notify`` shows every one as plain text.
"""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

Part = str | Content | tuple[str, str | Style]
"""A piece of a line: literal text, finished content, or ``(literal text, style)``."""


def literal(text: str, style: str | Style = "") -> Content:
    """``text`` as content, unparsed, optionally in one ``style`` ("bold", "dim"...)."""
    return Content.styled(text, style) if style else Content(text)


def line(*parts: Part) -> Content:
    """Join literal pieces into one content: ``line(("Why now:", "dim"), " ", reason)``.

    Plain strings and the text of ``(text, style)`` pairs are taken literally; the style
    is ours, never the user's.
    """
    return Content.assemble(*parts)


def bold(text: str) -> tuple[str, str]:
    """``text`` in bold, for ``line``."""
    return (text, "bold")


def dim(text: str) -> tuple[str, str]:
    """``text`` dimmed, for ``line``."""
    return (text, "dim")
