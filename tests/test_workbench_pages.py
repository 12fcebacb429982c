"""The analyst's pages on the seed corpus through the real server: the biggest actors' and places'
pages answer fast and with rows, an article page shows its text with the evidence highlighted."""
from __future__ import annotations

import re
import time

import pytest
import requests

from conftest import SEEDS, run_cli
from test_endpoint_support import XSS_QUOTE, XSS_TITLE, Server, build_store

from newsgraph.endpoint.highlight import Span, segments

PAGE_BUDGET_S = 1.0


def seeds_server(tmp_path_factory, name: str):
    """`newsgraph serve` on a store of the seed corpus, ingested as a user does."""
    path = str(tmp_path_factory.mktemp(name) / "store")
    run_cli("ingest", "--store", path, "--quiet", str(SEEDS), check=True)
    return Server(path)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, seeds_store):
    """A server on a copy of the run's seeds store (ingested once per run, as a user does; copied because
    the server writes its search index beside the store)."""
    import shutil
    path = str(tmp_path_factory.mktemp("workbench") / "store")
    shutil.copytree(seeds_store.path, path)
    with Server(path) as s:
        yield s


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    with Server(build_store(str(tmp_path_factory.mktemp("hostile") / "store"))) as s:
        yield s


def top(server, name: str, n: int = 40) -> list[str]:
    r = requests.get(server.url + f"queries/{name}", params={"limit": n}, headers={"Accept": "application/json"},
                     timeout=30)
    assert r.status_code == 200, r.text
    var = r.json()["head"]["vars"][0]
    return [b[var]["value"] for b in r.json()["results"]["bindings"]]


def timed_page(server, iri: str) -> tuple[float, str]:
    """The page and the faster of two fetches (a shared 2-core machine has its moments)."""
    best, html = None, ""
    for _ in range(2):
        t = time.perf_counter()
        r = requests.get(server.url + "resource", params={"iri": iri}, timeout=30)
        dt = time.perf_counter() - t
        assert r.status_code == 200, (iri, r.status_code, r.text[:300])
        best, html = (dt if best is None else min(best, dt)), r.text
        if best < PAGE_BUDGET_S:
            break
    return best, html


def test_the_top_40_actors_and_places_answer_within_a_second_with_rows(seeds):
    iris = list(dict.fromkeys(top(seeds, "actors") + top(seeds, "places")))
    assert len(iris) >= 60
    slow, empty = [], []
    for iri in iris:
        dt, html = timed_page(seeds, iri)
        if dt >= PAGE_BUDGET_S:
            slow.append((iri, round(dt, 2)))
        if "<h2>Source articles</h2>" not in html:
            empty.append(iri)
    assert not slow, slow
    assert not empty, empty


def test_a_hub_page_lists_each_meeting_once_with_co_actors_claims_and_sources(seeds):
    _, html = timed_page(seeds, "https://newsgraph.example.org/id/person/selenski-v")
    meetings = re.search(r'<section id="meetings">(.*?)</section>', html, re.S).group(1)
    links = re.findall(r'href="(/resource\?iri=[^"]+/event/[^"]+)"', meetings)
    assert len(links) >= 20 and len(links) == len(set(links))  # one row per meeting
    for section in ('id="met"', 'id="claims"', 'id="sources"'):
        assert section in html
    assert "Steven Witkoff" in html or "Steve Witkoff" in html
    assert 'href="/timeline?actor=Volodymyr+Zelenskiy"' in html and 'href="/map?actor=Volodymyr+Zelenskiy"' in html
    _, html = timed_page(seeds, "https://newsgraph.example.org/id/place/geonames-690791")  # Ukraine
    assert 'id="claims-about"' in html


