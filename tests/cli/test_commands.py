"""The CLI's normal output: check, draft and due as people and scripts read them."""

from __future__ import annotations

import json

GOOD_NOTE = """Subject: Thank you for the Data Analyst interview

Dear Jordan,

Thank you for taking the time to talk with me about the Data Analyst role at Northwind
Analytics. I especially enjoyed your story about rebuilding the churn dashboard: it showed
me how closely the team works with the people who use its numbers.

Our conversation made me even more excited about the role, and I would love to bring my
experience with retention analysis to the team. I look forward to hearing from you.

Best regards,
Sam Rivera
"""


def test_check_passes_a_good_note_and_reports_json(cli, tmp_path, data):
    note = tmp_path / "note.txt"
    note.write_text(GOOD_NOTE)
    result = cli("check", "--from", data / "northwind.toml", note)
    assert result.code == 0, result.out + result.err
    assert result.out.strip().endswith("passed as thank_you (0 blocking, 0 warnings, 0 info)")
    result = cli("check", "--json", "--from", data / "northwind.toml", note)
    (row,) = [json.loads(line) for line in result.out.splitlines()]
    assert row == {"path": str(note), "type": "thank_you", "passed": True, "findings": []}


def test_check_text_output_points_at_line_and_column(cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(GOOD_NOTE.replace("Dear Jordan,", "Dear [Name],"))
    result = cli("check", "--to", "Jordan Lee", note)
    assert result.code == 1
    assert f"{note}:3:6: block placeholders:" in result.out
    assert f"{note}: blocked as thank_you" in result.out


def test_draft_prints_subject_blank_line_body(cli, data):
    result = cli("draft", "--from", data / "northwind.toml", "--type", "follow_up", "--offline")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Subject: ") and lines[1] == "" and lines[2] == "Dear Jordan,"
    assert "Sam Rivera" in result.out


def test_draft_json_has_the_documented_fields(cli, data):
    result = cli("draft", "--from", data / "northwind.toml", "--type", "thank_you", "--offline", "--json", "--tone", "formal")
    (row,) = [json.loads(line) for line in result.out.splitlines()]
    for key in ("id", "subject", "body", "type", "recipient", "tone", "engine", "variant", "prompt_version", "fallback_reason", "report"):
        assert key in row
    assert (row["id"], row["type"], row["tone"], row["engine"]) == (None, "thank_you", "formal", "template")
    assert row["report"]["passed"] is True and set(row["report"]) == {"passed", "findings"}


def test_a_panel_thank_you_is_drafted_for_everyone_each_differently(cli, data):
    result = cli("draft", "--from", data / "panel.toml", "--type", "thank_you", "--offline", "--json")
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [r["recipient"] for r in rows] == ["Faith Christian", "Marcus Okafor", "李雷"]
    assert len({r["variant"] for r in rows}) == 3
    assert all(r["report"]["passed"] for r in rows)


def test_more_variants_than_the_templates_hold_prints_the_distinct_ones_and_says_so(cli, data):
    result = cli("draft", "--from", data / "northwind.toml", "--type", "thank_you", "--offline", "--json", "--variants", "8")
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert len(rows) == 6 and len({r["body"] for r in rows}) == 6
    assert "6 distinct thank-you drafts" in result.err and "8 asked" in result.err


def test_a_sensitive_moment_is_left_out_and_the_user_is_told(cli, tmp_path, data):
    path = tmp_path / "interview.toml"
    path.write_text((data / "northwind.toml").read_text().replace(
        "your story about rebuilding the churn dashboard", "hearing about your pregnancy and upcoming leave"))
    result = cli("draft", "--from", path, "--type", "thank_you", "--offline")
    assert result.code == 0
    assert "pregnancy" not in result.out
    assert "touches on pregnancy" in result.err


def test_due_lists_rows_most_urgent_first_and_all_adds_the_rest(cli, data):
    result = cli("due", "--from", data / "northwind.toml", "--today", "2026-11-27", "--json")
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [r["state"] for r in rows][:2] == ["late", "due"]
    assert rows[0]["type"] == "thank_you" and set(rows[0]) == {"type", "recipient", "state", "due", "rule", "reason"}
    assert all(r["state"] != "not_applicable" for r in rows)
    everything = [json.loads(line) for line in cli("due", "--from", data / "northwind.toml", "--today", "2026-11-27", "--json", "--all").out.splitlines()]
    assert {r["type"] for r in everything if r["state"] == "not_applicable"} == {"feedback_request", "continued_interest"}


def test_version(cli_process):
    from afterview import __version__

    result = cli_process("--version")
    assert (result.code, result.out.strip()) == (0, f"afterview {__version__}")


PROFILE_WITH_BRACKETS = '''[profile]
name = "Sam Rivera"
signature = """
Sam Rivera
[B] Studio | portfolio: sam.example/[work]
"""
'''


def test_the_profile_signature_gets_the_same_verdict_from_draft_and_check(cli, isolated_home, tmp_path, data):
    # The signature block is the person's own text: ``draft`` masks it, and so must
    # ``check --strict`` of the note it printed, from the file and from the store.
    (isolated_home / "config.toml").write_text(PROFILE_WITH_BRACKETS)
    record = data / "no_candidate.toml"
    drafted = cli("draft", "--from", record, "--type", "thank_you", "--offline", "--json")
    assert drafted.code == 0, drafted.err
    draft = json.loads(drafted.out.splitlines()[0])
    assert draft["report"]["passed"] and "[B] Studio" in draft["body"]
    note = tmp_path / "note.txt"
    note.write_text(f"Subject: {draft['subject']}\n\n{draft['body']}")

    from_file = cli("check", "--strict", "--from", record, "--type", "thank_you", "--json", note)
    assert from_file.code == 0, from_file.out
    assert json.loads(from_file.out)["findings"] == []

    added = cli("add", record)
    assert added.code == 0, added.err
    from_store = cli("check", "--strict", "--interview", added.out.strip(), "--type", "thank_you", "--json", note)
    assert from_store.code == 0, from_store.out
