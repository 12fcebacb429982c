"""Throughput, memory and query latency of newsgraph at 1k, 10k and 100k articles.

    python benchmarks/harness.py --quick                       # under a minute: 200 articles
    python benchmarks/harness.py --sizes 1000,10000 --work /tmp/ngbench
    python benchmarks/harness.py --sizes 100000 --ingest-budget 1800

For each size N (the synthetic corpus of benchmarks/corpus.py, written as JSONL shards):

1. extraction: `newsgraph.extractors.pipeline.Extractor` over the articles with --jobs 1 and 2
   (core.ingest's own extraction loop, so `newsgraph ingest --jobs N` semantics), tokens/s and
   articles/s, beside spaCy's bare tokenizer (spacy.blank(lang).tokenizer) on the same texts in
   the same run. Large corpora are sampled (--extract-sample); the rate does not depend on N.
2. ingest: core.ingest.ingest (readers -> build -> writer, one SPARQL Update per article) with
   the corpus's true records in place of extraction, per store backend: embedded Oxigraph on
   disk, and rdflib's in-memory Dataset behind the same Store interface while it finishes
   within --ingest-budget. Articles/s, triples/s, store size, peak RSS, RSS along the way.
3. queries: median and p99 of every named query (and the proposed rewrites in
   benchmarks/proposed/) on the ingested Oxigraph store, each in its own process.

Every measurement runs in a fresh process, so peak memory is its own.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import BASE, GoldExtractor, dir_size, dump, fmt_ms, peak_rss_mb, popular_params, table  # noqa: E402

TARGETS = {"hour_100k": 3600.0, "query_median_ms_100k": 100.0, "who_met_whom_ratio_10k": 10.0}


def rss_now_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# ---------------------------------------------------------------------------- corpus

def corpus_dir(work: Path, n: int, seed: int) -> Path:
    import corpus
    d = work / f"corpus-{n}-s{seed}"
    if not (d / ".done").exists():
        shutil.rmtree(d, ignore_errors=True)
        t = time.perf_counter()
        corpus.write_corpus(str(d), n, seed, shard_size=5000)
        (d / ".done").write_text(f"{time.perf_counter() - t:.1f}")
    return d


def texts_of(d: Path, limit: int | None):
    """(text, lang) of the first `limit` articles, through newsgraph's readers."""
    from newsgraph.readers import iter_articles
    from newsgraph.readers.article import Article
    out = []
    for item in iter_articles([str(d)]):
        if isinstance(item, Article):
            out.append(item)
            if limit and len(out) >= limit:
                break
    return out


# ---------------------------------------------------------------------------- children

def child_extract(d: str, limit: int, jobs_list: list[int]) -> dict:
    import spacy
    arts = texts_of(Path(d), limit)
    out = {"articles": len(arts), "chars": sum(len(a.text) for a in arts)}
    blank = {lang: spacy.blank(lang) for lang in ("de", "en")}
    t = time.perf_counter()
    tokens = sum(len(blank[a.lang].tokenizer(a.text)) for a in arts)
    dt = time.perf_counter() - t
    out["tokens"] = tokens
    out["tokenizer"] = {"seconds": dt, "tokens_per_s": tokens / dt, "articles_per_s": len(arts) / dt}
    try:
        from newsgraph.extractors.pipeline import Extractor
        extractor = Extractor()
        extractor.extract(arts[0].text, arts[0].lang)  # builds the pipelines (not timed)
        for lang in ("de", "en"):
            first = next((a for a in arts if a.lang == lang), None)
            if first:
                extractor.extract(first.text, lang)
    except Exception as exc:  # noqa: BLE001 - the extractors may not have landed yet
        out["extractor_error"] = f"{type(exc).__name__}: {exc}"
        return out
    from newsgraph.ingest import _extracted
    for jobs in jobs_list:
        t = time.perf_counter()
        failed = 0
        for _item, _rep, ex, err in _extracted(((a, False) for a in arts), extractor, jobs):
            failed += err is not None
        dt = time.perf_counter() - t
        out[f"jobs{jobs}"] = {"seconds": dt, "tokens_per_s": tokens / dt, "articles_per_s": len(arts) / dt,
                              "failed": failed}
    out["peak_rss_mb"] = peak_rss_mb()
    return out


class RdflibMemoryStore:
    """rdflib's in-memory Dataset behind newsgraph's Store interface (for the comparison only)."""

    def __init__(self):
        from rdflib import Dataset
        self.ds = Dataset(default_union=True)
        self.location = "rdflib-memory"
        self.read_only = False

    def _prefixed(self, sparql):
        from newsgraph.graph.namespaces import sparql_prefixes
        return sparql_prefixes() + sparql

    def query(self, sparql, bindings=None, max_rows=None, default_graphs=None, named_graphs=None):
        from newsgraph.graph.store.base import QueryResult, inject_values
        if bindings:
            sparql = inject_values(sparql, bindings)
        res = self.ds.query(self._prefixed(sparql))
        if res.type == "ASK":
            return QueryResult(kind="ask", boolean=bool(res.askAnswer))
        return QueryResult(kind="select", vars=[str(v) for v in res.vars], rows=[tuple(r) for r in res])

    def update(self, sparql):
        self.ds.update(self._prefixed(sparql))

    def ask(self, sparql, bindings=None):
        return bool(self.query(sparql, bindings).boolean)

    def select(self, sparql, bindings=None):
        return self.query(sparql, bindings).dicts()

    def replace_graph_update(self, graph, triples, fresh=False):
        from newsgraph.graph.store.base import Store
        return Store.replace_graph_update(self, graph, triples, fresh)

    def close(self):
        pass


