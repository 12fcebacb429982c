"""The page cache and the network warm-up's rules, on a real store directory: one build per page
at a time, a new build when the store changes, and a failed background build not retried until
the store changes (at 100k articles it would hold a worker at every poll)."""
from __future__ import annotations

import threading
import time

from test_endpoint_support import build_store

from newsgraph.endpoint.pagecache import NetworkWarmer, StoreCache


def test_one_build_per_page_at_a_time_and_again_after_a_write(tmp_path):
    from newsgraph.graph.store import open_store
    path = build_store(str(tmp_path / "store"))
    cache, calls = StoreCache(path), []

    def slow():
        calls.append(1)
        time.sleep(0.3)
        return {"n": len(calls)}
    got = []
    threads = [threading.Thread(target=lambda: got.append(cache.get("k", slow))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and sorted(hit for _, hit in got) == [False, True, True, True]
    s = open_store(path)
    s.update('INSERT DATA { <urn:x:a> <urn:x:b> "c" }')
    s.close()
    assert cache.get("k", slow) == ({"n": 2}, False)


class CountingPool:
    """Answers the warm-up's network request as a worker does when the build is over its limit."""

    def __init__(self):
        self.calls = 0

    def call(self, msg, timeout, client):
        assert msg["op"] == "network" and client == "network warm-up"
        self.calls += 1
        return {"ok": False, "status": 504, "message": "query exceeded the 30 s limit and was stopped"}


def test_a_failed_background_build_waits_for_the_store_to_change(tmp_path):
    from newsgraph.graph.store import open_store
    path = build_store(str(tmp_path / "store"))
    pool = CountingPool()
    warmer = NetworkWarmer(StoreCache(path), pool, 30, poll=0.05)
    warmer.start()
    try:
        time.sleep(0.6)
        assert pool.calls == 1 and "30 s limit" in warmer.last_error
        s = open_store(path)
        s.update('INSERT DATA { <urn:x:a> <urn:x:b> "c" }')
        s.close()
        deadline = time.monotonic() + 5
        while pool.calls < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        assert pool.calls == 2  # once more for the new store state, then quiet again
    finally:
        warmer.stop()
        warmer.join(5)
