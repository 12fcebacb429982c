"""What /map counts: meetings per place and month, read from the month buckets (graph/buckets.py).

Why: counting every meeting per place and month grows with the store (0.9 s at 10,000 articles,
several seconds at 100,000: docs/benchmarks.md). Ingest and `reindex` already file each meeting
under its venue's bucket of its month (`<place>/hosted/2026-03`, `ng:heldAt`) and keep each
bucket's `ng:itemCount` in the index graph: those are the map's numbers, one row per place and
month whatever the store's size. A narrower map reads only what it shows:
- a bound to the day (`since=2026-03-15`): the bound's month from that month's meetings (the
  `listed` bucket every meeting is filed in, with each meeting's sort date), the months wholly
  inside the range from the counts;
- an actor: the meetings filed in the matching actors' `attended` buckets of the months in range.

`select(text, bindings, max_rows)` runs a SELECT (the server's query worker, or a store in the
benchmarks); this module knows nothing of Flask.
"""
from __future__ import annotations

from typing import Callable

from rdflib import Literal, URIRef

from newsgraph.api import is_absolute_iri
from newsgraph.graph.buckets import bucket_iri
from newsgraph.graph.namespaces import NG

MAX_ROWS = 50000  # place-month rows (the map shows at most 2,000 places)

# the counts of whole months: one index row per place and month
COUNTS = """SELECT ?place ?month ?meetings WHERE {{
  GRAPH <{index}> {{ ?b ng:heldAt ?place ; ng:month ?month ; ng:itemCount ?meetings }}
  {months}
}}"""

# the meetings filed in the buckets `{buckets}` (VALUES ?b), counted per place and the month of each
# meeting's date, kept by `{dates}` (a bound to the day)
FILED = """SELECT ?place ?month (COUNT(DISTINCT ?m) AS ?meetings) WHERE {{
  {buckets}
  GRAPH ?g {{ ?m ng:inBucket ?b ; ng:sortDate ?d }}
  {dates}
  ?m schema:location ?place
  BIND(SUBSTR(?d, 1, 7) AS ?month)
}} GROUP BY ?place ?month"""

# the matching actors' attended buckets of the months in range (`{months}` on ?month); the name is
# a literal written in (rdflib escapes it). Asked on its own and handed to FILED as VALUES: as a
# sub-select Oxigraph read every filed item of the store first (0.9-2.5 s at 1,200 articles, 12 ms so)
ACTOR_BUCKETS = """SELECT DISTINCT ?b WHERE {{
  GRAPH <{entities}> {{ ?a ng:searchName ?sn }} FILTER(CONTAINS(?sn, LCASE({actor})))
  GRAPH <{index}> {{ ?b ng:attendedBy ?a ; ng:month ?month }}
  {months}
}}"""

Select = Callable[[str, dict, "int | None"], object]


def _day(bound: str) -> bool:
    return len(bound) > 7  # YYYY-MM-DD (the page accepts YYYY, YYYY-MM or YYYY-MM-DD)


def _month_filters(since: str, until: str, whole: bool) -> str:
    """FILTERs on ?month: the months in range; `whole`: only those the range covers entirely (a
    bound to the day leaves its own month out). An undated meeting ("" month) is in no range, as
    a meeting with no date is in none; a year-only date ("2026") compares as the page always did."""
    out = []
    if since:
        out.append(f'FILTER(?month != "" && ?month {">" if whole and _day(since) else ">="} '
                   f'{Literal(since[:7] if _day(since) else since).n3()})')
    if until:
        u = until[:7] if _day(until) else until
        out.append(f'FILTER(?month != "" && SUBSTR(?month, 1, {len(u)}) {"<" if whole and _day(until) else "<="} '
                   f"{Literal(u).n3()})")
    return " ".join(out)


def _date_filters(since: str, until: str) -> str:
    """FILTERs on a meeting's date ?d, as the bounds say (to the day)."""
    out = []
    if since:
        out.append(f'FILTER(?d != "" && ?d >= {Literal(since).n3()})')
    if until:
        out.append(f'FILTER(?d != "" && SUBSTR(?d, 1, {len(until)}) <= {Literal(until).n3()})')
    return " ".join(out)


def place_month_counts(select: Select, base: str, since: str = "", until: str = "",
                       actor: str = "") -> dict[str, dict[str, int]]:
    """{place IRI: {month ("2026-03"; "" undated): meetings}} of the meetings held in the range
    (and attended by an actor whose name contains `actor`)."""
    index, entities = f"{base}graph/index", f"{base}graph/entities"
    counts: dict[str, dict[str, int]] = {}

    def add(text: str, bindings: dict) -> None:
        for place, month, n in select(text, bindings, MAX_ROWS).rows:
            months = counts.setdefault(str(place), {})
            months[str(month or "")] = months.get(str(month or ""), 0) + int(n)

    if actor:
        found = select(ACTOR_BUCKETS.format(entities=entities, index=index, months=_month_filters(since, until, False),
                                            actor=Literal(actor).n3()), {}, None).rows
        if found:
            values = f"VALUES ?b {{ {' '.join(b.n3() for (b,) in found)} }}"
            add(FILED.format(buckets=values, dates=_date_filters(since, until)), {})
        return counts
    add(COUNTS.format(index=index, months=_month_filters(since, until, True)), {})
    # a bound to the day: its month from the meetings filed in it (both bounds may share one)
    partial = sorted({b[:7] for b in (since, until) if b and _day(b)})
    if partial:
        listed = " ".join(URIRef(bucket_iri(base, NG.Meeting, "listed", m)).n3() for m in partial)
        add(FILED.format(buckets=f"VALUES ?b {{ {listed} }}", dates=_date_filters(since, until)), {})
    return counts


# names and coordinates, for the places counted (joining them into the counts doubled their cost)
GEO = """SELECT ?place (SAMPLE(?n) AS ?name) (SAMPLE(?la) AS ?lat) (SAMPLE(?lo) AS ?long) WHERE {{
  VALUES ?place {{ {places} }}
  ?place schema:geo ?geo . ?geo schema:latitude ?la ; schema:longitude ?lo .
  OPTIONAL {{ ?place schema:name ?n }}
}} GROUP BY ?place"""


def map_places(select: Select, base: str, since: str = "", until: str = "", actor: str = "") -> dict[str, dict]:
    """{place IRI: {iri, name, lat, long, meetings, months}} of the places with coordinates where
    meetings were held in the range (see `place_month_counts`): what /map draws."""
    counts = place_month_counts(select, base, since, until, actor)
    found: dict[str, dict] = {}
    if not counts:
        return found
    places = " ".join(URIRef(i).n3() for i in counts if is_absolute_iri(i))
    for place, name, lat, lon in select(GEO.format(places=places), {}, None).rows:
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            continue
        months = counts[str(place)]
        found[str(place)] = {"iri": str(place), "name": str(name or place), "lat": lat, "long": lon,
                             "meetings": sum(months.values()), "months": months}
    return found
