"""Keep secrets out of what afterview shows, stores and logs.

Two layers, used together by ``redact``:

- the configured key, in every form it can come back in: whole, without its ``sk-`` or
  ``sk-proj-`` prefix, cut short, in another case; any run of ``KEY_WINDOW`` of its
  characters gives a word away;
- anything that looks like a key when the key is not known (``scrub``: what the store
  migration runs over messages saved earlier): ``sk-...``, ``Bearer ...`` / ``Basic ...``,
  a long token with letters and digits a few words after "key" or "token", and any
  token of ``LONG_TOKEN_CHARS`` or more with letters and digits.

Limits of ``scrub``: a key shorter than 16 characters, or one that is not near such a
word, not ``sk-`` prefixed and shorter than ``LONG_TOKEN_CHARS``, is not recognised; long
hashes are redacted too (harmless: nobody needs them to act). Request and completion ids
(``req_...``, ``chatcmpl-...``) are kept: they help a support request.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

REDACTED = "[key]"
KEY_WINDOW = 10
"""Characters of the configured key that, found together in a word, redact that word."""
LONG_TOKEN_CHARS = 32
"""A token this long, with letters and digits, is treated as a secret even with no hint."""

_TOKEN = re.compile(r"[A-Za-z0-9_~+/=*\-]+")
_TOKEN_CLASS = r"[A-Za-z0-9_~+/=*\-]"
_LETTERS_AND_DIGITS = r"(?=[A-Za-z0-9_~+/=*\-]*\d)(?=[A-Za-z0-9_~+/=*\-]*[A-Za-z])"
# "Incorrect API key provided: proj-AbC...": a token up to two words after the hint.
_HINTED = re.compile(
    rf"(\b(?:keys?|token|secret|password|authorization)\b(?:\W{{1,3}}[A-Za-z]+){{0,2}}?\W{{1,3}})"
    rf"{_LETTERS_AND_DIGITS}{_TOKEN_CLASS}{{16,}}(?:\.{_TOKEN_CLASS}+)*",
    re.IGNORECASE,
)
_SK_OR_BEARER = re.compile(r"\bsk-[A-Za-z0-9_*\-]{4,}|\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=*\-]+", re.IGNORECASE)
# Request and completion ids are long too, but name no secret and help a support request.
_LONG_TOKEN = re.compile(rf"\b(?!req_|chatcmpl-){_LETTERS_AND_DIGITS}[A-Za-z0-9_\-]{{{LONG_TOKEN_CHARS},}}")


def redact(text: str, key: str | None = None) -> str:
    """``text`` with ``key`` (in any form) and anything key-like replaced by ``[key]``."""
    if key:
        text = _without_key(text, key)
    return scrub(text)


def scrub(text: str) -> str:
    """``text`` without anything that looks like a key; see the module's limits."""
    text = _SK_OR_BEARER.sub(REDACTED, text)
    text = _HINTED.sub(rf"\1{REDACTED}", text)
    return _LONG_TOKEN.sub(REDACTED, text)


def _without_key(text: str, key: str) -> str:
    key = key.strip()
    if not key:
        return text
    folded = key.casefold()
    if len(folded) < KEY_WINDOW:
        # A short key (a local server's): only a word that is exactly it gives it away.
        return _TOKEN.sub(lambda m: REDACTED if m.group().casefold() == folded else m.group(), text)
    text = text.replace(key, REDACTED)
    windows = {folded[i : i + KEY_WINDOW] for i in range(len(folded) - KEY_WINDOW + 1)}

    def hide(match: re.Match[str]) -> str:
        word = match.group().casefold()
        if any(word[i : i + KEY_WINDOW] in windows for i in range(len(word) - KEY_WINDOW + 1)):
            return REDACTED
        return match.group()

    return _TOKEN.sub(hide, text)


def redact_url(url: str) -> str:
    """``url`` without a user name, password or query string (which may carry a key)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))
