"""The sensitive check on its corpus: recall per category, false flags, and the misses.

Hand-written positives and negatives (tests/data/sensitive/positives.toml and
negatives.toml) were written by someone who saw only the category descriptions, and
are never edited; the generated positives cross descriptors with frames. A second,
held-out set (heldout_positives.toml, heldout_negatives.toml) was written later, blind
to the rules, to see whether they generalise; its floors sit just under what the rules
reach on it. A broad set (broad_positives.toml, broad_negatives.toml) was written to
drive the rules toward phrasings without the obvious words and toward attribute words in
someone's work (law, HR, payroll, care, schools, kitchens, charities, immigration
services, religious employers); being the rules' training set, it is held to the
hand-written gates. Every test prints what it missed, so a failure says which sentences
to generalise the rules for.
"""

from __future__ import annotations

import re

import pytest

from . import sensitive_corpus as corpus

POOLED_GATE = 0.97
CATEGORY_GATE = 0.9
FALSE_FLAG_GATE = 0.005
# The generated set is a regression set: a drop below what the rules reach today fails.
GENERATED_FLOOR = 0.99
# The held-out set: pooled and per-category floors below the gates above, because a few
# of its labels disagree with the policy (service described as experience is not
# flagged); README's sensitive section lists its misses and why.
HELDOUT_POOLED_FLOOR = 0.96
HELDOUT_CATEGORY_FLOOR = 0.7
# The broad set has a handful of sentences per small category, where one miss is 0.67.
BROAD_CATEGORY_GATE = 0.75


@pytest.fixture(scope="module")
def hand_written(policy) -> corpus.Score:
    positives = corpus.hand_written_positives()
    assert len(positives) >= 300
    return corpus.score_positives(positives, policy)


@pytest.fixture(scope="module")
def held_out(policy) -> corpus.Score:
    positives = corpus.hand_written_positives("heldout_positives.toml")
    assert len(positives) >= 300
    return corpus.score_positives(positives, policy)


@pytest.fixture(scope="module")
def broad(policy) -> corpus.Score:
    positives = corpus.hand_written_positives("broad_positives.toml")
    assert len(positives) >= 140
    return corpus.score_positives(positives, policy)


@pytest.fixture(scope="module")
def generated(policy) -> corpus.Score:
    positives = corpus.generated_positives()
    assert len(positives) >= 1000
    return corpus.score_positives(positives, policy)


@pytest.fixture(scope="module")
def negatives() -> list[corpus.Negative]:
    found = (
        corpus.hand_written_negatives()
        + corpus.trap_negatives()
        + corpus.golden_negatives()
        + corpus.template_negatives()
        + corpus.hand_written_negatives("heldout_negatives.toml")
    )
    assert len(found) >= 1000
    return found


def _report(score: corpus.Score, title: str) -> None:
    print(f"\n{title}\n{score.table()}")
    for positive, seen in score.misses:
        print(f"  MISS {positive.category}/{positive.voice} (found {seen}): {positive.text}")


def test_every_category_has_enough_hand_written_positives() -> None:
    counts: dict[str, int] = {}
    for positive in corpus.hand_written_positives():
        counts[positive.category] = counts.get(positive.category, 0) + 1
    assert counts and min(counts.values()) >= 20, counts


def test_hand_written_recall_meets_the_gate(hand_written) -> None:
    _report(hand_written, "hand-written positives")
    low = {c: round(hand_written.recall(c), 3) for c in hand_written.total if hand_written.recall(c) < CATEGORY_GATE}
    assert hand_written.recall() >= POOLED_GATE and not low, low


def test_held_out_recall_meets_its_floors(held_out) -> None:
    _report(held_out, "held-out positives")
    counts = held_out.total
    assert len(counts) == 17 and min(counts.values()) >= 15, counts
    low = {c: round(held_out.recall(c), 3) for c in counts if held_out.recall(c) < HELDOUT_CATEGORY_FLOOR}
    assert held_out.recall() >= HELDOUT_POOLED_FLOOR and not low, (round(held_out.recall(), 3), low)


def test_held_out_negatives_stay_under_the_false_flag_gate(policy) -> None:
    negatives = corpus.hand_written_negatives("heldout_negatives.toml")
    assert len(negatives) >= 300
    flagged = corpus.false_flags(negatives, policy)
    print(f"\nheld-out false flags: {len(flagged)} of {len(negatives)}")
    for negative, words in flagged:
        print(f"  FLAG [{negative.kind}] {words}: {negative.text!r}")
    assert len(flagged) / len(negatives) <= FALSE_FLAG_GATE


def test_broad_recall_meets_the_gates(broad) -> None:
    _report(broad, "broad positives")
    low = {c: round(broad.recall(c), 3) for c in broad.total if broad.recall(c) < BROAD_CATEGORY_GATE}
    assert broad.recall() >= POOLED_GATE and not low, (round(broad.recall(), 3), low)


def test_attribute_words_in_someone_s_work_are_not_flagged(policy) -> None:
    negatives = corpus.hand_written_negatives("broad_negatives.toml")
    assert len(negatives) >= 200 and len({n.kind for n in negatives}) >= 12
    flagged = corpus.false_flags(negatives, policy)
    print(f"\nbroad false flags: {len(flagged)} of {len(negatives)}")
    for negative, words in flagged:
        print(f"  FLAG [{negative.kind}] {words}: {negative.text!r}")
    assert len(flagged) / len(negatives) <= FALSE_FLAG_GATE


def test_generated_recall_does_not_regress(generated) -> None:
    _report(generated, "generated positives")
    assert generated.recall() >= GENERATED_FLOOR


def test_false_flags_stay_under_the_gate(policy, negatives) -> None:
    flagged = corpus.false_flags(negatives, policy)
    print(f"\nfalse flags: {len(flagged)} of {len(negatives)} negatives")
    for negative, words in flagged:
        print(f"  FLAG [{negative.kind}] {words}: {negative.text[:120]!r}")
    assert len(flagged) / len(negatives) <= FALSE_FLAG_GATE


def test_every_shipped_sensitive_pattern_compiles(policy) -> None:
    # Loading checks syntax with stand-ins for word lists (see reader.compile); this
    # compiles every pattern in full, so a stand-in can never hide an error.
    rules = policy.sensitive
    patterns = [rules.allegation_frame, rules.modifier]
    for rule in rules.rules:
        patterns += [rule.pattern, *(re.compile(branch.source) for branch in rule.pattern.branches)]
        patterns += [rule.exceptions, rule.requires, rule.unless]
        patterns += [anchors.pattern for anchors in rule.anchors]
    for pattern in patterns:
        if pattern is not None:
            re.compile(pattern.pattern)
