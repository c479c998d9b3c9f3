"""The sensitive corpus: generated and hand-written positives, and negatives of every kind.

Positives count as caught only when a sensitive finding reaches the severity the
policy gives their voice; an info finding is never a catch. The category is reported
apart (``Score.same_category``): the writer's labels and the rules' split fuzzy
boundaries differently ("I'm Kurdish": ethnicity or national origin). A negative is falsely flagged when any sensitive finding
warns or blocks under ``check`` or blocks on the drafts' bar (the drafts' bar raises
every sensitive finding to block, so any sensitive finding at all).
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from afterview.checks import CheckContext, Policy, run_checks, scan_sensitive

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "sensitive"
RANK = {"block": 0, "warn": 1, "info": 2}
_SLOT = re.compile(r"\{(\w+)\}")

# The hand-written corpus names a few categories its own way.
CATEGORY_ALIASES = {"genetic": "genetic_information", "marital_family": "family_status", "veteran": "veteran_status"}
# Its voices, in the policy's terms: the reader's staff are the reader's side.
VOICE_ALIASES = {"colleagues": "reader", "candidates": "others"}
# Categories that block whoever they are about, and are caught by a finding of any category.
ALLEGATIONS = frozenset({"allegation", "legal_threat"})


@dataclass(frozen=True)
class Positive:
    """A sentence that must be flagged: its category, voice and expected severity."""

    category: str
    voice: str
    severity: str
    text: str


@dataclass(frozen=True)
class Negative:
    """A note or sentence that must not be flagged, with the record's names to mask."""

    kind: str
    text: str
    nouns: tuple[str, ...] = ()


@dataclass
class Score:
    """Catches and misses per category."""

    caught: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    same_category: Counter[str] = field(default_factory=Counter)
    stronger: Counter[str] = field(default_factory=Counter)  # caught, but only above the policy's severity
    misses: list[tuple[Positive, str]] = field(default_factory=list)

    def recall(self, category: str | None = None) -> float:
        if category is None:
            return sum(self.caught.values()) / max(1, sum(self.total.values()))
        return self.caught[category] / max(1, self.total[category])

    def table(self) -> str:
        rows = [f"{'category':<22} {'caught':>9} recall  same category  only stronger"]
        for c in sorted(self.total):
            counts = f"{self.same_category[c]:>13}  {self.stronger[c]:>13}"
            rows.append(f"{c:<22} {self.caught[c]:>4}/{self.total[c]:<4} {self.recall(c):.3f}  {counts}")
        pooled = f"{sum(self.caught.values()):>4}/{sum(self.total.values()):<4}"
        counts = f"{sum(self.same_category.values()):>13}  {sum(self.stronger.values()):>13}"
        rows.append(f"{'pooled':<22} {pooled} {self.recall():.3f}  {counts}")
        return "\n".join(rows)


def expected_severity(category: str, voice: str) -> str:
    """The severity the policy gives a sentence: only the writer's own disclosure warns."""
    return "warn" if voice == "self" and category not in ALLEGATIONS else "block"


def generated_positives() -> list[Positive]:
    """Every descriptor of each category in every template of each frame, plus the standalone lines."""
    data = tomllib.loads((DATA / "generator.toml").read_text(encoding="utf-8"))
    voices = data["voices"]
    positives = []
    for category, slots in data["categories"].items():
        for frame, templates in data["templates"].items():
            voice = "allegation" if frame == "allegation" else frame
            expected = "allegation" if frame == "allegation" else category
            for template in templates:
                (slot,) = _SLOT.findall(template)
                for value in slots.get(slot, ()):
                    text = template.replace("{" + slot + "}", value)
                    positives.append(Positive(expected, voice, voices[frame], _capitalised(text)))
    standalone = data["standalone"]
    for name, table in standalone.items():
        if name == "openings":
            continue
        category = table.get("category", name)
        for opening, line in itertools.product(standalone["openings"], table["lines"]):
            text = _capitalised(opening + line)
            positives.append(Positive(category, table["voice"], voices[table["voice"]], text))
    return positives


def _frozen_items(name: str) -> list[dict]:
    """The entries of a frozen hand-written file (empty until it is copied in)."""
    path = DATA / name
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return next(v for v in data.values() if isinstance(v, list))


def hand_written_positives(name: str = "positives.toml") -> list[Positive]:
    """The frozen hand-written positives (``heldout_positives.toml``: the held-out set)."""
    positives = []
    for item in _frozen_items(name):
        category = CATEGORY_ALIASES.get(item["category"], item["category"])
        voice = VOICE_ALIASES.get(item["voice"], item["voice"])
        positives.append(Positive(category, voice, expected_severity(category, voice), item["text"]))
    return positives


