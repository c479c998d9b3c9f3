"""The settings afterview runs with, and the config file they come from.

Precedence for every setting: command-line flag > environment > config file > default.
Paths (``AFTERVIEW_HOME`` and the platform folders) live in ``afterview.paths``.
"""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

from afterview.errors import InputError
from afterview.fields import NAME, SIGNATURE_MAX_CHARS, Nested, Number, Plain, email, folder, rule
from afterview.frozen import Frozen, field
from afterview.records import Record, to_data
from afterview.fileio import read_text_file
from afterview.interview_file import parse_toml_model
from afterview.paths import Paths, app_paths

DEFAULT_TIMEOUT = 60.0
DEFAULT_DEADLINE = 90.0
MAX_TIMEOUT = 600.0
MAX_DEADLINE = 3600.0


class LLMSection(Record):
    """``[llm]``: which model to draft with, and how long to wait for it."""

    model: str | None = rule(Plain(), None)
    base_url: str | None = rule(Plain(), None)
    api_key: str | None = rule(Plain(), None, repr=False)
    timeout: float | None = rule(Number(gt=0, le=MAX_TIMEOUT), None)
    """Seconds per request."""
    deadline: float | None = rule(Number(ge=0, le=MAX_DEADLINE), None)
    """Seconds for a whole draft, repairs included (0 turns the deadline off)."""
    prompts_dir: Path | None = rule(folder, None)
    """A folder of the user's own prompt files, used instead of the shipped ones."""


class Profile(Record):
    """``[profile]``: who signs the notes."""

    name: str | None = rule(NAME, None)
    email: str | None = rule(email, None)
    signature: str | None = rule(Plain(SIGNATURE_MAX_CHARS), None)
    """Lines under the name (phone, LinkedIn...)."""


class ConfigFile(Record):
    """The whole ``config.toml``."""

    llm: LLMSection = rule(Nested(LLMSection), default_factory=LLMSection)
    profile: Profile = rule(Nested(Profile), default_factory=Profile)


def load_config_file(path: Path) -> ConfigFile:
    """Read ``config.toml``; a missing file is an empty config.

    Raises:
        InputError: unreadable or invalid file (names file, key and line), or an API key
            in a file others can read.
    """
    if not path.exists():
        return ConfigFile()
    config = parse_toml_model(read_text_file(path, what="config file"), str(path), ConfigFile)
    if config.llm.api_key and os.name == "posix":
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise InputError(
                f"{path}: llm.api_key is set but the file is readable by others "
                f"(mode {mode:o}); run `chmod 600 {path}` or use OPENAI_API_KEY instead"
            )
    return config


def save_profile(profile: Profile, path: Path) -> None:
    """Set ``[profile]`` in ``config.toml``, keeping the rest of the file as its owner wrote it.

    The file is edited in place as a document (tomlkit), not rewritten from the model:
    comments, key order, blank lines and the other sections stay; only the profile's
    keys change (a key whose value is now empty goes). Written atomically, mode 0600
    (the file may hold a key).

    Raises:
        InputError: the file cannot be read, or is not valid TOML.
    """
    import tomlkit
    from tomlkit.exceptions import ParseError

    from afterview.fileio import write_private_file

    text = read_text_file(path, what="config file") if path.exists() else ""
    try:
        document = tomlkit.parse(text)
    except ParseError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    if "profile" not in document:
        document["profile"] = tomlkit.table()
    section = document["profile"]
    for key, value in to_data(profile).items():
        if value is not None:
            section[key] = value
        elif key in section:
            del section[key]
    write_private_file(path, tomlkit.dumps(document))


