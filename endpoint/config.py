"""The endpoint's settings: `newsgraph serve` options, then environment variables, then defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"${name} must be a whole number, got {value!r}") from None


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass
class EndpointConfig:
    store: str = "memory:"
    base_iri: str = "https://newsgraph.example.org/id/"
    query_timeout: float | None = 10.0  # seconds; None: no limit
    update_token: str | None = None  # None: updates refused (403)
    max_rows: int = 10000  # rows (or triples) per result; more are cut and the response says so
    max_body: int = 1 << 20  # bytes per request body; more: 413
    workers: int = 4  # query worker processes
    threads: int = 16  # waitress threads (requests in flight)
    allow_service: bool = False  # SERVICE in queries and LOAD in updates
    worker_memory_mb: int = 2048  # per query worker (RLIMIT_DATA); 0: no limit
    network_timeout: float | None = 30.0  # the /network page builds a whole graph: a longer limit
    network_warm: bool = True  # build the unfiltered /network in the background after start and writes
    store_options: dict = field(default_factory=dict)
    # abuse limits (issue 19): per client address, so one client cannot lock the others out
    client_requests: int = 4  # requests one client may have running or waiting; more: 429
    client_connections: int = 64  # open connections per client; more: 503 and closed
    max_connections: int = 1000  # open connections in all (bounded by file descriptors)
    request_deadline: float = 30.0  # seconds from a request's first byte to its last
    update_timeout: float | None = 60.0  # seconds an update may run before it is stopped (nothing changes)
    heavy_share: int = 5  # percent of the time a heavy query runs while light ones do (100: never paused)

    @classmethod
    def from_args(cls, args) -> "EndpointConfig":
        """From `newsgraph serve` arguments and NEWSGRAPH_* environment variables."""
        from newsgraph.config import store_location
        from newsgraph.graph.namespaces import base_iri

        timeout = getattr(args, "query_timeout", 10.0)
        timeout = None if timeout is None or timeout <= 0 else float(timeout)
        options = {}
        if getattr(args, "update_url", None):
            options["update_url"] = args.update_url
        cpus = os.cpu_count() or 2
        return cls(
            store=store_location(getattr(args, "store", None)),
            base_iri=base_iri(getattr(args, "base_iri", None)),
            query_timeout=timeout,
            update_token=(getattr(args, "update_token", None) or None),
            max_rows=getattr(args, "max_rows", None) or _env_int("NEWSGRAPH_MAX_ROWS", 10000),
            max_body=getattr(args, "max_body", None) or _env_int("NEWSGRAPH_MAX_BODY", 1 << 20),
            workers=getattr(args, "workers", None) or _env_int("NEWSGRAPH_QUERY_WORKERS", min(4, max(2, cpus))),
            threads=_env_int("NEWSGRAPH_THREADS", 16),
            worker_memory_mb=_env_int("NEWSGRAPH_WORKER_MEMORY_MB", 2048),
            allow_service=bool(getattr(args, "allow_service", False)) or _env_flag("NEWSGRAPH_ALLOW_SERVICE"),
            network_timeout=None if timeout is None else max(timeout, 30.0),
            network_warm=os.environ.get("NEWSGRAPH_NETWORK_WARM", "1").strip().lower() not in ("0", "false", "no", "off"),
            store_options=options,
            client_requests=max(1, _env_int("NEWSGRAPH_CLIENT_REQUESTS", 4)),
            client_connections=max(1, _env_int("NEWSGRAPH_CLIENT_CONNECTIONS", 64)),
            max_connections=max(10, _env_int("NEWSGRAPH_MAX_CONNECTIONS", 1000)),
            request_deadline=float(max(1, _env_int("NEWSGRAPH_REQUEST_DEADLINE", 30))),
            update_timeout=float(_env_int("NEWSGRAPH_UPDATE_TIMEOUT", 60)) or None,
            heavy_share=min(100, max(0, _env_int("NEWSGRAPH_HEAVY_SHARE", 5))),
        )
