"""The default graph: every published fact once, kept in step with the named graphs.

Why it exists: the article graphs repeat facts on purpose (each article's graph holds what that
article says, so a person named in 40 articles has its `rdf:type` in 40 graphs), and a union
default graph over them repeats every such fact once per graph (Oxigraph before 0.6, issue
1919): `SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }` gave 641 rows for 122
persons. So the store's own default graph is a real graph, the RDF merge of the article graphs,
the entities graph and the vocabulary graph, written in the same transaction as each article,
without the bookkeeping (`ng:IndexProperty` in graph/vocab.ttl: counts, month buckets, pairs,
search names). A query that names no dataset reads it; FROM / FROM NAMED / GRAPH read the named
graphs as they are. docs/data-model.md has the whole picture.

Every function returns SPARQL Update text; the writer and `newsgraph reindex` run it. A fact
leaves the default graph only when no named graph states it any more.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import URIRef

from .namespaces import NG, RDF
from .terms import nt, nt_triples


@lru_cache(maxsize=1)
def index_properties() -> frozenset[URIRef]:
    """The properties graph/vocab.ttl types `ng:IndexProperty`: never published."""
    from rdflib import Graph
    g = Graph().parse(data=resources.files(__package__).joinpath("vocab.ttl").read_text("utf-8"), format="turtle")
    return frozenset(URIRef(s) for s in g.subjects(RDF.type, NG.IndexProperty))


def _not_index(var: str = "?p") -> str:
    return f"FILTER({var} NOT IN ({', '.join(nt(p) for p in sorted(index_properties()))}))"


def published(triples) -> list[tuple]:
    """The triples of `triples` that belong in the default graph."""
    hidden = index_properties()
    return [t for t in triples if t[1] not in hidden]


def publish_graph(graph: str) -> str:
    """Copy a named graph's facts (not its bookkeeping) into the default graph; run after it is
    written. Copied inside the store: the article's text is not sent and parsed twice."""
    return f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} {_not_index()} }}"


def publish_graphs(graphs: list[str]) -> str:
    """publish_graph for many graphs in one operation (`newsgraph reindex`, a batch at a time)."""
    values = " ".join(f"<{g}>" for g in graphs)
    return f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} {_not_index()} }}"


def withdraw_graph(graph: str) -> str:
    """Remove from the default graph the facts only this named graph states; run before the graph
    is dropped or replaced (what the new version states again is published again after it)."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} {_not_index()} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }} }}")


def publish_triples(triples) -> str | None:
    """INSERT DATA of the published part of `triples` (facts the writer puts in the entities graph)."""
    pub = published(triples)
    return f"INSERT DATA {{\n{nt_triples(pub)}}}" if pub else None


def withdraw_triples(triples) -> str | None:
    """DELETE DATA of facts no named graph states any more (a replaced schema:name)."""
    pub = published(triples)
    return f"DELETE DATA {{\n{nt_triples(pub)}}}" if pub else None


def rename(old: URIRef, new: URIRef) -> str:
    """A merged node's facts in the default graph move to its new IRI, as in every named graph."""
    o, n = nt(old), nt(new)
    return (f"DELETE {{ {o} ?p ?x }} INSERT {{ {n} ?p ?x }} WHERE {{ {o} ?p ?x FILTER(?p != <http://schema.org/name>) }} ;\n"
            f"DELETE WHERE {{ {o} <http://schema.org/name> ?x }} ;\n"
            f"DELETE {{ ?s ?p {o} }} INSERT {{ ?s ?p {n} }} WHERE {{ ?s ?p {o} }}")


def clear() -> str:
    return "CLEAR SILENT DEFAULT"
