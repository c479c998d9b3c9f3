"""The compiled guardrail policy and the offline templates, kept between runs.

Reading ``guardrails/`` means parsing three TOML files and checking the syntax of every
regex in them, which costs more than the rest of ``afterview check`` together and grows
with the data; reading ``prompts/offline/`` means parsing and validating seven template
files, a good part of ``draft --offline``. Both are kept in the user's cache folder by
``afterview.data_cache`` (the policy's regexes as uncompiled source strings), keyed by
the data files' bytes and the modules that read them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from afterview import checks, data_cache
from afterview.checks import Policy, load_policy

if TYPE_CHECKING:
    from afterview.drafting.templates import TemplateSet


def cached_policy(directory: Path, cache_dir: Path | None) -> Policy:
    """The policy in ``directory``, from ``cache_dir`` when a matching copy is stored.

    Args:
        directory: the guardrails folder.
        cache_dir: where compiled policies are kept; None loads without a cache.

    Raises:
        PolicyError: a policy file is missing or malformed (names file and key).
    """
    return _cached(Path(directory).resolve(), cache_dir)


@lru_cache(maxsize=8)
def _cached(directory: Path, cache_dir: Path | None) -> Policy:
    # Once per process, like ``load_policy``: later calls return the same object.
    def matches(policy: object) -> bool:
        return isinstance(policy, Policy) and policy.directory == directory

    return data_cache.cached(
        "policy", directory, _modules(checks.__file__), lambda folder: load_policy(folder), cache_dir, accept=matches
    )


def cache_key(directory: Path) -> str:
    """A digest of everything the compiled policy depends on: the guardrail files' bytes
    and the modules of ``afterview.checks`` (which define the compiled classes and how
    the data is read); see ``afterview.data_cache.cache_key``."""
    return data_cache.cache_key(directory, _modules(checks.__file__))


def cached_templates(directory: Path, cache_dir: Path | None) -> TemplateSet:
    """The offline template set in ``directory``, from ``cache_dir`` when a matching copy is stored.

    The key covers the template files and the modules of ``afterview.drafting`` and the
    note table (which decide how the files are read and which ones there are).

    Raises:
        TemplateError: a template file is missing or malformed (names file and key).
    """
    from afterview import notes
    from afterview.drafting import templates

    directory = Path(directory).resolve()

    def matches(stored: object) -> bool:
        return isinstance(stored, templates.TemplateSet) and stored.directory == directory

    code = [*_modules(templates.__file__), Path(notes.__file__)]
    return data_cache.cached("templates", directory, code, templates.load_template_set, cache_dir, accept=matches)


def _modules(module_file: str) -> list[Path]:
    """The modules of the package ``module_file`` belongs to."""
    return list(Path(module_file).parent.glob("*.py"))
