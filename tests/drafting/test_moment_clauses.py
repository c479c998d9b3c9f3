"""A moment typed as a wh-clause reads as one: "hearing how ...", never "hearing that how ..."."""

from __future__ import annotations

import pytest

from afterview.drafting.moments import object_phrase


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("how the team retired the legacy billing system", "hearing how the team retired the legacy billing system"),
        ("why you moved the clinic to Leeds", "hearing why you moved the clinic to Leeds"),
        ("where the new depot will open", "hearing where the new depot will open"),
        ("She said the team just moved to Kubernetes.", "hearing that the team just moved to Kubernetes"),
    ],
)
def test_a_wh_clause_takes_no_that(typed: str, expected: str) -> None:
    assert object_phrase(typed, recipient="Ana Sousa").phrase == expected