def child_ingest(d: str, backend: str, store_path: str, budget: float, seed: int) -> dict:
    from newsgraph.graph.iris import Minter
    from newsgraph.ingest import ingest
    shutil.rmtree(store_path, ignore_errors=True)
    if backend == "oxigraph":
        from newsgraph.graph.store import open_store
        store = open_store(store_path)
    else:
        store = RdflibMemoryStore()
    gold = GoldExtractor(seed)
    deadline = time.perf_counter() + budget
    t0 = time.perf_counter()
    curve = []
    real_extract = gold.extract

    def extract(text, lang, published=None):  # the true records; stops the run at the budget
        k = gold._next
        if k % 1000 == 0 and k:
            curve.append((k, round(time.perf_counter() - t0, 1), round(rss_now_mb())))
        if time.perf_counter() > deadline:
            raise TimeoutError("over the ingest budget")
        return real_extract(text, lang, published)
    gold.extract = extract
    summary = ingest([d], store, gold, Minter(BASE), report=lambda m: None)
    dt = time.perf_counter() - t0
    out = {"backend": backend, "added": summary.added, "failed": summary.failed, "triples": summary.triples,
           "seconds": dt, "articles_per_s": summary.added / dt, "triples_per_s": summary.triples / dt,
           "finished": summary.failed == 0, "curve": curve, "peak_rss_mb": peak_rss_mb()}
    if backend == "oxigraph":
        out["params"] = popular_params(store)
        store.close()
        out["disk_bytes"] = dir_size(store_path)
    return out


def run_child(args: list[str], timeout: float | None = None) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-400:]}"}
    return json.loads(line[7:])


def queries_on(store_path: str, params: dict, repeat: int, budget: float) -> dict:
    import store_compare
    out = {}
    for qname in store_compare.query_texts(params):
        if qname.startswith("trap"):
            continue
        try:
            out[qname] = run_child_sc(["--query-child", "oxigraph", store_path, json.dumps(params), qname,
                                       "--repeat", str(repeat), "--budget", str(budget)], budget + 10)
        except subprocess.TimeoutExpired:
            out[qname] = {"error": f"over {budget:.0f} s", "runs": 0}
    return out


def run_child_sc(args, timeout):
    proc = subprocess.run([sys.executable, str(HERE / "store_compare.py"), *args], capture_output=True, text=True,
                          timeout=timeout)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    return json.loads(line[7:]) if line else {"error": f"exit {proc.returncode}", "runs": 0}


