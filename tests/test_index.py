"""Materialised counts stay equal to what the article graphs say, through adds and replaces."""
from __future__ import annotations

from newsgraph import queries
from newsgraph.graph.build import build_article_graph
from newsgraph.graph.iris import Minter
from newsgraph.graph.store import open_store
from newsgraph.graph.writer import ArticleWriter

from records_fixture import sample


def _write(store, ident, **kw):
    minter = Minter("https://example.org/id/")
    writer = ArticleWriter(store, minter)
    art, ex = sample(ident, **kw)
    writer.write(build_article_graph(art, ex, minter, None, writer.known_given_initials))
    return ex


def _met(store):
    return {(str(r["nameA"]), str(r["nameB"])): int(r["meetings"])
            for r in store.query(queries.get("who-met-whom").text).dicts()}


def _computed(store):
    rows = store.select("SELECT ?na ?nb (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m schema:attendee ?a , ?b . "
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
    rows = {str(r["name"]): r for r in s.query(queries.get("actors").text).dicts()}
    sel = rows["Wolodymyr Selenskyj"]
    assert int(sel["articles"]) == 2 and int(sel["meetings"]) == 2 and int(sel["claims"]) == 2
    per_author = {str(r["name"]): int(r["claims"]) for r in s.query(queries.get("claims-per-author").text).dicts()}
    assert per_author == {"Wolodymyr Selenskyj": 2}
