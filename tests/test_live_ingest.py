"""Live ingest: `newsgraph ingest --store http://…/sparql` into a running `newsgraph serve`, with the
update token as a Bearer token; the remote client's Basic credentials for other servers."""
from __future__ import annotations

import base64
import http.server
import threading
import time

import pytest
import requests

from conftest import run_cli
from test_endpoint_support import Server, build_store

TOKEN = "live-token"
TEXT = ("Der französische Präsident Emmanuel Macron hat am Montag in Paris Bundeskanzler Friedrich Merz "
        "empfangen. Macron sagte danach, die Gespräche seien gut gewesen.")
README_EXAMPLE = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_store(str(tmp_path_factory.mktemp("live") / "store"))
    with Server(store, "--update-token", TOKEN) as s:
        yield s


def _ingest(server, src, **env_extra):
    env = {k: None for k in ("NEWSGRAPH_STORE_TOKEN", "NEWSGRAPH_STORE_USER", "NEWSGRAPH_STORE_PASSWORD")}
    env.update(env_extra)
    return run_cli("ingest", "--store", server.sparql, "--quiet", str(src), env=env)


def _actors(server) -> set[str]:
    r = requests.get(server.url + "queries/actors", params={"limit": 0}, timeout=30)
    assert r.status_code == 200, r.text
    return {b["name"]["value"] for b in r.json()["results"]["bindings"]}


def test_ingest_into_a_running_server_with_the_update_token(server, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "paris.txt").write_text(f" date 2026-02-02 {TEXT}\n", encoding="utf-8")
    refused = _ingest(server, src)
    assert refused.returncode == 1 and "NEWSGRAPH_STORE_TOKEN" in refused.stderr, refused.stderr
    assert "Emmanuel Macron" not in _actors(server)

    done = _ingest(server, src, NEWSGRAPH_STORE_TOKEN=TOKEN)
    assert done.returncode == 0, done.stderr
    t0 = time.monotonic()
    while "Emmanuel Macron" not in _actors(server):
        assert time.monotonic() - t0 < 5, "the new article did not show in /queries/actors within 5 s"
        time.sleep(0.2)
    # the server's default graph is kept by the remote writer too: the new persons, once each
    r = requests.get(server.sparql, params={"query": README_EXAMPLE}, timeout=30)
    names = [b["name"]["value"] for b in r.json()["results"]["bindings"]]
    assert "Emmanuel Macron" in names and len(names) == len(set(names))
    assert "1 unchanged" in _ingest(server, src, NEWSGRAPH_STORE_TOKEN=TOKEN).stdout


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def _answer(self):
        self.seen.append(self.headers.get("Authorization"))
        self.send_response(401)
        self.send_header("WWW-Authenticate", "Basic")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("env,expected", [
    ({"NEWSGRAPH_STORE_TOKEN": "abc"}, "Bearer abc"),
    ({"NEWSGRAPH_STORE_USER": "ann", "NEWSGRAPH_STORE_PASSWORD": "pw"}, "Basic " + base64.b64encode(b"ann:pw").decode()),
])
def test_the_remote_client_sends_bearer_or_basic_credentials(monkeypatch, env, expected):
    from newsgraph.graph.store import StoreError, open_store
    for k in ("NEWSGRAPH_STORE_TOKEN", "NEWSGRAPH_STORE_USER", "NEWSGRAPH_STORE_PASSWORD"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    _Recorder.seen = []
    try:
        store = open_store(f"http://127.0.0.1:{httpd.server_port}/sparql")
        with pytest.raises(StoreError, match="refused"):
            store.query("ASK { ?s ?p ?o }")
        with pytest.raises(StoreError, match="refused"):
            store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        assert _Recorder.seen and set(_Recorder.seen) == {expected}
    finally:
        httpd.shutdown()


def test_token_and_basic_credentials_together_are_refused(monkeypatch):
    from newsgraph.graph.store import StoreError, open_store
    monkeypatch.setenv("NEWSGRAPH_STORE_TOKEN", "abc")
    monkeypatch.setenv("NEWSGRAPH_STORE_USER", "ann")
    with pytest.raises(StoreError, match="not both"):
        open_store("http://127.0.0.1:9/sparql")
