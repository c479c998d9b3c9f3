"""The policy's gate index: one pass per text opens every pattern's branches, the same
way from any thread, from a stored copy of the policy, and in a note's body alone."""

from __future__ import annotations

import pickle
import re
import threading
from pathlib import Path

import pytest

from afterview.checks import CheckContext, Policy, run_checks
from afterview.checks import gate_index
from afterview.checks.gate_index import GateIndex
from afterview.checks.protected import prepare_for_checks
from afterview.checks.text import analyse

from .test_gates import _corpus, _gated, _oracle

CORPUS_SHARE = 7  # every seventh string of the test data keeps these tests quick


def _index(policy: Policy) -> GateIndex:
    return policy.sensitive.gates


def _texts() -> list[str]:
    return list(_corpus()[::CORPUS_SHARE])


def test_every_gated_pattern_of_the_policy_is_in_one_index(policy: Policy) -> None:
    patterns = list({id(p): p for p in _gated(policy)}.values())
    assert len(patterns) > 100
    assert {p._gates for p in patterns} == {_index(policy)}


def test_the_body_alone_opens_what_matches_in_the_body(policy: Policy) -> None:
    """With ``body_only`` the open branches still find every match inside the body."""
    patterns = list({id(p): p for p in _gated(policy)}.values())
    # The whole pattern's matches come from its oracle (the same spans, see test_gates,
    # which checks it against the whole pattern), compiled once with the subsets: over a
    # hundred patterns overflow the re module's cache, which then compiles them per text.
    oracles = [_oracle(pattern) for pattern in patterns]
    subsets: list[dict[tuple[int, ...], re.Pattern[str]]] = [{} for _ in patterns]
    hidden = []
    opened_less = 0
    for text in _texts():
        analysis = analyse(prepare_for_checks("Subject: a note\n\nHi Sam,\n\n" + text, policy).text)
        start, end = analysis.body
        for pattern, oracle, compiled in zip(patterns, oracles, subsets):
            lower = analysis.norm if pattern.case_sensitive else analysis.lower
            expected = [m.span() for m in oracle.finditer(lower, start, end)]
            in_body = pattern.open_branches(analysis, body_only=True)
            everywhere = pattern.open_branches(analysis)
            assert set(in_body) <= set(everywhere)
            opened_less += len(in_body) < len(everywhere)
            if not expected:
                continue
            if in_body and in_body not in compiled:
                compiled[in_body] = re.compile("|".join(pattern.branches[n].source for n in in_body))
            found = [m.span() for m in compiled[in_body].finditer(lower, start, end)] if in_body else []
            if found != expected:
                hidden.append((pattern.branches[0].source[:60], text[:60]))
    assert not hidden, hidden[:5]
    assert opened_less, "no substring outside the body was ever told apart"


def test_a_stored_policy_opens_the_same_branches(policy: Policy) -> None:
    index = _index(policy)
    stored = pickle.loads(pickle.dumps(index))
    assert stored._plan == index._plan
    for text in _texts()[:200]:
        analysis = analyse(text)
        fresh = analyse(text + " ")  # a new analysis: nothing remembered from the first
        assert stored.opened(fresh) == index.opened(analysis)


def test_threads_checking_at_once_get_the_verdicts_of_one_thread(
    policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index's memo of what tokens open is shared: with it starting afresh every few
    dozen tokens, four threads checking the corpus together find what one thread finds."""
    texts = _texts()[:400]
    context = CheckContext(note_type="thank_you", recipient="Sam Rivera", proper_nouns=("Sam Rivera",))
    # Spaces change no verdict but make each text new to the per-text caches.
    expected = [run_checks(text + "  ", context, policy).findings for text in texts]
    monkeypatch.setattr(gate_index, "_SEEN_TOKENS", 40)
    _index(policy)._fresh()
    results: dict[int, list] = {}
    errors: list[BaseException] = []

    def check(worker: int) -> None:
        try:
            results[worker] = [run_checks(text + " " * (3 + worker), context, policy).findings for text in texts]
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=check, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for worker in range(4):
        assert results[worker] == expected, f"thread {worker} differs"
