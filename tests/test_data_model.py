"""The data model's promise (docs/data-model.md): the default graph gives each fact once, holds no
bookkeeping, and stays the merge of the published named graphs through adds, replaces, merges
and `newsgraph reindex`; FROM / FROM NAMED pick the dataset as SPARQL 1.1 says."""
from __future__ import annotations

import pytest

from newsgraph import queries
from newsgraph.graph.build import build_article_graph
from newsgraph.graph.iris import Minter
from newsgraph.graph.reindex import index_problem, reindex
from newsgraph.graph.store import open_store
from newsgraph.graph.view import index_properties
from newsgraph.graph.writer import ArticleWriter

from records_fixture import sample

BASE = "https://example.org/id/"
README_EXAMPLE = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }"
HISTORY = [("a.txt", {}), ("b.txt", {"date": "2026-02-20"}), ("c.txt", {"who": ("Donald Trump", "Steve Witkoff")}),
           ("d.txt", {"who": ("Steve Witkoff", "Wolodymyr Selenskyj"), "title": "Another report"}),
           ("b.txt", {"date": "2026-01-17"}),  # replaced: now a report of a.txt's meeting
           ("c.txt", {"who": ("Donald Trump", "Jared Kushner"), "city": ("Moskau", 524901)})]  # replaced


def _write(store, ident, **kw):
    minter = Minter(BASE)
    writer = ArticleWriter(store, minter)
    art, ex = sample(ident, **kw)
    writer.write(build_article_graph(art, ex, minter, None, writer.known_given_names))


@pytest.fixture(params=["memory", "disk"])
def store(request, tmp_path):
    s = open_store("memory:" if request.param == "memory" else str(tmp_path / "store"))
    for ident, kw in HISTORY:
        _write(s, ident, **kw)
    yield s
    s.close()


def _default_rows(s) -> list[tuple]:
    return s.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows


def _merge(s) -> set[tuple]:
    """What the default graph must be: the published facts of every named graph but the index graph."""
    hidden = index_properties()
    rows = s.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{BASE}graph/index>) }}").rows
    return {r for r in rows if r[1] not in hidden}


def test_the_readme_example_gives_one_row_per_person(store):
    rows = [str(r[0]) for r in store.query(README_EXAMPLE).rows]
    persons = store.query(f"SELECT ?p WHERE {{ GRAPH <{BASE}graph/entities> {{ ?p a schema:Person }} }}").rows
    assert len(rows) == len(set(rows)) == len(persons) == 4  # Selenskyj, Witkoff, Trump, Kushner
    # and the union of the article graphs would have repeated them: the reason for the view
    per_graph = store.query("SELECT ?p WHERE { GRAPH ?g { ?p a schema:Person } }").rows
    assert len(per_graph) > len(persons)


