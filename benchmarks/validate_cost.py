"""`newsgraph validate`'s time and peak memory (the shapes compiled to SPARQL, run in the store).

    python benchmarks/validate_cost.py --n 2000

Writes the first N corpus articles (true records, no extraction) into a fresh embedded store and
validates it in a child process (so the peak RSS is validate's own).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))

from common import write_graphs  # noqa: E402

CHILD = """
import resource, sys, time
from newsgraph.graph.store import open_store
from newsgraph.graph.validate import validate_store
store = open_store(sys.argv[1], read_only=True)
t = time.perf_counter()
ok, text, n = validate_store(store)
print(f"conforms={ok} violations={n} seconds={time.perf_counter() - t:.1f} "
      f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    from newsgraph.graph.store import open_store
    work = tempfile.mkdtemp(prefix="newsgraph-validate-")
    try:
        path = os.path.join(work, "store")
        store = open_store(path)
        write_graphs(store, args.n)
        store.close()
        out = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True,
                             text=True, check=True).stdout.strip()
        print(f"{args.n} corpus articles: {out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
