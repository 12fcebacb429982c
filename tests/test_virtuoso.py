"""The remote store against a real OpenLink Virtuoso: the same articles give the same answers
and the same export as the embedded store.

Needs a running server: `url=$(scripts/virtuoso.sh start)` and NEWSGRAPH_VIRTUOSO_URL=$url
(.ci/run does this). Skipped with the reason otherwise.
"""
from __future__ import annotations

import io
import os
import re
import socket
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal

from newsgraph import queries
from newsgraph.graph.build import build_article_graph
from newsgraph.graph.iris import Minter
from newsgraph.graph.store import open_store
from newsgraph.graph.writer import VOCAB_GRAPH, ArticleWriter

from records_fixture import sample

pytestmark = pytest.mark.virtuoso

URL = os.environ.get("NEWSGRAPH_VIRTUOSO_URL")
BASE = "https://virtuoso-test.newsgraph.example.org/id/"
ARTICLES = [("a.txt", {}),
            ("b.txt", {"who": ("Volodymyr Zelensky", "Steve Witkoff"), "lang": "en"}),
            ("c.txt", {"who": ("Donald Trump", "Wladimir Putin"), "city": ("Moskau", 524901)})]
PARAMS = {"actor": "Selenskyj", "entity": "Witkoff"}
KNOWN_POST_ISSUE = ("the remote store did not get an answer within 10 s: Virtuoso 7.2 never answers a query "
                    "POSTed as application/sparql-query, the remote store must post form-encoded")

if not URL:
    pytest.skip("NEWSGRAPH_VIRTUOSO_URL is not set: start a server with `url=$(scripts/virtuoso.sh start)` "
                "and export NEWSGRAPH_VIRTUOSO_URL=$url", allow_module_level=True)


def _as_is_works() -> bool:
    """Does the remote store, unchanged, get an answer from this server within 10 s?"""
    old = socket.getdefaulttimeout()
    socket.setdefaulttimeout(10)
    try:
        return open_store(URL).ask("ASK {}") is not None
    except Exception:  # noqa: BLE001 - a timeout surfaces as StoreError
        return False
    finally:
        socket.setdefaulttimeout(old)


AS_IS = _as_is_works()


def _open_remote():
    return open_store(URL)


def _our_graphs(store) -> list[str]:
    return [g for g in store.named_graphs() if g.startswith(BASE)]


def _clear(store) -> None:
    graphs = _our_graphs(store)
    if graphs:
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))


def _write_all(store) -> None:
    minter = Minter(BASE)
    writer = ArticleWriter(store, minter)
    for identity, kw in ARTICLES:
        art, ex = sample(identity, **kw)
        writer.write(build_article_graph(art, ex, minter, None, writer.known_given_names))


def _rows(store, q) -> list[tuple[str, ...]]:
    bindings = {p.name: Literal(PARAMS.get(p.name, "Selenskyj")) for p in q.params if not p.optional}
    if q.name == "evidence":
        meeting = store.select("SELECT ?m WHERE { ?m a ng:Meeting } ORDER BY ?m LIMIT 1")[0]["m"]
        bindings = {"resource": meeting}
    text = q.sparql(bindings, base=BASE)
    res = store.query(text)
    # SAMPLE(...) may pick any of its group's values, and engines pick differently: compare presence
    sampled = set(re.findall(r"SAMPLE\(\?\w+\)\s+AS\s+\?(\w+)", text, re.IGNORECASE))
    # GROUP_CONCAT joins its group in whatever order the engine meets the values: compare the parts
    concat = set(re.findall(r"GROUP_CONCAT\(.*?\)\s+AS\s+\?(\w+)", text, re.IGNORECASE | re.DOTALL))
    rows = [tuple("" if v is None else "<sampled>" if name in sampled else
                  ", ".join(sorted(str(v).split(", "))) if name in concat else _norm(v)
                  for name, v in zip(res.vars, row)) for row in res.rows]
    # other data on the server (not ours) may answer too: keep rows about our IRIs, or with none
    return sorted(r for r in rows if not any(v.startswith("http") for v in r) or any(v.startswith(BASE) for v in r))


