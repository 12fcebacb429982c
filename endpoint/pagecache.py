"""Pages built once per store state: the cache /network and its exports are served from, and the
warm-up that builds the unfiltered network page in the background, so that the first visitor
after a start or an ingest does not wait for it (docs/pages.md, "The network page").

The store's state is the fingerprint of its data files (graph/search_index.store_signature): any
write changes it. A store that is not a local directory is not cached and not warmed.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

ENTRIES = 16  # pages kept (each filter combination is one)
WARM_POLL_S = 2.0  # how often the warm-up looks at the store's files
WARM_CLIENT = "network warm-up"  # its fairness key: it queues like one more client
DEFAULT_NETWORK_FILTERS = {"depth": 1, "min_weight": 1}  # what /network without parameters asks


def network_key(kind: str, filters: dict) -> tuple:
    return (kind, tuple(sorted(filters.items())))


class StoreCache:
    """key -> reply while the store's signature is unchanged. One build per key at a time: a
    request that arrives while the same page is being built (by another request or the warm-up)
    waits for that build instead of starting its own."""

    def __init__(self, location: str, entries: int = ENTRIES):
        self.location = location
        self.entries = entries
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict = {}  # key -> Lock held while it builds

    def signature(self) -> str | None:
        from newsgraph.graph.search_index import store_signature
        return store_signature(self.location)

    def peek(self, key, sig: str | None = None):
        """The cached reply for the current store state, or None."""
        sig = self.signature() if sig is None else sig
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] == sig:
                self._items.move_to_end(key)
                return hit[1]
        return None

    def get(self, key, compute) -> tuple[object, bool]:
        """(reply, served from the cache?). `compute()` runs at most once per key at a time; a
        failure raises and is not kept."""
        sig = self.signature()
        if sig is None:
            return compute(), False
        reply = self.peek(key, sig)
        if reply is not None:
            return reply, True
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:
            sig = self.signature()
            reply = self.peek(key, sig)  # built while we waited
            if reply is not None:
                return reply, True
            reply = compute()
            self.put(key, sig, reply)
            return reply, False

    def put(self, key, sig: str, reply) -> None:
        with self._lock:
            self._items[key] = (sig, reply)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)


class NetworkWarmer(threading.Thread):
    """Builds the unfiltered /network page whenever the store has changed and then stayed still
    for one poll (not at every article of a running ingest), through the query pool like a
    request (same workers, same network time limit, its own fairness share)."""

    def __init__(self, cache: StoreCache, pool, timeout: float | None, poll: float = WARM_POLL_S):
        super().__init__(name="network-warm-up", daemon=True)
        self.cache, self.pool, self.timeout, self.poll = cache, pool, timeout, poll
        self.stopped = threading.Event()
        self.builds = 0
        self.last_error: str | None = None

    def stop(self) -> None:
        self.stopped.set()

    def run(self) -> None:
        key = network_key("network", DEFAULT_NETWORK_FILTERS)
        previous = failed = None
        first = True
        while not self.stopped.is_set():
            sig = self.cache.signature()
            # a build that failed (over the time limit: a store too large) is not tried again
            # until the store changes: it would hold a worker every poll
            if sig is not None and sig != failed and (first or sig == previous) and self.cache.peek(key, sig) is None:
                if not self._build(key):
                    failed = sig
            first = False
            previous = sig
            self.stopped.wait(self.poll)

    def _build(self, key) -> bool:
        def compute():
            reply = self.pool.call({"op": "network", "filters": dict(DEFAULT_NETWORK_FILTERS)}, self.timeout,
                                   client=WARM_CLIENT)
            if not reply.get("ok"):
                raise RuntimeError(reply.get("message", "the network could not be built"))
            return reply
        try:
            self.cache.get(key, compute)
            self.builds += 1
            self.last_error = None
            return True
        except Exception as exc:  # noqa: BLE001 - a request will build (and report) it instead
            self.last_error = f"{type(exc).__name__}: {exc}"
            return False
