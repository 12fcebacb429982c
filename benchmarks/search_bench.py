"""What search costs: building the FTS5 index from a store, catching up, and query latency.

    python benchmarks/search_bench.py --store DIR            # e.g. a store page_cost.py built (--work)
    python benchmarks/search_bench.py --n 1000               # build a store of N corpus articles first

Builds the index (graph/search_index.py) in a temporary file from every article of the store,
then times a no-op catch-up (what a search costs when the store changed but nothing new was
indexed) and median / worst query times for names, common and rare words, prefixes and
multi-word queries; and name completion. Reported, not pass/fail (the issue asks for search under
200 ms at 100,000 articles).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import median_ms, table  # noqa: E402

QUERIES = ["Witkoff", "Selenskyj", "zelensky", "Genf", "Moskau Gespräche", "talks", "the", "Waffen", "Abu Dhabi",
           "sanctions ceasefire", "Kreml", "Umerov Miami"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", default=None, help="an existing embedded store")
    ap.add_argument("--n", type=int, default=1000, help="corpus articles to write when no --store (default 1000)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per query (default 5)")
    args = ap.parse_args()
    from newsgraph.graph.search_index import SearchIndex
    from newsgraph.graph.store import open_store
    tmp = tempfile.mkdtemp(prefix="newsgraph-search-")
    path = args.store
    if not path:
        from page_cost import build
        path = build(args.n, tmp)
    store = open_store(path, read_only=True)
    try:
        idx = SearchIndex(os.path.join(tmp, "search.sqlite"))
        select = lambda text: store.query(text).rows  # noqa: E731
        t = time.perf_counter()
        built = idx.catch_up(select)
        build_s = time.perf_counter() - t
        t = time.perf_counter()
        idx.catch_up(select)
        noop_ms = (time.perf_counter() - t) * 1000
        size = os.path.getsize(os.path.join(tmp, "search.sqlite"))
        print(f"{path}: indexed {built['indexed']} articles in {build_s:.1f} s "
              f"({built['indexed'] / build_s:.0f}/s), {size / 1e6:.1f} MB; a catch-up with nothing new: {noop_ms:.0f} ms")
        rows = []
        for q in QUERIES:
            samples = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                r = idx.search(q)
                samples.append(time.perf_counter() - t)
            rows.append([q, r["total"], round(median_ms(samples), 1), round(max(samples) * 1000, 1)])
        for q in ("Wit", "Sel", "Ab"):
            samples = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                idx.complete(q, "actor")
                samples.append(time.perf_counter() - t)
            rows.append([f"complete {q!r}", "", round(median_ms(samples), 1), round(max(samples) * 1000, 1)])
        print(table(["query", "items", "median ms", "worst ms"], rows))
    finally:
        store.close()


if __name__ == "__main__":
    main()
