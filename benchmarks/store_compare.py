"""The store decision, measured: embedded Oxigraph (newsgraph's store) against rdflib's stores.

    python benchmarks/store_compare.py --sizes 1000,10000 --work /tmp/ngbench
    python benchmarks/store_compare.py --quick            # 300 articles, a minute

For each size: articles of the synthetic corpus (benchmarks/corpus.py, true records, no
extraction) go through graph.build + graph.writer into an embedded Oxigraph store (the real
ingest path: one SPARQL Update per article, materialised counts) and are exported as N-Quads.
That same N-Quads file is then loaded into every backend:

  oxigraph        newsgraph.graph.store (pyoxigraph, RocksDB on disk; bulk_load)
  oxrdflib        rdflib Dataset(store="Oxigraph") on disk (rdflib API, Oxigraph underneath)
  rdflib-memory   rdflib Dataset() in memory (rdflib's own SPARQL engine)
  rdflib-bdb      rdflib Dataset(store="BerkeleyDB") on disk, when `berkeleydb` is installed

and measured: load (quads/s), size on disk, peak memory, every named query (median of 5,
with the same bound parameters), a few aggregates computed without the materialised counts,
and the union-default-graph trap (rows vs distinct rows). Durability: a process writing one
article per transaction is killed with SIGKILL and the store reopened. Every backend runs in
its own process (peak memory is per backend; a query over --budget seconds is stopped).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (BASE, bindings_for, dir_size, dump, fmt_ms, median_ms, p99_ms, peak_rss_mb,  # noqa: E402
                    popular_params, table, write_graphs)

BACKENDS = ["oxigraph", "oxrdflib", "rdflib-memory", "rdflib-bdb"]
PREFIXES = """PREFIX schema: <http://schema.org/>
PREFIX ng: <https://w3id.org/newsgraph/vocab#>
"""
# Aggregates as one would write them without materialised counts, and the union trap.
EXTRA = {
    "naive who-met-whom": PREFIXES + "SELECT ?a ?b (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a ng:Meeting ; "
                                     "schema:attendee ?a , ?b . FILTER(STR(?a) < STR(?b)) } GROUP BY ?a ?b "
                                     "ORDER BY DESC(?n)",
    "naive claims-per-author": PREFIXES + "SELECT ?author (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a schema:Claim ; "
                                          "schema:author ?author } GROUP BY ?author ORDER BY DESC(?n)",
    "trap: ?e a schema:Person": PREFIXES + "SELECT (COUNT(*) AS ?rows) (COUNT(DISTINCT ?e) AS ?distinct) "
                                           "WHERE { ?e a schema:Person }",
    "trap: meeting attendees": PREFIXES + "SELECT (COUNT(*) AS ?rows) (COUNT(DISTINCT CONCAT(STR(?m), STR(?a))) "
                                          "AS ?distinct) WHERE { ?m a ng:Meeting ; schema:attendee ?a }",
    "trap: place geo rows": PREFIXES + "SELECT (COUNT(*) AS ?rows) (COUNT(DISTINCT CONCAT(STR(?p), STR(?lat), "
                                       "STR(?long))) AS ?distinct) WHERE { ?p schema:geo ?g . ?g schema:latitude "
                                       "?lat ; schema:longitude ?long }",
}
PROPOSED = Path(__file__).resolve().parent / "proposed"  # rewrites of named queries (see README)


# ---------------------------------------------------------------------------- source graph

def source_graph(work: Path, n: int, seed: int) -> tuple[Path, dict]:
    """The writer-built Oxigraph store for n articles and its N-Quads export (cached in `work`)."""
    d = work / f"source-{n}-s{seed}"
    done = d / "build.json"
    nq = d / "graph.nq"
    if done.exists() and nq.exists():
        return nq, json.loads(done.read_text())
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    print(f"[{n}] building the source graph through graph.build + graph.writer ...", file=sys.stderr, flush=True)
    from newsgraph.graph.store import open_store
    store = open_store(str(d / "store"))
    last = [time.perf_counter()]

    def tick(k, _ag):
        if k % 1000 == 0:
            now = time.perf_counter()
            print(f"  {k} articles, {1000 / (now - last[0]):.0f} articles/s", file=sys.stderr, flush=True)
            last[0] = now
    stats = write_graphs(store, n, seed, on_article=tick)
    params = popular_params(store)
    store.flush()
    with open(nq, "wb") as out:
        store.export(out, "nquads")
    store.close()
    stats.update({"store_bytes": dir_size(d / "store"), "nquads_bytes": nq.stat().st_size, "params": params,
                  "quads": sum(1 for _ in open(nq, "rb"))})
    done.write_text(json.dumps(stats, indent=2))
    return nq, stats


# ---------------------------------------------------------------------------- one backend (child)

class Timeout(Exception):
    pass


def _alarm(_sig, _frame):
    raise Timeout()


def open_backend(name: str, path: str):
    """(load(nq) -> quads, query(text) -> rows, close())"""
    if name == "oxigraph":
        import pyoxigraph as ox
        from newsgraph.graph.store import open_store
        st = open_store(path)

        def load(nq):
            st._store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
            st.flush()
        return load, lambda q: st.query(q).rows, st.close
    from rdflib import Dataset
    if name == "rdflib-memory":
        ds = Dataset(default_union=True)
    elif name == "oxrdflib":
        ds = Dataset(store="Oxigraph", default_union=True)
        ds.open(path, create=True)
    elif name == "rdflib-bdb":
        ds = Dataset(store="BerkeleyDB", default_union=True)
        ds.open(path, create=True)
    else:
        raise SystemExit(f"unknown backend {name}")

    def load(nq):
        ds.parse(str(nq), format="nquads")
        if name == "rdflib-bdb":
            ds.commit()

    def close():
        if name != "rdflib-memory":
            ds.close()
    return load, lambda q: [tuple(r) for r in ds.query(q)], close


def run_child(name: str, nq: str, path: str, params: dict, repeat: int, budget: float) -> dict:
    out = {"backend": name, "queries": {}}
    if name == "rdflib-bdb":
        try:
            import berkeleydb  # noqa: F401  (only: is it there?)
        except ImportError:
            return {"backend": name, "skipped": "berkeleydb is not installed (pip install berkeleydb; needs libdb-dev)"}
    shutil.rmtree(path, ignore_errors=True)
    rss0 = peak_rss_mb()
    load, query, close = open_backend(name, path)
    signal.signal(signal.SIGALRM, _alarm)
    t0 = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, budget * 10)
    try:
        load(nq)
    except Timeout:
        close()
        return {**out, "load_seconds": None, "skipped": f"load took over {budget * 10:.0f} s"}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    out["load_seconds"] = time.perf_counter() - t0
    out["rss_after_load_mb"] = peak_rss_mb()
    out["rss_before_mb"] = rss0
    texts = query_texts(params)
    if name == "rdflib-memory":  # pure Python: SIGALRM stops a slow query
        for qname, text in texts.items():
            out["queries"][qname] = time_query(query, qname, text, repeat, budget)
        out["peak_rss_mb"] = peak_rss_mb()
        close()
        return out
    # Oxigraph evaluates in Rust, where no signal reaches it: each query runs in its own
    # process over the closed store, stopped from outside when it takes over the budget.
    close()
    out["disk_bytes"] = dir_size(path)
    out["peak_rss_mb"] = peak_rss_mb()
    for qname in texts:
        try:
            proc = subprocess.run([sys.executable, __file__, "--query-child", name, path, json.dumps(params), qname,
                                   "--repeat", str(repeat), "--budget", str(budget)], capture_output=True, text=True,
                                  timeout=budget + 60)
            line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
            rec = json.loads(line[7:]) if line else {"runs": 0, "median_ms": None,
                                                     "error": f"exit {proc.returncode}: {proc.stderr[-200:]}"}
        except subprocess.TimeoutExpired:
            rec = {"runs": 0, "median_ms": None, "error": f"over {budget:.0f} s"}
        out["peak_rss_mb"] = max(out["peak_rss_mb"], rec.pop("peak_rss_mb", 0))
        out["queries"][qname] = rec
    return out


def query_texts(params: dict) -> dict[str, str]:
    from newsgraph import queries
    texts = {}
    named = list(queries.all_queries().values())
    for f in sorted(PROPOSED.glob("*.rq")):
        named.append(queries.parse("proposed " + f.stem, f.read_text("utf-8")))
    for q in named:
        texts[q.name] = q.sparql(bindings_for(q, params), base=BASE)
    texts.update(EXTRA)
    return texts


def time_query(query, qname: str, text: str, repeat: int, budget: float) -> dict:
    samples, rows, err = [], None, None
    for i in range(repeat):
        signal.setitimer(signal.ITIMER_REAL, budget)
        t = time.perf_counter()
        try:
            rows = query(text)
        except Timeout:
            err = f"over {budget:.0f} s"
            break
        except Exception as exc:  # noqa: BLE001 - reported in the table
            err = f"{type(exc).__name__}: {str(exc)[:120]}"
            break
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        samples.append(time.perf_counter() - t)
        if samples[-1] * (repeat - i - 1) > budget:  # slow: fewer repetitions, say so
            break
    rec = {"runs": len(samples), "median_ms": median_ms(samples), "p99_ms": p99_ms(samples), "error": err}
    if rows is not None:
        rec["rows"] = len(rows)
        rec["distinct_rows"] = len({tuple(str(v) for v in r) for r in rows})
        if qname.startswith("trap") and rows:
            rec["values"] = [str(v) for v in rows[0]]
    return rec


def query_child(name: str, path: str, params: dict, qname: str, repeat: int, budget: float) -> dict:
    signal.signal(signal.SIGALRM, _alarm)
    if name == "oxigraph":
        from newsgraph.graph.store import open_store
        st = open_store(path, read_only=True)
        query, close = (lambda q: st.query(q).rows), st.close
    else:
        from rdflib import Dataset
        ds = Dataset(store="Oxigraph" if name == "oxrdflib" else "BerkeleyDB", default_union=True)
        ds.open(path, create=False)
        query, close = (lambda q: [tuple(r) for r in ds.query(q)]), ds.close
    rec = time_query(query, qname, query_texts(params)[qname], repeat, budget)
    close()
    rec["peak_rss_mb"] = peak_rss_mb()
    return rec


# ---------------------------------------------------------------------------- durability

def durability_child(name: str, path: str, n: int, seed: int) -> None:
    """Write articles one transaction each, printing 'C k' after each commit (then killed)."""
    shutil.rmtree(path, ignore_errors=True)
    if name == "oxigraph":
        from newsgraph.graph.store import open_store
        st = open_store(path)
        write_graphs(st, n, seed, on_article=lambda k, ag: print(f"C {k}", flush=True))
        return
    from rdflib import Dataset
    from newsgraph.graph.build import build_article_graph
    from newsgraph.graph.iris import Minter
    from common import article_of, corpus
    ds = Dataset(store="Oxigraph" if name == "oxrdflib" else "BerkeleyDB")
    ds.open(path, create=True)
    minter = Minter(BASE)
    for k, ga in enumerate(corpus.iter_corpus(n, seed)):
        ag = build_article_graph(article_of(ga), ga.extraction, minter)
        g = ds.graph(ag.iri)
        ds.addN((s, p, o, g) for s, p, o in ag.triples)
        ds.commit()
        print(f"C {k + 1}", flush=True)


def durability(name: str, work: Path, seed: int, kill_after: int = 120) -> dict:
    if name == "rdflib-memory":
        return {"backend": name, "note": "in memory: nothing survives the process"}
    if name == "rdflib-bdb":
        try:
            import berkeleydb  # noqa: F401  (only: is it there?)
        except ImportError:
            return {"backend": name, "note": "not installed"}
    path = str(work / f"kill-{name}")
    proc = subprocess.Popen([sys.executable, __file__, "--durability-child", name, path, "--seed", str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    committed = 0
    deadline = time.time() + 300
    for line in proc.stdout:
        if line.startswith("C "):
            committed = int(line.split()[1])
        if committed >= kill_after or time.time() > deadline:
            break
    time.sleep(0.05)  # let it get into the next write
    proc.send_signal(signal.SIGKILL)  # our own child, by its pid
    proc.wait()
    # reopen and check every article graph is whole
    from newsgraph.graph.build import build_article_graph
    from newsgraph.graph.iris import Minter
    from common import article_of, corpus
    minter = Minter(BASE)
    expected = {}
    for ga in corpus.iter_corpus(committed + 20, seed):
        ag = build_article_graph(article_of(ga), ga.extraction, minter)
        expected[str(ag.iri)] = len(set(ag.triples))
    t0 = time.perf_counter()
    try:
        if name == "oxigraph":
            from newsgraph.graph.store import open_store
            st = open_store(path)
            counts = {str(r["g"]): int(r["n"]) for r in st.select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
            st.close()
        else:
            from rdflib import Dataset
            ds = Dataset(store="Oxigraph" if name == "oxrdflib" else "BerkeleyDB")
            ds.open(path, create=False)
            counts = {}
            for s, p, o, g in ds.quads((None, None, None, None)):
                key = str(g.identifier if hasattr(g, "identifier") else g)
                counts[key] = counts.get(key, 0) + 1
            ds.close()
    except Exception as exc:  # noqa: BLE001
        return {"backend": name, "committed": committed, "reopen_error": f"{type(exc).__name__}: {exc}"}
    reopen = time.perf_counter() - t0
    present = {g: c for g, c in counts.items() if g in expected}
    whole = sum(1 for g, c in present.items() if c == expected[g])
    partial = len(present) - whole
    shutil.rmtree(path, ignore_errors=True)
    return {"backend": name, "committed": committed, "articles_found": len(present), "whole": whole,
            "partial": partial, "lost_committed": max(0, committed - len(present)), "reopen_seconds": reopen}


# ---------------------------------------------------------------------------- report

def _ms(v) -> str:
    text = fmt_ms(v)
    return text if text.endswith(" s") or text == "-" else text + " ms"


def report(results: dict, builds: dict) -> str:
    lines = []
    for n, per in results.items():
        b = builds[n]
        lines.append(f"\n### {n} articles: {b['quads']:,} quads ({b['quads'] / n:.0f} per article), "
                     f"N-Quads {b['nquads_bytes'] / 1e6:.0f} MB\n")
        lines.append(f"Ingest through graph.writer into embedded Oxigraph (one SPARQL Update per article, counts "
                     f"kept): {b['seconds']:.0f} s, {b['articles_per_s']:.1f} articles/s, "
                     f"{b['triples_per_s']:,.0f} triples/s; store {b['store_bytes'] / 1e6:.0f} MB. "
                     f"Parameters: actor/entity = {b['params']['actor']!r}.\n")
        names = [k for k in BACKENDS if k in per and not per[k].get("skipped")]
        rows = []
        for k in BACKENDS:
            r = per.get(k)
            if r is None:
                continue
            if r.get("skipped"):
                rows.append([k, r["skipped"], "", "", ""])
                continue
            rate = b["quads"] / r["load_seconds"] if r.get("load_seconds") else 0
            rows.append([k, f"{r['load_seconds']:.1f} s", f"{rate:,.0f}",
                         f"{r['disk_bytes'] / 1e6:.0f} MB" if r.get("disk_bytes") else "(memory)",
                         f"{r['peak_rss_mb']:,.0f} MB"])
        lines.append(table(["backend", "load", "quads/s", "on disk", "peak RSS"], rows))
        lines.append("")
        qnames = []
        for k in names:
            qnames += [q for q in per[k]["queries"] if q not in qnames]
        qrows = []
        for q in qnames:
            row = [q]
            for k in names:
                rec = per[k]["queries"].get(q, {"median_ms": None, "error": "not run"})
                cell = fmt_ms(rec["median_ms"]) if not rec.get("error") else rec["error"]
                if rec.get("error") and rec.get("runs"):
                    cell += f" ({rec['runs']} runs)"
                row.append(cell)
            ref = per.get("oxigraph", {}).get("queries", {}).get(q, {})
            row.append(f"{ref.get('rows', '-')}/{ref.get('distinct_rows', '-')}")
            qrows.append(row)
        lines.append("Query latency, median ms (rows/distinct rows on oxigraph):\n")
        lines.append(table(["query", *names, "rows/distinct"], qrows))
        lines.append("")
        if "oxigraph" in per:
            trap = []
            for k in names:
                for q in [q for q in EXTRA if q.startswith("trap")]:
                    v = per[k]["queries"].get(q, {}).get("values")
                    if v:
                        trap.append(f"{k} {q[6:]}: {v[0]} rows for {v[1]} distinct")
            lines.append("Union default graph: " + "; ".join(trap) + ".\n")
        ratios = []
        for q in ("who-met-whom", "claims-per-author", "naive who-met-whom", "naive claims-per-author",
                  "meetings", "actors", "places"):
            ox = per.get("oxigraph", {}).get("queries", {}).get(q, {})
            for k in names:
                if k == "oxigraph":
                    continue
                other = per[k]["queries"].get(q, {})
                if ox.get("median_ms") and other.get("median_ms") and not other.get("error"):
                    r = other["median_ms"] / ox["median_ms"]
                    how = f"{r:.0f}x faster than" if r >= 1.5 else "about as fast as" if r > 0.67 else \
                        f"{1 / r:.1f}x slower than"
                    ratios.append(f"Oxigraph {how} {k} on {q} at {n} ({_ms(ox['median_ms'])} vs "
                                  f"{_ms(other['median_ms'])})")
                elif ox.get("median_ms") and other.get("error"):
                    ratios.append(f"{k} did not answer {q} at {n} ({other['error']}); Oxigraph: "
                                  f"{_ms(ox['median_ms'])}")
                elif other.get("median_ms") and ox.get("error"):
                    ratios.append(f"Oxigraph did not answer {q} at {n} ({ox['error']}); {k}: "
                                  f"{_ms(other['median_ms'])}")
        lines += [f"- {r}" for r in ratios]
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000,10000")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "newsgraph-bench"))
    p.add_argument("--backends", default=",".join(BACKENDS))
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--budget", type=float, default=120.0, help="seconds one query may take (default 120)")
    p.add_argument("--no-durability", action="store_true")
    p.add_argument("--quick", action="store_true", help="300 articles, 3 repetitions")
    p.add_argument("--json", default=None, metavar="FILE", help="also write every number as JSON")
    p.add_argument("--child", nargs=4, metavar=("BACKEND", "NQ", "PATH", "PARAMS"), help=argparse.SUPPRESS)
    p.add_argument("--durability-child", nargs=2, metavar=("BACKEND", "PATH"), help=argparse.SUPPRESS)
    p.add_argument("--query-child", nargs=4, metavar=("BACKEND", "PATH", "PARAMS", "QUERY"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        name, nq, path, params = args.child
        print("RESULT " + json.dumps(run_child(name, nq, path, json.loads(params), args.repeat, args.budget)))
        return 0
    if args.query_child:
        name, path, params, qname = args.query_child
        print("RESULT " + json.dumps(query_child(name, path, json.loads(params), qname, args.repeat, args.budget)))
        return 0
    if args.durability_child:
        durability_child(*args.durability_child, n=100_000, seed=args.seed)
        return 0
    if args.quick:
        args.sizes, args.repeat, args.budget = "300", 3, 15.0
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    backends = [b for b in args.backends.split(",") if b]
    results, builds = {}, {}
    for n in sizes:
        nq, build = source_graph(work, n, args.seed)
        builds[n] = build
        results[n] = {}
        for name in backends:
            print(f"[{n}] {name} ...", file=sys.stderr, flush=True)
            path = str(work / f"{name}-{n}")
            proc = subprocess.run([sys.executable, __file__, "--child", name, str(nq), path,
                                   json.dumps(build["params"]), "--repeat", str(args.repeat),
                                   "--budget", str(args.budget)], capture_output=True, text=True)
            line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
            if line is None:
                results[n][name] = {"backend": name, "skipped": f"failed (exit {proc.returncode}): "
                                                               f"{proc.stderr.strip().splitlines()[-1:]}"}
            else:
                results[n][name] = json.loads(line[7:])
            shutil.rmtree(path, ignore_errors=True)
            dump({"builds": builds, "results": results}, args.json)
    out = report(results, builds)
    if not args.no_durability:
        rows = []
        for name in backends:
            print(f"[durability] {name} ...", file=sys.stderr, flush=True)
            d = durability(name, work, args.seed)
            results.setdefault("durability", {})[name] = d
            if "committed" in d and "whole" in d:
                rows.append([name, d["committed"], d["articles_found"], d["whole"], d["partial"],
                             d["lost_committed"], f"{d['reopen_seconds']:.2f} s"])
            else:
                rows.append([name, "-", "-", "-", "-", "-", d.get("note") or d.get("reopen_error", "")])
        out += "\n\n### Durability: SIGKILL during ingest (one article per transaction), then reopen\n\n"
        out += table(["backend", "committed before kill", "articles found", "whole", "partial",
                      "committed but lost", "reopen"], rows)
    dump({"builds": builds, "results": results}, args.json)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
