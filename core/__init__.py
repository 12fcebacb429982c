"""newsgraph: knowledge graphs from news articles.

Data flows one way: article (newsgraph.readers) -> typed records (newsgraph.extractors)
-> RDF, one named graph per article (newsgraph.graph) -> store -> SPARQL endpoint
(newsgraph.endpoint) / network page (newsgraph.network) / export.
"""
__version__ = "0.1.0"
