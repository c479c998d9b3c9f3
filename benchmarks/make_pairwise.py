"""Pairs for a blind preference test: an offline draft against a person's note, same record.

Reads a corpus of good notes (one TOML file per note type, each ``[[case]]`` with
``note_type``, ``recipient``, ``tone``, ``text`` and ``[case.record]``), renders the
offline draft afterview would show first for the same record, strips the greeting and
the sign-off from both, and writes the bodies in random order to ``pairs.toml``, with
which side is which in a separate ``key.toml`` that the judge must not open until every
choice is committed.

Usage:
    .venv/bin/python benchmarks/make_pairwise.py CORPUS_DIR OUT_DIR [--per-type N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tomllib
from pathlib import Path

from afterview import services
from afterview.context import recipient_moment
from afterview.domain import Interview, NoteRequest, NoteType, Tone
from afterview.drafting.templates import TemplateDrafter

_GREETING = re.compile(r"^(?:dear|hi|hello|hey|good (?:morning|afternoon|evening))\b[^\n]{0,60}[,:!]?\s*$", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"^(?:best|best regards|kind regards|warm regards|warmest regards|regards|sincerely|sincerely yours|yours sincerely|"
    r"yours truly|respectfully|warmly|cheers|all the best|many thanks|thanks|thank you|with thanks|with gratitude|"
    r"thanks again|thank you again|with appreciation|take care)[,.!]?\s*$",
    re.IGNORECASE,
)
_SECOND_FOLLOW_UP = re.compile(r"\b(?:second|last|final|one more|once more)\b[^.]{0,40}\b(?:note|follow-up|message|time)\b", re.IGNORECASE)


def human_body(text: str) -> str:
    """The body of a hand-written note: no subject line, greeting, sign-off or signature."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    if lines and lines[0].lower().startswith("subject:"):
        lines = lines[1:]
    while lines and not lines[0].strip():
        lines = lines[1:]
    first = lines[0].strip() if lines else ""
    if _GREETING.match(first) or (first.endswith((",", ":")) and len(first.split()) <= 5):
        lines = lines[1:]
    for index, line in enumerate(lines):
        if index > 0 and _SIGN_OFF.match(line.strip()):
            lines = lines[:index]
            break
    return "\n".join(lines).strip()


def draft_body(case: dict, drafter: TemplateDrafter) -> str:
    """The offline draft afterview shows first for the case's record, body paragraphs only."""
    interview = Interview.from_data(case["record"])
    note_type = NoteType(case["note_type"])
    names = [p.name for p in interview.interviewers]
    position = names.index(case["recipient"]) if note_type is NoteType.THANK_YOU else 0
    fate = recipient_moment(interview, case["recipient"], services.policy())
    request = NoteRequest(
        interview=interview,
        note_type=note_type,
        recipient=case["recipient"],
        tone=Tone(case["tone"]),
        signature=interview.candidate or "Sam Rivera",
        first_variant=position,
        moment_withheld=fate.withheld,
        follow_ups_sent=1 if note_type is NoteType.FOLLOW_UP and _SECOND_FOLLOW_UP.search(case["text"]) else 0,
    )
    text = drafter.render(request, request.first_variant)
    return "\n\n".join(text.body.split("\n\n")[1:-1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-type", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    drafter = TemplateDrafter()
    pairs, key = [], {}
    for note_type in NoteType:
        cases = tomllib.loads((args.corpus / f"{note_type.value}.toml").read_text(encoding="utf-8"))["case"]
        for case in sorted(rng.sample(cases, min(args.per_type, len(cases))), key=lambda c: c["id"]):
            human, draft = human_body(case["text"]), draft_body(case, drafter)
            pair_id = f"p{len(pairs) + 1:02d}"
            draft_first = rng.random() < 0.5
            pairs.append(
                {
                    "id": pair_id,
                    "note_type": note_type.label,
                    "tone": case["tone"],
                    "a": draft if draft_first else human,
                    "b": human if draft_first else draft,
                }
            )
            key[pair_id] = {"case": case["id"], "template": "a" if draft_first else "b"}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pairs.toml").write_text(_pairs_toml(pairs), encoding="utf-8")
    (args.out / "key.toml").write_text(
        "# Which side of each pair is the offline template. Open only after every choice is committed.\n"
        + "".join(f'[{pid}]\ncase = "{k["case"]}"\ntemplate = "{k["template"]}"\n\n' for pid, k in key.items()),
        encoding="utf-8",
    )
    print(f"{len(pairs)} pairs written to {args.out / 'pairs.toml'}; key in {args.out / 'key.toml'}")
    return 0


def _pairs_toml(pairs: list[dict]) -> str:
    head = (
        "# Blind pairwise preference: for each pair, which note would you rather send, A or B?\n"
        "# Both are the body of a note after a job interview (greeting and sign-off removed),\n"
        "# written for the same record. Record your choice and a one-line reason per pair.\n\n"
    )
    blocks = []
    for pair in pairs:
        blocks.append(
            f'[[pair]]\nid = "{pair["id"]}"\nnote_type = "{pair["note_type"]}"\ntone = "{pair["tone"]}"\n'
            f"a = {json.dumps(pair['a'], ensure_ascii=False)}\nb = {json.dumps(pair['b'], ensure_ascii=False)}\n"
        )
    return head + "\n".join(blocks)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
