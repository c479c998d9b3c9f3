"""Deterministic guardrail checks on the notes afterview drafts (and on any note).

Pure and stdlib-only: the caller passes the guardrails folder (``load_policy``) and
a ``CheckContext``; nothing here imports the rest of afterview or pydantic.

    policy = load_policy(data_dir("guardrails"))
    report = run_checks(text, CheckContext(note_type="thank_you", recipient="Jordan Lee"), policy)
"""

from afterview.checks.addressing import personal, recipient
from afterview.checks.basic import brevity, cliches, interest, placeholders, thanks
from afterview.checks.conduct import bluff, insider, money, presumption, pressure, scope, ultimatum
from afterview.checks.facts import grounding
from afterview.checks.moment import MomentFate, moment_fate
from afterview.checks.names import employer, people
from afterview.checks.note import NoteParts, body_words, split_note
from afterview.checks.policy import Policy, PolicyError, load_policy
from afterview.checks.protected import scan_sensitive, sensitive
from afterview.checks.purpose import asks
from afterview.checks.runner import CHECKS, run_checks
from afterview.checks.types import CheckContext, Finding, Report, Severity

__all__ = [
    "CHECKS",
    "CheckContext",
    "MomentFate",
    "Finding",
    "NoteParts",
    "Policy",
    "PolicyError",
    "Report",
    "Severity",
    "asks",
    "bluff",
    "body_words",
    "brevity",
    "cliches",
    "employer",
    "grounding",
    "insider",
    "interest",
    "load_policy",
    "moment_fate",
    "money",
    "people",
    "personal",
    "placeholders",
    "presumption",
    "pressure",
    "recipient",
    "run_checks",
    "scan_sensitive",
    "scope",
    "sensitive",
    "split_note",
    "thanks",
    "ultimatum",
]
