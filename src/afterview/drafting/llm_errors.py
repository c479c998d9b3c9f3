"""How the LLM drafter reads the SDK's failures: which to retry, how long to wait, what
the server said (with anything key-like removed). ``openai`` is imported only when a
failure is read, like everywhere in the drafter.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from afterview.redact import redact


def _import_openai() -> Any:
    import openai  # deliberately late: about 1 s of import time

    return openai


def retryable(exc: BaseException) -> bool:
    """Transient failures: connection errors, timeouts, 408/409, 429 (not quota), 5xx."""
    openai = _import_openai()
    if isinstance(exc, openai.RateLimitError):
        return not is_quota(exc)
    if isinstance(exc, openai.APIConnectionError):  # APITimeoutError included
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code >= 500 or exc.status_code in (408, 409)
    return False


def is_quota(exc: Any) -> bool:
    return "insufficient_quota" in (getattr(exc, "code", None), getattr(exc, "type", None))


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms``, then ``retry-after``)."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            seconds = float(raw_ms) / 1000
        except ValueError:
            pass
        else:
            return max(0.0, seconds) if math.isfinite(seconds) else math.inf
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        pass
    else:
        # "inf" and "nan" parse as floats: treat them as "too long to wait".
        return max(0.0, seconds) if math.isfinite(seconds) else math.inf
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def server_message(exc: Any, api_key: str | None) -> str:
    """``: <the server's own message>``, shortened and with anything key-like removed."""
    body = getattr(exc, "body", None)
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str) or not message.strip():
        return ""
    text = " ".join(redact(message, api_key).split())
    return f": {text[:200]}"
