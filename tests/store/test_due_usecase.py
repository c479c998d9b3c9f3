"""What is due, as both faces ask it: the store streams SQL rows, the use case advises."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from afterview.paths import app_paths
from afterview.store import RecordNotFound, open_store
from afterview.timing import advise
from afterview.usecases.due import due_everywhere, due_for_record, due_for_stored

TODAY = date(2026, 11, 25)


def test_the_store_reads_due_rows_without_the_timing_advisor(home: Path, make_interview) -> None:
    with open_store(app_paths()) as store:
        store.add_interview(make_interview())
    probe = (
        "import sys\n"
        "from afterview.paths import app_paths\n"
        "from afterview.store import open_store\n"
        "records = open_store(app_paths()).read_due(list)\n"
        "print(len(records), records[0].row.recipient_names, 'afterview.timing' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["1", "('Jordan", "Lee',)", "False"]


def test_sent_notes_arrive_keyed_and_count_for_their_interviewer(store, make_interview) -> None:
    panel = [{"name": "Jordan Lee", "contact": True}, {"name": "Priya Shah"}]
    interview_id = store.add_interview(make_interview(interviewers=panel))
    store.mark_sent(interview_id, "thank_you", "JORDAN  lee", date(2026, 11, 24))
    (record,) = store.read_due(list, interview_id=interview_id)
    assert record.sent == (("thank_you", "jordan lee", date(2026, 11, 24)),)
    thanks = [a.recipient for a in due_for_stored(store, interview_id, TODAY) if a.type == "thank_you"]
    assert thanks == ["Priya Shah"]


def test_one_stored_interview_matches_the_advisor_on_its_record(store, make_interview) -> None:
    interview = make_interview(status="rejected", status_date=date(2026, 11, 30))
    interview_id = store.add_interview(interview)
    store.mark_sent(interview_id, "feedback_request", "Jordan Lee", date(2026, 12, 1))
    today = date(2026, 12, 2)
    sent = [("feedback_request", "Jordan Lee", date(2026, 12, 1))]
    assert due_for_stored(store, interview_id, today, include_not_applicable=True) == advise(interview, today, sent)
    listed = due_for_stored(store, interview_id, today)
    assert listed == [a for a in advise(interview, today, sent) if a.state != "not_applicable"]
    assert [a.type for _, a in due_everywhere(store, today)] == [a.type for a in listed]


def test_a_file_record_is_advised_the_same_way(make_interview) -> None:
    interview = make_interview()
    everything = advise(interview, TODAY)
    assert due_for_record(interview, TODAY, include_not_applicable=True) == everything
    assert due_for_record(interview, TODAY) == [a for a in everything if a.state != "not_applicable"]


def test_an_unknown_interview_is_refused(store) -> None:
    with pytest.raises(RecordNotFound):
        due_for_stored(store, 404, TODAY)
