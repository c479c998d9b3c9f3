"""Whether a typed email address can go into a ``To:`` or ``From:`` header as it is.

Stdlib only: the standard library's RFC 5322 parser (``email.headerregistry``) reads the
address, and the domain must be a host name within the IDNA and DNS limits. A plain
``name@example.com`` (Unicode names and domains included) passes; comments, display
names, domain literals, a backslash or a stray character anywhere do not.
"""

from __future__ import annotations

import re

MAX_ADDRESS_CHARS = 254
"""The longest address that fits SMTP's path limit (RFC 5321)."""
MAX_LOCAL_OCTETS = 64
MAX_DOMAIN_OCTETS = 253

_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
# RFC 5322's dot-atom: what nearly every address's part before the @ is. The parser
# reads such a part back unchanged, so it need not be asked (a property test holds the
# two to the same verdict); anything else (quotes, comments, stray characters) is.
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def address_problem(value: str) -> str | None:
    """Why ``value`` is not a usable email address (a phrase after "not an email
    address: "), or None when it is."""
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain:
        return "write it as name@domain, like jordan@example.com"
    if len(value) > MAX_ADDRESS_CHARS or len(local.encode()) > MAX_LOCAL_OCTETS:
        return f"it is longer than {MAX_ADDRESS_CHARS} characters, or the part before the @ than {MAX_LOCAL_OCTETS} bytes"
    ascii_domain = _ascii_domain(domain)
    if ascii_domain is None:
        return f"{domain!r} after the @ is not a domain name"
    # The parser reads ASCII mailboxes only; a Unicode one (RFC 6531) is checked for its
    # shape with each non-ASCII character standing in as a letter.
    ascii_local = _NON_ASCII.sub("a", local)
    if _DOT_ATOM.fullmatch(ascii_local) or _parser_reads_back(f"{ascii_local}@{ascii_domain}"):
        return None
    return f"{local!r} before the @ holds spaces, brackets or other characters an address cannot"


def _parser_reads_back(spec: str) -> bool:
    """Whether the standard library's parser reads ``spec`` as exactly that address."""
    # Imported here: the email package costs a read path about 8 ms.
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    try:
        return Address(addr_spec=spec).addr_spec == spec
    except (ValueError, IndexError, HeaderParseError):
        return False


def _ascii_domain(domain: str) -> str | None:
    """The domain's ASCII (IDNA) form when it is a host name within the limits, else None."""
    # An ASCII domain is its own IDNA form, and the label rule below holds it to the
    # codec's limits; the codec (and the stringprep tables it imports) is for the rest.
    if domain.isascii():
        ascii_domain = domain
    else:
        try:
            ascii_domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    labels = ascii_domain.split(".")
    if len(ascii_domain) > MAX_DOMAIN_OCTETS or len(labels) < 2 or labels[-1].isdigit():
        return None
    return ascii_domain if all(_LABEL.match(label) for label in labels) else None
