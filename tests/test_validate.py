"""`newsgraph validate`: the shapes compiled to SPARQL agree with pySHACL, the reference, on a
store with and without violations; checked a batch of focus nodes at a time (flat memory), it
reports exactly the violations that the whole-store queries report."""
from __future__ import annotations

import io
from importlib import resources

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from newsgraph.graph.build import build_article_graph
from newsgraph.graph.iris import Minter
from newsgraph.graph.shacl_sparql import UnsupportedShape, compile_shapes
from newsgraph.graph.store import DEFAULT_GRAPH, open_store
from newsgraph.graph.validate import checks, validate_store, violations
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


P = "https://example.org/id/"
KNOWN = {  # (shape, path, constraint, focus, value): what the injected violations must give, exactly
    ("ngs:Named", "schema:name", "maxCount 1", f"{P}person/vitkof-s", Literal(2)),
    ("ngs:Article", "schema:inLanguage", "sh:in …", f"{P}article/2d3ba6ea302be0e5", Literal("fr")),
    ("ngs:Article", "ng:identity", "minCount 1", f"{P}article/2d3ba6ea302be0e5", None),
    ("ngs:Claim", "ng:claimType", "maxCount 1", f"{P}claim/02317338bf6f69e5", Literal(2)),
    ("ngs:Claim", "ng:claimType", "sh:class ng:ClaimType", f"{P}claim/02317338bf6f69e5",
     URIRef("https://w3id.org/newsgraph/vocab#Held")),
    ("ngs:Annotation", "<http://www.w3.org/ns/oa#hasTarget>/<http://www.w3.org/ns/oa#hasSource>", "minCount 1",
     f"{P}annotation/210ec99b74c34417", None),
    ("ngs:Position", "oa:start", "sh:minInclusive …", f"{P}annotation/216c22e731ac9e8e/position", Literal(-1)),
    ("ngs:Meeting", "schema:startDate", "sh:or …", f"{P}event/geonames-524901-2026-01-17", Literal("2026-13")),
    # typed Person and Organization: one focus node of ngs:Named, not two
    ("ngs:Named", "prov:wasDerivedFrom", "minCount 1", f"{P}person/nobody", None),
}
BLANK_CLAIM = {("ngs:Claim", path, "minCount 1") for path in
               ("schema:author", "schema:text", "ng:claimType", "ng:directQuote", "prov:wasDerivedFrom", "ng:evidence")}


def _inject(store):
    store.update(f"""
        INSERT DATA {{ <{P}person/vitkof-s> schema:name "Steven Witkoff" .
                       <{P}article/2d3ba6ea302be0e5> schema:inLanguage "fr" .
                       <{P}claim/02317338bf6f69e5> ng:claimType ng:Held .
                       <{P}person/nobody> a schema:Person, schema:Organization ; schema:name "Nobody" .
                       _:claim a schema:Claim . }} ;
        DELETE WHERE {{ <{P}article/2d3ba6ea302be0e5> ng:identity ?i }} ;
        DELETE WHERE {{ <{P}annotation/210ec99b74c34417/target> oa:hasSource ?a }} ;
        DELETE {{ <{P}annotation/216c22e731ac9e8e/position> oa:start ?s }}
        INSERT {{ <{P}annotation/216c22e731ac9e8e/position> oa:start -1 }}
        WHERE {{ <{P}annotation/216c22e731ac9e8e/position> oa:start ?s }} ;
        DELETE {{ <{P}event/geonames-524901-2026-01-17> schema:startDate ?d }}
        INSERT {{ <{P}event/geonames-524901-2026-01-17> schema:startDate "2026-13" }}
        WHERE {{ <{P}event/geonames-524901-2026-01-17> schema:startDate ?d }}""")


def _found(rows):
    """The named violations as KNOWN writes them, and the blank-node ones by check."""
    named, blank = set(), []
    for i, focus, value in rows:
        c = checks()[i]
        if isinstance(focus, BNode):
            blank.append((c.shape, c.path, c.constraint))
        else:
            named.add((c.shape, c.path, c.constraint, str(focus), value))
    return named, blank


@pytest.mark.parametrize("batch", [1, 3, 2000])
def test_known_violations_are_reported_exactly_whatever_the_batch(store, batch):
    _inject(store)
    named, blank = _found(list(violations(store, batch=batch)))
    assert named == KNOWN
    assert sorted(blank) == sorted(BLANK_CLAIM)
    conforms, text, n = validate_store(store, batch=batch)
    assert not conforms and n == len(KNOWN) + len(BLANK_CLAIM) == _pyshacl(store), text


def test_batches_report_what_the_whole_store_queries_report(store):
    """The queries over every focus node at once (how validate ran before it streamed) are
    the reference for the batched ones."""
    _inject(store)
    whole = [(i, f, v) for i, c in enumerate(checks()) for f, v in store.query(c.sparql()).rows]
    assert _found(whole) == _found(list(violations(store, batch=2)))
