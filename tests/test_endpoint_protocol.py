"""The SPARQL 1.1 Protocol as real clients speak it, against the real `newsgraph serve`."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
import requests
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import Namespace

from test_endpoint_support import BASE, Server, build_store

SDO = Namespace("http://schema.org/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
NAMES = "SELECT ?name WHERE { ?e a schema:Person ; schema:name ?name } ORDER BY ?name"
ALL_NAMES = {"Bob Builder", "Eve <b>Mallory</b>", "Marco Rubio", "Sergej Lawrow", "Steve Witkoff",
             "Wolodymyr Selenskyj"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_store(str(tmp_path_factory.mktemp("ep") / "store"))
    with Server(store) as s:
        yield s


def _names(data: dict) -> set[str]:
    return {b["name"]["value"] for b in data["results"]["bindings"]}


def _charset(resp) -> None:
    assert "charset=utf-8" in resp.headers.get("Content-Type", ""), (resp.status_code, resp.headers)


# ------------------------------------------------------------------ real clients
def test_sparqlwrapper_select_in_json_xml_csv_tsv(server):
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery("PREFIX schema: <http://schema.org/>\n" + NAMES)
    sw.setReturnFormat(JSON)
    assert _names(sw.query().convert()) == ALL_NAMES
    sw.setReturnFormat(XML)
    doc = sw.query().convert()  # an xml.dom document
    lits = {n.firstChild.data for n in doc.getElementsByTagName("literal")}
    assert lits == ALL_NAMES
    sw.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(sw.query().convert().decode("utf-8"))))
    assert rows[0] == ["name"] and {r[0] for r in rows[1:]} == ALL_NAMES
    sw.setReturnFormat(TSV)
    lines = sw.query().convert().decode("utf-8").splitlines()
    assert lines[0] == "?name" and '"Steve Witkoff"' in lines


def test_sparqlwrapper_ask_construct_and_post(server):
    from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery('ASK { ?p <http://schema.org/name> "Steve Witkoff" }')
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True
    sw.setReturnFormat(XML)
    assert sw.query().convert().getElementsByTagName("boolean")[0].firstChild.data == "true"
    sw.setQuery("CONSTRUCT { ?e <http://schema.org/name> ?n } WHERE { ?e a <http://schema.org/Person> ; "
                "<http://schema.org/name> ?n }")
    sw.setReturnFormat(XML)  # CONSTRUCT + XML: RDF/XML, parsed into an rdflib Graph
    g = sw.query().convert()
    assert {str(o) for o in g.objects(None, SDO.name)} == ALL_NAMES
    sw.setReturnFormat(TURTLE)
    g2 = Graph().parse(data=sw.query().convert(), format="turtle")
    assert len(g2) == len(g) == len(ALL_NAMES)
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    sw.setQuery("PREFIX schema: <http://schema.org/>\n" + NAMES)
    assert _names(sw.query().convert()) == ALL_NAMES


def test_rdflib_sparqlstore(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    g = Graph(store=SPARQLStore(server.sparql))
    rows = list(g.query("PREFIX schema: <http://schema.org/>\n" + NAMES))
    assert {str(r[0]) for r in rows} == ALL_NAMES
    assert {str(o) for s, p, o in g.triples((None, SDO.name, None))} >= ALL_NAMES
    assert bool(g.query('ASK { ?s <http://schema.org/headline> "Talks in Miami"@de }').askAnswer)
    assert "Gespräche in Riad" in {str(o) for o in g.objects(None, SDO.headline)}


# ------------------------------------------------------------------ the three ways to send a query
def test_get_form_post_and_direct_post_agree(server):
    q = "PREFIX schema: <http://schema.org/>\n" + NAMES
    a = requests.get(server.sparql, params={"query": q}, timeout=30)
    b = requests.post(server.sparql, data={"query": q}, timeout=30)
    c = requests.post(server.sparql, data=q.encode(), headers={"Content-Type": "application/sparql-query"},
                      timeout=30)
    d = requests.post(server.sparql, data=q.encode(), timeout=30,
                      headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    for r in (a, b, c, d):
        assert r.status_code == 200, r.text
        assert r.headers["Content-Type"] == "application/sparql-results+json; charset=utf-8"
        assert _names(r.json()) == ALL_NAMES


def test_predefined_prefixes_work_without_declarations(server):
    r = requests.get(server.sparql, params={"query": NAMES}, timeout=30)
    assert r.status_code == 200 and _names(r.json()) == ALL_NAMES


# ------------------------------------------------------------------ content negotiation
@pytest.mark.parametrize("accept,ctype", [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_negotiation(server, accept, ctype):
    headers = {"Accept": accept} if accept else {}
    r = requests.get(server.sparql, params={"query": NAMES}, headers=headers, timeout=30)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == ctype + "; charset=utf-8"
    if ctype.endswith("json"):
        assert _names(r.json()) == ALL_NAMES
    elif ctype.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(r.content)
        assert {e.text for e in root.iterfind(".//r:literal", ns)} == ALL_NAMES
    elif ctype == "text/csv":
        assert r.content.startswith(b"name\r\n")
        assert {row[0] for row in csv.reader(io.StringIO(r.text))} - {"name"} == ALL_NAMES
    else:
        assert r.text.splitlines()[0] == "?name"


@pytest.mark.parametrize("accept,ctype,rdflib_format", [
    (None, "text/turtle", "turtle"),
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/trig", "application/trig", "trig"),
])
def test_construct_negotiation(server, accept, ctype, rdflib_format):
    q = "CONSTRUCT { ?e schema:name ?n } WHERE { ?e a schema:Person ; schema:name ?n }"
    headers = {"Accept": accept} if accept else {}
    r = requests.get(server.sparql, params={"query": q}, headers=headers, timeout=30)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == ctype + "; charset=utf-8"
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert {str(o) for o in g.objects(None, SDO.name)} == ALL_NAMES


def test_describe_returns_the_resource_once(server):
    r = requests.get(server.sparql, params={"query": f"DESCRIBE <{BASE}person/selenski-v>"}, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    assert g.value(URIRef(f"{BASE}person/selenski-v"), SDO.name) == Literal("Wolodymyr Selenskyj")


@pytest.mark.parametrize("fmt,ctype", [("json", "application/sparql-results+json"),
                                       ("xml", "application/sparql-results+xml"), ("csv", "text/csv"),
                                       ("tsv", "text/tab-separated-values"), ("text/csv", "text/csv")])
def test_format_parameter_beats_accept(server, fmt, ctype):
    r = requests.get(server.sparql, params={"query": NAMES, "format": fmt},
                     headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"] == ctype + "; charset=utf-8"


def test_format_parameter_for_graphs(server):
    q = "CONSTRUCT { ?e schema:name ?n } WHERE { ?e schema:name ?n }"
    for fmt, ctype in [("turtle", "text/turtle"), ("ntriples", "application/n-triples"),
                       ("jsonld", "application/ld+json"), ("json", "application/ld+json"),
                       ("rdfxml", "application/rdf+xml"), ("xml", "application/rdf+xml"), ("trig", "application/trig")]:
        r = requests.get(server.sparql, params={"query": q, "format": fmt}, timeout=30)
        assert r.status_code == 200 and r.headers["Content-Type"] == ctype + "; charset=utf-8", (fmt, r.text)


def test_unavailable_formats_are_refused_clearly(server):
    r = requests.get(server.sparql, params={"query": NAMES}, headers={"Accept": "image/png"}, timeout=30)
    assert r.status_code == 406 and "application/sparql-results+json" in r.text
    _charset(r)
    r = requests.get(server.sparql, params={"query": NAMES, "format": "turtle"}, timeout=30)
    assert r.status_code == 400 and "SELECT/ASK" in r.text
    r = requests.get(server.sparql, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "csv"}, timeout=30)
    assert r.status_code == 400 and "CONSTRUCT/DESCRIBE" in r.text


# ------------------------------------------------------------------ errors
def test_malformed_query_says_what_and_where(server):
    r = requests.get(server.sparql, params={"query": "SELECT * WHERE {\n  ?s ?p \n}"}, timeout=30)
    assert r.status_code == 400
    _charset(r)
    assert "error at 3:" in r.text and "expected" in r.text
    assert "line 3" in r.text and "^" in r.text
    assert r.text.startswith("malformed query at line 3, column ")


def test_unknown_prefix_is_one_readable_line(server):
    r = requests.get(server.sparql, params={"query": "SELECT ?n WHERE {\n\t?p foaf:name ?n }"}, timeout=30)
    assert r.status_code == 400
    first, where, caret = r.text.splitlines()
    assert first.startswith("malformed query at line 2, column ") and 'unknown prefix "foaf:"' in first
    assert "\\u" not in r.text and "'" not in first  # no Unicode ranges, no character classes
    assert where == "  line 2: \t?p foaf:name ?n }"
    assert caret.index("^") == len("  line 2: \t?p foaf:name")  # under the end of the name (tab kept)


@pytest.mark.parametrize("method,kwargs,needle", [
    ("get", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, "2 query parameters"),
    ("post", {"data": [("query", "ASK {}"), ("query", "ASK {}")]}, "2 query parameters"),
    ("post", {"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, "not both"),
    ("get", {"params": {"update": "CLEAR ALL"}}, "only accepted by POST"),
    ("get", {"params": {"query": "   "}}, "empty"),
    ("get", {"params": {"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}}, "SPARQL Update, not a query"),
    ("post", {"data": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, "unsupported Content-Type"),
    ("post", {"data": b"ASK {}", "params": {"query": "ASK {}"},
              "headers": {"Content-Type": "application/sparql-query"}}, "request body"),
    ("post", {"data": "ASK {}".encode("utf-16"), "headers": {"Content-Type": "application/sparql-query"}},
     "not valid utf-8"),
    ("get", {"params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}, "not an absolute IRI"),
])
def test_protocol_errors(server, method, kwargs, needle):
    r = getattr(requests, method)(server.sparql, timeout=30, **kwargs)
    assert r.status_code in (400, 415), (r.status_code, r.text)
    assert needle in r.text
    _charset(r)


def test_updates_are_refused_when_disabled_and_nothing_changes(server):
    before = requests.get(server.sparql, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                          timeout=30).json()
    for kwargs in ({"data": {"update": "CLEAR ALL"}},
                   {"data": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}},
                   {"data": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update",
                                                      "Authorization": "Bearer guess"}}):
        r = requests.post(server.sparql, timeout=30, **kwargs)
        assert r.status_code == 403 and "updates are disabled" in r.text
        assert "Access-Control-Allow-Origin" not in r.headers
    after = requests.get(server.sparql, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                         timeout=30).json()
    assert before == after


def test_request_body_over_the_limit_is_413(server):
    big = "ASK {}" + " " * (1 << 20)
    r = requests.post(server.sparql, data=big.encode(), headers={"Content-Type": "application/sparql-query"},
                      timeout=60)
    assert r.status_code == 413 and "limit is 1048576 bytes" in r.text
    _charset(r)
    r = requests.post(server.sparql, data={"query": big}, timeout=60)
    assert r.status_code == 413
    assert requests.get(server.sparql, params={"query": "ASK {}"}, timeout=30).status_code == 200


# ------------------------------------------------------------------ dataset
def _article(server, title: str) -> str:
    r = requests.get(server.sparql, params={"query": f'SELECT ?a WHERE {{ ?a schema:headline ?h FILTER(STR(?h) = "{title}") }}'},
                     timeout=30)
    return r.json()["results"]["bindings"][0]["a"]["value"]


def test_default_and_named_graph_uris_are_honoured(server):
    miami = _article(server, "Talks in Miami")
    riad = _article(server, "Gespräche in Riad")
    q = "SELECT ?h WHERE { ?a schema:headline ?h }"
    r = requests.get(server.sparql, params={"query": q, "default-graph-uri": miami}, timeout=30)
    assert [b["h"]["value"] for b in r.json()["results"]["bindings"]] == ["Talks in Miami"]
    r = requests.post(server.sparql, data={"query": q, "default-graph-uri": [miami, riad]}, timeout=30)
    assert {b["h"]["value"] for b in r.json()["results"]["bindings"]} == {"Talks in Miami", "Gespräche in Riad"}
    q2 = "SELECT ?g ?h WHERE { GRAPH ?g { ?a schema:headline ?h } }"
    r = requests.post(server.sparql, params={"named-graph-uri": riad}, data=q2.encode(),
                      headers={"Content-Type": "application/sparql-query"}, timeout=30)
    rows = r.json()["results"]["bindings"]
    assert [(b["g"]["value"], b["h"]["value"]) for b in rows] == [(riad, "Gespräche in Riad")]
    # only named graphs given: the default graph is empty
    r = requests.get(server.sparql, params={"query": q, "named-graph-uri": riad}, timeout=30)
    assert r.json()["results"]["bindings"] == []


def test_from_and_from_named_are_honoured_and_the_default_graph_gives_each_fact_once(server):
    miami = _article(server, "Talks in Miami")
    r = requests.get(server.url + "rdf-graphs", params={"graph": miami}, headers={"Accept": "application/n-triples"},
                     timeout=30)
    size = len([line for line in r.text.splitlines() if line.strip()])
    q = f"SELECT (COUNT(*) AS ?n) FROM <{miami}> WHERE {{ ?s ?p ?o }}"
    r = requests.get(server.sparql, params={"query": q}, timeout=30)
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == size
    q = f"SELECT DISTINCT ?g FROM NAMED <{miami}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    r = requests.get(server.sparql, params={"query": q}, timeout=30)
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [miami]
    # the README example: one row per person, no DISTINCT needed
    r = requests.get(server.sparql, params={"query": NAMES}, timeout=30)
    names = [b["name"]["value"] for b in r.json()["results"]["bindings"]]
    assert sorted(names) == sorted(ALL_NAMES)
    # default-graph-uri alone: the named graphs are none (SPARQL 1.1 Protocol 2.1.4)
    r = requests.get(server.sparql, params={"query": "ASK { GRAPH ?g { ?s ?p ?o } }", "default-graph-uri": miami},
                     timeout=30)
    assert r.json()["boolean"] is False


# ------------------------------------------------------------------ service description, GSP
def test_service_description(server):
    r = requests.get(server.sparql, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/turtle; charset=utf-8"
    g = Graph().parse(data=r.text, format="turtle")
    svc = g.value(predicate=SD.endpoint, object=URIRef(server.sparql), any=False)
    assert svc is not None
    assert (svc, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (svc, SD.supportedLanguage, SD.SPARQL11Update) not in g  # no token: no updates
    assert (svc, SD.resultFormat, URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in g
    ds = g.value(svc, SD.defaultDataset)
    assert ds is not None and g.value(ds, SD.defaultGraph) is not None
    r = requests.get(server.sparql, headers={"Accept": "application/ld+json"}, timeout=30)
    assert r.headers["Content-Type"] == "application/ld+json; charset=utf-8"
    assert len(Graph().parse(data=r.text, format="json-ld")) == len(g)
    r = requests.get(server.sparql, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
                     allow_redirects=False, timeout=30)
    assert r.status_code == 303 and r.headers["Location"].endswith("/")


def test_graph_store_protocol_read(server):
    miami = _article(server, "Talks in Miami")
    r = requests.get(server.url + "rdf-graphs", params={"graph": miami}, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/turtle; charset=utf-8"
    g = Graph().parse(data=r.text, format="turtle")
    assert str(g.value(URIRef(miami), SDO.headline)) == "Talks in Miami"
    assert "Gespräche in Riad" not in {str(o) for o in g.objects(None, SDO.headline)}
    r = requests.get(server.url + "rdf-graphs", params={"graph": miami}, headers={"Accept": "application/trig"},
                     timeout=30)
    assert r.headers["Content-Type"] == "application/trig; charset=utf-8"
    from rdflib import Dataset
    ds = Dataset().parse(data=r.text, format="trig")
    assert URIRef(miami) in {c.identifier for c in ds.graphs()}
    r = requests.get(server.url + "rdf-graphs?default", timeout=30)
    g = Graph().parse(data=r.text, format="turtle")
    assert {str(o) for o in g.objects(None, SDO.headline)} >= {"Talks in Miami", "Gespräche in Riad"}
    r = requests.get(server.url + "rdf-graphs", params={"graph": "https://example.org/nothing"}, timeout=30)
    assert r.status_code == 404 and "no graph" in r.text
    _charset(r)
    assert requests.get(server.url + "rdf-graphs", timeout=30).status_code == 400


# ------------------------------------------------------------------ CORS, headers, log
def test_cors_for_reads_and_preflight(server):
    r = requests.get(server.sparql, params={"query": "ASK {}"}, headers={"Origin": "https://elsewhere.example"},
                     timeout=30)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Newsgraph-Truncated" in r.headers["Access-Control-Expose-Headers"]
    r = requests.options(server.sparql, headers={"Origin": "https://elsewhere.example",
                                                 "Access-Control-Request-Method": "POST",
                                                 "Access-Control-Request-Headers": "content-type"}, timeout=30)
    assert r.status_code in (200, 204)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert "content-type" in r.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" not in r.headers["Access-Control-Allow-Headers"].lower()


def test_every_response_has_a_content_type_with_charset(server):
    urls = [server.url, server.sparql, server.sparql + "?query=ASK%7B%7D", server.sparql + "?query=bad",
            server.url + "queries", server.url + "queries/actors", server.url + "queries/nope",
            server.url + "nope", server.url + "static/style.css", server.url + "static/query.js",
            server.url + "resource?iri=" + BASE + "person/selenski-v", server.url + "resource",
            server.url + "rdf-graphs?default", server.url + "health"]
    for u in urls:
        r = requests.get(u, timeout=30)
        _charset(r)
        assert r.headers["X-Content-Type-Options"] == "nosniff"
    r = requests.options(server.sparql, timeout=30)
    _charset(r)
    r = requests.put(server.sparql, data=b"x", timeout=30)
    assert r.status_code == 405
    _charset(r)


def test_row_limit_is_announced(server):
    r = requests.get(server.sparql, params={"query": NAMES}, timeout=30)
    assert r.headers["X-Newsgraph-Row-Limit"] == "10000"
    assert r.headers["X-Newsgraph-Rows"] == str(len(r.json()["results"]["bindings"]))
    assert "X-Newsgraph-Truncated" not in r.headers


def test_one_log_line_per_request(server):
    marker = "logmarker12345"
    for i in range(3):
        requests.get(server.sparql, params={"query": f"ASK {{}} # {marker}{i}"}, timeout=30)
    log = server.log()
    for i in range(3):
        lines = [ln for ln in log.splitlines() if f"{marker}{i}" in ln]
        assert len(lines) == 1, lines
        assert '"GET /sparql?query=' in lines[0] and " 200 " in lines[0]


# ------------------------------------------------------------------ named queries
def test_named_queries_list_and_run(server):
    r = requests.get(server.url + "queries", timeout=30)
    names = {q["name"] for q in r.json()}
    assert {"actors", "meetings", "claims-by-actor"} <= names
    r = requests.get(server.url + "queries/meetings", params={"actor": "Witkoff"}, timeout=30)
    assert r.status_code == 200
    rows = r.json()["results"]["bindings"]
    assert rows and all("Witkoff" in b["attendees"]["value"] for b in rows)
    r = requests.get(server.url + "queries/meetings", params={"actor": "Witkoff", "format": "csv"}, timeout=30)
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    r = requests.get(server.url + "queries/meetings", params={"nope": "x"}, timeout=30)
    assert r.status_code == 400 and "no parameter 'nope'" in r.text
    r = requests.get(server.url + "queries/claims-by-actor", timeout=30)
    assert r.status_code == 400 and "needs the parameter actor" in r.text
    # a value is bound as a literal, never spliced into the text
    r = requests.get(server.url + "queries/meetings", params={"actor": '"} } SELECT * WHERE { ?s ?p ?o'},
                     timeout=30)
    assert r.status_code == 200 and r.json()["results"]["bindings"] == []


def test_own_iris_dereference(server):
    r = requests.get(server.url + "id/person/selenski-v", timeout=30)
    assert r.status_code == 200 and "Wolodymyr Selenskyj" in r.text
    r = requests.get(server.url + "id/person/selenski-v", headers={"Accept": "text/turtle"}, timeout=30)
    assert r.headers["Content-Type"] == "text/turtle; charset=utf-8"
    g = Graph().parse(data=r.text, format="turtle")
    assert g.value(URIRef(BASE + "person/selenski-v"), SDO.name) == Literal("Wolodymyr Selenskyj")
    assert requests.get(server.url + "id/person/nobody", timeout=30).status_code == 404


def test_named_queries_page_through_limit_and_offset(server):
    every = requests.get(server.url + "queries/actors", params={"limit": "0"}, timeout=30).json()
    rows = [b["actor"]["value"] for b in every["results"]["bindings"]]
    assert len(rows) >= 3
    first = requests.get(server.url + "queries/actors", params={"limit": "2"}, timeout=30).json()
    second = requests.get(server.url + "queries/actors", params={"limit": "2", "offset": "2"}, timeout=30).json()
    paged = [b["actor"]["value"] for b in first["results"]["bindings"] + second["results"]["bindings"]]
    assert len(paged) == min(4, len(rows)) and set(paged) <= set(rows) and len(set(paged)) == len(paged)
    listed = {q["name"]: [p["name"] for p in q["params"]] for q in requests.get(server.url + "queries", timeout=30).json()}
    assert "limit" in listed["actors"] and "limit" not in listed["evidence"]
    r = requests.get(server.url + "queries/actors", params={"limit": "many"}, timeout=30)
    assert r.status_code == 400 and "limit must be a whole number" in r.text
    r = requests.get(server.url + "queries/evidence", params={"resource": BASE + "x", "limit": "5"}, timeout=30)
    assert r.status_code == 400 and "no parameter 'limit'" in r.text
