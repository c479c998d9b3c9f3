"""How long the guardrail checks take on one ~120-word note with a full context.

Run: .venv/bin/python benchmarks/bench_checks.py [--notes N]

Every timed call checks a text the caches have not seen (about two thousand distinct
variants, cycled, more than the per-text caches hold), as when someone edits a note
and the checks re-run. The policy is loaded once, as in the app. A second figure
shows re-checking an unchanged text (cache hits). Figures depend on the machine:
the script prints the load average and the median of each round, so another process
competing for the CPU shows in the output.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from afterview.checks import CheckContext, body_words, load_policy, run_checks  # noqa: E402

TARGET_MEDIAN_MS = 0.2

SUBJECTS = ["Thank you for Tuesday's conversation", "Thank you - Data Analyst interview", "Our conversation on Tuesday"]
OPENINGS = [
    "Thank you for taking the time to meet with me on Tuesday about the Data Analyst role at Northwind Analytics.",
    "Thank you for the conversation on Tuesday about the Data Analyst role at Northwind Analytics.",
    "Thank you again for meeting with me on Tuesday to talk about the Data Analyst role at Northwind Analytics.",
]
MOMENTS = [
    "I especially enjoyed hearing how your team rebuilt the churn dashboard and cut its load time in half.",
    "Hearing how your team rebuilt the churn dashboard, and why, was the highlight of the afternoon for me.",
    "The story of how your team rebuilt the churn dashboard stayed with me on the way home.",
]
MIDDLES = [
    "It showed me how much the group cares about the people who rely on its numbers, and it matched what I "
    "value most in analytics work: clear definitions, honest caveats and reports that people actually read.",
    "It showed how carefully the group thinks about the people who use its numbers, which is exactly the kind "
    "of analytics work I want to do: clear definitions, honest caveats and reports that drive decisions.",
    "It made clear that the group cares about the people who depend on its reporting, and that is the work I "
    "enjoy most: careful definitions, honest caveats and dashboards that people trust and use every week.",
]
CLOSINGS = [
    "Our conversation made me even more excited about the role. I would welcome the chance to bring my "
    "experience with reporting pipelines and stakeholder reviews to your team. I look forward to hearing from you.",
    "I came away even more interested in the role, and I would be glad to bring my experience with reporting "
    "pipelines and stakeholder reviews to the team. I look forward to hearing about the next steps.",
    "After our talk I am even more enthusiastic about the position. I would value the opportunity to bring my "
    "work on reporting pipelines and stakeholder reviews to your team, and I look forward to hearing from you.",
]
THANKS = [
    "Thank you again for your time and for the thoughtful questions you asked me.",
    "Thank you again for the time you gave me and for such thoughtful questions.",
]
SIGN_OFFS = ["Best regards,", "Kind regards,", "Sincerely,", "Warm regards,"]

CONTEXT = CheckContext(
    note_type="thank_you",
    recipient="Jordan Lee",
    moment="rebuilding the churn dashboard",
    proper_nouns=("Northwind Analytics", "Data Analyst", "Sam Rivera", "Jordan Lee", "Analytics Manager", "Priya Nair"),
    record_texts=(
        "Northwind Analytics", "Data Analyst", "Sam Rivera", "Jordan Lee", "Analytics Manager", "Priya Nair",
        "rebuilding the churn dashboard", "sam.rivera@example.com",
    ),  # fmt: skip
    record_dates=(date(2026, 3, 3), date(2026, 3, 13)),
    has_record=True,
)


def notes() -> list[str]:
    """About two thousand distinct good thank-you notes of roughly 120 body words."""
    variants = []
    for subject, opening, moment, middle, closing, thanks, sign_off in itertools.product(
        SUBJECTS, OPENINGS, MOMENTS, MIDDLES, CLOSINGS, THANKS, SIGN_OFFS
    ):
        body = f"{opening} {moment} {middle}\n\n{closing} {thanks}"
        variants.append(f"Subject: {subject}\n\nDear Jordan,\n\n{body}\n\n{sign_off}\nSam Rivera\n")
    return variants


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=20_000, help="timed checks (default 20000)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds the checks are split into (default 5)")
    args = parser.parse_args()

    started = time.perf_counter()
    policy = load_policy(ROOT / "guardrails")
    load_ms = (time.perf_counter() - started) * 1000
    texts = notes()
    words = [body_words(t) for t in texts]
    for text in texts[:50]:  # warm up: imports, the policy, per-context caches
        run_checks(text, CONTEXT, policy)
    sample = run_checks(texts[0], CONTEXT, policy)
    assert sample.findings == (), [f.message for f in sample.findings]

    fresh = []
    round_medians = []
    per_round = max(1, args.notes // args.rounds)
    cycle = itertools.cycle(texts)
    for _ in range(args.rounds):
        this_round = []
        for text in itertools.islice(cycle, per_round):
            t0 = time.perf_counter_ns()
            run_checks(text, CONTEXT, policy)
            this_round.append((time.perf_counter_ns() - t0) / 1e6)
        round_medians.append(statistics.median(this_round))
        fresh.extend(this_round)
    repeated = []
    for _ in range(min(args.notes, 5_000)):
        t0 = time.perf_counter_ns()
        run_checks(texts[0], CONTEXT, policy)
        repeated.append((time.perf_counter_ns() - t0) / 1e6)

    median = statistics.median(fresh)
    p95 = percentile(fresh, 0.95)
    rate = 1000 / statistics.fmean(fresh)
    rounds = "  ".join(f"{m:.3f}" for m in round_medians)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"policy load (read, validate, compile): {load_ms:.0f} ms")
    print(f"notes: {len(texts)} distinct variants, {min(words)}-{max(words)} body words, {len(policy.checks)} checks")
    print(f"load average: {load} on {os.cpu_count()} CPUs")
    print(f"new text      median {median:.3f} ms   p95 {p95:.3f} ms   {rate:,.0f} notes/s   ({len(fresh)} checks)")
    print(f"              median per round: {rounds} ms")
    print(f"same text     median {statistics.median(repeated):.3f} ms   p95 {percentile(repeated, 0.95):.3f} ms")
    verdict = "met" if median <= TARGET_MEDIAN_MS else "NOT met"
    print(f"target: median <= {TARGET_MEDIAN_MS} ms for a new text: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