def hand_written_negatives(name: str = "negatives.toml") -> list[Negative]:
    """The frozen hand-written negatives (``heldout_negatives.toml``: the held-out set)."""
    label = "held-out" if name.startswith("heldout") else "hand"
    items = _frozen_items(name)
    return [Negative(f"{label}:{i.get('kind', '?')}", i["text"], tuple(i.get("names", ()))) for i in items]


def trap_negatives() -> list[Negative]:
    """Collocations in carrier sentences, whole trap sentences, and notes to trap-named people."""
    data = tomllib.loads((DATA / "traps.toml").read_text(encoding="utf-8"))
    found = [Negative("trap phrase", c.replace("{p}", p)) for p in data["phrases"] for c in data["carriers"]]
    found += [Negative("trap sentence", s) for s in data["sentences"]]
    found += [Negative("trap name", n["text"], tuple(n["nouns"])) for n in data["named"]]
    return found


def golden_negatives() -> list[Negative]:
    """The checks' golden notes, and the blind writer's good notes (tests/data/sensitive/good_notes)."""
    data = tomllib.loads((ROOT / "tests" / "checks" / "data" / "golden_notes.toml").read_text(encoding="utf-8"))
    records = data.get("records", {})
    found = []
    for note in data["notes"]:
        nouns = tuple(records.get(note.get("record"), {}).get("proper_nouns", ()))
        found.append(Negative("golden note", note["text"], nouns))
    for path in sorted((DATA / "good_notes").glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            found.append(Negative(f"good note {path.stem}", case["text"], _record_nouns(case.get("record", {}))))
    return found


def _record_nouns(record: dict) -> tuple[str, ...]:
    """The names a record holds, as ``Interview.proper_nouns`` gives them to the checks."""
    nouns = [record.get(key) for key in ("candidate", "company", "role")]
    for person in record.get("interviewers", []):
        nouns += [person.get("name"), person.get("title"), person.get("address_as")]
    nouns += [record.get("competing_offer", {}).get("company"), record.get("award", {}).get("name")]
    return tuple(n for n in nouns if n)


def template_negatives() -> list[Negative]:
    """Every offline template output over the eval scenarios whose moments are safe to quote."""
    from afterview.checks import load_policy
    from afterview.context import check_context
    from afterview.domain import Tone
    from afterview.drafting.templates import TemplateDrafter
    from afterview.errors import AfterviewError
    from afterview.evals import load_scenarios
    from afterview.usecases.recipients import build_requests

    policy = load_policy(ROOT / "guardrails")
    drafter = TemplateDrafter()
    found = []
    for scenario in load_scenarios(ROOT / "evals" / "scenarios"):
        interview = scenario.interview
        nouns = tuple(interview.proper_nouns())
        if any(p.moment and scan_sensitive(p.moment, policy, nouns) for p in interview.interviewers):
            continue  # the writer withholds such a moment; the template would quote it
        for note_type, tone in itertools.product(scenario.note_types(), Tone):
            try:
                requests = build_requests(interview, note_type, tone=tone)
            except AfterviewError:
                continue
            for request in requests:
                for variant in range(drafter.variant_count(note_type, tone)):
                    draft = drafter.render(request, variant)
                    context = check_context(interview, note_type, request.recipient, policy)
                    found.append(Negative(f"template {note_type.value}", draft.body, context.proper_nouns))
    return found


def score_positives(positives: list[Positive], policy: Policy) -> Score:
    """Which positives the sensitive check catches at their severity."""
    score = Score()
    for positive in positives:
        score.total[positive.category] += 1
        findings = scan_sensitive(positive.text, policy)
        want = RANK[positive.severity]
        hits = [f for f in findings if f.check == "sensitive" and RANK[f.severity] <= want]
        if hits:
            score.caught[positive.category] += 1
            score.stronger[positive.category] += all(RANK[f.severity] < want for f in hits)
            if positive.category in ALLEGATIONS or positive.voice == "allegation":
                score.same_category[positive.category] += any(f.category == "allegation" for f in hits)
            else:
                score.same_category[positive.category] += any(f.category == positive.category for f in hits)
        else:
            seen = ", ".join(f"{f.category}/{f.severity}" for f in findings) or "nothing"
            score.misses.append((positive, seen))
    return score


def false_flags(negatives: list[Negative], policy: Policy) -> list[tuple[Negative, str]]:
    """Negatives with a sensitive finding that warns or blocks under check, or blocks on the drafts' bar."""
    flagged = []
    for negative in negatives:
        context = CheckContext(note_type="thank_you", proper_nouns=negative.nouns)
        for drafts_bar in (False, True):
            report = run_checks(negative.text, context, policy, drafts_bar=drafts_bar)
            bad = [f for f in report.by_check("sensitive") if f.severity == "block" or (not drafts_bar and f.severity == "warn")]
            if bad:
                words = "; ".join(f"{f.category}: {negative.text[f.start:f.end]!r}" for f in bad)
                flagged.append((negative, words))
                break
    return flagged


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
