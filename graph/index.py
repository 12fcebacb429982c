"""Materialised edges and counts, kept in step with the article graphs at every write.

Global aggregates (who met whom, claims per author, articles per entity) take seconds over
millions of quads; users expect them in milliseconds. Each article graph records the actor
pairs its meetings connect (`<pair> ng:sharedMeeting <meeting>`); the index graph
`<BASE>graph/index` holds the ordered pair (`ng:first`, `ng:second`) with its `ng:sharedMeetingCount`, and the counts per entity, recomputed - in the same
transaction as the article write - only for the pairs and entities that article touches.
"""
from __future__ import annotations

from rdflib import URIRef

from .terms import nt, nt_triples

NG = "https://w3id.org/newsgraph/vocab#"

COUNTED = {  # predicate of a counted fact -> (count property, counted node is the fact's subject?)
    "http://schema.org/mentions": ("articleCount", False),
    "http://schema.org/attendee": ("meetingCount", False),
    "http://schema.org/author": ("claimCount", False),
    "http://schema.org/location": ("venueCount", False),
    # pair ng:sharedMeeting meeting: counts the pair's meetings (its own property, so a page of the
    # top pairs is one index scan, with no join to tell pairs from entities)
    NG + "sharedMeeting": ("sharedMeetingCount", True),
    # item ng:inBucket bucket: counts a month bucket's items (graph/buckets.py)
    NG + "inBucket": ("itemCount", False),
}
# Index nodes that exist only while they count something: a pair, a month bucket. Their other
# facts in the index graph (first/second; a bucket's entity and month) leave with the count.
NODE_COUNTS = ("sharedMeetingCount", "itemCount")
# The predicates whose facts move an entity's counts, and per count property the pattern binding
# ?x for entity ?e (for full recounts): both read off COUNTED.
ENTITY_COUNTED = tuple(p for p, (_, on_subject) in COUNTED.items() if not on_subject)
ENTITY_COUNTS = {prop: f"?x <{p}> ?e" for p, (prop, on_subject) in COUNTED.items() if not on_subject}


def touched_by_stored(store, article_iri: URIRef) -> tuple[set[URIRef], set[URIRef]]:
    """Pairs and entities the stored version of an article contributes to (before it is replaced)."""
    pairs = {r[0] for r in store.query(
        f"SELECT DISTINCT ?p WHERE {{ GRAPH {nt(article_iri)} {{ ?p <{NG}sharedMeeting> ?m }} }}").rows}
    entities = {r[0] for r in store.query(
        f"SELECT DISTINCT ?e WHERE {{ GRAPH {nt(article_iri)} {{ ?x ?p ?e . "
        f"FILTER(?p IN ({', '.join(f'<{p}>' for p in ENTITY_COUNTED)})) "
        f"FILTER(isIRI(?e)) }} }}").rows}
    return pairs, entities


def recount(index_graph: URIRef, pairs: set[URIRef] | None, entities: set[URIRef] | None) -> list[str]:
    """SPARQL Update operations that recompute the counts of `pairs` and `entities` from the
    article graphs; None computes every pair or entity into an empty index graph (`newsgraph
    reindex` drops it first)."""
    ops = []
    g = nt(index_graph)
    if pairs is None or pairs:
        values = "" if pairs is None else f"VALUES ?p {{ {' '.join(nt(p) for p in sorted(pairs))} }} "
        if pairs is not None:
            ops.append(f"DELETE {{ GRAPH {g} {{ ?p <{NG}sharedMeetingCount> ?c ; <{NG}first> ?a ; <{NG}second> ?b }} }} "
                       f"WHERE {{ {values}GRAPH {g} {{ ?p <{NG}sharedMeetingCount> ?c ; <{NG}first> ?a ; "
                       f"<{NG}second> ?b }} }}")
        ops.append(f"INSERT {{ GRAPH {g} {{ ?p <{NG}sharedMeetingCount> ?c ; <{NG}first> ?a ; <{NG}second> ?b }} }} "
                   f"WHERE {{ {{ SELECT ?p (COUNT(DISTINCT ?m) AS ?c) (SAMPLE(?a0) AS ?a) (SAMPLE(?b0) AS ?b) "
                   f"WHERE {{ {values}GRAPH ?x {{ ?p <{NG}sharedMeeting> ?m ; <{NG}pairMember> ?a0 , ?b0 "
                   f"FILTER(STR(?a0) < STR(?b0)) }} }} GROUP BY ?p }} }}")
    if entities is None or entities:
        values = "" if entities is None else f"VALUES ?e {{ {' '.join(nt(e) for e in sorted(entities))} }} "
        for prop, pattern in ENTITY_COUNTS.items():
            if entities is not None:
                ops.append(f"DELETE {{ GRAPH {g} {{ ?e <{NG}{prop}> ?c }} }} "
                           f"WHERE {{ {values}GRAPH {g} {{ ?e <{NG}{prop}> ?c }} }}")
            ops.append(f"INSERT {{ GRAPH {g} {{ ?e <{NG}{prop}> ?c }} }} WHERE {{ {{ SELECT ?e "
                       f"(COUNT(DISTINCT ?x) AS ?c) WHERE {{ {values}GRAPH ?gx {{ {pattern} }} FILTER(isIRI(?e)) }} "
                       f"GROUP BY ?e }} }}")
    return ops


