"""SPARQL endpoint benchmark: the named queries over HTTP with 1, 4 and 16 concurrent clients,
beside the same queries run in-process on the store.

    python benchmarks/endpoint_bench.py                      # a store from seeds/ (or a synthetic one)
    python benchmarks/endpoint_bench.py --store newsgraph-data --requests 400
    python benchmarks/endpoint_bench.py --synthetic 2000     # N generated articles with their true records

It starts the real `newsgraph serve` (waitress + query workers) on a free loopback port and
measures, per request, the time from sending it to having the whole body (keep-alive
connections, one per client thread). In-process means `open_store(loc, read_only=True)
.query(text, bindings, max_rows)`, i.e. the query plus conversion to Python terms, without
serialization or HTTP. Overhead = HTTP median / in-process median, per query, 1 client.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- a store to measure
def build_from_seeds(location: str) -> bool:
    """`newsgraph ingest seeds/`; False when the extractors cannot do it here."""
    seeds = ROOT / "seeds"
    if not any(seeds.glob("*.txt")) and not any(seeds.glob("*.md")):
        return False
    p = subprocess.run([sys.executable, "-m", "newsgraph", "ingest", "--quiet", "--store", location, str(seeds)],
                       capture_output=True, text=True)
    added = re.search(r"(\d+) added", p.stdout)
    if added and int(added.group(1)) > 0:
        print(f"store: ingested seeds/ ({p.stdout.strip()})")
        return True
    print(f"store: `newsgraph ingest seeds/` gave no articles here ({(p.stderr or p.stdout).strip()[-200:]})")
    return False


def build_synthetic(location: str, n: int) -> None:
    """N articles of the benchmark corpus (benchmarks/corpus.py) with their true extraction records,
    written article by article as ingest does (no extractors needed)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import iter_corpus

    from newsgraph.graph.build import build_article_graph
    from newsgraph.graph.iris import Minter
    from newsgraph.graph.namespaces import base_iri
    from newsgraph.graph.store import open_store
    from newsgraph.graph.writer import ArticleWriter
    from newsgraph.readers.article import Article

    t0 = time.perf_counter()
    minter = Minter(base_iri())
    with open_store(location) as store:
        writer = ArticleWriter(store, minter)
        for i, ga in enumerate(iter_corpus(n)):
            d = ga.doc
            art = Article(text=d["text"], path=f"synthetic/{i}.txt", key_path=f"synthetic/{i}.txt", title=d["title"],
                          date=d["date"], lang=d["lang"], url=d["url"], source=d["source"])
            writer.write(build_article_graph(art, ga.extraction, minter, None, writer.known_given_names))
    print(f"store: {n} synthetic articles written in {time.perf_counter() - t0:.1f} s")


# ---------------------------------------------------------------- the workload
def workload(location: str) -> list[tuple[str, str, dict]]:
    """(name, text, params) for every named query, required parameters filled from the store."""
    from newsgraph import queries
    from newsgraph.graph.store import open_store

    from rdflib import Literal

    with open_store(location, read_only=True) as store:
        top = store.query(queries.get("actors").text, {"type": Literal("person")}, 1).rows
        meeting = store.query("SELECT ?m WHERE { ?m a ng:Meeting } ORDER BY ?m LIMIT 1").rows
    actor = str(top[0][1]).split()[-1] if top else "Selenskyj"
    values = {"actor": actor, "entity": actor, "resource": f"<{meeting[0][0]}>" if meeting else None}
    out = []
    for q in queries.all_queries().values():
        params = {p.name: values.get(p.name) for p in q.params if not p.optional}
        if None in params.values():
            print(f"skipping {q.name}: no value for its required parameters")
            continue
        out.append((q.name, q.text, params))
    return out


PROBE = """
import sys, time, json
from rdflib import Literal
from newsgraph.graph.store import open_store
from rdflib import URIRef
loc, text, params, max_rows = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
term = lambda v: URIRef(v[1:-1]) if v.startswith("<") else Literal(v)
with open_store(loc, read_only=True) as s:
    t0 = time.perf_counter()
    r = s.query(text, {k: term(v) for k, v in params.items()} or None, max_rows)
    print(time.perf_counter() - t0, len(r.rows) + len(r.triples))
"""


