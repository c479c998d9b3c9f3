"""The body's capitalised words, as the name checks read them."""

from __future__ import annotations

import re

import pytest

from afterview.checks.capitals import capitalised_words, places
from afterview.checks.text import analyse

# What a capitalised word is, said as one regex (slower to scan with than the module's two).
_ONE_CLASS = re.compile(r"[^\W\d_a-z](?<![\w'-].)[\w'-]*")


@pytest.mark.parametrize(
    "body",
    [
        "Meeting Alex and O'Neil at Northwind's office was great.",
        "The iOS app, McDonald's menu and the x-Ray demo: only word starts count.",
        "José Núñez met Ωmega and the école team; 3D and _Under are no names.",
        "'Tis Lisbon-based, -Prague not, and Zürich twice: Zürich.",
    ],
)
def test_words_and_places_are_the_word_starts_with_a_capital(body: str) -> None:
    analysis = analyse(f"Dear Jordan,\n\n{body}\n\nBest,\nSam")
    start, end = analysis.body
    expected = [(m.start(), m.group()) for m in _ONE_CLASS.finditer(analysis.norm, start, end)]
    words = capitalised_words(analysis)
    assert set(words) == {word for _, word in expected}
    assert places(analysis, words) == expected


def test_only_the_body_is_read() -> None:
    analysis = analyse("Dear Jordan,\n\nThank you.\n\nBest,\nSam Rivera")
    assert set(capitalised_words(analysis)) == {"Thank"}
    assert places(analysis, ["Thank"]) == [(analysis.norm.index("Thank"), "Thank")]


@pytest.mark.parametrize(
    "text",
    [
        "Alex met O'Neil-Smith at ACME_2 Labs.",  # no greeting: the body starts the text
        "Dear Jordan,\nZed's x-Ray, iPhone and 'Twas Quinn\nBest,\nSam",
        "Dear Jordan,\n\nA B C-D E_f 9Lives -Gary 'Ana' (Bo) [Cy] Di.\n\nBest,\nSam",
    ],
)
def test_an_ascii_text_reads_as_any_other(text: str) -> None:
    # ASCII texts are scanned in a copy of their shapes: the same words at the same places.
    analysis = analyse(text)
    start, end = analysis.body
    expected: dict[str, list[int]] = {}
    for match in _ONE_CLASS.finditer(analysis.norm, start, end):
        expected.setdefault(match.group(), []).append(match.start())
    assert capitalised_words(analysis) == expected
