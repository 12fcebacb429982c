"""What an entity page shows: the SPARQL behind /resource (run in a query worker) and small helpers.

One `gather(store, iri)` call runs every query of a page in the worker, so a page costs one
round trip and is stopped by the same time limit as any query.
"""
from __future__ import annotations

from rdflib import Literal, URIRef

from newsgraph.graph.namespaces import NG, PREFIXES, SDO

ROW_CAP = 300  # per section

# The shape of every section, so that a hub (a country in 20,000 articles) answers as fast as a
# name in two: the page's rows are chosen first, in a sub-select that reads ?r's own facts and
# ends in ORDER BY/LIMIT (Oxigraph evaluates it first and joins its few rows onward); facts the
# writer guarantees (a claim's text, type, evidence and source, shapes.ttl) are joins; everything
# else is an OPTIONAL of one pattern or path (Oxigraph evaluates a larger OPTIONAL over the whole
# store before joining it). benchmarks/page_cost.py times each section on the hubs.

# ?X's display label, from whatever the node has (bind ?X first): a name, a headline, an English
# rdfs:label, a claim's text, or "meeting in PLACE, DATE"
_LABEL = """
  OPTIONAL {{ ?{x} schema:name ?{x}_n }}
  OPTIONAL {{ ?{x} schema:headline ?{x}_h }}
  OPTIONAL {{ ?{x} rdfs:label ?{x}_l FILTER(LANGMATCHES(LANG(?{x}_l), "en")) }}
  OPTIONAL {{ ?{x} schema:text ?{x}_t }}
  OPTIONAL {{ ?{x} schema:startDate ?{x}_d }}
  OPTIONAL {{ ?{x} schema:location/schema:name ?{x}_p }}
  BIND(COALESCE(?{x}_n, ?{x}_h, ?{x}_l, ?{x}_t,
       IF(BOUND(?{x}_p) || BOUND(?{x}_d), CONCAT("meeting", IF(BOUND(?{x}_p), CONCAT(" in ", STR(?{x}_p)), ""),
                                                IF(BOUND(?{x}_d), CONCAT(", ", STR(?{x}_d)), "")), ?nothing)) AS ?{x}_label)
"""


def _label(x: str) -> str:
    return _LABEL.format(x=x)


Q_FACTS = f"""SELECT ?p ?o (SAMPLE(?o_label) AS ?label) WHERE {{
  {{ SELECT ?p ?o WHERE {{
#VALUES
      ?r ?p ?o . FILTER(?p NOT IN (prov:wasDerivedFrom, schema:articleBody)) }} ORDER BY ?p ?o LIMIT {ROW_CAP} }}
  {_label("o")}
}} GROUP BY ?p ?o ORDER BY ?p ?o"""

Q_INCOMING = f"""SELECT ?s ?p (SAMPLE(?s_label) AS ?label) WHERE {{
  {{ SELECT ?s ?p WHERE {{
#VALUES
      ?s ?p ?r .
      # what the meetings, claims and sources sections already show, and the annotations' plumbing
      FILTER(?p NOT IN (oa:hasBody, oa:hasSource, ng:pairMember, ng:first, ng:second, prov:wasDerivedFrom,
                        schema:attendee, schema:location, schema:author, schema:mentions, ng:target, schema:about))
    }} ORDER BY ?p ?s LIMIT {ROW_CAP} }}
  {_label("s")}
}} GROUP BY ?s ?p ORDER BY ?p ?s"""

# One row per meeting, however many reports gave it a date, a place or a status.
Q_MEETINGS = f"""SELECT ?m ?date (SAMPLE(?pl) AS ?place) (SAMPLE(?pn) AS ?placeName)
       (GROUP_CONCAT(DISTINCT ?st; separator=", ") AS ?status)
       (GROUP_CONCAT(DISTINCT ?who; separator=", ") AS ?attendees) WHERE {{
  {{ SELECT ?m (MAX(?d) AS ?date) WHERE {{
      {{ SELECT DISTINCT ?m WHERE {{
#VALUES
          {{ ?m schema:attendee ?r }} UNION {{ ?m schema:location ?r }} ?m a ng:Meeting }} }}
      OPTIONAL {{ ?m schema:startDate ?d }}
    }} GROUP BY ?m ORDER BY DESC(?date) ?m LIMIT {ROW_CAP} }}
  OPTIONAL {{ ?m schema:location ?pl }}
  OPTIONAL {{ ?m schema:location/schema:name ?pn }}
  OPTIONAL {{ ?m ng:status/rdfs:label ?st FILTER(LANGMATCHES(LANG(?st), "en")) }}
  OPTIONAL {{ ?m schema:attendee/schema:name ?who }}
}} GROUP BY ?m ?date ORDER BY DESC(?date) ?m"""

