"""Guess the company and the role from an invite's title and the organizer's domain.

Pure and stdlib only. A guess, never a fact: the CLI prints it and the form shows it for
the person to confirm. Titles come in a few shapes, and each is read the same way:

- ``Data Analyst at Northwind Analytics``, ``Interview with Northwind for Data Analyst``
  (a connector says which side is which);
- ``Northwind Analytics - Data Analyst Interview``, ``Interview: Data Analyst | Northwind``,
  ``Sam Rivera <> Northwind (Data Analyst)`` (parts split at separators; the part that
  names a job title is the role, the part that matches the organizer's domain, else the
  part left over, is the company).

Words about the meeting itself ("interview", "onsite", "round 2", "Zoom meeting") and the
names of the people invited are dropped first. With no company in the title, the
organizer's domain gives one (``northwind-analytics.example`` -> ``Northwind Analytics``),
unless it is a mail provider or a scheduling service.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ROLE_WORDS = frozenset(
    """
    accountant administrator advisor analyst architect assistant associate attorney auditor
    buyer chef clerk coach consultant coordinator counsel designer developer director
    economist editor engineer executive fellow head intern journalist lawyer lead lecturer
    manager marketer nurse officer operator partner pharmacist physician planner president
    principal producer professor programmer recruiter representative researcher scientist
    specialist statistician strategist supervisor teacher technician therapist trainee
    vp writer sre devops swe pm
    """.split()
)
"""Words that make a part of the title a job title ("Senior Data Analyst")."""

# Words about the meeting. In a part that names a job, only the nouns go ("Technical
# Program Manager Interview" keeps "Technical"), and at its edges the words no job title
# starts or ends with ("Final round Data Analyst").
_MEETING_NOUNS = (
    r"invitation|updated invitation|interviews?|interviewing|meeting|call|chat|conversation|screen(?:ing)?"
    r"|round(?:\s*\d+)?|stage(?:\s*\d+)?|loop|zoom|microsoft teams|teams|google meet|webex|on-?site"
)
_EDGE_QUALIFIERS = r"final|first|second|third|1st|2nd|3rd|\d+(?:st|nd|rd|th)|panel|virtual|phone|hiring manager|follow-?up"
_MEETING_WORDS = re.compile(rf"\b(?:{_MEETING_NOUNS}|{_EDGE_QUALIFIERS}|video|technical|behaviou?ral)\b", re.IGNORECASE)
_NOUNS_ONLY = re.compile(rf"\b(?:{_MEETING_NOUNS})\b", re.IGNORECASE)
_AT_EDGES = re.compile(rf"^(?:(?:{_EDGE_QUALIFIERS})\b\W*)+|(?:\W*\b(?:{_EDGE_QUALIFIERS}))+$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[-–—|/~•]\s+|\s*[:|]\s+|\s+<>\s+|\s+x\s+|\s*[()\[\]]\s*|,\s+")
_AT = re.compile(r"^(?P<role>.+?)\s+(?:at|@)\s+(?P<company>.+)$", re.IGNORECASE)
_WITH_FOR = re.compile(r"^(?:with\s+)?(?P<company>.+?)\s+for\s+(?:the\s+)?(?P<role>.+?)(?:\s+(?:role|position))?$", re.IGNORECASE)
_FOR_WITH = re.compile(r"^(?:for\s+)?(?:the\s+)?(?P<role>.+?)(?:\s+(?:role|position))?\s+with\s+(?P<company>.+)$", re.IGNORECASE)
_EDGE_WORDS = re.compile(r"^(?:(?:with|for|at|and|the|a|an|re|fwd?)\b\W*)+|(?:\W*\b(?:with|for|at|and|role|position))+$", re.IGNORECASE)
_WORD = re.compile(r"[\w'’&.+-]+")

_NOT_EMPLOYERS = frozenset(
    """
    gmail.com googlemail.com outlook.com hotmail.com live.com msn.com yahoo.com ymail.com icloud.com
    me.com mac.com aol.com proton.me protonmail.com gmx.com gmx.net gmx.de web.de mail.com fastmail.com
    zoho.com yandex.com calendar.google.com group.calendar.google.com resource.calendar.google.com
    zoom.us zoom.com teams.microsoft.com greenhouse.io lever.co goodtime.io calendly.com workday.com
    myworkday.com icims.com smartrecruiters.com ashbyhq.com gem.com modernloop.io hirevue.com
    """.split()
)
"""Domains that say nothing about the employer: mail providers and scheduling services."""
_SECOND_LEVEL = frozenset({"co", "com", "ac", "org", "net", "gov", "edu", "ne", "or"})


@dataclass(frozen=True, slots=True)
class Guess:
    """What the title and domains suggest; ``company_from`` says where the company came from."""

    company: str | None
    role: str | None
    company_from: str | None = None


def guess(summary: str, *, people: Iterable[str] = (), domains: Sequence[str] = ()) -> Guess:
    """Company and role from ``summary``, helped by the ``domains`` of the organizer first.

    Args:
        summary: the event's title.
        people: names of everyone invited (the candidate too), dropped from the title.
        domains: email domains, the organizer's first; mail providers are ignored.
    """
    stems = [(domain, stem) for domain in domains if (stem := employer_stem(domain))]
    text = _without_people(summary, people)
    company, role = _by_connector(text)
    if company is None:
        company, role = _by_parts(text, [stem for _, stem in stems])
    if company:
        return Guess(company, role, "the title")
    if stems:
        domain, stem = stems[0]
        return Guess(" ".join(part.capitalize() for part in stem.split("-") if part), role, f"the email domain {domain}")
    return Guess(None, role)


def employer_stem(domain: str) -> str | None:
    """The label that names the organisation in ``domain`` (``jobs.northwind.co.uk`` -> ``northwind``)."""
    domain = domain.casefold().strip(".")
    if domain in _NOT_EMPLOYERS or any(domain.endswith("." + other) for other in _NOT_EMPLOYERS):
        return None
    labels = domain.split(".")
    if len(labels) < 2:
        return None
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return labels[-3]
    return labels[-2]


def is_role(text: str) -> bool:
    """Whether ``text`` reads like a job title: it holds one of ``ROLE_WORDS``."""
    return any(word.casefold().strip(".") in ROLE_WORDS for word in _WORD.findall(text))


def _without_people(summary: str, people: Iterable[str]) -> str:
    text = " ".join(summary.split())
    for name in sorted({" ".join(p.split()) for p in people if p.strip()}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?:['’]s)?(?!\w)", " ", text, flags=re.IGNORECASE)
    return text


def _tidy(part: str) -> str:
    if is_role(part):
        part = _AT_EDGES.sub("", " ".join(_NOUNS_ONLY.sub(" ", part).split()))
    else:
        part = _MEETING_WORDS.sub(" ", part)
    part = " ".join(part.split()).strip(" -–—|:,;/&+")
    return _EDGE_WORDS.sub("", part).strip(" -–—|:,;/&+")


def _by_connector(text: str) -> tuple[str | None, str | None]:
    """``role at company``, ``company for role``, ``role with company``, in one part."""
    for part in _SEPARATORS.split(text):
        tidy = " ".join(_NOUNS_ONLY.sub(" ", part).split())
        for pattern in (_AT, _WITH_FOR, _FOR_WITH):
            match = pattern.match(tidy)
            if match and is_role(match["role"]) and not is_role(match["company"]):
                company, role = _tidy(match["company"]), _tidy(match["role"])
                if company and role:
                    return company, role
    return None, None


def _by_parts(text: str, stems: Sequence[str]) -> tuple[str | None, str | None]:
    """Split at separators: the job title is the role; the domain's part, or the rest, the company."""
    parts = [tidy for part in _SEPARATORS.split(text) if (tidy := _tidy(part))]
    roles = [part for part in parts if is_role(part)]
    role = roles[0] if roles else None
    rest = [part for part in parts if part is not role]
    company = next((part for part in rest if any(_matches(part, stem) for stem in stems)), None)
    if company is None and len(rest) == 1:
        company = rest[0]
    return company, role


def _matches(part: str, stem: str) -> bool:
    squeezed = re.sub(r"[\W_]+", "", part).casefold()
    stem = re.sub(r"[\W_]+", "", stem).casefold()
    return len(squeezed) >= 3 and len(stem) >= 3 and (stem in squeezed or squeezed in stem)
