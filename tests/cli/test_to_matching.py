"""``--to`` takes a unique first name or prefix, ignoring case, wherever a record is
known; an ambiguous one lists the choices; ``sent`` and ``export`` say whom they meant."""

from __future__ import annotations

from pathlib import Path

import pytest

PANEL = """\
candidate = "Sam Rivera"
company = "Northwind Analytics"
role = "Data Analyst"
interview_date = 2026-11-24

[[interviewers]]
name = "Jordan Lee"
contact = true
moment = "your story about rebuilding the churn dashboard"

[[interviewers]]
name = "Jordan Park"
moment = "the question about messy vendor data"

[[interviewers]]
name = "Priya Natarajan"
moment = "how the team chose its forecasting model"
"""


@pytest.fixture
def stored(cli, tmp_path: Path) -> Path:
    record = tmp_path / "panel.toml"
    record.write_text(PANEL, encoding="utf-8")
    assert cli("add", record).out == "1\n"
    return record


@pytest.mark.parametrize("to", ["priya", "PRIYA", "pri", "Priya N", "priya  natarajan"])
def test_sent_takes_a_first_name_or_prefix_and_prints_the_name_it_meant(cli, stored, to) -> None:
    result = cli("sent", "1", "--type", "thank_you", "--to", to, "--on", "2026-11-24")
    assert result.code == 0
    assert result.err == "afterview: marked the thank-you to Priya Natarajan as sent on 2026-11-24\n"


def test_a_prefix_two_people_share_lists_them(cli, stored) -> None:
    result = cli("sent", "1", "--type", "thank_you", "--to", "jor", "--on", "2026-11-24")
    assert result.code == 2
    assert result.err == (
        "afterview: error: --to 'jor' matches more than one interviewer (Jordan Lee, Jordan Park): give more of the name\n"
    )
    assert cli("sent", "1", "--type", "thank_you", "--to", "jordan p", "--on", "2026-11-24").err.endswith(
        "thank-you to Jordan Park as sent on 2026-11-24\n"
    )


def test_a_name_nobody_has_lists_everyone(cli, stored) -> None:
    result = cli("sent", "1", "--type", "thank_you", "--to", "Marcus")
    assert result.code == 2
    assert "(choose from: Jordan Lee, Jordan Park, Priya Natarajan)" in result.err


def test_export_and_draft_take_a_prefix_and_name_whom_they_meant(cli, stored, tmp_path) -> None:
    target = tmp_path / "note.txt"
    result = cli("export", "1", "--type", "thank_you", "--to", "jordan p", "--format", "txt", "--offline", "-o", target)
    assert result.code == 0, result.err
    assert "Jordan Park" in result.err and target.read_text(encoding="utf-8").count("Dear Jordan,") == 1
    again = cli("export", "1", "--type", "thank_you", "--to", "jordan p", "--format", "txt", "--offline", "-o", target, "--force")
    assert again.code == 0 and "Jordan Park" in again.err  # the stored draft this time: still named
    drafted = cli("draft", "--from", stored, "--type", "thank_you", "--to", "PRI", "--offline")
    assert drafted.code == 0 and "Dear Priya," in drafted.out


def test_check_takes_a_prefix_against_a_record(cli, stored, tmp_path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Subject: Thank you\n\nDear Priya,\n\nThank you.\n\nSam Rivera\n", encoding="utf-8")
    result = cli("check", "--from", stored, "--to", "pri", note)
    assert "not an interviewer" not in result.err and "more than one" not in result.err
    assert cli("check", "--from", stored, "--to", "jor", note).code == 2
