"""The field rules: declared once, and every reader (file, form, store, config) applies them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from afterview.config import ConfigFile, Profile
from afterview.domain import Interview, Interviewer, Status
from afterview.errors import InputError
from afterview.fields import (
    MOMENT,
    NAME,
    NAME_MAX_CHARS,
    RELEVANCE_MAX_WORDS,
    Choice,
    Invalid,
    Number,
    RecordError,
    day,
    email,
)
from afterview.frozen import replace
from afterview.interview_file import parse_interview
from afterview.records import to_data
from afterview.tui.form_model import FormValues, InterviewerValues, build_interview

GOOD = {
    "company": "Northwind Analytics",
    "role": "Data Analyst",
    "interview_date": date(2026, 11, 24),
    "interviewers": [{"name": "Jordan Lee", "moment": "your story about the churn dashboard"}],
}


def problems(data: dict) -> list[tuple[tuple, str, str]]:
    with pytest.raises(RecordError) as caught:
        Interview.from_data(data)
    return [(p.loc, p.kind, p.message) for p in caught.value.problems]


# --- the rules themselves -----------------------------------------------------------------


def test_a_name_collapses_runs_of_spaces_and_keeps_its_cap() -> None:
    assert NAME("  Jordan   Lee ") == "Jordan Lee"
    assert NAME("J" * 80) == "J" * 80
    with pytest.raises(Invalid, match="is 81 characters; at most 80 allowed"):
        NAME("J" * 81)
    with pytest.raises(Invalid, match="must be on one line"):
        NAME("Jordan\nLee")
    with pytest.raises(Invalid, match="control characters"):
        NAME("Jordan\x1b[2JLee")
    with pytest.raises(Invalid, match="must not be empty"):
        NAME("   ")


def test_a_moment_counts_words_and_needs_some() -> None:
    assert MOMENT("your story\nabout the dashboard") == "your story about the dashboard"
    with pytest.raises(Invalid, match="is 41 words; at most 40 allowed"):
        MOMENT(" ".join(["word"] * 41))
    with pytest.raises(Invalid, match="only punctuation"):
        MOMENT("...")


def test_email_day_choice_and_number() -> None:
    assert email(" sam@example.com ") == "sam@example.com"
    with pytest.raises(Invalid, match="is not an email address"):
        email("sam at example")
    assert day(date(2026, 11, 24)) == day("2026-11-24") == date(2026, 11, 24)
    with pytest.raises(Invalid, match="not a date") as caught:
        day(datetime(2026, 11, 24, 9, 30))
    assert caught.value.kind == "date"
    assert Choice(Status)("rejected") is Status.REJECTED
    with pytest.raises(Invalid, match="'ghosted' is not one of 'awaiting', 'offered', 'rejected' or 'withdrawn'"):
        Choice(Status)("ghosted")
    assert Number(gt=0, le=600)(30) == 30.0
    for bad in (0, 601, True, "30"):
        with pytest.raises(Invalid):
            Number(gt=0, le=600)(bad)


# --- records ------------------------------------------------------------------------------


def test_from_data_builds_frozen_records() -> None:
    interview = Interview.from_data(GOOD)
    assert interview.status is Status.AWAITING
    assert interview.interviewers == [Interviewer(name="Jordan Lee", moment="your story about the churn dashboard")]
    with pytest.raises(AttributeError):
        interview.company = "Contoso"  # type: ignore[misc]
    assert replace(interview, company="Contoso").company == "Contoso"


def test_every_problem_is_reported_with_its_location() -> None:
    data = {**GOOD, "nickname": "Sammy", "role": "R" * 81, "interviewers": [{"name": "Jordan Lee", "moment": "..."}]}
    del data["company"]
    found = problems(data)
    assert (("nickname",), "unknown", "unknown key") in found
    assert (("company",), "missing", "required field is missing") in found
    assert (("role",), "value", "is 81 characters; at most 80 allowed") in found
    assert (("interviewers", 0, "moment"), "value", "needs words, not only punctuation (or leave it out)") in found


def test_rules_between_fields() -> None:
    early = {**GOOD, "decision_date": date(2026, 11, 20), "status_date": date(2026, 11, 1)}
    assert [loc for loc, _, _ in problems(early)] == [("decision_date",), ("status_date",)]
    twice = {**GOOD, "interviewers": [{"name": "Jordan Lee"}, {"name": "JORDAN  LEE"}]}
    listed_twice = "'JORDAN LEE' is listed twice (names are unique, ignoring case)"
    assert problems(twice) == [(("interviewers",), "value", listed_twice)]
    contacts = {**GOOD, "interviewers": [{"name": "A B", "contact": True}, {"name": "C D", "contact": True}]}
    assert "only one interviewer can be the contact" in problems(contacts)[0][2]
    assert problems({**GOOD, "interviewers": []})[0][:2] == (("interviewers",), "too_short")


def test_to_data_is_json_ready_and_round_trips() -> None:
    interview = Interview.from_data({**GOOD, "award": {"name": "Prize", "date": date(2026, 11, 28)}})
    data = to_data(interview)
    assert data["interview_date"] == "2026-11-24" and data["status"] == "awaiting"
    assert data["award"] == {"name": "Prize", "date": "2026-11-28", "relevance": None}
    assert Interview.from_data(data) == interview
    assert to_data(ConfigFile(), drop_none=True) == {}


# --- one rule, every reader ------------------------------------------------------------------


def test_file_form_and_config_refuse_a_long_name_with_the_same_words() -> None:
    long = "N" * 81
    message = "is 81 characters; at most 80 allowed"
    source = f'role = "Analyst"\ncompany = "{long}"\ninterview_date = 2026-11-24\n[[interviewers]]\nname = "A B"\n'
    with pytest.raises(InputError, match=f"<interview>:2: company: {message}"):
        parse_interview(source)
    person = [InterviewerValues(name="A B")]
    values = FormValues(company=long, role="Analyst", interview_date="2026-11-24", interviewers=person)
    assert build_interview(values)[1] == {"company": message}
    with pytest.raises(RecordError, match=f"name: {message}"):
        Profile.from_data({"name": long})


def test_reading_an_interview_file_needs_no_pydantic(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from afterview.interview_file import load_interview\n"
        "from afterview.config import resolve_settings\n"
        f"load_interview({str(Path(__file__).parent / 'data' / 'northwind.toml')!r}); resolve_settings()\n"
        "print(sorted(m for m in ('pydantic', 'asyncio', 'ssl') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_mission_and_address_as_read_from_a_file_and_the_form_with_their_caps() -> None:
    source = (
        'company = "City of Austin"\nrole = "Analyst"\ninterview_date = 2026-11-24\n'
        'mission = "making transit data open to every city"\n'
        '[[interviewers]]\nname = "Amara Okonkwo"\naddress_as = "Dr. Okonkwo"\n'
    )
    interview = parse_interview(source)
    assert interview.mission == "making transit data open to every city"
    assert interview.interviewers[0].address_as == "Dr. Okonkwo"
    long_mission = " ".join(["open"] * (RELEVANCE_MAX_WORDS + 1))
    with pytest.raises(InputError, match=r"<interview>:4: mission: is 31 words"):
        parse_interview(source.replace("making transit data open to every city", long_mission))
    person = [InterviewerValues(name="Amara Okonkwo", address_as="x" * (NAME_MAX_CHARS + 1))]
    values = FormValues(company="City of Austin", role="Analyst", interview_date="2026-11-24", interviewers=person, mission="open data")
    interview, errors = build_interview(values)
    assert interview is None and "interviewers.0.address_as" in errors
    values.interviewers = [InterviewerValues(name="Amara Okonkwo", address_as="Dr. Okonkwo")]
    interview, errors = build_interview(values)
    assert errors == {} and interview.mission == "open data" and interview.interviewers[0].address_as == "Dr. Okonkwo"
