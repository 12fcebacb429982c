"""What the default graph as a view (graph/view.py) costs: write rate, size on disk, query medians.

    python benchmarks/view_cost.py --n 2000

Writes the first N corpus articles (true records, no extraction) into two fresh embedded stores,
one keeping the default graph (as newsgraph does) and one writing named graphs only (as before
version 6), then times every named query on each (parameters on the most mentioned person) and
the README's person query over the default graph.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))

from common import BASE, bindings_for, dir_size, median_ms, popular_params, table, write_graphs  # noqa: E402

README_EXAMPLE = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }"


def run(n: int, view: bool, work: str, repeat: int) -> dict:
    from newsgraph import queries
    from newsgraph.graph.store import open_store
    from newsgraph.graph.store.oxigraph_store import OxigraphStore

    path = os.path.join(work, "view" if view else "plain")
    shutil.rmtree(path, ignore_errors=True)
    OxigraphStore.default_graph_view = view
    store = open_store(path)
    try:
        w = write_graphs(store, n)
        store.optimize()
        out = {"articles/s": w["articles_per_s"], "MB": dir_size(path) / 1e6}
        params = popular_params(store)
        for name, q in queries.all_queries().items():
            text = q.sparql(bindings_for(q, params), base=BASE)
            samples = []
            for _ in range(repeat):
                t = time.perf_counter()
                store.query(text)
                samples.append(time.perf_counter() - t)
            out[name] = median_ms(samples)
        t = time.perf_counter()
        rows = store.query(README_EXAMPLE).rows
        out["readme ms"] = (time.perf_counter() - t) * 1000
        out["readme rows"] = len(rows)
        out["readme distinct"] = len(set(rows))
        return out
    finally:
        store.close()
        OxigraphStore.default_graph_view = True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="newsgraph-view-")
    results = {"view": run(args.n, True, work, args.repeat), "named graphs only": run(args.n, False, work, args.repeat)}
    keys = list(results["view"])
    print(f"{args.n} corpus articles")
    print(table(["", *results], [[k, *(round(r[k], 1) if isinstance(r[k], float) else r[k]
                                          for r in results.values())] for k in keys]))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
