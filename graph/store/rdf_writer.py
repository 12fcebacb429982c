"""Triples in plain form (base.PlainTerm) written as Turtle, N-Triples, JSON-LD, RDF/XML, TriG or
N-Quads, whichever backend they came from.

Oxigraph's writers, not rdflib's: they are about ten times faster on the endpoint's large
CONSTRUCT answers (benchmarks/endpoint_bench.py). Imported on first use, like the backends.
"""
from __future__ import annotations

from ..namespaces import PREFIXES

TRIPLE_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml", "trig", "nquads")


def serialize_triples(triples, name: str, prefixes: dict | None = None) -> bytes:
    """`triples` (3-tuples of plain terms) as `name`; the quad formats put them in the default graph."""
    import pyoxigraph as ox

    from .oxigraph_store import RDF_FORMATS

    memo: dict = {}  # a predicate or a hub node recurs on many triples: build each term once

    def term(t):
        made = memo.get(t)
        if made is None:
            kind, value, lang, dt = t
            if kind == "uri":
                made = ox.NamedNode(value)
            elif kind == "bnode":
                made = ox.BlankNode(value)
            elif lang:
                made = ox.Literal(value, language=lang)
            elif dt:
                made = ox.Literal(value, datatype=ox.NamedNode(dt))
            else:
                made = ox.Literal(value)
            memo[t] = made
        return made

    native = getattr(triples, "native", None)  # the embedded store's own (oxigraph_store.PlainTriples)
    if native is None:
        native = [ox.Triple(term(s), term(p), term(o)) for s, p, o in triples]
    if name in ("trig", "nquads"):
        graph = ox.DefaultGraph()
        items = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in native]
    else:
        items = native
    kwargs = {"prefixes": prefixes or PREFIXES} if name in ("turtle", "trig", "rdfxml") else {}
    return ox.serialize(items, format=RDF_FORMATS[name], **kwargs)
