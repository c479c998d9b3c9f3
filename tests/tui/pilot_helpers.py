"""Driving the app in tests without sleeping: wait for what the app is doing, not a clock.

``settle`` waits for workers and for the app's short one-shot timers (the form's
validation, the studio's re-check, a debounce) to fire, polling a bounded number of
times (short sleeps between); ``send_keys`` queues real key events all at once, as quick
typing, a paste or ``tmux send-keys`` does, instead of one awaited press per character.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.keys import _character_to_key

SHORT_TIMER = 1.0
"""Seconds: one-shot timers up to this long are the app's debounces, worth waiting for;
longer ones (a toast's expiry) are not."""
ROUNDS = 250
"""At most this many waits of ``STEP`` seconds (5 s) before ``settle`` gives up."""
STEP = 0.02


def _busy(app) -> bool:
    """True while a message waits in some queue or a debounce timer has yet to fire."""
    # Textual internals, read only: each message pump has a ``_message_queue`` and keeps
    # its timers in ``_timers``; a one-shot timer (``set_timer``) has ``_repeat == 0``
    # and a task until it has fired.
    pumps = [app, *app.screen_stack, *(node for screen in app.screen_stack for node in screen.walk_children())]
    for pump in pumps:
        if not pump._message_queue.empty():
            return True
        for timer in list(getattr(pump, "_timers", ())):
            task = timer._task
            if timer._repeat == 0 and timer._interval <= SHORT_TIMER and task is not None and not task.done():
                return True
    return False


async def settle(pilot) -> None:
    """Wait until workers are done and no debounce timer is pending, then one more frame."""
    app = pilot.app
    for _ in range(ROUNDS):
        await app.workers.wait_for_complete()
        # pause(0): the screen handles what is queued, without also waiting for the
        # process to look idle (at least 20 ms a time); the last pause below does that once.
        await pilot.pause(0)
        if not _busy(app) and not any(w.is_running for w in app.workers):
            break
        # A debounce or a worker still to come: a plain sleep lets it run. (A pause here
        # would queue a callback on every widget of the screen each time it polls.)
        await asyncio.sleep(STEP)
    else:
        raise AssertionError("the app did not settle within 5 s")
    await pilot.pause()


def send_keys(app, *keys: str) -> None:
    """Queue key presses all at once (characters, or key names such as "enter")."""
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        character = key if len(key) == 1 else ("\r" if key == "enter" else None)
        event = events.Key(name, character)
        event.set_sender(app)
        app._driver.send_message(event)


async def type_keys(pilot, *keys: str) -> None:
    """Type ``keys`` into whatever has the focus, all at once (see ``send_keys``), and settle.

    For text whose key-by-key timing is not what a test is about: ``pilot.press`` waits for
    the process to look idle twice after every key (at least 40 ms a key).
    """
    send_keys(pilot.app, *keys)
    await settle(pilot)


async def type_into(pilot, widget, text: str, *, replace: bool = False) -> None:
    """Focus ``widget`` (an ``Input``), clear it if asked, type ``text``, and settle."""
    widget.focus()
    await pilot.pause()
    if replace:
        widget.value = ""
    send_keys(pilot.app, *text)
    await settle(pilot)


async def until(pilot, condition, what: str = "the condition") -> None:
    """Poll ``condition()`` between short pauses (at most 5 s): for waits that ``settle``
    cannot cover, such as a worker that is meant to hang."""
    for _ in range(ROUNDS):
        await pilot.pause()
        if condition():
            return
        await asyncio.sleep(STEP)
    raise AssertionError(f"{what} did not happen within 5 s")


async def open_studio(pilot):
    """From the dashboard: ``d`` on the highlighted interview, until its drafts are shown."""
    from afterview.tui.screens.draft_studio import DraftStudioScreen

    await settle(pilot)
    await pilot.press("d")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DraftStudioScreen) and pilot.app.screen.variants
    return pilot.app.screen
