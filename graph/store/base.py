"""One interface for every store; callers never branch on the backend.

Backends register by module path and class name, as rdflib's plugins do, and are imported only
when a location needs them (`open_store` picks one): a directory is the embedded Oxigraph
store, `memory:` an in-memory one, `http(s)://…` a remote SPARQL 1.1 server. A backend says
what it can do by its capability attributes (rdflib's Store: context_aware, transaction_aware);
callers read those, never the backend's type. Every query answers with a `QueryResult`, whose
terms are rdflib terms (`query`) or plain tuples (`query_plain`, for serialisers). Nothing above
this package imports a backend's library.
"""
from __future__ import annotations

import abc
import importlib
import re
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterator

from rdflib.term import BNode, Literal, Node, URIRef

from ..namespaces import sparql_prefixes
from ..terms import nt, nt_triples

# `export(graph=DEFAULT_GRAPH)`: the store's default graph (graph/view.py), not a named graph.
DEFAULT_GRAPH = "urn:newsgraph:default-graph"
EXPORT_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml")
QUAD_FORMATS = ("trig", "nquads")
_RDFLIB = {"ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


class StoreError(Exception):
    """A store could not be opened, read or written; the message says why and what to do."""


class QueryError(StoreError):
    """A query or update was rejected (syntax or evaluation); the message says where."""


# A term in plain form: ("uri", IRI, None, None), ("bnode", id, None, None) or ("literal", lexical
# form, language or None, datatype IRI or None - None for xsd:string). Any backend makes these
# cheaply from its own terms (no rdflib objects on the endpoint's hot path); serialisers read them.
PlainTerm = tuple[str, str, "str | None", "str | None"]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def plain_term(term: Node | None) -> PlainTerm | None:
    """An rdflib term in plain form."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("uri", str(term), None, None)
    if isinstance(term, BNode):
        return ("bnode", str(term), None, None)
    if isinstance(term, Literal):
        if term.language:
            return ("literal", str(term), term.language, None)
        dt = str(term.datatype) if term.datatype is not None else None
        return ("literal", str(term), None, None if dt == XSD_STRING else dt)
    return ("literal", str(term), None, None)


@dataclass
class QueryResult:
    """What every backend's query returns. Rows (SELECT) and triples (CONSTRUCT/DESCRIBE) hold rdflib
    terms from `Store.query`, plain terms (PlainTerm) from `Store.query_plain`."""
    kind: str  # "select" | "ask" | "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)
    truncated: bool = False  # more rows than max_rows

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.vars, row)) for row in self.rows]


class Store(abc.ABC):
    location: str
    read_only: bool = False

    # ---- capabilities: what callers may rely on (they read these, never the backend's type)
    # The writer keeps the store's own default graph as the merge of the published graphs
    # (graph/view.py), and a query that names no dataset reads that graph. A backend whose server
    # defines its default graph itself (Virtuoso's is every graph) leaves this False, and the
    # writer writes named graphs only.
    default_graph_view: bool = False
    # Every update and every load is one transaction: a failure or a kill leaves nothing half-written.
    transaction_aware: bool = False
    # The store lives in a directory on this machine: separate processes (the endpoint's query
    # workers) open it read-only beside one writer, which holds its lock (graph/store/guard.py).
    local_directory: bool = False

    # ---- reading
    @abc.abstractmethod
    def query(self, sparql: str, bindings: dict[str, Node] | None = None, max_rows: int | None = None,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> QueryResult:
        """Run a SPARQL query. Its dataset, as SPARQL 1.1 says: `default_graphs` / `named_graphs`
        (the protocol's default-graph-uri / named-graph-uri) when given, else the query's own
        FROM / FROM NAMED, else the store's default graph (graph/view.py: every published fact
        once) with every named graph for GRAPH.

        `bindings` are bound as values (never spliced into the text)."""

    @abc.abstractmethod
    def export(self, out: BinaryIO, fmt: str, graph: str | None = None) -> None:
        """Write the store (or one named graph, or DEFAULT_GRAPH) in `fmt`; quad formats keep the
        named graphs."""

    def query_plain(self, sparql: str, bindings: dict[str, Node] | None = None, max_rows: int | None = None,
                    default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> QueryResult:
        """`query`, with plain terms (PlainTerm) in rows and triples, and a graph result's repeated
        triples dropped (a graph is a set). For serialisers: a backend overrides it where its own
        terms convert faster than through rdflib's."""
        res = self.query(sparql, bindings, max_rows, default_graphs, named_graphs)
        rows = [tuple(plain_term(t) for t in row) for row in res.rows]
        triples = list(dict.fromkeys(tuple(plain_term(t) for t in tr) for tr in res.triples))
        return QueryResult(kind=res.kind, vars=res.vars, rows=rows, boolean=res.boolean, triples=triples,
                           truncated=res.truncated)

    # ---- writing
    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update as one transaction where the backend allows."""

    @abc.abstractmethod
    def load(self, data: bytes, fmt: str) -> int:
        """Add serialized RDF (quad formats keep their graphs); returns the number of statements."""

    def load_file(self, path: str, fmt: str, graph: str | None = None, trusted: bool = False) -> int:
        """Add an RDF file (into `graph` for triple formats, when given); returns the number of
        statements. A file that does not parse adds nothing. Backends with a bulk path override it;
        `trusted`: newsgraph wrote the file itself (graph/shards.py), a bulk path need not check it
        in full first."""
        with open(path, "rb") as f:
            data = f.read()
        if graph is not None:
            from rdflib import Graph
            try:
                triples = list(Graph().parse(data=data, format=_RDFLIB.get(fmt, fmt)))
            except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds
                raise StoreError(f"cannot parse {fmt}: {exc}") from exc
            self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{nt_triples(triples)}}} }}")
            return len(triples)
        return self.load(data, fmt)

    def publish_graphs(self, graphs: list[str]) -> None:
        """Copy the facts of the named `graphs` - not their bookkeeping (graph/view.py) - into the
        default graph. A SPARQL Update here; a backend with a bulk path overrides it."""
        from .. import view
        self.update(view.publish_graphs(graphs))

    def optimize(self) -> None:
        """Compact the store after a large write (bulk ingest, reindex). A no-op where the
        backend manages its own storage."""

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- helpers every backend shares
    def ask(self, sparql: str, bindings: dict[str, Node] | None = None) -> bool:
        return bool(self.query(sparql, bindings).boolean)

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> list[dict[str, Node | None]]:
        return self.query(sparql_prefixes() + sparql, bindings).dicts()

    def instances(self, classes) -> Iterator[Node]:
        """Each node typed with one of `classes` in the default graph, once. A backend that can
        read its type index as a stream overrides this (`newsgraph validate` pages through the
        focus nodes with it); this one asks one query."""
        values = " ".join(nt(c) for c in classes)
        return iter([row[0] for row in self.query(f"SELECT DISTINCT ?f WHERE {{ VALUES ?c {{ {values} }} ?f a ?c }}").rows])

    def named_graphs(self) -> list[str]:
        return sorted(str(r["g"]) for r in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))

    def replace_graph_update(self, graph: str, triples, fresh: bool = False) -> str:
        """SPARQL Update text that makes `graph` hold exactly `triples`; `fresh`: the caller
        knows the graph does not exist yet (skips the DROP, about 10% of a write)."""
        insert = f"INSERT DATA {{ GRAPH <{graph}> {{\n{nt_triples(triples)}}} }}"
        return insert if fresh else f"DROP SILENT GRAPH <{graph}> ;\n{insert}"


VALUES_MARK = re.compile(r"^[ \t]*#VALUES[ \t]*$", re.MULTILINE)


def inject_values(sparql: str, bindings: dict) -> str:
    """Bind parameters as a VALUES block of N-Triples terms (values, never text spliced into
    the query): at every `#VALUES` line - a sub-select sees only its own variables, so a
    query marks each group that reads a parameter - else at the start of the WHERE pattern."""
    values = "VALUES (" + " ".join("?" + k for k in bindings) + ") { (" + \
        " ".join(nt(v) for v in bindings.values()) + ") }\n"
    if VALUES_MARK.search(sparql):
        return VALUES_MARK.sub(lambda _m: values, sparql)
    m = re.search(r"\bWHERE\s*\{", sparql, re.IGNORECASE) or re.search(r"\{", sparql)
    if not m:
        raise QueryError("cannot bind parameters: the query has no WHERE pattern")
    return sparql[:m.end()] + "\n" + values + sparql[m.end():]


# (matches location, module path, class name): the built-in backends, most specific first.
_BACKENDS: list[tuple[Callable[[str], bool], str, str]] = [
    (lambda loc: loc.startswith(("http://", "https://")), "newsgraph.graph.store.remote_store", "RemoteSparqlStore"),
    (lambda loc: True, "newsgraph.graph.store.oxigraph_store", "OxigraphStore"),
]


def register_backend(matches: Callable[[str], bool], module: str, class_name: str) -> None:
    """Add a backend for the locations `matches` accepts (tried before the ones registered
    earlier); its module is imported the first time such a location is opened."""
    _BACKENDS.insert(0, (matches, module, class_name))


def backend_class(location: str) -> type[Store]:
    """The Store class that serves `location`, for its capabilities (nothing is opened)."""
    for matches, module, class_name in _BACKENDS:
        if matches(location):
            return getattr(importlib.import_module(module), class_name)
    raise StoreError(f"no store backend for {location!r}")


def open_store(location: str, read_only: bool = False, **options) -> Store:
    return backend_class(location)(location, read_only=read_only, **options)