Q_MET = f"""SELECT ?o ?name ?meetings WHERE {{
  {{ SELECT ?o (COUNT(DISTINCT ?m) AS ?meetings) WHERE {{
#VALUES
      ?m schema:attendee ?r , ?o . FILTER(?o != ?r) }} GROUP BY ?o ORDER BY DESC(?meetings) ?o LIMIT {ROW_CAP} }}
  OPTIONAL {{ ?o schema:name ?name }}
}} ORDER BY DESC(?meetings) ?name"""

# who met at a place (a place that attends, a country, is in "met" too)
Q_MET_HERE = f"""SELECT ?o ?name ?meetings WHERE {{
  {{ SELECT ?o (COUNT(DISTINCT ?m) AS ?meetings) WHERE {{
#VALUES
      ?m schema:location ?r ; schema:attendee ?o . }} GROUP BY ?o ORDER BY DESC(?meetings) ?o LIMIT {ROW_CAP} }}
  OPTIONAL {{ ?o schema:name ?name }}
}} ORDER BY DESC(?meetings) ?name"""

Q_CLAIMS = f"""SELECT ?c ?text ?type ?date ?direct (SAMPLE(?sent) AS ?sentence) (SAMPLE(?a) AS ?article)
       (SAMPLE(?h) AS ?headline) WHERE {{
  {{ SELECT ?c ?date WHERE {{
#VALUES
      ?c schema:author ?r . OPTIONAL {{ ?c schema:dateCreated ?date }} }} ORDER BY DESC(?date) ?c LIMIT {ROW_CAP} }}
  ?c schema:text ?text ; ng:claimType ?ct ; ng:evidence ?ev ; prov:wasDerivedFrom ?a .
  ?ct rdfs:label ?type FILTER(LANGMATCHES(LANG(?type), "en"))
  ?ev oa:hasTarget/oa:hasSelector/oa:exact ?sent .
  OPTIONAL {{ ?c ng:directQuote ?direct }}
  OPTIONAL {{ ?a schema:headline ?h }}
}} GROUP BY ?c ?text ?type ?date ?direct ORDER BY DESC(?date) ?c"""

def _newest_filed(kind: str, item: str) -> str:
    """A sub-select of ?r's ROW_CAP newest items (as ?{item}, with their sort ?key) filed in its
    month buckets of `kind` (ng:saidBy, ng:mentioning; graph/buckets.py): the bucket counts in the
    index graph pick the months the page needs and only their items are sorted, as the named
    queries claims-by-actor and articles-mentioning read them."""
    return f"""  {{ SELECT ?{item} ?key WHERE {{
      {{ SELECT ?b WHERE {{
          {{ SELECT ?b (SUM(IF(?m2 > ?m, ?c2, 0)) AS ?before) WHERE {{
              {{ SELECT ?b ?m WHERE {{
#VALUES
                  GRAPH <urn:newsgraph:index> {{ ?b {kind} ?r ; ng:month ?m }} }} }}
              {{ SELECT ?m2 ?c2 WHERE {{
#VALUES
                  GRAPH <urn:newsgraph:index> {{ ?b2 {kind} ?r ; ng:month ?m2 ; ng:itemCount ?c2 }} }} }}
              FILTER(?m2 >= ?m)
            }} GROUP BY ?b }}
          FILTER(?before < {ROW_CAP})
      }} LIMIT 999999 }}
      GRAPH ?g {{ ?{item} ng:inBucket ?b ; ng:sortDate ?key }}
    }} ORDER BY DESC(?key) ?{item} LIMIT {ROW_CAP} }}
"""


# An actor's newest claims from their month buckets (ng:saidBy), as the named query claims-by-actor
# reads them: only the months the page needs are sorted (an actor quoted 20,000 times sorts a few
# hundred claims). Empty for a store without buckets: Q_CLAIMS answers then.
Q_CLAIMS_BUCKETED = f"""SELECT ?c ?text ?type ?date ?direct (SAMPLE(?sent) AS ?sentence) (SAMPLE(?a) AS ?article)
       (SAMPLE(?h) AS ?headline) WHERE {{
{_newest_filed('ng:saidBy', 'c')}  ?c schema:text ?text ; ng:claimType ?ct ; ng:evidence ?ev ; prov:wasDerivedFrom ?a .
  ?ct rdfs:label ?type FILTER(LANGMATCHES(LANG(?type), "en"))
  ?ev oa:hasTarget/oa:hasSelector/oa:exact ?sent .
  OPTIONAL {{ ?c schema:dateCreated ?date }}
  OPTIONAL {{ ?c ng:directQuote ?direct }}
  OPTIONAL {{ ?a schema:headline ?h }}
}} GROUP BY ?c ?text ?type ?date ?direct ?key ORDER BY DESC(?key) ?c"""

