"""Plain ingest against `--cluster local:N` (issue 18), where the time goes, and what more workers give.

    python benchmarks/cluster_ingest.py --n 2000              # about 10 minutes on the shared 2-core machine
    python benchmarks/cluster_ingest.py --n 300 --stages 100  # a quick look

1. stages, one process, the first --stages corpus articles: read, extract, build the graph, write it
   by the per-article update (graph/writer.py), write it as a shard (graph/shards.py); then the bulk
   load and the rebuild (reindex) of those shards - ms per article each;
2. end to end, as a user runs them (new processes): `newsgraph ingest --jobs N` (per-article
   updates only, and switching to the bulk path after a quarter of the corpus:
   NEWSGRAPH_BULK_AFTER) and `newsgraph ingest --cluster local:N` on the same corpus, wall time, articles/s, the bulk
   load's quads/s and the rebuild's time (from the ingest's own report line);
3. the named queries' medians on both stores (parameters: the most mentioned person);
4. on paper: extraction per worker against the driver's per-article work (build, shard, bulk
   load) and the rebuild, for 100k articles at 2, 8 and 32 workers - which of them is the limit.

Not a pass/fail test; prints numbers (and --json FILE). Do not run it at 100k here: the
machine is shared (docs/benchmarks.md).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import BASE, bindings_for, dump, popular_params, table

NEWSGRAPH = [sys.executable, "-m", "newsgraph"]


def corpus_file(work: Path, n: int, seed: int) -> Path:
    import corpus
    path = work / f"corpus-{n}-s{seed}.jsonl"
    if not path.exists():
        corpus.write_corpus(str(path), n, seed)
    return path


def stages(path: Path, limit: int, work: Path) -> dict:
    """ms per article of each step, one process (the extractor warmed first)."""
    from newsgraph.extractors.pipeline import Extractor
    from newsgraph.graph.build import build_article_graph
    from newsgraph.graph.iris import Minter
    from newsgraph.graph.shards import ShardWriter
    from newsgraph.graph.store import open_store
    from newsgraph.graph.writer import ArticleWriter
    from newsgraph.ingest import extract_one
    from newsgraph.readers import Article, iter_articles

    t = time.perf_counter()
    items = [a for _, a in zip(range(limit), iter_articles([str(path)])) if isinstance(a, Article)]
    read = time.perf_counter() - t
    extractor = Extractor()
    extractor.warm()
    t = time.perf_counter()
    extracted = [(a, extract_one(extractor, a)) for a in items]
    extract = time.perf_counter() - t
    minter = Minter(BASE)
    out = {"articles": len(items), "read_ms": read * 1000 / len(items), "extract_ms": extract * 1000 / len(items)}
    for name, make in (("update", lambda s: ArticleWriter(s, minter)),
                       ("shard", lambda s: ShardWriter(s, minter, work / "stage-shards", flush_every=10 ** 9))):
        store_path = work / f"stage-{name}"
        shutil.rmtree(store_path, ignore_errors=True)
        with open_store(str(store_path)) as store:
            writer = make(store)
            build = write = 0.0
            for a, ex in extracted:
                writer.stored_hash(minter.article(a.identity))
                t = time.perf_counter()
                ag = build_article_graph(a, ex, minter, None, writer.known_given_names)
                build += time.perf_counter() - t
                t = time.perf_counter()
                writer.write(ag)
                write += time.perf_counter() - t
            out["build_ms"] = build * 1000 / len(items)
            out[f"write_{name}_ms"] = write * 1000 / len(items)
            if name == "shard":
                writer.finish()
                out["bulk_load_ms"] = writer.load_seconds * 1000 / len(items)
                out["bulk_quads_per_s"] = writer.quads_loaded / writer.load_seconds
                out["reindex_ms"] = writer.reindex_seconds * 1000 / len(items)
        shutil.rmtree(store_path, ignore_errors=True)
    return out


def end_to_end(path: Path, store: Path, args: list[str], env: dict) -> dict:
    shutil.rmtree(store, ignore_errors=True)
    t = time.perf_counter()
    proc = subprocess.run(NEWSGRAPH + ["ingest", "--store", str(store), *args, str(path)],
                          capture_output=True, text=True, env={**os.environ, **env})
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-400:]}
    added = int(re.search(r"(\d+) added", proc.stdout).group(1))
    out = {"wall_s": wall, "added": added, "articles_per_s": added / wall, "line": proc.stdout.strip()}
    m = re.search(r"\(([\d,]+) quads in ([\d.]+) s\), materialised data rebuilt in ([\d.]+) s", proc.stderr)
    if m:
        quads, load, rebuild = int(m.group(1).replace(",", "")), float(m.group(2)), float(m.group(3))
        out.update(quads=quads, load_s=load, rebuild_s=rebuild, quads_per_s=quads / load if load else None)
    return out


def query_medians(store: Path, repeat: int) -> dict:
    from newsgraph import queries
    from newsgraph.graph.store import open_store
    out = {}
    with open_store(str(store), read_only=True) as s:
        params = popular_params(s)
        for q in queries.all_queries().values():
            bind = bindings_for(q, params)
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                s.query(q.sparql(bind, base=BASE))
                times.append(time.perf_counter() - t)
            out[q.name] = statistics.median(times) * 1000
    return out


def on_paper(st: dict, n: int = 100_000) -> list[list]:
    """Wall time for n articles at W workers, from the stage timings: the workers extract while the
    driver builds, writes the shards and loads them every 5,000 articles (one process, so its
    per-article work and the loads add up), then the rebuild runs once. Linear in n: the
    rebuild's month buckets and counts grow a little faster than that (docs/benchmarks.md)."""
    per_worker = 1000 / st["extract_ms"]  # articles/s one worker extracts
    driver_ms = st["read_ms"] + st["build_ms"] + st["write_shard_ms"] + st["bulk_load_ms"]
    driver_s, rebuild_s = n * driver_ms / 1000, n * st["reindex_ms"] / 1000
    rows = []
    for w in (2, 8, 32):
        extract_s = n / (per_worker * w)
        total = max(extract_s, driver_s) + rebuild_s
        limit = "extraction" if extract_s > driver_s else "the driver (build, shards, bulk load)"
        if rebuild_s > max(extract_s, driver_s):
            limit += "; then the rebuild, longer still"
        rows.append([w, f"{per_worker * w:.0f}", f"{1000 / driver_ms:.0f}", f"{extract_s / 60:.1f}",
                     f"{driver_s / 60:.1f}", f"{rebuild_s / 60:.1f}", f"{total / 60:.1f}", limit])
    return rows


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=2000, help="corpus articles end to end (default 2000)")
    p.add_argument("--stages", type=int, default=500, help="articles for the per-stage timing (default 500)")
    p.add_argument("--workers", type=int, default=2, help="--jobs and local:N (default 2: this machine's cores)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=10, help="runs per named query (default 10)")
    p.add_argument("--work", default=None, help="folder for the corpus and stores (default: a temporary one)")
    p.add_argument("--json", default=None, help="also write the numbers to this file")
    args = p.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="ng-cluster-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    path = corpus_file(work, args.n, args.seed)
    results = {"n": args.n, "workers": args.workers}
    print(f"corpus: {args.n} articles ({path.stat().st_size / 1e6:.1f} MB), work folder {work}", flush=True)

    results["stages"] = st = stages(path, args.stages, work)
    print(f"\n## Stages, one process, {st['articles']} articles (ms per article)\n")
    print(table(["read", "extract", "build", "write: update", "write: shard", "bulk load", "rebuild (reindex)"],
                [[f"{st[k]:.1f}" for k in ("read_ms", "extract_ms", "build_ms", "write_update_ms",
                                           "write_shard_ms", "bulk_load_ms", "reindex_ms")]]))
    print(f"bulk load: {st['bulk_quads_per_s']:,.0f} quads/s", flush=True)

    runs = {"plain": (["--jobs", str(args.workers)], {"NEWSGRAPH_BULK_AFTER": "off"}),
            "plain-bulk-after": (["--jobs", str(args.workers)], {"NEWSGRAPH_BULK_AFTER": str(args.n // 4)}),
            "cluster": (["--cluster", f"local:{args.workers}"], {})}
    rows = []
    for name, (extra, env) in runs.items():
        results[name] = r = end_to_end(path, work / f"store-{name}", extra, env)
        if "error" in r:
            rows.append([name, r["error"], "", "", ""])
            continue
        r["queries_ms"] = query_medians(work / f"store-{name}", args.repeat)
        rows.append([f"ingest {' '.join(extra)}" + "".join(f" ({k}={v})" for k, v in env.items()), f"{r['wall_s']:.0f}", f"{r['articles_per_s']:.1f}",
                     f"{r['articles_per_s'] / args.workers:.1f}",
                     f"{r['quads_per_s']:,.0f} quads/s, rebuild {r['rebuild_s']:.0f} s" if "quads" in r else "-"])
        print(f"{name}: {r['line']}", flush=True)
    print(f"\n## End to end, {args.n} articles, new processes\n")
    print(table(["run", "wall s", "articles/s", "per worker", "bulk load"], rows))
    if "queries_ms" in results.get("plain", {}) and "queries_ms" in results.get("cluster", {}):
        qp, qc = results["plain"]["queries_ms"], results["cluster"]["queries_ms"]
        print(f"\n## Named queries, median ms of {args.repeat} (most mentioned person)\n")
        print(table(["query", "plain", "cluster"], [[q, f"{qp[q]:.1f}", f"{qc[q]:.1f}"] for q in qp]))
    print("\n## On paper: 100,000 articles (from the stage timings; extraction scales by workers, "
          "the driver, the load and the rebuild do not)\n")
    print(table(["workers", "extraction art/s", "driver art/s", "extract min", "driver min", "rebuild min",
                 "total min", "limit"], on_paper(st)))
    dump(results, args.json)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
