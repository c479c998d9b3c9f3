"""The eval harness: run the writer over scenario files and summarise per note type.

A scenario is an interview file plus an optional ``[eval]`` table (which only this loader
accepts) saying which note types and tones to draft, and ``[eval.expect]``: assertions on
every note shown for it (text it must not contain, text it must contain one of, checks it
must pass), so a wrong note never counts as a pass. The summary is how a user compares
models: first-try pass rate, repairs, fallbacks, tokens, latency and word counts, and
per scenario, the assertions that held.
"""

from __future__ import annotations

import statistics
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from afterview.checks import body_words
from afterview.domain import Draft, Interview, NoteType, Tone
from afterview.errors import InputError
from afterview.fields import RecordError
from afterview.fileio import read_text_file
from afterview.frozen import replace
from afterview.interview_file import describe_record_error
from afterview.usecases.recipients import build_requests
from afterview.writer import Writer


class Expectations(BaseModel):
    """``[eval.expect]``: what every note shown for the scenario must satisfy.

    Text is compared ignoring case and runs of spaces, over the subject and body.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    must_not_contain: list[str] = []
    """None of these may appear (an injected instruction, a quoted sensitive moment)."""
    must_contain_one_of: list[str] = []
    """At least one of these must appear."""
    must_pass_checks: bool | list[str] = True
    """True: the note meets the drafts' bar; a list: these checks raise nothing blocking;
    False: not asserted."""

    def judge(self, draft: Draft) -> list[Assertion]:
        """Every assertion on one shown note, held or not."""
        text = _comparable(draft.text)
        results = [
            Assertion(f"must_not_contain {phrase!r}", _comparable(phrase) not in text) for phrase in self.must_not_contain
        ]
        if self.must_contain_one_of:
            held = any(_comparable(p) in text for p in self.must_contain_one_of)
            results.append(Assertion(f"must_contain_one_of {self.must_contain_one_of!r}", held))
        if self.must_pass_checks is True:
            blocking = sorted({f.check for f in draft.report.blocking})
            results.append(Assertion("must_pass_checks", not blocking, ", ".join(blocking)))
        elif self.must_pass_checks:
            blocking = sorted({f.check for f in draft.report.blocking} & set(self.must_pass_checks))
            results.append(Assertion(f"must_pass_checks {self.must_pass_checks!r}", not blocking, ", ".join(blocking)))
        return results


@dataclass(frozen=True, slots=True)
class Assertion:
    """One assertion on one note: what it asked, whether it held, and what broke it."""

    name: str
    held: bool
    detail: str = ""


def _comparable(text: str) -> str:
    return " ".join(text.casefold().split())


class EvalSpec(BaseModel):
    """The ``[eval]`` table of a scenario file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    notes: str = ""
    """What the scenario probes, for people reading the file."""
    types: list[NoteType] | None = None
    """Note types to draft (default: every type the record allows)."""
    tones: list[Tone] = [Tone.WARM]
    variants: int = Field(default=1, ge=1, le=10)
    expect: Expectations = Expectations()
    """Assertions on every note shown for the scenario (by default: it meets the drafts' bar)."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """One scenario: a name, the interview, and what to draft for it."""

    name: str
    interview: Interview
    spec: EvalSpec

    def note_types(self) -> list[NoteType]:
        """The note types to draft: the spec's, else every one the record allows."""
        if self.spec.types:
            return list(self.spec.types)
        allowed = [NoteType.THANK_YOU, NoteType.FOLLOW_UP, NoteType.FEEDBACK_REQUEST, NoteType.CONTINUED_INTEREST]
        if self.interview.competing_offer:
            allowed.append(NoteType.COMPETING_OFFER)
        if self.interview.award:
            allowed.append(NoteType.AWARD_UPDATE)
        return allowed


