"""Stores behind one interface (see base.py)."""
from .base import (DEFAULT_GRAPH, EXPORT_FORMATS, PlainTerm, QueryError, QueryResult, Store, StoreError,  # noqa: F401
                   backend_class, open_store, plain_term, register_backend)
from .rdf_writer import serialize_triples  # noqa: F401