def test_an_article_page_shows_its_text_with_the_evidence_highlighted(seeds):
    r = requests.get(seeds.sparql, params={"query": "SELECT ?a WHERE { ?a a schema:NewsArticle ; schema:headline ?h "
                                           "FILTER(CONTAINS(STR(?h), 'Witkoff')) } LIMIT 1"}, timeout=30)
    article = r.json()["results"]["bindings"][0]["a"]["value"]
    _, html = timed_page(seeds, article)
    text = re.search(r'<div class="article-text" id="article-text">(.*?)</div>', html, re.S).group(1)
    assert '<mark class="ev' in text and 'class="mention" href="/resource?iri=' in text
    assert 'id="ev-0"' in text and 'id="fact-0"' in html
    # the marks' words are the text's words: nothing added, nothing lost
    plain = re.sub(r"<sup.*?</sup>|<[^>]+>", "", text)
    body = requests.get(seeds.sparql, params={"query": f"SELECT ?b WHERE {{ <{article}> schema:articleBody ?b }}"},
                        timeout=30).json()["results"]["bindings"][0]["b"]["value"]
    import html as html_mod
    assert html_mod.unescape(plain) == body


def test_hostile_article_text_is_shown_as_text(hostile):
    r = requests.get(hostile.sparql, params={"query": "SELECT ?a WHERE { ?a schema:headline ?h "
                                             f"FILTER(STR(?h) = \"{XSS_TITLE}\") }}"}, timeout=30)
    article = r.json()["results"]["bindings"][0]["a"]["value"]
    html = requests.get(hostile.url + "resource", params={"iri": article}, timeout=30).text
    text = re.search(r'id="article-text">(.*?)</div>', html, re.S).group(1)
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<mark" in text
    assert XSS_QUOTE not in html


def test_segments_cut_overlapping_spans_and_report_those_outside():
    text = "Anna met Bob in Rome. Bob said no."
    spans = [Span(0, 21, 0), Span(0, 4, 0, mention=True), Span(9, 12, 1, mention=True),
             Span(9, 34, 1), Span(30, 99, 2), Span(5, 5, 3)]
    segs, bad = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.facts, s.entity) for s in segs][:4] == [
        ("Anna", [0], 0), (" met ", [0], None), ("Bob", [0, 1], 1), (" in Rome.", [0, 1], None)]
    assert segs[0].anchors == [0] and segs[2].anchors == [1]
    assert [(s.start, s.end) for s in bad] == [(30, 99), (5, 5)]


def test_search_finds_every_spelling_ranked_and_linked(seeds):
    for spelling in ("Selenskyj", "zelensky", "Zelenskyy"):
        r = requests.get(seeds.url + "search", params={"q": spelling, "format": "json"}, timeout=60)
        assert r.status_code == 200, r.text
        hits = r.json()["hits"]
        assert hits[0]["kind"] == "name" and hits[0]["iri"].endswith("/person/selenski-v"), (spelling, hits[:2])
    r = requests.get(seeds.url + "search", params={"q": "Waffenstillstand", "kind": "claim", "format": "json"},
                     timeout=30)
    hits = r.json()["hits"]
    assert hits and {h["kind"] for h in hits} == {"claim"}
    html = requests.get(seeds.url + "search", params={"q": "Witkoff Miami"}, timeout=30).text
    assert '<ol class="hits"' in html and 'href="/resource?iri=' in html and "<mark>Witkoff</mark>" in html
    assert requests.get(seeds.url + "search", params={"q": "x", "offset": "-1"}, timeout=30).status_code == 400
    # whole words first; a word found nowhere is tried as the start of one
    hits = requests.get(seeds.url + "search", params={"q": "Selensk", "format": "json"}, timeout=30).json()["hits"]
    assert hits and hits[0]["iri"].endswith("/person/selenski-v")


def test_search_markup_in_hits_is_escaped(hostile):
    html = requests.get(hostile.url + "search", params={"q": "alert"}, timeout=60).text
    assert '<ol class="hits"' in html and "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_name_completion_in_any_spelling(seeds):
    r = requests.get(seeds.url + "complete", params={"q": "Selensk", "kind": "actor"}, timeout=60)
    assert r.status_code == 200
    names = r.json()
    assert names and names[0]["name"] == "Volodymyr Zelenskiy"
    places = requests.get(seeds.url + "complete", params={"q": "Kyi", "kind": "place"}, timeout=30).json()
    assert any(p["name"] == "Kyiv" for p in places)
    assert requests.get(seeds.url + "complete", params={"q": "Ky", "kind": "bogus"}, timeout=30).status_code == 400


