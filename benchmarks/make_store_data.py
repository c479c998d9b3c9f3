"""Fill an afterview database with a long job search, for the store benchmarks.

    python benchmarks/make_store_data.py HOME [--interviews 10000] [--drafts 30000]
        [--today 2026-11-24] [--all-awaiting] [--seed 1]

HOME becomes the ``AFTERVIEW_HOME`` of the generated data (it must not hold a database
yet). The default mix is a search two years long: interviews spread evenly over the
730 days before ``--today``; those older than 30 days are settled (65% rejected, 25%
withdrawn, 10% offered) and those newer are awaiting; thank-yous are marked sent for 95%
of interviewers once two days have passed; 85% of rejections got both closing notes, 10%
only the feedback request; follow-ups are marked sent as the advisor would ask for them.
``--all-awaiting`` is the worst case for ``due``: every interview recent, awaiting and
with nothing sent, so the advisor runs for all of them.

Drafts (about 120 words each, with a report of 0-2 findings) are spread over the
interviews, thank-yous first. Everything is written through ``Store`` in batches.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from afterview.checks.types import Finding, Report
from afterview.config import app_paths
from afterview.domain import Draft, Interview, NoteType, Tone
from afterview.store import open_store

FIRST = ["Jordan", "Priya", "Marcus", "Faith", "Lena", "Sam", "Alex", "Noor", "Kenji", "Ana", "Tomás", "Zoe", "李"]
LAST = ["Lee", "Shah", "Okafor", "Christian", "Park", "Rivera", "Kim", "Haddad", "Sato", "Silva", "雷", "Novak"]
COMPANIES = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Adventure Works", "Wide World", "Litware", "Proseware"]
ROLES = ["Data Analyst", "Platform Engineer", "Product Manager", "UX Researcher", "Support Lead", "SRE"]
WORDS = (
    "thank you for the time today I enjoyed our conversation about the team the roadmap and how you "
    "measure impact it made me even more excited about the role and I look forward to hearing from you"
).split()


def _interview(rng: random.Random, n: int, today: date, all_awaiting: bool) -> tuple[Interview, int]:
    age = rng.randint(0, 29) if all_awaiting else rng.randint(0, 729)
    interviewed = today - timedelta(days=age)
    people = []
    for k in range(rng.choices([1, 2, 3], weights=[60, 30, 10])[0]):
        people.append({"name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}-{k}", "email": f"p{n}.{k}@example.com",
                       "moment": "your story about " + " ".join(rng.sample(WORDS, 5))})  # fmt: skip
    data: dict[str, object] = {
        "company": f"{rng.choice(COMPANIES)} {n}",
        "role": rng.choice(ROLES),
        "interview_date": interviewed,
        "interviewers": people,
    }
    if age > 30 and not all_awaiting:
        data["status"] = rng.choices(["rejected", "withdrawn", "offered"], weights=[65, 25, 10])[0]
        data["status_date"] = interviewed + timedelta(days=rng.randint(7, 30))
    elif rng.random() < 0.5:
        data["decision_date"] = interviewed + timedelta(days=rng.randint(5, 14))
    if data.get("status") is None and rng.random() < 0.05:
        data["competing_offer"] = {"company": "Other Co", "deadline": today + timedelta(days=rng.randint(-5, 10))}
    if data.get("status") is None and rng.random() < 0.03:
        data["award"] = {"name": "Analytics Award", "date": interviewed + timedelta(days=rng.randint(0, 10))}
    return Interview.from_data(data), age


def _sent(rng: random.Random, interview: Interview, age: int, today: date) -> list[tuple[str, str, date]]:
    sent = []
    if age >= 2:
        for person in interview.interviewers:
            if rng.random() < 0.95:
                sent.append(("thank_you", person.name, interview.interview_date + timedelta(days=rng.randint(0, 1))))
    contact = interview.contact.name
    if interview.status.value == "rejected":
        roll = rng.random()
        on = interview.status_date + timedelta(days=rng.randint(0, 5))
        if roll < 0.95:
            sent.append(("feedback_request", contact, on))
        if roll < 0.85:
            sent.append(("continued_interest", contact, on))
    if interview.status.value == "awaiting" and age > 21 and rng.random() < 0.5:
        sent.append(("follow_up", contact, min(today, interview.interview_date + timedelta(days=14))))
    return sent


def _draft(rng: random.Random, interview: Interview, index: int) -> Draft:
    people = interview.interviewers
    note_type = NoteType.THANK_YOU if index < len(people) or rng.random() < 0.5 else NoteType.FOLLOW_UP
    person = people[index % len(people)] if note_type is NoteType.THANK_YOU else interview.contact
    body = f"Dear {person.first_name},\n\n" + " ".join(rng.choice(WORDS) for _ in range(120)) + ".\n\nBest,\nSam"
    findings = tuple(
        Finding("cliches", "warn", "Drop the stock phrase.", start=10, end=20) for _ in range(rng.randint(0, 2))
    )
    return Draft(
        subject=f"Thank you, {person.first_name}",
        body=body,
        note_type=note_type,
        recipient=person.name,
        tone=Tone.WARM,
        engine="template",
        variant=rng.randint(0, 2),
        prompt_version="templates-1",
        report=Report(note_type.value, findings, True),
        created_at=datetime.combine(interview.interview_date, datetime.min.time()),
    )


def generate(home: Path, interviews: int, drafts: int, today: date, *, all_awaiting: bool, seed: int) -> None:
    """Write ``interviews`` interviews and ``drafts`` drafts into a new database under ``home``."""
    paths = app_paths({"AFTERVIEW_HOME": str(home)})
    if paths.database.exists():
        raise SystemExit(f"{paths.database} exists; give a new HOME")
    rng = random.Random(seed)
    per_interview = [drafts // interviews + (1 if n < drafts % interviews else 0) for n in range(interviews)]
    with open_store(paths) as store:
        for start in range(0, interviews, 500):
            with store.batch():
                for n in range(start, min(start + 500, interviews)):
                    interview, age = _interview(rng, n, today, all_awaiting)
                    interview_id = store.add_interview(interview)
                    for index in range(per_interview[n]):
                        store.save_draft(interview_id, _draft(rng, interview, index))
                    if not all_awaiting:
                        for note_type, who, on in _sent(rng, interview, age, today):
                            store.mark_sent(interview_id, note_type, who, on)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--drafts", type=int, default=30_000)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 24))
    parser.add_argument("--all-awaiting", action="store_true", help="worst case for due: everything awaiting, nothing sent")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    generate(args.home, args.interviews, args.drafts, args.today, all_awaiting=args.all_awaiting, seed=args.seed)
    print(f"{args.interviews} interviews, {args.drafts} drafts in {args.home} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
