"""The ``afterview`` command: argument parsing and printing only.

Business rules live in ``timing``, ``checks``, ``note_requests`` and ``writer``; each
command module turns arguments into calls to them and results into lines.
"""

from __future__ import annotations

import importlib
import sys

from afterview.cli.store_parser import STORE_COMMANDS
from afterview.errors import EXIT_INTERRUPTED, EXIT_USAGE, AfterviewError

_COMMANDS = {
    "check": "afterview.cli.check_cmd",
    "draft": "afterview.cli.draft_cmd",
    "due": "afterview.cli.due_cmd",
    "config": "afterview.cli.config_cmd",
    "eval": "afterview.cli.eval_cmd",
    **dict.fromkeys(STORE_COMMANDS, "afterview.cli.store_cmds"),
}


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 blocked, 2 usage or input error, 130 interrupted)."""
    from afterview.cli.output import error
    from afterview.cli.parser import UsageError, parse

    try:
        try:
            args = parse(argv)
        except UsageError as exc:
            error(str(exc))
            return EXIT_USAGE
        if args.command is None:
            from afterview.cli.app_cmd import run_app

            return run_app()
        module = importlib.import_module(_COMMANDS[args.command])
        return module.run(args)
    except AfterviewError as exc:
        error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep Python from
        # complaining while flushing the closed pipe at exit.
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
