"""Shared by the benchmarks: corpus articles as newsgraph sees them, the graph they make, timing."""
from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

BASE = "https://newsgraph.example.org/id/"


def article_of(ga, path: str = "corpus.jsonl"):
    """The `Article` the readers would make of a generated one (same text, identity by URL)."""
    from newsgraph.readers.article import Article
    d = ga.doc
    return Article(text=d["text"], path=path, title=d["title"], date=d["date"], url=d["url"], lang=d["lang"],
                   source=d["source"])


class GoldExtractor:
    """Stands in for `newsgraph.extractors.pipeline.Extractor`: returns the corpus's true records.

    Ingest reads the corpus in order, so the records are regenerated in step with it (constant
    memory); an article out of step is looked up by regenerating from its index in the URL.
    """

    def __init__(self, seed: int = 1):
        self.seed = seed
        self._next = 0

    def extract(self, text, lang, published=None):
        ga = corpus._Article(self.seed, self._next).build()
        if ga.doc["text"] != text:
            raise ValueError("GoldExtractor: article out of step with the corpus (use the corpus in order)")
        self._next += 1
        return ga.extraction


def write_graphs(store, n: int, seed: int = 1, start: int = 0, on_article=None) -> dict:
    """Build and write articles start..start+n-1 through graph.build + graph.writer (no extraction)."""
    from newsgraph.graph.build import build_article_graph
    from newsgraph.graph.iris import Minter
    from newsgraph.graph.writer import ArticleWriter
    minter = Minter(BASE)
    writer = ArticleWriter(store, minter)
    t0, triples, build_s = time.perf_counter(), 0, 0.0
    for k, ga in enumerate(corpus.iter_corpus(n, seed, start)):
        b0 = time.perf_counter()
        ag = build_article_graph(article_of(ga), ga.extraction, minter, None, writer.known_given_names)
        build_s += time.perf_counter() - b0
        triples += writer.write(ag)
        if on_article:
            on_article(k + 1, ag)
    dt = time.perf_counter() - t0
    return {"articles": n, "triples": triples, "seconds": dt, "build_seconds": build_s,
            "articles_per_s": n / dt if dt else 0.0, "triples_per_s": triples / dt if dt else 0.0}


def bulk_store(path: str, n: int, seed: int = 1, chunk: int | None = None, report=lambda m: None) -> dict:
    """A store of corpus articles 0..n-1 (true records, no extraction) through the bulk write path
    ingest takes (graph/shards.py: the graph builder, N-Quads shards with their default-graph
    copies, Oxigraph's bulk loader, then `reindex`'s rebuild of counts, month buckets and search
    names), so the store is what `newsgraph ingest` would write, at the loader's rate.

    `chunk`: load at most this many more articles and stop before the rebuild; call again to go
    on (the store remembers how far it got), and once more for the rebuild - a long build in runs
    of bounded length."""
    from newsgraph.graph.build import build_article_graph
    from newsgraph.graph.iris import Minter
    from newsgraph.graph.shards import ShardWriter
    from newsgraph.graph.store import open_store
    minter = Minter(BASE)
    t0 = time.perf_counter()
    with open_store(path) as store:
        done = int(store.select("SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?a { ?a ng:contentHash ?h } }")[0]["n"])
        writer = ShardWriter(store, minter, os.path.join(path, "shards"), report=report)
        if done:  # an earlier run of this build loaded each shard with its default-graph copies
            writer.published = store.default_graph_view
        stop = n if chunk is None else min(n, done + chunk)
        for k, ga in enumerate(corpus.iter_corpus(stop - done, seed, done)):
            article = article_of(ga)
            writer.stored_hash(minter.article(article.identity))
            writer.write(build_article_graph(article, ga.extraction, minter, None, writer.known_given_names))
            if (k + 1) % 5000 == 0:
                report(f"{done + k + 1} articles written, {time.perf_counter() - t0:.0f} s")
        writer.flush()
        finished = stop >= n and (chunk is None or stop == done)  # with `chunk`, the rebuild is a run of its own
        if finished:
            writer.finish()
    return {"articles": stop, "finished": finished, "seconds": time.perf_counter() - t0,
            "load_seconds": writer.load_seconds, "reindex_seconds": writer.reindex_seconds}


def dir_size(path: str | os.PathLike) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux: ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000 if samples else float("nan")


def p99_ms(samples: list[float]) -> float:
    if not samples:
        return float("nan")
    s = sorted(samples)
    return s[min(len(s) - 1, int(round(0.99 * (len(s) - 1))))] * 1000


def fmt_ms(v: float | None) -> str:
    if v is None or v != v:
        return "-"
    if v >= 10_000:
        return f"{v / 1000:.0f} s"
    if v >= 1000:
        return f"{v / 1000:.1f} s"
    if v >= 10:
        return f"{v:.0f}"
    return f"{v:.1f}"


def table(headers: list[str], rows: list[list]) -> str:
    """A GitHub-markdown table (right-aligned numbers)."""
    cells = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |",
           "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for r in cells:
        out.append("| " + " | ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths)))
                   + " |")
    return "\n".join(out)


def dump(obj, path: str | None) -> None:
    if path:
        Path(path).write_text(json.dumps(obj, indent=2, ensure_ascii=False), "utf-8")


def popular_params(store) -> dict:
    """Query parameters that hit a lot of data: the most mentioned person's surname, a meeting IRI."""
    rows = store.select(f"SELECT ?name WHERE {{ GRAPH <{BASE}graph/index> {{ ?e ng:articleCount ?c }} "
                        "?e schema:name ?name ; a schema:Person } "
                        "ORDER BY DESC(?c) LIMIT 1")
    name = str(rows[0]["name"]).split()[-1] if rows else "Witkoff"
    rows = store.select("SELECT ?m WHERE { ?m a ng:Meeting } ORDER BY ?m LIMIT 1")
    meeting = str(rows[0]["m"]) if rows else BASE + "event/none"
    return {"actor": name, "entity": name, "resource": meeting}


def run_named(store, q, bindings):
    """A named query as `kg.query` runs it (its first page)."""
    from newsgraph.api import KnowledgeGraph
    from newsgraph.graph.iris import Minter
    kg = KnowledgeGraph(store, Minter(BASE))
    return kg.query(q.name, **{k: v for k, v in bindings.items()})


def named_query_medians(store, repeat: int, params: dict | None = None) -> dict[str, float]:
    """Every named query's median ms through `kg.query`, parameters on the most mentioned person
    (`popular_params`), the queries taking turns at each repetition."""
    from newsgraph import queries
    params = params or popular_params(store)
    samples: dict[str, list] = {}
    for _ in range(repeat):
        for q in queries.all_queries().values():
            b = bindings_for(q, params)
            t = time.perf_counter()
            run_named(store, q, b)
            samples.setdefault(q.name, []).append(time.perf_counter() - t)
    return {k: median_ms(v) for k, v in samples.items()}


def bindings_for(q, params: dict) -> dict:
    from rdflib import Literal, URIRef
    out = {}
    for p in q.params:
        if p.optional:
            continue
        v = params.get(p.name, params.get("actor"))
        out[p.name] = URIRef(v) if p.name == "resource" else Literal(v)
    return out
