"""One path, one verdict: the same note gets the same findings through every door."""

from __future__ import annotations

import asyncio
import itertools
import json
from pathlib import Path

import pytest

from afterview import services
from afterview.checks.panel import note_body, similarity
from afterview.config import resolve_settings
from afterview.domain import NoteType
from afterview.interview_file import load_interview
from afterview.usecases.checking import StoredInterview, check_text, note_context
from afterview.usecases.drafting import DraftJob, draft_notes, requests_for

POLICY = services.policy()


def _draft(interview, job: DraftJob, stored: StoredInterview | None = None):
    settings = resolve_settings(offline=True)
    writer = services.writer(settings)
    requests = requests_for(interview, job, None)

    async def run():
        return [result async for result in draft_notes(writer, requests, stored=stored)]

    return asyncio.run(run())


def _one_at_a_time(interview, stored: StoredInterview | None = None) -> list[str]:
    """Each interviewer's first variant, drafted in separate calls (as the TUI and --to do)."""
    bodies = []
    for person in interview.interviewers:
        (result,) = _draft(interview, DraftJob(NoteType.THANK_YOU, to=person.name), stored)
        bodies.append(result.drafts[0].body)
    return bodies


def _variant_count() -> int:
    drafter = services.template_drafter()
    return drafter.variant_count(NoteType.THANK_YOU, "warm")


def _assert_distinct(bodies: list[str]) -> None:
    # Interviewers compare notes: up to the number of variants, every pair reads apart.
    shown = bodies[: _variant_count()]
    for (i, a), (j, b) in itertools.combinations(enumerate(shown), 2):
        ratio = similarity(note_body(a), note_body(b))
        assert ratio < 0.6, f"interviewers {i + 1} and {j + 1} read {ratio:.0%} alike"


def test_panel_drafted_one_at_a_time_from_a_file_reads_apart(panel_file: Path) -> None:
    _assert_distinct(_one_at_a_time(load_interview(panel_file)))


def test_panel_drafted_one_at_a_time_from_the_store_reads_apart(panel_file: Path, store) -> None:
    interview = load_interview(panel_file)
    interview_id = store.add_interview(interview)
    stored = StoredInterview(store, interview_id, store.interview(interview_id))
    bodies = _one_at_a_time(stored.interview, stored)
    _assert_distinct(bodies)
    assert len(store.drafts(interview_id)) == len(interview.interviewers)


def test_drafting_all_at_once_or_one_at_a_time_gives_the_same_first_variants(panel_file: Path) -> None:
    interview = load_interview(panel_file)
    together = [r.drafts[0].body for r in _draft(interview, DraftJob(NoteType.THANK_YOU))]
    assert together == _one_at_a_time(interview)


def test_a_note_that_repeats_the_one_already_sent_is_warned(panel_file: Path, store) -> None:
    interview_id = store.add_interview(load_interview(panel_file))
    stored = StoredInterview(store, interview_id, store.interview(interview_id))
    (faith,) = _draft(stored.interview, DraftJob(NoteType.THANK_YOU, to="Faith Christian"), stored)
    store.mark_sent(interview_id, "thank_you", "Faith Christian", draft_id=faith.drafts[0].id)
    # A later edit of Faith's stored draft does not change what the panel already has.
    store.update_draft_body(faith.drafts[0].id, "Dear Faith,\n\nSomething else entirely.\n\nPriya", faith.drafts[0].report)
    copied = faith.drafts[0].body.replace("Dear Faith", "Dear Marcus")
    context = note_context(POLICY, NoteType.THANK_YOU, "Marcus Okafor", stored=stored)
    (warning,) = check_text(copied, context, POLICY).by_check("panel")
    assert "Faith Christian" in warning.message
    # The stored drafts themselves differ from the note sent.
    (marcus,) = _draft(stored.interview, DraftJob(NoteType.THANK_YOU, to="Marcus Okafor"), stored)
    assert marcus.drafts[0].report.by_check("panel") == ()


@pytest.mark.parametrize("where", ["file", "store"])
def test_variants_nobody_picked_are_not_compared_across_the_panel(panel_file: Path, store, where: str) -> None:
    # Three variants each: interviewer 2's variants start where interviewer 1's first
    # one is not, so none should read alike; comparing against interviewer 1's last
    # variant (the newest saved) would warn about a note nobody sends.
    interview = load_interview(panel_file)
    stored = None
    if where == "store":
        interview_id = store.add_interview(interview)
        stored = StoredInterview(store, interview_id, store.interview(interview_id))
    first, second = (p.name for p in interview.interviewers[:2])
    if where == "file":
        results = _draft(interview, DraftJob(NoteType.THANK_YOU, variants=3), stored)[:2]
    else:
        results = [_draft(interview, DraftJob(NoteType.THANK_YOU, to=name, variants=3), stored)[0] for name in (first, second)]
    assert [len(r.drafts) for r in results] == [3, 3]
    warned = [(r.request.recipient, d.variant) for r in results for d in r.drafts if d.report.by_check("panel")]
    assert warned == []
    # The one a person edits becomes the one compared: a copy of it is warned.
    if stored is not None:
        picked = results[0].drafts[2]
        store.update_draft_body(picked.id, picked.body + "\n", picked.report)
        copied = picked.body.replace(first.split()[0], second.split()[0])
        context = note_context(POLICY, NoteType.THANK_YOU, second, stored=stored)
        assert check_text(copied, context, POLICY).by_check("panel")


