"""The update path under faults (issue 19, part 3): updates run in a child process with a time
limit, a crash in the parser costs the child and not the server, and the store stays the
server's for its whole life, also in the moment an update hands RocksDB's lock over."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

import pytest
import requests

from test_endpoint_support import Server, build_store

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def count(server) -> int:
    r = requests.get(server.sparql, params={"query": COUNT}, timeout=30)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def update(server, text: str, timeout: float = 60):
    return requests.post(server.sparql, data=text.encode(), headers=AUTH, timeout=timeout)


def insert(n: int) -> str:
    return f'INSERT DATA {{ GRAPH <urn:race> {{ <urn:s{n}> <urn:p> "{n}" }} }}'


@pytest.mark.slow
@pytest.mark.faults
def test_no_other_writer_gets_the_store_between_updates(tmp_path):
    """A process that keeps trying to open the store for writing, beside 25 updates: it never
    succeeds, every update applies, and the server still holds the store afterwards."""
    store = build_store(str(tmp_path / "store"))
    with Server(store, "--update-token", TOKEN) as server:
        grabber = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
            import time
            from newsgraph.graph.store import StoreError, open_store
            got = tried = 0
            end = time.monotonic() + 60
            while time.monotonic() < end and tried < 10_000_000:
                tried += 1
                try:
                    open_store({store!r}).close()
                    got += 1
                except StoreError:
                    pass
                import os
                if os.path.exists({str(tmp_path / 'stop')!r}):
                    break
            print(got, tried)
        """)], stdout=subprocess.PIPE, text=True)
        try:
            before = count(server)
            codes = [update(server, insert(n)).status_code for n in range(25)]
        finally:
            (tmp_path / "stop").write_text("")
            out, _ = grabber.communicate(timeout=60)
        got, tried = map(int, out.split())
        print(f"grabber: {got} of {tried} write opens succeeded; updates: {codes.count(200)} of 25 applied")
        assert got == 0 and tried > 25
        assert codes == [200] * 25
        assert count(server) == before + 25
        # and still ours: more updates apply, an ingest is refused
        assert update(server, insert(99)).status_code == 200
        proc = subprocess.run([sys.executable, "-m", "newsgraph", "ingest", "--store", store, str(tmp_path)],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2 and "in use by another process" in proc.stderr


@pytest.mark.slow
@pytest.mark.faults
def test_a_runaway_update_is_stopped_at_its_limit_and_changes_nothing(tmp_path):
    store = build_store(str(tmp_path / "store"))
    with Server(store, "--update-token", TOKEN, "--query-timeout", "3",
                env={"NEWSGRAPH_UPDATE_TIMEOUT": "2"}) as server:
        before = count(server)
        answers = []
        stop = threading.Event()

        def reader():
            while not stop.is_set():
                t0 = time.monotonic()
                r = requests.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
                answers.append((r.status_code, time.monotonic() - t0))
                time.sleep(0.05)

        t = threading.Thread(target=reader)
        t.start()
        try:
            t0 = time.monotonic()
            r = update(server, "INSERT { GRAPH <urn:boom> { ?a <urn:p> ?d } } WHERE { GRAPH ?x { ?a ?b ?c } "
                               "GRAPH ?y { ?d ?e ?f } GRAPH ?z { ?g ?h ?i } FILTER(STR(?c) != STR(?i)) }")
            took = time.monotonic() - t0
        finally:
            time.sleep(0.5)
            stop.set()
            t.join(60)
        assert r.status_code == 504 and "nothing was changed" in r.text, r.text
        assert took < 8
        assert count(server) == before
        # reads waited at most their own limit (3 s) while the update held the store
        assert all(code in (200, 503) and took_ < 3 + 2 for code, took_ in answers), answers
        assert answers[-1][0] == 200
        assert update(server, insert(1)).status_code == 200 and count(server) == before + 1


@pytest.mark.faults
def test_a_crash_in_the_update_parser_costs_the_child_not_the_server(tmp_path):
    """With the nesting precheck switched off, 10,000 nested groups overflow Oxigraph's stack:
    the update process dies, the server answers 500 and keeps serving reads and updates."""
    store = build_store(str(tmp_path / "store"))
    with Server(store, "--update-token", TOKEN, env={"NEWSGRAPH_MAX_NESTING": "1000000"}) as server:
        before = count(server)
        r = update(server, "INSERT { <urn:a> <urn:b> <urn:c> } WHERE " + "{" * 10000 + "}" * 10000)
        assert r.status_code in (400, 500), r.text  # 400 if some layer refused it, 500 if the child died
        assert server.proc.poll() is None
        assert count(server) == before
        assert update(server, insert(1)).status_code == 200 and count(server) == before + 1


@pytest.mark.slow
@pytest.mark.faults
def test_kill_9_of_the_server_mid_update_leaves_the_store_whole_and_free(tmp_path):
    """The update's process dies with the server (its transaction never commits): the store opens,
    holds what it held before, and takes the next writer."""
    import signal

    from newsgraph.graph.store import StoreError, open_store

    store = build_store(str(tmp_path / "store"))
    with open_store(store, read_only=True) as s:
        before = len(s.query(COUNT.replace("(COUNT(*) AS ?n)", "?s ?p ?o")).rows)
    server = Server(store, "--update-token", TOKEN, env={"NEWSGRAPH_UPDATE_TIMEOUT": "120"})
    try:
        t = threading.Thread(target=lambda: _quietly(update, server, "INSERT { GRAPH <urn:boom> { ?a <urn:p> ?d } } "
                             "WHERE { GRAPH ?x { ?a ?b ?c } GRAPH ?y { ?d ?e ?f } GRAPH ?z { ?g ?h ?i } }"))
        t.start()
        time.sleep(2.0)
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait(10)
        t.join(30)
    finally:
        server.stop()
    deadline = time.monotonic() + 15
    while True:  # the update's process follows its parent (PR_SET_PDEATHSIG) and frees the store
        try:
            writer = open_store(store)
            break
        except StoreError:
            assert time.monotonic() < deadline, "the store stayed locked after the server was killed"
            time.sleep(0.2)
    with writer:
        after = len(writer.query(COUNT.replace("(COUNT(*) AS ?n)", "?s ?p ?o")).rows)
        assert not writer.query("ASK { GRAPH <urn:boom> { ?s ?p ?o } }").boolean
    print(f"quads before {before}, after the kill {after}")
    assert after == before


def _quietly(fn, *args):
    try:
        fn(*args)
    except requests.RequestException:
        pass  # the server was killed under it: expected


@pytest.mark.slow
@pytest.mark.faults
def test_kill_9_at_random_points_of_a_live_ingest_loses_nothing(tmp_path):
    """kill -9 of the server at random moments while `newsgraph ingest --store URL` sends it one
    update per article: the store opens, what it held before is all there, every article is
    whole or absent, and the index equals what reindex builds; an ingest afterwards completes it."""
    import os
    import random
    import shutil
    import signal

    from conftest import SEEDS, run_cli
    from test_index_consistency import article_quads, equals_its_reindex

    from newsgraph.graph.store import StoreError, open_store

    src = tmp_path / "src"
    src.mkdir()
    for f in sorted(SEEDS.glob("*.txt"))[:6]:
        shutil.copy(f, src / f.name)
    original = build_store(str(tmp_path / "original"))
    with open_store(original, read_only=True) as s:
        before = article_quads(s)
    env = {**os.environ, "NEWSGRAPH_STORE_TOKEN": TOKEN}

    def live_ingest(store: str, kill_after: float | None) -> tuple[float, bool]:
        """(seconds from the first update to the end or the kill, whether the server was killed)."""
        server = Server(store, "--update-token", TOKEN)
        try:
            proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "ingest", "--quiet", "--store",
                                     server.sparql, str(src)], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 120
            while "POST /sparql" not in server.log():  # the first update has landed
                assert proc.poll() is None and time.monotonic() < deadline, server.log()
                time.sleep(0.01)
            t0 = time.monotonic()
            if kill_after is None:
                assert proc.wait(300) == 0
                return time.monotonic() - t0, False
            while time.monotonic() - t0 < kill_after and proc.poll() is None:
                time.sleep(0.005)
            killed = proc.poll() is None
            server.proc.send_signal(signal.SIGKILL)
            server.proc.wait(10)
            proc.wait(60)
            return time.monotonic() - t0, killed
        finally:
            server.stop()

    def reopen(store: str):
        deadline = time.monotonic() + 15
        while True:  # the update's process follows the server (PR_SET_PDEATHSIG) and lets go
            try:
                return open_store(store)
            except StoreError:
                assert time.monotonic() < deadline, "the store stayed locked after the server was killed"
                time.sleep(0.1)

    dry = str(tmp_path / "dry")
    shutil.copytree(original, dry)
    span, _ = live_ingest(dry, None)
    with open_store(dry, read_only=True) as s:
        complete = len(s.select("SELECT ?a WHERE { GRAPH ?a { ?a ng:contentHash ?h } }"))
    rng = random.Random(19)
    report, killed_mid = [], 0
    for trial in range(int(os.environ.get("NEWSGRAPH_KILL_TRIALS", "4"))):
        victim = str(tmp_path / f"victim-{trial}")
        shutil.copytree(original, victim)
        delay = rng.uniform(0, span)
        _, killed = live_ingest(victim, delay)
        killed_mid += killed
        with reopen(victim) as s:
            kept = article_quads(s)
            hashed = {str(r["a"]) for r in s.select("SELECT ?a WHERE { GRAPH ?a { ?a ng:contentHash ?h } }")}
            graphs = {g for g in s.named_graphs() if "/id/article/" in g}
            assert set(before) <= set(kept), f"killed at {delay:.2f} s: quads stored before were lost"
            assert graphs == hashed, f"killed at {delay:.2f} s: an article graph without its hash (partial)"
            assert equals_its_reindex(s), f"killed at {delay:.2f} s: the index differs from its reindex"
        rerun = run_cli("ingest", "--quiet", "--store", victim, str(src))
        assert rerun.returncode == 0, rerun.stderr
        with open_store(victim, read_only=True) as s:
            now = len(s.select("SELECT ?a WHERE { GRAPH ?a { ?a ng:contentHash ?h } }"))
            assert now == complete and equals_its_reindex(s)
        report.append(f"server killed {delay:.2f} s into a {span:.2f} s live ingest "
                      f"({'mid-run' if killed else 'after it ended'}): opens, {len(before)} quads from before "
                      f"kept, {len(hashed)} whole articles, 0 partial, index == reindex; rerun completes")
    report.append(f"live ingest: {killed_mid} of {len(report)} killed mid-run")
    print("\n".join(report))
    assert killed_mid >= 1


