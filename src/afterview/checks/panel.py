"""The ``panel`` check: notes to different interviewers must not read the same.

Interviewers on one panel compare notes, so two bodies whose words match closely
(``difflib`` ratio at or above the threshold) earn the later note a warning. Pure and
stdlib-only like the rest of ``checks``; the threshold and wording live in
``guardrails/panel.toml`` (``load_panel_policy``).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from afterview.checks.types import Finding

POLICY_FILE = "panel.toml"
_WORD = re.compile(r"[\w'’-]+")


class PanelPolicyError(ValueError):
    """``panel.toml`` is missing or malformed; the message names file and key."""


@dataclass(frozen=True, slots=True)
class PanelPolicy:
    """The panel check's data.

    Attributes:
        near_duplicate: ratio (0-1) at or above which two bodies count as near-duplicates.
        message: the finding's instruction; ``{recipient}`` and ``{percent}`` are filled in.
        suggestion: a concrete fix.
    """

    near_duplicate: float
    message: str
    suggestion: str


_FALLBACK = PanelPolicy(
    near_duplicate=0.8,
    message="This note reads almost the same as the one to {recipient} ({percent}% of the wording matches); "
    "make each note personal.",
    suggestion="",
)


def load_panel_policy(folder: Path) -> PanelPolicy:
    """Read ``panel.toml`` from the guardrails folder.

    Raises:
        PanelPolicyError: the file is missing, not TOML, or a key is missing or wrong.
    """
    path = Path(folder) / POLICY_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PanelPolicyError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PanelPolicyError(f"{path}: not valid TOML: {exc}") from None
    section = data.get("panel")
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


def panel(
    body: str,
    other_bodies: Sequence[tuple[str, str]],
    threshold: float = 0.8,
    *,
    policy: PanelPolicy | None = None,
) -> list[Finding]:
    """Warn when ``body`` nearly repeats a note to another interviewer.

    Args:
        body: the later note's body.
        other_bodies: ``(recipient name, body)`` of the notes to the other interviewers.
        threshold: ratio at or above which two bodies are near-duplicates.
        policy: the wording from ``panel.toml`` (a plain fallback when None).

    Returns:
        One ``warn`` finding (check ``panel``, no span) per recipient whose note matches.
    """
    wording = policy or _FALLBACK
    findings = []
    for recipient, other in other_bodies:
        ratio = similarity(body, other)
        if ratio >= threshold:
            findings.append(
                Finding(
                    check="panel",
                    severity="warn",
                    message=wording.message.format(recipient=recipient, percent=round(ratio * 100)),
                    suggestion=wording.suggestion or None,
                )
            )
    return findings
