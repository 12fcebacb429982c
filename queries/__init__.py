"""Named SPARQL queries (`newsgraph query NAME`), each a .rq file with a header comment:

    # title: Who met whom
    # description: ...
    # param: actor (optional) part of one side's name
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path


@dataclass
class Param:
    name: str
    optional: bool
    description: str


@dataclass
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    params: list[Param] = field(default_factory=list)


_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*(\(optional\))?\s*(.*)$")


def parse(name: str, text: str) -> NamedQuery:
    title, description, params = name, "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := _PARAM.match(line):
            params.append(Param(m.group(1), bool(m.group(2)), m.group(3).strip()))
        elif line.startswith("# title:"):
            title = line.split(":", 1)[1].strip()
        elif line.startswith("# description:"):
            description = line.split(":", 1)[1].strip()
    return NamedQuery(name=name, title=title, description=description, text=text, params=params)


def all_queries() -> dict[str, NamedQuery]:
    out = {}
    for f in sorted(resources.files(__package__).iterdir(), key=lambda p: p.name):
        if f.name.endswith(".rq"):
            name = f.name[:-3]
            out[name] = parse(name, f.read_text("utf-8"))
    return out


def get(name_or_file: str) -> NamedQuery | None:
    """A named query, or a .rq file's query; None when it is neither (then it is SPARQL text)."""
    if name_or_file.endswith(".rq") and Path(name_or_file).is_file():
        p = Path(name_or_file)
        return parse(p.stem, p.read_text("utf-8"))
    return all_queries().get(name_or_file)