def test_every_aggregate_over_the_default_graph_counts_each_fact_once(store):
    rows = _default_rows(store)
    assert len(rows) == len(set(rows))
    n = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?m a ng:Meeting ; schema:attendee ?x }").rows[0][0]
    distinct = store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?m ?x WHERE { GRAPH ?g { "
                           "?m a ng:Meeting ; schema:attendee ?x } } }").rows[0][0]
    assert int(n) == int(distinct)


def test_the_default_graph_is_the_merge_of_the_published_graphs_after_replacements(store):
    assert set(_default_rows(store)) == _merge(store)
    # the replaced c.txt's Trump-Witkoff meeting in Miami is gone; nothing of it is left behind
    names = {str(r[0]) for r in store.query("SELECT ?n WHERE { ?e schema:alternateName ?n }").rows}
    assert "Moskau" in names
    stale = store.query('ASK { ?m schema:attendee ?t . ?t schema:name "Donald Trump" . '
                        '?m schema:attendee ?w . ?w schema:name "Steve Witkoff" }').boolean
    assert not stale


def test_bookkeeping_stays_out_of_the_default_graph(store):
    hidden = index_properties()
    assert {"inBucket", "sortDate", "articleCount", "searchName", "pairMember"} <= \
        {str(p).rsplit("#", 1)[1] for p in hidden}
    assert not any(p in hidden for _, p, _ in _default_rows(store))
    # the index is still there for the named queries, and they still answer
    assert store.ask(f"ASK {{ GRAPH <{BASE}graph/index> {{ ?e ng:articleCount ?n }} }}")
    meetings = store.query(queries.get("meetings").sparql(base=BASE)).rows
    assert len(meetings) == 2  # Miami on 17 Jan (a, b and d report it: one node), Moscow
    assert len({r[0] for r in meetings}) == len(meetings)


def test_from_reads_exactly_the_graph_it_names(store):
    article = store.query("SELECT ?a WHERE { ?a schema:headline \"Another report\"@de }").rows[0][0]
    size = int(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}").rows[0][0])
    counted = store.query(f"SELECT (COUNT(*) AS ?n) FROM <{article}> WHERE {{ ?s ?p ?o }}").rows[0][0]
    assert int(counted) == size
    # FROM NAMED: GRAPH ?g ranges over the named graphs given, and the default graph is empty
    rows = store.query(f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{article}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} "
                       f"GROUP BY ?g").rows
    assert [(str(g), int(n)) for g, n in rows] == [(str(article), size)]
    assert not store.ask(f"ASK FROM NAMED <{article}> {{ ?s ?p ?o }}")
    # the protocol's default-graph-uri wins over the query's FROM
    entities = f"{BASE}graph/entities"
    n = store.query(f"SELECT (COUNT(*) AS ?n) FROM <{article}> WHERE {{ ?s ?p ?o }}", default_graphs=[entities]).rows
    assert int(n[0][0]) == int(store.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{entities}> {{ ?s ?p ?o }} }}").rows[0][0])


def test_reindex_builds_the_default_graph_of_an_older_store(store):
    minter = Minter(BASE)
    expected = set(_default_rows(store))
    # a store written before the view: an empty default graph and index version 5
    ig = f"<{BASE}graph/index>"
    store.update(f"CLEAR DEFAULT ; DELETE WHERE {{ GRAPH {ig} {{ {ig} ng:indexVersion ?v }} }} ; "
                 f"INSERT DATA {{ GRAPH {ig} {{ {ig} ng:indexVersion 5 }} }}")
    assert not store.query(README_EXAMPLE).rows
    assert "newsgraph reindex" in index_problem(store, minter)
    reindex(store, minter, batch=2)
    assert index_problem(store, minter) is None
    assert set(_default_rows(store)) == expected == _merge(store)
    assert len(store.query(README_EXAMPLE).rows) == 4


def test_a_surname_merge_renames_the_node_in_the_default_graph_too():
    s = open_store("memory:")
    minter = Minter(BASE)
    writer = ArticleWriter(s, minter)
    art, ex = sample("c.txt", who=("Donald Trump", "Jared Kushner"))
    ex.entities[0].name, ex.entities[0].given_name, ex.entities[0].alternate_names = "Trump", None, []
    writer.write(build_article_graph(art, ex, minter, None, writer.known_given_names))  # person/trump
    assert s.ask(f'ASK {{ <{BASE}person/trump> schema:name "Trump" }}')
    _write(s, "a.txt", who=("Donald Trump", "Steve Witkoff"), date="2026-01-20")  # joins it: person/trump-d
    assert not s.ask(f"ASK {{ <{BASE}person/trump> ?p ?o }}")
    assert set(_default_rows(s)) == _merge(s)
    assert sorted(str(r[0]) for r in s.query(README_EXAMPLE).rows) == ["Donald Trump", "Jared Kushner",
                                                                        "Steve Witkoff"]


