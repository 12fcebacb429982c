"""`newsgraph load`: export -> a fresh store -> export gives the same N-Quads; N-Quads of article
graphs alone (made elsewhere) come with their counts and default graph; a broken file adds nothing."""
from __future__ import annotations

import json

from test_endpoint_support import BASE, build_store

README_EXAMPLE = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }"


def _sorted_lines(path) -> list[str]:
    return sorted(line for line in path.read_text("utf-8").splitlines() if line.strip())


def test_export_load_export_gives_the_same_nquads(cli, tmp_path):
    src = build_store(str(tmp_path / "src"))
    first, second = tmp_path / "first.nq", tmp_path / "second.nq"
    cli("export", "--store", src, "--format", "nquads", "--output", str(first), check=True)
    out = cli("load", "--store", str(tmp_path / "dst"), str(first), check=True)
    assert "materialised data rebuilt" in out.stdout
    cli("export", "--store", str(tmp_path / "dst"), "--format", "nquads", "--output", str(second), check=True)
    assert _sorted_lines(first) == _sorted_lines(second)


def test_graphs_without_index_or_default_graph_get_both(cli, tmp_path):
    src = build_store(str(tmp_path / "src"))
    everything = tmp_path / "all.nq"
    cli("export", "--store", src, "--format", "nquads", "--output", str(everything), check=True)
    articles = tmp_path / "articles.nq"  # article and entities graphs: no index, no default graph
    import pyoxigraph as ox
    kept = [q for q in ox.parse(path=str(everything), format=ox.RdfFormat.N_QUADS)
            if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name.value != f"{BASE}graph/index"]
    assert 0 < len(kept) < sum(1 for _ in ox.parse(path=str(everything), format=ox.RdfFormat.N_QUADS))
    ox.serialize(kept, str(articles), format=ox.RdfFormat.N_QUADS)
    dst = str(tmp_path / "dst")
    cli("load", "--store", dst, str(articles), check=True)
    persons = json.loads(cli("query", README_EXAMPLE, "--store", dst, "--format", "json", check=True).stdout)
    names = [b["name"]["value"] for b in persons["results"]["bindings"]]
    assert names and len(names) == len(set(names))
    actors = json.loads(cli("query", "actors", "--store", dst, "--format", "json", check=True).stdout)
    assert {b["name"]["value"] for b in actors["results"]["bindings"]} >= {"Steve Witkoff"}


def test_a_broken_file_adds_nothing_and_the_others_still_load(cli, tmp_path):
    good = tmp_path / "good.nq"
    good.write_text('<http://a.example/s> <http://a.example/p> "ok" <http://a.example/g> .\n', "utf-8")
    broken = tmp_path / "broken.nq"
    broken.write_text('<http://a.example/s> <http://a.example/p> "first" <http://a.example/g> .\n'
                      '<http://a.example/s> <http://a.example/p> "unterminated <http://a.example/g> .\n', "utf-8")
    unknown = tmp_path / "table.xlsx"
    unknown.write_bytes(b"PK")
    dst = str(tmp_path / "dst")
    proc = cli("load", "--store", dst, str(good), str(broken), str(unknown), str(tmp_path / "missing.nq"))
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3 and "broken.nq" in errors[0] and "table.xlsx" in errors[1] and "missing.nq" in errors[2]
    q = "SELECT ?o WHERE { GRAPH <http://a.example/g> { ?s ?p ?o } }"
    rows = json.loads(cli("query", q, "--store", dst, "--format", "json", check=True).stdout)["results"]["bindings"]
    assert [b["o"]["value"] for b in rows] == ["ok"]  # nothing of broken.nq, not even its good first line


def test_ingest_of_rdf_points_to_load(cli, tmp_path):
    f = tmp_path / "graph.nq"
    f.write_text('<http://a.example/s> <http://a.example/p> "o" .\n', "utf-8")
    proc = cli("ingest", "--store", str(tmp_path / "store"), "--quiet", str(f))
    assert proc.returncode == 1 and "newsgraph load" in proc.stderr