@pytest.mark.slow
@pytest.mark.faults
def test_a_foreign_process_that_takes_the_lock_between_updates_costs_only_while_it_holds_it(tmp_path):
    """The audit: a process that grabbed RocksDB's lock in the moment an update handed it back left
    the server failing 7,288 of 7,289 later updates until a restart, while it went on serving
    beside the foreign writer. A process that bypasses newsgraph's guard (a bare fcntl lock on
    <store>/LOCK, as another RocksDB program takes it) and grabs the lock between updates, holds
    it 0.3 s, lets go and tries again a second later: queries and updates are refused while it
    holds it (never served beside it), and all apply again once it lets go."""
    store = build_store(str(tmp_path / "store"))
    stop = tmp_path / "stop"
    with Server(store, "--update-token", TOKEN) as server:
        grabber = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
            import fcntl, os, time
            fd = os.open({store + '/LOCK'!r}, os.O_RDWR)
            got = tried = 0
            end = time.monotonic() + 60
            while time.monotonic() < end and not os.path.exists({str(stop)!r}):
                tried += 1
                try:
                    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue
                got += 1
                print("held", time.time(), flush=True)
                time.sleep(0.3)
                fcntl.lockf(fd, fcntl.LOCK_UN)
                print("free", time.time(), flush=True)
                time.sleep(1.0)  # then it tries again
            print(got, tried, flush=True)
        """)], stdout=subprocess.PIPE, text=True)
        results = []
        try:
            before = count(server)
            for n in range(40):
                code = update(server, insert(n)).status_code
                t = time.time()
                q = requests.get(server.sparql, params={"query": COUNT}, timeout=30).status_code
                results.append((t, time.time(), code, q))
        finally:
            stop.write_text("")
            out, _ = grabber.communicate(timeout=60)
        lines = out.split("\n")
        got, tried = map(int, lines[-2].split())
        held = [(float(a.split()[1]), float(b.split()[1])) for a, b in zip(lines[0:-2:2], lines[1:-2:2])]
        applied = sum(code == 200 for _, _, code, _ in results)
        # an update or query refused is one that met the foreign holder; no query was answered
        # from beginning to end while the foreign process held the lock
        assert all(code in (200, 500, 503) and q in (200, 503) for _, _, code, q in results), results
        beside = [r for r in results if r[3] == 200 and any(a < r[0] and r[1] < b for a, b in held)]
        assert not beside, beside
        after = [count(server) for _ in range(3)]
        assert after == [before + applied] * 3, "the refused updates changed nothing; the applied ones all landed"
        late = [update(server, insert(100 + n)).status_code for n in range(5)]
        print(f"foreign process: lock taken {got} times in {tried} tries; updates meanwhile: {applied} of 40 "
              f"applied, {40 - applied} refused; queries: {sum(r[3] == 503 for r in results)} of 40 refused, "
              f"0 answered beside it; after it let go: {late.count(200)} of 5 updates applied")
        assert late == [200] * 5 and count(server) == before + applied + 5
