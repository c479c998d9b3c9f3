"""Property tests: interviews round-trip exactly; the SQL filter behind ``due`` never hides a row."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from pathlib import Path

from database_copies import copy_database
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview.paths import app_paths
from afterview.domain import NAME_MAX_CHARS, Interview
from afterview.store import open_store
from afterview.timing import advise
from afterview.usecases.due import due_everywhere

# Letters, marks, digits, punctuation, symbols and plain spaces: what people type in names.
_NAME_CHARS = st.characters(categories=("L", "M", "N", "P", "S"), include_characters=" ", exclude_characters="\u2028\u2029")


def _valid_name(text: str) -> str | None:
    text = unicodedata.normalize("NFC", text).strip()
    return text if 0 < len(text) <= NAME_MAX_CHARS else None


names = st.text(_NAME_CHARS, min_size=1, max_size=NAME_MAX_CHARS).map(_valid_name).filter(bool)
words = st.lists(st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12), min_size=1, max_size=30).map(" ".join)
emails = st.from_regex(r"[a-z0-9_-]{1,10}(\.[a-z0-9_-]{1,10}){0,2}@[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?\.[a-z]{2,6}", fullmatch=True)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@st.composite
def interviews(draw) -> Interview:
    interviewed = draw(days)
    people = draw(st.lists(names, min_size=1, max_size=4, unique_by=lambda n: n.casefold()))
    contact = draw(st.none() | st.integers(0, len(people) - 1))
    later = st.integers(0, 60).map(lambda n: interviewed + timedelta(days=n))
    data: dict[str, object] = {
        "candidate": draw(st.none() | names),
        "candidate_email": draw(st.none() | emails),
        "company": draw(names),
        "role": draw(names),
        "interview_date": interviewed,
        "decision_date": draw(st.none() | later),
        "status": draw(st.sampled_from(["awaiting", "offered", "rejected", "withdrawn"])),
        "status_date": draw(st.none() | later),
        "interviewers": [
            {
                "name": name,
                "title": draw(st.none() | names),
                "email": draw(st.none() | emails),
                "contact": index == contact,
                "moment": draw(st.none() | words),
            }
            for index, name in enumerate(people)
        ],
    }
    if draw(st.booleans()):
        data["competing_offer"] = {"company": draw(names), "deadline": draw(days)}
    if draw(st.booleans()):
        data["award"] = {"name": draw(names), "date": draw(days), "relevance": draw(st.none() | words)}
    return Interview.from_data(data)


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@_SETTINGS
@given(first=interviews(), second=interviews())
def test_interviews_round_trip_through_the_store(tmp_path_factory, migrated_database, first: Interview, second: Interview):
    home: Path = tmp_path_factory.mktemp("roundtrip")
    copy_database(migrated_database, app_paths({"AFTERVIEW_HOME": str(home)}).database)
    with open_store(app_paths({"AFTERVIEW_HOME": str(home)})) as store:
        interview_id = store.add_interview(first)
        assert store.interview(interview_id) == first
        store.update_interview(interview_id, second)
        assert store.interview(interview_id) == second
    with open_store(app_paths({"AFTERVIEW_HOME": str(home)})) as store:  # and from disk
        assert store.interview(interview_id) == second


@st.composite
def histories(draw):
    """Interviews with a sent log each (possibly logging notes that are not due)."""
    records = draw(st.lists(interviews(), min_size=1, max_size=5))
    logs = []
    for record in records:
        kinds = st.sampled_from(["thank_you", "follow_up", "feedback_request", "continued_interest", "award_update"])
        entries = draw(
            st.lists(
                st.tuples(kinds, st.sampled_from(record.recipient_names), st.integers(0, 40)),
                max_size=6,
            )
        )
        logs.append([(kind, who, record.interview_date + timedelta(days=n)) for kind, who, n in entries])
    today = draw(st.integers(-3, 90))
    return records, logs, today


@_SETTINGS
@given(history=histories())
def test_due_lists_exactly_what_the_advisor_says_for_each_interview(tmp_path_factory, migrated_database, history):
    records, logs, offset = history
    today = records[0].interview_date + timedelta(days=offset)
    home: Path = tmp_path_factory.mktemp("due")
    copy_database(migrated_database, app_paths({"AFTERVIEW_HOME": str(home)}).database)
    with open_store(app_paths({"AFTERVIEW_HOME": str(home)})) as store:
        ids = []
        for record, log in zip(records, logs):
            interview_id = store.add_interview(record)
            ids.append(interview_id)
            for kind, who, on in log:
                store.mark_sent(interview_id, kind, who, on)
        got = due_everywhere(store, today)
        everything = due_everywhere(store, today, include_not_applicable=True)
    for interview_id, record, log in zip(ids, records, logs):
        expected = advise(record, today, log)
        listed = [a for a in expected if a.state != "not_applicable"]
        assert [a for row, a in got if row.id == interview_id] == listed
        assert [a for row, a in everything if row.id == interview_id] == expected
    # Across interviews, most urgent first.
    rank = {"late": 0, "due": 1, "upcoming": 2, "stop": 3}
    keys = [(rank[a.state], a.due or date.min) for _, a in got]
    assert keys == sorted(keys)
