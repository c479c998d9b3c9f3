"""The checks' own types: frozen records (``afterview.frozen``), so ``checks`` needs no pydantic (and no dataclasses).

A check is a plain function ``(text, context, policy) -> list[Finding]``; ``run_checks``
folds the findings of every check the policy lists into a ``Report``. ``Finding`` and
``Report`` live in ``afterview.findings`` (the layers below the checks carry them).
"""

from __future__ import annotations

from datetime import date

from afterview.findings import SEVERITIES, Finding, Report, Severity
from afterview.frozen import Frozen

__all__ = ["SEVERITIES", "CheckContext", "Finding", "Report", "Severity"]


class CheckContext(Frozen):
    """What the checks know about the note beyond its text. All optional.

    Built from the interview record by the caller (``afterview.context``); ``check`` on a
    bare file uses ``CheckContext(note_type=...)`` and the record-dependent checks
    (``recipient``, ``personal``, ``grounding``) stay silent.

    Attributes:
        note_type: one of the six note types.
        recipient: the interviewer the note goes to.
        address_as: how the record says to greet them ("Dr. Okonkwo", "Bob"), if it says.
        moment: the memorable moment noted for the recipient.
        moment_withheld: the moment itself touched a protected characteristic, so the
            note speaks of the conversation in general and ``personal`` only warns.
        proper_nouns: the record's own names (people, company, role, award, offer's
            company), masked before ``sensitive`` and ``placeholders`` run.
        record_texts: every text value of the record, for ``grounding``.
        record_dates: every date of the record, for ``grounding``.
        award: the award's name, for ``asks`` on award_update.
        deadline: the competing offer's decision deadline, for ``asks`` on competing_offer.
        has_record: True when the context was built from an interview record.
        withheld_reason: why the moment is withheld, in words that name no characteristic
            ("touches a protected characteristic", "holds a web address"), when it is.
        other_notes: ``(recipient, text)`` of the notes the panel may read beside this
            one (the latest draft to every other recipient, and every note sent), for
            the ``panel`` check.
        company: the employer the note is written to, for ``names``.
        people: everyone the record names (interviewers, candidate), for ``names``.
        status: the interview's status (``awaiting``, ``offered``...), for ``presumption``.
        has_offer: the record holds a competing offer, for ``bluff``.
        offer_company: the competing offer's employer, which no note names (naming it
            reads as leverage), for ``employer``.
        signature: the name the note is signed with and the lines of the signature
            block, as the record or the profile gives them (masked before
            ``placeholders`` runs: "[B]" as someone's signature is their text, not a slot).
    """

    note_type: str = "thank_you"
    recipient: str | None = None
    address_as: str | None = None
    moment: str | None = None
    moment_withheld: bool = False
    proper_nouns: tuple[str, ...] = ()
    record_texts: tuple[str, ...] = ()
    record_dates: tuple[date, ...] = ()
    award: str | None = None
    deadline: date | None = None
    has_record: bool = False
    withheld_reason: str | None = None
    other_notes: tuple[tuple[str, str], ...] = ()
    company: str | None = None
    people: tuple[str, ...] = ()
    status: str | None = None
    has_offer: bool = False
    offer_company: str | None = None
    signature: tuple[str, ...] = ()
