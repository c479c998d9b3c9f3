"""Dates at the end of the calendar: refused at every door, and stored ones break nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest

from afterview.paths import app_paths

GOOD = """\
candidate = "Sam Rivera"
company = "Northwind Analytics"
role = "Data Analyst"
interview_date = 2026-11-24

[[interviewers]]
name = "Jordan Lee"
"""


@pytest.fixture
def stored(cli, tmp_path):
    """Two stored interviews; the first given end-of-calendar dates behind afterview's back."""
    path = tmp_path / "interview.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert cli("add", path).code == 0
    assert cli("add", path).code == 0
    with sqlite3.connect(app_paths().database) as db:  # as an older afterview could have stored them
        db.execute(
            "UPDATE interviews SET decision_date = '9999-12-30', offer_company = 'Contoso', offer_deadline = '9999-12-31', "
            "award_name = 'Prize', award_date = '9999-12-31' WHERE id = 1"
        )
    return path


def test_due_lists_every_interview_despite_one_with_dates_at_the_end(cli, stored):
    result = cli("due", "--today", "2026-12-01")
    assert result.code == 0, result.err
    assert "#1 Northwind Analytics: follow-up to Jordan Lee" in result.out
    assert "#2 Northwind Analytics: thank-you to Jordan Lee" in result.out
    rows = [json.loads(line) for line in cli("due", "--json", "--today", "2026-12-01").out.splitlines()]
    assert {row["interview"] for row in rows} == {1, 2}
    assert any(row["due"] == "9999-12-31" and row["type"] == "award_update" for row in rows)


def test_ics_export_of_a_reminder_on_the_last_day(cli, stored):
    result = cli("export", "1", "--format", "ics", "--today", "2026-12-01")
    assert result.code == 0, result.err
    assert "DTSTART;VALUE=DATE:99991231" in result.out


def test_a_stored_rejection_on_the_last_day_is_listed(cli, stored):
    with sqlite3.connect(app_paths().database) as db:
        db.execute("UPDATE interviews SET status = 'rejected', status_date = '9999-12-31' WHERE id = 2")
    result = cli("due", "--today", "2026-12-01")
    assert result.code == 0, result.err
    assert "#2 Northwind Analytics: feedback-request" in result.out


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "1", "rejected", "--on", "9999-12-31"],
        ["sent", "1", "--type", "thank_you", "--on", "9999-12-31"],
        ["due", "--today", "9999-12-31"],
    ],
    ids=["status", "sent", "today"],
)
def test_a_far_date_argument_is_refused(cli, stored, argv):
    result = cli(*argv)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "dates go up to 2100-12-31" in result.err, result.err


@pytest.mark.parametrize(
    "line",
    ["decision_date = 9999-12-30", 'status = "rejected"\nstatus_date = 9999-12-31',
     '[competing_offer]\ncompany = "Contoso"\ndeadline = 9999-12-31', '[award]\nname = "Prize"\ndate = 9999-12-31'],
    ids=["decision", "status", "offer", "award"],
)  # fmt: skip
def test_a_far_date_in_an_interview_file_is_refused_with_its_line(cli, tmp_path, line):
    text = GOOD.replace("[[interviewers]]", "") + 'interviewers = [{ name = "Jordan Lee" }]\n' if line.startswith("[") else GOOD
    if line.startswith("["):
        text = GOOD.replace('\n[[interviewers]]\nname = "Jordan Lee"\n', "\n") + 'interviewers = [{ name = "Jordan Lee" }]\n\n' + line + "\n"
    else:
        text = GOOD.replace('interview_date = 2026-11-24\n', f"interview_date = 2026-11-24\n{line}\n")
    path = tmp_path / "interview.toml"
    path.write_text(text, encoding="utf-8")
    result = cli("add", path)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "too far ahead" in result.err and f"{path}:" in result.err, result.err


def test_the_store_refuses_a_far_status_date_from_any_face(cli, stored):
    from datetime import date

    from afterview.errors import InputError
    from afterview.store import open_store

    with open_store(app_paths()) as store, pytest.raises(InputError, match="dates go up to"):
        store.set_status(2, "rejected", date(9999, 12, 31))