class Settings(Frozen):
    """The resolved settings a run uses (flags > environment > file > default)."""

    paths: Paths
    profile: Profile
    model: str | None
    """The model the user chose (None: the provider's default, ``afterview.drafting.provider``)."""
    base_url: str | None
    api_key: str | None = field(repr=False)
    timeout: float
    deadline: float
    prompts_dir: Path | None
    offline: bool
    offline_reason: str | None
    model_source: str
    """Where the model name came from: flag, environment, config, default."""

    @property
    def model_from_server(self) -> bool:
        """True when a base URL is set and no model was chosen: the LLM drafter then asks
        the server's ``/models`` and uses the one model it lists."""
        return self.base_url is not None and self.model is None

    @property
    def masked_key(self) -> str | None:
        """The API key with all but its last four characters hidden."""
        if not self.api_key:
            return None
        return "****" + self.api_key[-4:] if len(self.api_key) > 8 else "****"

    def to_dict(self) -> dict[str, object]:
        """The settings as plain data, the key masked (``model`` None: none chosen)."""
        from afterview.redact import redact_url  # here: compiling its patterns costs every draft a millisecond

        return {
            "config_file": str(self.paths.config_file),
            "data_dir": str(self.paths.data_dir),
            "database": str(self.paths.database),
            "offline": self.offline,
            "offline_reason": self.offline_reason,
            "model": self.model,
            "model_source": self.model_source,
            "base_url": redact_url(self.base_url) if self.base_url else None,
            "api_key": self.masked_key,
            "timeout": self.timeout,
            "deadline": self.deadline,
            "prompts_dir": str(self.prompts_dir) if self.prompts_dir else None,
            "profile": to_data(self.profile),
        }


def resolve_settings(
    *,
    model: str | None = None,
    base_url: str | None = None,
    offline: bool = False,
    environ: dict[str, str] | None = None,
    paths: Paths | None = None,
) -> Settings:
    """Resolve settings from flags (the arguments), environment and config file.

    Raises:
        InputError: invalid config file or environment value.
    """
    env = os.environ if environ is None else environ
    paths = paths or app_paths(env)
    file = load_config_file(paths.config_file)

    def pick(flag: str | None, env_name: str | None, file_value: object) -> tuple[object, str]:
        if flag:
            return flag, "flag"
        if env_name and env.get(env_name):
            return env[env_name], "environment"
        if file_value not in (None, ""):
            return file_value, "config"
        return None, "default"

    chosen_model, model_source = pick(model, "AFTERVIEW_MODEL", file.llm.model)
    chosen_url, _ = pick(base_url, "OPENAI_BASE_URL", file.llm.base_url)
    api_key = env.get("OPENAI_API_KEY") or file.llm.api_key
    timeout = _seconds(env, "AFTERVIEW_TIMEOUT", file.llm.timeout, DEFAULT_TIMEOUT, limit=MAX_TIMEOUT)
    deadline = _seconds(
        env, "AFTERVIEW_DEADLINE", file.llm.deadline, DEFAULT_DEADLINE, limit=MAX_DEADLINE, allow_zero=True
    )

    offline_reason = None
    if offline:
        offline_reason = "--offline"
    elif not api_key and not chosen_url:
        offline_reason = "no OPENAI_API_KEY or base URL set"
    return Settings(
        paths=paths,
        profile=file.profile,
        model=str(chosen_model) if chosen_model else None,
        base_url=str(chosen_url).rstrip("/") if chosen_url else None,
        api_key=api_key or None,
        timeout=timeout,
        deadline=deadline,
        prompts_dir=file.llm.prompts_dir.expanduser() if file.llm.prompts_dir else None,
        offline=offline_reason is not None,
        offline_reason=offline_reason,
        model_source=model_source if chosen_model else "default",
    )


def _seconds(
    env, name: str, file_value: float | None, default: float, *, limit: float, allow_zero: bool = False
) -> float:
    raw = env.get(name)
    if raw:
        try:
            value = float(raw)
        except ValueError:
            raise InputError(f"environment {name}={raw!r}: not a number of seconds") from None
        if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero) or value > limit:
            lowest = 0 if allow_zero else "more than 0"
            raise InputError(f"environment {name}={raw!r}: must be a number of seconds from {lowest} to {limit:g}")
        return value
    return float(file_value) if file_value is not None else default
