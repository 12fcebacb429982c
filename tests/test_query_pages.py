"""Paged named queries over month buckets (graph/buckets.py): every page is the slice of the
whole listing, the listing holds every item the plain pattern finds, in date order."""
from __future__ import annotations

import pytest
from rdflib import Literal

from newsgraph import queries
from newsgraph.graph.store import open_store

NG = "https://w3id.org/newsgraph/vocab#"
ENTITIES = "https://newsgraph.example.org/id/graph/entities"


@pytest.fixture(scope="module")
def seeds(seeds_store):
    s = open_store(seeds_store.path, read_only=True)
    yield s
    s.close()


def _rows(store, name, params, limit=0, offset=None):
    q = queries.get(name)
    text = q.sparql({k: Literal(v) for k, v in params.items()}, limit=limit, offset=offset)
    return [tuple(str(v) if v is not None else None for v in r) for r in store.query(text).rows]


def _matching(name_part: str) -> str:
    return (f"{{ SELECT DISTINCT ?e WHERE {{ GRAPH <{ENTITIES}> {{ ?e <{NG}searchName> ?n }} "
            f"FILTER(CONTAINS(?n, \"{name_part.lower()}\")) }} }}")


CASES = [
    ("meetings", {}), ("meetings", {"actor": "Witkoff"}), ("meetings", {"place": "Abu Dhabi"}),
    ("meetings", {"actor": "Witkoff", "place": "Miami"}), ("timeline", {"actor": "Witkoff"}),
    ("timeline", {"actor": "Selenskyj"}), ("claims-by-actor", {"actor": "Selenskyj"}),
    ("claims-by-actor", {"actor": "Putin"}), ("articles-mentioning", {"entity": "Kyiv"}),
    ("articles-mentioning", {"entity": "Trump"}),
]


# what identifies a row and orders it (a meeting's status and sample sentence may be given in
# another order or from another report of it on another page)
KEYS = {"meetings": (0, 1), "timeline": (0, 1, 3), "claims-by-actor": (0, 5), "articles-mentioning": (0, 2, 4)}


@pytest.mark.parametrize("name,params", CASES, ids=lambda c: c if isinstance(c, str) else ",".join(c))
def test_every_page_is_the_slice_of_the_whole_listing(seeds, name, params):
    def keys(rows):
        return [tuple(r[i] for i in KEYS[name]) for r in rows]
    whole = keys(_rows(seeds, name, params))
    assert len(whole) >= 3, (name, params)
    # pages of one row meet every boundary between rows (and month buckets); a long listing is
    # checked with those and with pages of seven, which span boundaries (300 queries were 20 s)
    for size in (1, 2, 3, 7) if len(whole) <= 40 else (1, 7):
        for offset in range(0, len(whole) + 1, size):
            assert keys(_rows(seeds, name, params, size, offset)) == whole[offset:offset + size], (size, offset)


def _date_keys(rows, column, undated_last):
    return [r[column] if r[column] is not None else ("~" if undated_last else "") for r in rows]


def test_listings_hold_every_item_in_date_order(seeds):
    claims = _rows(seeds, "claims-by-actor", {"actor": "Selenskyj"})
    plain = {str(r[0]) for r in seeds.query(
        f"SELECT DISTINCT ?c WHERE {{ {_matching('Selenskyj')} GRAPH ?g {{ ?c <http://schema.org/author> ?e }} }}").rows}
    assert {r[0] for r in claims} == plain
    meetings = _rows(seeds, "meetings", {})
    assert {r[0] for r in meetings} == {str(r[0]) for r in seeds.query(
        f"SELECT DISTINCT ?m WHERE {{ GRAPH ?g {{ ?m a <{NG}Meeting> }} }}").rows}
    at = _rows(seeds, "meetings", {"actor": "Witkoff", "place": "Miami"})
    assert at and {r[0] for r in at} == {str(r[0]) for r in seeds.query(
        f"SELECT DISTINCT ?m WHERE {{ {_matching('Witkoff')} GRAPH ?g {{ ?m <http://schema.org/attendee> ?e ; "
        f"<http://schema.org/location> ?p }} GRAPH <{ENTITIES}> {{ ?p <{NG}searchName> \"miami\" }} }}").rows}
    articles = _rows(seeds, "articles-mentioning", {"entity": "Kyiv"})
    assert len({r[0] for r in articles}) == len(seeds.query(
        f"SELECT DISTINCT ?a WHERE {{ {_matching('Kyiv')} GRAPH ?a {{ ?a <http://schema.org/mentions> ?e }} }}").rows)
    # a week ("next week": 2026-W04) is filed as its Monday, so it sorts among the days
    assert not [r[1] for r in meetings if r[1] and "W" in r[1]]
    from newsgraph.graph.build import date_literal
    assert str(date_literal("2026-W04")) == "2026-01-19" and str(date_literal("2026-W04").datatype).endswith("#date")
    # newest first, undated last; the timeline oldest first, undated last
    for rows, column in ((meetings, 1), (articles, 2)):
        keys = _date_keys(rows, column, undated_last=False)
        assert keys == sorted(keys, reverse=True)
    timeline = _rows(seeds, "timeline", {"actor": "Witkoff"})
    keys = _date_keys(timeline, 0, undated_last=True)
    assert keys == sorted(keys) and {"claim", "meeting"} <= {r[1] for r in timeline}