def test_check_strict_from_a_file_gives_the_stored_drafts_findings(panel_file: Path, store, cli, tmp_path: Path) -> None:
    interview = load_interview(panel_file)
    interview_id = store.add_interview(interview)
    stored = StoredInterview(store, interview_id, store.interview(interview_id))
    (result,) = _draft(stored.interview, DraftJob(NoteType.THANK_YOU, to="Marcus Okafor"), stored)
    draft = store.draft(result.drafts[0].id)
    note = tmp_path / "note.txt"
    for text in (draft.body, draft.body.replace("I look forward to hearing from you", "Sorry about my accent")):
        note.write_text(text, encoding="utf-8")
        from_file = cli("check", "--strict", "--json", "--type", "thank_you", "--from", panel_file, "--to", "marcus", note)
        from_store = cli("check", "--strict", "--json", "--type", "thank_you", "--interview", interview_id, "--to", "Marcus Okafor", note)
        file_findings = json.loads(from_file.out)["findings"]
        store_findings = json.loads(from_store.out)["findings"]
        assert file_findings == store_findings  # no panel findings: the others have no drafts yet
        if text == draft.body:
            assert file_findings == [f.to_dict() for f in draft.report.findings]
        else:
            assert any(f["check"] == "sensitive" and f["severity"] == "block" for f in file_findings)
            assert from_file.code == from_store.code == 1


def test_check_from_honours_a_withheld_moment(withheld_file: Path, cli, tmp_path: Path) -> None:
    interview = load_interview(withheld_file)
    (result,) = _draft(interview, DraftJob(NoteType.THANK_YOU))
    (draft,) = result.drafts
    assert "pregnancy" not in draft.body and any("touches on" in n for n in draft.notices)
    # A one-word edit of the good draft is still good: nobody asks to quote the withheld moment.
    note = tmp_path / "note.txt"
    note.write_text(draft.body.replace("I look forward", "I really look forward"), encoding="utf-8")
    checked = cli("check", "--json", "--from", withheld_file, note)
    report = json.loads(checked.out)
    assert report["passed"], report
    # Nothing asks to quote the withheld moment (a reason may name its category).
    assert not any("hearing about your pregnancy" in f["message"] for f in report["findings"])
    assert not any(f["check"] == "personal" and f["severity"] == "block" for f in report["findings"])


def test_the_tui_recheck_and_check_agree(panel_file: Path, store) -> None:
    from afterview.usecases.checking import recheck_edit

    interview_id = store.add_interview(load_interview(panel_file))
    stored = StoredInterview(store, interview_id, store.interview(interview_id))
    (result,) = _draft(stored.interview, DraftJob(NoteType.THANK_YOU, to="Ana Sousa"), stored)
    draft = result.drafts[0]
    edited = draft.body.replace("I look forward", "I very much look forward")
    saved = recheck_edit(stored, POLICY, draft, edited)
    context = note_context(POLICY, NoteType.THANK_YOU, "Ana Sousa", stored=stored)
    assert saved.report.findings == check_text(edited, context, POLICY).findings
    assert not saved.report.drafts_bar  # an edited draft is the person's note


def test_a_report_from_another_policy_is_marked_stale_and_rechecked_on_export(panel_file: Path, store, cli) -> None:
    interview_id = store.add_interview(load_interview(panel_file))
    stored = StoredInterview(store, interview_id, store.interview(interview_id))
    (result,) = _draft(stored.interview, DraftJob(NoteType.THANK_YOU, to="Ana Sousa"), stored)
    draft = result.drafts[0]
    assert json.loads(cli("show", interview_id, "--json").out)["drafts"][0]["stale"] is False
    # As if an older afterview had judged it: another policy version, and a verdict that no longer holds.
    from afterview.findings import Finding
    from afterview.frozen import replace

    old = replace(draft.report, policy_version="0ld", findings=(Finding("thanks", "block", "Thank them."),))
    store.replace_report(draft.id, old)
    shown = cli("show", interview_id)
    assert "blocked (by an older policy: re-checked when opened or exported)" in shown.out
    exported = cli("export", interview_id, "--draft", draft.id, "--format", "txt")
    assert exported.code == 0, exported.err  # the re-check clears the stale block
    fresh = store.draft(draft.id)
    assert fresh.report.policy_version == POLICY.version and fresh.report.passed
