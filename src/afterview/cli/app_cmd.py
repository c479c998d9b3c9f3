"""``afterview`` with no command: open the Textual app."""

from __future__ import annotations


def run_app() -> int:
    """Build the app from the user's config and run it; returns the exit code."""
    from afterview.tui.app import make_app

    app = make_app()
    app.run()
    return app.return_code or 0
