"""What a moment says someone did, said as the reader would want it told back.

A past-tense moment with no subject is the interviewer's act, and how to tell it back
depends on the act. Talk becomes what the candidate heard ("talked about her time as
a travel nurse" -> "hearing about your time as a travel nurse"; "explained the grant
timeline" -> "your explanation of the grant timeline"); a story of their own work
becomes hearing how they did it ("saved a hospital account ..." -> "hearing how you
saved a hospital account ..."); only something done in the room, to the candidate,
stays an event ("the part where you showed me the prototype"). A gerund the candidate
did not do ("shipping offline mode for riders") is a topic they heard about, not
something they enjoyed doing. A question typed with "you" as its subject ("how would you
explain churn to an exec?") was the interviewer's, put to the candidate: "your question
about how I would explain churn ...", unless it asks about the reader's own workplace.

Pure and stdlib-only, like the rest of the moment rendering.
"""

from __future__ import annotations

import re

from afterview.checks.patterns import LazyRegex
from afterview.drafting.english import IRREGULAR_PAST, lower_lead

__all__ = ["asked_of_candidate", "condition_last", "gerund_phrase", "mishap_phrase", "told_back"]


# "told me about X", "talked about X": what the candidate heard about.
_HEARD_ABOUT = LazyRegex(r"^(?:talked|spoke|told (?:me|us)|chatted|went on|joked|opened up)(?: a (?:lot|bit))? about ", re.IGNORECASE)
_STORY_OF = LazyRegex(r"^told (?:me |us )?(?=(?:the|a|an|your) (?:story|tale|history)\b)", re.IGNORECASE)
# Telling verbs that name what was told as a noun: "your explanation of ...".
_TOLD_AS_NOUN = {
    "explained": "your explanation of",
    "described": "your description of",
    "outlined": "your outline of",
    "summarised": "your summary of",
    "summarized": "your summary of",
}
_MENTIONED = LazyRegex(r"^(?:mentioned|noted|said|pointed out)(?: that)? ", re.IGNORECASE)
# What people did in their own work, told as a story ("saved a hospital account by ..."); any
# other act, or one done live in the room, stays an event ("the part where you showed me ...").
_STORY_VERBS = frozenset(
    "saved rescued turned grew cut reduced doubled halved tripled launched founded started built rebuilt redesigned "
    "moved migrated scaled won fixed solved led ran managed opened created set raised closed shipped rolled "
    "transformed overhauled rewrote reorganised reorganized negotiated recovered trained hired expanded".split()
)
_IN_THE_ROOM_CUES = LazyRegex(r"\b(?:live|on the spot|together|right there|in front of|after|during|today)\b", re.IGNORECASE)
_SECOND_ACT = LazyRegex(r"\b(?:and|then|before|after) (?:then )?(?:\w+ed|" + "|".join(sorted(IRREGULAR_PAST)) + r")\b", re.IGNORECASE)
_PERSONAL = LazyRegex(r"\b(?:me|my|us|our|I|I'd|I'm|I've|mine)\b")


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


# A question with "you" as its subject ("how would you explain churn to an exec?", "whats the worst
# bug youve shipped") was put to the candidate: interviews are questions asked of them. These
# cues mark one the candidate asked instead, about the reader and their workplace.
_YOU_SUBJECT = LazyRegex(r"\byou(?:'d|'ve|'re|'ll)?\b(?!r)", re.IGNORECASE)
# What marks a question about the reader themselves, whatever else it asks.
_ABOUT_THEM_CUES = (
    r"(?:made|brought|keeps?|kept|surprised|got|drew|led) you|you (?:wish|like|love|enjoy|miss)|"
    r"me|my|mine|myself|I|I'd|I'm|I've"
)
_ASKED_OF_THEM = LazyRegex(
    r"\b(?:here|join(?:ing|ed)?|working (?:here|at|for)|(?:this|the|your) (?:company|firm|team|practice|unit|school|"
    r"hospital|kitchen|lab|office|ward|store|studio|agency|department|clinic|newsroom|org|organi[sz]ation)|"
    r"your (?:favou?rite|own)|" + _ABOUT_THEM_CUES + r")\b",
    re.IGNORECASE,
)


_HYPOTHETICAL = LazyRegex(r"\b(?:would|could|might|'d) you\b|\byou'd\b|\bif you\b", re.IGNORECASE)
_ABOUT_THEM = LazyRegex(r"\b(?:" + _ABOUT_THEM_CUES + r")\b", re.IGNORECASE)


