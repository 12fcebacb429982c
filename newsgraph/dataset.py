"""An rdflib `Dataset` over any newsgraph store, read by SPARQL, never copied into memory.

rdflib users expect `Dataset`s (`ds.triples`, `ds.graph(iri)`, `ds.query`). This module is an
rdflib Store plugin that answers them through the newsgraph `Store` interface
(graph/store/base.py), so it works the same for every backend (embedded Oxigraph, `memory:`,
a remote SPARQL server) without knowing which one it has:

- `ds.query(...)` goes to the store's own SPARQL engine (Oxigraph evaluates it natively,
  not rdflib's evaluator): as fast as `kg.query` with SPARQL text;
- triple patterns become one small SELECT each (fine for browsing; for a whole file use
  `kg.export`, which the store writes itself);
- the default graph is the union of all article graphs, as everywhere in newsgraph
  (`default_union=True`); `ds.graph(iri)` is one article's (or the entities') graph.

It is read-only: newsgraph writes whole articles with their bookkeeping (content hash,
entities, index counts), which single triples added from outside would bypass; `add`
and `remove` say to use `kg.ingest`. Blank nodes cannot be named in SPARQL, so a pattern
that binds one matches nothing (newsgraph itself mints IRIs for every node it writes).
"""
from __future__ import annotations

from collections.abc import Generator, Iterator, Mapping
from typing import Any

from rdflib import Dataset, Graph, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.store import Store as RdflibStore
from rdflib.term import BNode, Node, URIRef

from newsgraph.graph.namespaces import PREFIXES
from newsgraph.graph.store import Store

READ_ONLY = ("kg.dataset is a read-only view of the store: add articles with kg.ingest(...) "
             "(newsgraph writes whole articles with their entities and counts)")


class ReadOnlyView(TypeError):
    """A write to the read-only Dataset view."""


def dataset_view(store: Store) -> Dataset:
    """An rdflib Dataset whose every read is a SPARQL query to `store` (see the module doc)."""
    ds = Dataset(store=StoreView(store), default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)  # (rdflib binds schema: to https:// by default)
    return ds


class StoreView(RdflibStore):
    """rdflib Store plugin over a newsgraph Store (read-only)."""

    context_aware = True
    graph_aware = True
    formula_aware = False
    transaction_aware = False

    def __init__(self, store: Store):
        self._store = store
        self._ns: dict[str, URIRef] = {}
        super().__init__()

    # ---- reading
    def triples(self, triple_pattern, context=None) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph]]]:
        s, p, o = triple_pattern
        if any(isinstance(t, BNode) for t in (s, p, o)):
            return  # not addressable in SPARQL (module doc)
        graph = self._graph_name(context)
        bound = {k: v for k, v in (("s", s), ("p", p), ("o", o)) if v is not None}
        where = "?s ?p ?o" if graph is None else f"GRAPH <{graph}> {{ ?s ?p ?o }}"
        result = self._store.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {where} }}", bound or None)
        for row in result.rows:
            triple = (row[0], row[1], row[2])
            if graph is None:
                yield triple, self._contexts_of(triple)
            else:
                yield triple, iter((context,))

    def __len__(self, context=None) -> int:
        graph = self._graph_name(context)
        where = "?s ?p ?o" if graph is None else f"GRAPH <{graph}> {{ ?s ?p ?o }}"
        rows = self._store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o "
                                 f"WHERE {{ {where} }} }}").rows
        return int(rows[0][0]) if rows else 0

    def contexts(self, triple=None) -> Generator[Graph, None, None]:
        if triple is None:
            yield from (Graph(store=self, identifier=URIRef(g)) for g in self._store.named_graphs())
            return
        yield from self._contexts_of(triple)

    def query(self, query: Any, initNs: Mapping[str, Any], initBindings: Mapping[str, Node],  # noqa: N803
              queryGraph: Any, **kwargs: Any) -> Result:  # noqa: N803
        if not isinstance(query, str):
            raise NotImplementedError("a parsed query: rdflib evaluates it")  # rdflib falls back
        if kwargs:
            raise NotImplementedError(f"query options {sorted(kwargs)}")
        prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in {**self._ns, **dict(initNs or {})}.items())
        graphs = None if queryGraph in ("__UNION__", DATASET_DEFAULT_GRAPH_ID) or not isinstance(queryGraph, Node) \
            else [str(queryGraph)]
        res = self._store.query(prefixes + query, {str(k): v for k, v in (initBindings or {}).items()} or None,
                                default_graphs=graphs)
        if res.kind == "ask":
            out = Result("ASK")
            out.askAnswer = bool(res.boolean)
        elif res.kind == "select":
            out = Result("SELECT")
            out.vars = [Variable(v) for v in res.vars]
            out.bindings = [{v: t for v, t in zip(out.vars, row) if t is not None} for row in res.rows]
        else:
            out = Result("CONSTRUCT")
            g = Graph()
            for t in res.triples:
                g.add(t)
            out.graph = g
        return out

    # ---- prefixes (kept here: the view has no store of its own to keep them in)
    def bind(self, prefix: str, namespace: URIRef, override: bool = True) -> None:
        if override or prefix not in self._ns:
            self._ns = {p: n for p, n in self._ns.items() if n != URIRef(namespace)}
            self._ns[prefix] = URIRef(namespace)

    def namespace(self, prefix: str) -> URIRef | None:
        return self._ns.get(prefix)

    def prefix(self, namespace: URIRef) -> str | None:
        return next((p for p, n in self._ns.items() if n == URIRef(namespace)), None)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        return iter(list(self._ns.items()))

    # ---- writing: refused
    def add(self, triple, context, quoted=False) -> None:
        raise ReadOnlyView(READ_ONLY)

    def addN(self, quads) -> None:  # noqa: N802
        raise ReadOnlyView(READ_ONLY)

    def remove(self, triple, context=None) -> None:
        raise ReadOnlyView(READ_ONLY)

    def update(self, *args, **kwargs) -> None:
        raise ReadOnlyView(READ_ONLY)

    def add_graph(self, graph: Graph) -> None:
        """`ds.graph(iri)` calls this to look a graph up: a graph exists while it holds triples."""

    def remove_graph(self, graph: Graph) -> None:
        raise ReadOnlyView(READ_ONLY)

    # ---- helpers
    @staticmethod
    def _graph_name(context) -> str | None:
        """The named graph `context` stands for; None: the union (the Dataset's default graph)."""
        if context is None:
            return None
        name = getattr(context, "identifier", context)
        if name == DATASET_DEFAULT_GRAPH_ID or not isinstance(name, URIRef):
            return None
        return str(name)

    def _contexts_of(self, triple) -> Iterator[Graph]:
        """The graphs holding `triple`, asked only when someone iterates them (ds.quads)."""
        if any(isinstance(t, BNode) for t in triple):
            return
        rows = self._store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                 {"s": triple[0], "p": triple[1], "o": triple[2]}).rows
        for (g,) in rows:
            yield Graph(store=self, identifier=g)
