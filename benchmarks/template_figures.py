"""The offline set's figures: variants, how alike they read, concise versus warm, splices.

Prints, per note type and tone, how many variants there are, the highest similarity
between two of them (difflib over words, as the panel check measures), the body word
range; per note type the concise/warm median ratio; and the splice errors over
each moments corpus. It reuses the agreement and splice tests' own records and detector, so
the figures are the ones the tests hold to their limits.

    .venv/bin/python benchmarks/template_figures.py
"""

from __future__ import annotations

import itertools
import statistics
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests" / "drafting"
sys.path.insert(0, str(TESTS))

from test_agreement import bodies, situations  # noqa: E402
from test_moment_splices import CORPUS_SIZES, MOMENTS, NOTE_TYPES, notes, quoted, record, splice_errors  # noqa: E402

from afterview.checks.panel import similarity  # noqa: E402
from afterview.domain import NoteType, Tone, word_count  # noqa: E402
from afterview.drafting.moments import object_phrase  # noqa: E402


def variant_figures() -> None:
    print("note type           tone     variants  max similarity  words (median)")
    for note_type in NoteType:
        medians = {}
        for tone in Tone:
            requests = [r for r in situations(note_type) if r.tone is tone]
            texts = [bodies(r) for r in requests]
            top = max(similarity(a, b) for group in texts for a, b in itertools.combinations(group, 2))
            counts = [word_count(b) for b in bodies(requests[0])]
            medians[tone] = statistics.median(counts)
            print(
                f"{note_type.value:19} {tone.value:8} {len(texts[0]):8}  {top:14.2f}  "
                f"{min(counts)}-{max(counts)} ({medians[tone]:g})"
            )
        print(f"{'':19} concise/warm median ratio: {medians[Tone.CONCISE] / medians[Tone.WARM]:.2f}")


def splice_figures() -> None:
    for corpus in CORPUS_SIZES:
        errors = checked = quoted_moments = 0
        for entry in (m for m in MOMENTS if m["corpus"] == corpus):
            if not quoted(entry):
                continue
            quoted_moments += 1
            for note_type, tone, body in notes(record(entry["text"], entry["interviewer"]), NOTE_TYPES):
                phrase = object_phrase(entry["text"], recipient=entry["interviewer"], formal=tone is Tone.FORMAL).phrase
                if note_type is not NoteType.THANK_YOU and phrase not in body:
                    continue
                checked += 1
                errors += len(splice_errors(entry, body, phrase))
        print(
            f"splice errors, {corpus}: {errors} in {checked} notes "
            f"({quoted_moments} of {CORPUS_SIZES[corpus]} moments quoted, every variant and tone)"
        )


if __name__ == "__main__":
    variant_figures()
    splice_figures()
