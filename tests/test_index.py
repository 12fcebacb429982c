"""Materialised counts stay equal to what the article graphs say, through adds and replaces."""
from __future__ import annotations

from newsgraph import queries
from newsgraph.graph.build import build_article_graph
from newsgraph.graph.iris import Minter
from newsgraph.graph.store import open_store
from newsgraph.graph.writer import ArticleWriter

from records_fixture import sample


BASE = "https://example.org/id/"


def _write(store, ident, **kw):
    minter = Minter(BASE)
    writer = ArticleWriter(store, minter)
    art, ex = sample(ident, **kw)
    writer.write(build_article_graph(art, ex, minter, None, writer.known_given_names))
    return ex


def _met(store):
    return {(str(r["nameA"]), str(r["nameB"])): int(r["meetings"])
            for r in store.query(queries.get("who-met-whom").sparql(base=BASE)).dicts()}


def _computed(store):
    # pairs named together in one article's report of a meeting (graph/index.py)
    rows = store.select("SELECT ?na ?nb (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH ?g { ?m schema:attendee ?a , ?b } "
                        "FILTER(STR(?a) < STR(?b)) ?a schema:name ?na . ?b schema:name ?nb } GROUP BY ?na ?nb")
    return {(str(r["na"]), str(r["nb"])): int(r["n"]) for r in rows}


def test_two_reports_of_one_meeting_count_once():
    s = open_store("memory:")
    _write(s, "a.txt")
    _write(s, "b.txt", title="Another report")  # same place and day: the same meeting node
    assert _met(s) == _computed(s) == {("Wolodymyr Selenskyj", "Steve Witkoff"): 1}


def test_counts_follow_new_meetings_and_replacements():
    s = open_store("memory:")
    _write(s, "a.txt")
    _write(s, "b.txt", date="2026-01-20")
    assert _met(s) == _computed(s) == {("Wolodymyr Selenskyj", "Steve Witkoff"): 2}
    _write(s, "b.txt", date="2026-01-20", who=("Wolodymyr Selenskyj", "Jared Kushner"))  # replaced
    assert _met(s) == _computed(s)
    assert _met(s)[("Wolodymyr Selenskyj", "Steve Witkoff")] == 1


def test_actor_counts_match_the_articles():
    s = open_store("memory:")
    _write(s, "a.txt")
    _write(s, "b.txt", date="2026-01-20")
    rows = {str(r["name"]): r for r in s.query(queries.get("actors").sparql(base=BASE)).dicts()}
    sel = rows["Wolodymyr Selenskyj"]
    assert int(sel["articles"]) == 2 and int(sel["meetings"]) == 2 and int(sel["claims"]) == 2
    per_author = {str(r["name"]): int(r["claims"]) for r in s.query(queries.get("claims-per-author").sparql(base=BASE)).dicts()}
    assert per_author == {"Wolodymyr Selenskyj": 2}


def test_counts_equal_a_full_recount_after_a_mixed_history():
    s = open_store("memory:")
    history = [("a.txt", {}), ("b.txt", {"date": "2026-01-20"}), ("c.txt", {"who": ("Donald Trump", "Steve Witkoff")}),
               ("b.txt", {"date": "2026-01-17"}),  # replaced: now the same meeting as a.txt
               ("c.txt", {"who": ("Donald Trump", "Jared Kushner"), "city": ("Moskau", 524901)})]
    for ident, kw in history:
        _write(s, ident, **kw)
        assert _met(s) == _computed(s)
        stored = {(str(r["e"]), str(r["p"])): int(r["c"]) for r in s.select(
            f"SELECT ?e ?p ?c WHERE {{ GRAPH <{BASE}graph/index> {{ ?e ?p ?c . "
            "FILTER(?p IN (ng:articleCount, ng:meetingCount, ng:claimCount)) } }")}
        computed = {}  # from the default graph: each fact once (graph/view.py)
        for prop, pattern in (("articleCount", "?x schema:mentions ?e"), ("meetingCount", "?x schema:attendee ?e"),
                              ("claimCount", "?x schema:author ?e")):
            for r in s.select(f"SELECT ?e (COUNT(DISTINCT ?x) AS ?c) WHERE {{ {pattern} . FILTER(isIRI(?e)) }} GROUP BY ?e"):
                computed[(str(r["e"]), "https://w3id.org/newsgraph/vocab#" + prop)] = int(r["c"])
        assert stored == computed, ident


def test_an_article_seen_absent_twice_is_replaced_not_merged():
    # ingest checks a batch of articles before writing them: the same URL twice in one input
    # is found absent twice; its second write must still replace the first (no DROP skipped).
    s = open_store("memory:")
    minter = Minter("https://example.org/id/")
    writer = ArticleWriter(s, minter)
    first, ex1 = sample("a.txt")
    second, ex2 = sample("a.txt", date="2026-01-20", who=("Donald Trump", "Jared Kushner"))
    assert writer.stored_hash(minter.article(first.identity)) is None
    assert writer.stored_hash(minter.article(second.identity)) is None
    writer.write(build_article_graph(first, ex1, minter, None, writer.known_given_names))
    writer.write(build_article_graph(second, ex2, minter, None, writer.known_given_names))
    assert _met(s) == _computed(s)
    assert {frozenset(pair) for pair in _met(s)} == {frozenset({"Donald Trump", "Jared Kushner"})}
    hashes = s.select("SELECT ?h WHERE { GRAPH ?g { ?g ng:contentHash ?h } }")
    assert [str(r["h"]) for r in hashes] == [second.content_hash]


def _materialised(s):
    index = s.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{BASE}graph/index> {{ ?s ?p ?o }} }}").rows
    filed = s.query("SELECT ?g ?i ?b WHERE { GRAPH ?g { ?i <https://w3id.org/newsgraph/vocab#inBucket> ?b } }").rows
    return sorted(index), sorted(filed)


def test_month_buckets_after_a_mixed_history_equal_a_rebuild():
    from newsgraph.graph.reindex import reindex
    s = open_store("memory:")
    history = [("a.txt", {}), ("b.txt", {"date": "2026-02-20"}), ("c.txt", {"who": ("Donald Trump", "Steve Witkoff")}),
               ("b.txt", {"date": "2026-01-17"}),  # replaced: its February buckets empty and leave the index
               ("c.txt", {"who": ("Donald Trump", "Jared Kushner"), "city": ("Moskau", 524901)})]
    for ident, kw in history:
        _write(s, ident, **kw)
    incremental = _materialised(s)
    months = {str(o) for _, p, o in incremental[0] if str(p).endswith("#month")}
    assert months == {"2026-01"}  # nothing of the replaced February version is left
    kinds = {str(p).rsplit("#", 1)[1] for _, p, o in incremental[0]}
    assert {"saidBy", "attendedBy", "heldAt", "mentioning", "listing"} <= kinds
    dates = {str(o) for _, p, o in s.query(
        "SELECT ?i ?p ?d WHERE { GRAPH ?g { ?i <https://w3id.org/newsgraph/vocab#sortDate> ?d } }").rows}
    assert dates and all(d == "" or d.startswith("2026-01") for d in dates)
    reindex(s, Minter(BASE), batch=2)  # three articles: two batches
    assert _materialised(s) == incremental
