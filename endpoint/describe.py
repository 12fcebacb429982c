"""The SPARQL 1.1 Service Description returned by GET /sparql without a query."""
from __future__ import annotations

from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
PREFIXES = {"sd": str(SD), "formats": str(FORMATS), "dcterms": str(DCTERMS)}
RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG", "N-Quads"]


def service_description_triples(endpoint_url: str, config) -> list:
    s = BNode("service")
    ds = BNode("dataset")
    dg = BNode("defaultGraph")
    t = [(s, RDF.type, SD.Service), (s, SD.endpoint, URIRef(endpoint_url)),
         (s, SD.supportedLanguage, SD.SPARQL11Query),
         (s, SD.defaultDataset, ds), (ds, RDF.type, SD.Dataset), (ds, SD.defaultGraph, dg),
         (dg, RDF.type, SD.Graph),
         (s, DCTERMS.title, Literal("newsgraph SPARQL endpoint")),
         (s, DCTERMS.description, Literal(
             "Knowledge graph from news articles: one named graph per article (named by the article IRI). "
             "The default graph is the merge of the article graphs, the entities graph and the vocabulary: "
             "each fact once, without the index (FROM / FROM NAMED pick other graphs). Results are cut at "
             f"{config.max_rows} rows (header X-Newsgraph-Truncated); queries are stopped after "
             + (f"{config.query_timeout:g} s." if config.query_timeout else "no time limit.")))]
    # the default graph is newsgraph's view (graph/view.py): a remote writer keeps it (remote_store.py)
    t.append((s, SD.feature, URIRef("https://w3id.org/newsgraph/vocab#DefaultGraphView")))
    if config.update_token:
        t.append((s, SD.supportedLanguage, SD.SPARQL11Update))
    if config.allow_service:
        t.append((s, SD.feature, SD.BasicFederatedQuery))
    for f in RESULT_FORMATS:
        t.append((s, SD.resultFormat, FORMATS[f]))
    return t
