"""The model request's limits as data: ``prompts/request.toml``.

Stdlib only; read once per prompts folder. A missing or malformed file is a
``PolicyError`` naming the file and the key, like every other data file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from afterview.drafting.datafile import read_toml
from afterview.errors import PolicyError
from afterview.resources import data_dir

FILE = "request.toml"


@dataclass(frozen=True, slots=True)
class RequestLimits:
    """How afterview asks the model.

    Attributes:
        max_tokens: the answer cap.
        temperature: sampling temperature.
        max_attempts: HTTP attempts per request, the first one included.
        max_retry_after: the longest ``Retry-After`` worth waiting for, in seconds.
    """

    max_tokens: int
    temperature: float
    max_attempts: int
    max_retry_after: float


_RANGES = {
    "max_tokens": (int, 50, 4000),
    "temperature": (float, 0.0, 2.0),
    "max_attempts": (int, 1, 10),
    "max_retry_after": (float, 0.0, 600.0),
}


def load_request_limits(folder: Path | None = None) -> RequestLimits:
    """Read ``request.toml`` from ``folder`` (default: the shipped prompts), once.

    Raises:
        PolicyError: the file is missing or unreadable, or a key is missing, unknown or
            out of range (the message names the file and the key).
    """
    return _load((folder or data_dir("prompts")) / FILE)


@cache
def _load(path: Path) -> RequestLimits:
    data = read_toml(path)  # a PolicyError naming the file (and the line and key of a syntax error)
    unknown = sorted(set(data) - set(_RANGES))
    if unknown:
        raise PolicyError(f"{path}: {unknown[0]}: unknown key")
    values = {}
    for key, (kind, low, high) in _RANGES.items():
        value = data.get(key)
        number_ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if kind is int and not isinstance(value, int):
            number_ok = False
        if not number_ok or not math.isfinite(value) or not low <= value <= high:
            what = "a whole number" if kind is int else "a number"
            raise PolicyError(f"{path}: {key}: must be {what} from {low} to {high}")
        values[key] = kind(value)
    return RequestLimits(**values)
