"""Result serializers: what we write, rdflib's result parsers read back term for term."""
from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from newsgraph.endpoint.formats import NotAcceptable, negotiate, prefers_html, serialize_result
from newsgraph.graph.store import plain_term as from_rdflib
from newsgraph.graph.store.oxigraph_store import to_plain as from_oxigraph

TERMS = [URIRef("https://example.org/a?b=c&d=%3Ce%3E#f"), Literal('quote " backslash \\ tab \t newline \n end'),
         Literal("Grüße", lang="de"), Literal("42", datatype=XSD.integer), Literal("<script>alert(1)</script>"),
         Literal("2026-01-17", datatype=XSD.date), BNode("b0"), Literal("a,b;c\r\nd")]


def _ox(t):
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if t.language:
        return ox.Literal(str(t), language=t.language)
    if t.datatype:
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
    return ox.Literal(str(t))


def test_oxigraph_and_rdflib_terms_become_the_same_tuples():
    for t in TERMS:
        assert from_oxigraph(_ox(t)) == from_rdflib(t), t
    assert from_oxigraph(None) is None and from_rdflib(None) is None


@pytest.mark.parametrize("name,fmt", [("json", "json"), ("xml", "xml"), ("tsv", "tsv")])
def test_select_round_trips_through_rdflib_parsers(name, fmt):
    rows = [tuple(from_rdflib(t) for t in (TERMS[i], TERMS[(i + 1) % len(TERMS)])) for i in range(len(TERMS))]
    rows.append((from_rdflib(TERMS[0]), None))  # an unbound value
    body = serialize_result("select", ["x", "y"], rows, None, name)
    res = Result.parse(io.BytesIO(body), format=fmt)
    got = [(r[0], r[1]) for r in res]
    want = [(TERMS[i], TERMS[(i + 1) % len(TERMS)]) for i in range(len(TERMS))] + [(TERMS[0], None)]
    for g, w in zip(got, want):
        for a, b in zip(g, w):
            if isinstance(b, BNode):
                assert isinstance(a, BNode)
            else:
                assert a == b, (name, a, b)


def test_csv_is_plain_values():
    body = serialize_result("select", ["x"], [(from_rdflib(t),) for t in TERMS], None, "csv")
    res = Result.parse(io.BytesIO(body), format="csv")
    values = [str(r[0]) for r in res]
    assert values[1] == str(TERMS[1]) and values[-1] == "a,b;c\r\nd"


def test_ask_in_every_format():
    for name, fmt in (("json", "json"), ("xml", "xml")):
        assert Result.parse(io.BytesIO(serialize_result("ask", [], [], True, name)), format=fmt).askAnswer is True
    assert serialize_result("ask", [], [], False, "csv") == b"_askResult\r\nfalse\r\n"


def test_negotiation_rules():
    assert negotiate("select", None, None)[0] == "json"
    assert negotiate("graph", None, None)[0] == "turtle"
    assert negotiate("select", ["tsv", "text/tab-separated-values"], "application/json")[0] == "tsv"
    assert negotiate("graph", ["json"], None)[0] == "jsonld"
    assert negotiate("graph", None, "application/rdf+xml;q=0.5, text/turtle;q=0.4")[0] == "rdfxml"
    assert negotiate("select", None, "text/*")[0] == "csv"
    with pytest.raises(NotAcceptable) as e:
        negotiate("select", None, "image/png")
    assert e.value.status == 406
    with pytest.raises(NotAcceptable) as e:
        negotiate("select", ["nonsense"], None)
    assert e.value.status == 400
    assert prefers_html("text/html,application/xhtml+xml,*/*;q=0.8", ["text/turtle"])
    assert not prefers_html("*/*", ["text/turtle"])
    assert not prefers_html("text/turtle, text/html;q=0.5", ["text/turtle"])