def test_search_index_follows_the_store(tmp_path):
    """Articles added and replaced are found and found anew, only they are read again."""
    from newsgraph.graph.search_index import SearchIndex
    from newsgraph.graph.store import open_store
    from newsgraph.graph.build import build_article_graph
    from newsgraph.graph.iris import Minter
    from newsgraph.graph.writer import ArticleWriter
    from test_endpoint_support import BASE, articles
    store = open_store(str(tmp_path / "store"))
    try:
        writer = ArticleWriter(store, Minter(BASE))
        arts = list(articles())

        def write(art, ex):
            writer.write(build_article_graph(art, ex, Minter(BASE), None, writer.known_given_names))

        for art, ex in arts[:3]:
            write(art, ex)
        idx = SearchIndex(str(tmp_path / "search.sqlite"))
        select = lambda text: store.query(text).rows  # noqa: E731
        assert idx.catch_up(select)["indexed"] == 3
        assert idx.search("Riad")["total"] >= 1 and idx.search("Mallory")["total"] == 0
        assert idx.catch_up(select)["indexed"] == 0
        write(*arts[3])
        assert idx.catch_up(select)["indexed"] == 1
        assert idx.search("Mallory")["total"] >= 1
        # the Riyadh article again, now about talks in Jeddah: replaced, not added
        from records_fixture import sample
        write(*sample("c.txt", title="Gespräche in Dschidda", who=("Marco Rubio", "Sergej Lawrow"),
                      city=("Dschidda", 105343), date="2026-02-19"))
        assert idx.catch_up(select)["indexed"] == 1
        assert idx.search("Dschidda", ["article"])["total"] == 1
        assert idx.search("Riad", ["article", "meeting"])["total"] == 0
    finally:
        store.close()


def test_search_index_builds_in_steps_within_a_time_budget(tmp_path, monkeypatch):
    """A large store's first search does not wait for the whole index: each call indexes until
    its budget is spent, commits, and says how many articles are left."""
    from newsgraph.graph import search_index
    from newsgraph.graph.store import open_store
    monkeypatch.setattr(search_index, "BATCH", 1)
    store = open_store(build_store(str(tmp_path / "store")), read_only=True)
    try:
        idx = search_index.SearchIndex(str(tmp_path / "search.sqlite"))
        select = lambda text: store.query(text).rows  # noqa: E731
        steps = []
        while not steps or steps[-1]["left"]:
            steps.append(idx.catch_up(select, "sig-1", budget_s=0))
            assert idx.signature() == ("sig-1" if not steps[-1]["left"] else None)
        assert [st["left"] for st in steps] == [3, 2, 1, 0] and sum(st["indexed"] for st in steps) == 4
        assert idx.search("Mallory")["total"] >= 1 and idx.search("Riad")["total"] >= 1
    finally:
        store.close()


def test_timeline_of_an_actor_and_of_the_store(seeds):
    html = requests.get(seeds.url + "timeline", params={"actor": "Witkoff"}, timeout=60).text
    assert '<svg id="time-axis"' in html and html.count('<section class="month"') >= 5
    assert 'href="/resource?iri=https://newsgraph.example.org/id/event/' in html
    assert "item-claim" in html and "item-meeting" in html
    months = re.findall(r'<section class="month" id="month-([^"]+)"', html)
    assert months == sorted(m for m in months if m != "undated") + (["undated"] if "undated" in months else [])
    assert 'href="/resource?iri=https://newsgraph.example.org/id/claim/' in html  # claims link too
    html = requests.get(seeds.url + "timeline", timeout=60).text
    assert html.count("item-meeting") >= 100 and html.count("item-claim") >= 100


