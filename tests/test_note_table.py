"""The note table is the one list of note types: every type has all its data files."""

from __future__ import annotations

import tomllib

import pytest

from afterview import notes, services
from afterview.domain import NoteType, Status, Tone
from afterview.resources import data_dir
from afterview.timing import RULES


@pytest.mark.parametrize("kind", notes.NOTE_KINDS, ids=lambda k: k.value)
def test_every_note_type_has_its_prompt_templates_policy_and_timing(kind: notes.NoteKind) -> None:
    prompts = data_dir("prompts")
    assert (prompts / f"{kind.value}.toml").is_file(), f"add prompts/{kind.value}.toml"
    assert (prompts / "offline" / f"{kind.value}.toml").is_file(), f"add prompts/offline/{kind.value}.toml"
    policy = services.policy()
    policy.type_rules(kind.value)  # raises when guardrails/policy.toml has no [types.<type>]
    assert any(rule.split(".")[0] == kind.value for rule in RULES), f"no timing rule for {kind.value}"
    drafter = services.template_drafter()
    for tone in Tone:
        assert drafter.variant_count(kind.value, tone) >= 1


def test_the_policy_knows_no_type_the_table_does_not() -> None:
    data = tomllib.loads((data_dir("guardrails") / "policy.toml").read_text(encoding="utf-8"))
    assert set(data["types"]) == set(notes.NOTE_TYPES)


def test_the_enums_are_the_tables() -> None:
    assert [t.value for t in NoteType] == list(notes.NOTE_TYPES)
    assert [s.value for s in Status] == list(notes.STATUS_VALUES)
    assert [t.value for t in Tone] == list(notes.TONE_VALUES)
    assert NoteType("award_update").label == "award update"


def test_unknown_values_are_named_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="thank_you"):
        notes.note_kind("thank-you-card")


def test_every_per_note_export_format_has_a_renderer() -> None:
    from afterview.usecases.exporting import RENDERERS

    per_note = {fmt.value for fmt in notes.EXPORT_FORMATS if fmt.per_note}
    assert set(RENDERERS) == per_note


def test_the_store_accepts_every_status() -> None:
    from afterview.store.schema import MIGRATIONS

    assert notes.sql_list(notes.STATUS_VALUES) in MIGRATIONS[0]