def test_reindex_rewrites_the_https_schema_org_iris_of_an_older_store(store):
    expected = set(_default_rows(store))
    graphs = [str(r[0]) for r in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows]
    # what a store written before index version 7 held: https://schema.org/ terms
    for g in graphs:
        store.update(f'DELETE {{ GRAPH <{g}> {{ ?s ?p ?o }} }} INSERT {{ GRAPH <{g}> {{ ?s ?p2 ?o2 }} }} WHERE {{ '
                     f'GRAPH <{g}> {{ ?s ?p ?o }} '
                     f'BIND(IF(STRSTARTS(STR(?p), "http://schema.org/"), IRI(REPLACE(STR(?p), "^http:", "https:")), ?p) AS ?p2) '
                     f'BIND(IF(isIRI(?o) && STRSTARTS(STR(?o), "http://schema.org/"), '
                     f'IRI(REPLACE(STR(?o), "^http:", "https:")), ?o) AS ?o2) }}')
    ig = f"<{BASE}graph/index>"
    store.update(f"CLEAR DEFAULT ; DELETE WHERE {{ GRAPH {ig} {{ {ig} ng:indexVersion ?v }} }} ; "
                 f"INSERT DATA {{ GRAPH {ig} {{ {ig} ng:indexVersion 6 }} }}")
    assert not store.query(README_EXAMPLE).rows
    assert index_problem(store, Minter(BASE))
    reindex(store, Minter(BASE), batch=3)
    assert not store.ask('ASK { GRAPH ?g { ?s ?p ?o FILTER(STRSTARTS(STR(?p), "https://schema.org/")) } }')
    assert set(_default_rows(store)) == expected
    assert len(store.query(README_EXAMPLE).rows) == 4
    assert len(store.query(queries.get("meetings").sparql(base=BASE)).rows) == 2


def test_schema_org_terms_join_with_the_schema_org_json_ld_of_news_sites(store):
    # what a news site embeds: its @context expands to http://schema.org/
    import json

    from rdflib import Graph
    page = {"@context": "http://schema.org/", "@type": "NewsArticle", "@id": "https://news.example/1",
            "mentions": {"@type": "Person", "name": "Steve Witkoff"}}
    ctx = {"@vocab": "http://schema.org/"}  # schema.org's own context, offline
    g = Graph().parse(data=json.dumps({**page, "@context": ctx}), format="json-ld")
    store.update("INSERT DATA { GRAPH <https://news.example/1> { " +
                 " ".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in g) + " } }")
    rows = store.query('SELECT ?ours WHERE { GRAPH <https://news.example/1> { ?x schema:name ?n } '
                       'GRAPH ?a { ?ours schema:name ?n } }').rows
    assert rows


def test_headlines_claim_texts_and_job_titles_carry_the_article_language(store):
    langs = {str(r[0]) for r in store.query(
        "SELECT DISTINCT (LANG(?t) AS ?l) WHERE { { ?a schema:headline ?t } UNION { ?c schema:text ?t } }").rows}
    assert langs == {"de"}  # the sample articles are German
    en = store.query('SELECT ?a WHERE { ?a schema:headline ?h FILTER(LANGMATCHES(LANG(?h), "en")) }').rows
    assert not en
    # a store from before index version 8: untagged text; reindex tags it from schema:inLanguage
    graphs = [str(r[0]) for r in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g ng:contentHash ?h } }").rows]
    for g in graphs:
        store.update(f"DELETE {{ GRAPH <{g}> {{ ?s ?p ?o }} }} INSERT {{ GRAPH <{g}> {{ ?s ?p ?plain }} }} WHERE {{ "
                     f"GRAPH <{g}> {{ ?s ?p ?o FILTER(?p IN (schema:headline, schema:text, schema:jobTitle)) }} "
                     f"BIND(STR(?o) AS ?plain) }}")
    assert store.ask('ASK { GRAPH ?g { ?a schema:headline ?h FILTER(LANG(?h) = "") } }')
    reindex(store, Minter(BASE), batch=3)
    assert not store.ask('ASK { GRAPH ?g { ?a schema:headline|schema:text ?h FILTER(LANG(?h) = "") } }')
    assert set(_default_rows(store)) == _merge(store)
