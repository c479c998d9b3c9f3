"""Fixtures for the LLM drafter's tests (the fakes themselves live in ``llm_fakes``)."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest
from llm_fakes import DATA, ScriptedServer, Waits

from afterview.domain import NoteRequest, NoteType, Tone
from afterview.interview_file import load_interview


@pytest.fixture
def serve() -> Iterator[Callable[..., ScriptedServer]]:
    """Start scripted servers; each is shut down after the test."""
    started: list[ScriptedServer] = []

    def start(script) -> ScriptedServer:
        started.append(ScriptedServer(script).start())
        return started[-1]

    yield start
    for server in started:
        server.close()


@pytest.fixture
def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def waits() -> Waits:
    """The sleep to inject: ``waits`` lists the seconds the drafter would have waited."""
    return Waits()


@pytest.fixture
def northwind():
    """The README's interview: Jordan Lee at Northwind Analytics, with offer and award."""
    return load_interview(DATA / "northwind.toml")


@pytest.fixture
def make_request(northwind):
    """``make_request(note_type=..., **fields)`` -> a NoteRequest to Jordan Lee."""

    def build(note_type: NoteType = NoteType.THANK_YOU, **fields) -> NoteRequest:
        values = {"interview": northwind, "note_type": note_type, "recipient": "Jordan Lee", "tone": Tone.WARM, "signature": "Sam Rivera"}
        values.update(fields)
        return NoteRequest(**values)

    return build
