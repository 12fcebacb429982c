"""The embedded store: Oxigraph (RocksDB on disk, or in memory for `memory:`).

Chosen over rdflib's own stores by measurement (benchmarks/store_compare.py; docs/benchmarks.md): it
answers the aggregate queries 20-85x faster, parses ~10x faster and every update is a
transaction, so a killed ingest leaves only whole articles.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ..namespaces import PREFIXES
from .base import (DEFAULT_GRAPH, RDF_LANG_STRING, XSD_STRING, QueryError, QueryResult, Store, StoreError,
                   inject_values)
from .guard import GuardBusy, WriterGuard

RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
               "rdfxml": ox.RdfFormat.RDF_XML}
QUAD_FORMATS = {"trig", "nquads"}  # Turtle, JSON-LD, N-Triples, RDF/XML: the union
_XSD_STRING = str(XSD.string)


def to_rdflib(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else None
        if term.language:
            return Literal(term.value, lang=term.language)
        if dt and dt != _XSD_STRING:
            return Literal(term.value, datatype=URIRef(dt))
        return Literal(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unexpected term {term!r}")


def to_plain(term):
    """An Oxigraph term as a plain term (base.PlainTerm), without building an rdflib one."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value, None, None)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, None, None)
    if isinstance(term, ox.Literal):
        if term.language:
            return ("literal", term.value, term.language, None)
        dt = term.datatype.value
        return ("literal", term.value, None, None if dt in (XSD_STRING, RDF_LANG_STRING) else dt)
    if isinstance(term, ox.DefaultGraph):
        return None
    return ("literal", str(term), None, None)  # an RDF-star triple term: shown as text


class PlainTriples(Sequence):
    """Oxigraph's triples read as plain ones (converted as they are read); rdf_writer.py writes
    the `native` ones as they are, so a large CONSTRUCT answer is not converted twice."""

    def __init__(self, native: list):
        self.native = native

    def __len__(self):
        return len(self.native)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self.native)))]
        t = self.native[i]
        return (to_plain(t.subject), to_plain(t.predicate), to_plain(t.object))


