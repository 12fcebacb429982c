"""The documentation keeps up with the code (Datasette's test_docs.py is the model): every command
and every option of `newsgraph --help` is documented in docs/, the links between the pages
resolve, and the README's tour runs as written.

docs/cli-reference.md is `--help` of each command; after changing the parser, rewrite it with
`python tests/test_docs.py`.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import shlex
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REFERENCE = DOCS / "cli-reference.md"
WIDTH = "100"  # argparse wraps help to $COLUMNS: the reference is written at this width


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [s for a in parser._actions for s in a.option_strings if s.startswith("--") and s != "--help"]


def reference_text() -> str:
    """docs/cli-reference.md as the parser says it now."""
    from newsgraph.cli import build_parser

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = WIDTH
    try:
        parser = build_parser()
        parts = ["# Command reference\n\nEvery `newsgraph` command and option as `--help` prints it (written by "
                 "`python tests/test_docs.py`;\n`tests/test_docs.py` fails when it differs from the code). "
                 "[commands.md](commands.md) explains them.\n",
                 f"## newsgraph\n\n```\n{parser.format_help().rstrip()}\n```\n"]
        for name, sub in _subparsers(parser).items():
            parts.append(f"## newsgraph {name}\n\n```\n{sub.format_help().rstrip()}\n```\n")
    finally:
        if saved is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved
    return "\n".join(parts)


def _section(text: str, heading: str) -> str:
    m = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    return m.group(1) if m else ""


def test_the_reference_says_what_help_says():
    """Every description and option help of the parser is in its command's section (compared
    word for word, not by layout: argparse lays help out differently from one Python to the next)."""
    from newsgraph.cli import build_parser

    def words(text: str) -> str:
        return " ".join(text.split())

    reference = REFERENCE.read_text("utf-8")
    parser = build_parser()
    stale = []
    for name, sub in [("", parser), *_subparsers(parser).items()]:
        section = words(_section(reference, f"newsgraph {name}".strip()))
        texts = [sub.description or ""] + [a.help for a in sub._actions if a.help and a.help != argparse.SUPPRESS]
        stale += [f"newsgraph {name}: {t[:60]!r}" for t in texts if words(t) not in section]
    assert not stale, "docs/cli-reference.md differs from --help (run `python tests/test_docs.py`):\n" + "\n".join(stale)


def test_every_command_and_option_is_documented():
    """Each command has its section in the reference, with each of its options; and the page
    that explains the commands names every one of them."""
    from newsgraph.cli import build_parser

    reference = REFERENCE.read_text("utf-8")
    explained = (DOCS / "commands.md").read_text("utf-8")
    missing = []
    for name, sub in _subparsers(build_parser()).items():
        section = _section(reference, f"newsgraph {name}")
        if not section:
            missing.append(f"newsgraph {name}: no section in docs/cli-reference.md")
        missing += [f"newsgraph {name} {opt}: not in docs/cli-reference.md" for opt in _options(sub)
                    if not re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", section)]
        if f"newsgraph {name}" not in explained:
            missing.append(f"newsgraph {name}: not named in docs/commands.md")
    assert not missing, "\n".join(missing)


def test_links_between_the_pages_resolve():
    broken = []
    for page in [ROOT / "README.md", ROOT / "CHANGELOG.md", *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text("utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            if not path.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert not broken, "\n".join(broken)


def test_the_readme_stays_short():
    assert len((ROOT / "README.md").read_text("utf-8").splitlines()) < 150


def _tour_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"^## A five-minute tour\n.*?```sh\n(.*?)```", text, re.M | re.S).group(1)
    lines = [line.split(" # ")[0].strip() for line in block.splitlines()]
    return [shlex.split(line) for line in lines if line.startswith("newsgraph ")]


def test_the_readme_tour_runs(seeds_store, tmp_path, cli):
    """Each command of the tour on the seeds, as written (serve is started by the endpoint tests)."""
    commands = _tour_commands()
    assert len(commands) >= 8
    store = str(tmp_path / "store")
    shutil.copytree(seeds_store.path, store)
    for argv in commands:
        if argv[1] == "serve":
            continue
        proc = cli(*argv[1:], cwd=tmp_path, env={"NEWSGRAPH_STORE": store})
        assert proc.returncode == 0, (argv, proc.stderr)
        assert proc.stdout.strip() or proc.stderr.strip(), argv
    assert (tmp_path / "witkoff.html").stat().st_size > 1000


if __name__ == "__main__":
    REFERENCE.write_text(reference_text(), encoding="utf-8")
    print(f"wrote {REFERENCE.relative_to(ROOT)}", file=sys.stderr)