def _norm(v) -> str:
    s = str(v)
    try:  # Virtuoso and Oxigraph write the same decimal differently (25.77 / 25.770)
        return repr(float(s)) if isinstance(v, Literal) and v.datatype and "decimal" in str(v.datatype) else s
    except ValueError:
        return s


def _quads(store) -> dict[str, int]:
    buf = io.BytesIO()
    store.export(buf, "nquads")
    ds = Dataset()
    ds.parse(data=buf.getvalue(), format="nquads")
    counts: dict[str, int] = {}
    for _s, p, _o, g in ds.quads((None, None, None, None)):
        name = str(g.identifier if hasattr(g, "identifier") else g)
        if str(p) == "https://w3id.org/newsgraph/vocab#indexVersion":
            continue  # written with the vocabulary, which a long-lived server already has from earlier runs
        if name.startswith(BASE) or name == VOCAB_GRAPH:
            counts[name] = counts.get(name, 0) + 1
    return counts


@pytest.fixture(scope="module")
def stores():
    remote = _open_remote()
    _clear(remote)
    _write_all(remote)
    embedded = open_store("memory:")
    _write_all(embedded)
    yield remote, embedded
    _clear(remote)
    embedded.close()


def test_remote_store_gets_answers_from_virtuoso():
    assert AS_IS, KNOWN_POST_ISSUE


def test_same_graphs_as_the_embedded_store(stores):
    remote, embedded = stores
    assert sorted(_our_graphs(remote)) == sorted(g for g in embedded.named_graphs() if g.startswith(BASE))
    assert len(_our_graphs(remote)) == len(ARTICLES) + 2  # + entities and index graphs


@pytest.mark.parametrize("name", sorted(queries.all_queries()))
def test_named_query_answers_match(stores, name):
    remote, embedded = stores
    q = queries.get(name)
    expected = _rows(embedded, q)
    assert expected or name == "evidence", f"{name}: no rows on the embedded store - the fixture is too small"
    assert _rows(remote, q) == expected


def test_rewriting_an_article_replaces_it(stores):
    remote, embedded = stores
    before = _quads(remote)
    _write_all(remote)  # the same articles again: each graph is dropped and rewritten
    assert _quads(remote) == before


def test_export_counts_match(stores):
    remote, embedded = stores
    got, want = _quads(remote), _quads(embedded)
    # the vocabulary graph is written once per store and may be from an older vocab.ttl on a
    # long-lived server: present, not compared
    assert got.pop(VOCAB_GRAPH, 0) > 0 and want.pop(VOCAB_GRAPH, 0) > 0
    assert got == want
    assert sum(want.values()) > 300


def test_cli_query_and_export_against_virtuoso(stores, tmp_path):
    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import run_cli
    proc = run_cli("query", "who-met-whom", "--store", URL, "--base-iri", BASE, "--format", "csv", check=True,
                   timeout=60)
    assert "Witkoff" in proc.stdout and "Putin" in proc.stdout
    out = tmp_path / "g.nq"
    run_cli("export", "--store", URL, "--format", "nquads", "--output", str(out), check=True, timeout=60)
    assert out.stat().st_size > 0
    graphs = {line.rsplit(" ", 2)[-2] for line in out.read_text("utf-8").splitlines() if line.strip()}
    assert {f"<{g}>" for g in _our_graphs(stores[0])} <= graphs


def test_unreachable_server_is_a_clear_error():
    store = open_store("http://127.0.0.1:9/sparql")  # the discard port: nothing listens
    with pytest.raises(Exception) as err:
        store.query("ASK {}")
    assert "127.0.0.1:9" in str(err.value)
