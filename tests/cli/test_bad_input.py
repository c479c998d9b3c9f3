"""Bad input gets one line naming file, field and line; exit 2; never a traceback."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

GOOD = """\
candidate = "Sam Rivera"
company = "Northwind Analytics"
role = "Data Analyst"
interview_date = 2026-11-24
decision_date = 2026-12-05

[[interviewers]]
name = "Jordan Lee"
moment = "your story about rebuilding the churn dashboard"
"""


def write(tmp_path: Path, text: str, name: str = "interview.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_one_line_error(result, *fragments: str, code: int = 2) -> None:
    assert result.code == code, (result.code, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@pytest.mark.parametrize(
    ("edit", "fragments"),
    [
        (lambda s: s.replace('company = "Northwind Analytics"\n', ""), ["company", "required field is missing"]),
        (lambda s: 'nickname = "Sammy"\n' + s, [":1:", "nickname", "unknown key"]),
        (lambda s: s.replace('name = "Jordan Lee"', 'nmae = "Jordan Lee"'), [":8:", "interviewer 1 nmae", "unknown key"]),
        (lambda s: s.replace("interview_date = 2026-11-24", 'interview_date = "next tuesday"'), [":4:", "interview_date", "not a date"]),
        (lambda s: s.replace("decision_date = 2026-12-05", "decision_date = 2026-11-20"), [":5:", "decision_date", "before interview_date"]),
        (lambda s: s.replace('role = "Data Analyst"', 'role = "' + "R" * 81 + '"'), [":3:", "role", "81 characters; at most 80"]),
        (
            lambda s: s.replace("your story about rebuilding the churn dashboard", " ".join(["word"] * 41)),
            [":9:", "interviewer 1 moment", "41 words; at most 40"],
        ),
        (lambda s: s + '\n[[interviewers]]\nname = "JORDAN LEE"\n', ["interviewers", "listed twice"]),
        (lambda s: s.replace('company = "Northwind Analytics"', 'company = "North\\u001b[2Jwind"'), [":2:", "company", "control characters"]),
        (lambda s: 'status = "ghosted"\n' + s, [":1:", "status", "'ghosted'"]),
        (lambda s: s.replace("[[interviewers]]", "[interviewerz]"), ["interviewerz"]),
        (lambda s: s + "this is = = not toml\n", ["not valid TOML", "line 10"]),
        (lambda s: s.replace("interview_date = 2026-11-24", "interview_date = 20261124"), ["interview_date"]),
    ],
    ids=[
        "missing-field",
        "unknown-key",
        "unknown-nested-key",
        "wrong-type-date",
        "decision-before-interview",
        "over-char-cap",
        "over-word-cap",
        "duplicate-interviewer",
        "escape-sequence",
        "bad-status",
        "wrong-table",
        "toml-syntax",
        "int-for-date",
    ],
)
def test_bad_interview_file(cli, tmp_path, edit, fragments):
    path = write(tmp_path, edit(GOOD))
    result = cli("due", "--from", path, "--today", "2026-11-24")
    assert_one_line_error(result, str(path), *fragments)
    assert "\x1b" not in result.err


def test_good_file_is_accepted(cli, tmp_path):
    result = cli("due", "--from", write(tmp_path, GOOD), "--today", "2026-11-24")
    assert result.code == 0, result.err
    assert "thank-you to Jordan Lee" in result.out


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (["draft", "--from", "{good}", "--type", "thanks"], ["--type", "invalid choice", "'thanks'"]),
        (["draft", "--from", "{good}", "--type", "thank_you", "--tone", "sarcastic"], ["--tone", "'sarcastic'"]),
        (["draft", "--from", "{good}", "--type", "thank_you", "--to", "Pat Doe"], ["'Pat Doe'", "not an interviewer", "Jordan Lee"]),
        (["draft", "--from", "{good}", "--type", "thank_you", "--variants", "0"], ["--variants", "out of range"]),
        (["draft", "--from", "{good}", "--type", "competing_offer", "--offline"], ["competing_offer", "recorded offer"]),
        (["draft", "--from", "{good}", "--type", "award_update", "--offline"], ["award_update", "recorded award"]),
        (["due", "--from", "{good}", "--today", "2026-13-01"], ["--today", "not a date"]),
        (["check", "--type", "memo", "note.txt"], ["--type", "'memo'"]),
        (["frobnicate"], ["invalid choice", "'frobnicate'"]),
    ],
)
def test_bad_arguments(cli, tmp_path, argv, fragments):
    good = write(tmp_path, GOOD)
    result = cli(*[a.replace("{good}", str(good)) for a in argv])
    assert_one_line_error(result, *fragments)


def test_panel_thank_you_check_needs_to(cli, tmp_path, data):
    note = write(tmp_path, "Dear Marcus,\n\nThank you.\n\nBest,\nPriya\n", "note.txt")
    result = cli("check", "--from", data / "panel.toml", note)
    assert_one_line_error(result, "--to", "Faith Christian", "Marcus Okafor")


def test_missing_signature_says_how_to_set_it(cli, data):
    result = cli("draft", "--from", data / "no_candidate.toml", "--type", "thank_you", "--offline")
    assert_one_line_error(result, "candidate", "[profile]", "config.toml")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"company = \"\xff\xfe\"\n", "not UTF-8"),
        (b"a" * (10 * 1024 * 1024), "too large"),
    ],
    ids=["binary", "bad-utf8", "huge-10MB"],
)
def test_unusable_files(cli, tmp_path, content, fragment):
    path = tmp_path / "interview.toml"
    path.write_bytes(content)
    assert_one_line_error(cli("due", "--from", path), str(path), fragment)
    assert_one_line_error(cli("check", path), str(path), fragment)


def test_missing_and_unreadable_files(cli, tmp_path):
    missing = tmp_path / "nope.toml"
    assert_one_line_error(cli("due", "--from", missing), f"{missing}: no such file")
    assert_one_line_error(cli("check", missing), f"{missing}: no such file")
    assert_one_line_error(cli("check", tmp_path), str(tmp_path), "is a folder, not a note")
    if os.geteuid() != 0:  # root reads anything
        locked = write(tmp_path, GOOD, "locked.toml")
        locked.chmod(0)
        assert_one_line_error(cli("due", "--from", locked), str(locked), "cannot read")


def test_check_reports_every_path_and_exit_2_wins(cli, tmp_path):
    blocked = write(tmp_path, "Hi,\n\nI am no longer interested.\n", "blocked.txt")
    missing = tmp_path / "missing.txt"
    result = cli("check", blocked, missing)
    assert result.code == 2
    assert f"{blocked}: blocked" in result.out
    assert str(missing) in result.err


def test_terminal_escapes_never_reach_the_terminal(cli, tmp_path):
    note = write(tmp_path, "Dear Jordan,\n\x1b]52;c;ZWNobyBwd25lZA==\x07Thank you \x1b[2Jfor the [Name] chat.\n", "note.txt")
    result = cli("check", note)
    assert "\x1b" not in result.out and "\x1b" not in result.err
    assert "\x07" not in result.out


def test_ctrl_c_exits_130_quietly(monkeypatch, cli):
    import afterview.cli.due_cmd as due_cmd

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(due_cmd, "run", interrupted)
    result = cli("due", "--from", "x.toml")
    assert result.code == 130
    assert result.err == ""


def test_stdin_is_path_dash(cli_process):
    result = cli_process("check", "--json", "-", stdin=b"Dear Jordan,\n\nThanks!\n")
    assert result.code in (0, 1), result.err
    assert re.search(r'"path": "-"', result.out)


def test_runs_of_spaces_in_a_name_are_one_person(cli, tmp_path):
    path = write(tmp_path, GOOD.replace('name = "Jordan Lee"', 'name = "Jordan   Lee"'))
    result = cli("draft", "--from", path, "--type", "thank_you", "--to", "jordan lee", "--offline")
    assert result.code == 0, result.err
    assert "Dear Jordan," in result.out


def test_a_moment_of_only_punctuation_is_refused(cli, tmp_path):
    path = write(tmp_path, GOOD.replace("your story about rebuilding the churn dashboard", "..."))
    assert_one_line_error(cli("due", "--from", path), ":9:", "interviewer 1 moment", "only punctuation")
