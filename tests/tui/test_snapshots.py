"""Snapshot tests (pytest-textual-snapshot): the screens a person sees, at 80x24.

Fixed clock, fixed data, cursor blink off. Review changes in the HTML report before
running ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations


from datetime import date

import pilot_helpers
from tui_fakes import GOOD_THANK_YOUS, TODAY, ScriptedDrafter, make_writer, northwind
from textual.widgets import Input, TextArea

from afterview.domain import Interviewer
from afterview.frozen import replace
from afterview.tui.widgets.form_fields import InterviewerBlock

SIZE = (80, 24)


async def settle(pilot) -> None:
    """Finish timers and workers, then stop every cursor from blinking."""
    await pilot_helpers.settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()


def fill_store(store) -> None:
    """Three interviews: a late thank-you, one due today, one follow-up upcoming."""
    store.add_interview(northwind())
    store.add_interview(
        northwind(
            company="Contoso",
            role="Platform Engineer",
            interview_date=date(2026, 2, 24),
            decision_date=None,
            interviewers=[Interviewer(name="Priya Natarajan", contact=True, moment="the on-call rotation plan")],
        )
    )
    fabrikam = store.add_interview(
        northwind(
            company="Fabrikam Health",
            role="Senior Data Engineer",
            interview_date=date(2026, 2, 20),
            decision_date=date(2026, 2, 27),
            interviewers=[Interviewer(name="Marcus Okafor", contact=True)],
        )
    )
    store.mark_sent(fabrikam, "thank_you", "Marcus Okafor", date(2026, 2, 20))


def test_dashboard(snap_compare, app_factory, store) -> None:
    fill_store(store)
    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=settle)


def test_offline_header_on_first_run(snap_compare, app_factory) -> None:
    """An empty store: the header says offline, the dashboard says what to do first."""
    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=settle)


def test_online_header(snap_compare, settings, store) -> None:
    from afterview.tui.app import make_app

    online = replace(settings, offline=False, offline_reason=None, model="gpt-4.1-mini")
    app = make_app(
        writer=make_writer(ScriptedDrafter([GOOD_THANK_YOUS])), store=store, clock=lambda: TODAY, settings=online, clipboard_commands=[]
    )
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_form_with_validation_errors(snap_compare, app_factory) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = pilot.app.screen
        fields = {f.key: f for f in form.query("Field") if not isinstance(f.parent, InterviewerBlock)}
        for key, text in (("company", "Northwind Analytics"), ("interview_date", "2026-3-2"), ("decision_date", "2026-02-20")):
            await pilot_helpers.type_into(pilot, fields[key].query_one(Input), text, replace=True)
        block = form.query_one(InterviewerBlock)
        await pilot_helpers.type_into(pilot, block.field("email").input, "jordan.example")
        fields["company"].query_one(Input).focus()
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)


def test_studio_with_a_failing_check_highlighted(snap_compare, app_factory, store, settings) -> None:
    store.add_interview(northwind())
    # A returning user: the one-time privacy notice was shown on an earlier day.
    (settings.paths.data_dir / "online-notice-shown").write_text("shown\n", encoding="utf-8")

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        editor = pilot.app.screen.query_one(TextArea)
        editor.focus()
        editor.move_cursor((2, 0))
        await pilot_helpers.type_keys(pilot, *"[Company] ")
        await pilot.press("escape")
        await settle(pilot)

    assert snap_compare(app_factory(ScriptedDrafter([GOOD_THANK_YOUS])), terminal_size=SIZE, run_before=run_before)


def test_form_after_importing_an_invite(snap_compare, app_factory, tmp_path, machine_zone) -> None:
    """The guessed company and role marked ▲ under their fields, what was read above them."""
    import invite_samples

    machine_zone("UTC")  # the start time shown is in the machine's zone
    invite = tmp_path / "invite.ics"
    invite.write_bytes(invite_samples.google())

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        pilot.app.screen.query_one("#invite-path", Input).value = str(invite)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_factory(), terminal_size=SIZE, run_before=run_before)
