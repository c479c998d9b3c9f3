"""The store-backed commands: add, list, show, edit, delete, status, sent, due, draft --interview."""

from __future__ import annotations

import json
import re
from pathlib import Path

from store_helpers import PANEL_TOML


def _json_lines(text: str) -> list[dict]:
    lines = text.splitlines()
    assert lines and all(line.startswith("{") for line in lines), text
    return [json.loads(line) for line in lines]


def _one_line_error(result, fragment: str) -> None:
    assert result.code == 2, (result.code, result.err)
    assert result.err.count("\n") == 1 and "Traceback" not in result.err, result.err
    assert fragment in result.err, result.err


def test_add_prints_the_new_id_alone(cli, panel_file: Path, data: Path):
    first = cli("add", panel_file)
    assert (first.code, first.out, first.err) == (0, "1\n", "")
    assert cli("add", data / "northwind.toml").out == "2\n"


def test_add_refuses_a_bad_file_with_one_line(cli, tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text(PANEL_TOML.replace('company = "Fabrikam Health"\n', ""))
    _one_line_error(cli("add", bad), "company: required field is missing")
    assert cli("list", "--json").out == ""


def test_list_text_and_json_lines(cli, panel_file: Path, data: Path):
    assert cli("list").out == "No interviews stored yet; add one with: afterview add INTERVIEW.toml\n"
    cli("add", data / "northwind.toml")
    cli("add", panel_file)
    rows = _json_lines(cli("list", "--json").out)
    assert [(r["id"], r["company"], r["interview_date"], r["interviewers"]) for r in rows] == [
        (2, "Fabrikam Health", "2026-11-20", ["Faith Christian", "Marcus Okafor"]),
        (1, "Northwind Analytics", "2026-11-24", ["Jordan Lee"]),
    ]
    text = cli("list").out.splitlines()
    assert text[0].startswith("#2") and "Fabrikam Health: Senior Platform Engineer" in text[0]
    assert "(2 interviewers, 0 drafts, 0 sent)" in text[0]


def test_show_json_and_text(cli, panel_file: Path):
    cli("add", panel_file)
    cli("status", "1", "rejected", "--on", "2026-12-02")
    cli("sent", "1", "--type", "thank_you", "--to", "Faith Christian", "--on", "2026-11-20")
    (shown,) = _json_lines(cli("show", "1", "--json").out)
    assert shown["id"] == 1 and shown["company"] == "Fabrikam Health" and shown["status"] == "rejected"
    assert [(p["id"], p["name"], p["contact"]) for p in shown["interviewers"]] == [
        (1, "Faith Christian", False),
        (2, "Marcus Okafor", True),
    ]
    assert [(h["status"], h["status_date"]) for h in shown["status_history"]] == [("awaiting", None), ("rejected", "2026-12-02")]
    assert [(s["type"], s["recipient"], s["sent_on"]) for s in shown["sent"]] == [("thank_you", "Faith Christian", "2026-11-20")]
    assert shown["drafts"] == []
    text = cli("show", "1").out
    assert "#1 Fabrikam Health: Senior Platform Engineer" in text
    assert "interviewer [2] Marcus Okafor <marcus@fabrikam.example> (contact)" in text
    assert "2026-11-20  thank-you to Faith Christian" in text
    _one_line_error(cli("show", "9"), "no interview #9")
    _one_line_error(cli("show", "zero"), "'zero' is not an id")


def test_edit_keeps_interviewer_ids(cli, panel_file: Path, tmp_path: Path):
    cli("add", panel_file)
    edited = tmp_path / "edited.toml"
    edited.write_text(
        PANEL_TOML.replace('name = "Faith Christian"', 'name = "faith christian"')
        + '\n[[interviewers]]\nname = "Lena Park"\n'
    )
    result = cli("edit", "1", edited)
    assert result.code == 0 and result.out == ""
    assert "2 interviewers kept; added Lena Park" in result.err
    (shown,) = _json_lines(cli("show", "1", "--json").out)
    assert [(p["id"], p["name"]) for p in shown["interviewers"]] == [(1, "faith christian"), (2, "Marcus Okafor"), (3, "Lena Park")]
    _one_line_error(cli("edit", "5", edited), "no interview #5")


def test_delete_needs_yes(cli, panel_file: Path):
    cli("add", panel_file)
    _one_line_error(cli("delete", "1"), "add --yes to confirm")
    assert len(_json_lines(cli("list", "--json").out)) == 1
    result = cli("delete", "1", "--yes")
    assert result.code == 0 and "deleted interview #1 (Fabrikam Health, Senior Platform Engineer)" in result.err
    assert cli("list", "--json").out == ""
    _one_line_error(cli("delete", "1", "--yes"), "no interview #1")


def test_status_validates_its_date_and_value(cli, panel_file: Path):
    cli("add", panel_file)
    _one_line_error(cli("status", "1", "rejected", "--on", "2026-11-01"), "before the interview (2026-11-20)")
    _one_line_error(cli("status", "1", "ghosted"), "invalid choice: 'ghosted'")
    _one_line_error(cli("status", "1", "rejected", "--on", "soon"), "not a date")
    ok = cli("status", "1", "offered", "--on", "2026-11-30")
    assert ok.code == 0 and "now offered (since 2026-11-30)" in ok.err


def test_sent_needs_a_recipient_for_a_panel_thank_you_and_updates_due(cli, panel_file: Path):
    cli("add", panel_file)
    _one_line_error(cli("sent", "1", "--type", "thank_you"), "add --to NAME")
    _one_line_error(cli("sent", "1", "--type", "thank_you", "--to", "Nobody"), "not an interviewer")
    before = _json_lines(cli("due", "--today", "2026-11-21", "--json").out)
    assert {(r["type"], r["recipient"]) for r in before} >= {("thank_you", "Faith Christian"), ("thank_you", "Marcus Okafor")}
    assert all({"interview", "company", "role"} <= set(r) for r in before)
    assert before[0] == {**before[0], "interview": 1, "company": "Fabrikam Health", "role": "Senior Platform Engineer"}

    result = cli("sent", "1", "--type", "thank_you", "--to", "faith christian", "--on", "2026-11-20")
    assert result.code == 0 and "marked the thank-you to Faith Christian as sent on 2026-11-20" in result.err
    # The follow-up goes to the contact without --to.
    assert cli("sent", "1", "--type", "follow_up", "--on", "2026-12-08").code == 0
    after = _json_lines(cli("due", "--today", "2026-12-09", "--json").out)
    pairs = {(r["type"], r["recipient"], r["state"]) for r in after}
    assert ("thank_you", "Faith Christian", "late") not in pairs
    assert ("thank_you", "Marcus Okafor", "late") in pairs
    assert ("follow_up", "Marcus Okafor", "upcoming") in pairs  # the second one, a week after the first
    everything = _json_lines(cli("due", "--today", "2026-12-09", "--json", "--all").out)
    assert any(r["state"] == "not_applicable" for r in everything)
    assert not any(r["state"] == "not_applicable" for r in after)


def test_due_text_names_the_interview(cli, panel_file: Path):
    assert cli("due", "--today", "2026-11-21").out == "Nothing to send right now.\n"
    cli("add", panel_file)
    text = cli("due", "--today", "2026-11-21").out
    assert "#1 Fabrikam Health: thank-you to Faith Christian" in text


def test_sent_attaches_the_latest_draft(cli, store, panel_file: Path, make_draft):
    from afterview.interview_file import load_interview

    interview_id = store.add_interview(load_interview(panel_file))
    store.save_draft(interview_id, make_draft("Marcus Okafor", "Dear Marcus,\n\nOld."))
    latest = store.save_draft(interview_id, make_draft("Marcus Okafor", "Dear Marcus,\n\nNew."))
    result = cli("sent", interview_id, "--type", "thank_you", "--to", "Marcus Okafor", "--on", "2026-11-21")
    assert f"(draft #{latest.id})" in result.err
    assert [entry.draft_id for entry in store.sent(interview_id)] == [latest.id]


def test_a_foreign_database_is_moved_aside_and_the_user_told(cli, home: Path, panel_file: Path):
    (home / "afterview.db").write_bytes(b"\x00\x01 not a database" * 50)
    result = cli("add", panel_file)
    assert result.code == 0 and result.out == "1\n"
    assert "is not an afterview database" in result.err and "unreadable-" in result.err
    assert len([p for p in home.iterdir() if "unreadable-" in p.name]) == 1


def test_a_newer_database_is_refused_with_exit_2(cli, home: Path, panel_file: Path):
    import sqlite3

    cli("add", panel_file)
    conn = sqlite3.connect(home / "afterview.db")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    for argv in (("list",), ("due",), ("add", panel_file), ("show", "1")):
        _one_line_error(cli(*argv), "newer afterview")


def test_draft_for_a_stored_interview_stores_every_draft(cli, store, panel_file: Path):
    from afterview.interview_file import load_interview

    interview_id = store.add_interview(load_interview(panel_file))
    result = cli("draft", "--interview", interview_id, "--type", "thank_you", "--offline", "--json")
    assert result.code in (0, 1), result.err
    printed = _json_lines(result.out)
    assert [d["recipient"] for d in printed] == ["Faith Christian", "Marcus Okafor"]
    stored = store.drafts(interview_id)
    assert [d.id for d in stored] == [d["id"] for d in printed]
    assert [d.body for d in stored] == [d["body"] for d in printed]


def test_export_drafts_one_when_none_is_stored(cli, store, panel_file: Path):
    from afterview.interview_file import load_interview

    interview_id = store.add_interview(load_interview(panel_file))
    result = cli("export", interview_id, "--type", "follow_up", "--format", "txt", "--offline")
    assert result.code in (0, 1), result.err
    (draft,) = store.drafts(interview_id)
    assert f"drafted and stored #{draft.id}" in result.err
    assert result.out == f"Subject: {draft.subject}\n\n{draft.body.rstrip()}\n"
    again = cli("export", interview_id, "--type", "follow_up", "--format", "txt", "--offline")
    assert again.out == result.out and len(store.drafts(interview_id)) == 1  # the stored one is reused


def test_a_follow_up_after_one_was_sent_is_worded_as_the_second_and_last(cli, panel_file: Path):
    cli("add", panel_file)
    first = _json_lines(cli("draft", "--interview", "1", "--type", "follow_up", "--offline", "--json", "--variants", "6").out)
    cli("sent", "1", "--type", "follow_up", "--on", "2026-12-09")
    second = _json_lines(cli("draft", "--interview", "1", "--type", "follow_up", "--offline", "--json", "--variants", "6").out)
    last_words = r"\blast\b|final|one further|second note|will not trouble|leave it with you"
    assert not any(re.search(last_words, d["body"], re.I) for d in first)
    assert second and all(re.search(last_words, d["body"], re.I) for d in second)
    assert all(d["report"]["passed"] for d in first + second)
