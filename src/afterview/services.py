"""Build the collaborators a command or the app needs, from the resolved settings.

Data-file errors from ``checks`` (which cannot import our errors) become ``PolicyError``
here; the template loader raises ``TemplateError``, already a ``PolicyError``. Either
way every shell reports them as one line, exit 2.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from afterview.checks import Policy, PolicyError as CheckPolicyError
from afterview.errors import PolicyError
from afterview.resources import data_dir

if TYPE_CHECKING:  # only drafting needs the settings; `afterview check` does not import them
    from afterview.config import Settings


def policy() -> Policy:
    """The guardrail policy shipped with afterview, loaded and compiled once.

    Kept compiled in the user's cache folder between runs (``afterview.policy_cache``).

    Raises:
        PolicyError: a policy file is malformed (names file and key).
    """
    from afterview.paths import app_paths
    from afterview.policy_cache import cached_policy

    try:
        return cached_policy(data_dir("guardrails"), app_paths().cache_dir)
    except CheckPolicyError as exc:
        raise PolicyError(str(exc)) from None


def template_drafter():
    """The offline drafter over the shipped templates, validated up front.

    Kept validated in the user's cache folder between runs (``afterview.policy_cache``).

    Raises:
        TemplateError: a template file is malformed (a ``PolicyError`` naming file and key).
    """
    from afterview.drafting.frame import offline_dir
    from afterview.drafting.templates import TemplateDrafter
    from afterview.paths import app_paths
    from afterview.policy_cache import cached_templates

    return TemplateDrafter(templates=cached_templates(offline_dir(), app_paths().cache_dir))


def writer(settings: Settings, *, now: Callable[[], datetime] = datetime.now, progress=None):
    """A ``Writer`` for ``settings``: LLM drafting when online, templates otherwise.

    The LLM drafter (and with it the openai SDK) is imported only when online.
    """
    from afterview.writer import Writer

    drafter = None
    if not settings.offline:
        from afterview.drafting.llm import llm_drafter

        drafter = llm_drafter(settings)
    return Writer(
        policy=policy(),
        templates=template_drafter(),
        drafter=drafter,
        deadline=settings.deadline,
        now=now,
        progress=progress,
    )


def command_writer(settings: Settings, notice: Callable[[str], None]):
    """The writer a CLI command drafts with, after telling the user how it will draft.

    ``notice`` is told, in one line each: that drafting is offline and why (unless the
    user asked for it with ``--offline``), and, on the first online draft from this data
    dir, what online drafting sends where.

    Raises:
        PolicyError: a policy or template file is malformed.
    """
    if settings.offline and settings.offline_reason != "--offline":
        notice(f"offline: {settings.offline_reason}; drafting from templates")
    built = writer(settings)
    if built.online:
        announce_first_online_use(settings, notice)
    return built


SENT_FIELDS = (
    "company, role, interview and decision dates, status, the recipient's name and title, "
    "the memorable moment (as afterview rephrases it), what you admire about the organisation, "
    "and any award or competing offer's deadline (never the other employer's name)"
)


def privacy_notice(settings: Settings) -> str:
    """What the first online draft tells the user: which fields go to which server."""
    from afterview.drafting.provider import model_label, server_for  # the provider's defaults live with the drafter
    from afterview.redact import redact_url

    server = redact_url(server_for(settings))
    return f"online drafting sends {SENT_FIELDS} to {server} ({model_label(settings)}); emails are never sent"


def settings_report(settings: Settings) -> dict[str, object]:
    """What ``afterview config`` prints: the settings (key masked), with the model a
    draft would use (the provider's default when none was chosen; null when the server
    is asked) and where that choice came from."""
    from afterview.drafting.provider import model_for

    return {
        **settings.to_dict(),
        "model": model_for(settings),
        "model_source": "server" if settings.model_from_server else settings.model_source,
    }


def announce_first_online_use(settings: Settings, tell: Callable[[str], None]) -> bool:
    """Tell the user, once per data dir, what online drafting sends where.

    Returns True when the notice was shown now.
    """
    from afterview.fileio import ensure_private_dir, write_private_file

    marker = settings.paths.data_dir / "online-notice-shown"
    if marker.exists():
        return False
    tell(privacy_notice(settings))
    try:
        ensure_private_dir(settings.paths.data_dir)
        write_private_file(marker, privacy_notice(settings) + "\n")
    except OSError:
        pass  # a read-only data dir only means the notice shows again next time
    return True
