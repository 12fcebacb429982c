"""Time and row limits: a runaway query is stopped (its worker killed) while others keep being answered."""
from __future__ import annotations

import threading
import time

import pytest
import requests

from test_endpoint_support import Server, build_store

EXPENSIVE = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
             "FILTER(STR(?c) != STR(?l)) }")  # all triples x4: ~10^11 rows here
CHEAP = 'ASK { ?a <http://schema.org/headline> "Talks in Miami"@de }'


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_store(str(tmp_path_factory.mktemp("lim") / "store"))
    with Server(store, "--query-timeout", "1.5", env={"NEWSGRAPH_MAX_ROWS": "5",
                                                      "NEWSGRAPH_QUERY_WORKERS": "2"}) as s:
        yield s


def test_runaway_query_is_stopped_and_others_are_answered_meanwhile(server):
    answers, errors = [], []
    stop = threading.Event()

    def other_client():
        while not stop.is_set():
            try:
                r = requests.get(server.sparql, params={"query": CHEAP}, timeout=30)
                answers.append((time.monotonic(), r.status_code, r.json()["boolean"]))
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)
            time.sleep(0.05)

    t = threading.Thread(target=other_client)
    t.start()
    try:
        t0 = time.monotonic()
        r = requests.get(server.sparql, params={"query": EXPENSIVE}, timeout=60)
        elapsed = time.monotonic() - t0
    finally:
        time.sleep(0.3)
        stop.set()
        t.join()
    assert r.status_code == 504, r.text
    assert "exceeded the 1.5 s limit" in r.text
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert elapsed < 10
    during = [a for a in answers if t0 < a[0] < t0 + elapsed]
    assert not errors
    assert len(during) >= 3 and all(code == 200 and ok for _, code, ok in during), answers
    # and after: the killed worker is replaced, the server answers as before
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        h = requests.get(server.url + "health", timeout=30).json()
        if h["workers"] == 2:
            break
        time.sleep(0.2)
    assert h["workers"] == 2 and h["killed"] >= 1
    assert requests.get(server.sparql, params={"query": CHEAP}, timeout=30).json()["boolean"] is True


def test_two_runaways_at_once_do_not_stop_the_server(server):
    results = []

    def run():
        results.append(requests.get(server.sparql, params={"query": EXPENSIVE}, timeout=60))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.status_code for r in results) in ([504, 504], [503, 504])
    r = requests.get(server.sparql, params={"query": CHEAP}, timeout=60)
    assert r.status_code == 200


def test_row_cap_cuts_results_and_says_so(server):
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    r = requests.get(server.sparql, params={"query": q}, timeout=30)
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 5
    assert r.headers["X-Newsgraph-Truncated"] == "true"
    assert r.headers["X-Newsgraph-Row-Limit"] == "5"
    assert "row limit" in r.headers["Warning"]
    r = requests.get(server.sparql, params={"query": q, "format": "csv"}, timeout=30)
    assert len(r.text.strip().splitlines()) == 6
    r = requests.get(server.sparql, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "ntriples"},
                     timeout=30)
    assert len(r.text.strip().splitlines()) <= 5 and r.headers["X-Newsgraph-Truncated"] == "true"
    r = requests.get(server.sparql, params={"query": q + " LIMIT 3"}, timeout=30)
    assert "X-Newsgraph-Truncated" not in r.headers


def test_a_worker_that_died_is_replaced_without_failing_requests(server):
    import os
    import signal
    from pathlib import Path
    kids = []
    for task in Path(f"/proc/{server.proc.pid}/task").iterdir():
        kids += [int(x) for x in (task / "children").read_text().split()]
    assert kids
    os.kill(kids[0], signal.SIGKILL)
    time.sleep(0.2)
    for _ in range(6):
        r = requests.get(server.sparql, params={"query": CHEAP}, timeout=30)
        assert r.status_code == 200, r.text


@pytest.mark.slow
def test_a_memory_bomb_kills_only_its_worker(tmp_path):
    store = build_store(str(tmp_path / "store"))
    bomb = ("SELECT (GROUP_CONCAT(CONCAT(STR(?c), STR(?f), STR(?i))) AS ?x) "
            "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    with Server(store, "--query-timeout", "30", env={"NEWSGRAPH_WORKER_MEMORY_MB": "300"}) as s:
        t0 = time.monotonic()
        r = requests.get(s.sparql, params={"query": bomb}, timeout=60)
        assert r.status_code == 503, r.text
        assert "out of memory" in r.text and "300 MB" in r.text
        assert time.monotonic() - t0 < 25
        assert requests.get(s.sparql, params={"query": CHEAP}, timeout=30).json()["boolean"] is True
