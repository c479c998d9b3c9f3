"""The guardrail policy: ``guardrails/*.toml`` read, validated and compiled once.

``load_policy(directory)`` reads policy.toml (which checks run, per-type limits and
severities, the drafts bar), panel.toml (near-duplicate notes in a panel), phrases.toml
(gratitude, interest, placeholders, clichés, asks), sensitive.toml (the sensitive
rules), conduct.toml (how a note reads to a hiring manager), names.toml (people and
employers) and moment.toml (moments not to quote). Any problem raises ``PolicyError``
naming the file and the key. The result is cached per directory, so files are read
and regexes compiled once per process.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from afterview.checks.addressing import PersonalRules, RecipientRules
from afterview.checks.basic import BrevityRules, ClicheRules, InterestRules, PlaceholderRules, ThanksRules
from afterview.checks.conduct import Conduct, read_families
from afterview.checks.facts import GroundingRules
from afterview.checks.panel import PanelPolicy, load_panel_policy
from afterview.checks.patterns import GateIndex
from afterview.checks.moment import MomentRules
from afterview.checks.names import NameRules
from afterview.checks.protected import SensitiveRules
from afterview.checks.purpose import AskRules
from afterview.checks.reader import OFF, PolicyError, Section, read_toml
from afterview.checks.runner import CHECKS
from afterview.frozen import Frozen

CHECK_NAMES: tuple[str, ...] = tuple(CHECKS)
"""Every check a policy may list: the names ``run_checks`` maps to a function."""

__all__ = ["CHECK_NAMES", "Policy", "PolicyError", "TypeRules", "load_policy"]


class TypeRules(Frozen):
    """What one note type needs: its body word range and per-check severities.

    A severity is ``block``, ``warn``, ``info`` or ``off`` (the check does not run).
    ``severities`` maps each check whose strictness depends on the note type to it.
    """

    words: tuple[int, int]
    severities: Mapping[str, str]

    def severity(self, check: str) -> str:
        """The severity of ``check`` for this note type (``off`` when the type sets none)."""
        return self.severities.get(check, OFF)

    @property
    def thanks(self) -> str:
        """Severity of ``thanks``."""
        return self.severity("thanks")

    @property
    def interest(self) -> str:
        """Severity of ``interest``."""
        return self.severity("interest")

    @property
    def personal(self) -> str:
        """Severity of ``personal``."""
        return self.severity("personal")

    @property
    def asks(self) -> str:
        """Severity of ``asks``."""
        return self.severity("asks")


class Policy(Frozen):
    """Everything the checks need from ``guardrails/``, compiled. Build it with ``load_policy``.

    Attributes:
        directory: the folder it was read from.
        version: a digest of the folder's files: reports judged by another version are stale.
        checks: the checks to run, in order.
        escalate: for the drafts bar, check name -> note types it does not apply to.
        types: note type -> its rules.
    """

    directory: Path
    version: str
    checks: tuple[str, ...]
    escalate: Mapping[str, frozenset[str]]
    types: Mapping[str, TypeRules]
    brevity: BrevityRules
    recipient: RecipientRules
    personal: PersonalRules
    grounding: GroundingRules
    thanks: ThanksRules
    interest: InterestRules
    placeholders: PlaceholderRules
    cliches: ClicheRules
    asks: AskRules
    sensitive: SensitiveRules
    panel: PanelPolicy
    conduct: Conduct
    names: NameRules
    moment: MomentRules

    # One policy is one object: equal and hashed by identity (caches key on it).
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    def type_rules(self, note_type: str) -> TypeRules:
        """The rules of ``note_type``.

        Raises:
            ValueError: the policy has no such note type.
        """
        try:
            return self.types[note_type]
        except KeyError:
            known = ", ".join(self.types)
            raise ValueError(f"unknown note type {note_type!r}; the policy knows {known}") from None

    def escalates(self, check: str, note_type: str) -> bool:
        """True when the drafts bar raises ``check`` findings on ``note_type`` to block."""
        excluded = self.escalate.get(check)
        return excluded is not None and note_type not in excluded


def load_policy(directory: Path | str) -> Policy:
    """Read, validate and compile the policy in ``directory`` (cached per directory).

    Raises:
        PolicyError: a file is missing or malformed; the message names file and key.
    """
    return _load(Path(directory).resolve())


@lru_cache(maxsize=8)
def _load(directory: Path) -> Policy:
    if not directory.is_dir():
        raise PolicyError(f"{directory}: no such guardrails folder")
    gates = GateIndex()  # every gated pattern of the policy, for one lookup pass per text
    main = read_toml(directory, "policy.toml", gates)
    phrases = read_toml(directory, "phrases.toml", gates)
    sensitive = read_toml(directory, "sensitive.toml", gates)
    conduct = read_toml(directory, "conduct.toml", gates)
    names = read_toml(directory, "names.toml", gates)
    moment = read_toml(directory, "moment.toml", gates)

    checks = _read_checks(main)
    types = _read_types(main.section("types"))
    escalate = _read_escalation(main.section("drafts_bar"), types)
    asks = AskRules.read(phrases.section("asks"))
    for note_type in asks.by_type:
        if note_type not in types:
            raise phrases.error(f"asks.{note_type}", "unknown note type (not in policy.toml [types])")
    interest = InterestRules.read(phrases.section("interest"))
    for note_type in {t for _, only_for in interest.signals for t in only_for} - set(types):
        raise phrases.error("interest.signals.only_for", f"unknown note type {note_type!r}")
    policy = Policy(
        directory=directory,
        version=_version(directory),
        checks=checks,
        escalate=MappingProxyType(escalate),
        types=MappingProxyType(types),
        brevity=BrevityRules.read(main.section("brevity")),
        recipient=RecipientRules.read(main.section("recipient")),
        personal=PersonalRules.read(main.section("personal")),
        grounding=GroundingRules.read(main.section("grounding")),
        thanks=ThanksRules.read(phrases.section("thanks")),
        interest=interest,
        placeholders=PlaceholderRules.read(phrases.section("placeholders")),
        cliches=ClicheRules.read(phrases.section("cliches")),
        asks=asks,
        sensitive=SensitiveRules.read(sensitive),
        panel=load_panel_policy(directory),
        conduct=read_families(conduct),
        names=NameRules.read(names),
        moment=MomentRules.read(moment),
    )
    main.done()
    phrases.done()
    gates.freeze()
    return policy


def _version(directory: Path) -> str:
    """A short digest of every data file in the folder, in name order."""
    import hashlib  # only when the policy is read afresh: a cached one carries its version

    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*.toml")):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _read_checks(section: Section) -> tuple[str, ...]:
    names = section.strings("checks")
    for name in names:
        if name not in CHECK_NAMES:
            raise section.error("checks", f"unknown check {name!r}; known: {', '.join(CHECK_NAMES)}")
    if len(set(names)) != len(names):
        raise section.error("checks", "a check is listed twice")
    return names


def _read_types(section: Section) -> dict[str, TypeRules]:
    """``[types.<type>]``: ``words`` and a severity for each type-dependent check.

    Every type names the same checks, so no check silently goes unset for one type.
    """
    types = {}
    for note_type in section.keys():
        table = section.section(note_type)
        words = table.integer_pair("words")
        severities = {}
        for key in table.keys():
            if key == "words":
                continue
            if key not in CHECK_NAMES:
                raise table.error(key, f"unknown check {key!r}; known: {', '.join(CHECK_NAMES)}")
            severities[key] = table.severity(key, allow_off=True)
        types[note_type] = TypeRules(words=words, severities=MappingProxyType(severities))
        table.done()
    if not types:
        raise section.error("types", "no note types")
    checks = {check for rules in types.values() for check in rules.severities}
    for note_type, rules in types.items():
        missing = sorted(checks - set(rules.severities))
        if missing:
            raise section.error(f"{note_type}.{missing[0]}", "missing (every note type sets the same checks)")
    section.done()
    return types


def _read_escalation(section: Section, types: Mapping[str, TypeRules]) -> dict[str, frozenset[str]]:
    escalate = {}
    for item in section.sections("escalate"):
        check = item.choice("check", CHECK_NAMES)
        excluded = item.strings("except_types", ())
        for note_type in excluded:
            if note_type not in types:
                raise item.error("except_types", f"unknown note type {note_type!r}")
        escalate[check] = frozenset(excluded)
        item.done()
    section.done()
    return escalate