# ---------------------------------------------------------------------------- main

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000,10000", help="article counts, e.g. 1000,10000,100000")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "newsgraph-bench"))
    p.add_argument("--jobs", default="1,2", help="extraction processes to compare (default 1,2)")
    p.add_argument("--extract-sample", type=int, default=2000, help="articles extracted per size (default 2000)")
    p.add_argument("--backends", default="oxigraph,rdflib-memory")
    p.add_argument("--ingest-budget", type=float, default=1800.0, help="seconds per ingest run (default 1800)")
    p.add_argument("--rdflib-budget", type=float, default=120.0,
                   help="seconds for the rdflib-memory ingest (default 120; it manages about 1 article/s)")
    p.add_argument("--repeat", type=int, default=20, help="runs per query for median/p99 (default 20)")
    p.add_argument("--query-budget", type=float, default=60.0)
    p.add_argument("--quick", action="store_true", help="200 articles, small budgets: under a minute")
    p.add_argument("--json", default=None, metavar="FILE")
    p.add_argument("--reuse", action="store_true",
                   help="keep a finished ingest from an earlier run in --work (its result is saved beside the "
                        "store) and only rerun extraction and queries, e.g. after changing the queries")
    p.add_argument("--skip-extract", action="store_true", help="measure ingest and queries only")
    p.add_argument("--child-extract", nargs=3, help=argparse.SUPPRESS)
    p.add_argument("--child-ingest", nargs=4, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child_extract:
        d, limit, jobs = args.child_extract
        print("RESULT " + json.dumps(child_extract(d, int(limit), [int(j) for j in jobs.split(",")])))
        return 0
    if args.child_ingest:
        d, backend, path, budget = args.child_ingest
        print("RESULT " + json.dumps(child_ingest(d, backend, path, float(budget), args.seed)))
        return 0
    if args.quick:
        args.sizes, args.extract_sample, args.ingest_budget, args.repeat, args.query_budget = "200", 200, 10, 5, 2
        args.rdflib_budget = 10
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    results = {}
    for n in [int(s) for s in args.sizes.split(",")]:
        r = results[n] = {}
        t = time.perf_counter()
        d = corpus_dir(work, n, args.seed)
        r["corpus"] = {"seconds": time.perf_counter() - t, "bytes": dir_size(d)}
        if not args.skip_extract:
            print(f"[{n}] extraction ...", file=sys.stderr, flush=True)
            r["extract"] = run_child(["--child-extract", str(d), str(min(n, args.extract_sample)), args.jobs])
        for backend in args.backends.split(","):
            path = str(work / f"ingest-{backend}-{n}")
            saved = Path(path + ".result.json")
            if args.reuse and saved.exists() and Path(path).exists():
                print(f"[{n}] reusing the {backend} store of an earlier run: {path}", file=sys.stderr, flush=True)
                r[f"ingest {backend}"] = json.loads(saved.read_text())
                continue
            print(f"[{n}] ingest into {backend} ...", file=sys.stderr, flush=True)
            budget = args.rdflib_budget if backend == "rdflib-memory" else args.ingest_budget
            r[f"ingest {backend}"] = run_child(["--child-ingest", str(d), backend, path, str(budget),
                                                "--seed", str(args.seed)])
            if r[f"ingest {backend}"].get("finished"):
                saved.write_text(json.dumps(r[f"ingest {backend}"]))
        ox = r.get("ingest oxigraph", {})
        if ox.get("params"):
            print(f"[{n}] queries ...", file=sys.stderr, flush=True)
            r["queries"] = queries_on(str(work / f"ingest-oxigraph-{n}"), ox["params"], args.repeat,
                                      args.query_budget)
        dump(results, args.json)
    print(report(results, args))
    return 0


def report(results: dict, args) -> str:
    out = []
    ext_rows, ing_rows, mem_rows = [], [], []
    for n, r in results.items():
        e = r.get("extract", {})
        row = [f"{n:,}", f"{e.get('articles', 0):,}", f"{e.get('tokens', 0):,}",
               f"{e['tokenizer']['tokens_per_s']:,.0f}" if "tokenizer" in e else "-"]
        for j in args.jobs.split(","):
            x = e.get(f"jobs{j}")
            row.append(f"{x['tokens_per_s']:,.0f} tok/s, {x['articles_per_s']:.1f} art/s" if x else "-")
        if e.get("extractor_error"):
            row[-1] += f" (extractor unavailable: {e['extractor_error'][:90]})"
        ext_rows.append(row)
        for k, v in r.items():
            if not k.startswith("ingest"):
                continue
            if v.get("error"):
                ing_rows.append([f"{n:,}", k[7:], v["error"][:100], "", "", "", "", ""])
                continue
            done = "all" if v["finished"] else f"{v['added']:,} in budget"
            est = ""
            if not v["finished"] or n >= 100_000:
                est = f"{n / v['articles_per_s'] / 60:,.0f} min at this rate" if v["articles_per_s"] else ""
            ing_rows.append([f"{n:,}", k[7:], done, f"{v['seconds']:,.0f} s", f"{v['articles_per_s']:.1f}",
                             f"{v['triples_per_s']:,.0f}",
                             f"{v['disk_bytes'] / 1e6:,.0f} MB" if v.get("disk_bytes") else "(memory)",
                             f"{v['peak_rss_mb']:,.0f} MB"])
            if est:
                ing_rows[-1][2] += f" ({est})"
            if v.get("curve"):
                mem_rows.append([f"{n:,}", k[7:], " ".join(f"{a // 1000}k:{s:.0f}s/{m}MB" for a, s, m in v["curve"])])
    out.append("### Extraction (articles read by newsgraph.readers; tokens counted by spaCy's blank tokenizer)\n")
    out.append(table(["corpus", "articles extracted", "tokens", "spaCy tokenizer tok/s",
                      *[f"--jobs {j}" for j in args.jobs.split(",")]], ext_rows))
    out.append("\n### Ingest (core.ingest with the true records: readers -> build -> writer)\n")
    out.append(table(["corpus", "backend", "articles", "time", "articles/s", "triples/s", "on disk", "peak RSS"],
                     ing_rows))
    if mem_rows:
        out.append("\nAlong the way (articles: elapsed / RSS):\n")
        out.append(table(["corpus", "backend", "articles: elapsed/RSS"], mem_rows))
    qnames = []
    for r in results.values():
        for q in r.get("queries", {}):
            if q not in qnames:
                qnames.append(q)
    if qnames:
        sizes = [n for n in results if results[n].get("queries")]
        rows = []
        for q in qnames:
            row = [q]
            for n in sizes:
                rec = results[n]["queries"].get(q, {})
                row.append(rec.get("error") or f"{fmt_ms(rec.get('median_ms'))} / {fmt_ms(rec.get('p99_ms'))}")
            rows.append(row)
        out.append(f"\n### Named queries on the ingested Oxigraph store: median / p99 ms ({args.repeat} runs)\n")
        out.append(table(["query", *[f"{n:,}" for n in sizes]], rows))
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