def test_map_places_sized_by_meetings_and_filtered(seeds):
    r = requests.get(seeds.url + "map", timeout=60)
    assert r.status_code == 200 and "default-src 'none'" in r.headers["Content-Security-Policy"]
    html = r.text
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing from outside
    circles = re.findall(r'<a href="(/resource\?iri=[^"]+)" class="place" data-i="\d+"><circle [^>]*r="([\d.]+)"', html)
    assert len(circles) >= 20 and html.count("<path d=") > 150
    # sized by meetings: the first table row (most meetings) has the largest circle
    top = re.search(r'<table class="places-table".*?<a href="([^"]+)"', html, re.S).group(1)
    assert dict(circles)[top] == max(circles, key=lambda c: float(c[1]))[1]
    narrow = requests.get(seeds.url + "map", params={"actor": "Witkoff", "since": "2026-01"}, timeout=60).text
    assert 0 < narrow.count('class="place"') < len(circles)
    assert requests.get(seeds.url + "map", params={"since": "yesterday"}, timeout=30).status_code == 400
    assert requests.get(seeds.url + "map", params={"region": "mars"}, timeout=30).status_code == 400
    odd = requests.get(seeds.url + "map", params={"actor": 'x" ) } } SELECT * { ?s ?p ?o } #\\'}, timeout=60)
    assert odd.status_code == 200 and 'class="place"' not in odd.text  # a name, however odd, is text


def _map_slider(html: str) -> dict:
    import json
    return json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S).group(1))


def test_map_carries_each_places_meetings_per_month_for_its_time_slider(seeds):
    html = requests.get(seeds.url + "map", timeout=60).text
    data = _map_slider(html)
    months = data["months"]
    assert len(months) >= 5 and months == sorted(months) and all(re.fullmatch(r"\d{4}-\d{2}", m) for m in months)
    rows = re.findall(r'<tr data-i="(\d+)"><td><a [^>]+>([^<]+)</a></td><td class="n">(\d+)</td>', html)
    assert len(rows) >= 20
    for i, name, total in rows:  # the months (and the undated ones, last) add up to the table's count
        assert sum(data["places"][int(i)]) == int(total), name
    assert sum(sum(p[:-1]) for p in data["places"]) > 0.6 * sum(sum(p) for p in data["places"])  # most are dated
    assert '<input type="range" id="range-from"' in html and "timerange.js" in html
    # the server's date filter and the slider agree: March 2026 alone
    march = _map_slider(requests.get(seeds.url + "map", params={"since": "2026-03", "until": "2026-03"},
                                     timeout=60).text)
    k = months.index("2026-03")
    assert march["months"] == ["2026-03"]
    assert sorted(p[0] for p in march["places"] if p[0]) == sorted(p[k] for p in data["places"] if p[k])


def test_labels_for_result_tables(seeds):
    r = requests.post(seeds.url + "labels", json={"iris": [
        "https://newsgraph.example.org/id/person/selenski-v", "https://example.com/x", 42]}, timeout=30)
    assert r.status_code == 200 and r.json() == {
        "https://newsgraph.example.org/id/person/selenski-v": "Volodymyr Zelenskiy"}
    assert requests.post(seeds.url + "labels", data="nonsense", timeout=30).status_code == 400


def test_query_page_opens_named_queries_on_what_they_answer(seeds):
    html = requests.get(seeds.url, params={"named": "meetings", "actor": "Witkoff"}, timeout=30).text
    import json as json_mod
    qs = json_mod.loads(re.search(r'<script type="application/json" id="ng-queries">(.*?)</script>', html, re.S)
                        .group(1))
    for q in qs:
        assert q["text"].startswith("# title:"), q["name"]
        assert "Why this shape" not in q["text"] and "Oxigraph" not in q["text"].split("SELECT")[0], q["name"]
    assert 'id="share"' in html


