"""Settings precedence (flag > environment > file > default), key handling, paths."""

from __future__ import annotations

import json
import os

import pytest

from afterview.config import resolve_settings
from afterview.drafting.provider import DEFAULT_MODEL, model_for
from afterview.services import settings_report
from afterview.paths import app_paths
from afterview.errors import InputError


def write_config(home, text: str, mode: int = 0o600):
    path = home / "config.toml"
    path.write_text(text)
    path.chmod(mode)
    return path


def test_defaults_with_nothing_set_are_offline(isolated_home):
    settings = resolve_settings()
    assert settings.offline and "no OPENAI_API_KEY" in settings.offline_reason
    assert settings.model is None and settings.model_source == "default"
    assert model_for(settings) == DEFAULT_MODEL == settings_report(settings)["model"]
    assert settings.paths.config_file == isolated_home / "config.toml"
    assert settings.paths.database.parent == isolated_home


def test_precedence_flag_over_environment_over_file(isolated_home, monkeypatch):
    write_config(isolated_home, '[llm]\nmodel = "from-file"\nbase_url = "http://file.example/v1"\ntimeout = 5\n')
    assert resolve_settings().model == "from-file"
    monkeypatch.setenv("AFTERVIEW_MODEL", "from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env.example/v1/")
    monkeypatch.setenv("AFTERVIEW_TIMEOUT", "12")
    settings = resolve_settings()
    assert (settings.model, settings.model_source) == ("from-env", "environment")
    assert settings.base_url == "http://env.example/v1"
    assert settings.timeout == 12
    settings = resolve_settings(model="from-flag", base_url="http://flag.example/v1")
    assert (settings.model, settings.model_source, settings.base_url) == ("from-flag", "flag", "http://flag.example/v1")


def test_base_url_without_key_is_online_and_offline_flag_wins(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    settings = resolve_settings()
    assert not settings.offline and settings.model_from_server
    assert settings.to_dict()["model"] is None
    assert settings_report(settings)["model_source"] == "server"
    assert resolve_settings(offline=True).offline_reason == "--offline"


def test_key_in_a_readable_config_file_is_refused(isolated_home):
    path = write_config(isolated_home, '[llm]\napi_key = "sk-test-abcdefghijklmnop"\n', mode=0o644)
    with pytest.raises(InputError, match=r"chmod 600") as caught:
        resolve_settings()
    assert "sk-test" not in str(caught.value) and str(path) in str(caught.value)
    path.chmod(0o600)
    settings = resolve_settings()
    assert settings.api_key == "sk-test-abcdefghijklmnop" and settings.masked_key == "****mnop"


def test_bad_config_names_file_key_and_line(isolated_home):
    path = write_config(isolated_home, '[llm]\nmodel = "m"\ntimout = 5\n')
    with pytest.raises(InputError, match=rf"{path}:3: llm.timout: unknown key"):
        resolve_settings()
    write_config(isolated_home, '[profile]\nemail = "not-an-email"\n')
    with pytest.raises(InputError, match=r"profile.email"):
        resolve_settings()


def test_bad_environment_value_is_one_clear_error(monkeypatch):
    monkeypatch.setenv("AFTERVIEW_TIMEOUT", "soon")
    with pytest.raises(InputError, match="AFTERVIEW_TIMEOUT"):
        resolve_settings()


def test_platform_dirs_without_afterview_home():
    paths = app_paths({"HOME": os.environ.get("HOME", "/root")})
    assert paths.config_file.name == "config.toml" and "afterview" in str(paths.config_dir)


def test_config_command_masks_the_key(cli, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-live-0123456789abcdefWXYZ")
    result = cli("config", "--json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["api_key"] == "****WXYZ" and not data["offline"]
    assert "sk-live" not in result.out + result.err
    assert data["database"].endswith("afterview.db")


@pytest.mark.parametrize("value", ["nan", "inf", "-5", "7200"])
def test_deadline_from_the_environment_must_be_a_sane_number(monkeypatch, value):
    monkeypatch.setenv("AFTERVIEW_DEADLINE", value)
    with pytest.raises(InputError, match="AFTERVIEW_DEADLINE"):
        resolve_settings()


def test_credentials_in_a_base_url_are_never_shown(cli, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "https://me:hunter2@gateway.example/v1?api_key=abc123")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-live-0123456789abcdefWXYZ")
    settings = resolve_settings()
    assert "sk-live" not in repr(settings)
    result = cli("config", "--json")
    assert json.loads(result.out)["base_url"] == "https://gateway.example/v1"
    assert "hunter2" not in result.out and "abc123" not in result.out


HAND_WRITTEN = """\
# afterview settings, kept by hand
[llm]
model = "llama3.2"      # the small one
base_url = "http://localhost:11434/v1"

# who signs the notes
[profile]
name = "Old Name"   # changes when I marry
signature = "+1 555 0100"
# email comes later

[unknown_but_kept]
"""


def test_saving_the_profile_keeps_comments_layout_and_other_sections(tmp_path):
    import stat as stat_module

    from afterview.config import Profile, load_config_file, save_profile

    path = tmp_path / "config.toml"
    path.write_text(HAND_WRITTEN.replace("\n[unknown_but_kept]\n", "\n"), encoding="utf-8")
    save_profile(Profile.from_data({"name": "Sam Rivera", "email": "sam@example.com"}), path)
    expected = HAND_WRITTEN.replace("\n[unknown_but_kept]\n", "\n")
    expected = expected.replace('name = "Old Name"   # changes when I marry\nsignature = "+1 555 0100"\n', 'name = "Sam Rivera"   # changes when I marry\n')
    expected = expected.replace("# email comes later\n", '# email comes later\nemail = "sam@example.com"\n')
    assert path.read_text(encoding="utf-8") == expected
    assert load_config_file(path).profile == Profile.from_data({"name": "Sam Rivera", "email": "sam@example.com"})
    assert load_config_file(path).llm.model == "llama3.2"
    assert stat_module.S_IMODE(path.stat().st_mode) == 0o600


def test_saving_the_profile_into_a_file_without_one_appends_it(tmp_path):
    from afterview.config import Profile, save_profile

    path = tmp_path / "config.toml"
    path.write_text('# mine\n[llm]\nmodel = "gpt-4.1-mini"  # default\n', encoding="utf-8")
    save_profile(Profile.from_data({"name": "Sam [/] O'Neil"}), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('# mine\n[llm]\nmodel = "gpt-4.1-mini"  # default\n')
    assert text.endswith('[profile]\nname = "Sam [/] O\'Neil"\n')
    missing = tmp_path / "new" / "config.toml"
    save_profile(Profile.from_data({"name": "Sam Rivera"}), missing)
    assert missing.read_text(encoding="utf-8") == '[profile]\nname = "Sam Rivera"\n'
