"""The due list's SQL pre-filter leaves out exactly the interviews with nothing to list.

A seeded store of a few hundred interviews, edited the ways people edit them (statuses
changed, notes marked sent, interviewers renamed, added and removed, interviews deleted,
dates at the end of the calendar), is listed with the pre-filter and compared with the
timing advisor applied to every stored interview, on days from before the first
interview to the last day afterview accepts.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

import pytest

from afterview.dates import LATEST_DATE
from afterview.errors import StoreError
from afterview.notes import STATUS_VALUES
from afterview.paths import app_paths
from afterview.resources import data_dir
from afterview.timing import advise, listable
from afterview.timing_data import load_timing
from afterview.usecases.due import due_everywhere, due_for_stored

FIRST = ["Jordan", "Priya", "Marcus", "Faith", "Lena", "Sam", "Noor", "Kenji", "Ana", "Tomás", "Zoe", "李"]
LAST = ["Lee", "Shah", "Okafor", "Park", "Rivera", "Kim", "Haddad", "Sato", "Silva", "雷", "Novak"]
NOTE_TYPES = ["thank_you", "follow_up", "competing_offer", "award_update", "feedback_request", "continued_interest"]
START = date(2026, 1, 5)
DAYS = [date(2025, 12, 1), date(2026, 3, 1), date(2026, 11, 25), date(2027, 6, 30), date(2100, 12, 20), LATEST_DATE]


def _person(rng: random.Random, n: int, k: int) -> dict[str, object]:
    return {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}-{k}", "contact": k == 0}


def _record(rng: random.Random, n: int) -> dict[str, object]:
    """An interview's fields: a random panel, status and dates, a few of them at the far end."""
    far = rng.random() < 0.08
    interviewed = LATEST_DATE - timedelta(days=rng.randint(0, 20)) if far else START + timedelta(days=rng.randint(0, 500))
    data: dict[str, object] = {
        "company": f"Company {n}",
        "interview_date": interviewed,
        "decision_date": min(interviewed + timedelta(days=rng.randint(1, 20)), LATEST_DATE) if rng.random() < 0.5 else None,
        "interviewers": [_person(rng, n, k) for k in range(rng.choice([1, 1, 2, 3]))],
    }
    status = rng.choice(["awaiting", "awaiting", "rejected", "rejected", "offered", "withdrawn"])
    if status != "awaiting":
        data["status"] = status
        data["status_date"] = min(interviewed + timedelta(days=rng.randint(0, 30)), LATEST_DATE) if rng.random() < 0.8 else None
    if rng.random() < 0.15:
        deadline = min(interviewed + timedelta(days=rng.randint(-5, 40)), LATEST_DATE)
        data["competing_offer"] = {"company": "Other Co", "deadline": deadline}
    if rng.random() < 0.15:
        data["award"] = {"name": "Prize", "date": min(interviewed + timedelta(days=rng.randint(-5, 20)), LATEST_DATE)}
    return data


def _edit(rng: random.Random, store, interview_id: int, data: dict, make_interview) -> None:
    """Mark notes sent (to an interviewer, or the contact), then rename, add, remove or re-status."""
    people = [person["name"] for person in data["interviewers"]]
    interviewed = data["interview_date"]
    for _ in range(rng.choice([0, 1, 2, 3, 4, 6])):
        note_type = rng.choice(NOTE_TYPES)
        recipient = rng.choice([*people, people[0].upper()])
        store.mark_sent(interview_id, note_type, recipient, min(interviewed + timedelta(days=rng.randint(0, 40)), LATEST_DATE))
    roll = rng.random()
    panel = [dict(person) for person in data["interviewers"]]
    if roll < 0.1:  # renamed: the notes move to the new name
        panel[0]["name"] += " Jr"
        store.update_interview(interview_id, make_interview(**{**data, "interviewers": panel}), renamed={people[0]: panel[0]["name"]})
    elif roll < 0.2:  # one more interviewer, not yet thanked
        store.update_interview(interview_id, make_interview(**{**data, "interviewers": [*panel, {"name": f"Late Joiner {interview_id}"}]}))
    elif roll < 0.3 and len(panel) > 1:  # the others thanked, one removed (their notes stay under the old name)
        for person in panel[1:]:
            store.mark_sent(interview_id, "thank_you", person["name"], interviewed)
        panel[1]["contact"] = True
        store.update_interview(interview_id, make_interview(**{**data, "interviewers": panel[1:]}))
    elif roll < 0.4:
        status = rng.choice(["awaiting", "rejected", "offered", "withdrawn"])
        store.set_status(interview_id, status, min(interviewed + timedelta(days=3), LATEST_DATE))


