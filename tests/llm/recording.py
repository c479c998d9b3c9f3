"""vcrpy set-up for the cassettes in ``cassettes/`` (recorded from a real local server).

Replay is the default and never touches the network: record mode ``none``, so a
missing cassette or a request the cassette does not hold fails the test.

Re-record (after changing a prompt, the checks' messages, or the templates), with the
local OpenAI-compatible server running::

    cassettes/local-server.sh start
    AFTERVIEW_RECORD=1 .venv/bin/python -m pytest tests/llm/test_llm_cassettes.py

``AFTERVIEW_LLM_URL`` points the recording at another server (default
http://127.0.0.1:8766/v1). Recording deletes the test's cassette first, so a cassette
always holds one complete run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import vcr
from vcr.errors import CannotOverwriteExistingCassetteException
from vcr.stubs import httpx_stubs

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes"
RECORDING = os.environ.get("AFTERVIEW_RECORD") == "1"
LOCAL_URL = os.environ.get("AFTERVIEW_LLM_URL", "http://127.0.0.1:8766/v1")

# Request headers that carry credentials or account ids.
SECRET_REQUEST_HEADERS = frozenset({"authorization", "api-key", "x-api-key", "openai-organization", "openai-project", "cookie"})
# Response headers that identify an account, a session or a request.
SECRET_RESPONSE_HEADERS = frozenset({"set-cookie", "openai-organization", "openai-project", "cf-ray", "date"})
_ID_HEADER = re.compile(r"request[-_]?id|trace[-_]?id|correlation[-_]?id", re.IGNORECASE)

SECRET_PATTERNS = (
    re.compile(r"sk-[A-Za-z0-9_\-]{6,}"),
    re.compile(r"Bearer\s", re.IGNORECASE),
    re.compile(r"set-cookie", re.IGNORECASE),
    re.compile(r"openai-organization", re.IGNORECASE),
    re.compile(r"x-request-id", re.IGNORECASE),
)
"""What must never appear in a cassette."""


def scrub_request(request):
    """Drop the SDK's platform headers (x-stainless-*: OS, runtime) from a recorded request.

    Credentials go through vcrpy's own ``filter_headers`` first; this hook runs after it
    and removes them again, so the scrub holds even if that option is ever dropped.
    """
    for name in list(request.headers):
        if name.lower() in SECRET_REQUEST_HEADERS or name.lower().startswith("x-stainless"):
            del request.headers[name]
    return request


def scrub_response(response: dict) -> dict:
    """Drop cookies, account ids and request ids from a recorded response.

    ``filter_headers`` cleans request headers only; this is the response side.
    """
    headers = response.get("headers", {})
    for name in list(headers):
        lowered = name.lower()
        if lowered in SECRET_RESPONSE_HEADERS or lowered.startswith("openai-") or _ID_HEADER.search(lowered):
            del headers[name]
    return response


def cassette_vcr() -> vcr.VCR:
    """The VCR every cassette test uses."""
    return vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        serializer="yaml",
        match_on=["method", "path", "body"],  # body: a changed prompt must not replay a stale answer
        filter_headers=sorted(SECRET_REQUEST_HEADERS),
        before_record_request=scrub_request,
        before_record_response=scrub_response,
        decode_compressed_response=True,
    )


@contextmanager
def cassette(name: str, monkeypatch, *, replay_only: bool = False) -> Iterator[vcr.cassette.Cassette]:
    """Replay ``cassettes/<name>.yaml`` (or record it afresh with AFTERVIEW_RECORD=1).

    On replay, fails when a request had no recorded answer (the SDK would otherwise
    turn vcrpy's error into a connection error and the writer into a quiet template
    fallback) and when a recorded request was never asked for. ``replay_only`` replays
    even while recording (for tests about the cassettes themselves).
    """
    path = CASSETTES / f"{name}.yaml"
    recording = RECORDING and not replay_only
    if recording:
        CASSETTES.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        mode = "once"
    else:
        assert path.exists(), f"missing cassette {path}; record it with AFTERVIEW_RECORD=1 (see tests/llm/recording.py)"
        mode = "none"

    unmatched: list[str] = []
    original = httpx_stubs._vcr_request

    def spy(cassette, real_request, real_request_body, httpx):
        try:
            return original(cassette, real_request, real_request_body, httpx)
        except CannotOverwriteExistingCassetteException as exc:
            unmatched.append(str(exc).splitlines()[0])
            raise

    monkeypatch.setattr(httpx_stubs, "_vcr_request", spy)
    with cassette_vcr().use_cassette(path.name, record_mode=mode) as cass:
        yield cass
    assert not unmatched, f"requests not in {path.name} (re-record with AFTERVIEW_RECORD=1): {unmatched}"
    if not recording:
        assert cass.all_played, f"{path.name}: some recorded requests were never made (re-record with AFTERVIEW_RECORD=1)"
