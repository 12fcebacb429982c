"""What the entity pages cost for the hubs: the most mentioned actors and places, each section timed.

    python benchmarks/page_cost.py --n 2000                 # build a store of the first 2,000 corpus articles
    python benchmarks/page_cost.py --store DIR --top 5      # an existing store (e.g. `newsgraph ingest seeds/`)

Builds (or opens) an embedded store, picks the `--top` actors and places with the most articles
(the hubs: in the synthetic corpus the real negotiators and the acting countries are in hundreds
of articles), and times `endpoint.pages.gather` for each, as the server's worker runs it: every
section query of the page, plus the article text and annotations for the busiest article. Prints
medians in ms and the rows each section returned. Reported, not pass/fail; the issue asks for
under 1 s on the seeds' top 40 and under 2 s for the top actor at 100,000 articles.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import BASE, median_ms, table, write_graphs  # noqa: E402

HUBS = """SELECT ?e ?name ?c WHERE {{ GRAPH <{base}graph/index> {{ ?e ng:articleCount ?c }}
  ?e schema:name ?name ; a ?cls FILTER(?cls IN ({classes})) }} ORDER BY DESC(?c) LIMIT {n}"""


def build(n: int, work: str) -> str:
    from newsgraph.graph.store import open_store
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, f"store-{n}")
    if os.path.isdir(path):
        return path  # a rerun reuses the store
    store = open_store(path)
    try:
        w = write_graphs(store, n)
        store.optimize()
    finally:
        store.close()
    print(f"built {n} articles in {w['seconds']:.0f} s", file=sys.stderr)
    return path


def time_page(store, iri: str, repeat: int) -> tuple[float, dict, dict]:
    """The page's median ms, each section's median ms and rows."""
    from rdflib import URIRef

    from newsgraph.endpoint import pages
    whole, per = [], {k: [] for k in pages.SECTIONS}
    rows = {}
    for _ in range(repeat):
        t = time.perf_counter()
        pages.gather(store, iri)
        whole.append(time.perf_counter() - t)
        for name, q in pages.SECTIONS.items():
            t = time.perf_counter()
            rows[name] = len(store.query(q, {"r": URIRef(iri)}).rows)
            per[name].append(time.perf_counter() - t)
    return median_ms(whole), {k: median_ms(v) for k, v in per.items()}, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="corpus articles to write (default 2000)")
    ap.add_argument("--store", default=None, help="time an existing store instead of building one")
    ap.add_argument("--top", type=int, default=3, help="hubs of each kind (default 3)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per page (default 3)")
    ap.add_argument("--work", default=None, help="where to build (default: a temporary folder, removed after)")
    args = ap.parse_args()
    from newsgraph.graph.store import open_store
    work = None
    if args.store:
        path = args.store
    else:
        work = args.work or tempfile.mkdtemp(prefix="newsgraph-pages-")
        path = build(args.n, work)
    store = open_store(path, read_only=True)
    try:
        hubs = []
        for kind, classes in (("person", "schema:Person"), ("organization", "schema:Organization"),
                              ("country", "schema:Country"), ("city", "schema:City")):
            for row in store.select(HUBS.format(base=BASE, classes=classes, n=args.top)):
                hubs.append((kind, str(row["e"]), str(row["name"]), int(row["c"])))
        lines, sections = [], None
        for kind, iri, name, count in hubs:
            whole, per, rows = time_page(store, iri, args.repeat)
            sections = list(per)
            lines.append([kind, name[:28], count, round(whole, 1),
                          *(f"{per[k]:.0f} ({rows[k]})" for k in sections)])
        print(f"{path}: entity pages of the hubs; median ms per page, per section ms (rows)")
        print(table(["", "name", "articles", "page ms", *(sections or [])], lines))
        top_article = store.select("SELECT ?a (COUNT(*) AS ?n) WHERE { ?t oa:hasSource ?a } "
                                   "GROUP BY ?a ORDER BY DESC(?n) LIMIT 1")
        if top_article:
            from newsgraph.endpoint import pages
            iri = str(top_article[0]["a"])
            samples = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                d = pages.gather(store, iri)
                samples.append(time.perf_counter() - t)
            print(f"article page with the most annotations ({top_article[0]['n']}): {median_ms(samples):.1f} ms, "
                  f"{len(d['segments'])} segments, {len(d['read'])} facts, text stored: {bool(d['text'])}")
    finally:
        store.close()
        if work and not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
