"""The Store API the CLI and the TUI build on: interviews, status, drafts, sent log, due."""

from __future__ import annotations


import sqlite3
from datetime import date

import pytest

from afterview.checks.types import Finding, Report
from afterview.frozen import replace
from afterview.paths import app_paths
from afterview.errors import InputError, StoreError
from afterview.store import RecordNotFound, open_store
from afterview.timing import advise
from afterview.usecases.due import due_everywhere, due_for_stored

from store_helpers import NOW


def test_add_then_read_back_equals_the_original(store, make_interview):
    interview = make_interview(
        competing_offer={"company": "Contoso", "deadline": date(2026, 12, 1)},
        award={"name": "Kaggle Grandmaster", "date": date(2026, 11, 28), "relevance": "it is the skill set"},
    )
    first = store.add_interview(interview)
    second = store.add_interview(make_interview(company="Contoso"))
    assert second == first + 1
    assert store.interview(first) == interview
    assert store.interview(second).company == "Contoso"


def test_unknown_ids_raise_record_not_found(store, make_draft):
    with pytest.raises(RecordNotFound, match="no interview #42"):
        store.interview(42)
    with pytest.raises(RecordNotFound):
        store.delete_interview(42)
    with pytest.raises(RecordNotFound):
        store.save_draft(42, make_draft("Jordan Lee"))
    with pytest.raises(RecordNotFound, match="no draft #7"):
        store.draft(7)
    assert issubclass(RecordNotFound, StoreError)


def test_edit_keeps_ids_and_sent_log_of_interviewers_matched_by_name(store, make_interview):
    before = make_interview(
        interviewers=[
            {"name": "Jordan Lee", "contact": True},
            {"name": "Priya Shah", "title": "Data Scientist"},
            {"name": "Alex Kim"},
        ]
    )
    interview_id = store.add_interview(before)
    ids = store.interviewer_ids(interview_id)
    store.mark_sent(interview_id, "thank_you", "Priya Shah", date(2026, 11, 24))

    after = make_interview(
        interviewers=[
            {"name": "PRIYA  SHAH", "title": "Lead Data Scientist"},  # same person: case and spaces differ
            {"name": "Jordan Lee", "contact": True},
            {"name": "Sam Ortiz"},  # Alex Kim is gone, Sam Ortiz is new
        ]
    )
    summary = store.update_interview(interview_id, after)

    assert summary.kept == ("PRIYA SHAH", "Jordan Lee")  # runs of spaces collapse on input
    assert summary.added == ("Sam Ortiz",)
    assert summary.removed == ("Alex Kim",)
    new_ids = store.interviewer_ids(interview_id)
    assert new_ids["PRIYA SHAH"] == ids["Priya Shah"]
    assert new_ids["Jordan Lee"] == ids["Jordan Lee"]
    assert new_ids["Sam Ortiz"] not in ids.values()
    assert store.interview(interview_id) == after
    # The sent thank-you still counts for the renamed-by-case interviewer.
    open_thanks = {a.recipient for _, a in due_everywhere(store, date(2026, 11, 25)) if a.type == "thank_you"}
    assert open_thanks == {"Jordan Lee", "Sam Ortiz"}
    assert [entry.recipient for entry in store.sent(interview_id)] == ["Priya Shah"]


