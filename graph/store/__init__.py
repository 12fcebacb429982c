"""Stores behind one interface (see base.py)."""
from .base import (DEFAULT_GRAPH, EXPORT_FORMATS, QueryError, QueryResult, Store, StoreError, open_store,  # noqa: F401
                   register_backend)
