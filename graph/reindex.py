"""Rebuild what the writer keeps materialised, from the article graphs alone.

For stores written by an older newsgraph (before search names or venue counts existed), after
a bulk load of N-Quads written elsewhere (see benchmarks/README.md, "Past one machine"), or
to check that the incremental counts are right: `newsgraph reindex` recomputes the entities'
search names, place facts, month buckets, every count and pair in the index graph, the
default graph (graph/view.py: each published fact once) and the vocabulary graph. Each step is one SPARQL Update (month buckets one per batch of articles).
"""
from __future__ import annotations

import time

from . import view
from .buckets import refile_update
from .index import recount
from .iris import Minter
from .namespaces import NG, SDO
from .store import Store
from .terms import nt
from .writer import INDEX_VERSION, VOCAB_GRAPH, ArticleWriter, search_name_ops



def index_problem(store: Store, minter: Minter) -> str | None:
    """Why the named queries would miss data in this store (a store written by an older
    version), or None. Stores with no articles are fine."""
    ig = nt(minter.index_graph)
    if store.ask(f"ASK {{ GRAPH {ig} {{ {ig} <{NG.indexVersion}> ?v FILTER(?v >= {INDEX_VERSION}) }} }}"):
        return None
    if not store.ask("ASK { GRAPH ?a { ?a <https://w3id.org/newsgraph/vocab#contentHash> ?h } }"):
        return None
    other = store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g <{NG.indexVersion}> ?v }} }} LIMIT 1").rows
    if other and str(other[0][0]) != str(minter.index_graph):
        base = str(other[0][0])[:-len("graph/index")]
        return (f"this store was written under the base IRI {base}, not {minter.base}: give the same "
                f"--base-iri (or $NEWSGRAPH_BASE_IRI) as at ingest, or the named queries find nothing")
    return ("this store was written by an older newsgraph: its counts, month buckets or default graph are "
            "incomplete (or its schema.org IRIs are https), so queries miss data; run `newsgraph reindex` once "
            "(it rebuilds them from the articles)")


def search_name_updates(entities_graph) -> list[str]:
    """Search names, and the Place type of organisations used as venues (both in the entities graph)."""
    eg = nt(entities_graph)
    return [
        f"INSERT {{ GRAPH {eg} {{ ?loc a <{SDO.Place}> }} }} WHERE {{ {{ SELECT DISTINCT ?loc WHERE {{ "
        f"GRAPH ?g {{ ?m <{SDO.location}> ?loc }} GRAPH {eg} {{ ?loc a <{SDO.Organization}> }} }} }} }}",
        *search_name_ops(entities_graph),
    ]


def place_fact_updates(entities_graph) -> list[str]:
    """Each place's coordinates and containing places, once in the entities graph (writer.place_facts)."""
    eg = nt(entities_graph)
    place = f"GRAPH {eg} {{ ?p a <{SDO.Place}> FILTER NOT EXISTS {{ ?p a <{SDO.Organization}> }} }}"
    return [
        f"INSERT {{ GRAPH {eg} {{ ?p <{SDO.geo}> ?geo . ?geo ?gp ?go }} }} WHERE {{ {{ SELECT DISTINCT ?p ?geo ?gp ?go "
        f"WHERE {{ GRAPH ?x {{ ?p <{SDO.geo}> ?geo . ?geo ?gp ?go }} {place} }} }} }}",
        f"INSERT {{ GRAPH {eg} {{ ?p <{SDO.containedInPlace}> ?in }} }} WHERE {{ {{ SELECT DISTINCT ?p ?in "
        f"WHERE {{ GRAPH ?x {{ ?p <{SDO.containedInPlace}> ?in }} {place} }} }} }}",
    ]


OLD_SCHEMA = "https://schema.org/"


def schema_iri_update(graphs: list[str]) -> str:
    """Rewrite https://schema.org/ IRIs (predicates and objects) to the namespace in use
    (http://schema.org/, since index version 7) in `graphs`: a store written before then."""
    new = str(SDO)
    values = " ".join(f"<{g}>" for g in graphs)
    return (f"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} INSERT {{ GRAPH ?g {{ ?s ?p2 ?o2 }} }} WHERE {{ "
            f"VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} "
            f'FILTER(STRSTARTS(STR(?p), "{OLD_SCHEMA}") || (isIRI(?o) && STRSTARTS(STR(?o), "{OLD_SCHEMA}"))) '
            f'BIND(IF(STRSTARTS(STR(?p), "{OLD_SCHEMA}"), IRI(CONCAT("{new}", STRAFTER(STR(?p), "{OLD_SCHEMA}"))), ?p) AS ?p2) '
            f'BIND(IF(isIRI(?o) && STRSTARTS(STR(?o), "{OLD_SCHEMA}"), '
            f'IRI(CONCAT("{new}", STRAFTER(STR(?o), "{OLD_SCHEMA}"))), ?o) AS ?o2) }}')