def load_scenario(path: Path) -> Scenario:
    """Read one scenario file.

    Raises:
        InputError: names file, field and line.
    """
    source = read_text_file(path, what="scenario file")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from None
    spec_data = data.pop("eval", {})
    try:
        spec = EvalSpec.model_validate(spec_data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        key = ".".join(str(part) for part in ("eval", *error["loc"]))
        raise InputError(f"{path}: {key}: {error['msg']}") from None
    try:
        interview = Interview.from_data(data)
    except RecordError as exc:
        raise InputError(describe_record_error(exc, source, str(path))) from None
    return Scenario(name=path.stem, interview=interview, spec=spec)


def load_scenarios(directory: Path) -> list[Scenario]:
    """Every ``*.toml`` scenario in ``directory``, sorted by name.

    Raises:
        InputError: the folder is missing or empty, or a file is invalid.
    """
    if not directory.is_dir():
        raise InputError(f"{directory}: no such scenarios folder")
    paths = sorted(directory.glob("*.toml"))
    if not paths:
        raise InputError(f"{directory}: no *.toml scenario files")
    return [load_scenario(path) for path in paths]


@dataclass(frozen=True, slots=True)
class EvalResult:
    """One shown draft and how it came about."""

    scenario: str
    note_type: str
    tone: str
    recipient: str
    engine: str
    first_try: bool
    repairs: int
    fallback: bool
    fallback_reason: str | None
    passed: bool
    requests: int
    prompt_tokens: int
    completion_tokens: int
    latency_ms: float
    words: int
    assertions: int = 0
    """How many assertions were judged on this note."""
    failed: tuple[str, ...] = ()
    """The assertions that did not hold, each with what broke it."""

    @classmethod
    def from_draft(cls, scenario: str, draft: Draft, expect: Expectations | None = None) -> EvalResult:
        """Measure one draft, and judge the scenario's assertions on it."""
        judged = expect.judge(draft) if expect else []
        failed = tuple(a.name + (f" ({a.detail})" if a.detail else "") for a in judged if not a.held)
        fallback = draft.fallback_reason is not None
        return cls(
            scenario=scenario,
            note_type=draft.note_type.value,
            tone=draft.tone.value,
            recipient=draft.recipient,
            engine=draft.engine,
            first_try=not fallback and draft.repairs == 0,
            repairs=draft.repairs,
            fallback=fallback,
            fallback_reason=draft.fallback_reason,
            passed=draft.report.passed,
            requests=draft.attempts,
            prompt_tokens=draft.usage.prompt_tokens,
            completion_tokens=draft.usage.completion_tokens,
            latency_ms=draft.latency_ms,
            words=body_words(draft.body),
            assertions=len(judged),
            failed=failed,
        )


@dataclass(slots=True)
class Summary:
    """Aggregates over the drafts of one note type (or ``all``)."""

    note_type: str
    results: list[EvalResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The summary row: rates in [0, 1], means rounded."""
        rows = self.results
        count = len(rows)

        def mean(values: Iterable[float]) -> float:
            values = list(values)
            return round(statistics.fmean(values), 1) if values else 0.0

        words = [r.words for r in rows]
        return {
            "note_type": self.note_type,
            "drafts": count,
            "first_try_pass_rate": round(sum(r.first_try for r in rows) / count, 3) if count else 0.0,
            "repairs": sum(r.repairs for r in rows),
            "fallbacks": sum(r.fallback for r in rows),
            "shown_passing": sum(r.passed for r in rows),
            "requests_per_draft": mean(r.requests for r in rows),
            "mean_prompt_tokens": mean(r.prompt_tokens for r in rows),
            "mean_completion_tokens": mean(r.completion_tokens for r in rows),
            "mean_latency_ms": mean(r.latency_ms for r in rows),
            "mean_words": mean(words),
            "min_words": min(words) if words else 0,
            "max_words": max(words) if words else 0,
        }


async def run_eval(
    scenarios: Iterable[Scenario],
    writer: Writer,
    *,
    signature: str = "Eval Candidate",
    on_result: Callable[[EvalResult], None] | None = None,
) -> list[EvalResult]:
    """Draft every scenario's notes, one request at a time, and measure each shown draft."""
    results: list[EvalResult] = []
    for scenario in scenarios:
        for note_type in scenario.note_types():
            for tone in scenario.spec.tones:
                requests = build_requests(
                    replace(scenario.interview, candidate=scenario.interview.candidate or signature),
                    note_type,
                    tone=tone,
                    variants=scenario.spec.variants,
                )
                for request in requests:
                    for draft in await writer.write(request):
                        result = EvalResult.from_draft(scenario.name, draft, scenario.spec.expect)
                        results.append(result)
                        if on_result:
                            on_result(result)
    return results


def summarise(results: Iterable[EvalResult]) -> list[Summary]:
    """One summary per note type (in the six types' order), then ``all``."""
    results = list(results)
    by_type = {t.value: Summary(t.value) for t in NoteType}
    for result in results:
        by_type[result.note_type].results.append(result)
    rows = [s for s in by_type.values() if s.results]
    rows.append(Summary("all", results))
    return rows


@dataclass(frozen=True, slots=True)
class ScenarioVerdict:
    """The assertions of one scenario over every note shown for it."""

    scenario: str
    notes: int
    assertions: int
    failed: tuple[str, ...]
    """Each failed assertion once, with the note it failed on ("thank_you to Jordan Lee: ...")."""

    @property
    def held(self) -> bool:
        """True when every assertion held on every note."""
        return not self.failed

    def to_dict(self) -> dict[str, object]:
        """The JSON row of ``afterview eval --json``."""
        return {
            "scenario": self.scenario,
            "notes": self.notes,
            "assertions": self.assertions,
            "held": self.assertions - len(self.failed),
            "failed": list(self.failed),
        }


def verdicts(results: Iterable[EvalResult]) -> list[ScenarioVerdict]:
    """Per scenario, in the order run: how many assertions held, and which did not."""
    grouped: dict[str, list[EvalResult]] = {}
    for result in results:
        grouped.setdefault(result.scenario, []).append(result)
    return [
        ScenarioVerdict(
            scenario=name,
            notes=len(rows),
            assertions=sum(r.assertions for r in rows),
            failed=tuple(f"{r.note_type} to {r.recipient} ({r.tone}): {failure}" for r in rows for failure in r.failed),
        )
        for name, rows in grouped.items()
    ]


def format_verdicts(rows: Iterable[ScenarioVerdict]) -> Iterator[str]:
    """The per-scenario assertions for people: one line each, then what failed."""
    rows = list(rows)
    width = max((len(r.scenario) for r in rows), default=8) + 2
    yield f"{'scenario':<{width}}{'notes':>6}{'assertions':>12}  verdict"
    for row in rows:
        verdict = "held" if row.held else f"FAILED {len(row.failed)}"
        yield f"{row.scenario:<{width}}{row.notes:>6}{row.assertions - len(row.failed):>6}/{row.assertions:<5}  {verdict}"
        for failure in row.failed:
            yield f"    {failure}"


def format_table(summaries: Iterable[Summary]) -> Iterator[str]:
    """The summary as a fixed-width table for people."""
    header = f"{'note type':<19}{'drafts':>6}{'1st-try':>9}{'repairs':>8}{'fallbk':>7}{'req/dr':>7}{'prompt':>8}{'compl':>7}{'ms':>8}{'words':>15}"
    yield header
    yield "-" * len(header)
    for summary in summaries:
        row = summary.to_dict()
        words = f"{row['mean_words']:.0f} ({row['min_words']}-{row['max_words']})"
        yield (
            f"{row['note_type']:<19}{row['drafts']:>6}{row['first_try_pass_rate']:>9.0%}{row['repairs']:>8}"
            f"{row['fallbacks']:>7}{row['requests_per_draft']:>7.1f}{row['mean_prompt_tokens']:>8.0f}"
            f"{row['mean_completion_tokens']:>7.0f}{row['mean_latency_ms']:>8.0f}{words:>15}"
        )