def to_oxigraph(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot bind {term!r}")


class OxigraphStore(Store):
    default_graph_view = True
    transaction_aware = True
    local_directory = True

    def __init__(self, location: str, read_only: bool = False, **_options):
        self.location = location
        self.read_only = read_only
        try:
            if location == "memory:":
                self._store = ox.Store()
            elif read_only:
                if not os.path.isdir(location):
                    raise StoreError(f"no store at {location!r} (ingest something first)")
                self._store = ox.Store.read_only(location)
            else:
                if os.path.exists(location) and not os.path.isdir(location):
                    raise StoreError(f"{location!r} is a file, not a store directory")
                if os.path.isdir(location):
                    self._guard = WriterGuard(location)  # graph/store/guard.py: why
                self._store = ox.Store(location)
        except GuardBusy as exc:
            raise StoreError(f"the store at {location!r} is in use by another process (a running "
                             f"`newsgraph serve` or ingest?); stop it, or open the store read-only") from exc
        except OSError as exc:
            self._release_guard()
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreError(f"the store at {location!r} is in use by another process (a running "
                                 f"`newsgraph serve` or ingest?); stop it, or open the store read-only: {msg}") from exc
            raise StoreError(f"cannot open the store at {location!r}: {msg}") from exc

    def _native_query(self, sparql, bindings=None, default_graphs=None, named_graphs=None):
        """The query's pyoxigraph result as it comes (QueryBoolean, QuerySolutions or QueryTriples)."""
        kwargs = {"prefixes": PREFIXES}
        # No use_default_graph_as_union: the union repeats a fact once per graph that holds it
        # (Oxigraph < 0.6) and would override the query's FROM. The default graph is the view.
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if bindings:
            sparql = inject_values(sparql, bindings)
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise QueryError(f"malformed query: {exc}") from exc
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def instances(self, classes):
        """Read lazily from one SELECT per class (memory of one node, whatever the store's size;
        3x faster than quads_for_pattern, which builds four Python terms a quad); a node with two
        of the classes comes with the first."""
        wanted = [f"<{c}>" for c in classes]
        for k, cls in enumerate(wanted):
            seen = (f" FILTER NOT EXISTS {{ VALUES ?earlier {{ {' '.join(wanted[:k])} }} ?f a ?earlier }}"
                    if k else "")
            for solution in self._store.query(f"SELECT ?f WHERE {{ ?f a {cls}{seen} }}"):
                yield to_rdflib(solution[0])

    def query(self, sparql, bindings=None, max_rows=None, default_graphs=None, named_graphs=None):
        return self._answer(self._native_query(sparql, bindings, default_graphs, named_graphs), max_rows, to_rdflib,
                            lambda native: [tuple(map(to_rdflib, (t.subject, t.predicate, t.object))) for t in native])

    def query_plain(self, sparql, bindings=None, max_rows=None, default_graphs=None, named_graphs=None):
        """Plain terms straight from Oxigraph's: rdflib terms cost more than the query itself on
        large results (the endpoint's fast path). A graph is a set: repeated triples (the union
        repeats shared ones) are dropped before max_rows counts."""
        return self._answer(self._native_query(sparql, bindings, default_graphs, named_graphs), max_rows, to_plain,
                            PlainTriples, distinct=True)

    @staticmethod
    def _answer(res, max_rows, term, triples_of, distinct=False) -> QueryResult:
        """A pyoxigraph result as a QueryResult: `term` converts each solution's terms,
        `triples_of` the list of Oxigraph triples of a graph result."""
        try:
            if isinstance(res, ox.QueryBoolean):
                return QueryResult(kind="ask", boolean=bool(res))
            if isinstance(res, ox.QuerySolutions):
                names = [v.value for v in res.variables]
                idx = range(len(names))
                rows, truncated = [], False
                for sol in res:
                    if max_rows is not None and len(rows) >= max_rows:
                        truncated = True
                        break
                    rows.append(tuple(term(sol[i]) for i in idx))
                return QueryResult(kind="select", vars=names, rows=rows, truncated=truncated)
            seen: dict = {}
            truncated, n = False, 0
            for tr in res:
                if max_rows is not None and (len(seen) if distinct else n) >= max_rows:
                    truncated = True
                    break
                seen[tr if distinct else n] = tr
                n += 1
            return QueryResult(kind="graph", triples=triples_of(list(seen.values())), truncated=truncated)
        except (OSError, RuntimeError) as exc:  # evaluation errors surface while iterating
            raise QueryError(f"query failed: {exc}") from exc

    def update(self, sparql):
        if self.read_only:
            raise StoreError(f"the store at {self.location!r} is open read-only")
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"malformed update: {exc}") from exc
        except RuntimeError as exc:  # the update is well-formed but cannot apply: nothing changed
            text = str(exc)
            if "does not exist" in text:
                text += " (DROP SILENT / CLEAR SILENT ignore a missing graph)"
            raise QueryError(f"update failed: {text}") from exc
        except OSError as exc:
            raise StoreError(f"update failed: {exc}") from exc

    def publish_graphs(self, graphs):
        """By the bulk loader: an INSERT … WHERE of the same copy writes each quad through a
        transaction, 24 ms an article at 1,000 articles (most of `newsgraph reindex`)."""
        if self.read_only:
            raise StoreError(f"the store at {self.location!r} is open read-only")
        from ..view import index_properties
        hidden = {ox.NamedNode(p) for p in index_properties()}
        default = ox.DefaultGraph()

        def copies():
            for g in graphs:
                for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                    if q.predicate not in hidden:
                        yield ox.Quad(q.subject, q.predicate, q.object, default)
        try:
            self._store.bulk_extend(copies())
        except OSError as exc:
            raise StoreError(f"update failed: {exc}") from exc

    def optimize(self):
        """RocksDB compaction: after reindexing 100,000 articles it took 155 s, shrank the store
        from 14 to 8.4 GB and made the named queries 1.2-4x faster (deleted and rewritten rows no
        longer read past)."""
        if self.read_only:
            raise StoreError(f"the store at {self.location!r} is open read-only")
        try:
            self._store.optimize()
        except OSError as exc:
            raise StoreError(f"compaction failed: {exc}") from exc

    def load(self, data, fmt):
        if self.read_only:
            raise StoreError(f"the store at {self.location!r} is open read-only")
        if fmt not in RDF_FORMATS:
            raise StoreError(f"unknown format {fmt!r} (known: {', '.join(RDF_FORMATS)})")
        try:
            quads = list(ox.parse(data, format=RDF_FORMATS[fmt]))
            self._store.extend(quads)  # one transaction
            return len(quads)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot parse {fmt}: {exc}") from exc

    def load_file(self, path, fmt, graph=None, trusted=False):
        """Parsed once in full first (streaming, nothing kept), so a broken file adds nothing; then
        Oxigraph's bulk loader, which writes sorted files straight into RocksDB instead of one
        transaction holding everything in memory."""
        if self.read_only:
            raise StoreError(f"the store at {self.location!r} is open read-only")
        if fmt not in RDF_FORMATS:
            raise StoreError(f"unknown format {fmt!r} (known: {', '.join(RDF_FORMATS)})")
        to_graph = ox.NamedNode(graph) if graph else None
        try:
            n = None if trusted else sum(1 for _ in ox.parse(path=path, format=RDF_FORMATS[fmt]))
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot parse {fmt}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read: {exc}") from exc
        try:
            if to_graph is not None:
                self._store.bulk_load(path=path, format=RDF_FORMATS[fmt], to_graph=to_graph)
            else:
                self._store.bulk_load(path=path, format=RDF_FORMATS[fmt])
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"loading failed: {exc}") from exc
        if n is None:  # as many statements as lines: N-Quads as newsgraph writes it
            with open(path, "rb") as f:
                n = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
        return n

    def export(self, out: BinaryIO, fmt, graph=None):
        if fmt not in RDF_FORMATS:
            raise StoreError(f"unknown format {fmt!r} (known: {', '.join(RDF_FORMATS)})")
        prefixes = {k: v for k, v in PREFIXES.items()}
        if fmt == "jsonld":  # compact, with a @context (graph/jsonld.py)
            from ..jsonld import write_compact
            if graph == DEFAULT_GRAPH:
                quads = self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
            elif graph:
                if not self._store.contains_named_graph(ox.NamedNode(graph)):
                    raise StoreError(f"no graph {graph!r} in the store")
                quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            else:
                quads = self._store
            write_compact(((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads), out)
            return
        if graph == DEFAULT_GRAPH:
            triples = (q.triple for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            ox.serialize(triples, out, format=RDF_FORMATS[fmt], prefixes=prefixes)
            return
        if graph:
            g = ox.NamedNode(graph)
            if not self._store.contains_named_graph(g):
                raise StoreError(f"no graph {graph!r} in the store")
            quads = self._store.quads_for_pattern(None, None, None, g)
            if fmt in QUAD_FORMATS:
                ox.serialize(quads, out, format=RDF_FORMATS[fmt], prefixes=prefixes)
            else:
                ox.serialize((q.triple for q in quads), out, format=RDF_FORMATS[fmt], prefixes=prefixes)
            return
        if fmt in QUAD_FORMATS:
            ox.serialize(sorted(self._store, key=str), out, format=RDF_FORMATS[fmt], prefixes=prefixes)
            return
        triples = sorted({q.triple for q in self._store}, key=str)
        if fmt == "turtle":  # a blank line between subjects (graph/readable.py)
            from ..readable import spaced_turtle
            out.write(spaced_turtle(ox.serialize(triples, format=RDF_FORMATS[fmt], prefixes=prefixes)))
            return
        ox.serialize(triples, out, format=RDF_FORMATS[fmt], prefixes=prefixes)

    def flush(self):
        if not self.read_only and self.location != "memory:":
            self._store.flush()

    def close(self):
        try:
            if hasattr(self, "_store"):
                try:
                    self.flush()
                finally:
                    del self._store
        finally:
            self._release_guard()

    def _release_guard(self):
        guard = self.__dict__.pop("_guard", None)
        if guard is not None:
            guard.release()

