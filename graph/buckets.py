"""Month buckets: each dated item filed under the month it falls in, per entity and kind.

A listing in date order ("an actor's newest claims", "the latest meetings") must otherwise
sort every item before it can show the first page: 30,000 claims for the most quoted actor at
100,000 articles. With items filed by month, a named query reads the bucket counts in the
index graph, picks the few months the page needs, and sorts only their items.

An article graph holds `<item> ng:inBucket <bucket>` (the item: a claim, meeting or the article
itself) and the item's `ng:sortDate` (its date as written, "" when undated: one lookup where
the date would take two OPTIONALs); the index graph holds each bucket's `ng:itemCount` (kept
by graph/index.py like every count), whose it is, by one property per kind (`ng:saidBy`,
`ng:attendedBy`, `ng:heldAt`, `ng:mentioning`; `ng:listing ng:Meeting` for every meeting: one
index scan finds an entity's buckets of one kind), and `ng:month` ("2026-01", a shorter prefix
for a year, "" when undated, so it sorts where SPARQL sorts an unbound date). An item has one
date (a shared meeting's IRI carries its day; claims and other meetings belong to one
article), so the counts of a kind's months add up to its items.
"""
from __future__ import annotations

from rdflib import Literal, URIRef

from .namespaces import NG, RDF, SDO
from .terms import nt, nt_triples

# kind (its IRI segment) -> (the property from a bucket to its entity, what its items are)
KINDS = {
    "said": (NG.saidBy, "claims the entity made (schema:author)"),
    "attended": (NG.attendedBy, "meetings the entity attended (schema:attendee)"),
    "hosted": (NG.heldAt, "meetings held at the entity (schema:location)"),
    "mentioned": (NG.mentioning, "articles that mention the entity (schema:mentions)"),
    "listed": (NG.listing, "every meeting (the bucket's entity is ng:Meeting)"),
}
UNDATED = "undated"  # the IRI segment of the month ""
_ROLES = {SDO.startDate: "start", SDO.dateCreated: "created", SDO.datePublished: "published",
          SDO.author: "author", SDO.attendee: "attendee", SDO.location: "venue", SDO.mentions: "mentions",
          RDF.type: "type"}


def month_of(date) -> str:
    """The bucket month of a date literal (the first 7 characters: "2026-01"); "" for none."""
    return str(date)[:7] if date is not None else ""


def bucket_iri(base: str, of: URIRef, kind: str, month: str) -> URIRef:
    """<entity>/said/2026-01; every meeting's buckets under <base>bucket/meetings/."""
    head = f"{base}bucket/meetings" if of == NG.Meeting else str(of)
    return URIRef(f"{head}/{kind}/{month or UNDATED}")


def file_items(base: str, article: URIRef, triples: list, entities) -> tuple[list, dict]:
    """The article's `ng:inBucket` triples, and per bucket what the index says of it.

    Reads the article's own triples (at ingest, or from a stored graph in `refile_update`): claims by author, meetings by attendee, venue and as one of all meetings, the
    article by each entity it mentions."""
    published = None
    dates, created = {}, {}
    authors, attendees, venues, meetings, mentioned = [], [], [], [], []
    for s, p, o in triples:
        role = _ROLES.get(p)  # one hash lookup: URIRef == is a Python call, ~450 triples an article
        if role is None:
            continue
        if role == "start":
            dates[s] = o
        elif role == "created":
            created[s] = o
        elif role == "published":
            if s == article:
                published = o
        elif role == "author":
            authors.append((s, o))
        elif role == "attendee":
            attendees.append((s, o))
        elif role == "venue":
            venues.append((s, o))
        elif role == "mentions":
            if s == article and o in entities:
                mentioned.append(o)
        elif o == NG.Meeting:  # rdf:type
            meetings.append(s)
    filed, buckets, sort_dates = [], {}, {}

    def put(item, of, kind, date):
        month = month_of(date)
        b = bucket_iri(base, of, kind, month)
        filed.append((item, NG.inBucket, b))
        sort_dates[item] = Literal(str(date) if date is not None else "")
        buckets[b] = ((KINDS[kind][0], of), (NG.month, Literal(month)))

    for claim, who in authors:
        put(claim, who, "said", created.get(claim, published))
    for meeting, who in attendees:
        put(meeting, who, "attended", dates.get(meeting))
    for meeting, where in venues:
        put(meeting, where, "hosted", dates.get(meeting))
    for meeting in meetings:
        put(meeting, NG.Meeting, "listed", dates.get(meeting))
    for e in mentioned:
        put(article, e, "mentioned", published)
    filed += [(item, NG.sortDate, d) for item, d in sort_dates.items()]
    return filed, buckets


