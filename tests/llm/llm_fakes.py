"""Fakes for the LLM drafter's tests: a scripted OpenAI-compatible server on 127.0.0.1
(a real HTTP server in a thread, so the real SDK, httpx2 and tenacity run), reply
builders, a sleep that records waits instead of waiting, and settings for a server.

A module with its own name (not ``conftest``) so tests can import it without clashing
with other folders' ``conftest`` modules.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from afterview.config import Settings, resolve_settings

DATA = Path(__file__).resolve().parent.parent / "data"
TEST_KEY = "sk-test-afterview-0123456789abcdef"
"""A key-shaped secret: no message, log or cassette may ever contain it."""


@dataclass
class Reply:
    """One scripted answer."""

    body: object = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str = "application/json"


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict | None
    at: float


def completion(*contents: str | None, finish_reason: str = "stop", model: str = "test-model") -> dict:
    """A chat completion body with one choice per content."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {"index": i, "message": {"role": "assistant", "content": c}, "finish_reason": finish_reason}
            for i, c in enumerate(contents)
        ],
        "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
    }


def error_body(message: str, *, code: str | None = None, kind: str = "invalid_request_error") -> dict:
    """An OpenAI-style error body."""
    return {"error": {"message": message, "type": kind, "code": code, "param": None}}


class ScriptedServer:
    """Answers each request with the next scripted reply (the last one repeats).

    ``script`` may also be a function of the request, for routing (``GET /models``).
    """

    def __init__(self, script: list[Reply] | Callable[[Seen], Reply]) -> None:
        self.script = script
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        """The base URL, ending in /v1."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def posts(self) -> list[Seen]:
        """The chat completion requests, in arrival order."""
        return [r for r in self.requests if r.method == "POST"]

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _next(self, seen: Seen) -> Reply:
        with self._lock:
            self.requests.append(seen)
            if callable(self.script):
                return self.script(seen)
            index = min(len(self.requests), len(self.script)) - 1
            return self.script[index]

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                seen = Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic())
                reply = server._next(seen)
                if reply.delay:
                    time.sleep(reply.delay)
                payload = reply.body if isinstance(reply.body, (bytes, str)) else json.dumps(reply.body)
                data = payload.encode() if isinstance(payload, str) else payload
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", reply.content_type)
                    self.send_header("content-length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            do_GET = do_POST = _answer

        return Handler


class Waits(list):
    """The injected sleep: records each wait and returns at once."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


def settings_for(
    base_url: str, *, model: str | None = "test-model", key: str | None = TEST_KEY, timeout: float = 5.0, deadline: float = 0
) -> Settings:
    """Settings pointing at ``base_url``, as the user would set them in the environment.

    ``model=None`` leaves the model unchosen, so the drafter asks the server's /models.
    """
    environ = {"AFTERVIEW_TIMEOUT": str(timeout), "AFTERVIEW_DEADLINE": str(deadline)}
    if key:
        environ["OPENAI_API_KEY"] = key
    if model:
        environ["AFTERVIEW_MODEL"] = model
    # The autouse isolated_home fixture has pointed AFTERVIEW_HOME at a temporary folder.
    environ["AFTERVIEW_HOME"] = os.environ["AFTERVIEW_HOME"]
    return resolve_settings(base_url=base_url, environ=environ)
