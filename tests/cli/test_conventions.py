"""The command line follows the conventions people know from compilers, gh and llm."""

from __future__ import annotations

import json
import re

import pytest

from afterview.cli.output import line_column, reading_order
from afterview.findings import Finding

SUBCOMMANDS = ["check", "draft", "due", "config", "eval", "add", "list", "show", "edit", "delete", "status", "sent", "export"]

NOTE = """\
Subject: Thanks

Dear Jordan,

Just checking in. I'm older than the other candidates, but I hope my age was not a problem.

Best,
Sam
"""


def _help(capsys, *argv: str) -> str:
    from afterview.cli import main

    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_every_subcommand_is_listed_with_examples(capsys):
    text = _help(capsys)
    assert all(re.search(rf"^    {command} ", text, re.MULTILINE) for command in SUBCOMMANDS), text
    assert "examples:\n  afterview\n" in text


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_help_opens_with_a_one_line_description_and_ends_with_examples(capsys, command):
    text = _help(capsys, command)
    after_usage = text.split("\n\n")[1]
    assert "\n" not in after_usage and after_usage.endswith("."), after_usage
    examples = text.split("examples:\n")[1].splitlines()
    assert examples and all(line.startswith((f"  afterview {command}", "  pbpaste")) for line in examples)


def test_findings_print_in_reading_order_with_line_and_column(cli, tmp_path, data):
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    result = cli("check", "--from", data / "northwind.toml", note)
    assert result.code == 1
    places = []
    for line in result.out.splitlines():
        if match := re.match(rf"{re.escape(str(note))}(?::(\d+):(\d+))?: (block|warn|info) ", line):
            places.append((int(match[1] or 0), int(match[2] or 0)))
    assert places == sorted(places) and (5, 1) in places and (5, 23) in places
    assert re.fullmatch(rf"{re.escape(str(note))}: blocked as thank_you \(\d+ blocking, \d+ warnings?, \d+ info\)", result.out.splitlines()[-1])


def test_json_findings_carry_line_and_column_besides_offsets(cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    (report,) = [json.loads(line) for line in cli("check", "--json", note).out.splitlines()]
    spanned = [f for f in report["findings"] if f["start"] is not None]
    assert spanned
    for finding in spanned:
        assert (finding["line"], finding["column"]) == line_column(NOTE, finding["start"])
        assert NOTE.splitlines()[finding["line"] - 1][finding["column"] - 1 :].startswith(NOTE[finding["start"] : finding["end"]])
    assert all(f["line"] is None and f["column"] is None for f in report["findings"] if f["start"] is None)


def test_draft_json_findings_count_lines_in_the_body(cli, data):
    for line in cli("draft", "--from", data / "northwind.toml", "--type", "thank_you", "--offline", "--json").out.splitlines():
        draft = json.loads(line)
        for finding in draft["report"]["findings"]:
            if finding["start"] is not None:
                assert (finding["line"], finding["column"]) == line_column(draft["body"], finding["start"])


def test_reading_order_puts_whole_note_findings_first_then_by_place_then_severity():
    text = "ab\ncd\n"
    findings = [
        Finding("b", "info", "m", start=3, end=4),
        Finding("c", "warn", "m", start=0, end=1),
        Finding("d", "block", "m"),
        Finding("e", "block", "m", start=3, end=4),
    ]
    assert [(f.check, line, column) for f, line, column in reading_order(findings, text)] == [
        ("d", None, None), ("c", 1, 1), ("e", 2, 1), ("b", 2, 1),
    ]  # fmt: skip


ONE_WARNING = (
    "Dear Jordan,\n\nThank you for taking the time to meet with me on Tuesday about the Data Analyst role at "
    "Northwind Analytics. I especially enjoyed hearing about the churn dashboard and how the team decides what to "
    "measure first. Just checking in on one point: I remain very interested in the role and I look forward to "
    "hearing from you about the next steps in the process.\n\nBest regards,\nSam\n"
)


@pytest.mark.parametrize("text", [ONE_WARNING, NOTE], ids=["one-warning", "several"])
def test_counts_are_pluralised(cli, tmp_path, data, text):
    note = tmp_path / "note.txt"
    note.write_text(text, encoding="utf-8")
    lines = cli("check", "--from", data / "northwind.toml", note).out.splitlines()
    severities = [m[1] for line in lines if (m := re.match(rf"{re.escape(str(note))}(?::\d+:\d+)?: (block|warn|info) ", line))]
    warnings = severities.count("warn")
    expected = f"{severities.count('block')} blocking, {warnings} warning{'' if warnings == 1 else 's'}, {severities.count('info')} info"
    assert lines[-1].endswith(f"({expected})"), lines[-1]
    if text is ONE_WARNING:
        assert lines[-1].endswith("(0 blocking, 1 warning, 0 info)")


def test_other_messages_are_pluralised(cli, data):
    assert cli("add", data / "northwind.toml").code == 0
    assert "(1 interviewer, 0 drafts, 0 sent)" in cli("list").out
    assert cli("delete", "1", "--yes").err.endswith("with its 0 drafts and 0 sent notes\n")


def test_a_usage_error_names_the_command_once(cli):
    result = cli("sent", "1", "--type", "thanks")
    assert result.code == 2
    assert result.err.startswith("afterview: error: sent: argument --type: invalid choice: 'thanks'")
    assert "afterview: error: afterview" not in result.err


def test_marking_a_note_sent_twice_says_it_already_was(cli, data):
    assert cli("add", data / "northwind.toml").code == 0
    first = cli("sent", "1", "--type", "thank_you", "--on", "2026-11-24")
    again = cli("sent", "1", "--type", "thank_you", "--on", "2026-11-24")
    assert first.err == "afterview: marked the thank-you to Jordan Lee as sent on 2026-11-24\n"
    assert again.code == 0 and again.err == "afterview: the thank-you to Jordan Lee was already marked as sent on 2026-11-24\n"


def test_export_refuses_to_overwrite_before_any_other_warning(cli, tmp_path, data):
    assert cli("add", data / "northwind.toml").code == 0
    target = tmp_path / "note.eml"
    target.write_text("keep me", encoding="utf-8")
    result = cli("export", "1", "--type", "thank_you", "--format", "eml", "--offline", "-o", target)
    assert result.code == 2
    assert result.err == f"afterview: error: -o {target}: already exists; add --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_damaged_stored_record_names_the_interviewer_counting_from_1(cli, data):
    import sqlite3

    from afterview.paths import app_paths

    assert cli("add", data / "panel.toml").code == 0
    with sqlite3.connect(app_paths().database) as db:  # edited by hand behind afterview's back
        db.execute("UPDATE interviewers SET name = '' WHERE position = 1")
    result = cli("show", "1")
    assert result.code == 2
    assert result.err == "afterview: error: interview #1 in the database is invalid (interviewer 2 name: must not be empty)\n"
