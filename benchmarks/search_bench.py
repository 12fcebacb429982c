"""What search costs: building the FTS5 index from a store, catching up, and query latency.

    python benchmarks/search_bench.py --store DIR            # e.g. a store page_cost.py built (--work)
    python benchmarks/search_bench.py --n 1000               # build a store of N corpus articles first

Builds the index (graph/search_index.py) in a temporary file from every article of the store,
then times a no-op catch-up (what a search costs when the store changed but nothing new was
indexed) and median / worst query times for names, common and rare words, prefixes and
multi-word queries; and name completion. Reported, not pass/fail (the issue asks for search under
200 ms at 100,000 articles). `page_cost.py --search` times the same on the index a server keeps
beside the store.
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
COMPLETIONS = ["Wit", "Sel", "Ab"]


def probe_words(idx) -> dict[str, str]:
    """The index's commonest word and a rare one (in exactly one row), from FTS5's vocabulary."""
    db = idx.db
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, docs, row)")
    common = db.execute("SELECT term FROM temp.vocab ORDER BY doc DESC LIMIT 1").fetchone()
    rare = db.execute("SELECT term FROM temp.vocab WHERE doc = 1 AND length(term) >= 6 AND term GLOB '[a-z]*' "
                      "ORDER BY term LIMIT 1").fetchone()
    return {"common word": common[0] if common else "the", "rare word": rare[0] if rare else "zzz"}


def time_searches(idx, queries: list[str], completions: list[str], repeat: int,
                  labels: dict[str, str] | None = None) -> list[list]:
    """[label, items found, median ms, worst ms] per search and per name completion."""
    labels = labels or {}
    rows = []
    for q in queries:
        samples = []
        for _ in range(repeat):
            t = time.perf_counter()
            r = idx.search(q)
            samples.append(time.perf_counter() - t)
        rows.append([f"{labels[q]} {q!r}" if q in labels else q, r["total"], round(median_ms(samples), 1),
                     round(max(samples) * 1000, 1)])
    for q in completions:
        samples = []
        for _ in range(repeat):
            t = time.perf_counter()
            idx.complete(q, "actor")
            samples.append(time.perf_counter() - t)
        rows.append([f"complete {q!r}", "", round(median_ms(samples), 1), round(max(samples) * 1000, 1)])
    return rows


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
        print(table(["query", "items", "median ms", "worst ms"], time_searches(idx, QUERIES, COMPLETIONS, args.repeat)))
    finally:
        store.close()


if __name__ == "__main__":
    main()