def test_network_page_is_cached_until_the_store_changes_and_exports(seeds):
    first = requests.get(seeds.url + "network", params={"actor": "Witkoff"}, timeout=120)
    assert first.status_code == 200
    t = time.perf_counter()
    again = requests.get(seeds.url + "network", params={"actor": "Witkoff"}, timeout=120)
    assert again.content == first.content and time.perf_counter() - t < 0.5  # the cached page
    for fmt, root in (("gexf", "<gexf"), ("graphml", "<graphml")):
        r = requests.get(seeds.url + f"network.{fmt}", params={"actor": "Witkoff"}, timeout=120)
        assert r.status_code == 200 and root in r.text[:400], fmt
        assert "Steven Witkoff" in r.text and "person/vitkof-s" in r.text
    import networkx as nx
    import io
    G = nx.read_graphml(io.BytesIO(requests.get(seeds.url + "network.graphml", timeout=120).content))
    assert G.number_of_nodes() > 100 and G.nodes["https://newsgraph.example.org/id/person/vitkof-s"]["kind"] == "person"
    assert requests.get(seeds.url + "network.pdf", timeout=30).status_code == 404


def test_store_signature_changes_with_a_write(tmp_path):
    from newsgraph.graph.search_index import store_signature
    from newsgraph.graph.store import open_store
    path = build_store(str(tmp_path / "store"))
    before = store_signature(path)
    assert before and store_signature(path) == before
    s = open_store(path)
    s.update('INSERT DATA { <urn:x:a> <urn:x:b> "c" }')
    s.close()
    assert store_signature(path) != before
    assert store_signature("memory:") is None


def _wait_for_warm_builds(server, n: int, deadline_s: float = 120) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        warm = requests.get(server.url + "health", timeout=30).json()["network_warm"]
        assert warm is not None and warm["error"] is None, warm
        if warm["builds"] >= n:
            return
        time.sleep(0.3)
    raise AssertionError(f"the network warm-up did not build {n} page(s) in {deadline_s} s")


def test_the_unfiltered_network_is_built_in_the_background_and_again_after_a_write(tmp_path, seeds_store):
    import shutil
    path = str(tmp_path / "store")
    shutil.copytree(seeds_store.path, path)
    with Server(path, "--update-token", "warm-token", env={"NEWSGRAPH_NETWORK_WARM": "1"}) as s:
        _wait_for_warm_builds(s, 1)
        t = time.perf_counter()
        r = requests.get(s.url + "network", timeout=120)
        assert r.status_code == 200 and r.headers["X-Newsgraph-Cache"] == "hit"
        assert time.perf_counter() - t < 1.0 and "Steven Witkoff" in r.text
        # a write: the next background build has the new actor, and the first visitor gets it from memory
        u = requests.post(s.url + "sparql", data={"update": 'INSERT DATA { <https://newsgraph.example.org/id/person/'
                                                             'warm-t> a schema:Person ; schema:name "Tamsin Warmup" }'},
                          headers={"Authorization": "Bearer warm-token"}, timeout=60)
        assert u.status_code == 200, u.text
        _wait_for_warm_builds(s, 2)
        r = requests.get(s.url + "network", timeout=120)
        assert r.headers["X-Newsgraph-Cache"] == "hit" and "Tamsin Warmup" in r.text
        # filtered networks are built on request, then cached
        r = requests.get(s.url + "network", params={"actor": "Witkoff"}, timeout=120)
        assert r.headers["X-Newsgraph-Cache"] == "miss"
        r = requests.get(s.url + "network", params={"actor": "Witkoff"}, timeout=120)
        assert r.headers["X-Newsgraph-Cache"] == "hit"


def test_the_query_page_opens_on_a_query_that_finds_the_most_mentioned(seeds):
    import html as html_mod
    page = requests.get(seeds.url, timeout=30).text
    text = html_mod.unescape(re.search(r'<textarea id="query"[^>]*>(.*?)</textarea>', page, re.S).group(1))
    r = requests.post(seeds.url + "sparql", data={"query": text}, headers={"Accept": "application/sparql-results+json"},
                      timeout=60)
    names = [b["name"]["value"] for b in r.json()["results"]["bindings"]]
    assert len(names) == 20 and "Ukraine" in names[:5]  # the counts live in the index graph
