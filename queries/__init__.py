"""Named SPARQL queries (`newsgraph query NAME`), each a .rq file with a header comment:

    # title: Who met whom
    # description: ...
    # param: actor (optional) part of one side's name
    # page: 100

`NamedQuery.sparql(bindings, limit, offset, base)` gives the text to run. In the .rq file:
- `<urn:newsgraph:entities>` and `<urn:newsgraph:index>` stand for the store's entities and
  index graphs (under the base IRI), so a query reads each entity's facts once, from there;
- `#VALUES` marks each group that reads a parameter (a sub-select sees only its own variables);
- `#IF name: ...` lines count only when the parameter is given, `#IFNOT name: ...` only when
  not (`#IF a,b:` all given, `#IFNOT a,b:` none; `#IF a: #IFNOT b:` both conditions): with and
  without an actor the fast shapes differ, and one text cannot be both.

A query with `# page: N` answers one page of N rows: the line `#PAGE` in its body becomes
`LIMIT n OFFSET m` (`limit` and `offset` are then parameters of the query; limit 0 is every
row), and a line `#PAGEEND` becomes `VALUES ?pageEnd { n+m }`: how many rows the page needs
from the start, for queries that pick the month buckets holding them (graph/buckets.py). At 100,000 articles a listing holds tens of thousands of rows; a page of the top ones is
what a reader looks at, and it is what keeps the query fast: the page is chosen first, inside
a sub-select, and only its rows are decorated with names, dates and evidence.
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


PAGE_MARK = re.compile(r"^[ \t]*#PAGE[ \t]*$", re.MULTILINE)
PAGE_END_MARK = re.compile(r"^([ \t]*)#PAGEEND[ \t]*$", re.MULTILINE)
EVERY_ROW = 10 ** 15  # ?pageEnd when the page is every row
PAGE_PARAMS = ("limit", "offset")


class PageError(ValueError):
    """limit/offset that are not whole numbers >= 0."""


@dataclass
class NamedQuery:
    name: str
    title: str
    description: str
    source: str  # the .rq text as written
    params: list[Param] = field(default_factory=list)
    page_size: int | None = None  # rows per page; None: the query is not paged

    @property
    def text(self) -> str:
        """The query as run with no parameters, first page, default base IRI (for display)."""
        return self.sparql()

    def sparql(self, bindings: dict | None = None, limit=None, offset=None, base: str | None = None) -> str:
        """The text to run: parameters bound as VALUES, one page (limit 0: every row), the
        entities and index graphs of the store's base IRI."""
        from newsgraph.graph.namespaces import DEFAULT_BASE_IRI
        from newsgraph.graph.store.base import inject_values
        bindings = bindings or {}
        base = base or DEFAULT_BASE_IRI
        text, before = self.source, None
        while text != before:  # a line may carry several conditions: `#IF a: #IFNOT b: ...`
            before = text
            text = _CONDITIONAL.sub(lambda m: m.group(3) if _holds(m.group(1), m.group(2), bindings) else "", text)
        text = text.replace("<urn:newsgraph:entities>", f"<{base}graph/entities>") \
                   .replace("<urn:newsgraph:index>", f"<{base}graph/index>")
        if self.page_size is not None:
            limit = self.page_size if limit is None else _whole(limit, "limit")
            offset = 0 if offset is None else _whole(offset, "offset")
            text = PAGE_MARK.sub((f"LIMIT {limit} " if limit else "") + (f"OFFSET {offset}" if offset else ""), text)
            end = limit + offset if limit else EVERY_ROW
            text = PAGE_END_MARK.sub(lambda m: f"{m.group(1)}VALUES ?pageEnd {{ {end} }}", text)
        elif limit is not None or offset is not None:
            raise PageError(f"query {self.name!r} is not paged: it takes no limit or offset")
        return inject_values(text, bindings) if bindings else text

    def all_params(self) -> list[Param]:
        """The declared parameters, and limit/offset for a paged query."""
        if self.page_size is None:
            return list(self.params)
        return self.params + [Param("limit", True, f"rows per page (default {self.page_size}; 0: all rows)"),
                              Param("offset", True, "rows to skip (default 0): the next page starts at the limit")]


def _whole(value, what: str) -> int:
    try:
        n = int(str(value))
    except ValueError:
        raise PageError(f"{what} must be a whole number, not {value!r}") from None
    if n < 0:
        raise PageError(f"{what} must be 0 or more, not {n}")
    return n


_CONDITIONAL = re.compile(r"^[ \t]*#(IF|IFNOT) (\w+(?:,\w+)*): ?(.*)$", re.MULTILINE)


def _holds(kind: str, names: str, bindings: dict) -> bool:
    """`#IF a,b:` every one of them is given; `#IFNOT a,b:` none of them is."""
    given = [n in bindings for n in names.split(",")]
    return all(given) if kind == "IF" else not any(given)
_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*(\(optional\))?\s*(.*)$")


def parse(name: str, text: str) -> NamedQuery:
    title, description, params, page = name, "", [], None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := _PARAM.match(line):
            params.append(Param(m.group(1), bool(m.group(2)), m.group(3).strip()))
        elif line.startswith("# title:"):
            title = line.split(":", 1)[1].strip()
        elif line.startswith("# description:"):
            description = line.split(":", 1)[1].strip()
        elif line.startswith("# page:"):
            page = int(line.split(":", 1)[1])
    if page is not None and not PAGE_MARK.search(text):
        raise ValueError(f"query {name!r} declares '# page:' but has no #PAGE line")
    return NamedQuery(name=name, title=title, description=description, source=text, params=params, page_size=page)


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