def test_a_rename_keeps_the_id_drafts_and_sent_log(store, make_interview, make_draft):
    panel = [{"name": "Jordn Lee", "contact": True}, {"name": "Priya Shah"}]
    interview_id = store.add_interview(make_interview(interviewers=panel))
    ids = store.interviewer_ids(interview_id)
    draft = store.save_draft(interview_id, make_draft("Jordn Lee"))
    store.mark_sent(interview_id, "thank_you", "Jordn Lee", date(2026, 11, 24), draft_id=draft.id)
    today = date(2026, 11, 25)
    assert {a.recipient for _, a in due_everywhere(store, today) if a.type == "thank_you"} == {"Priya Shah"}

    fixed = make_interview(interviewers=[{"name": "Jordan Lee", "contact": True}, {"name": "Priya Shah"}])
    summary = store.update_interview(interview_id, fixed, renamed={"jordn  LEE": "Jordan Lee"})

    assert summary.renamed == (("Jordn Lee", "Jordan Lee"),)
    assert (summary.kept, summary.added, summary.removed) == (("Jordan Lee", "Priya Shah"), (), ())
    assert store.interviewer_ids(interview_id) == {"Jordan Lee": ids["Jordn Lee"], "Priya Shah": ids["Priya Shah"]}
    assert [(e.recipient, e.draft_id) for e in store.sent(interview_id)] == [("Jordan Lee", draft.id)]
    assert store.latest_draft(interview_id, "thank_you", "Jordan Lee").id == draft.id
    assert store.latest_draft(interview_id, "thank_you", "Jordn Lee") is None
    # The sent thank-you still counts: only Priya's is listed, for the list and the one interview.
    assert {a.recipient for _, a in due_everywhere(store, today) if a.type == "thank_you"} == {"Priya Shah"}
    assert {a.recipient for a in due_for_stored(store, interview_id, today) if a.type == "thank_you"} == {"Priya Shah"}


def test_without_the_rename_a_changed_name_is_a_new_interviewer(store, make_interview):
    """What ``afterview edit`` does (it matches by name only), and what the form used to do."""
    interview_id = store.add_interview(make_interview(interviewers=[{"name": "Jordn Lee"}]))
    old_id = store.interviewer_ids(interview_id)["Jordn Lee"]
    store.mark_sent(interview_id, "thank_you", "Jordn Lee", date(2026, 11, 24))
    summary = store.update_interview(interview_id, make_interview(interviewers=[{"name": "Jordan Lee"}]))
    assert (summary.added, summary.removed, summary.renamed) == (("Jordan Lee",), ("Jordn Lee",), ())
    assert store.interviewer_ids(interview_id)["Jordan Lee"] != old_id
    assert [e.recipient for e in store.sent(interview_id)] == ["Jordn Lee"]  # history keeps the old name
    assert {a.recipient for _, a in due_everywhere(store, date(2026, 11, 25)) if a.type == "thank_you"} == {"Jordan Lee"}


def test_two_interviewers_can_swap_names_with_their_notes(store, make_interview, make_draft):
    interview_id = store.add_interview(make_interview(interviewers=[{"name": "Ana Ruiz"}, {"name": "Bo Li"}]))
    ids = store.interviewer_ids(interview_id)
    store.save_draft(interview_id, make_draft("Ana Ruiz", "Dear Ana,\n\nThank you.\n\nSam"))
    store.mark_sent(interview_id, "thank_you", "Ana Ruiz", date(2026, 11, 24))

    swapped = make_interview(interviewers=[{"name": "Bo Li"}, {"name": "Ana Ruiz"}])
    store.update_interview(interview_id, swapped, renamed={"Ana Ruiz": "Bo Li", "Bo Li": "Ana Ruiz"})

    assert store.interviewer_ids(interview_id) == {"Bo Li": ids["Ana Ruiz"], "Ana Ruiz": ids["Bo Li"]}
    assert [e.recipient for e in store.sent(interview_id)] == ["Bo Li"]
    assert [d.body for d in store.drafts(interview_id, recipient="Bo Li")] == ["Dear Ana,\n\nThank you.\n\nSam"]
    assert store.drafts(interview_id, recipient="Ana Ruiz") == []


def test_renames_that_do_not_fit_the_edit_are_ignored(store, make_interview):
    interview_id = store.add_interview(make_interview(interviewers=[{"name": "Ana Ruiz"}, {"name": "Bo Li"}]))
    ids = store.interviewer_ids(interview_id)
    store.mark_sent(interview_id, "thank_you", "Bo Li", date(2026, 11, 24))
    after = make_interview(interviewers=[{"name": "ana ruiz"}, {"name": "Bo Li"}, {"name": "Cy Ng"}])
    # Unknown old name; a new name not in the edit; a case-only change (matched by name anyway).
    summary = store.update_interview(
        interview_id, after, renamed={"Nobody": "Cy Ng", "Bo Li": "Dee Fox", "Ana Ruiz": "ana ruiz"}
    )
    assert (summary.kept, summary.added, summary.removed, summary.renamed) == (
        ("ana ruiz", "Bo Li"), ("Cy Ng",), (), ()
    )
    new_ids = store.interviewer_ids(interview_id)
    assert (new_ids["ana ruiz"], new_ids["Bo Li"]) == (ids["Ana Ruiz"], ids["Bo Li"])
    assert [e.recipient for e in store.sent(interview_id)] == ["Bo Li"]


