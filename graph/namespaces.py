"""Vocabularies the graph uses, and the configurable base IRI for our own resources."""
from __future__ import annotations

import os

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD  # noqa: F401  (re-exported)



class _TermCache(Namespace):
    """A Namespace whose terms are built once: `SDO.name` is read about 900 times per article,
    and rdflib's Namespace makes a new URIRef at every attribute access."""

    def __getattr__(self, name):
        term = super().__getattr__(name)
        if not name.startswith("_"):
            self.__dict__[name] = term
        return term


SDO = _TermCache("http://schema.org/")
OA = _TermCache("http://www.w3.org/ns/oa#")
NG = _TermCache("https://w3id.org/newsgraph/vocab#")  # our small vocabulary: graph/vocab.ttl
GEONAMES = Namespace("https://sws.geonames.org/")

DEFAULT_BASE_IRI = "https://newsgraph.example.org/id/"

PREFIXES = {"schema": str(SDO), "oa": str(OA), "ng": str(NG), "prov": str(PROV), "rdf": str(RDF),
            "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL)}


def base_iri(explicit: str | None = None) -> str:
    """The base for our IRIs: --base-iri, else $NEWSGRAPH_BASE_IRI, else the default."""
    base = explicit or os.environ.get("NEWSGRAPH_BASE_IRI") or DEFAULT_BASE_IRI
    return base if base.endswith(("/", "#")) else base + "/"


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
