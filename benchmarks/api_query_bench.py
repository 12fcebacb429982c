"""The Python API against the CLI on one named query (issue 21: `kg.query("who-met-whom")` on a
10k-article store within 10 % of the CLI).

    python benchmarks/api_query_bench.py --articles 10000 --work /tmp/ngapi --repeat 20

Builds (once, kept in --work) a store of N synthetic articles with their true records
(benchmarks/corpus.py, no extraction), then measures, each as a median of --repeat runs:

1. in process: `kg.query(NAME)` (what the CLI calls since issue 21) beside the bare store call
   it wraps, `store.query(named.sparql(...))`: the API's own cost (finding the query, the
   store's index check, which the CLI did before too); and `.to_pandas()` on top;
2. as a user runs them: `newsgraph query NAME` in a new process beside a new Python process
   that runs `newsgraph.open(...).query(NAME)` (both pay interpreter start and imports).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import write_graphs  # noqa: E402


def medians_ms(fns, repeat: int) -> list[float]:
    """Median ms of each function, run in turns (a, b, a, b, ...) so that the load of a shared
    machine falls on all of them alike."""
    for fn in fns:
        fn()  # warm: caches, lazy imports
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, ts in zip(fns, times):
            t = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t)
    return [statistics.median(ts) * 1000 for ts in times]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "newsgraph-api-bench"))
    p.add_argument("--query", default="who-met-whom")
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--process-repeat", type=int, default=10)
    args = p.parse_args(argv)

    import newsgraph
    from newsgraph import queries
    from newsgraph.graph.store import open_store

    location = str(Path(args.work) / f"store-{args.articles}")
    if not (Path(location) / ".done").exists():
        Path(args.work).mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        with open_store(location) as store:
            info = write_graphs(store, args.articles)
            store.optimize()
        Path(location, ".done").write_text(str(info))
        print(f"built {args.articles} articles in {time.perf_counter() - t:.0f} s ({info['triples']} triples)")

    named = queries.get(args.query)
    with newsgraph.open(location, read_only=True) as kg:
        text = named.sparql(None, None, None, "https://newsgraph.example.org/id/")
        rows = kg.query(args.query)
        store_ms, api_ms, pandas_ms = medians_ms(
            [lambda: kg.store.query(text), lambda: kg.query(args.query),
             lambda: kg.query(args.query).to_pandas()], args.repeat)
    print(f"{args.query} on {args.articles} articles, {len(rows)} rows (one page), median of {args.repeat}:")
    print(f"  store.query, the bare store call  {store_ms:8.1f} ms")
    print(f"  kg.query (the API; the CLI's call) {api_ms:8.1f} ms  ({api_ms / store_ms:.2f}x)")
    print(f"  kg.query(...).to_pandas()         {pandas_ms:8.1f} ms")

    env = {**os.environ, "NEWSGRAPH_STORE": location}
    cli = [sys.executable, "-m", "newsgraph", "query", args.query, "--format", "csv"]
    api = [sys.executable, "-c", f"import newsgraph; newsgraph.open(read_only=True).query({args.query!r})"]
    run = lambda cmd: subprocess.run(cmd, env=env, check=True, capture_output=True)  # noqa: E731
    cli_ms, api_p_ms = medians_ms([lambda: run(cli), lambda: run(api)], args.process_repeat)
    print(f"  new process, median of {args.process_repeat}: `newsgraph query` {cli_ms:.0f} ms, "
          f"python -c 'newsgraph.open().query()' {api_p_ms:.0f} ms ({api_p_ms / cli_ms:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