def test_edit_records_a_changed_status_in_the_history(store, make_interview):
    interview_id = store.add_interview(make_interview())
    store.update_interview(interview_id, make_interview(role="Senior Data Analyst"))
    assert [c.status for c in store.status_history(interview_id)] == ["awaiting"]
    store.update_interview(interview_id, make_interview(status="rejected", status_date=date(2026, 12, 2)))
    history = store.status_history(interview_id)
    assert [(c.status, c.status_date) for c in history] == [("awaiting", None), ("rejected", date(2026, 12, 2))]


def test_set_status_defaults_to_today_and_refuses_dates_before_the_interview(store, make_interview):
    interview_id = store.add_interview(make_interview())
    assert store.set_status(interview_id, "offered") == NOW.date()
    stored = store.interview(interview_id)
    assert (stored.status.value, stored.status_date) == ("offered", NOW.date())
    with pytest.raises(InputError, match="before the interview"):
        store.set_status(interview_id, "rejected", date(2026, 11, 1))
    with pytest.raises(InputError, match="not a status"):
        store.set_status(interview_id, "ghosted")
    assert [c.status for c in store.status_history(interview_id)] == ["awaiting", "offered"]


def test_delete_removes_the_interview_and_everything_under_it(store, make_interview, make_draft):
    keep = store.add_interview(make_interview(company="Keep Co"))
    gone = store.add_interview(make_interview())
    draft = store.save_draft(gone, make_draft("Jordan Lee"))
    store.mark_sent(gone, "thank_you", "Jordan Lee", date(2026, 11, 24), draft.id)
    store.delete_interview(gone)
    assert [row.id for row in store.list_interviews()] == [keep]
    raw = sqlite3.connect(app_paths().database)
    for table in ("interviewers", "drafts", "sent_log", "status_history"):
        owners = {owner for (owner,) in raw.execute(f"SELECT interview_id FROM {table}")}
        assert gone not in owners, table
    raw.close()


def test_drafts_round_trip_with_report_usage_and_notices(store, make_interview, make_draft):
    interview_id = store.add_interview(make_interview())
    finding = Finding("brevity", "warn", "Cut it to 170 words.", start=3, end=9, suggestion="Drop a sentence.")
    draft = make_draft("Jordan Lee", findings=(finding,), created_at=NOW)
    saved = store.save_draft(interview_id, draft)
    assert saved.id is not None
    assert replace(saved, id=None) == draft
    assert store.draft(saved.id) == saved
    assert store.draft(saved.id, interview_id=interview_id) == saved
    with pytest.raises(RecordNotFound):
        store.draft(saved.id, interview_id=interview_id + 1)


def test_latest_draft_and_filters(store, make_interview, make_draft):
    interview_id = store.add_interview(
        make_interview(interviewers=[{"name": "Jordan Lee", "contact": True}, {"name": "Priya Shah"}])
    )
    first = store.save_draft(interview_id, make_draft("Jordan Lee", "Dear Jordan,\n\nFirst."))
    second = store.save_draft(interview_id, make_draft("Jordan Lee", "Dear Jordan,\n\nSecond."))
    other = store.save_draft(interview_id, make_draft("Priya Shah", "Hi Priya,\n\nA different note entirely."))
    follow = store.save_draft(interview_id, make_draft("Jordan Lee", "Dear Jordan,\n\nFollowing up.", note_type="follow_up"))
    assert [d.id for d in store.drafts(interview_id)] == [first.id, second.id, other.id, follow.id]
    assert [d.id for d in store.drafts(interview_id, "thank_you", "jordan lee")] == [first.id, second.id]
    assert store.latest_draft(interview_id, "thank_you", "Jordan Lee").id == second.id
    assert store.latest_draft(interview_id, "award_update", "Jordan Lee") is None
    summaries = store.draft_summaries(interview_id)
    assert [(s.id, s.note_type, s.recipient, s.passed) for s in summaries] == [
        (first.id, "thank_you", "Jordan Lee", True),
        (second.id, "thank_you", "Jordan Lee", True),
        (other.id, "thank_you", "Priya Shah", True),
        (follow.id, "follow_up", "Jordan Lee", True),
    ]


