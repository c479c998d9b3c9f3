"""The plain-address shortcut in ``addresses`` gives the standard library parser's verdict."""

from __future__ import annotations

import string
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.addresses import _DOT_ATOM, _parser_reads_back, address_problem

LOCAL_CHARS = string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~-." + ' "()<>[]:;@,\\'


@settings(max_examples=400, deadline=None)
@given(local=st.text(alphabet=LOCAL_CHARS, min_size=1, max_size=20))
def test_a_dot_atom_is_exactly_what_the_parser_reads_back(local: str) -> None:
    if _DOT_ATOM.fullmatch(local):
        assert _parser_reads_back(f"{local}@example.com"), local


def test_plain_addresses_need_no_email_package() -> None:
    code = (
        "import sys\n"
        "from afterview.addresses import address_problem\n"
        "assert address_problem('jordan.lee+jobs@northwind.example') is None\n"
        "print('email.headerregistry' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    assert address_problem("jordan..lee@example.com") is not None  # the parser still decides the rest
