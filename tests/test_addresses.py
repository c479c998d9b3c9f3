"""Email addresses are read by the standard library's parser, within IDNA and DNS limits."""

from __future__ import annotations

import sqlite3
from email import message_from_bytes, policy

import pytest

from afterview.addresses import address_problem
from afterview.paths import app_paths

GOOD = [
    "jordan@northwind.example",
    "sam+jobs@example.com",
    "o'neil@example.ie",
    "first.last@sub.example.co.uk",
    "jörg@bücher.example",
    '"jordan lee"@example.com',
]
BAD = [
    "jordan@x.exa\\mple",
    "jordan@example",
    "jordan example.com",
    "jordan lee@example.com",
    "a..b@example.com",
    ".a@example.com",
    "a(comment)@example.com",
    "Jordan <jordan@example.com>",
    "jordan@[192.0.2.1]",
    "jordan@-bad.example",
    "jordan@under_score.example",
    "jordan@example.com.",
    "jordan@example.123",
    "jordan@example.com,pat@example.com",
    "jordan@" + "x" * 64 + ".example",
    "j" * 65 + "@example.com",
    "jordan@" + ".".join(["abcdefghij"] * 25) + ".example",
]


@pytest.mark.parametrize("address", GOOD)
def test_ordinary_addresses_pass(address):
    assert address_problem(address) is None


@pytest.mark.parametrize("address", BAD)
def test_malformed_addresses_are_refused_with_a_reason(address):
    problem = address_problem(address)
    assert problem and len(problem) < 200


def test_interview_file_with_a_backslash_in_the_domain_is_refused(cli, tmp_path):
    path = tmp_path / "interview.toml"
    path.write_text(
        'company = "Northwind"\nrole = "Analyst"\ninterview_date = 2026-11-24\n\n'
        "[[interviewers]]\nname = \"Jordan Lee\"\nemail = 'jordan@x.exa\\mple'\n",
        encoding="utf-8",
    )
    result = cli("add", path)
    assert result.code == 2
    assert f"{path}:7: interviewer 1 email" in result.err and "not a domain name" in result.err, result.err


def test_a_malformed_address_stored_earlier_never_reaches_a_header(cli, tmp_path, data):
    assert cli("add", data / "northwind.toml").code == 0
    with sqlite3.connect(app_paths().database) as db:
        db.execute("UPDATE interviewers SET email = 'jordan@x.exa\\mple' WHERE interview_id = 1")
    assert cli("show", "1").code == 0  # the record still opens, so it can be fixed
    result = cli("export", "1", "--type", "thank_you", "--format", "eml", "--offline")
    assert result.code == 0, result.err
    message = message_from_bytes(result.out.encode(), policy=policy.default)
    assert message["To"] is None
    assert "\\" not in result.out.split("\n\n")[0]
    assert "no email address for Jordan Lee" in result.err
