"""Every subcommand the parser knows is dispatched to a module with a ``run``."""

from __future__ import annotations

import argparse
import importlib

from afterview.cli import _COMMANDS
from afterview.cli.parser import build_parser
from afterview.cli.store_parser import STORE_COMMANDS


def _subcommands(parser: argparse.ArgumentParser) -> set[str]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(action.choices)


def test_parser_and_dispatch_table_name_the_same_commands() -> None:
    assert _subcommands(build_parser()) == set(_COMMANDS)


def test_store_commands_go_to_store_cmds_and_each_module_runs() -> None:
    assert {name for name, module in _COMMANDS.items() if module == "afterview.cli.store_cmds"} == set(STORE_COMMANDS)
    for module in set(_COMMANDS.values()):
        assert callable(importlib.import_module(module).run), module
