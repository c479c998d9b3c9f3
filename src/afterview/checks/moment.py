"""Whether the memorable moment the person noted can be quoted in a note.

A moment that touches a protected characteristic, or still holds a placeholder, would
make every draft that quotes it fail: such a moment is withheld, the note speaks of the
conversation in general, and the person is told why. ``moment_fate`` is the one place
that decides it; ``afterview.context`` asks it for every note, whichever door the note
came through, so a withheld moment is honoured by ``draft``, ``check`` and the TUI alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from afterview.checks.basic import placeholders
from afterview.checks.protected import scan_sensitive
from afterview.checks.types import CheckContext, Finding

if TYPE_CHECKING:
    from afterview.checks.policy import Policy


@dataclass(frozen=True, slots=True)
class MomentFate:
    """What becomes of one recipient's moment.

    Attributes:
        withheld: True when the note must not quote it.
        reason: why, in words for the person ("touches on age"); None when quoted.
        findings: what was found in the moment itself (spans index into the moment).
    """

    withheld: bool
    reason: str | None = None
    findings: tuple[Finding, ...] = ()


QUOTED = MomentFate(withheld=False)


def moment_fate(moment: str | None, proper_nouns: Sequence[str], policy: Policy) -> MomentFate:
    """Decide whether ``moment`` can be quoted; ``proper_nouns`` are the record's names."""
    if not moment:
        return QUOTED
    nouns = tuple(proper_nouns)
    found = scan_sensitive(moment, policy, nouns)
    found += placeholders(moment, CheckContext(proper_nouns=nouns), policy)
    if not found:
        return QUOTED
    categories = sorted({f.category for f in found if f.category})
    reason = f"touches on {', '.join(categories)}" if categories else "contains a placeholder"
    return MomentFate(withheld=True, reason=reason, findings=tuple(found))
