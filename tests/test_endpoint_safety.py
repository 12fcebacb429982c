"""SERVICE and LOAD never reach the store for anonymous requests: no outbound connection, however spelled."""
from __future__ import annotations

import itertools
import socket
import threading
import time

import pyoxigraph as ox
import pytest
import requests

from newsgraph.endpoint.safety import Refused, check, query_form

from test_endpoint_support import Server, build_store


class Listener:
    """A local HTTP 'server' that records every connection and answers 500 at once."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections: list[bytes] = []
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self._stop:
            try:
                c, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            c.settimeout(1)
            try:
                self.connections.append(c.recv(200))
                c.sendall(b"HTTP/1.1 500 no\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
            finally:
                c.close()

    def close(self):
        self._stop = True
        self.thread.join(2)
        self.sock.close()


@pytest.fixture
def listener():
    ln = Listener()
    yield ln
    ln.close()


def attacks(url: str) -> list[str]:
    """SERVICE spelled every way we know Oxigraph accepts, and some it might."""
    pre = f"PREFIX : <{url.rsplit('/', 1)[0]}/> PREFIX ex: <{url.rsplit('/', 1)[0]}/> "
    out = []
    for kw, sep, target in itertools.product(
            ["SERVICE", "service", "SeRvIcE"],
            [" ", "\n", "\t", "#c\n", "", " SILENT ", "SILENT", " silent\n"],
            [f"<{url}>", ":sparql", "ex:sparql", "?u"]):
        body = f"{kw}{sep}{target} {{ ?s ?p ?o }}"
        values = f"VALUES ?u {{ <{url}> }} " if target == "?u" else ""
        out.append(f"{pre}SELECT * WHERE {{ ?a ?b ?c {values}{body} }}")
    out += [
        # a naive scanner takes <?b&&'> for an IRI, then the real string '>' for the start of one
        f"SELECT * WHERE {{ BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b&&'>'!='') SERVICE <{url}> {{?s ?p ?o}} #'\n}}",
        f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ BIND("x" AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }} # "SERVICE in a comment"',
        f"SELECT * WHERE {{ ?a ?b ?c MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f'SELECT * WHERE {{ ?a ?b ?c . FILTER("""x\'\'""" != "y") SERVICE <{url}> {{ ?s ?p ?o }} }}',
    ]
    return out


BENIGN = [
    'SELECT * WHERE { ?c <http://schema.org/text> ?t FILTER(CONTAINS(?t, "secret service")) }',
    "SELECT * WHERE { ?s <http://example.org/service> ?o }",
    "SELECT ?service WHERE { ?service ?p ?o }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o }",
    "SELECT * WHERE { ?s ?p ?o } # we do not use SERVICE here",
    "SELECT * WHERE { ?s ?p 'Service' }",
    'SELECT * WHERE { ?s ?p """a\nSERVICE <http://x/> { ?s ?p ?o }\n""" }',
    "SELECT * WHERE { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s LIMIT 5",
]


def _run_in_oxigraph(q: str) -> None:
    s = ox.Store()
    s.add(ox.Quad(ox.NamedNode("http://a.example/s"), ox.NamedNode("http://a.example/p"), ox.Literal("o")))
    try:
        r = s.query(q)
        if not isinstance(r, ox.QueryBoolean):
            list(r)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass


def test_every_spelling_of_service_is_refused(listener):
    for q in attacks(listener.url):
        with pytest.raises(Refused):
            check(q)
    assert listener.connections == []


def test_the_attacks_are_real_oxigraph_does_connect(listener):
    """Control: without the check, Oxigraph makes requests for these, so the test above means something."""
    sample = [q for q in attacks(listener.url) if "SILENT" not in q.upper() and "?u" not in q][:6]
    sample.append(attacks(listener.url)[-9])  # the string trick
    for q in sample:
        _run_in_oxigraph(q)
    time.sleep(0.3)
    assert len(listener.connections) == len(sample), len(listener.connections)


def test_service_mentioned_harmlessly_is_allowed(listener):
    for q in BENIGN:
        check(q)  # no Refused
        _run_in_oxigraph(q)
    assert listener.connections == []


def test_unicode_escapes_and_unparseable_mentions_are_refused():
    with pytest.raises(Refused):
        check("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
    with pytest.raises(Refused, match="could not be checked"):
        # rdflib cannot parse it and the letters are there: refused rather than guessed at
        check("SELECT * WHERE { ?s ?p ?o } LATERAL-ish nonsense 'service'")


def test_load_is_refused_in_updates_unless_allowed():
    for u in ["LOAD <http://127.0.0.1:1/x.ttl>", "load\n<http://127.0.0.1:1/x.ttl> INTO GRAPH <http://g>",
              "LOAD SILENT <http://127.0.0.1:1/x.ttl>", "LoAd#x\n<http://127.0.0.1:1/x.ttl>",
              "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"]:
        with pytest.raises(Refused):
            check(u, update=True)
        check(u, update=True, allow_remote=True)
    check('INSERT DATA { <http://a.example/s> <http://a.example/p> "download" }', update=True)


def test_query_form():
    assert query_form("PREFIX a: <http://x/> SELECT * {}") == "select"
    assert query_form("# ASK\nCONSTRUCT WHERE {}") == "construct"
    assert query_form("INSERT DATA {}") == "update"
    assert query_form("PREFIX x: <http://y/> DELETE WHERE { ?s ?p ?o }") == "update"
    assert query_form("garbage") is None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_store(str(tmp_path_factory.mktemp("safe") / "store"))
    with Server(store) as s:
        yield s


def test_server_refuses_service_and_connects_nowhere(server, listener):
    for q in attacks(listener.url)[::7] + attacks(listener.url)[-9:]:
        for send in (lambda: requests.get(server.sparql, params={"query": q}, timeout=30),
                     lambda: requests.post(server.sparql, data=q.encode("utf-8"), timeout=30,
                                           headers={"Content-Type": "application/sparql-query"})):
            r = send()
            assert r.status_code == 403, (q, r.status_code, r.text)
            assert "SERVICE is not allowed" in r.text or "could not be checked" in r.text
    time.sleep(0.5)
    assert listener.connections == []
    r = requests.get(server.sparql, params={"query": BENIGN[0]}, timeout=30)
    assert r.status_code == 200


@pytest.mark.slow
def test_service_works_when_allowed(tmp_path, listener):
    """The control for the server test: with NEWSGRAPH_ALLOW_SERVICE=1 the same query does go out."""
    store = build_store(str(tmp_path / "store"))
    with Server(store, env={"NEWSGRAPH_ALLOW_SERVICE": "1"}) as s:
        r = requests.get(s.sparql, params={"query": f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> "
                                                     "{ ?s ?p ?o } }"}, timeout=30)
        assert r.status_code == 200, r.text
    assert listener.connections
