"""The draft studio's focus rules and the outside editor: who gets the keys, and when.

A mixin of ``DraftStudioScreen`` (kept apart so each file reads in one sitting): letter
keys belong to the body only while it is being edited, Tab never enters the body, the
footer hides the command keys meanwhile, and ``E`` opens the draft in ``$VISUAL`` or
``$EDITOR``. It uses the screen's ``variants``, ``current``, ``recheck`` and widgets.
"""

from __future__ import annotations

from typing import Any

from afterview.tui.widgets.note_editor import NoteEditor

# Actions that single-letter keys trigger; hidden while the body is being edited.
_COMMAND_KEYS = {"previous", "next", "regenerate", "tone", "choose_note", "copy", "copy_subject", "export", "sent", "edit", "edit_outside"}


class EditingFocus:
    """Focus, footer and outside-editor behaviour of the draft studio."""

    def on_descendant_focus(self) -> None:
        """Letter keys belong to the body while it is edited: hide them from the footer."""
        self._editing_hint()
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        """Show the letter keys again."""
        self._editing_hint()
        self.refresh_bindings()

    def _editing_hint(self) -> None:
        editor = self.query_one("#body", NoteEditor)
        editor.border_subtitle = "editing · esc when done" if editor.has_focus else "i to edit"

    def on_resize(self) -> None:
        """The note bar fits its keys into the new width."""
        if self.note is not None:
            self._refresh_bars()

    def focus_next(self, selector: str | type = "*") -> Any:
        """Tab moves among the studio's lists, never silently into the body: ``i`` edits."""
        return self._focus_around_body(super().focus_next, selector)

    def focus_previous(self, selector: str | type = "*") -> Any:
        """Shift+Tab, likewise."""
        return self._focus_around_body(super().focus_previous, selector)

    def _focus_around_body(self, move: Any, selector: str | type) -> Any:
        editor = self.query_one("#body", NoteEditor)
        if editor.has_focus:
            return move(selector)  # leaving the body by Tab is fine
        editor.can_focus = False
        try:
            return move(selector)
        finally:
            editor.can_focus = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide command keys while the body has the focus (they type into it)."""
        if action in _COMMAND_KEYS and isinstance(self.focused, NoteEditor):
            return False
        return True

    def action_edit_outside(self) -> None:
        """Open the body in ``$VISUAL`` / ``$EDITOR``, then check and save what comes back."""
        from afterview.tui.external_editor import EditorFailed, editor_command

        if not self.variants:
            self.notify("Nothing to edit yet: the draft is on its way.", severity="warning")
            return
        command = editor_command()
        if command is None:
            self.notify("Set $VISUAL or $EDITOR to edit in your own editor; i edits here.", severity="warning")
            return
        editor = self.query_one("#body", NoteEditor)
        self._flush_edit()
        try:
            edited = self.app.edit_outside(command, editor.text)  # type: ignore[attr-defined]
        except EditorFailed as exc:
            self.notify(f"{exc}: the draft is unchanged.", severity="error", title="Not edited")
            return
        if edited is None:
            self.notify("This terminal cannot hand over to an editor: press i to edit here.", severity="warning")
            return
        if edited != editor.text:
            editor.load_text(edited)
            self.recheck()
