"""Run blocking start-up work off the event loop without making quitting wait for it.

Textual's thread workers run in asyncio's default executor, whose threads the
interpreter joins on exit: quitting while the loader imports modules or the advisor
passes over 10,000 interviews would wait for them. ``in_daemon_thread`` runs the call in
a daemon thread and hands its result back to the awaiting coroutine (an async worker),
so cancelling the worker, or quitting, leaves the thread to be dropped at exit.
Only for reads and imports: work that must finish (a write) stays where it is awaited.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


async def in_daemon_thread(call: Callable[..., T], *args: Any, name: str = "afterview-background") -> T:
    """``call(*args)`` in a new daemon thread; its result (or exception) once it returns.

    Cancelling the awaiting task does not stop the thread; its late result is dropped.
    """
    loop = asyncio.get_running_loop()
    outcome: asyncio.Future[T] = loop.create_future()

    def settle(value: Any, failed: bool) -> None:
        if outcome.done():  # the awaiting worker was cancelled meanwhile
            return
        if failed:
            outcome.set_exception(value)
        else:
            outcome.set_result(value)

    def run() -> None:
        try:
            value, failed = call(*args), False
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting task, which decides
            value, failed = exc, True
        try:
            loop.call_soon_threadsafe(settle, value, failed)
        except RuntimeError:  # the loop has closed: the app quit before the work finished
            pass

    threading.Thread(target=run, name=name, daemon=True).start()
    return await outcome


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building objects that all survive.

    Building the dashboard's 10,000 rows set off a full collection over everything
    Textual had built, which doubled the listing's time; every row built here is kept,
    so a collection in the middle can only waste time. Process-wide, so kept short.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class StartUpCollector:
    """Pause the cyclic garbage collector from the app's start to its first screen.

    Start-up builds tens of thousands of objects that stay alive (widgets, styles, the
    rows), and the collector's passes over them found little to free while adding a
    tenth to the time until the first-run screen was drawn. Paused once, resumed once
    (the first screen is drawn, loading failed, or the app closes); its next pass runs
    right after. Leaves a collector the caller had disabled alone.
    """

    def __init__(self) -> None:
        self._paused = False

    def pause(self) -> None:
        """Stop the collector until ``resume``."""
        if gc.isenabled():
            gc.disable()
            self._paused = True

    def resume(self) -> None:
        """Start the collector again if ``pause`` stopped it (again: nothing)."""
        if self._paused:
            self._paused = False
            gc.enable()