def within_budget(location: str, work, budget: float, max_rows: int):
    """The queries that finish in-process within `budget` seconds (each tried once in a child
    process, which is killed when over: Oxigraph cannot be interrupted otherwise)."""
    ok = []
    for name, text, params in work:
        try:
            p = subprocess.run([sys.executable, "-c", PROBE, location, text, json.dumps(params), str(max_rows)],
                               capture_output=True, text=True, timeout=budget + 5)
            secs, rows = p.stdout.split()
            print(f"probe: {name:<22} {float(secs) * 1000:9.1f} ms  {rows} rows")
            ok.append((name, text, params))
        except subprocess.TimeoutExpired:
            print(f"probe: {name:<22} over the {budget:g} s budget: left out (the endpoint would answer 504)")
        except ValueError:
            print(f"probe: {name:<22} failed: {p.stderr.strip()[-300:]}")
    return ok


def local_runner(store, work, max_rows):
    """name -> a function running that query in-process (query + conversion to Python terms)."""
    from rdflib import Literal, URIRef

    def make(text, params):
        b = {k: URIRef(v[1:-1]) if v.startswith("<") else Literal(v) for k, v in params.items()} or None
        return lambda: store.query(text, b, max_rows)
    return {name: make(text, params) for name, text, params in work}


def in_process_threads(run, names, threads: int, total: int) -> tuple[list[float], float]:
    """`total` in-process queries cycling through `names` from `threads` threads: latencies, wall."""
    lat: list[float] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def go():
        mine = []
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            t0 = time.perf_counter()
            run[names[i % len(names)]]()
            mine.append(time.perf_counter() - t0)
        with lock:
            lat.extend(mine)

    ts = [threading.Thread(target=go) for _ in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return lat, time.perf_counter() - t0


class Client:
    def __init__(self, url: str):
        u = urlsplit(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)

    def get(self, path: str) -> tuple[int, float | None]:
        """(status, the worker's own time in ms from Server-Timing) with the whole body read."""
        self.conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
        r = self.conn.getresponse()
        r.read()
        m = re.search(r"dur=([\d.]+)", r.getheader("Server-Timing") or "")
        return r.status, float(m.group(1)) if m else None


def over_http(url: str, work, clients: int, total: int) -> tuple[list[tuple[str, float]], float, int]:
    """`total` requests cycling through the queries from `clients` threads: [(name, seconds)], wall, errors."""
    paths = [(name, "/queries/" + name + ("?" + urlencode(params) if params else "")) for name, _, params in work]
    results: list[tuple[str, float]] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(total))

    def run():
        c = Client(url)
        mine = []
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            name, path = paths[i % len(paths)]
            t0 = time.perf_counter()
            status, _ = c.get(path)
            dt = time.perf_counter() - t0
            if status != 200:
                errors[0] += 1
            mine.append((name, dt))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - t0, errors[0]


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(p / 100 * (len(xs) - 1)))))
    return xs[k]


