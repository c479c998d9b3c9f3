"""Where the checks' sentences end (``checks.text.sentence_ends``)."""

from __future__ import annotations

import pytest

from afterview.checks.text import sentence_ends


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("One. Two", [4]),
        ("One.two", []),  # no space: not an end
        ("U.S. citizen", []),  # a small letter follows
        ('He said "Stop." Then', [15]),  # closing quote and bracket go with the end
        ("Really?! (Yes.)", [8, 15]),
        ("Wait... and see", []),
        ("Wait...\nNext", [7, 8]),  # the run, then the line break
        ("a; b\nc", [2, 5]),
        ("Done.   ", [5]),  # only spaces up to the end
        ("Met on 3. 4 more", [9]),
        ("Bonjour. Élodie", [8]),  # a capital of another script opens a sentence
        ("Bonjour. élodie", []),
        ("Total. ٣ more", [6]),  # a digit of another script too
        ("Hello. “Quoted”", []),  # a curly quote is not one of the openers
    ],
)
def test_sentence_ends(text: str, ends: list[int]) -> None:
    assert sentence_ends(text) == ends
