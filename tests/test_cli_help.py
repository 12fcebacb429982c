"""Every command and option says what it does in --help, and the command list of docs/commands.md is --help's."""
from __future__ import annotations

import re

from conftest import ROOT

from newsgraph.cli import build_parser


def _subparsers(parser):
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return action.choices, {a.dest: a.help for a in action._choices_actions}


def test_every_command_has_a_description_and_every_option_help():
    commands, _ = _subparsers(build_parser())
    missing = []
    for name, sub in commands.items():
        if not sub.description:
            missing.append(f"{name}: no description")
        for a in sub._actions:
            if a.dest != "help" and not a.help:
                missing.append(f"{name} {'/'.join(a.option_strings) or a.dest}: no help")
    assert not missing, missing


def test_the_command_list_is_the_parsers():
    # the list of commands lives in docs/commands.md (README links to it)
    page = (ROOT / "docs" / "commands.md").read_text("utf-8")
    block = re.search(r"```\n(newsgraph .*?)```", page, re.S).group(1)
    listed = re.findall(r"^newsgraph (\w+)", block, re.M)
    commands, _ = _subparsers(build_parser())
    assert sorted(listed) == sorted(commands) and len(listed) == len(set(listed))
