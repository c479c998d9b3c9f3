"""Dump every finding the checks give on the repository's corpora, to compare two trees.

Run: .venv/bin/python benchmarks/check_verdicts.py OUT.jsonl [--tree PATH]

Speed work on the checks must not change a verdict. This runs ``run_checks`` over the
notes corpus (good, flawed, held-out), the sensitive corpus (generated and hand-written
positives, negatives, traps, good notes, the golden notes and cases), the benchmark's
notes and a note built around each typed moment of the moments corpora, each text as
written and in two non-ASCII variants (curly quotes; an invisible joiner and a
look-alike letter inside words), in both bars (``check`` and the drafts' bar). Each
line of OUT is one run: the case, the variant, the bar and every finding (check,
severity, category, span, message, suggestion). Two dumps are compared with ``diff``
or ``cmp``; any difference is a changed verdict.

``--tree``: check with another tree's ``src/`` and ``guardrails/`` (default: this one).
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _variants(text: str) -> list[tuple[str, str]]:
    """The text as written, with curly quotes, and with hidden characters inside words."""
    curly = text.replace("'", "\u2019").replace(' "', " \u201c").replace('" ', "\u201d ")
    words = text.split(" ")
    for i in range(len(words) // 3, len(words)):
        if len(words[i]) > 3 and words[i].isalpha():
            words[i] = words[i][:2] + "\u200d" + words[i][2:]
            break
    for i in range(len(words) // 2, len(words)):
        if "a" in words[i] and words[i].isalpha():
            words[i] = words[i].replace("a", "\u0430", 1)  # Cyrillic a
            break
    return [("plain", text), ("curly", curly), ("hidden", " ".join(words))]


def _cases(tree: Path) -> list[tuple[str, str, object]]:
    """(case id, text, context) of every corpus text."""
    sys.path.insert(0, str(tree / "src"))
    sys.path.insert(0, str(tree / "tests" / "checks"))
    sys.path.insert(0, str(tree / "benchmarks"))
    from datetime import date

    import sensitive_corpus as sc  # type: ignore[import-not-found]
    from bench_checks import CONTEXT, notes  # type: ignore[import-not-found]

    import afterview.checks
    from afterview.checks import CheckContext, load_policy
    from afterview.context import check_context

    assert afterview.checks.__file__.startswith(str(tree)), afterview.checks.__file__
    from afterview.domain import Interview

    policy = load_policy(tree / "guardrails")
    cases: list[tuple[str, str, object]] = []
    corpus = tree / "tests" / "data" / "notes_corpus"
    for path in sorted(corpus.rglob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            interview = Interview.from_data(case["record"])
            context = check_context(interview, case["note_type"], case["recipient"], policy)
            cases.append((f"corpus:{path.relative_to(corpus)}:{case['id']}", case["text"], context))
    for n, positive in enumerate(
        sc.generated_positives() + sc.hand_written_positives() + sc.hand_written_positives("heldout_positives.toml")
    ):
        cases.append((f"positive:{n}", positive.text, CheckContext(note_type="thank_you")))
    negatives = sc.hand_written_negatives() + sc.hand_written_negatives("heldout_negatives.toml")
    for n, negative in enumerate(negatives + sc.trap_negatives() + sc.golden_negatives()):
        cases.append((f"negative:{n}", negative.text, CheckContext(note_type="thank_you", proper_nouns=negative.nouns)))
    golden = tomllib.loads((tree / "tests" / "checks" / "data" / "golden_notes.toml").read_text(encoding="utf-8"))
    records = golden.get("records", {})
    for n, note in enumerate(golden["notes"]):
        record = records.get(note.get("record"), {})
        context = CheckContext(
            note_type=note.get("type", "thank_you"),
            recipient=note.get("recipient"),
            moment=note.get("moment"),
            proper_nouns=tuple(record.get("proper_nouns", ())),
            record_texts=tuple(record.get("proper_nouns", ())) + tuple(record.get("extra_texts", ())),
            record_dates=tuple(record.get("dates", ())),
            award=record.get("award"),
            deadline=record.get("deadline"),
            has_record=bool(record),
        )
        cases.append((f"golden:{n}", note["text"], context))
    sensitive_cases = tomllib.loads((tree / "tests" / "checks" / "data" / "sensitive_cases.toml").read_text("utf-8"))
    for name, items in sensitive_cases.items():
        for n, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and "text" in item:
                nouns = tuple(item.get("proper_nouns", item.get("names", ())))
                cases.append((f"cases:{name}:{n}", item["text"], CheckContext(proper_nouns=nouns)))
    for n, text in enumerate(notes()[::7]):
        for note_type in ("thank_you", "follow_up", "award_update"):
            cases.append((f"bench:{n}:{note_type}", text, _with_type(CONTEXT, note_type)))
    for corpus_file in ("moments.toml", "moments_second.toml"):
        path = tree / "tests" / "data" / "moments" / corpus_file
        for n, moment in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["moment"]):
            text = (
                f"Dear {moment['interviewer'].split()[0]},\n\nThank you for meeting with me on Tuesday. "
                f"I especially enjoyed {moment['text']}. I remain very interested in the role and "
                "look forward to hearing from you.\n\nBest regards,\nSam Rivera\n"
            )
            context = CheckContext(
                note_type="thank_you",
                recipient=moment["interviewer"],
                moment=moment["text"],
                proper_nouns=(moment["interviewer"], "Sam Rivera"),
                record_texts=(moment["interviewer"], "Sam Rivera", moment["text"]),
                record_dates=(date(2026, 3, 3),),
                has_record=True,
            )
            cases.append((f"moment:{corpus_file}:{n}", text, context))
            cases.append((f"moment-alone:{corpus_file}:{n}", moment["text"], context))
    return cases


def _with_type(context: object, note_type: str) -> object:
    if hasattr(context, "_replace"):  # a named tuple
        return context._replace(note_type=note_type)
    try:  # a frozen record (afterview.frozen); --tree may be older, with dataclasses
        from afterview.frozen import replace
    except ImportError:
        from dataclasses import replace

    return replace(context, note_type=note_type)  # type: ignore[type-var]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the dump (JSON lines)")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the tree whose checks run (default: this one)")
    args = parser.parse_args()
    tree = args.tree.resolve()
    cases = _cases(tree)
    from afterview.checks import load_policy, run_checks

    policy = load_policy(tree / "guardrails")
    runs = 0
    with args.out.open("w", encoding="utf-8") as out:
        for case_id, text, context in cases:
            for variant, variant_text in _variants(text):
                for drafts_bar in (False, True):
                    report = run_checks(variant_text, context, policy, drafts_bar=drafts_bar)  # type: ignore[arg-type]
                    findings = [
                        [f.check, f.severity, f.category, f.start, f.end, f.message, f.suggestion]
                        for f in report.findings
                    ]
                    line = {"case": case_id, "variant": variant, "drafts_bar": drafts_bar, "findings": findings}
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
                    runs += 1
    print(f"{len(cases)} cases, {runs} runs written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
