"""newsgraph: knowledge graphs from news articles.

Data flows one way: article (newsgraph.readers) -> typed records (newsgraph.extractors)
-> RDF, one named graph per article (newsgraph.graph) -> store -> SPARQL endpoint
(newsgraph.endpoint) / network page (newsgraph.network) / export.

From Python: `kg = newsgraph.open(location)` (newsgraph/api.py, docs/python-api.md). The API is
imported on first use, so `newsgraph --help` does not pay for rdflib and friends.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["open", "KnowledgeGraph", "Rows", "Summary", "UsageError", "MissingParameter", "StoreError",
           "NetworkError", "ActorNotFound", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .api import KnowledgeGraph, MissingParameter, UsageError, open  # noqa: A004
    from .graph.store import StoreError
    from .ingest import Summary
    from .network import ActorNotFound, NetworkError
    from .rows import Rows

# name -> the module under newsgraph that defines it
_LAZY = {"open": "api", "KnowledgeGraph": "api", "UsageError": "api", "MissingParameter": "api", "Rows": "rows",
         "Summary": "ingest", "StoreError": "graph.store", "NetworkError": "network", "ActorNotFound": "network"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