def refile_update(store, base: str, index_graph: URIRef, entities, graphs: list[str]) -> str:
    """The SPARQL Update that files the items of the stored article `graphs` again (`newsgraph
    reindex` runs one per batch of graphs): each graph's triples are read and filed by
    `file_items`, as at ingest, replacing the graph's old filing; the buckets' metadata goes to the
    index graph. Counts follow from graph/index.py's recount. `entities`: the IRIs an article's
    `schema:mentions` may file under (those with a resolution key).

    Reading by graph keeps a batch's cost its own: an update joining `GRAPH ?g { ?i schema:author
    ?e }` to the batch's graphs let Oxigraph scan every author triple of the store per batch
    (90 s per 1,000 articles at 100k)."""
    refiled = (NG.inBucket, NG.sortDate)
    preds = " ".join(nt(p) for p in (*_ROLES, *refiled))
    rows = store.query(f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {' '.join(f'<{g}>' for g in graphs)} }} "
                       f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?p IN ({preds.replace(' ', ', ')})) }}").rows
    read: dict[str, list] = {g: [] for g in graphs}
    old: dict[str, list] = {}
    for g, s_, p, o in rows:
        (old.setdefault(str(g), []) if p in refiled else read[str(g)]).append((s_, p, o))
    ops = [f"DELETE DATA {{ {''.join(f'GRAPH <{g}> {{ {nt_triples(t)}}} ' for g, t in old.items())}}}"] if old else []
    filed_text, facts = [], {}
    for g, triples in read.items():
        filed, buckets = file_items(base, URIRef(g), triples, entities)
        if filed:
            filed_text.append(f"GRAPH <{g}> {{ {nt_triples(filed)}}} ")
        facts.update(buckets)
    meta = [(b, p, o) for b, fs in facts.items() for p, o in fs]
    if filed_text or meta:
        ops.append(f"INSERT DATA {{ {''.join(filed_text)}GRAPH <{index_graph}> {{ {nt_triples(meta)}}} }}")
    return " ;\n".join(ops)


def rename_buckets(store, index_graph: URIRef, old: URIRef, new: URIRef) -> tuple[list[str], set[URIRef]]:
    """SPARQL Update operations that move `old`'s month buckets to `new` (run them before the node
    itself is renamed), and the bucket IRIs whose counts must be recomputed.

    A bucket's IRI is made from its entity's (`<old>/said/2026-01`): renaming the entity
    everywhere leaves its items filed under the old entity's buckets, which the index then lists
    beside the new entity's own buckets for the same months (a `timeline` told claims from
    meetings wrong until `reindex`). Found through the index graph: one lookup per kind."""
    props = ", ".join(nt(prop) for prop, _ in KINDS.values())
    rows = store.query(f"SELECT DISTINCT ?b WHERE {{ GRAPH {nt(index_graph)} {{ ?b ?k {nt(old)} }} "
                       f"FILTER(?k IN ({props})) }}").rows
    moves = [(b, URIRef(str(new) + str(b)[len(str(old)):])) for (b,) in rows if str(b).startswith(str(old) + "/")]
    if not moves:
        return [], set()
    values = " ".join(f"({nt(b)} {nt(nb)})" for b, nb in moves)
    g, inb, count = nt(index_graph), nt(NG.inBucket), nt(NG.itemCount)
    ops = [
        f"DELETE {{ GRAPH ?g {{ ?i {inb} ?b }} }} INSERT {{ GRAPH ?g {{ ?i {inb} ?nb }} }} "
        f"WHERE {{ VALUES (?b ?nb) {{ {values} }} GRAPH ?g {{ ?i {inb} ?b }} }}",
        # the bucket's entity and month go with it (its entity is renamed next); counts are recounted
        f"INSERT {{ GRAPH {g} {{ ?nb ?p ?o }} }} WHERE {{ VALUES (?b ?nb) {{ {values} }} "
        f"GRAPH {g} {{ ?b ?p ?o }} FILTER(?p != {count}) }}",
        f"DELETE {{ GRAPH {g} {{ ?b ?p ?o }} }} WHERE {{ VALUES (?b ?nb) {{ {values} }} GRAPH {g} {{ ?b ?p ?o }} }}",
    ]
    return ops, {b for m in moves for b in m}
