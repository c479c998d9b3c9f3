"""The model request's limits are data (prompts/request.toml), checked when read."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterview.drafting.request_limits import load_request_limits
from afterview.errors import PolicyError

GOOD = "max_tokens = 400\ntemperature = 0.7\nmax_attempts = 4\nmax_retry_after = 20.0\n"


def test_the_shipped_limits_are_what_requests_use() -> None:
    from afterview.drafting.llm import MAX_ATTEMPTS

    limits = load_request_limits()
    assert (limits.max_tokens, limits.max_attempts) == (400, MAX_ATTEMPTS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("400", "-1"), "max_tokens: must be a whole number from 50 to 4000"),
        (GOOD.replace("0.7", '"warm"'), "temperature: must be a number"),
        (GOOD.replace("max_attempts = 4\n", ""), "max_attempts: must be"),
        (GOOD + "top_p = 1\n", "top_p: unknown key"),
        ("max_tokens = [", "not valid TOML"),
    ],
)
def test_a_broken_file_is_named_with_its_key(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "request.toml").write_text(text)
    with pytest.raises(PolicyError, match=expected) as caught:
        load_request_limits(tmp_path)
    assert str(tmp_path / "request.toml") in str(caught.value)
