"""The shape of a note: subject line, greeting, body, sign-off and signature.

``split_note`` finds the parts; ``body_words`` counts the words the brevity check
counts (the body only). Both take no policy so the TUI can show a live word count
without loading one; the vocabulary of greetings and sign-offs is therefore grammar
kept here, not policy kept in ``guardrails/``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from afterview.frozen import Frozen

Span = tuple[int, int]

_SUBJECT = re.compile(r"[ \t]*subject[ \t]*:(?P<value>[^\n]*)", re.I)

# "Dear Jordan,", "Hi Jordan, thank you..." (the greeting ends at its punctuation),
# "Hello Ms. Lee,", "Good morning Jordan", "Kia ora Simon," on a line of its own. A
# greeting line that ends in its punctuation may hold a long name (up to twelve tokens);
# otherwise at most five, so a sentence that merely starts with "Hi" is not swallowed.
_GREETING = re.compile(
    r"[ \t]*(?:dear|hi|hello|hey|hiya|howdy|g'day|greetings|good[ \t]+(?:morning|afternoon|evening|day)"
    r"|kia[ \t]+ora)\b"
    r"(?:(?:[ \t]+[^\s,:;!]+){0,12}?[ \t]*[,:;!][ \t]*$"
    r"|(?:[ \t]+[^\s,:;!]+){0,5}?[ \t]*(?:[,:;!\u2014\u2013]|-(?=\s)|$))",
    re.I,
)
# A bare "Jordan," or "Ms. Lee," line also opens a note.
_NAME_GREETING = re.compile(r"[ \t]*[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,2}[ \t]*,[ \t]*$")

_GRATITUDE_SIGN_OFFS = (
    r"thanks(?:[ \t]+(?:again|so[ \t]+much))?|thank[ \t]+you(?:[ \t]+(?:again|so[ \t]+much))?|many[ \t]+thanks"
)
_OTHER_SIGN_OFFS = (
    r"best(?:[ \t]+(?:regards|wishes))?|(?:kind|kindest|warm|warmest|best)[ \t]+(?:regards|wishes)|regards"
    r"|sincerely(?:[ \t]+yours)?|yours[ \t]+(?:sincerely|truly|faithfully)|respectfully(?:[ \t]+yours)?"
    r"|all[ \t]+the[ \t]+best|cheers|warmly|gratefully|take[ \t]+care|talk[ \t]+soon"
    r"|with[ \t]+(?:gratitude|appreciation|thanks|best[ \t]+wishes|warm[ \t]+regards)"
)
# A whole line: the sign-off alone, or a non-gratitude one with the name after a comma
# ("Best, Sam"). "Thanks, Jordan" is an address, not a sign-off, so it is not split.
_SIGN_OFF = re.compile(
    rf"[ \t]*(?:(?P<thanks>{_GRATITUDE_SIGN_OFFS})[ \t]*[,.!]?"
    rf"|(?P<other>{_OTHER_SIGN_OFFS})[ \t]*(?:[,.!\u2014\u2013-][ \t]*(?P<name>[A-Z][^\n,]{{0,58}}?))?[,.!]?)[ \t]*$",
    re.I,
)
# Cheap pre-test before the sign-off regex: the first word of every sign-off above.
_SIGN_OFF_FIRST_WORDS = frozenset(
    "thanks thank many best kind kindest warm warmest regards sincerely yours respectfully"
    " all cheers warmly gratefully take talk with".split()
)
# Greeting-only and sign-off lines are short; longer lines are not tried against the
# line-anchored patterns at all (which also keeps them linear on odd input).
_SHORT_LINE = 100
_SIGNATURE_MAX_LINES = 6
_SIGNATURE_LINE_MAX_WORDS = 12
_SIGN_OFF_SEARCH_LINES = 7

RECENT_TEXTS = 16
"""Texts whose parts (and analysis, see ``checks.text``) are remembered: every check of
a note asks for the same one, and a few threads (the TUI's workers) may check at once.
Remembering more only costs: evicting an entry hundreds of notes old frees objects
long out of the processor's caches."""

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# How ``count_words`` reads each ASCII character: letters and digits as "a", the rest as
# a space (the joiners _ ' - are then deleted).
_ASCII_WORDS = bytes(ord("a") if chr(c).isalnum() else 32 for c in range(128)) + bytes(128)


class NoteParts(Frozen):
    """Where each part of a note sits, as (start, end) offsets into the text.

    Offsets are 0-based and end-exclusive. ``body`` is always present (it may be
    empty); the other parts are None when the note has none.

    Attributes:
        subject: the subject's value on a leading ``Subject:`` line.
        greeting: "Dear Jordan," (up to and including its punctuation).
        body: everything between the greeting and the sign-off.
        sign_off: "Best regards," / "Thanks," when it closes the note.
        signature: the name and any lines under it.
    """

    subject: Span | None
    greeting: Span | None
    body: Span
    sign_off: Span | None
    signature: Span | None


def count_words(text: str) -> int:
    """Count runs of letters, digits, apostrophes and hyphens holding a letter or digit.

    A double hyphen ("--") separates words, as a typed dash does.
    """
    if "--" in text:
        text = text.replace("--", "  ")
    if not text.isascii():
        # Each other character (a note holds few kinds) becomes what counts the same: a
        # letter, nothing (a curly apostrophe joins a word, as "'" does) or a space.
        for char in non_ascii_chars(text):
            text = text.replace(char, "a" if char.isalnum() else "" if char == "\u2019" else " ")
    # Letters and digits become "a", other separators spaces, and the joiners (_ ' -)
    # vanish, so a lone "-" leaves no word; a word is then where an "a" follows a space.
    return (b" " + text.encode("ascii").translate(_ASCII_WORDS, b"_'-")).count(b" a")


def non_ascii_chars(text: str) -> set[str]:
    """The distinct characters of ``text`` outside ASCII (a note holds few kinds: one
    scan in C, then each is judged once)."""
    return set(_NON_ASCII.findall(text))


@lru_cache(maxsize=RECENT_TEXTS)
def split_note(text: str) -> NoteParts:
    """Split a note into subject, greeting, body, sign-off and signature.

    Accepts a leading ``Subject:`` line, any common greeting, and a sign-off line
    followed only by the signature ("Thanks," counts as a sign-off only there).
    """
    lines = _lines(text)
    cursor = 0
    first = 0
    subject: Span | None = None
    if lines:
        match = _SUBJECT.match(text, *lines[0])
        if match:
            subject = _strip(text, match.span("value"))
            cursor = lines[0][1]
            first = 1

    greeting: Span | None = None
    if first < len(lines):
        start, end = lines[first]
        match = _GREETING.match(text, start, end)
        if match is None and end - start <= _SHORT_LINE:
            name = _NAME_GREETING.match(text, start, end)
            if name and not _SIGN_OFF.match(text, start, end):
                match = name
        if match:
            greeting = _strip(text, match.span())
            cursor = match.end()
            if not text[match.end() : end].strip():
                first += 1

    sign_off, signature = _find_closing(text, lines[first:])
    body_end = sign_off[0] if sign_off else len(text)
    body = _strip(text, (cursor, max(cursor, body_end)))
    return NoteParts(subject=subject, greeting=greeting, body=body, sign_off=sign_off, signature=signature)


def body_words(text: str) -> int:
    """Words in the note's body: what the brevity check counts and the TUI shows."""
    start, end = split_note(text).body
    return count_words(text[start:end])


def _find_closing(text: str, lines: list[Span]) -> tuple[Span | None, Span | None]:
    """Find the sign-off line nearest the end that only the signature follows."""
    for k in range(len(lines) - 1, max(-1, len(lines) - 1 - _SIGN_OFF_SEARCH_LINES), -1):
        after = lines[k + 1 :]
        if len(after) > _SIGNATURE_MAX_LINES:
            break
        # A line of n characters holds at most (n + 1) // 2 words: most are not counted.
        first_after = after[0] if after else None
        if first_after and first_after[1] - first_after[0] > 2 * _SIGNATURE_LINE_MAX_WORDS:
            if count_words(text[first_after[0] : first_after[1]]) > _SIGNATURE_LINE_MAX_WORDS:
                break  # too long for a signature, so no earlier line closes the note either
        if lines[k][1] - lines[k][0] > _SHORT_LINE:
            continue  # a sign-off line is short; the regex need not see long ones
        first_word = text[lines[k][0] : lines[k][1]].split(maxsplit=1)[0].rstrip(",.!").lower()
        if first_word not in _SIGN_OFF_FIRST_WORDS:
            continue
        match = _SIGN_OFF.match(text, *lines[k])
        if match is None:
            continue
        if match.group("thanks") and not after:
            continue  # a last "Thank you!" with no name under it is still the body's
        if match.group("name"):
            sign_off = _strip(text, (lines[k][0], match.start("name")))
            return sign_off, _strip(text, (match.start("name"), lines[-1][1]))
        signature = _strip(text, (after[0][0], after[-1][1])) if after else None
        return _strip(text, lines[k]), signature
    return None, None


def _lines(text: str) -> list[Span]:
    """The spans of the lines of ``text`` that hold more than whitespace (no line break)."""
    lines = []
    start = 0
    for line in text.split("\n"):  # quicker than a regex over the text
        end = start + len(line)
        if line and not line.isspace():
            lines.append((start, end))
        start = end + 1
    return lines


def _strip(text: str, span: Span) -> Span:
    """Shrink a span so it neither starts nor ends with whitespace."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
