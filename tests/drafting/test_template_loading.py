"""Loading the offline set: the shipped set is complete, broken files name file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterview.domain import NoteType, Tone
from afterview.drafting.frame import load_frame
from afterview.drafting.templates import TemplateDrafter, TemplateError, load_template_set
from afterview.errors import PolicyError


def _edit(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of ``old`` in a data file (it must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}; the test's anchor is stale"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _load_error(directory: Path) -> str:
    with pytest.raises(TemplateError) as caught:
        load_template_set(directory)
    return str(caught.value)


def test_shipped_set_has_six_variants_per_type_and_tone() -> None:
    templates = load_template_set()
    assert templates.version == "offline-5"
    for note_type in NoteType:
        for tone in Tone:
            assert templates.variant_count(note_type, tone) >= 6, (note_type, tone)


def test_set_loads_once_per_folder() -> None:
    assert load_template_set() is load_template_set()
    assert TemplateDrafter().load() is load_template_set()


def test_copy_of_shipped_set_loads(offline_copy: Path) -> None:
    copy = load_template_set(offline_copy)
    assert copy is not load_template_set()
    assert copy.version == load_template_set().version


def test_unknown_variable_names_file_and_key(offline_copy: Path) -> None:
    _edit(offline_copy / "thank_you.toml", "talk with me about the {role} role", "talk with me about the {rol} role")
    message = _load_error(offline_copy)
    assert "thank_you.toml" in message
    assert "warm[0].paragraphs[0]" in message
    assert "unknown variable {rol}" in message


def test_optional_variable_outside_a_conditional_is_refused(offline_copy: Path) -> None:
    _edit(offline_copy / "follow_up.toml", "the conversation about the {role} role", "the conversation about {moment}")
    message = _load_error(offline_copy)
    assert "follow_up.toml" in message
    assert "warm[0].paragraphs[0]" in message
    assert "{moment} may be absent" in message


def test_variant_missing_a_required_mention_is_refused(offline_copy: Path) -> None:
    # Every thank-you variant must use the moment when there is one.
    _edit(offline_copy / "thank_you.toml", 'then = "I especially enjoyed {moment}."', 'then = "I especially enjoyed it."')
    message = _load_error(offline_copy)
    assert "thank_you.toml" in message
    assert "warm[0]" in message
    assert "missing variable {moment}" in message


def test_conditional_on_unknown_name_is_refused(offline_copy: Path) -> None:
    _edit(offline_copy / "thank_you.toml", '{ if = "moment", then = "I especially', '{ if = "mood", then = "I especially')
    message = _load_error(offline_copy)
    assert "thank_you.toml" in message
    assert "warm[0].paragraphs[0][1].if" in message


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        ("{role!r}", "format spec or conversion"),
        ("{role:>20}", "format spec or conversion"),
        ("{interview.company}", "not a plain variable name"),
        ("{0}", "not a plain variable name"),
        ("{role", "malformed braces"),
        ("role}", "malformed braces"),
    ],
)
def test_malformed_placeholders_are_refused(offline_copy: Path, replacement: str, expected: str) -> None:
    _edit(offline_copy / "feedback_request.toml", "{role}", replacement)
    message = _load_error(offline_copy)
    assert "feedback_request.toml" in message
    assert "warm[0].paragraphs[0]" in message
    assert expected in message


def test_missing_note_file_is_named(offline_copy: Path) -> None:
    (offline_copy / "award_update.toml").unlink()
    message = _load_error(offline_copy)
    assert "award_update.toml" in message
    assert "not found" in message


def test_missing_frame_is_named(offline_copy: Path) -> None:
    (offline_copy / "frame.toml").unlink()
    message = _load_error(offline_copy)
    assert "frame.toml" in message
    assert "not found" in message


def test_malformed_toml_names_file_line_and_key(offline_copy: Path) -> None:
    _edit(offline_copy / "follow_up.toml", 'note_type = "follow_up"', 'note_type = "follow_up')
    message = _load_error(offline_copy)
    assert "follow_up.toml:" in message
    assert ": note_type: not valid TOML" in message
    line = int(message.split("follow_up.toml:")[1].split(":")[0])
    source = (offline_copy / "follow_up.toml").read_text(encoding="utf-8").splitlines()
    assert source[line - 1].startswith("note_type")


def test_unknown_top_level_key_is_refused(offline_copy: Path) -> None:
    path = offline_copy / "continued_interest.toml"
    _edit(path, 'note_type = "continued_interest"', 'note_type = "continued_interest"\ntone = "warm"')
    message = _load_error(offline_copy)
    assert "continued_interest.toml" in message
    assert "tone: unknown key" in message


def test_note_type_must_match_file_name(offline_copy: Path) -> None:
    _edit(offline_copy / "follow_up.toml", 'note_type = "follow_up"', 'note_type = "thank_you"')
    message = _load_error(offline_copy)
    assert "follow_up.toml: note_type:" in message


def test_tone_without_variants_is_refused(offline_copy: Path) -> None:
    path = offline_copy / "feedback_request.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[[concise]]", "[[formal]]"), encoding="utf-8")
    message = _load_error(offline_copy)
    assert "feedback_request.toml: concise: missing variants" in message


def test_requires_needs_a_hint(offline_copy: Path) -> None:
    path = offline_copy / "competing_offer.toml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("requires_hint")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _load_error(offline_copy)
    assert "competing_offer.toml: requires_hint:" in message


def test_frame_greeting_with_unknown_variable_is_named(offline_copy: Path) -> None:
    _edit(offline_copy / "frame.toml", 'warm = "Dear {first_name},"', 'warm = "Dear {nickname},"')
    message = _load_error(offline_copy)
    assert "frame.toml: greetings.warm: unknown variable {nickname}" in message


def test_frame_subject_may_not_use_optional_values(offline_copy: Path) -> None:
    _edit(offline_copy / "frame.toml", '"Thank you: {role} interview"', '"Thank you: {moment}"')
    message = _load_error(offline_copy)
    assert "frame.toml: subjects.thank_you[0]:" in message
    assert "{moment} is not available here" in message


def test_frame_missing_tone_is_named(offline_copy: Path) -> None:
    _edit(offline_copy / "frame.toml", 'concise = ["Best,", "Best regards,", "Regards,"]', "")
    with pytest.raises(TemplateError, match=r"frame\.toml: sign_offs\.concise: missing"):
        load_frame(offline_copy)


def test_template_error_is_a_one_line_policy_error(offline_copy: Path) -> None:
    (offline_copy / "thank_you.toml").unlink()
    with pytest.raises(PolicyError) as caught:
        TemplateDrafter(offline_copy).load()
    assert caught.value.exit_code == 2
    assert "\n" not in str(caught.value)


def test_drafter_defers_loading_until_used(offline_copy: Path) -> None:
    # The shell builds the drafter, then calls load() to report a broken set up front.
    (offline_copy / "thank_you.toml").unlink()
    drafter = TemplateDrafter(offline_copy)
    with pytest.raises(TemplateError):
        drafter.variant_count(NoteType.THANK_YOU, Tone.WARM)


def test_tone_written_as_a_single_table_is_refused(offline_copy: Path) -> None:
    path = offline_copy / "follow_up.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index("[[warm]]")
    end = text.index("[[formal]]")
    # Keep one warm variant, written as [warm] instead of [[warm]].
    one_warm = text[first:end].split("\n# ")[0].replace("[[warm]]", "[warm]")
    path.write_text(text[:first] + one_warm + "\n" + text[end:], encoding="utf-8")
    message = _load_error(offline_copy)
    assert "follow_up.toml: warm: must be an array of tables" in message


def test_frame_greeting_name_words_must_be_a_positive_number(offline_copy: Path) -> None:
    _edit(offline_copy / "frame.toml", "greeting_name_words = 5", 'greeting_name_words = "five"')
    message = _load_error(offline_copy)
    assert "frame.toml: greeting_name_words: must be a whole number" in message
