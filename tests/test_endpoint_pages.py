"""The HTML pages: entity pages per actor, place, meeting, claim and article; data from articles escaped."""
from __future__ import annotations

import re
import pytest
import requests

from test_endpoint_support import BASE, XSS_NAME, XSS_QUOTE, XSS_TITLE, Server, build_store

RAW = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>Mallory</b>"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_store(str(tmp_path_factory.mktemp("pages") / "store"))
    with Server(store) as s:
        yield s


def iri_of(server, where: str, var: str = "x") -> str:
    r = requests.get(server.sparql, params={"query": f"SELECT ?{var} WHERE {{ {where} }} LIMIT 1"}, timeout=30)
    rows = r.json()["results"]["bindings"]
    assert rows, where
    return rows[0][var]["value"]


def page(server, iri: str) -> requests.Response:
    r = requests.get(server.url + "resource", params={"iri": iri}, timeout=30)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    return r


def assert_escaped(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw
    # the only scripts are our own files
    assert re.findall(r"<script\b[^>]*>", html) in ([], ['<script type="application/json" id="ng-queries">',
                                                         '<script src="/static/query.js">'])


def test_person_page_has_facts_meetings_claims_evidence_and_sources(server):
    html = page(server, BASE + "person/selenski-v").text
    assert "<h1>Wolodymyr Selenskyj</h1>" in html
    for section in ("Met with", "Meetings", "Claims", "Facts", "Source articles"):
        assert f"<h2>{section}</h2>" in html, section
    assert "Steve Witkoff" in html and "Miami" in html
    assert "vor neuen Angriffen" in html and "Selenskyj warnte vor neuen Angriffen." in html
    assert "Talks in Miami" in html and "Zelensky meets Witkoff" in html
    # neighbours link to their pages; other IRIs (GeoNames, schema.org) link out
    assert f'href="/resource?iri={BASE}person/vitkof-s"' in html


def test_meeting_claim_place_and_article_pages(server):
    meeting = iri_of(server, '?x a ng:Meeting ; schema:location/schema:name "Miami"')
    html = page(server, meeting).text
    assert "<p class=\"kind\">meeting</p>" in html and "Evidence" in html
    assert "Wolodymyr Selenskyj traf Steve Witkoff in Miami." in html

    claim = iri_of(server, '?x a schema:Claim ; ng:evidence/oa:hasTarget/oa:hasSelector/oa:exact '
                           '"Selenskyj warnte vor neuen Angriffen."')
    html = page(server, claim).text
    assert "<p class=\"kind\">claim</p>" in html and "Selenskyj warnte vor neuen Angriffen." in html

    html = page(server, BASE + "place/geonames-4164138").text
    assert "<p class=\"kind\">place</p>" in html and "<h1>Miami</h1>" in html
    assert 'href="https://sws.geonames.org/4164138/"' in html

    article = iri_of(server, '?x schema:headline ?h FILTER(STR(?h) = "Talks in Miami")')
    html = page(server, article).text
    assert "<p class=\"kind\">article</p>" in html and "<h1>Talks in Miami</h1>" in html


def test_pages_and_describe_show_no_bookkeeping(server):
    # counts, month buckets, sort dates and search names live out of the default graph (docs/data-model.md)
    hidden = ("articleCount", "claimCount", "inBucket", "sortDate", "searchName", "pairMember", "sharedMeeting")
    for iri in (BASE + "person/selenski-v", iri_of(server, '?x a ng:Meeting ; schema:location/schema:name "Miami"'),
                iri_of(server, '?x schema:headline ?h FILTER(STR(?h) = "Talks in Miami")')):
        html = page(server, iri).text
        r = requests.get(server.url + "resource", params={"iri": iri}, headers={"Accept": "text/turtle"}, timeout=30)
        for name in hidden:
            assert name not in html and name not in r.text, (iri, name)


def test_unknown_resource_is_404_and_bad_iri_400(server):
    r = requests.get(server.url + "resource", params={"iri": BASE + "person/nobody"},
                     headers={"Accept": "text/html"}, timeout=30)
    assert r.status_code == 404 and "nothing is known" in r.text
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    r = requests.get(server.url + "resource", params={"iri": "javascript:alert(1)<x>"}, timeout=30)
    assert r.status_code == 400


def test_resource_turtle_by_accept(server):
    for accept, ctype in [("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
                          ("application/n-triples", "application/n-triples")]:
        r = requests.get(server.url + "resource", params={"iri": BASE + "person/selenski-v"},
                         headers={"Accept": accept}, timeout=30)
        assert r.headers["Content-Type"] == ctype + "; charset=utf-8"
        assert "Wolodymyr Selenskyj" in r.text
        assert r.headers["Vary"] == "Accept"
    r = requests.get(server.url + "resource", params={"iri": BASE + "person/selenski-v"},
                     headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}, timeout=30)
    assert r.headers["Content-Type"].startswith("text/html")


def test_markup_from_articles_is_escaped_on_every_page(server):
    eve = iri_of(server, f'?x schema:name "{XSS_NAME}"')
    claim = iri_of(server, "?x a schema:Claim ; schema:author ?a . ?a schema:name ?n "
                           f'FILTER(?n = "{XSS_NAME}")')
    meeting = iri_of(server, '?x a ng:Meeting ; schema:location/schema:name "Genf"')
    article = iri_of(server, f'?x schema:headline ?h FILTER(STR(?h) = "{XSS_TITLE}")')
    bob = iri_of(server, '?x schema:name "Bob Builder"')
    for iri in (eve, claim, meeting, article, bob, BASE + "place/geonames-2660646"):
        html = page(server, iri).text
        assert_escaped(html)
    html = page(server, claim).text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = page(server, article).text
    assert "Breaking &lt;script&gt;alert(1)&lt;/script&gt; news" in html
    html = page(server, eve).text
    assert "Eve &lt;b&gt;Mallory&lt;/b&gt;" in html
    assert XSS_QUOTE not in html


def test_query_page_is_offline_and_lists_the_named_queries(server):
    r = requests.get(server.url, timeout=30)
    assert r.status_code == 200
    html = r.text
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing from a CDN
    assert 'id="ng-queries"' in html and '"meetings"' in html
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    js = requests.get(server.url + "static/query.js", timeout=30)
    assert js.status_code == 200 and "innerHTML" not in js.text
    assert not re.search(r"https?://(?!www\.w3\.org|schema\.org|w3id\.org)", js.text)


def test_network_page(server):
    r = requests.get(server.url + "network", timeout=60)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    # the network page brings its own Content-Security-Policy (hashes of its inline scripts)
    assert "Content-Security-Policy" in r.text
    assert "script-src 'sha256-" in r.headers["Content-Security-Policy"]
    assert "<script>alert(1)</script>" not in r.text
    r = requests.get(server.url + "network", params={"actor": "Witkoff", "depth": "1"}, timeout=60)
    assert r.status_code == 200
    r = requests.get(server.url + "network", params={"depth": "x"}, timeout=60)
    assert r.status_code == 400 and "depth" in r.text
    r = requests.get(server.url + "network", params={"actor": "Nobody Atall"}, timeout=60)
    assert r.status_code == 400


def test_every_page_forbids_framing_and_leaks_no_referrer(server):
    """The network page carries its own policy: framing is still refused (issue 19)."""
    for path in ("network", "", "resource?iri=" + BASE + "person/selenski-v"):
        r = requests.get(server.url + path, timeout=60)
        assert r.headers["Content-Type"].startswith("text/html"), (path, r.status_code)
        assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"], path
        assert r.headers["Referrer-Policy"] == "same-origin" and r.headers["X-Frame-Options"] == "DENY", path


def test_names_from_articles_are_bidi_isolated_and_wrap(server):
    """A name with U+202E reorders only itself; a 4,800-character name cannot widen the page. The
    rules live in the stylesheet every page links; the elements that show article text use them."""
    css = requests.get(server.url + "static/style.css", timeout=30).text
    rule = re.search(r"\n([^{}\n]+)\{ unicode-bidi: isolate; \}", css)
    assert rule, css[-400:]
    isolated = {s.strip() for s in rule.group(1).split(",")}
    assert {"a", "td", "li", "h1", "blockquote", ".lit", ".iri"} <= isolated
    assert re.search(r"body \{ overflow-wrap: anywhere; \}", css)
    html = requests.get(server.url + "resource", params={"iri": BASE + "person/selenski-v"}, timeout=60).text
    assert 'href="/static/style.css"' in html