def language_tag_update(graphs: list[str]) -> str:
    """Tag the untagged headlines, claim texts and job titles of `graphs` with their article's
    language (graph/build.py text_literal; a store from before index version 8)."""
    from .build import LANGUAGE_TAGGED
    values = " ".join(f"<{g}>" for g in graphs)
    props = ", ".join(f"<{SDO[p]}>" for p in LANGUAGE_TAGGED)
    return (f"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} INSERT {{ GRAPH ?g {{ ?s ?p ?tagged }} }} WHERE {{ "
            f"VALUES ?g {{ {values} }} GRAPH ?g {{ ?g <{SDO.inLanguage}> ?lang . ?s ?p ?o "
            f'FILTER(?p IN ({props}) && isLiteral(?o) && LANG(?o) = "") }} '
            f"BIND(STRLANG(STR(?o), STR(?lang)) AS ?tagged) }}")


def reindex(store: Store, minter: Minter, report=lambda msg: None, batch: int = 1000,
            articles_published: bool = False) -> dict[str, float]:
    """Recompute search names, place facts, month buckets, the default graph, counts and pairs;
    returns seconds per step.

    Month buckets are filed `batch` article graphs per update. The index graph (and with it the
    index version) is dropped first and written back last, so a reindex stopped half-way leaves
    a store that queries flag as needing `newsgraph reindex`, which completes it.

    `articles_published`: the default graph already holds exactly the article graphs' published
    facts (the bulk path loaded them with the shards, graph/shards.py): only the entities and
    corrections graphs are added to it."""
    times = {}

    def run(label: str, ops: list[str]) -> None:
        t = time.perf_counter()
        store.update(" ;\n".join(ops))
        times[label] = times.get(label, 0.0) + time.perf_counter() - t

    old_schema = []
    if articles_published:  # a store of the current index version, or empty: nothing to migrate
        pass
    elif store.ask(f"ASK {{ GRAPH ?g {{ ?a a <{OLD_SCHEMA}NewsArticle> }} }}") or \
            store.ask(f"ASK {{ GRAPH {nt(minter.entities_graph)} {{ ?e <{OLD_SCHEMA}name> ?n }} }}"):
        old_schema = [str(r[0]) for r in store.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?p), \"{OLD_SCHEMA}\")) }}").rows]
    for i in range(0, len(old_schema), batch):  # a store from before index version 7
        run("schema.org IRIs", [schema_iri_update(old_schema[i:i + batch])])
    if old_schema:
        report(f"schema.org IRIs: {times['schema.org IRIs']:.1f} s ({len(old_schema)} graphs rewritten)")
    articles = [str(r[0]) for r in store.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{NG.contentHash}> ?h }} }}").rows]
    for i in range(0, 0 if articles_published else len(articles), batch):
        run("language tags", [language_tag_update(articles[i:i + batch])])
    for label, ops in (("search names", search_name_updates(minter.entities_graph)),
                       ("place facts", place_fact_updates(minter.entities_graph))):
        run(label, ops)
        report(f"{label}: {times[label]:.1f} s")
    run("month buckets", [f"DROP SILENT GRAPH {nt(minter.index_graph)}"])
    t0 = time.perf_counter()
    graphs = [str(r[0]) for r in store.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{NG.contentHash}> ?h }} }}").rows]
    entities = {r[0] for r in store.query(
        f"SELECT ?e WHERE {{ GRAPH {nt(minter.entities_graph)} {{ ?e <{NG.resolutionKey}> ?k }} }}").rows}
    times["month buckets"] += time.perf_counter() - t0
    for i in range(0, len(graphs), batch):
        t0 = time.perf_counter()
        op = refile_update(store, minter.base, minter.index_graph, entities, graphs[i:i + batch])
        times["month buckets"] += time.perf_counter() - t0
        if op:
            run("month buckets", [op])
        if (i // batch) % 10 == 9:
            report(f"month buckets: {i + batch} of {len(graphs)} articles, {times['month buckets']:.0f} s")
    report(f"month buckets: {times['month buckets']:.1f} s ({len(graphs)} articles)")
    if store.default_graph_view:  # rebuilt from scratch: a store from before version 6 has none
        run("default graph", ([] if articles_published else [view.clear()]) +
            [view.publish_graph(str(minter.entities_graph)),
             view.publish_graph(str(minter.base + "graph/corrections"))])  # graph/corrections.py
        t = time.perf_counter()
        for i in range(0, 0 if articles_published else len(graphs), batch):
            store.publish_graphs(graphs[i:i + batch])  # the backend's bulk path where it has one
        times["default graph"] += time.perf_counter() - t
        report(f"default graph: {times['default graph']:.1f} s")
    run("counts and pairs", recount(minter.index_graph, None, None))
    report(f"counts and pairs: {times['counts and pairs']:.1f} s")
    t = time.perf_counter()
    store.update(f"DROP SILENT GRAPH <{VOCAB_GRAPH}>")
    ArticleWriter(store, minter).ensure_vocabulary(force=True)
    times["vocabulary"] = time.perf_counter() - t
    t = time.perf_counter()
    store.optimize()  # every bucket and count was deleted and written again
    times["compaction"] = time.perf_counter() - t
    report(f"compaction: {times['compaction']:.1f} s")
    return times
