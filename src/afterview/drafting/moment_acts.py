"""What a moment says someone did, said as the reader would want it told back.

A past-tense moment with no subject is the interviewer's act, and how to tell it back
depends on the act. Talk becomes what the candidate heard ("talked about her time as
a travel nurse" -> "hearing about your time as a travel nurse"; "explained the grant
timeline" -> "your explanation of the grant timeline"); a story of their own work
becomes hearing how they did it ("saved a hospital account ..." -> "hearing how you
saved a hospital account ..."); only something done in the room, to the candidate,
stays an event ("the part where you showed me the prototype"). A gerund the candidate
did not do ("shipping offline mode for riders") is a topic they heard about, not
something they enjoyed doing. A question put as "how would you ..." may have been
asked by either side, so it is told without a person: "how to explain churn to ...".

Pure and stdlib-only, like the rest of the moment rendering.
"""

from __future__ import annotations

import re

from afterview.drafting.english import IRREGULAR_PAST, lower_lead

__all__ = ["gerund_phrase", "neutral_question", "told_back"]

# "told me about X", "talked about X": what the candidate heard about.
_HEARD_ABOUT = re.compile(r"^(?:talked|spoke|told (?:me|us)|chatted|went on|joked|opened up)(?: a (?:lot|bit))? about ", re.IGNORECASE)
_STORY_OF = re.compile(r"^told (?:me |us )?(?=(?:the|a|an|your) (?:story|tale|history)\b)", re.IGNORECASE)
# Telling verbs that name what was told as a noun: "your explanation of ...".
_TOLD_AS_NOUN = {
    "explained": "your explanation of",
    "described": "your description of",
    "outlined": "your outline of",
    "summarised": "your summary of",
    "summarized": "your summary of",
}
_MENTIONED = re.compile(r"^(?:mentioned|noted|said|pointed out)(?: that)? ", re.IGNORECASE)
# What people did in their own work, told as a story ("saved a hospital account by ..."); any
# other act, or one done live in the room, stays an event ("the part where you showed me ...").
_STORY_VERBS = frozenset(
    "saved rescued turned grew cut reduced doubled halved tripled launched founded started built rebuilt redesigned "
    "moved migrated scaled won fixed solved led ran managed opened created set raised closed shipped rolled "
    "transformed overhauled rewrote reorganised reorganized negotiated recovered trained hired expanded".split()
)
_IN_THE_ROOM_CUES = re.compile(r"\b(?:live|on the spot|together|right there|in front of|after|during|today)\b", re.IGNORECASE)
_SECOND_ACT = re.compile(r"\b(?:and|then|before|after) (?:then )?(?:\w+ed|" + "|".join(sorted(IRREGULAR_PAST)) + r")\b", re.IGNORECASE)
_PERSONAL = re.compile(r"\b(?:me|my|us|our|I|I'd|I'm|I've|mine)\b")


def told_back(core: str, is_clause) -> str | None:
    """A subjectless past-tense act of the interviewer told back, or None to keep it an event.

    ``is_clause`` tells whether what follows "mentioned" is a clause ("the hospital is
    going for Magnet status") or a thing ("two more roles opening in the fall").
    """
    if _SECOND_ACT.search(core):
        return None  # "told me about the branch and asked what I'd change": two things that happened
    heard = _HEARD_ABOUT.match(core)
    if heard:
        return "hearing about " + core[heard.end():]
    story = _STORY_OF.match(core)
    if story:
        return "hearing " + core[story.end():]
    verb, _, rest = core.partition(" ")
    bare = verb.lower()
    if bare in _TOLD_AS_NOUN and rest and not rest.lower().startswith(("that ", "me ", "us ", "to ")):
        return f"{_TOLD_AS_NOUN[bare]} {rest}"
    mentioned = _MENTIONED.match(core)
    if mentioned:
        said = core[mentioned.end():]
        return ("hearing that " if is_clause(said) else "hearing about ") + said
    if bare in _STORY_VERBS and not _PERSONAL.search(core) and not _IN_THE_ROOM_CUES.search(core):
        return "hearing how you " + lower_lead(core)
    return None


# Gerunds that name how a team works, not something the candidate did in the interview.
_PRACTICES = frozenset(
    "shipping rotating migrating moving switching publishing hiring outsourcing offering using adopting replacing "
    "retiring phasing scaling automating standardising standardizing centralising centralizing expanding opening "
    "closing piloting trialling trialing launching rolling sharing running holding hosting funding partnering "
    "cutting reducing tracking logging paying onboarding recruiting capping limiting requiring letting "
    "giving sending keeping treating reviewing".split()
)


def gerund_phrase(core: str) -> str:
    """A gerund moment as the object of "I especially enjoyed ...".

    "touring the kitchen" and "debugging the flaky test together" were the candidate's;
    "shipping offline mode for riders with bad signal" is the team's practice, heard about.
    """
    first = core.split(" ", 1)[0].lower()
    if first not in _PRACTICES or _PERSONAL.search(core) or re.search(r"\b(?:you|your|together)\b", core):
        return core
    return "hearing about " + core


# "how would you explain churn to an exec?", "what do you do when ...": asked by either side.
_HYPOTHETICAL = re.compile(
    r"^(?P<wh>how|what|where|when|which \w+) (?:would|do|could|should|will|might) you (?P<verb>\w+)(?P<rest>(?: .*)?)$",
    re.IGNORECASE,
)
_STATIVE = frozenset(
    "need want like love prefer think feel know believe mean hope wish expect remember recall mind hate "
    "enjoy see consider find call say miss".split()
)


def neutral_question(core: str) -> str | None:
    """A "how would you ..." question told without a person ("how to explain churn to ..."), or None.

    None when the question holds another person ("if you could", "from me") or a verb
    that only describes a state ("what would you need ..."): those keep their wording.
    """
    match = _HYPOTHETICAL.match(core.rstrip("?").strip())
    if not match:
        return None
    verb, rest = match.group("verb"), match.group("rest")
    if verb.lower() in _STATIVE or re.search(r"\b(?:you|your|yours|yourself|I|me|my|mine|we|us|our)\b", rest, re.IGNORECASE):
        return None
    return f"{match.group('wh').lower()} to {verb.lower()}{rest}"
