"""The form's moment preview follows the one decision the writer follows (``moment_fate``)."""

from __future__ import annotations

import pytest

from afterview import services
from afterview.checks.moment import moment_fate
from afterview.usecases.moment_preview import moment_preview

NAMES = ("Amara Okonkwo", "Northwind Analytics")


@pytest.mark.parametrize(
    "moment",
    [
        "remember to send the portfolio",
        "send them the deck",
        "mention my portfolio",
        "don't mention the salary",
        "our shared love of church choirs",
        "see notes",
        "ask me at amara@example.com",
    ],
)
def test_a_withheld_moment_is_previewed_with_the_reason_the_writer_gives(moment: str) -> None:
    policy = services.policy()
    fate = moment_fate(moment, NAMES, policy)
    assert fate.withheld
    assert moment_preview(moment, "Amara Okonkwo", NAMES, policy) == f"(not quoted: it {fate.reason})"


def test_a_quoted_moment_is_previewed_as_the_thank_you_reads_it() -> None:
    policy = services.policy()
    moment = "She mentioned her team just moved to Kubernetes."
    assert not moment_fate(moment, NAMES, policy).withheld
    sentence = moment_preview(moment, "Amara Okonkwo", NAMES, policy)
    assert sentence == "I especially enjoyed hearing that your team just moved to Kubernetes."
    assert moment_preview("   ", "Amara Okonkwo", NAMES, policy) == ""
