"""``afterview config``: the settings afterview resolved, with the key masked."""

from __future__ import annotations

import argparse
import json

from afterview.cli.output import out
from afterview.errors import EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Print the resolved settings as text or JSON."""
    from afterview.config import resolve_settings
    from afterview.services import settings_report

    settings = resolve_settings(model=args.model, base_url=args.base_url, offline=args.offline)
    data = settings_report(settings)
    if args.json:
        out(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    for key, value in data.items():
        if isinstance(value, dict):
            for sub, sub_value in value.items():
                out(f"{key}.{sub:<14} {'' if sub_value is None else sub_value}")
        else:
            out(f"{key:<22} {'' if value is None else value}")
    return EXIT_OK
