"""The ``panel`` check: notes to different interviewers must not read the same.

Interviewers on one panel compare notes, so two bodies whose words match closely
(``difflib`` ratio at or above the threshold) earn the later note a warning. It runs in
the checks pipeline like every other check; the notes it compares come in the
context. The threshold and wording live in ``guardrails/panel.toml``.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from afterview.checks.note import split_note
from afterview.checks.reader import PolicyError
from afterview.checks.types import CheckContext, Finding
from afterview.frozen import Frozen

if TYPE_CHECKING:
    from afterview.checks.policy import Policy

POLICY_FILE = "panel.toml"
_WORD = re.compile(r"[\w'’-]+")


class PanelPolicyError(PolicyError):
    """``panel.toml`` is missing or malformed; the message names file and key."""


class PanelPolicy(Frozen):
    """The panel check's data.

    Attributes:
        near_duplicate: ratio (0-1) at or above which two bodies count as near-duplicates.
        message: the finding's instruction; ``{recipient}`` and ``{percent}`` are filled in.
        suggestion: a concrete fix.
    """

    near_duplicate: float
    message: str
    suggestion: str


def load_panel_policy(folder: Path) -> PanelPolicy:
    """Read ``panel.toml`` from the guardrails folder.

    Raises:
        PanelPolicyError: the file is missing, not TOML, or a key is missing or wrong.
    """
    from afterview.tomlfile import read_toml  # only when the policy is read afresh, not from the cache

    path = Path(folder) / POLICY_FILE
    section = read_toml(path, PanelPolicyError).get("panel")
    if not isinstance(section, dict):
        raise PanelPolicyError(f"{path}: [panel] table is missing")
    unknown = sorted(set(section) - {"near_duplicate", "message", "suggestion"})
    if unknown:
        raise PanelPolicyError(f"{path}: panel.{unknown[0]}: unknown key")
    ratio = section.get("near_duplicate")
    if isinstance(ratio, bool) or not isinstance(ratio, (int, float)) or not 0 < ratio <= 1:
        raise PanelPolicyError(f"{path}: panel.near_duplicate: must be a number above 0 and at most 1")
    for key in ("message", "suggestion"):
        if not isinstance(section.get(key), str):
            raise PanelPolicyError(f"{path}: panel.{key}: must be a string")
    try:
        section["message"].format(recipient="", percent=0)
    except (KeyError, IndexError, ValueError) as exc:
        raise PanelPolicyError(f"{path}: panel.message: only {{recipient}} and {{percent}} can be filled ({exc})") from None
    return PanelPolicy(float(ratio), section["message"], section["suggestion"])


def similarity(first: str, second: str) -> float:
    """How closely two notes' words match: difflib ratio over case-folded words (0-1)."""
    words_a = [word.casefold() for word in _WORD.findall(first)]
    words_b = [word.casefold() for word in _WORD.findall(second)]
    if not words_a or not words_b:
        return 0.0
    # autojunk would treat frequent words ("the", "you") as junk in longer notes.
    return difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def panel(text: str, context: CheckContext, policy: Policy) -> list[Finding]:
    """Warn when this note nearly repeats a note to another interviewer of the panel.

    ``context.other_notes`` holds the notes the panel may read side by side with this
    one: the latest draft to every other recipient and every note already sent. The
    bodies are compared without subject, greeting and sign-off, whatever the caller
    passed, so a stored draft and the same text checked from a file compare alike.
    """
    if not context.other_notes:
        return []
    wording = policy.panel
    body = note_body(text)
    findings: list[Finding] = []
    seen: set[str] = set()
    for recipient, other in context.other_notes:
        ratio = similarity(body, note_body(other))
        if ratio >= wording.near_duplicate and recipient not in seen:
            seen.add(recipient)
            findings.append(
                Finding(
                    check="panel",
                    severity="warn",
                    message=wording.message.format(recipient=recipient, percent=round(ratio * 100)),
                    suggestion=wording.suggestion or None,
                )
            )
    return findings


def note_body(text: str) -> str:
    """The body paragraphs of a note (what interviewers would compare)."""
    start, end = split_note(text).body
    return text[start:end]
