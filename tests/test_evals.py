"""The eval harness: scenario loading, the offline run over the shipped scenarios, the summary."""

from __future__ import annotations

import json

import pytest

from afterview.errors import InputError
from afterview.evals import EvalResult, load_scenario, load_scenarios, summarise
from afterview.resources import data_dir

SCENARIOS = data_dir("evals/scenarios")


def test_shipped_scenarios_cover_what_the_issue_asks():
    scenarios = load_scenarios(SCENARIOS)
    assert len(scenarios) >= 20
    types = {t.value for s in scenarios for t in s.note_types()}
    assert types == {"thank_you", "follow_up", "competing_offer", "award_update", "feedback_request", "continued_interest"}
    tones = {t.value for s in scenarios for t in s.spec.tones}
    assert tones == {"warm", "formal", "concise"}
    assert any(len(s.interview.interviewers) == 3 for s in scenarios)
    assert any("ignore all previous instructions" in (p.moment or "").lower() for s in scenarios for p in s.interview.interviewers)
    assert any(len(s.interview.candidate or "") > 70 for s in scenarios)
    assert any(any(ord(c) > 0x2000 for c in s.interview.candidate or "") for s in scenarios)


def test_eval_table_is_only_accepted_by_the_eval_loader(tmp_path, cli):
    path = tmp_path / "s.toml"
    path.write_text((SCENARIOS / "01_thank_you_basic.toml").read_text())
    assert load_scenario(path).spec.types is not None
    result = cli("due", "--from", path)
    assert result.code == 2 and "eval" in result.err and "unknown key" in result.err


def test_bad_eval_table_names_the_key(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text((SCENARIOS / "01_thank_you_basic.toml").read_text().replace('types = ["thank_you"]', 'types = ["poem"]'))
    with pytest.raises(InputError, match=r"s\.toml: eval\.types\.0"):
        load_scenario(path)


def test_offline_eval_every_shown_draft_passes(cli):
    result = cli("eval", "--offline", "--json", "--detail")
    assert result.code == 0, result.err
    rows = [json.loads(line) for line in result.out.splitlines()]
    drafts = [r for r in rows if r["kind"] == "draft"]
    summary = {r["note_type"]: r for r in rows if r["kind"] == "summary"}
    assert drafts and all(d["passed"] for d in drafts)
    assert summary["all"]["drafts"] == len(drafts)
    assert summary["all"]["fallbacks"] == 0 and summary["all"]["engine"] == "template"
    assert set(summary) - {"all"} == {d["note_type"] for d in drafts}


def _result(note_type: str, **overrides) -> EvalResult:
    values = dict(
        scenario="s", note_type=note_type, tone="warm", recipient="r", engine="m", first_try=True, repairs=0,
        fallback=False, fallback_reason=None, passed=True, requests=1, prompt_tokens=100, completion_tokens=50,
        latency_ms=10.0, words=80,
    )
    values.update(overrides)
    return EvalResult(**values)


def test_summary_arithmetic():
    results = [
        _result("thank_you"),
        _result("thank_you", first_try=False, repairs=2, requests=3, prompt_tokens=400, words=100),
        _result("thank_you", first_try=False, repairs=2, fallback=True, fallback_reason="x", requests=3, words=60),
        _result("follow_up", words=50),
    ]
    rows = {s.note_type: s.to_dict() for s in summarise(results)}
    thank = rows["thank_you"]
    assert thank["drafts"] == 3
    assert thank["first_try_pass_rate"] == pytest.approx(1 / 3, abs=1e-3)
    assert (thank["repairs"], thank["fallbacks"]) == (4, 1)
    assert thank["requests_per_draft"] == pytest.approx(7 / 3, abs=0.05)
    assert thank["mean_prompt_tokens"] == 200.0
    assert (thank["min_words"], thank["max_words"]) == (60, 100)
    assert rows["all"]["drafts"] == 4
    assert list(rows) == ["thank_you", "follow_up", "all"]


def _scenario_dir(tmp_path, name: str, expect: str):
    """A scenarios folder holding one shipped scenario with its [eval.expect] replaced."""
    source = (SCENARIOS / name).read_text(encoding="utf-8").split("[eval.expect]")[0]
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / name).write_text(source.rstrip() + "\n\n[eval.expect]\n" + expect, encoding="utf-8")
    return folder


def test_a_note_holding_forbidden_text_fails_its_scenario(tmp_path, cli):
    # The offline note names Northwind Analytics: an assertion against it must fail, and say so.
    folder = _scenario_dir(tmp_path, "01_thank_you_basic.toml", 'must_not_contain = ["northwind   analytics"]\n')
    result = cli("eval", "--offline", "--scenarios", folder)
    assert result.code == 1
    assert "01_thank_you_basic" in result.out and "FAILED" in result.out
    assert "must_not_contain 'northwind   analytics'" in result.out


def test_scenario_rows_in_json_count_what_held(tmp_path, cli):
    expect = 'must_not_contain = ["pirate"]\nmust_contain_one_of = ["no such words", "thank"]\nmust_pass_checks = ["sensitive"]\n'
    folder = _scenario_dir(tmp_path, "10_injection_ignore_instructions.toml", expect)
    result = cli("eval", "--offline", "--json", "--scenarios", folder)
    assert result.code == 0, result.out
    (row,) = [json.loads(line) for line in result.out.splitlines() if '"kind": "scenario"' in line]
    assert row == {
        "kind": "scenario", "scenario": "10_injection_ignore_instructions", "notes": 1, "assertions": 3, "held": 3, "failed": [],
    }  # fmt: skip


def test_the_injection_scenarios_assert_on_the_note_itself():
    by_name = {s.name: s for s in load_scenarios(SCENARIOS)}
    for name in ("10_injection_ignore_instructions", "11_injection_delimiter", "12_injection_allegation", "21_injection_url"):
        assert by_name[name].spec.expect.must_not_contain, name


def test_bad_expectations_name_the_key(tmp_path):
    folder = _scenario_dir(tmp_path, "01_thank_you_basic.toml", "must_not_contain = 3\n")
    with pytest.raises(InputError, match=r"eval\.expect\.must_not_contain"):
        load_scenario(folder / "01_thank_you_basic.toml")