def asked_of_candidate(typed: str) -> bool:
    """Whether a typed question was the interviewer's to the candidate: "you" leads it, nothing marks it theirs.

    A hypothetical ("what would you change if you ran the ward?") is an interview question
    even when it names the workplace; only the candidate's own words or the reader's
    choices ("what made you ...") mark it as the candidate's.
    """
    if not _YOU_SUBJECT.search(typed):
        return False
    cues = _ABOUT_THEM if _HYPOTHETICAL.search(typed) else _ASKED_OF_THEM
    return not cues.search(typed)


# "if you had a week with no meetings, what would you build": the condition goes after the question.
_CONDITION_FIRST = LazyRegex(r"^(?P<condition>if\s[^?]+?),?\s+(?P<question>(?:what|how|where|which|who|why|when)\b.*)$", re.IGNORECASE)


def condition_last(question: str) -> tuple[str, str]:
    """A question that opens with its "if" clause, split as (question, condition); else (question, "")."""
    match = _CONDITION_FIRST.match(question)
    return (match.group("question"), match.group("condition")) if match else (question, "")


# A mishap is not something enjoyed: "the fire alarm going off", "your dog crashed the call",
# "I spilled my coffee". What a note can thank them for is how they took it.
_MISHAP_THING = LazyRegex(
    r"\b(?:alarm|fire drill|dog|puppy|cat|baby|toddler|kids?|child|phone|laptop|wifi|wi-fi|internet|connection|zoom|"
    r"teams|video|call|power|coffee|tea|water|mic|microphone|camera|screen|printer|projector|lights|siren|doorbell)\b",
    re.IGNORECASE,
)
_MISHAP_EVENT = LazyRegex(
    r"\b(?:went off|going off|goes off|crash(?:ed|ing|es)?|interrupt(?:ed|ing|s)?|bark(?:ed|ing|s)?|buzz(?:ed|ing|es)|"
    r"rang|ringing|spill(?:ed|ing|s)?|spilt|knock(?:ed|ing)? over|froze|freez(?:ing|es)|frozen|cut(?:ting)? out|"
    r"dropp(?:ed|ing) out|died|dying|dies|glitch(?:ed|ing)?|lagg(?:ed|ing)|walk(?:ed|ing|s) (?:in|across|over|onto)|burst in|"
    r"wander(?:ed|ing|s) in|jump(?:ed|ing|s) (?:on|onto|into)|went out|went dead|"
    r"kept (?:buzzing|ringing|barking|cutting|dropping|freezing|crying))\b",
    re.IGNORECASE,
)
_MY_BLUNDER = LazyRegex(
    r"^I (?:(?:accidentally|totally|completely|nearly|almost) )?(?:spilled|spilt|dropped|knocked|tripped|forgot|blanked|froze|"
    r"messed up|mixed up|was late|arrived late|got lost|turned up late|showed up late|called you|misread|mispronounced|"
    r"stumbled|rambled|lost my train)\b",
    re.IGNORECASE,
)


def mishap_phrase(core: str) -> str | None:
    """A moment that is a mishap, told as how the reader took it; None for any other moment.

    "I spilled my coffee" -> "how kind you were when I spilled my coffee"; "your dog crashed
    the call" -> "how easily you took it in your stride when your dog crashed the call";
    "the fire alarm going off" -> "how easily you took the fire alarm going off in your stride".
    """
    if _MY_BLUNDER.match(core):
        return "how kind you were when " + core
    event = _MISHAP_EVENT.search(core)
    if not (_MISHAP_THING.search(core) and event):
        return None
    lead = core[: event.start()]
    if re.search(r"\b(?:when|as|after|while|during)\b", lead) and lead.split(" ", 1)[0].lower() in _LEADS:
        return None  # "her laugh when the zoom froze": the moment is the laugh
    before = lead.rstrip().rsplit(" ", 1)[-1].lower()
    happening = event.group(0).split(" ")[0].lower().endswith("ing") and before not in ("is", "was", "were", "are", "kept", "keeps")
    text = re.sub(r"^(?:when|while|as|after)\s+", "", lower_lead(core), flags=re.IGNORECASE)  # the frame says "when"
    first = text.split(" ", 1)[0]
    if first.isalpha() and first.islower() and first not in _LEADS:
        text = "the " + text  # "fire alarm went off" -> "the fire alarm went off"
    if happening:  # "the fire alarm going off": a thing that happened
        return f"how easily you took {text} in your stride"
    return f"how easily you took it in your stride when {text}"


_LEADS = frozenset("the a an your my our their his her its this that these those you we they he she it there".split())
