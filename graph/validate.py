"""Checks a store against the SHACL shapes of the public contract (graph/shapes.ttl)."""
from __future__ import annotations

import io
from importlib import resources

from rdflib import Graph

from .store import Store


def validate_store(store: Store) -> tuple[bool, str, int]:
    """(conforms, report text, number of violations) for the union of all graphs plus the vocabulary."""
    import pyshacl

    buf = io.BytesIO()
    store.export(buf, "ntriples")
    data = Graph()
    data.parse(data=buf.getvalue(), format="nt")
    data.parse(data=resources.files(__package__).joinpath("vocab.ttl").read_text("utf-8"), format="turtle")
    shapes = Graph().parse(data=resources.files(__package__).joinpath("shapes.ttl").read_text("utf-8"),
                           format="turtle")
    conforms, report_graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                                    allow_warnings=True)
    from rdflib.namespace import RDF, SH
    violations = len(set(report_graph.subjects(RDF.type, SH.ValidationResult)))
    return bool(conforms), text, violations
