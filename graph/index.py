"""Materialised edges and counts, kept in step with the article graphs at every write.

Global aggregates (who met whom, claims per author, articles per entity) take seconds over
millions of quads; users expect them in milliseconds. Each article graph records the actor
pairs its meetings connect (`<pair> ng:sharedMeeting <meeting>`); the index graph
`<BASE>graph/index` holds the ordered pair (`ng:first`, `ng:second`) and one count per pair and per entity, recomputed - in the same
transaction as the article write - only for the pairs and entities that article touches.
"""
from __future__ import annotations

from rdflib import URIRef

from .terms import nt

# What an entity is counted for: count property -> graph pattern binding ?x for entity ?e.
ENTITY_COUNTS = {
    "articleCount": "?x <https://schema.org/mentions> ?e",
    "meetingCount": "?x <https://schema.org/attendee> ?e",
    "claimCount": "?x <https://schema.org/author> ?e",
}
NG = "https://w3id.org/newsgraph/vocab#"


def touched_by_stored(store, article_iri: URIRef) -> tuple[set[URIRef], set[URIRef]]:
    """Pairs and entities the stored version of an article contributes to (before it is replaced)."""
    pairs = {r[0] for r in store.query(
        f"SELECT DISTINCT ?p WHERE {{ GRAPH {nt(article_iri)} {{ ?p <{NG}sharedMeeting> ?m }} }}").rows}
    entities = {r[0] for r in store.query(
        f"SELECT DISTINCT ?e WHERE {{ GRAPH {nt(article_iri)} {{ ?x ?p ?e . "
        f"FILTER(?p IN (<https://schema.org/mentions>, <https://schema.org/attendee>, <https://schema.org/author>)) "
        f"FILTER(isIRI(?e)) }} }}").rows}
    return pairs, entities


def recount(index_graph: URIRef, pairs: set[URIRef], entities: set[URIRef]) -> list[str]:
    """SPARQL Update operations that recompute the counts of `pairs` and `entities`."""
    ops = []
    g = nt(index_graph)
    if pairs:
        values = " ".join(nt(p) for p in sorted(pairs))
        ops.append(f"DELETE {{ GRAPH {g} {{ ?p <{NG}meetingCount> ?c ; <{NG}first> ?a ; <{NG}second> ?b }} }} "
                   f"WHERE {{ VALUES ?p {{ {values} }} GRAPH {g} {{ ?p <{NG}meetingCount> ?c ; <{NG}first> ?a ; "
                   f"<{NG}second> ?b }} }}")
        ops.append(f"INSERT {{ GRAPH {g} {{ ?p <{NG}meetingCount> ?c ; <{NG}first> ?a ; <{NG}second> ?b }} }} "
                   f"WHERE {{ {{ SELECT ?p (COUNT(DISTINCT ?m) AS ?c) (SAMPLE(?a0) AS ?a) (SAMPLE(?b0) AS ?b) "
                   f"WHERE {{ VALUES ?p {{ {values} }} GRAPH ?x {{ ?p <{NG}sharedMeeting> ?m ; <{NG}pairMember> ?a0 , ?b0 "
                   f"FILTER(STR(?a0) < STR(?b0)) }} }} GROUP BY ?p }} }}")
    if entities:
        values = " ".join(nt(e) for e in sorted(entities))
        for prop, pattern in ENTITY_COUNTS.items():
            ops.append(f"DELETE {{ GRAPH {g} {{ ?e <{NG}{prop}> ?c }} }} "
                       f"WHERE {{ VALUES ?e {{ {values} }} GRAPH {g} {{ ?e <{NG}{prop}> ?c }} }}")
            ops.append(f"INSERT {{ GRAPH {g} {{ ?e <{NG}{prop}> ?c }} }} WHERE {{ {{ SELECT ?e "
                       f"(COUNT(DISTINCT ?x) AS ?c) WHERE {{ VALUES ?e {{ {values} }} GRAPH ?gx {{ {pattern} }} }} "
                       f"GROUP BY ?e }} }}")
    return ops
