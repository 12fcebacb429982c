"""Where things are unless the user says otherwise."""
from __future__ import annotations

import os

DEFAULT_STORE = "./newsgraph-data"


def store_location(explicit: str | None = None) -> str:
    """--store, else $NEWSGRAPH_STORE, else ./newsgraph-data."""
    return explicit or os.environ.get("NEWSGRAPH_STORE") or DEFAULT_STORE


def resolution_file(explicit: str | None = None) -> str | None:
    """--resolution, else $NEWSGRAPH_RESOLUTION, else ./resolution.yaml when it exists."""
    path = explicit or os.environ.get("NEWSGRAPH_RESOLUTION")
    if path:
        return path
    return "resolution.yaml" if os.path.exists("resolution.yaml") else None
