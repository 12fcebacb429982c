"""/map's counts (endpoint/mapdata.py) read from the month buckets equal counting the meetings
themselves, for every filter the page takes: none, months, days, an actor, an actor and days."""
from __future__ import annotations

import pytest
from rdflib import Literal

from newsgraph.endpoint.mapdata import map_places, place_month_counts
from newsgraph.graph.namespaces import DEFAULT_BASE_IRI
from newsgraph.graph.store import open_store

# the definition: every meeting with a venue, in the month of its earliest date ("" undated)
DIRECT = """SELECT ?place ?month (COUNT(DISTINCT ?m) AS ?meetings) WHERE {{
  {{ SELECT ?m ?place (MIN(STR(?sd)) AS ?d) WHERE {{
      ?m a ng:Meeting ; schema:location ?place .
      OPTIONAL {{ ?m schema:startDate ?sd }}
      {actor}
    }} GROUP BY ?m ?place }}
  {date}
  BIND(IF(BOUND(?d), SUBSTR(?d, 1, 7), "") AS ?month)
}} GROUP BY ?place ?month"""


def direct(store, since="", until="", actor=""):
    date = (" FILTER(BOUND(?d) && ?d >= ?since)" if since else "") + \
           (" FILTER(BOUND(?d) && SUBSTR(?d, 1, STRLEN(?until)) <= ?until)" if until else "")
    pat = (f"?m schema:attendee ?a . GRAPH <{DEFAULT_BASE_IRI}graph/entities> {{ ?a ng:searchName ?sn }} "
           f"FILTER(CONTAINS(?sn, LCASE({Literal(actor).n3()})))") if actor else ""
    bind = {k: Literal(v) for k, v in (("since", since), ("until", until)) if v}
    out: dict[str, dict[str, int]] = {}
    for place, month, n in store.query(DIRECT.format(actor=pat, date=date), bind).rows:
        out.setdefault(str(place), {})[str(month)] = int(n)
    return out


def select_of(store):
    return lambda text, bindings, max_rows: store.query(text, bindings)


@pytest.fixture(scope="module")
def store(seeds_store):
    with open_store(seeds_store.path, read_only=True) as s:
        yield s


@pytest.mark.parametrize("since,until,actor", [
    ("", "", ""), ("2026-02", "", ""), ("", "2026-02", ""), ("2026-01", "2026-03", ""), ("2026", "2026", ""),
    ("2026-01-15", "", ""), ("", "2026-02-20", ""), ("2026-01-10", "2026-03-05", ""), ("2026-02-03", "2026-02-17", ""),
    ("", "", "Witkoff"), ("", "", "selensk"), ("2026-02", "", "Witkoff"), ("2026-01-20", "2026-02-25", "Witkoff"),
])
def test_map_counts_from_the_buckets_equal_counting_the_meetings(store, since, until, actor):
    want = direct(store, since, until, actor)
    got = place_month_counts(select_of(store), DEFAULT_BASE_IRI, since, until, actor)
    if not (since or until or actor):
        assert sum(sum(m.values()) for m in want.values()) > 50  # the seeds hold enough to tell
    assert got == want


def test_map_places_carry_names_coordinates_and_their_months(store):
    places = map_places(select_of(store), DEFAULT_BASE_IRI)
    counts = place_month_counts(select_of(store), DEFAULT_BASE_IRI)
    assert len(places) >= 20 and set(places) <= set(counts)
    for iri, p in places.items():
        assert p["meetings"] == sum(counts[iri].values()) and -90 <= p["lat"] <= 90 and p["name"]
