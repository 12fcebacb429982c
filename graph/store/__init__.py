"""Stores behind one interface (see base.py)."""
from .base import (EXPORT_FORMATS, QueryError, QueryResult, Store, StoreError, open_store,  # noqa: F401
                   register_backend)
