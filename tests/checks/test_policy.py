"""load_policy: the shipped policy loads; malformed files raise PolicyError naming file and key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from afterview.checks import CHECKS, PolicyError, load_policy
from afterview.checks.patterns import _REACH
from afterview.checks.policy import CHECK_NAMES

from .conftest import GUARDRAILS


def test_shipped_policy_loads(policy) -> None:
    assert set(policy.checks) == set(CHECK_NAMES)
    assert set(policy.types) == {
        "thank_you", "follow_up", "competing_offer", "award_update", "feedback_request", "continued_interest",
    }  # fmt: skip
    assert policy.type_rules("thank_you").words == (35, 170)
    assert policy.sensitive.rules


def test_every_check_name_has_a_function() -> None:
    assert set(CHECKS) == set(CHECK_NAMES)


def test_load_policy_is_cached_per_directory() -> None:
    first = load_policy(GUARDRAILS)
    assert load_policy(str(GUARDRAILS)) is first
    assert load_policy(GUARDRAILS / ".." / "guardrails") is first


def test_unknown_note_type_is_a_value_error(policy) -> None:
    with pytest.raises(ValueError, match="unknown note type 'apology'"):
        policy.type_rules("apology")


def test_guardrails_folder_is_not_a_package() -> None:
    assert not (GUARDRAILS / "__init__.py").exists()


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="no such guardrails folder"):
        load_policy(tmp_path / "nowhere")


def test_missing_file(guardrails_copy: Path) -> None:
    (guardrails_copy / "phrases.toml").unlink()
    with pytest.raises(PolicyError) as caught:
        load_policy(guardrails_copy)
    assert str(caught.value) == "guardrails/phrases.toml: file not found"


def edit(directory: Path, name: str, old: str, new: str) -> None:
    """Replace ``old`` (which must occur) with ``new`` in one policy file."""
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture out of date: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (file, old text, new text, expected message start). Each message must name the
# file and the key, on one line.
BROKEN = [
    pytest.param("policy.toml", "words = [35, 170]", "words = [60]",
                 "guardrails/policy.toml: types.thank_you.words: expected two integers [min, max]", id="pair"),
    pytest.param("policy.toml", "words = [35, 170]", "words = [170, 60]",
                 "guardrails/policy.toml: types.thank_you.words: min 170 is greater than max 60", id="min>max"),
    pytest.param("policy.toml", "words = [35, 170]\n", "",
                 "guardrails/policy.toml: types.thank_you.words: missing", id="missing-key"),
    pytest.param("policy.toml", 'over = "block"', 'over = "fatal"',
                 "guardrails/policy.toml: brevity.over: unknown severity 'fatal'", id="severity"),
    pytest.param("policy.toml", '"panel",\n]', '"panel",\n    "spelling",\n]',
                 "guardrails/policy.toml: checks: unknown check 'spelling'", id="unknown-check"),
    pytest.param("policy.toml", "acronym_max_length = 4", "acronym_max_length = 4\nacronym_max_lenght = 5",
                 "guardrails/policy.toml: grounding.acronym_max_lenght: unknown key", id="typo-key"),
    pytest.param("policy.toml", 'except_types = ["feedback_request"]', 'except_types = ["apology"]',
                 "guardrails/policy.toml: drafts_bar.escalate[2].except_types: unknown note type 'apology'", id="escalate-type"),
    pytest.param("policy.toml", "keywords = 3", 'keywords = "three"',
                 "guardrails/policy.toml: personal.keywords: expected a whole number >= 1", id="integer"),
    pytest.param("policy.toml", 'over_message = "Cut the note to at most {max} words (it has {count})"',
                 'over_message = "Cut the note to {limit} words"',
                 "guardrails/policy.toml: brevity.over_message: unknown placeholder {limit}", id="placeholder"),
    pytest.param("policy.toml", "checks = [", "checks = [[",
                 "guardrails/policy.toml: invalid TOML", id="bad-toml"),
    pytest.param("phrases.toml", "[thanks]\n# Gratitude in the body.", "[thanks]\nfoo = '('\n# Gratitude in the body.",
                 "guardrails/phrases.toml: thanks.foo: unknown key", id="phrases-unknown-key"),
    pytest.param("phrases.toml", r"pattern = '''\bthank(?:s|\s+you)?\b", r"pattern = '''(\bthank(?:s|\s+you)?\b",
                 "guardrails/phrases.toml: thanks.pattern: bad regex", id="bad-regex"),
    pytest.param("phrases.toml", r"pattern = '''\blorem\s+ipsum\b'''", r"pattern = '''\bLorem\s+ipsum\b'''",
                 "guardrails/phrases.toml: placeholders.patterns[5].pattern: write the pattern in lower case", id="upper-case"),
    pytest.param("phrases.toml", r"pattern = '''\blorem\s+ipsum\b'''", "pattern = '''\\blorem\\s+ipsum\\b'''\ntriggers = [\"lorem\"]",
                 "guardrails/phrases.toml: placeholders.patterns[5].triggers: remove it: a pattern's trigger words are derived",
                 id="listed-triggers"),
    pytest.param("phrases.toml", "negation = '''(?:", "negation = '''^$|(?:",
                 "guardrails/phrases.toml: thanks.negation: must need some words before the thanks (it matches an empty text)",
                 id="empty-negation"),
    pytest.param("phrases.toml", "award_min_share = 0.75", "award_min_share = 1.5",
                 "guardrails/phrases.toml: asks.award_update.award_min_share: expected a number above 0 and at most 1", id="share"),
    pytest.param("phrases.toml", "[[asks.follow_up.requires]]", "[[asks.apology.requires]]",
                 "guardrails/phrases.toml: asks.apology: unknown note type", id="asks-type"),
    pytest.param("sensitive.toml", 'category = "age"\nanchors = "person"', 'category = "aeg"\nanchors = "person"',
                 "guardrails/sensitive.toml: rules[age.words].category: unknown value 'aeg'", id="category"),
    pytest.param("sensitive.toml", 'self = "warn"', 'self = "loud"',
                 "guardrails/sensitive.toml: voices.self: unknown severity 'loud'", id="voice-severity"),
    pytest.param("sensitive.toml", r"{0,3}?\s+<<protected>>'''", r"{0,3}?\s+<<protectd>>'''",
                 "guardrails/sensitive.toml: rules[allegation.because].pattern: unknown fragment <<protectd>>", id="fragment"),
    pytest.param("sensitive.toml", 'anchors = "identity"\nwords = ["woman"', 'anchors = "identiy"\nwords = ["woman"',
                 "guardrails/sensitive.toml: rules[sex.identity].anchors: unknown value 'identiy'; expected one of person, group, shared, identity, possessive",
                 id="anchors"),
    pytest.param("sensitive.toml", 'words = ["reasonable accommodation", "reasonable accommodations", "disability accommodation", "disability accommodations"]',
                 "words = []", "guardrails/sensitive.toml: rules[disability.accommodation].words: expected at least one word or phrase", id="empty-words"),
    pytest.param("sensitive.toml", "window = 4\nafter = true", "window = -1\nafter = true",
                 "guardrails/sensitive.toml: anchors.person.window: expected a whole number >= 0", id="window"),
    pytest.param("sensitive.toml", 'id = "age.born"', 'id = "age.number"',
                 "guardrails/sensitive.toml: rules: duplicate rule id 'age.number'", id="duplicate-id"),
    pytest.param("sensitive.toml", "except = [\n    '''age[\\s-]old''',", "except = [\n    '''age[\\s-]old(''',",
                 "guardrails/sensitive.toml: rules[age.words].except: bad regex", id="bad-except"),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), BROKEN)
def test_malformed_policy_names_file_and_key(guardrails_copy: Path, name: str, old: str, new: str, expected: str) -> None:
    edit(guardrails_copy, name, old, new)
    with pytest.raises(PolicyError) as caught:
        load_policy(guardrails_copy)
    message = str(caught.value)
    assert message.startswith(expected), message
    assert "\n" not in message


def test_a_fixed_policy_loads_after_an_error(guardrails_copy: Path) -> None:
    edit(guardrails_copy, "policy.toml", "words = [35, 170]", "words = [60]")
    with pytest.raises(PolicyError):
        load_policy(guardrails_copy)
    edit(guardrails_copy, "policy.toml", "words = [60]", "words = [50, 150]")
    assert load_policy(guardrails_copy).type_rules("thank_you").words == (50, 150)


def test_policy_data_changes_behaviour(guardrails_copy: Path) -> None:
    """Thresholds are data: a different range in policy.toml changes the check."""
    edit(guardrails_copy, "policy.toml", "words = [35, 170]", "words = [1, 5]")
    edited = load_policy(guardrails_copy)
    from afterview.checks import CheckContext, brevity

    findings = brevity("Dear Jordan,\n\nThank you for the lovely long chat today.\n\nBest,\nSam", CheckContext(), edited)
    assert [f.message for f in findings] == ["Cut the note to at most 5 words (it has 8)"]


def test_checks_import_nothing_outside_checks_and_no_pydantic() -> None:
    """The hard rule: afterview.checks is stdlib-only and needs only its own types below it
    (``afterview.findings``, ``afterview.frozen`` for the named tuples they are, and the
    data files' reader, itself stdlib-only, when a policy is read)."""
    code = (
        "import sys, afterview.checks\n"
        f"afterview.checks.load_policy({str(GUARDRAILS)!r})\n"
        "allowed = ('afterview.checks', 'afterview.findings', 'afterview.frozen', 'afterview.tomlfile')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'pydantic'\n"
        "       or (m.startswith('afterview.') and not m.startswith(allowed))]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_data_files_state_the_trigger_reach_the_code_uses() -> None:
    """Pattern authors rely on the documented reach; keep the files and the code in step."""
    for name in ("phrases.toml", "sensitive.toml"):
        text = " ".join((GUARDRAILS / name).read_text(encoding="utf-8").split())
        assert f"within {_REACH} characters" in text.replace("# ", ""), name
