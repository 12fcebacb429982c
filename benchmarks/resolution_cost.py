"""Ingest time with and without cross-article resolution (prints numbers; not a test).

"Without" gives every entity an article-local IRI (what tools that merge nothing do); "with" is
newsgraph's resolution (transliteration keys, GeoNames IDs, store look-ups for surname-only
mentions, surname-node merges). Extraction is done once beforehand so only the graph side is timed.

usage: python benchmarks/resolution_cost.py [--copies N]
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import time

import newsgraph.graph.build as build
from newsgraph.extractors.pipeline import Extractor
from newsgraph.graph.iris import Minter
from newsgraph.graph.resolve import Resolution, slug
from newsgraph.graph.store import open_store
from newsgraph.graph.writer import ArticleWriter
from newsgraph.readers import iter_articles
from newsgraph.readers.article import Article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20, help="copies of seeds/ (as distinct articles)")
    args = ap.parse_args()
    ex = Extractor()
    base = [a for a in iter_articles(["seeds"]) if isinstance(a, Article)]
    records = [(a, ex.extract(a.text, a.lang, dt.date.fromisoformat(a.date) if a.date else None)) for a in base]
    work = [(dataclasses.replace(a, key_path=f"copy{i}/{a.key_path}", url=None), r)
            for i in range(args.copies) for a, r in records]
    real = build.resolve

    def local(entity, overrides=None, known_given_names=None, _article=[None]):
        return Resolution(f"local/{_article[0]}/{slug(entity.key)}", entity.key, "no resolution")

    results = {}
    for label, resolver in (("without resolution", local), ("with resolution", real)):
        build.resolve = resolver
        store = open_store("memory:")
        minter = Minter("https://example.org/id/")
        writer = ArticleWriter(store, minter)
        t0 = time.perf_counter()
        for n, (a, r) in enumerate(work):
            local.__defaults__[2][0] = n
            writer.write(build.build_article_graph(a, r, minter, None, writer.known_given_names))
        results[label] = time.perf_counter() - t0
        persons = store.select("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p schema:name ?x . "
                               "FILTER EXISTS { ?p a schema:Person } }")[0]["n"]
        print(f"{label:<20} {len(work)} articles in {results[label]:.2f} s "
              f"({len(work) / results[label]:.0f} articles/s); person nodes: {persons}")
    build.resolve = real
    print(f"cost of resolution: {results['with resolution'] / results['without resolution']:.2f}x the graph-side time")


if __name__ == "__main__":
    main()
