"""`Rows`: what `kg.query(...)` returns - rdflib rows in Python, a DataFrame on request.

The rows are rdflib's own `ResultRow`s (`row.name`, `row["name"]`, `row[0]`, `row.asdict()`),
so code written against `rdflib.Graph.query` reads them unchanged; `to_pandas()` turns
terms into Python values (IRIs and plain literals to `str`, numbers to `int`/`float`, dates
to `datetime.date` where the literal is a full date) for analysis. pandas is an optional
extra (`pip install 'newsgraph[analysis]'`), imported only here and only when asked for.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, overload

from rdflib import Graph, Literal, Variable
from rdflib.query import ResultRow
from rdflib.term import Node

from newsgraph.graph.store import QueryResult

if TYPE_CHECKING:  # pragma: no cover
    import pandas


class Rows(Sequence[ResultRow]):
    """The answer to one query: rows of a SELECT (a sequence), `boolean` of an ASK, `graph`
    of a CONSTRUCT/DESCRIBE.

    `columns` are the SELECT's variables in order. For a paged named query, `next_offset`
    is where the next page starts (None when this page was the last); `notes` are what
    the store says about itself (e.g. that it needs `newsgraph reindex`).
    """

    def __init__(self, result: QueryResult, next_offset: int | None = None, notes: Sequence[str] = ()):
        self._result = result
        self.columns: list[str] = list(result.vars)
        self.next_offset = next_offset
        self.notes: list[str] = list(notes)

    @cached_property
    def _rows(self) -> list[ResultRow]:
        """Made on first use: the CLI prints the store's result and never pays for them."""
        labels = [Variable(v) for v in self._result.vars]
        return [ResultRow({v: t for v, t in zip(labels, row) if t is not None}, labels) for row in self._result.rows]

    @property
    def kind(self) -> str:
        """"select", "ask" or "graph" (CONSTRUCT and DESCRIBE)."""
        return self._result.kind

    @property
    def boolean(self) -> bool | None:
        """The answer of an ASK query (None for the other kinds)."""
        return self._result.boolean

    @property
    def graph(self) -> Graph:
        """The triples of a CONSTRUCT or DESCRIBE query as an rdflib Graph."""
        if self.kind != "graph":
            raise TypeError(f"a {self.kind.upper()} query has no graph; use the rows")
        g = Graph()
        for t in self._result.triples:
            g.add(t)
        return g

    @property
    def result(self) -> QueryResult:
        """The store's own result (terms as rdflib Nodes), for printing in the CLI's formats."""
        return self._result

    @overload
    def __getitem__(self, i: int) -> ResultRow: ...

    @overload
    def __getitem__(self, i: slice) -> list[ResultRow]: ...

    def __getitem__(self, i):
        return self._rows[i]

    def __len__(self) -> int:
        return len(self._result.rows)

    def __iter__(self) -> Iterator[ResultRow]:
        return iter(self._rows)

    def __repr__(self) -> str:
        if self.kind == "ask":
            return f"<Rows ASK {self.boolean}>"
        if self.kind == "graph":
            return f"<Rows graph of {len(self._result.triples)} triples>"
        more = f", next page at offset {self.next_offset}" if self.next_offset is not None else ""
        notes = "".join(f"\nnote: {n}" for n in self.notes)
        return f"<Rows {len(self)} x {self.columns}{more}>{notes}"

    def to_pandas(self) -> "pandas.DataFrame":
        """The rows as a DataFrame, one column per variable, terms as Python values."""
        if self.kind != "select":
            raise TypeError(f"a {self.kind.upper()} query has no rows to put in a DataFrame")
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("Rows.to_pandas() needs pandas: pip install 'newsgraph[analysis]'") from None
        return pd.DataFrame([[python_value(t) for t in row] for row in self._result.rows], columns=self.columns)


def python_value(term: Node | None) -> Any:
    """A term as a plain Python value: literals by their datatype (`toPython`), IRIs and
    blank nodes as their text, unbound as None."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value  # an unknown datatype: its text
    return str(term)