def test_update_draft_body_keeps_the_edit_and_its_report(store, make_interview, make_draft):
    interview_id = store.add_interview(make_interview())
    saved = store.save_draft(interview_id, make_draft("Jordan Lee"))
    blocked = Report("thank_you", (Finding("thanks", "block", "Thank them."),))
    edited = store.update_draft_body(saved.id, "Dear Jordan,\n\nEdited by hand.", blocked, subject="New subject")
    assert edited.body == "Dear Jordan,\n\nEdited by hand."
    assert edited.subject == "New subject"
    assert edited.report == blocked
    assert store.draft(saved.id) == edited
    assert store.draft_summaries(interview_id)[0].passed is False
    assert store.draft_summaries(interview_id)[0].edited_at == NOW
    with pytest.raises(RecordNotFound):
        store.update_draft_body(999, "x", blocked)


def test_mark_sent_validates_and_is_idempotent_per_day(store, make_interview, make_draft):
    interview_id = store.add_interview(make_interview())
    draft = store.save_draft(interview_id, make_draft("Jordan Lee"))
    entry = store.mark_sent(interview_id, "thank_you", "jordan lee", date(2026, 11, 24))
    assert (entry.recipient, entry.sent_on, entry.draft_id) == ("Jordan Lee", date(2026, 11, 24), None)
    again = store.mark_sent(interview_id, "thank_you", "Jordan Lee", date(2026, 11, 24), draft.id)
    assert again.id == entry.id and again.draft_id == draft.id
    assert len(store.sent(interview_id)) == 1
    with pytest.raises(InputError, match="not an interviewer"):
        store.mark_sent(interview_id, "thank_you", "Nobody Here", date(2026, 11, 24))
    with pytest.raises(InputError, match="before the interview"):
        store.mark_sent(interview_id, "thank_you", "Jordan Lee", date(2026, 11, 1))
    with pytest.raises(InputError, match="not a note type"):
        store.mark_sent(interview_id, "love_letter", "Jordan Lee", date(2026, 11, 24))
    with pytest.raises(InputError, match="is not a follow_up draft"):
        store.mark_sent(interview_id, "follow_up", "Jordan Lee", date(2026, 12, 12), draft.id)


def test_due_follows_the_sent_log_across_interviews(store, make_interview):
    jordan = store.add_interview(make_interview())
    panel = store.add_interview(
        make_interview(
            company="Fabrikam",
            interview_date=date(2026, 11, 10),
            decision_date=None,
            interviewers=[{"name": "Faith Christian"}, {"name": "Marcus Okafor", "contact": True}],
        )
    )
    today = date(2026, 11, 25)
    rows = due_everywhere(store, today)
    keys = [(row.id, a.type, a.recipient, a.state) for row, a in rows]
    # Most urgent first: late, then due (same day: thank-you before follow-up), then upcoming.
    assert keys == [
        (panel, "thank_you", "Faith Christian", "late"),
        (panel, "thank_you", "Marcus Okafor", "late"),
        (jordan, "thank_you", "Jordan Lee", "due"),
        (panel, "follow_up", "Marcus Okafor", "due"),
        (jordan, "follow_up", "Jordan Lee", "upcoming"),
    ]
    assert all(a.state != "not_applicable" for _, a in rows)
    assert {(row.company, row.role) for row, _ in rows} == {("Northwind Analytics", "Data Analyst"), ("Fabrikam", "Data Analyst")}

    store.mark_sent(jordan, "thank_you", "Jordan Lee", date(2026, 11, 24))
    store.mark_sent(panel, "follow_up", "Marcus Okafor", date(2026, 11, 24))
    keys = [(row.id, a.type, a.recipient, a.state, a.due) for row, a in due_everywhere(store, today)]
    assert not any(k[:3] == (jordan, "thank_you", "Jordan Lee") for k in keys)
    # The second follow-up comes a week after the first.
    assert (panel, "follow_up", "Marcus Okafor", "upcoming", date(2026, 12, 1)) in keys
    store.mark_sent(panel, "follow_up", "Marcus Okafor", date(2026, 12, 1))
    states = {(row.id, a.type): a.state for row, a in due_everywhere(store, date(2026, 12, 3))}
    assert states[(panel, "follow_up")] == "stop"