def ms(x: float) -> str:
    return f"{x * 1000:8.2f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", help="an existing store directory (default: build one)")
    ap.add_argument("--synthetic", type=int, default=0, metavar="N",
                    help="build a store of N generated articles instead of ingesting seeds/")
    ap.add_argument("--requests", type=int, default=300, help="HTTP requests per concurrency level (default 300)")
    ap.add_argument("--clients", default="1,4,16", help="concurrency levels (default 1,4,16)")
    ap.add_argument("--repeat", type=int, default=30, help="runs per query, in-process and over HTTP (default 30)")
    ap.add_argument("--workers", type=int, default=None, help="query workers (default: the server's)")
    ap.add_argument("--budget", type=float, default=10.0,
                    help="leave out queries slower than this in-process (seconds, default 10: the server's limit)")
    ap.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    args = ap.parse_args(argv)

    tmp = None
    location = args.store
    if not location:
        tmp = tempfile.TemporaryDirectory(prefix="newsgraph-bench-")
        location = os.path.join(tmp.name, "store")
        if args.synthetic:
            build_synthetic(location, args.synthetic)
        elif not build_from_seeds(location):
            print("store: falling back to 300 synthetic articles (benchmarks/corpus.py, true records)")
            import shutil
            shutil.rmtree(location, ignore_errors=True)
            build_synthetic(location, 300)
    from newsgraph.graph.store import open_store
    with open_store(location, read_only=True) as s:
        n_quads = int(s.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0])
        n_articles = int(s.query("SELECT (COUNT(*) AS ?n) WHERE { ?a a schema:NewsArticle }",
                                 None).rows[0][0])
    print(f"store: {location}: {n_articles} articles, {n_quads} quads")

    max_rows = 10000
    work = within_budget(location, workload(location), args.budget, max_rows)
    names = [n for n, _, _ in work]
    paths = {name: "/queries/" + name + ("?" + urlencode(params) if params else "") for name, _, params in work}

    env = {**os.environ}
    if args.workers:
        env["NEWSGRAPH_QUERY_WORKERS"] = str(args.workers)
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--store", location, "--port", "0",
                             "--query-timeout", "60"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env=env)
    report = {"store": {"articles": n_articles, "quads": n_quads}, "per_query": {}, "mixed": {}}
    try:
        line = proc.stdout.readline()
        m = re.search(r"serving (http://\S+/)", line)
        if not m:
            print(f"server did not start: {line!r}")
            return 1
        url = m.group(1)
        workers = json.loads(_get_json(url, "/health"))["workers"]
        print(f"server: {url} with {workers} query workers; client: http.client keep-alive, one per thread\n")
        with open_store(location, read_only=True) as store:  # read-only beside the server's workers
            run = local_runner(store, work, max_rows)
            client = Client(url)
            for name in names * 2:  # warm both sides
                run[name]()
                client.get(paths[name])
            # in-process and HTTP runs alternate, so load from other processes hits both alike
            local = {n: [] for n in names}
            http_t = {n: [] for n in names}
            worker_t = {n: [] for n in names}
            for _ in range(args.repeat):
                for name in names:
                    t0 = time.perf_counter()
                    run[name]()
                    local[name].append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    status, wms = client.get(paths[name])
                    http_t[name].append(time.perf_counter() - t0)
                    if wms is not None:
                        worker_t[name].append(wms / 1000)
            print(f"per query, 1 client, {args.repeat} runs each (ms)")
            print(f"  {'query':<22} {'in-process':>10} | {'HTTP med':>9} {'p99':>8} | {'in worker':>9} | overhead")
            for name in names:
                lo, hm = statistics.median(local[name]), statistics.median(http_t[name])
                wk = statistics.median(worker_t[name]) if worker_t[name] else float("nan")
                print(f"  {name:<22} {ms(lo):>10} | {ms(hm):>9} {ms(pct(http_t[name], 99)):>8} | {ms(wk):>9} | "
                      f"{hm / lo:6.2f}x")
                report["per_query"][name] = {"in_process_median_ms": lo * 1000, "http_median_ms": hm * 1000,
                                             "http_p99_ms": pct(http_t[name], 99) * 1000,
                                             "worker_median_ms": wk * 1000, "overhead": hm / lo}

            print(f"\nall queries mixed, {args.requests} requests per level")
            print(f"  {'clients':>7} | {'HTTP med':>9} {'p99':>8} {'req/s':>8} {'errors':>6} | "
                  f"{'in-process med':>14} {'p99':>8} {'q/s':>8} (same number of threads)")
            for c in [int(x) for x in args.clients.split(",")]:
                res, wall, errors = over_http(url, work, c, args.requests)
                lat = [t for _, t in res]
                llat, lwall = in_process_threads(run, names, c, args.requests)
                print(f"  {c:>7} | {ms(statistics.median(lat)):>9} {ms(pct(lat, 99)):>8} {len(res) / wall:8.1f} "
                      f"{errors:>6} | {ms(statistics.median(llat)):>14} {ms(pct(llat, 99)):>8} "
                      f"{len(llat) / lwall:8.1f}")
                report["mixed"][str(c)] = {"http_median_ms": statistics.median(lat) * 1000,
                                           "http_p99_ms": pct(lat, 99) * 1000, "http_rps": len(res) / wall,
                                           "errors": errors, "local_median_ms": statistics.median(llat) * 1000,
                                           "local_p99_ms": pct(llat, 99) * 1000, "local_qps": len(llat) / lwall}
    finally:
        proc.terminate()
        proc.wait(30)
        if tmp:
            tmp.cleanup()
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    return 0


def _get_json(url: str, path: str) -> str:
    c = Client(url)
    c.conn.request("GET", path)
    return c.conn.getresponse().read().decode()


if __name__ == "__main__":
    sys.exit(main())