@pytest.fixture
def seeded(store, make_interview):
    rng = random.Random(20261125)
    ids = []
    with store.batch():
        for n in range(300):
            data = _record(rng, n)
            interview_id = store.add_interview(make_interview(**data))
            _edit(rng, store, interview_id, data, make_interview)
            ids.append(interview_id)
    for interview_id in rng.sample(ids, 10):
        store.delete_interview(interview_id)
    with sqlite3.connect(app_paths().database) as db:  # as an older afterview could have stored them
        db.execute(
            "UPDATE interviews SET decision_date = '9999-12-30', offer_company = 'Contoso', offer_deadline = '9999-12-31', "
            "award_name = 'Prize', award_date = '9999-12-31' WHERE id % 23 = 0"
        )
        db.execute("UPDATE interviews SET status = 'rejected', status_date = '9999-12-31' WHERE id % 29 = 0")
    return store


def _every_interview_advised(store, today: date) -> list[tuple[int, tuple]]:
    """Timing applied to every stored interview, each read on its own, without the pre-filter."""
    rows = []
    for (interview_id,) in sqlite3.connect(app_paths().database).execute("SELECT id FROM interviews ORDER BY id"):
        try:  # the domain model as the studio reads it, when its dates still validate
            interview = store.interview(interview_id)
        except StoreError:
            advice = due_for_stored(store, interview_id, today)
        else:
            sent = [(s.note_type, s.recipient, s.sent_on) for s in store.sent(interview_id)]
            advice = [a for a in advise(interview, today, sent) if a.state != "not_applicable"]
            assert advice == due_for_stored(store, interview_id, today)
        rows += [(interview_id, tuple(a)) for a in advice]
    return sorted(rows)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_prefiltered_list_matches_timing_on_every_interview(seeded, today: date) -> None:
    listed = [(row.id, tuple(advice)) for row, advice in due_everywhere(seeded, today)]
    assert sorted(listed) == _every_interview_advised(seeded, today)
    # And the filter does leave interviews out: a check that could fail if it chose them all.
    chosen = {interview_id for interview_id, _ in listed}
    with sqlite3.connect(app_paths().database) as db:
        assert len(chosen) < db.execute("SELECT count(*) FROM interviews").fetchone()[0]


def _digest(db: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    kept = db.execute("SELECT id, sent_types, sent_to_everyone FROM interviews ORDER BY id").fetchall()
    fresh = db.execute("SELECT interview_id, sent_types, sent_to_everyone FROM sent_digest ORDER BY interview_id").fetchall()
    return kept, fresh


def test_the_digest_follows_every_edit(seeded) -> None:
    with sqlite3.connect(app_paths().database) as db:
        kept, fresh = _digest(db)
        assert kept == fresh
        assert any(types for _, types, _ in kept) and any(everyone for _, _, everyone in kept)
        # Edits behind the store's back, one statement each, are followed too.
        for statement in (
            "DELETE FROM interviewers WHERE id IN (SELECT min(id) FROM interviewers GROUP BY interview_id HAVING count(*) > 1)",
            "DELETE FROM sent_log WHERE id % 5 = 0",
            "UPDATE sent_log SET recipient_key = 'nobody' WHERE id % 7 = 0",
            "UPDATE sent_log SET interview_id = interview_id + 1 WHERE id % 11 = 0 AND interview_id + 1 IN (SELECT id FROM interviews)",
            "UPDATE interviewers SET name_key = name_key || ' x' WHERE id % 3 = 0",
        ):
            before = _digest(db)[0]
            db.execute(statement)
            kept, fresh = _digest(db)
            assert kept == fresh, statement
            assert kept != before, statement


def _without_status(text: str, note_type: str) -> str:
    """``timing.toml`` with ``note_type``'s schedule made one for any status."""
    head = f"[notes.{note_type}]\n"
    start = text.index(head) + len(head)
    end = text.index("\n[[", start)
    section = "".join(line for line in text[start:end].splitlines(keepends=True)
                      if not line.startswith(("status =", "not_applicable =")))  # fmt: skip
    return text[:start] + section + text[end:]


def test_the_terms_follow_the_schedules(tmp_path, store, make_interview) -> None:
    shipped = listable()
    assert shipped.unsent_to_someone == ("thank_you",) and "awaiting" in shipped.statuses
    assert ("rejected", "feedback_request") in shipped.unsent_while
    text = (data_dir("guardrails") / "timing.toml").read_text(encoding="utf-8")
    path = tmp_path / "timing.toml"
    path.write_text(_without_status(_without_status(text, "follow_up"), "feedback_request"), encoding="utf-8")
    terms = listable(load_timing(path))
    assert terms.statuses == STATUS_VALUES  # a repeating note for any status: every interview
    assert (None, "feedback_request") in terms.unsent_while
    # A withdrawn interview, thanked, is chosen only by the any-status term.
    interview_id = store.add_interview(make_interview(status="withdrawn", status_date=date(2026, 11, 30)))
    store.mark_sent(interview_id, "thank_you", "Jordan Lee", date(2026, 11, 24))
    chosen = {record.row.id for record in store.read_due(list, where=terms._replace(statuses=()))}
    assert chosen == {interview_id}
    assert store.read_due(list, where=shipped) == []
