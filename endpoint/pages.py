"""What an entity page shows: the SPARQL behind /resource (run in a query worker) and small helpers.

One `gather(store, iri)` call runs every query of a page in the worker, so a page costs one
round trip and is stopped by the same time limit as any query.
"""
from __future__ import annotations

from rdflib import Literal, URIRef

from newsgraph.graph.namespaces import NG, PREFIXES, SDO

ROW_CAP = 300  # per section

# ?X's display label, from whatever the node has (bind ?X first)
_LABEL = """
  OPTIONAL {{ ?{x} schema:name ?{x}_n }}
  OPTIONAL {{ ?{x} schema:headline ?{x}_h }}
  OPTIONAL {{ ?{x} rdfs:label ?{x}_l FILTER(LANGMATCHES(LANG(?{x}_l), "en")) }}
  OPTIONAL {{ ?{x} a schema:Claim ; schema:text ?{x}_t }}
  OPTIONAL {{ ?{x} a ng:Meeting . OPTIONAL {{ ?{x} schema:startDate ?{x}_d }} OPTIONAL {{ ?{x} schema:location/schema:name ?{x}_p }} }}
  BIND(COALESCE(?{x}_n, ?{x}_h, ?{x}_l, ?{x}_t,
       IF(BOUND(?{x}_p) || BOUND(?{x}_d), CONCAT("meeting", IF(BOUND(?{x}_p), CONCAT(" in ", STR(?{x}_p)), ""),
                                                IF(BOUND(?{x}_d), CONCAT(", ", STR(?{x}_d)), "")), ?nothing)) AS ?{x}_label)
"""


def _label(x: str) -> str:
    return _LABEL.format(x=x)


Q_FACTS = f"""SELECT ?p ?o (SAMPLE(?o_label) AS ?label) WHERE {{
  ?r ?p ?o .
  {_label("o")}
}} GROUP BY ?p ?o ORDER BY ?p ?o LIMIT {ROW_CAP}"""

Q_INCOMING = f"""SELECT ?s ?p (SAMPLE(?s_label) AS ?label) WHERE {{
  ?s ?p ?r .
  FILTER(?p NOT IN (oa:hasBody, oa:hasSource, ng:pairMember, ng:first, ng:second, prov:wasDerivedFrom))
  {_label("s")}
}} GROUP BY ?s ?p ORDER BY ?p ?s LIMIT {ROW_CAP}"""

Q_MEETINGS = f"""SELECT ?m ?date ?place ?placeName ?status (SAMPLE(?m_label) AS ?label)
       (GROUP_CONCAT(DISTINCT ?who; separator=", ") AS ?attendees) WHERE {{
  {{ ?m schema:attendee ?r }} UNION {{ ?m schema:location ?r }}
  ?m a ng:Meeting .
  OPTIONAL {{ ?m schema:startDate ?date }}
  OPTIONAL {{ ?m schema:location ?place OPTIONAL {{ ?place schema:name ?placeName }} }}
  OPTIONAL {{ ?m ng:status/rdfs:label ?status FILTER(LANGMATCHES(LANG(?status), "en")) }}
  OPTIONAL {{ ?m schema:attendee/schema:name ?who }}
  {_label("m")}
}} GROUP BY ?m ?date ?place ?placeName ?status ORDER BY DESC(?date) ?m LIMIT {ROW_CAP}"""

Q_MET = f"""SELECT ?o ?name (COUNT(DISTINCT ?m) AS ?meetings) WHERE {{
  ?m schema:attendee ?r , ?o . FILTER(?o != ?r)
  OPTIONAL {{ ?o schema:name ?name }}
}} GROUP BY ?o ?name ORDER BY DESC(?meetings) ?name LIMIT {ROW_CAP}"""

Q_CLAIMS = f"""SELECT ?c ?text ?type ?date ?direct (SAMPLE(?sent) AS ?sentence) (SAMPLE(?a) AS ?article)
       (SAMPLE(?h) AS ?headline) WHERE {{
  ?c schema:author ?r ; schema:text ?text .
  OPTIONAL {{ ?c ng:claimType/rdfs:label ?type FILTER(LANGMATCHES(LANG(?type), "en")) }}
  OPTIONAL {{ ?c schema:dateCreated ?date }}
  OPTIONAL {{ ?c ng:directQuote ?direct }}
  OPTIONAL {{ ?c ng:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?sent }}
  OPTIONAL {{ ?c prov:wasDerivedFrom ?a OPTIONAL {{ ?a schema:headline ?h }} }}
}} GROUP BY ?c ?text ?type ?date ?direct ORDER BY DESC(?date) ?c LIMIT {ROW_CAP}"""

Q_EVIDENCE = f"""SELECT ?exact ?article ?headline ?published ?start ?end WHERE {{
  ?r ng:evidence ?ann . ?ann oa:hasTarget ?t . ?t oa:hasSelector ?q . ?q oa:exact ?exact .
  OPTIONAL {{ ?t oa:hasSource ?article
             OPTIONAL {{ ?article schema:headline ?headline }} OPTIONAL {{ ?article schema:datePublished ?published }} }}
  OPTIONAL {{ ?t oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end }}
}} ORDER BY ?published ?article ?start LIMIT {ROW_CAP}"""

Q_ARTICLES = f"""SELECT DISTINCT ?a ?headline ?date ?url ?source WHERE {{
  {{ ?r prov:wasDerivedFrom ?a }} UNION {{ ?a schema:mentions ?r }}
  ?a a schema:NewsArticle .
  OPTIONAL {{ ?a schema:headline ?headline }} OPTIONAL {{ ?a schema:datePublished ?date }}
  OPTIONAL {{ ?a schema:url ?url }} OPTIONAL {{ ?a ng:source ?source }}
}} ORDER BY DESC(?date) ?a LIMIT {ROW_CAP}"""

SECTIONS = {"facts": Q_FACTS, "incoming": Q_INCOMING, "meetings": Q_MEETINGS, "met": Q_MET, "claims": Q_CLAIMS,
            "evidence": Q_EVIDENCE, "articles": Q_ARTICLES}

KINDS = [(str(NG.Meeting), "meeting"), (str(SDO.Claim), "claim"), (str(SDO.NewsArticle), "article"),
         (str(SDO.Person), "person"), (str(SDO.Country), "country"), (str(SDO.Organization), "organization"),
         (str(SDO.Place), "place")]


def gather(store, iri: str) -> dict | None:
    """Everything the page of `iri` shows, as plain Python values; None when the store knows nothing of it."""
    r = {"r": URIRef(iri)}
    out = {}
    for name, q in SECTIONS.items():
        res = store.query(q, r)
        out[name] = [{v: _plain(t) for v, t in zip(res.vars, row)} for row in res.rows]
    if not out["facts"] and not out["incoming"]:
        return None
    types = [f["o"]["value"] for f in out["facts"] if f["p"]["value"] == str(_RDF_TYPE)]
    out["kind"] = next((k for cls, k in KINDS if cls in types), "resource")
    out["types"] = types
    out["title"] = _title(out)
    return out


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
