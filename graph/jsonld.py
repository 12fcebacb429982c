"""JSON-LD exports in compact form with a @context of our prefixes.

Oxigraph writes expanded JSON-LD: every property a full IRI, no @context, unreadable and not
what a JSON-LD consumer expects. rdflib's serializer compacts against a context; the prefixes
are the ones every query predefines (graph/namespaces.py), so `schema:name` reads the same in a
query and in the file.
"""
from __future__ import annotations

from typing import BinaryIO, Iterable

from .namespaces import PREFIXES


def context() -> dict[str, str]:
    return dict(PREFIXES)


def write_compact(triples: Iterable[tuple], out: BinaryIO) -> None:
    """`triples` (rdflib terms) as one compact JSON-LD document: {"@context": …, "@graph": […]}."""
    from rdflib import Graph
    g = Graph()
    for t in triples:
        g.add(t)
    out.write(g.serialize(format="json-ld", context=context(), auto_compact=True).encode("utf-8"))
