"""The store interface: one behaviour whatever the backend, whole articles, exports that round-trip."""
from __future__ import annotations

import io

import pytest
from rdflib import Literal

from newsgraph import queries
from newsgraph.graph.build import build_article_graph
from newsgraph.graph.iris import Minter
from newsgraph.graph.store import QueryError, StoreError, open_store
from newsgraph.graph.writer import ArticleWriter

from records_fixture import sample

BASE = "https://example.org/id/"


def write(store, identity="a.txt", **kw):
    minter = Minter(BASE)
    writer = ArticleWriter(store, minter)
    art, ex = sample(identity, **kw)
    ag = build_article_graph(art, ex, minter, None, writer.known_given_names)
    writer.write(ag)
    return ag


@pytest.fixture(params=["memory", "disk"])
def store(request, tmp_path):
    s = open_store("memory:" if request.param == "memory" else str(tmp_path / "store"))
    yield s
    s.close()


def test_article_lands_with_hash_and_one_name_per_entity(store):
    ag = write(store)
    writer = ArticleWriter(store, Minter(BASE))
    assert writer.stored_hash(ag.iri) is not None
    rows = store.select("SELECT ?e (COUNT(?n) AS ?c) WHERE { ?e schema:name ?n } GROUP BY ?e")
    assert rows and all(int(r["c"]) == 1 for r in rows)


def test_same_person_in_two_articles_is_one_node_with_one_name(store):
    write(store, "a.txt")
    write(store, "b.txt", who=("Volodymyr Zelensky", "Steve Witkoff"), lang="en")
    rows = store.select("SELECT ?e ?n WHERE { ?e schema:name ?n . FILTER(CONTAINS(?n, 'elensk')) }")
    assert len(rows) == 1, rows
    alt = {str(r["f"]) for r in store.select(
        "SELECT ?f WHERE { ?e schema:name ?n ; schema:alternateName ?f . FILTER(CONTAINS(?n, 'elensk')) }")}
    assert {"Wolodymyr Selenskyj", "Volodymyr Zelensky"} <= alt


def test_replacing_an_article_drops_its_old_graph(store):
    ag = write(store, "a.txt", title="first")
    write(store, "a.txt", title="second")
    heads = {str(r["h"]) for r in store.select("SELECT ?h WHERE { ?a schema:headline ?h }")}
    assert heads == {"second"}
    assert str(ag.iri) in store.named_graphs()


def test_compaction_keeps_every_quad(store):
    write(store, "a.txt", title="first")
    write(store, "a.txt", title="second")  # deleted rows for the compaction to drop
    before = io.BytesIO()
    store.export(before, "nquads")
    store.optimize()
    after = io.BytesIO()
    store.export(after, "nquads")
    assert sorted(after.getvalue().splitlines()) == sorted(before.getvalue().splitlines())
    assert b"second" in after.getvalue()


def test_bindings_are_values_not_text(store):
    write(store)
    q = queries.get("claims-by-actor")
    hits = store.query(q.sparql({"actor": Literal("Selenskyj")}, base=BASE)).rows
    assert len(hits) == 1
    hostile = store.query(q.sparql({"actor": Literal('x")) } } SELECT * WHERE { ?s ?p ?o } #')}, base=BASE)).rows
    assert hostile == []


def test_malformed_query_is_a_query_error(store):
    with pytest.raises(QueryError) as err:
        store.query("SELECT ?x WHERE { ?x ?y }")
    assert "malformed" in str(err.value)


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_quad_export_round_trips(store, fmt):
    write(store, "a.txt")
    write(store, "b.txt", who=("Donald Trump", "Wladimir Putin"), city=("Moskau", 524901))
    first = io.BytesIO()
    store.export(first, fmt)
    fresh = open_store("memory:")
    fresh.load(first.getvalue(), fmt)
    second = io.BytesIO()
    fresh.export(second, fmt)
    assert first.getvalue() == second.getvalue()
    assert len(fresh.named_graphs()) == len(store.named_graphs())


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_triple_exports_hold_the_union(store, fmt):
    write(store)
    out = io.BytesIO()
    store.export(out, fmt)
    from rdflib import Graph
    g = Graph().parse(data=out.getvalue(), format="json-ld" if fmt == "jsonld" else "turtle")
    n = store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    assert len(g) == int(n[0]["n"])
    if fmt == "turtle":  # prefixed, grouped by subject, a blank line between subjects
        text = out.getvalue().decode()
        assert "@prefix schema: <http://schema.org/> ." in text and "\n\n" in text
        blocks = text.split("\n\n")[1:]
        assert blocks and all(not b.startswith(("\t", " ")) for b in blocks)
    if fmt == "jsonld":  # compact, with our prefixes as its @context
        import json
        doc = json.loads(out.getvalue())
        assert doc["@context"]["schema"] == "http://schema.org/" and '"schema:name"' in out.getvalue().decode()


def test_export_of_one_graph_and_of_an_unknown_graph(store):
    ag = write(store)
    out = io.BytesIO()
    store.export(out, "turtle", str(ag.iri))
    assert b"schema:NewsArticle" in out.getvalue() or b"NewsArticle" in out.getvalue()
    with pytest.raises(StoreError, match="no graph"):
        store.export(io.BytesIO(), "turtle", "https://example.org/nothing")


