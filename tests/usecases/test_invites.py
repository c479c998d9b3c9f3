"""Importing an invite from a face: which file a typed path names, the newest invites of
a folder, and the user left out by any address the profile or the form knows."""

from __future__ import annotations

import os

import invite_samples as samples
import pytest

from afterview.tui.form_model import FormValues, InterviewerValues, fill_from_invite
from afterview.usecases.invites import invite_path, propose_interview, recent_invites


def test_a_typed_path_is_expanded_and_a_bare_name_looked_for_in_the_folder(tmp_path, monkeypatch) -> None:
    folder, elsewhere = tmp_path / "Downloads", tmp_path / "cwd"
    folder.mkdir()
    elsewhere.mkdir()
    (folder / "invite.ics").write_bytes(b"x")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(elsewhere)
    assert invite_path("~/Downloads/invite.ics", folder) == folder / "invite.ics"
    assert invite_path("  invite.ics ", folder) == folder / "invite.ics"
    assert invite_path("other.ics", folder) == elsewhere / "other.ics"  # not in the folder: the current one
    assert invite_path(str(tmp_path / "a.ics"), folder) == tmp_path / "a.ics"


def test_the_newest_invites_of_a_folder_come_first(tmp_path) -> None:
    for age, name in enumerate(["new.ics", "older.ICS", "oldest.ics", "notes.txt"]):
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (1_700_000_000 - age * 60, 1_700_000_000 - age * 60))
    (tmp_path / "folder.ics").mkdir()
    assert [p.name for p in recent_invites(tmp_path)] == ["new.ics", "older.ICS", "oldest.ics"]
    assert [p.name for p in recent_invites(tmp_path, limit=1)] == ["new.ics"]
    assert recent_invites(tmp_path / "missing") == []


def test_the_user_is_left_out_by_the_forms_email_when_the_profile_has_none(tmp_path) -> None:
    invite = tmp_path / "invite.ics"
    invite.write_bytes(samples.outlook())
    # Outlook names the candidate "Sam Rivera" at sam@example.com; no profile at all here.
    nobody = propose_interview(invite, names=(None,), emails=(None, ""))
    assert "Sam Rivera" in [p.name for p in nobody.interviewers]
    by_form = propose_interview(invite, names=("", None), emails=(" sam@example.com ", None))
    assert "Sam Rivera" not in [p.name for p in by_form.interviewers]
    assert ("Sam Rivera", "you") in [(s.who, s.why) for s in by_form.skipped]


def test_an_import_keeps_what_was_typed() -> None:
    typed = FormValues(company="Northwind", interviewers=[InterviewerValues(name="priya natarajan", moment="the dashboard")])
    invite = {"company": "Northwind Analytics", "role": "Data Analyst", "interview_date": "2026-12-03",
              "interviewers": [{"name": "Jordan Lee", "email": "j@n.example"}, {"name": "Priya Natarajan", "email": "p@n.example"}]}  # fmt: skip
    fill = fill_from_invite(typed, invite, company_from="the title")
    assert (fill.values.company, fill.values.role, fill.values.interview_date) == ("Northwind", "Data Analyst", "2026-12-03")
    assert fill.guessed == {"role": "the title"} and fill.missing == () and fill.added == 1
    assert [(p.name, p.email, p.moment) for p in fill.values.interviewers] == [
        ("priya natarajan", "p@n.example", "the dashboard"),
        ("Jordan Lee", "j@n.example", ""),
    ]
    assert typed.interviewers[0].email == ""  # the form's own values are not changed in place


@pytest.mark.parametrize(("company", "role", "missing"), [("", "", ("company", "role")), ("Contoso", "", ("role",))])
def test_what_the_invite_cannot_tell_is_left_empty_and_said(company, role, missing) -> None:
    invite = {"company": company, "role": role, "interview_date": "2026-12-07", "interviewers": []}
    fill = fill_from_invite(FormValues(), invite, company_from="the email domain contoso.de")
    assert fill.missing == missing
    assert fill.guessed == ({"company": "the email domain contoso.de"} if company else {})
