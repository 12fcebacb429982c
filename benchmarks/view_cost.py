"""What the default graph as a view (graph/view.py) costs: write rate, size on disk, query medians.

    python benchmarks/view_cost.py --n 2000

Writes the first N corpus articles (true records, no extraction) into two fresh embedded stores,
one keeping the default graph (as newsgraph does) and one writing named graphs only and queried
over the union default graph (as before version 6), then times every named query on each
(parameters on the most mentioned person; the stores alternate, so load on the machine slows
both alike) and the README's person query.
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


def build(n: int, view: bool, work: str) -> tuple[str, dict]:
    from newsgraph.graph.store import open_store
    from newsgraph.graph.store.oxigraph_store import OxigraphStore

    path = os.path.join(work, "view" if view else "plain")
    shutil.rmtree(path, ignore_errors=True)
    OxigraphStore.default_graph_view = view
    store = open_store(path)
    try:
        w = write_graphs(store, n)
        store.optimize()
    finally:
        store.close()
        OxigraphStore.default_graph_view = True
    return path, {"articles/s": w["articles_per_s"], "MB": dir_size(path) / 1e6}


def _run(store, text: str, union: bool) -> list:
    """The rows of a query; `union`: as newsgraph ran it before the view (the union default graph)."""
    if not union:
        return store.query(text).rows
    from newsgraph.graph.namespaces import PREFIXES
    return [tuple(sol) for sol in store._store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)]


def measure(paths: dict[str, str], repeat: int) -> dict[str, dict]:
    """Every named query on every store, alternating between the stores at each repetition, so
    that a busy machine slows both alike."""
    from newsgraph import queries
    from newsgraph.graph.store import open_store

    stores = {k: open_store(p, read_only=True) for k, p in paths.items()}
    out: dict[str, dict] = {k: {} for k in stores}
    try:
        params = popular_params(next(iter(stores.values())))
        texts = {name: q.sparql(bindings_for(q, params), base=BASE) for name, q in queries.all_queries().items()}
        texts["README example"] = README_EXAMPLE
        for name, text in texts.items():
            samples: dict[str, list] = {k: [] for k in stores}
            for _ in range(repeat):
                for k, store in stores.items():
                    t = time.perf_counter()
                    _run(store, text, union=(k != "view"))
                    samples[k].append(time.perf_counter() - t)
            for k in stores:
                out[k][name] = median_ms(samples[k])
        for k, store in stores.items():
            rows = _run(store, README_EXAMPLE, union=(k != "view"))
            out[k]["README rows (distinct)"] = f"{len(rows)} ({len(set(rows))})"
    finally:
        for store in stores.values():
            store.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="newsgraph-view-")
    built = {"view": build(args.n, True, work), "named graphs only": build(args.n, False, work)}
    results = {k: info for k, (_, info) in built.items()}
    for k, timings in measure({k: path for k, (path, _) in built.items()}, args.repeat).items():
        results[k].update(timings)
    keys = list(results["view"])
    print(f"{args.n} corpus articles; query medians in ms")
    print(table(["", *results], [[k, *(round(r[k], 1) if isinstance(r[k], float) else r[k]
                                          for r in results.values())] for k in keys]))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