def test_due_with_not_applicable_matches_the_advisor_for_every_interview(store, make_interview):
    ids = [
        store.add_interview(make_interview(status="offered", status_date=date(2026, 11, 30))),
        store.add_interview(make_interview(status="withdrawn")),
        store.add_interview(make_interview()),
    ]
    for interview_id in ids:
        store.mark_sent(interview_id, "thank_you", "Jordan Lee", date(2026, 11, 24))
    today = date(2026, 12, 1)
    everything = due_everywhere(store, today, include_not_applicable=True)
    for interview_id in ids:
        expected = advise(store.interview(interview_id), today, [("thank_you", "Jordan Lee", date(2026, 11, 24))])
        got = [a for row, a in everything if row.id == interview_id]
        assert sorted(got, key=repr) == sorted(expected, key=repr)
    # Without --all the offered and withdrawn interviews have nothing left to list.
    assert {row.id for row, _ in due_everywhere(store, today)} == {ids[2]}
    assert [a.type for a in due_for_stored(store, ids[0], today)] == []
    assert len(due_for_stored(store, ids[0], today, include_not_applicable=True)) == 5


def test_list_rows_are_light_and_counted(store, make_interview, make_draft):
    first = store.add_interview(make_interview(interview_date=date(2026, 11, 24)))
    earlier = store.add_interview(make_interview(company="Early Co", interview_date=date(2026, 10, 1), decision_date=None))
    store.save_draft(first, make_draft("Jordan Lee"))
    store.save_draft(first, make_draft("Jordan Lee"))
    store.mark_sent(first, "thank_you", "Jordan Lee", date(2026, 11, 24))
    rows = store.list_interviews()
    assert [row.id for row in rows] == [earlier, first]  # earliest interview first
    assert rows[1].to_dict() == {
        "id": first,
        "company": "Northwind Analytics",
        "role": "Data Analyst",
        "interview_date": "2026-11-24",
        "status": "awaiting",
        "status_date": None,
        "interviewers": ["Jordan Lee"],
        "drafts": 2,
        "sent": 1,
    }


def test_batch_is_one_transaction(store, make_interview):
    with pytest.raises(RuntimeError):
        with store.batch():
            store.add_interview(make_interview())
            store.add_interview(make_interview())
            raise RuntimeError("interrupted halfway")
    assert store.list_interviews() == []
    with store.batch():
        store.add_interview(make_interview())
        store.add_interview(make_interview())
    assert len(store.list_interviews()) == 2


def test_a_failed_write_leaves_nothing_half_saved(store, make_interview, make_draft):
    interview_id = store.add_interview(make_interview())
    # Simulate a full disk: the database may not grow beyond its current size.
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    huge = make_draft("Jordan Lee", "Dear Jordan,\n\n" + "word " * 200_000)
    with pytest.raises(StoreError, match="disk is full.*nothing was saved"):
        store.save_draft(interview_id, huge)
    assert store.drafts(interview_id) == []
    store._conn.execute("PRAGMA max_page_count = 1073741823")
    assert store.save_draft(interview_id, make_draft("Jordan Lee")).id is not None


def test_every_call_is_committed_when_it_returns(store, make_interview, make_draft):
    """What the TUI's autosave relies on: another connection sees each change at once."""
    other = open_store(app_paths())
    interview_id = store.add_interview(make_interview())
    assert other.interview(interview_id) == store.interview(interview_id)
    saved = store.save_draft(interview_id, make_draft("Jordan Lee"))
    store.update_draft_body(saved.id, "Dear Jordan,\n\nAn edit.", saved.report)
    assert other.draft(saved.id).body == "Dear Jordan,\n\nAn edit."
    other.close()
