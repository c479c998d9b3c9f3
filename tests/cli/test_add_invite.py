"""``afterview add --ics``: from a calendar invite to a stored interview, with the guesses shown."""

from __future__ import annotations

import json
from pathlib import Path

import invite_samples as samples
import pytest

from afterview.paths import app_paths


@pytest.fixture
def profile():
    """A profile with the user's address, which tells them apart from the interviewers."""
    config = app_paths().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[profile]\nname = "Sam Rivera"\nemail = "sam@example.com"\n', encoding="utf-8")
    return config


def write(tmp_path: Path, data: bytes, name: str = "invite.ics") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_an_invite_becomes_an_interview_and_the_guesses_are_printed(cli, tmp_path, profile):
    path = write(tmp_path, samples.google())
    result = cli("add", "--ics", path)
    assert result.code == 0, result.err
    assert result.out == "1\n"
    assert "company       Northwind Analytics (from the title)" in result.err
    assert "role          Data Analyst (from the title)" in result.err
    assert "date          2026-12-03 (starts 17:00 UTC)" in result.err
    assert "interviewers  Jordan Lee <jordan@northwind-analytics.com>, Priya Natarajan <priya.natarajan@" in result.err
    assert "left out      sam@example.com (you), NYC-5-Huddle (4) (a resource)" in result.err
    assert "afterview edit 1 INTERVIEW.toml" in result.err
    assert "no email under [profile]" not in result.err
    stored = json.loads(cli("show", "1", "--json").out)
    assert [p["name"] for p in stored["interviewers"]] == ["Jordan Lee", "Priya Natarajan"]
    assert stored["interview_date"] == "2026-12-03" and stored["company"] == "Northwind Analytics"


def test_the_date_follows_the_users_time_zone(cli_process, tmp_path, isolated_home):
    path = write(tmp_path, samples.RAW_FOLDED)  # 23:00 UTC
    for zone, day in (("Europe/Berlin", "2026-12-04"), ("America/New_York", "2026-12-03")):
        result = cli_process("add", "--ics", path, env={"TZ": zone})
        assert result.code == 0, result.err
        assert f"date          {day}" in result.err, result.err


def test_several_events_are_listed_and_exit_2_then_event_picks_one(cli, tmp_path, profile):
    path = write(tmp_path, samples.several())
    result = cli("add", "--ics", path)
    assert result.code == 2 and result.out == ""
    lines = result.err.splitlines()
    assert lines[0] == f"afterview: error: {path}: holds 2 events; pick one with --event UID"
    assert lines[1:] == [
        "  round-1@northwind  2026-12-03  Data Analyst interview, round 1",
        "  round-2@northwind  2026-12-10  Data Analyst interview, round 2",
    ]
    picked = cli("add", "--ics", path, "--event", "round-2@northwind")
    assert picked.code == 0, picked.err
    assert "date          2026-12-10" in picked.err and "Priya Natarajan" in picked.err


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (samples.google(method="CANCEL", status="CANCELLED"), "is cancelled (METHOD:CANCEL); nothing to add"),
        (b"", "the file is empty"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026XX\r\n", "not a calendar file"),
        (b"not a calendar\n", "not a calendar file it can read"),
    ],
    ids=["cancelled", "empty", "truncated", "text"],
)
def test_a_cancelled_or_broken_invite_is_one_line_and_exit_2(cli, tmp_path, data, fragment):
    path = write(tmp_path, data)
    result = cli("add", "--ics", path)
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and str(path) in result.err and fragment in result.err, result.err
    assert "Traceback" not in result.err
    assert cli("list").out.startswith("No interviews stored yet")


def test_a_missing_invite_says_no_such_file(cli, tmp_path):
    result = cli("add", "--ics", tmp_path / "nope.ics")
    assert result.code == 2 and result.err == f"afterview: error: {tmp_path / 'nope.ics'}: no such file\n"


def test_a_role_the_invite_does_not_tell_is_asked_for(cli, tmp_path, profile):
    path = write(tmp_path, samples.teams())
    result = cli("add", "--ics", path)
    assert result.code == 2
    assert result.err.strip().endswith("cannot tell the role from the title 'Microsoft Teams Meeting': add --role ROLE")
    given = cli("add", "--ics", path, "--role", "Data Engineer", "--company", "Contoso")
    assert given.code == 0, given.err
    assert "role          Data Engineer (as you gave it)" in given.err
    assert "company       Contoso (as you gave it)" in given.err


@pytest.mark.parametrize(
    "argv",
    [["add"], ["add", "interview.toml", "--ics", "invite.ics"], ["add", "interview.toml", "--event", "x"]],
    ids=["neither", "both", "event-without-ics"],
)
def test_add_takes_a_file_or_an_invite(cli, tmp_path, argv):
    result = cli(*argv)
    assert result.code == 2 and result.err.count("\n") == 1


def test_reading_interview_files_never_imports_icalendar():
    import subprocess
    import sys

    code = "import sys, afterview.invite, afterview.cli.store_cmds; print('icalendar' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_without_a_profile_email_the_person_is_told_to_set_one(cli, tmp_path):
    result = cli("add", "--ics", write(tmp_path, samples.google()))
    assert result.code == 0
    assert "sam@example.com (no name on the invite)" in result.err
    assert "no email under [profile] in config.toml: set it so invites tell you apart" in result.err
