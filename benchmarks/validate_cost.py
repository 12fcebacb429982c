"""`newsgraph validate`'s time and peak memory (the shapes compiled to SPARQL, run in the store).

    python benchmarks/validate_cost.py --sizes 500,2000,5000
    python benchmarks/validate_cost.py --sizes 2000 --whole      # one query per constraint, as before

Writes the first N corpus articles (true records, no extraction; the shapes that hurt: hub
actors in hundreds of articles, about 20 evidence annotations an article) into a store under
--work (reused by a rerun) and validates it in a fresh process. Peak memory is that process's
VmHWM, which starts anew at exec: `ru_maxrss` does not (Linux keeps the forking parent's peak
across fork and exec), and the earlier version of this script reported the writer's memory as
validate's (0.5 GB at 500 articles, 1.2 GB at 2,000, where validate itself used 80-130 MB).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))

CHILD = """
import sys, time
from newsgraph.graph.store import open_store
from newsgraph.graph.validate import checks, validate_store
def hwm_mb():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) / 1024
store = open_store(sys.argv[1], read_only=True)
opened = hwm_mb()
t = time.perf_counter()
if sys.argv[2] == "whole":
    n = sum(len(store.query(c.sparql()).rows) for c in checks())
else:
    n = validate_store(store, batch=int(sys.argv[2]))[2]
print(f"violations={n} seconds={time.perf_counter() - t:.1f} peak_rss_mb={hwm_mb():.0f} (open: {opened:.0f})")
"""

WRITE = """
import sys
sys.path.insert(0, sys.argv[3])
from common import write_graphs
from newsgraph.graph.store import open_store
store = open_store(sys.argv[1])
write_graphs(store, int(sys.argv[2]))
store.optimize()
store.close()
"""


def store_of(work: str, n: int) -> str:
    """A store of the first n corpus articles, written once (in its own process) and kept."""
    path = os.path.join(work, f"validate-{n}")
    if not os.path.isdir(path):
        subprocess.run([sys.executable, "-c", WRITE, path + ".part", str(n), os.path.dirname(os.path.abspath(__file__))],
                       check=True)
        os.rename(path + ".part", path)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2000", help="article counts, comma-separated")
    ap.add_argument("--batch", type=int, default=None, help="focus nodes per query (default: validate's BATCH)")
    ap.add_argument("--whole", action="store_true", help="one query per constraint over the whole store (how validate ran before it streamed)")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "newsgraph-bench"))
    args = ap.parse_args()
    from newsgraph.graph.validate import BATCH
    os.makedirs(args.work, exist_ok=True)
    mode = "whole" if args.whole else str(args.batch or BATCH)
    for n in (int(x) for x in args.sizes.split(",")):
        path = store_of(args.work, n)
        out = subprocess.run([sys.executable, "-c", CHILD, path, mode], capture_output=True, text=True,
                             check=True).stdout.strip()
        label = "whole-store queries" if args.whole else f"batches of {mode}"
        print(f"{n} corpus articles, {label}: {out}")


if __name__ == "__main__":
    main()