@pytest.mark.parametrize("text", ["SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o",
                                  "ASK { ?s a schema:Person }",
                                  "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"])
def test_plain_results_are_the_same_from_the_backend_and_from_the_generic_path(store, text):
    """Store.query_plain as the embedded backend answers it (its fast path) and as any backend
    gets it from Store.query (base.py): the same plain terms, the same serialised graph."""
    from newsgraph.graph.store import Store, serialize_triples
    write(store)
    fast, generic = store.query_plain(text), Store.query_plain(store, text)
    assert (fast.kind, fast.vars, fast.rows, fast.boolean) == (generic.kind, generic.vars, generic.rows, generic.boolean)
    assert sorted(fast.triples) == sorted(generic.triples)
    if fast.kind == "graph":
        assert fast.triples and all(t[0][0] in ("uri", "bnode") for t in fast.triples)
        for name in ("ntriples", "nquads"):
            assert sorted(serialize_triples(fast.triples, name).splitlines()) == \
                   sorted(serialize_triples(generic.triples, name).splitlines())


def test_capabilities_are_declared_by_the_backend_class(tmp_path):
    from newsgraph.graph.store import backend_class
    embedded, remote = backend_class(str(tmp_path / "s")), backend_class("http://127.0.0.1:9/sparql")
    assert embedded.local_directory and embedded.transaction_aware and embedded.default_graph_view
    assert not remote.local_directory and not remote.transaction_aware
    assert backend_class("memory:") is embedded


def test_store_location_that_is_a_file_is_refused(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_store(str(f))


def test_second_writer_gets_a_clear_message(tmp_path):
    first = open_store(str(tmp_path / "s"))
    try:
        with pytest.raises(StoreError, match="in use"):
            open_store(str(tmp_path / "s"))
    finally:
        first.close()


def test_read_only_store_refuses_writes(tmp_path):
    s = open_store(str(tmp_path / "s"))
    write(s)
    s.close()
    ro = open_store(str(tmp_path / "s"), read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        ro.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert ro.named_graphs()


def test_every_named_query_runs(store):
    write(store)
    for q in queries.all_queries().values():
        bindings = {p.name: Literal("Selenskyj") for p in q.params if not p.optional}
        if "resource" in bindings:
            bindings["resource"] = next(iter(store.query(
                "SELECT ?c WHERE { ?c a <http://schema.org/Claim> }").rows))[0]
        res = store.query(q.sparql(bindings, base=BASE))
        assert res.kind == "select"
        assert res.rows, f"named query {q.name} found nothing in a store that has an answer"


def test_a_remote_store_that_never_answers_is_a_clear_error(monkeypatch):
    # A server that accepts the connection and stays silent: the command stops with a message.
    import socket
    import time
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    try:
        monkeypatch.setenv("NEWSGRAPH_STORE_TIMEOUT", "0.5")
        store = open_store(f"http://127.0.0.1:{listener.getsockname()[1]}/sparql")
        t0 = time.monotonic()
        with pytest.raises(StoreError, match="no answer .* within 0.5 s"):
            store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        with pytest.raises(StoreError, match="may still apply it"):
            store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        assert time.monotonic() - t0 < 5
    finally:
        listener.close()


def test_a_bad_remote_timeout_setting_is_refused(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_STORE_TIMEOUT", "soon")
    with pytest.raises(StoreError, match="NEWSGRAPH_STORE_TIMEOUT"):
        open_store("http://127.0.0.1:9/sparql")


def test_one_newsgraph_writer_per_store_and_the_guard_is_lent_only_by_its_holder(tmp_path):
    """graph/store/guard.py: a second writer is refused; a child handed the holder's descriptor may
    write; a process that merely names another descriptor of the guard file may not."""
    import os
    import subprocess
    import sys

    from newsgraph.graph.store import StoreError, open_store
    from newsgraph.graph.store.guard import GUARD_NAME, WriterGuard

    location = str(tmp_path / "s")
    open_store(location).close()
    guard = WriterGuard(location)
    try:
        with pytest.raises(StoreError, match="in use by another process"):
            open_store(location)
        child = ("import sys; from newsgraph.graph.store import open_store\n"
                 "s = open_store(sys.argv[1]); s.update('INSERT DATA { <urn:a> <urn:b> <urn:c> }'); s.close()")
        lent = subprocess.run([sys.executable, "-c", child, location], pass_fds=(guard.fd,), capture_output=True,
                              text=True, env={**os.environ, "NEWSGRAPH_STORE_GUARD_FD": str(guard.fd)}, timeout=60)
        assert lent.returncode == 0, lent.stderr
        other = os.open(os.path.join(location, GUARD_NAME), os.O_RDONLY)
        try:
            forged = subprocess.run([sys.executable, "-c", child, location], pass_fds=(other,), capture_output=True,
                                    text=True, env={**os.environ, "NEWSGRAPH_STORE_GUARD_FD": str(other)},
                                    timeout=60)
        finally:
            os.close(other)
        assert forged.returncode != 0 and "in use by another process" in forged.stderr
    finally:
        guard.release()
    with open_store(location) as store:  # released: writers come in again
        assert store.query("ASK { <urn:a> <urn:b> <urn:c> }").boolean
