"""The compiled policy kept between runs: used only while the data and code it came from match."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from afterview import policy_cache
from afterview.checks import CheckContext, PolicyError, run_checks
from afterview.checks.policy import _load
from afterview.resources import data_dir

NOTE = "Dear Jordan,\n\nThank you for the chat. I am excited about the role and hope to hear soon.\n\nBest,\nSam\n"


@pytest.fixture
def guardrails(tmp_path: Path) -> Path:
    """A copy of the shipped guardrails to edit."""
    target = tmp_path / "guardrails"
    shutil.copytree(data_dir("guardrails"), target)
    return target


@pytest.fixture(autouse=True)
def fresh_process_cache():
    """Each test starts as a new process would: nothing memoised in memory."""
    forget()
    yield
    forget()


def forget() -> None:
    """Drop what this process remembers of policies (a later run starts afresh)."""
    policy_cache._cached.cache_clear()
    _load.cache_clear()


def stored(cache: Path) -> list[Path]:
    return sorted(cache.glob("policy-*.pickle"))


def test_a_stored_policy_is_used_and_checks_the_same(guardrails: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    first = policy_cache.cached_policy(guardrails, cache)
    assert len(stored(cache)) == 1
    forget()

    def no_reading(directory):
        raise AssertionError("the policy was read again instead of loaded from the cache")

    monkeypatch.setattr(policy_cache, "load_policy", no_reading)
    again = policy_cache.cached_policy(guardrails, cache)
    assert again is not first and again.directory == first.directory
    context = CheckContext(note_type="thank_you", recipient="Jordan Lee")
    assert run_checks(NOTE, context, again) == run_checks(NOTE, context, first)


def test_a_changed_data_file_is_read_again(guardrails: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    policy_cache.cached_policy(guardrails, cache)
    before = stored(cache)
    policy = guardrails / "policy.toml"
    policy.write_text(policy.read_text().replace("words = [35, 170]", "words = [36, 170]", 1))
    forget()
    assert policy_cache.cached_policy(guardrails, cache).type_rules("thank_you").words == (36, 170)
    after = stored(cache)
    assert len(after) == 1 and after != before  # the stale copy is gone


def test_a_broken_policy_is_never_stored(guardrails: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    policy = guardrails / "policy.toml"
    policy.write_text(policy.read_text().replace('"brevity",', '"brevty",', 1))
    with pytest.raises(PolicyError, match="policy.toml: checks: unknown check 'brevty'"):
        policy_cache.cached_policy(guardrails, cache)
    assert stored(cache) == []


def test_a_damaged_cache_file_is_rebuilt(guardrails: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    policy_cache.cached_policy(guardrails, cache)
    (path,) = stored(cache)
    path.write_bytes(b"not a pickle")
    forget()
    assert policy_cache.cached_policy(guardrails, cache).checks
    assert path.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_folder_only_costs_time(guardrails: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    assert policy_cache.cached_policy(guardrails, blocker).checks


def test_the_key_follows_the_check_modules_too(guardrails: Path) -> None:
    assert policy_cache.cache_key(guardrails) == policy_cache.cache_key(guardrails)
    (guardrails / "sensitive.toml").write_text((guardrails / "sensitive.toml").read_text() + "\n")
    changed = policy_cache.cache_key(guardrails)
    assert changed != policy_cache.cache_key(data_dir("guardrails").resolve())


@pytest.fixture
def offline(tmp_path: Path) -> Path:
    """A copy of the shipped offline templates to edit."""
    from afterview.drafting.frame import offline_dir

    target = tmp_path / "offline"
    shutil.copytree(offline_dir(), target)
    return target


def _forget_templates() -> None:
    """Drop what this process remembers of template sets."""
    from afterview.drafting import frame, templates

    templates._load_cached.cache_clear()
    frame._load_frame_cached.cache_clear()


def test_a_stored_template_set_is_used_until_a_file_changes(offline: Path, tmp_path: Path, monkeypatch) -> None:
    from afterview.drafting import templates

    cache = tmp_path / "cache"
    first = policy_cache.cached_templates(offline, cache)
    assert len(list(cache.glob("templates-*.pickle"))) == 1
    _forget_templates()

    def no_reading(directory):
        raise AssertionError("the templates were read again instead of loaded from the cache")

    with monkeypatch.context() as patched:
        patched.setattr(templates, "load_template_set", no_reading)
        again = policy_cache.cached_templates(offline, cache)
    assert again is not first and again == first
    frame = offline / "frame.toml"
    frame.write_text(frame.read_text(encoding="utf-8").replace('version = "', 'version = "edited-', 1), encoding="utf-8")
    _forget_templates()
    assert policy_cache.cached_templates(offline, cache).version.startswith("edited-")
    assert len(list(cache.glob("templates-*.pickle"))) == 1  # the stale copy is gone


def test_a_broken_template_set_is_reported_and_never_stored(offline: Path, tmp_path: Path) -> None:
    from afterview.drafting.templates import TemplateError

    cache = tmp_path / "cache"
    (offline / "follow_up.toml").write_text("note_type = 'thank_you'\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="follow_up.toml"):
        policy_cache.cached_templates(offline, cache)
    assert list(cache.glob("templates-*.pickle")) == []
