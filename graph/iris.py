"""Stable IRIs: the same input gives the same IRIs, under a configurable base."""
from __future__ import annotations

import hashlib

from rdflib import URIRef

from .namespaces import NG


def _h(*parts: str, n: int = 16) -> str:
    # surrogatepass: the same digest as strict UTF-8 for valid text, and no crash on a lone
    # surrogate (an undecodable file name byte) that reached an identity anyway
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:n]


class Minter:
    def __init__(self, base: str):
        self.base = base

    def article(self, identity: str) -> URIRef:
        return URIRef(f"{self.base}article/{_h(identity)}")

    def entity(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def event(self, article_identity: str, meeting_key: str) -> URIRef:
        return URIRef(f"{self.base}event/{_h(article_identity, meeting_key)}")

    def shared_event(self, location_path: str, date: str, attendees: tuple[str, ...] = ()) -> URIRef:
        """A meeting with a known place and day: one node however many articles report it. `attendees` tells
        apart meetings that one article reports at the same place on the same day (the host, then a minister):
        the extractor has said they are different, so they must not fold into one."""
        tail = f"-{_h(*attendees, n=8)}" if attendees else ""
        return URIRef(f"{self.base}event/{location_path.rsplit('/', 1)[-1]}-{date}{tail}")

    def claim(self, article_identity: str, claim_key: str) -> URIRef:
        return URIRef(f"{self.base}claim/{_h(article_identity, claim_key)}")

    def annotation(self, article_iri: str, target: str, start: int, end: int) -> URIRef:
        return URIRef(f"{self.base}annotation/{_h(article_iri, target, str(start), str(end))}")

    def pair(self, a: str, b: str) -> URIRef:
        """The pair of actors two meeting attendees form (order-free)."""
        a, b = sorted((str(a), str(b)))
        return URIRef(f"{self.base}pair/{_h(a, b)}")

    @property
    def index_graph(self) -> URIRef:
        """Materialised counts and edges (graph/index.py)."""
        return URIRef(self.base + "graph/index")

    @property
    def entities_graph(self) -> URIRef:
        """The one graph holding each entity's single schema:name and its resolution key."""
        return URIRef(self.base + "graph/entities")

    @property
    def vocab(self) -> str:
        return str(NG)
