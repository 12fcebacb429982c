"""The Python API (`import newsgraph; kg = newsgraph.open(...)`), through its public names only."""
from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from rdflib import Dataset, Literal, Namespace, URIRef

import newsgraph
from conftest import run_cli

SDO = Namespace("http://schema.org/")  # what news sites' JSON-LD uses (docs/data-model.md)
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

DE = ("Der ukrainische Präsident Wolodymyr Selenskyj hat am Dienstag in Kiew den US-Sondergesandten "
      "Steve Witkoff empfangen. Selenskyj sagte danach, die Gespräche seien konstruktiv gewesen.")
EN = ("Ukrainian President Volodymyr Zelensky met U.S. envoy Steve Witkoff and Jared Kushner in Miami on "
      "Saturday. Zelensky said afterwards that the talks had been constructive.")


def write(folder, name: str, text: str, date: str = "2026-01-13"):
    folder.mkdir(exist_ok=True)
    p = folder / name
    p.write_text(f" date {date} {text}\n", encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def location(tmp_path_factory):
    """A store with two articles from files and one from a mapping, shared by the read-only tests."""
    tmp = tmp_path_factory.mktemp("api")
    src = tmp / "in"
    write(src, "de.txt", DE)
    write(src, "en.txt", EN, "2026-01-17")
    with newsgraph.open(tmp / "store") as kg:
        summary = kg.ingest([src, {"id": "note-1", "date": "2026-02-02", "title": "A note",
                                   "text": "Steve Witkoff met Kirill Dmitriev in Miami on Sunday."}])
    assert (summary.added, summary.failed) == (3, 0), summary.problems
    return str(tmp / "store")


@pytest.fixture
def kg(location):
    with newsgraph.open(location, read_only=True) as graph:
        yield graph


# ---------------------------------------------------------------- ingest

def test_ingest_is_the_cli_ingest_unchanged_replaced_failed(tmp_path):
    src = tmp_path / "in"
    write(src, "de.txt", DE)
    reported: list[str] = []
    with newsgraph.open(tmp_path / "store") as kg:
        first = kg.ingest(src)  # one path given bare is not a sequence of characters
        assert first.line() == f"1 added, 0 unchanged, 0 replaced, 0 failed, {first.triples} triples written"
        note = {"id": "n", "text": EN}
        second = kg.ingest([src, note, {"title": "no text here"}, tmp_path / "missing.txt"], report=reported.append)
        assert (second.added, second.unchanged, second.failed) == (1, 1, 2)
        assert reported == second.problems
        assert any(p.startswith("article #2: missing the required field 'text'") for p in reported)
        assert any("missing.txt: no such file or directory" in p for p in reported)
        third = kg.ingest([{"id": "n", "text": EN + " He added that more talks would follow."}])
        assert (third.added, third.replaced) == (0, 1)  # the same id: the article is replaced
        assert kg.stats()["per_class"]["schema:NewsArticle"] == 2
    # what the CLI says about the same store agrees: it is the same code
    out = run_cli("stats", "--store", str(tmp_path / "store"), "--format", "json", check=True).stdout
    assert json.loads(out)["per_class"]["schema:NewsArticle"] == 2


def test_a_mapping_without_url_or_id_is_recognised_by_its_text(tmp_path):
    with newsgraph.open(tmp_path / "store") as kg:
        assert kg.ingest({"text": DE}).added == 1
        assert kg.ingest({"text": DE}).unchanged == 1
        assert kg.ingest({"text": DE, "lang": "fr"}).problems == [
            "article #1: unsupported language 'fr' (declared; only de and en are read)"]


def test_bad_sources_are_refused_before_anything_is_read(tmp_path):
    with newsgraph.open(tmp_path / "store") as kg:
        for bad in ([str(tmp_path), 42], 42, b"seeds/"):
            with pytest.raises(newsgraph.UsageError, match="paths and mappings"):
                kg.ingest(bad)
        with pytest.raises(newsgraph.UsageError, match="jobs must be at least 1"):
            kg.ingest([], jobs=0)
        assert kg.stats()["quads"] == 0


def test_a_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(newsgraph.StoreError, match="no store at"):
        newsgraph.open(tmp_path / "nothing", read_only=True)


def test_a_read_only_graph_refuses_to_ingest_before_reading(kg):
    with pytest.raises(newsgraph.UsageError, match="opened read-only"):
        kg.ingest({"text": DE})


# ---------------------------------------------------------------- query

def test_named_query_rows_pages_and_dataframe(kg):
    rows = kg.query("who-met-whom", actor="Witkoff", limit=0)
    pairs = {frozenset((str(r.nameA), str(r["nameB"]))) for r in rows}
    assert frozenset(("Steve Witkoff", "Kirill Dmitriev")) in pairs or \
        any("Dmitriev" in " ".join(p) for p in pairs)
    assert rows.columns == ["a", "nameA", "b", "nameB", "meetings"]
    assert rows.next_offset is None  # every row: no next page
    first = kg.query("actors", limit=1)
    assert len(first) == 1 and first.next_offset == 1
    second = kg.query("actors", limit=1, offset=1)
    assert second[0].actor != first[0].actor
    df = kg.query("who-met-whom", limit=0).to_pandas()
    assert list(df.columns) == rows.columns
    assert df["meetings"].map(type).eq(int).all()  # typed values, not strings
    assert df["a"].map(type).eq(str).all()


def test_parameters_are_values_never_query_text(kg):
    sneaky = 'Witkoff" } } SELECT * WHERE { ?s ?p ?o } #'
    assert len(kg.query("meetings", actor=sneaky, limit=0)) == 0
    text = kg.query("SELECT DISTINCT ?name WHERE { ?p a schema:Person ; schema:name ?name }", name="Steve Witkoff")
    assert [str(r.name) for r in text] == ["Steve Witkoff"]
    person = kg.query("SELECT DISTINCT ?p WHERE { ?p schema:name ?n }", n="Steve Witkoff")[0].p
    assert isinstance(person, URIRef)
    assert kg.query("SELECT DISTINCT ?n WHERE { ?p schema:name ?n }", p=str(person))[0].n == Literal("Steve Witkoff")
    assert kg.query("ASK { ?p schema:name ?n }", n=Literal("Nobody")).boolean is False
    graph = kg.query("CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }").graph
    assert (person, SDO.name, Literal("Steve Witkoff")) in graph


def test_query_mistakes_are_usage_errors_that_say_what_is_accepted(kg):
    with pytest.raises(newsgraph.MissingParameter, match="needs the parameter actor"):
        kg.query("claims-by-actor")
    with pytest.raises(newsgraph.UsageError, match="has no parameter colour"):
        kg.query("actors", colour="red")
    with pytest.raises(newsgraph.UsageError, match="limit must be 0 or more"):
        kg.query("actors", limit=-1)
    with pytest.raises(newsgraph.UsageError, match="write LIMIT/OFFSET into your own SPARQL"):
        kg.query("SELECT * WHERE { ?s ?p ?o }", limit=3)
    with pytest.raises(newsgraph.UsageError, match="no named query 'actorz'"):
        kg.query("actorz")
    with pytest.raises(newsgraph.UsageError, match="must be text, a number"):
        kg.query("actors", type=["person"])
    with pytest.raises(TypeError, match="no rows to put in a DataFrame"):
        kg.query("ASK { ?s ?p ?o }").to_pandas()
    assert "who-met-whom" in kg.queries()


def test_the_cli_prints_what_the_api_returns(kg, location):
    api = kg.query("meetings", actor="Witkoff", limit=0)
    out = run_cli("query", "meetings", "--param", "actor=Witkoff", "--limit", "0", "--store", location,
                  "--format", "json", check=True).stdout
    cli = json.loads(out)["results"]["bindings"]
    assert [r["meeting"]["value"] for r in cli] == [str(r.meeting) for r in api]


# ---------------------------------------------------------------- network

def test_network_is_a_plain_networkx_graph_ready_for_algorithms_and_writers(kg, tmp_path):
    G = kg.network(types="person,organization,country")
    assert isinstance(G, nx.MultiDiGraph)
    labels = {d["label"] for _, d in G.nodes(data=True)}
    assert {"Steve Witkoff", "Jared Kushner"} <= labels
    assert {d["kind"] for _, d in G.nodes(data=True)} <= {"person", "organization", "country"}
    met = [(u, v, d["weight"]) for u, v, d in G.edges(data=True) if d["kind"] == "met"]
    assert met and all(w >= 1 for *_, w in met)
    rank = nx.pagerank(nx.Graph([(u, v) for u, v, _ in met]))
    witkoff = next(n for n, d in G.nodes(data=True) if d["label"] == "Steve Witkoff")
    assert max(rank, key=rank.get) == witkoff  # he is at every meeting of the three articles
    nx.write_gexf(G, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert back.number_of_nodes() == G.number_of_nodes()
    nx.write_graphml(G, tmp_path / "g.graphml")


def test_network_filters_are_the_pages_filters(kg):
    ego = kg.network("Dmitriev", depth=1, types=["person"])
    assert {d["label"] for _, d in ego.nodes(data=True)} == {"Kirill Dmitriev", "Steve Witkoff"}
    early = kg.network(until="2026-01-14", types="person,meeting")
    assert "Kirill Dmitriev" not in {d["label"] for _, d in early.nodes(data=True)}
    with pytest.raises(newsgraph.ActorNotFound, match="no actor named 'Nobody Atall'"):
        kg.network("Nobody Atall")
    with pytest.raises(newsgraph.NetworkError, match="unknown type 'planets'"):
        kg.network(types="planets")


# ---------------------------------------------------------------- rdflib

def test_dataset_view_reads_the_store_without_copying_it(kg):
    ds = kg.dataset
    assert isinstance(ds, Dataset)
    persons = set(ds.subjects(RDF_TYPE, SDO.Person))
    names = {str(ds.value(p, SDO.name)) for p in persons}
    assert {"Steve Witkoff", "Kirill Dmitriev"} <= names
    graphs = {g.identifier for g in ds.graphs()} - {URIRef("urn:x-rdflib:default")}
    articles = {r.a for r in kg.query("SELECT ?a WHERE { ?a a schema:NewsArticle }")}
    assert articles <= graphs
    article = sorted(articles)[0]
    per_graph = kg.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}")[0].n
    assert len(ds.graph(article)) == int(per_graph)
    # SPARQL on the view runs in the store and agrees with kg.query
    q = "SELECT DISTINCT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n"
    assert [r.n for r in ds.query(q)] == [r.n for r in kg.query(q)]
    assert [r.n for r in ds.graph(article).query(q)] == \
        [r.n for r in kg.query(f"SELECT DISTINCT ?n WHERE {{ GRAPH <{article}> {{ ?p a schema:Person ; "
                               f"schema:name ?n }} }} ORDER BY ?n")]
    quads = list(ds.quads((None, SDO.name, Literal("Kirill Dmitriev"), None)))
    assert quads and all(isinstance(c, URIRef) for *_, c in quads)
    with pytest.raises(TypeError, match="read-only view"):
        ds.add((URIRef("urn:a"), SDO.name, Literal("x")))


def test_dataset_graph_serialises_to_what_export_writes(kg):
    article = sorted(r.a for r in kg.query("SELECT ?a WHERE { ?a a schema:NewsArticle }"))[0]
    buf = io.BytesIO()
    kg.export(buf, "nquads", graph=str(article))
    exported = Dataset()
    exported.parse(data=buf.getvalue().decode("utf-8"), format="nquads")
    from rdflib.compare import isomorphic
    from rdflib import Graph
    mine = Graph()
    for t in kg.dataset.graph(article):
        mine.add(t)
    theirs = Graph()
    for s, p, o, _ in exported.quads((None, None, None, None)):
        theirs.add((s, p, o))
    assert isomorphic(mine, theirs)


# ---------------------------------------------------------------- export, explain, stats

def test_export_picks_the_format_from_the_suffix_and_writes_whole_files(kg, tmp_path):
    kg.export(tmp_path / "g.trig")
    ds = Dataset()
    ds.parse(tmp_path / "g.trig", format="trig")
    assert len(list(ds.quads())) == kg.stats()["quads"]
    kg.export(tmp_path / "g.ttl")
    assert (tmp_path / "g.ttl").read_text("utf-8").startswith("@prefix") or "schema.org" in (tmp_path / "g.ttl").read_text("utf-8")
    with pytest.raises(newsgraph.UsageError, match="unknown export format 'csv'"):
        kg.export(tmp_path / "g.csv", "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.trig", "g.ttl"]  # no .part left behind


def test_explain_and_stats(kg):
    text = kg.explain("Witkoff")
    assert text.startswith("Steve Witkoff") and "mention(s)" in text
    assert kg.explain("Nobody Atall").startswith("no entity named like")
    stats = kg.stats()
    assert stats["per_language"] == {"de": 1, "en": 2}