Q_EVIDENCE = f"""SELECT ?exact ?article ?headline ?published ?start ?end WHERE {{
  {{ SELECT ?t WHERE {{
#VALUES
      ?r ng:evidence ?ann . ?ann oa:hasTarget ?t }} LIMIT {ROW_CAP} }}
  ?t oa:hasSource ?article ; oa:hasSelector ?q , ?pos .
  ?q oa:exact ?exact . ?pos oa:start ?start ; oa:end ?end .
  OPTIONAL {{ ?article schema:headline ?headline }}
  OPTIONAL {{ ?article schema:datePublished ?published }}
}} ORDER BY ?published ?article ?start"""

# claims whose target or subject is this entity ("what was said about Ukraine")
Q_CLAIMS_ABOUT = f"""SELECT ?c ?text ?date ?author (SAMPLE(?wn) AS ?authorName) WHERE {{
  {{ SELECT ?c ?date WHERE {{
      {{ SELECT DISTINCT ?c WHERE {{
#VALUES
          {{ ?c ng:target ?r }} UNION {{ ?c schema:about ?r }} ?c a schema:Claim }} }}
      OPTIONAL {{ ?c schema:dateCreated ?date }} }} ORDER BY DESC(?date) ?c LIMIT {ROW_CAP} }}
  ?c schema:text ?text ; schema:author ?author .
  OPTIONAL {{ ?author schema:name ?wn }}
}} GROUP BY ?c ?text ?date ?author ORDER BY DESC(?date) ?c"""

# how many rows each capped section has in all (the page shows the first ROW_CAP)
Q_TOTALS = """SELECT
  (COUNT(DISTINCT ?m) AS ?meetings) (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?a) AS ?articles) WHERE {
  { ?m schema:attendee ?r } UNION { ?m schema:location ?r } UNION { ?c schema:author ?r }
  UNION { ?r prov:wasDerivedFrom ?a } UNION { ?a schema:mentions ?r }
}"""

Q_ARTICLES = f"""SELECT ?a ?headline ?date ?url ?source WHERE {{
  {{ SELECT ?a (MAX(?d) AS ?date) WHERE {{
      {{ SELECT DISTINCT ?a WHERE {{
#VALUES
          {{ ?r prov:wasDerivedFrom ?a }} UNION {{ ?a schema:mentions ?r }} }} }}
      OPTIONAL {{ ?a schema:datePublished ?d }}
    }} GROUP BY ?a ORDER BY DESC(?date) ?a LIMIT {ROW_CAP} }}
  ?a a schema:NewsArticle .
  OPTIONAL {{ ?a schema:headline ?headline }}
  OPTIONAL {{ ?a schema:url ?url }}
  OPTIONAL {{ ?a ng:source ?source }}
}} ORDER BY DESC(?date) ?a"""

# An entity's newest source articles from its month buckets (graph/buckets.py), as the named query
# articles-mentioning reads them: the months the page needs are picked from the bucket counts in
# the index graph and only their articles are sorted (a country in 50,000 articles sorts a few
# hundred). Empty for what has no buckets (a meeting, a claim): Q_ARTICLES answers for those.
Q_ARTICLES_BUCKETED = f"""SELECT ?a ?headline ?date ?url ?source WHERE {{
{_newest_filed('ng:mentioning', 'a')}  OPTIONAL {{ ?a schema:datePublished ?date }}
  OPTIONAL {{ ?a schema:headline ?headline }}
  OPTIONAL {{ ?a schema:url ?url }}
  OPTIONAL {{ ?a ng:source ?source }}
}} ORDER BY DESC(?key) ?a"""

# an article page: its text and every annotation that points into it, with what each supports
Q_ARTICLE_TEXT = "SELECT ?body WHERE { ?r schema:articleBody ?body } LIMIT 1"

Q_ANNOTATIONS = f"""SELECT ?b ?start ?end ?exact ?why (SAMPLE(?type) AS ?kind) (SAMPLE(?b_label) AS ?label) WHERE {{
  ?t oa:hasSource ?r . ?ann oa:hasTarget ?t ; oa:hasBody ?b ; oa:motivatedBy ?why .
  ?t oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
  OPTIONAL {{ ?t oa:hasSelector/oa:exact ?exact }}
  OPTIONAL {{ ?b a ?type FILTER(?type IN (ng:Meeting, schema:Claim, schema:Person, schema:Organization,
                                         schema:Country, schema:Place)) }}
  {_label("b")}
}} GROUP BY ?b ?start ?end ?exact ?why ORDER BY ?start ?end"""

# sections read from month buckets when the store has them for ?r (the plain query otherwise)
BUCKETED = {"articles": Q_ARTICLES_BUCKETED, "claims": Q_CLAIMS_BUCKETED}

