"""The named-query file format: parameters as VALUES where each group reads them, shapes per
parameter set, pages, and the store's own graphs."""
from __future__ import annotations

import pytest
from rdflib import Literal

from newsgraph import queries

TEXT = """# title: t
# param: actor (optional) part of a name
# page: 10
SELECT ?x WHERE {
  { SELECT ?x WHERE {
#IF actor: #VALUES
#IF actor: ?x <urn:p> ?actor .
#IFNOT actor: ?x <urn:q> ?y .
      GRAPH <urn:newsgraph:index> { ?x <urn:r> ?z }
    }
#PAGE
  }
}"""


def test_a_parameter_picks_its_shape_and_is_bound_where_it_is_read():
    q = queries.parse("t", TEXT)
    with_actor = q.sparql({"actor": Literal("Witkoff")}, base="https://ex.org/id/")
    assert 'VALUES (?actor) { ("Witkoff") }' in with_actor and "<urn:p>" in with_actor and "<urn:q>" not in with_actor
    assert "GRAPH <https://ex.org/id/graph/index>" in with_actor and "LIMIT 10" in with_actor
    without = q.sparql()
    assert "<urn:q>" in without and "<urn:p>" not in without and "VALUES" not in without
    assert "LIMIT" not in q.sparql(limit=0) and "LIMIT 5 OFFSET 20" in q.sparql(limit="5", offset=20)


def test_pages_are_whole_numbers_and_only_for_paged_queries():
    q = queries.parse("t", TEXT)
    with pytest.raises(queries.PageError, match="whole number"):
        q.sparql(limit="ten")
    with pytest.raises(queries.PageError, match="0 or more"):
        q.sparql(offset=-1)
    evidence = queries.get("evidence")
    assert evidence.page_size is None and [p.name for p in evidence.all_params()] == ["resource"]
    with pytest.raises(queries.PageError, match="not paged"):
        evidence.sparql(limit=5)
    with pytest.raises(ValueError, match="no #PAGE line"):
        queries.parse("broken", "# page: 5\nSELECT * WHERE { ?s ?p ?o }")


def test_every_named_query_parses_in_every_shape():
    from rdflib.plugins.sparql import prepareQuery
    for q in queries.all_queries().values():
        optional = [p.name for p in q.params if p.optional]
        required = {p.name: Literal("x") for p in q.params if not p.optional}
        from itertools import combinations
        for extra in [list(c) for k in range(len(optional) + 1) for c in combinations(optional, k)]:
            text = q.sparql({**required, **{n: Literal("x") for n in extra}})
            prepareQuery(text)  # valid SPARQL 1.1 (the Virtuoso tests run them on another engine too)


def test_conditions_nest_and_the_page_end_is_bound():
    q = queries.parse("t", """# param: a (optional) x
# param: b (optional) y
# page: 10
SELECT ?x WHERE {
#IF a: #IFNOT b: ?x <urn:only-a> ?y .
#IF a,b: ?x <urn:both> ?y .
#PAGEEND
  FILTER(?n < ?pageEnd)
#PAGE
}""")
    only_a = q.sparql({"a": Literal(1)}, limit=10, offset=30)
    assert "<urn:only-a>" in only_a and "<urn:both>" not in only_a and "VALUES ?pageEnd { 40 }" in only_a
    both = q.sparql({"a": Literal(1), "b": Literal(2)})
    assert "<urn:both>" in both and "<urn:only-a>" not in both and "VALUES ?pageEnd { 10 }" in both
    assert f"VALUES ?pageEnd {{ {queries.EVERY_ROW} }}" in q.sparql(limit=0)
