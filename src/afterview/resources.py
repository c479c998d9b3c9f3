"""Find the repo-root data folders (``prompts/``, ``guardrails/``).

In an installed wheel they live at ``afterview/_data/<name>`` (hatch force-include);
in a checkout or an editable install they sit at the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder holding the data set ``name`` ("prompts", "guardrails", "evals/scenarios").

    Raises:
        FileNotFoundError: when neither the installed nor the checkout location exists.
    """
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"afterview data folder {name!r} not found (looked in {installed} and {checkout})")