SECTIONS = {"facts": Q_FACTS, "incoming": Q_INCOMING, "meetings": Q_MEETINGS, "met": Q_MET, "met_here": Q_MET_HERE,
            "claims": Q_CLAIMS, "claims_about": Q_CLAIMS_ABOUT, "evidence": Q_EVIDENCE, "articles": Q_ARTICLES,
            "totals": Q_TOTALS}

KINDS = [(str(NG.Meeting), "meeting"), (str(SDO.Claim), "claim"), (str(SDO.NewsArticle), "article"),
         (str(SDO.Person), "person"), (str(SDO.Country), "country"), (str(SDO.Organization), "organization"),
         (str(SDO.Place), "place")]


def gather(store, iri: str, base: str | None = None) -> dict | None:
    """Everything the page of `iri` shows, as plain Python values; None when the store knows nothing
    of it. `base`: the store's base IRI (its index graph holds the month buckets)."""
    from newsgraph.graph.namespaces import DEFAULT_BASE_IRI
    r = {"r": URIRef(iri)}
    out = {}
    for name, q in SECTIONS.items():
        if name in BUCKETED:
            bucketed = BUCKETED[name].replace("<urn:newsgraph:index>", f"<{base or DEFAULT_BASE_IRI}graph/index>")
            res = store.query(bucketed, r)
            if not res.rows:
                res = store.query(q, r)
        else:
            res = store.query(q, r)
        out[name] = [{v: _plain(t) for v, t in zip(res.vars, row)} for row in res.rows]
    totals = out.pop("totals")
    out["totals"] = {k: int(v["value"]) for k, v in (totals[0] if totals else {}).items() if v}
    if not any(out[k] for k in SECTIONS if k != "totals"):
        return None
    types = [f["o"]["value"] for f in out["facts"] if f["p"]["value"] == str(_RDF_TYPE)]
    out["kind"] = next((k for cls, k in KINDS if cls in types), "resource")
    out["types"] = types
    out["title"] = _title(out)
    if out["kind"] == "article":
        out.update(article_text(store, r))
    return out


def article_text(store, r: dict) -> dict:
    """The article's text cut into highlighted segments, its facts (meetings, claims) numbered in
    order of first evidence, and the entities it names."""
    from .highlight import Span, segments

    body = store.query(Q_ARTICLE_TEXT, r).rows
    res = store.query(Q_ANNOTATIONS, r)
    rows = [dict(zip(res.vars, row)) for row in res.rows]
    facts, entities, spans = [], [], []
    index: dict[tuple[str, bool], int] = {}
    for row in rows:
        mention = str(row["why"]).endswith("identifying")
        key = (str(row["b"]), mention)
        if key not in index:
            target = entities if mention else facts
            index[key] = len(target)
            kind = next((k for cls, k in KINDS if row["kind"] is not None and str(row["kind"]) == cls), "resource")
            target.append({"iri": str(row["b"]), "kind": kind, "label": str(row["label"] or row["b"]),
                           "exact": str(row["exact"] or "")})
        spans.append(Span(int(row["start"]), int(row["end"]), index[key], mention))
    if not body:
        return {"text": None, "read": facts, "entities": entities, "segments": [], "unplaced": []}
    segs, bad = segments(str(body[0][0]), spans)
    return {"text": True, "read": facts, "entities": entities, "segments": segs,
            "unplaced": [{"fact": s.fact, "mention": s.mention, "start": s.start, "end": s.end} for s in bad]}


_RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_TITLE_PROPS = [str(SDO.name), str(SDO.headline)]


def _title(d: dict) -> str | None:
    for prop in _TITLE_PROPS:
        for f in d["facts"]:
            if f["p"]["value"] == prop and f["o"]:
                return f["o"]["value"]
    if d["kind"] == "meeting":
        date = next((f["o"]["value"] for f in d["facts"] if f["p"]["value"] == str(SDO.startDate)), None)
        place = next((f["label"]["value"] for f in d["facts"]
                      if f["p"]["value"] == str(SDO.location) and f.get("label")), None)
        return "Meeting" + (f" in {place}" if place else "") + (f", {date}" if date else "")
    if d["kind"] == "claim":
        text = next((f["o"]["value"] for f in d["facts"] if f["p"]["value"] == str(SDO.text)), None)
        return f"Claim: {text}" if text else "Claim"
    return None


def _plain(t) -> dict | None:
    """A term as {'type': 'uri'|'literal'|'bnode', 'value': ..., 'lang'/'datatype'} (picklable, template-friendly)."""
    if t is None:
        return None
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, Literal):
        d = {"type": "literal", "value": str(t)}
        if t.language:
            d["lang"] = t.language
        elif t.datatype:
            d["datatype"] = str(t.datatype)
        return d
    return {"type": "bnode", "value": str(t)}


def compact(iri: str) -> str:
    """schema:name for http://schema.org/name (the prefixes of the RDF model); else the IRI."""
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{p}:{iri[len(ns):]}"
    return iri
