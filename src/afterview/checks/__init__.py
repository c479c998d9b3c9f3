"""Deterministic guardrail checks on the notes afterview drafts (and on any note).

Pure and stdlib-only: the caller passes the guardrails folder (``load_policy``) and
a ``CheckContext``; nothing here imports the rest of afterview or pydantic.

    policy = load_policy(data_dir("guardrails"))
    report = run_checks(text, CheckContext(note_type="thank_you", recipient="Jordan Lee"), policy)
"""

from afterview.checks.addressing import personal, recipient
from afterview.checks.basic import brevity, cliches, interest, placeholders, thanks
from afterview.checks.facts import grounding
from afterview.checks.note import NoteParts, body_words, split_note
from afterview.checks.policy import Policy, PolicyError, load_policy
from afterview.checks.protected import scan_sensitive, sensitive
from afterview.checks.purpose import asks
from afterview.checks.runner import CHECKS, run_checks
from afterview.checks.types import CheckContext, Finding, Report, Severity

__all__ = [
    "CHECKS",
    "CheckContext",
    "Finding",
    "NoteParts",
    "Policy",
    "PolicyError",
    "Report",
    "Severity",
    "asks",
    "body_words",
    "brevity",
    "cliches",
    "grounding",
    "interest",
    "load_policy",
    "personal",
    "placeholders",
    "recipient",
    "run_checks",
    "scan_sensitive",
    "sensitive",
    "split_note",
    "thanks",
]
