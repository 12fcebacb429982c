"""SPARQL Update through the endpoint (bearer token), the store lock against a concurrent ingest,
and a clean stop on SIGTERM."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from conftest import run_cli
from test_endpoint_safety import Listener
from test_endpoint_support import Server, build_store

TOKEN = "s3cret-token"
# GRAPH ?g: an update to a named graph is in that graph; the default graph is the merge that
# ingest keeps (graph/view.py), not a union that raw updates write through
PROBE = 'ASK { GRAPH ?g { <http://probe.example/s> <http://probe.example/p> "added" } }'
INSERT = 'INSERT DATA { GRAPH <http://probe.example/g> { <http://probe.example/s> <http://probe.example/p> "added" } }'


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    return build_store(str(tmp_path_factory.mktemp("upd") / "store"))


@pytest.fixture(scope="module")
def server(store_dir):
    with Server(store_dir, "--update-token", TOKEN) as s:
        yield s


def ask(server, q: str = PROBE) -> bool:
    r = requests.get(server.sparql, params={"query": q}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["boolean"]


def count(server) -> int:
    r = requests.get(server.sparql, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                     timeout=30)
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def post_update(server, text: str, token: str | None = None, form: bool = False, scheme: str = "Bearer"):
    headers = {"Authorization": f"{scheme} {token}"} if token is not None else {}
    if form:
        return requests.post(server.sparql, data={"update": text}, headers=headers, timeout=30)
    headers["Content-Type"] = "application/sparql-update"
    return requests.post(server.sparql, data=text.encode(), headers=headers, timeout=30)


def test_update_without_or_with_a_wrong_token_is_401_and_changes_nothing(server):
    before = count(server)
    for kwargs in ({}, {"token": "wrong"}, {"token": TOKEN[:-1]}, {"token": TOKEN, "scheme": "Basic"},
                   {"form": True}, {"form": True, "token": "wrong"}):
        r = post_update(server, INSERT, **kwargs)
        assert r.status_code == 401, (kwargs, r.status_code, r.text)
        assert r.headers["WWW-Authenticate"].startswith("Bearer")
        assert "Access-Control-Allow-Origin" not in r.headers
    r = post_update(server, "CLEAR ALL")
    assert r.status_code == 401
    assert not ask(server) and count(server) == before


def test_update_with_the_token_applies_and_queries_see_it(server):
    assert not ask(server)
    r = post_update(server, INSERT, token=TOKEN)
    assert r.status_code == 200, r.text
    assert ask(server)
    for _ in range(4):  # every worker reopened the store: each sees it
        assert ask(server)
    r = post_update(server, 'DELETE DATA { GRAPH <http://probe.example/g> { <http://probe.example/s> '
                            '<http://probe.example/p> "added" } }', token=TOKEN, form=True)
    assert r.status_code == 200, r.text
    assert not ask(server)


def test_service_description_lists_update_when_enabled(server):
    r = requests.get(server.sparql, headers={"Accept": "application/n-triples"}, timeout=30)
    assert "sparql-service-description#SPARQL11Update" in r.text


def test_malformed_update_is_400_with_position(server):
    r = post_update(server, "INSERT DATA { <http://a.example/s> <http://a.example/p> }", token=TOKEN)
    assert r.status_code == 400 and "error at 1:" in r.text


def test_drop_of_a_missing_graph_is_400_not_500(server):
    r = post_update(server, "DROP GRAPH <http://probe.example/never-there>", token=TOKEN)
    assert r.status_code == 400 and r.headers["Content-Type"].startswith("text/plain")
    assert "does not exist" in r.text and "SILENT" in r.text and len(r.text.splitlines()) == 1
    assert post_update(server, "DROP SILENT GRAPH <http://probe.example/never-there>", token=TOKEN).status_code == 200


def test_load_is_refused_even_with_the_token(server):
    ln = Listener()
    try:
        before = count(server)
        for text in (f"LOAD <{ln.url}>", f"load\n<{ln.url}> INTO GRAPH <http://probe.example/x>",
                     f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{ln.url}> {{ ?s ?p ?o }} }}"):
            r = post_update(server, text, token=TOKEN)
            assert r.status_code == 403, r.text
            assert "not allowed" in r.text
        time.sleep(0.3)
        assert ln.connections == [] and count(server) == before
    finally:
        ln.close()


def test_ingest_while_serving_fails_cleanly_and_the_store_still_answers(server, store_dir, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Wolodymyr Selenskyj traf Steve Witkoff in Miami.\n", encoding="utf-8")
    p = run_cli("ingest", "--store", store_dir, "--quiet", str(src))  # the server is another process
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert "in use" in p.stderr and "newsgraph ingest: error:" in p.stderr
    assert ask(server, 'ASK { ?a <http://schema.org/headline> "Talks in Miami"@de }')


def test_a_second_server_on_the_same_store_is_refused(store_dir, server):
    env = {k: v for k, v in os.environ.items() if k != "NEWSGRAPH_STORE"}
    p = subprocess.run([sys.executable, "-m", "newsgraph", "serve", "--store", store_dir, "--port", "0"],
                       capture_output=True, text=True, timeout=60, env=env)
    assert p.returncode == 2 and "in use" in p.stderr


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_stops_cleanly_with_the_workers_and_frees_the_store(tmp_path):
    store = build_store(str(tmp_path / "store"))
    s = Server(store)
    try:
        assert requests.get(s.sparql, params={"query": "ASK {}"}, timeout=30).status_code == 200
        workers = _children(s.proc.pid)
        assert len(workers) == 2
        assert s.stop(signal.SIGTERM) == 0
        assert "newsgraph: stopped" in s.log()
        time.sleep(0.2)
        assert not [w for w in workers if Path(f"/proc/{w}").exists() and
                    "Z" not in Path(f"/proc/{w}/stat").read_text().split()[2]]
    finally:
        s.__exit__(None, None, None)
    # the lock went with it: a writer can open the store again
    from newsgraph.graph.store import open_store
    open_store(store).close()


def test_sigterm_under_load_still_stops_promptly(tmp_path):
    import threading
    store = build_store(str(tmp_path / "store"))
    s = Server(store)
    stop = threading.Event()

    def client():
        while not stop.is_set():
            try:
                requests.get(s.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"}, timeout=5)
            except requests.RequestException:
                pass

    threads = [threading.Thread(target=client) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.5)
        t0 = time.monotonic()
        s.proc.send_signal(signal.SIGTERM)
        s.proc.wait(15)
        assert s.proc.returncode == 0 and time.monotonic() - t0 < 10
    finally:
        stop.set()
        for t in threads:
            t.join()
        s.__exit__(None, None, None)


def test_memory_store_is_served_from_a_throwaway_directory():
    """`--store memory:` gives an empty store in a temporary directory (workers are processes and
    need something to open); updates fill it; it is deleted when the server stops."""
    import tempfile
    before = {p.name for p in Path(tempfile.gettempdir()).glob("newsgraph-serve-*") if p.is_dir()}
    with Server("memory:", "--update-token", TOKEN) as s:
        assert not ask(s)
        assert post_update(s, INSERT, token=TOKEN).status_code == 200
        assert ask(s)
        during = {p.name for p in Path(tempfile.gettempdir()).glob("newsgraph-serve-*") if p.is_dir()}
        assert during - before
    after = {p.name for p in Path(tempfile.gettempdir()).glob("newsgraph-serve-*") if p.is_dir()}
    assert not (after - before)


def test_serving_a_missing_store_says_so(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NEWSGRAPH_STORE"}
    p = subprocess.run([sys.executable, "-m", "newsgraph", "serve", "--store", str(tmp_path / "nothing"),
                        "--port", "0"], capture_output=True, text=True, timeout=60, env=env)
    assert p.returncode == 2 and "no store at" in p.stderr and "ingest" in p.stderr
