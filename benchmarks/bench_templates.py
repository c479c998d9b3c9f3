"""Mini-benchmark: all six offline drafts for one interview, rendered and checked in-process.

One round builds the check context, renders the template and runs the drafts' bar for
each of the six note types (the README's example record, warm tone, first variant).
The figure quoted is the median round over ``--runs`` rounds after one warm-up round;
the warm-up (which reads and validates the template set and the guardrail policy) is
reported separately as the cold figure.

Budget: median <= 20 ms per round of six.

    .venv/bin/python benchmarks/bench_templates.py [--runs 200]

Exit status 0 when within budget and every draft passed the checks, 1 otherwise.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

from afterview.checks import load_policy, run_checks
from afterview.context import check_context
from afterview.domain import Award, CompetingOffer, Interview, Interviewer, NoteRequest, NoteType, Status, Tone
from afterview.drafting.templates import TemplateDrafter
from afterview.resources import data_dir

BUDGET_MS = 20.0


def sample_interview() -> Interview:
    """The README's example record (tests/data/northwind.toml), marked rejected so every note applies."""
    return Interview(
        candidate="Sam Rivera",
        candidate_email="sam@example.com",
        company="Northwind Analytics",
        role="Data Analyst",
        interview_date=date(2026, 11, 24),
        decision_date=date(2026, 12, 5),
        status=Status.REJECTED,
        interviewers=[
            Interviewer(
                name="Jordan Lee",
                title="Analytics Manager",
                email="jordan@northwind.example",
                contact=True,
                moment="your story about rebuilding the churn dashboard",
            )
        ],
        competing_offer=CompetingOffer(company="Contoso", deadline=date(2026, 12, 1)),
        award=Award(name="Kaggle Grandmaster", date=date(2026, 11, 28), relevance="it is the skill set the role centres on"),
    )


def one_round(drafter: TemplateDrafter, interview: Interview, policy) -> tuple[float, list[str]]:
    """Render and check the six notes; return elapsed milliseconds and any failures."""
    failures = []
    started = time.perf_counter()
    for note_type in NoteType:
        request = NoteRequest(
            interview=interview, note_type=note_type, recipient="Jordan Lee", tone=Tone.WARM, signature="Sam Rivera"
        )
        text = drafter.render(request, 0)
        context = check_context(interview, note_type, request.recipient, policy)
        report = run_checks(text.body, context, policy, drafts_bar=True)
        if not report.passed:
            failures.append(f"{note_type.value}: {report.as_feedback()}")
    return (time.perf_counter() - started) * 1000, failures


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="timed rounds after the warm-up (default 200)")
    args = parser.parse_args(argv)

    interview = sample_interview()
    cold_started = time.perf_counter()
    drafter = TemplateDrafter()
    drafter.load()
    policy = load_policy(data_dir("guardrails"))
    _, failures = one_round(drafter, interview, policy)
    cold_ms = (time.perf_counter() - cold_started) * 1000

    timings = []
    for _ in range(args.runs):
        elapsed, round_failures = one_round(drafter, interview, policy)
        timings.append(elapsed)
        failures += round_failures

    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 2 else median
    print(f"six offline drafts rendered and checked: median {median:.2f} ms, p95 {p95:.2f} ms over {args.runs} rounds")
    print(f"cold first round (loads templates and policy): {cold_ms:.1f} ms")
    print(f"budget: median <= {BUDGET_MS:g} ms: {'ok' if median <= BUDGET_MS else 'OVER'}")
    for failure in sorted(set(failures)):
        print(f"FAILED CHECKS {failure}")
    return 0 if median <= BUDGET_MS and not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
