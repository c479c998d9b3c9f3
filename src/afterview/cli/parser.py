"""The argument parser: every command's flags, and nothing that is slow to import.

Commands are implemented in their own modules, imported only when they run, so
``afterview check`` never pays for pydantic, textual or openai.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from datetime import date
from typing import NoReturn

from afterview.dates import date_problem
from afterview.notes import NOTE_TYPES, TONE_VALUES as TONES


_HELP_WIDTH = 80


class UsageError(Exception):
    """A command-line usage problem; exits 2 with one line."""


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, asking the terminal for its width once per run.

    argparse builds a formatter for every argument it adds (to check its metavar), and
    each one asks the terminal: with every command's flags that is a noticeable part of
    ``afterview check``'s start-up.
    """

    _width: int | None = None

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        if width is None:
            if _Formatter._width is None:
                import shutil

                _Formatter._width = shutil.get_terminal_size().columns - 2
            width = _Formatter._width
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one line (no usage block) and exits 2."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # noqa: D401 - argparse API
        # "afterview sent" -> "sent: ...": the line already starts "afterview: error:".
        command = self.prog.removeprefix("afterview").strip()
        raise UsageError(f"{command}: {message}" if command else message)


def iso_date(value: str) -> date:
    """argparse type for YYYY-MM-DD dates."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (write it as YYYY-MM-DD)") from None
    if problem := date_problem(day):
        raise argparse.ArgumentTypeError(problem)
    return day


def variant_count(value: str) -> int:
    """argparse type for --variants: 1 to 10."""
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= count <= 10:
        raise argparse.ArgumentTypeError(f"{count} is out of range (1-10)")
    return count


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``afterview`` parser with all subcommands, or with ``command`` alone.

    Parsing a command line only needs the command it names (argparse hands the rest of
    the line to that subparser), and building every command's flags costs a few ms of
    ``afterview check``'s start-up; ``parse`` therefore builds just that one.
    """
    from afterview import __version__

    parser = _Parser(
        prog="afterview",
        description="Draft, check and time the notes that follow a job interview. "
        "Run without a command to open the app.",
        epilog=_examples(("afterview", "afterview add --ics invite.ics", "afterview due", "afterview check note.txt")),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"afterview {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    from afterview.cli.store_parser import STORE_BUILDERS

    for name, add in {**_BUILDERS, **STORE_BUILDERS}.items():
        if command is None or name == command:
            add(commands)
    return parser


def _add_check(commands) -> None:
    check = add_command(
        commands, "check", "check notes against the guardrails, as a linter would",
        "afterview check --from interview.toml --to Jordan note.txt",
        "pbpaste | afterview check --type follow_up -",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="note files to check; - reads stdin")
    check.add_argument("--type", dest="note_type", choices=NOTE_TYPES, default="thank_you", help="note type (default thank_you)")
    record = check.add_mutually_exclusive_group()
    record.add_argument("--from", dest="interview", metavar="INTERVIEW.toml", help="interview file the note is about")
    record.add_argument("--interview", dest="interview_id", type=int, metavar="ID", help="a stored interview (its drafts and sent notes count for the panel check)")
    check.add_argument("--to", dest="to", metavar="NAME", help="the interviewer the note goes to (a unique first name is enough)")
    check.add_argument("--strict", action="store_true", help="hold the note to the bar afterview holds its own drafts to")
    check.add_argument("--json", action="store_true", help="JSON Lines output")


def _add_draft(commands) -> None:
    draft = add_command(
        commands, "draft", "draft a note (LLM when configured, else offline templates), checked",
        "afterview draft --from interview.toml --type thank_you",
        "afterview draft --interview 3 --type follow_up --tone formal --variants 3 --offline",
    )
    source = draft.add_mutually_exclusive_group(required=True)
    source.add_argument("--from", dest="interview", metavar="INTERVIEW.toml", help="interview file")
    source.add_argument("--interview", dest="interview_id", type=int, metavar="ID", help="a stored interview")
    draft.add_argument("--type", dest="note_type", choices=NOTE_TYPES, required=True, help="note type")
    draft.add_argument("--to", dest="to", metavar="NAME", help="recipient (default: every interviewer for a thank-you, else the contact)")
    draft.add_argument("--tone", choices=TONES, default="warm", help="tone (default warm)")
    draft.add_argument("--variants", type=variant_count, default=1, metavar="N", help="distinct drafts to write (default 1)")
    add_llm_flags(draft)
    draft.add_argument("--json", action="store_true", help="JSON Lines output, one object per draft")


def _add_due(commands) -> None:
    due = add_command(commands, "due", "which notes are due, and when, most urgent first",
                      "afterview due", "afterview due --from interview.toml --today 2026-12-01 --all")
    due.add_argument("--from", dest="interview", metavar="INTERVIEW.toml", help="one interview file (default: every stored interview)")
    due.add_argument("--today", type=iso_date, metavar="DATE", help="pretend today is DATE (YYYY-MM-DD)")
    due.add_argument("--all", action="store_true", help="also list notes that do not apply, with the reason")
    due.add_argument("--json", action="store_true", help="JSON Lines output")


def _add_config(commands) -> None:
    config = add_command(commands, "config", "show the resolved settings and paths (the key masked)",
                         "afterview config", "afterview config --json --base-url http://localhost:11434/v1")
    add_llm_flags(config)
    config.add_argument("--json", action="store_true", help="JSON output")


def _add_eval(commands) -> None:
    evaluate = add_command(commands, "eval", "draft every scenario and summarise pass rates, repairs, tokens",
                           "afterview eval --offline", "afterview eval --model llama3.2 --base-url http://localhost:11434/v1 --detail")
    evaluate.add_argument("--scenarios", metavar="DIR", help="folder of scenario files (default: the shipped evals/scenarios)")
    add_llm_flags(evaluate)
    evaluate.add_argument("--detail", action="store_true", help="also one line (or JSON object) per draft")
    evaluate.add_argument("--json", action="store_true", help="JSON Lines output")


_BUILDERS = {"check": _add_check, "draft": _add_draft, "due": _add_due, "config": _add_config, "eval": _add_eval}
"""Each command of this module and the function that adds it, in ``--help`` order (the
store's commands follow, from ``store_parser``)."""


def add_command(commands, name: str, summary: str, *examples: str, details: str | None = None) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` opens with a one-line description (``summary``, also
    its line in ``afterview --help``), then any ``details``, and ends with examples, as
    ``gh`` and ``llm`` do."""
    text = f"{summary[0].upper()}{summary[1:]}."
    if details:
        text += "\n\n" + textwrap.fill(details, _HELP_WIDTH)
    return commands.add_parser(
        name,
        help=summary,
        description=text,
        epilog=_examples(examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _examples(examples) -> str:
    return "examples:\n" + "\n".join(f"  {example}" for example in examples)


def add_llm_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--offline", action="store_true", help="use the offline templates only")
    parser.add_argument("--model", metavar="NAME", help="model name (overrides AFTERVIEW_MODEL and the config file)")
    parser.add_argument("--base-url", dest="base_url", metavar="URL", help="OpenAI-compatible server URL (overrides OPENAI_BASE_URL)")


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse ``argv`` (default ``sys.argv[1:]``).

    When the line starts with a command, only that command's parser is built; anything
    else (``--help``, ``--version``, a mistyped command) gets the whole parser, so its
    help and its errors list every command.
    """
    from afterview.cli.store_parser import STORE_COMMANDS

    argv = sys.argv[1:] if argv is None else argv
    first = argv[0] if argv else None
    command = first if first in _BUILDERS or first in STORE_COMMANDS else None
    return build_parser(command).parse_args(argv)