def drop_uncounted(index_graph: URIRef, nodes: set[URIRef]) -> list[str]:
    """After a `recount` of `nodes`: the pairs and month buckets among them that count nothing any
    more leave the index with their other facts (as `delta_counts` does for the ones it moves)."""
    if not nodes:
        return []
    g = nt(index_graph)
    counts = ", ".join(f"<{NG}{prop}>" for prop in NODE_COUNTS)
    marks = f"<{NG}first>, <{NG}month>"  # a pair's first member, a bucket's month: what index nodes have
    return [f"DELETE {{ GRAPH {g} {{ ?n ?p ?o }} }} WHERE {{ VALUES ?n {{ {' '.join(nt(n) for n in sorted(nodes))} }} "
            f"GRAPH {g} {{ ?n ?p ?o }} FILTER EXISTS {{ GRAPH {g} {{ ?n ?m ?x FILTER(?m IN ({marks})) }} }} "
            f"FILTER NOT EXISTS {{ GRAPH {g} {{ ?n ?c ?v FILTER(?c IN ({counts})) }} }} }}"]


# ---- incremental counts: O(what one article touches), not O(what the store holds)


def stored_facts(store, article_iri: URIRef) -> set[tuple]:
    """The counted facts (x, p, y) the stored version of an article holds."""
    preds = ", ".join(f"<{p}>" for p in COUNTED)
    return {tuple(r) for r in store.query(
        f"SELECT ?x ?p ?y WHERE {{ GRAPH {nt(article_iri)} {{ ?x ?p ?y . FILTER(?p IN ({preds})) "
        f"FILTER(isIRI(?y)) }} }}").rows}


def delta_counts(store, article_iri: URIRef, index_graph: URIRef, old: set[tuple], new: set[tuple],
                 pair_members: dict, bucket_facts: dict) -> list[str]:
    """SPARQL Update operations that move the counts by what replacing `old` with `new` changes.

    A count is the number of distinct x with (x p y) in any graph; a fact only moves it when no
    other graph holds it too (a meeting reported by several articles counts once). A month
    bucket that starts counting gets its `bucket_facts` (graph/buckets.py) in the index."""
    changed = old ^ new
    if not changed:
        return []
    # facts about the article itself (it mentions, it is filed) are in no other graph
    shared = sorted(f for f in changed if f[0] != article_iri)
    values = " ".join(f"({nt(x)} {nt(p)} {nt(y)})" for x, p, y in shared)
    elsewhere = {tuple(r) for r in store.query(
        f"SELECT DISTINCT ?x ?p ?y WHERE {{ VALUES (?x ?p ?y) {{ {values} }} GRAPH ?g {{ ?x ?p ?y }} "
        f"FILTER(?g != {nt(article_iri)}) }}").rows} if shared else set()
    deltas: dict[tuple[str, URIRef], int] = {}
    for facts, sign in ((new - old, 1), (old - new, -1)):
        for x, p, y in facts:
            if (x, p, y) in elsewhere:
                continue
            prop, on_subject = COUNTED[str(p)]
            node = x if on_subject else y
            deltas[(prop, node)] = deltas.get((prop, node), 0) + sign
    deltas = {k: d for k, d in deltas.items() if d}
    g = nt(index_graph)
    ops, dead = [], []
    if deltas:
        # New values computed here from the stored ones and written as data: pattern-matching
        # DELETE/INSERT updates cost about a third of an article's write. Safe because one
        # writer holds the store (ingest is one process; the embedded store is locked).
        vals = " ".join(f"({nt(n)} <{NG}{prop}>)" for prop, n in sorted(deltas))
        current = {(str(p)[len(NG):], n): int(c) for n, p, c in store.query(
            f"SELECT ?n ?p ?c WHERE {{ VALUES (?n ?p) {{ {vals} }} GRAPH {g} {{ ?n ?p ?c }} }}").rows}
        gone, added = [], []
        for (prop, node), d in sorted(deltas.items()):
            old_value = current.get((prop, node))
            value = (old_value or 0) + d
            if old_value is not None:
                gone.append(f"{nt(node)} <{NG}{prop}> {old_value} .\n")
            if value > 0:
                added.append(f"{nt(node)} <{NG}{prop}> {value} .\n")
                if old_value is None and node in bucket_facts:
                    added.append(nt_triples([(node, p, o) for p, o in bucket_facts[node]]))
            elif prop in NODE_COUNTS:
                dead.append(node)
        if gone:
            ops.append(f"DELETE DATA {{ GRAPH {g} {{ {''.join(gone)} }} }}")
        if added:
            ops.append(f"INSERT DATA {{ GRAPH {g} {{ {''.join(added)} }} }}")
    new_pairs = {x for x, p, y in new if str(p) == NG + "sharedMeeting"}
    ins = "".join(f"{nt(p)} <{NG}first> {nt(a)} ; <{NG}second> {nt(b)} .\n"
                  for p in sorted(new_pairs) if p in pair_members
                  for a, b in [sorted(set(pair_members[p]), key=str)])
    if ins:
        ops.append(f"INSERT DATA {{ GRAPH {g} {{ {ins} }} }}")
    if dead:  # a pair with no meeting left, a month bucket with no item left, leaves the index
        vals = " ".join(nt(n) for n in sorted(dead))
        ops.append(f"DELETE {{ GRAPH {g} {{ ?n ?p ?o }} }} WHERE {{ VALUES ?n {{ {vals} }} GRAPH {g} {{ ?n ?p ?o }} }}")
    return ops

