"""`newsgraph validate`: the shapes compiled to SPARQL agree with pySHACL, the reference, on a
store with and without violations."""
from __future__ import annotations

import io
from importlib import resources

import pytest
from rdflib import Graph

from newsgraph.graph.build import build_article_graph
from newsgraph.graph.iris import Minter
from newsgraph.graph.shacl_sparql import UnsupportedShape, compile_shapes
from newsgraph.graph.store import DEFAULT_GRAPH, open_store
from newsgraph.graph.validate import validate_store
from newsgraph.graph.writer import ArticleWriter

from records_fixture import sample

BASE = "https://example.org/id/"


def _pyshacl(store) -> int:
    """Violations pySHACL finds in the default graph."""
    import pyshacl
    from rdflib.namespace import RDF, SH
    buf = io.BytesIO()
    store.export(buf, "ntriples", DEFAULT_GRAPH)
    data = Graph().parse(data=buf.getvalue(), format="nt")
    shapes = Graph().parse(data=resources.files("newsgraph.graph").joinpath("shapes.ttl").read_text("utf-8"),
                           format="turtle")
    ok, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    return len(set(report.subjects(RDF.type, SH.ValidationResult)))


@pytest.fixture
def store():
    s = open_store("memory:")
    minter = Minter(BASE)
    writer = ArticleWriter(s, minter)
    for ident, kw in [("a.txt", {}), ("b.txt", {"date": "2026-02-20", "lang": "en"}),
                      ("c.txt", {"who": ("Donald Trump", "Jared Kushner"), "city": ("Moskau", 524901)})]:
        art, ex = sample(ident, **kw)
        writer.write(build_article_graph(art, ex, minter, None, writer.known_given_names))
    return s


def test_a_written_store_conforms_by_both(store):
    conforms, text, n = validate_store(store)
    assert conforms and n == 0, text
    assert _pyshacl(store) == 0


def test_violations_are_found_and_counted_as_pyshacl_counts_them(store):
    witkoff, article = f"<{BASE}person/vitkof-s>", store.query(
        "SELECT ?a WHERE { ?a a schema:NewsArticle } ORDER BY ?a LIMIT 1").rows[0][0]
    claim = store.query("SELECT ?c WHERE { ?c a schema:Claim } ORDER BY ?c LIMIT 1").rows[0][0]
    store.update(f'INSERT DATA {{ {witkoff} schema:name "Steven Witkoff" . '  # two names (maxCount)
                 f'<{article}> schema:inLanguage "fr" . '  # not de/en (sh:in)
                 f'<{claim}> ng:claimType ng:Held }} ; '  # a second type, and not a ClaimType (maxCount, class)
                 f"DELETE WHERE {{ <{article}> ng:identity ?i }}")  # missing (minCount)
    conforms, text, n = validate_store(store)
    assert not conforms
    assert n == _pyshacl(store) == 5, text
    assert "exactly one schema:name" in text and "minCount 1" in text and "sh:in" in text


def test_a_shape_the_compiler_cannot_translate_is_refused():
    shapes = Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:uniqueLang true ] .""",
                           format="turtle")
    with pytest.raises(UnsupportedShape, match="uniqueLang"):
        compile_shapes(shapes)
