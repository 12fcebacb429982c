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


def compact_after() -> int:
    """Articles an ingest run must write before it compacts the store (NEWSGRAPH_COMPACT_AFTER, default 1,000:
    compaction costs about 2.5 min at 100,000 articles and pays back in query time and disk)."""
    value = os.environ.get("NEWSGRAPH_COMPACT_AFTER", "1000")
    try:
        return max(1, int(value))
    except ValueError:
        raise ValueError(f"NEWSGRAPH_COMPACT_AFTER must be a number of articles, not {value!r}") from None


def cluster_timeout() -> float:
    """Seconds `--cluster tcp://…` waits for the Dask scheduler to answer (NEWSGRAPH_CLUSTER_TIMEOUT, default 10)."""
    value = os.environ.get("NEWSGRAPH_CLUSTER_TIMEOUT", "10")
    try:
        return max(0.5, float(value))
    except ValueError:
        raise ValueError(f"NEWSGRAPH_CLUSTER_TIMEOUT must be a number of seconds, not {value!r}") from None


def bulk_after() -> int | None:
    """Articles a plain ingest writes one update each before it takes the bulk path for the rest
    of the run (NEWSGRAPH_BULK_AFTER=N; default `off`: never), once the run has also written as
    many articles as the store held when it started (the rebuild at the end costs in proportion
    to the whole store). Off by default: at 2,000 articles on 2 cores the bulk path measured no
    faster end to end (docs/benchmarks.md, "Where ingest spends its time")."""
    value = os.environ.get("NEWSGRAPH_BULK_AFTER", "off").strip().lower()
    if value in ("off", "never", "no"):
        return None
    try:
        return max(1, int(value))
    except ValueError:
        raise ValueError(f"NEWSGRAPH_BULK_AFTER must be a number of articles or 'off', not {value!r}") from None
