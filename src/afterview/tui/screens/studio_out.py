"""The draft studio's ways to get a note out: copy, export, mark sent.

A mixin of ``DraftStudioScreen`` (kept apart so each file reads in one sitting): it
uses the screen's ``variants``, ``current``, ``note``, ``session`` and its helpers
``_flush_edit``, ``_refresh_bars`` and ``_report``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work

from afterview.notes import NOTE_LABELS
from afterview.tui.widgets.note_editor import NoteEditor


class GettingItOut:
    """Copy, export and sent actions of the draft studio."""

    @work(exclusive=True, group="copy")
    async def action_copy(self) -> None:
        """Copy the body (OSC 52, plus tmux's buffer and the desktop's tool where there are)."""
        await self._copy(self.query_one("#body", NoteEditor).text, "the note")

    @work(exclusive=True, group="copy")
    async def action_copy_subject(self) -> None:
        """Copy the subject line."""
        if self.variants:
            await self._copy(self.variants[self.current].subject, "the subject")

    async def _copy(self, text: str, what: str) -> None:
        if not self.variants:
            self.notify("Nothing to copy yet: the draft is on its way.", severity="warning")
            return
        self._flush_edit()
        copy = self.app.copy_text  # type: ignore[attr-defined]
        result = await copy(text)
        blocking = self._report.blocking if self._report is not None else ()
        if blocking:
            # The reasons stay in view: blocks lead the checks panel, whose top the
            # toasts never reach, and the toast itself stays a while.
            self.query_one("#checks").highlighted = 0
            self.query_one("#checks").scroll_home(animate=False)
            self.notify(
                f"{result.describe(what)} But a check blocks it: {blocking[0].message}",
                severity="warning",
                title="Copied, with a problem",
                timeout=20,
            )
        else:
            paste = " Paste it into your email." if result.tools else ""
            self.notify(f"{result.describe(what)}{paste}", title="Copied" if result.tools else "Copy sent")

    def action_export(self) -> None:
        """Ask for a format and file, then write it."""
        self._flush_edit()
        if not self.variants:
            self.notify("Nothing to export yet: the draft is on its way.", severity="warning")
            return
        from afterview.paths import export_folder
        from afterview.tui.screens.dialogs import ExportDialog
        from afterview.tui.studio_model import export_stem

        draft = self.variants[self.current]
        stem = export_stem(self.session.interview.company, draft.note_type.value, draft.recipient)
        self.app.push_screen(ExportDialog(stem, export_folder()), self._export)

    def _export(self, choice: Any) -> None:
        if choice is None:
            return
        draft = self.variants[self.current]
        try:
            content = self.session.export(choice.fmt, draft).content
        except Exception as exc:  # noqa: BLE001
            self.notify(str(exc), severity="error", title="Not exported")
            return
        if choice.fmt == "mailto":
            self.run_worker(self._copy(content.decode(), "the mailto: link"), group="copy", exclusive=True)
            return
        path = Path(choice.path)
        if path.exists():
            from afterview.tui.screens.dialogs import ConfirmDialog

            question = f"{path} already exists. Replace it?"
            self.app.push_screen(
                ConfirmDialog(question, yes="Replace", no="Keep it"),
                lambda replace: self._write_export(path, content) if replace else None,
            )
            return
        self._write_export(path, content)

    def _write_export(self, path: Path, content: bytes) -> None:
        from afterview.fileio import write_atomic

        try:
            write_atomic(path, content, mode=0o600)
        except OSError as exc:
            self.notify(f"{path}: {exc.strerror or exc}", severity="error", title="Not exported")
            return
        self.notify(f"Wrote {path}", title="Exported")

    def action_sent(self) -> None:
        """Log this note as sent today (with the draft on screen)."""
        self._flush_edit()
        if not self.variants:
            return
        draft = self.variants[self.current]
        try:
            self.session.mark_sent(draft)
        except Exception as exc:  # noqa: BLE001
            self.notify(str(exc), severity="error", title="Not marked")
            return
        self._refresh_bars()
        upnext, _ = self.session.first_note()
        after = ""
        if (upnext.note_type.value, upnext.recipient) != (self.note.note_type, self.note.recipient) and any(
            r.state in ("late", "due") for r in self.session.advice
        ):
            after = f" Next: {NOTE_LABELS.get(upnext.note_type.value)} to {upnext.recipient} (press o)."
        self.notify(f"Marked the {NOTE_LABELS.get(draft.note_type.value)} to {draft.recipient} as sent.{after}", title="Sent")
