"""Checks a store against the SHACL shapes of the public contract (graph/shapes.ttl).

Streams: the article graphs are checked a batch at a time, each batch with the entities-graph
facts about the nodes it uses (their one schema:name, their classes) and the vocabulary. The
whole store never sits in an rdflib graph (which took 1.5 GB and a minute at 10,000 articles and
would not reach 100,000), so memory stays that of one batch. What a batch cannot see: a conflict
between two articles' facts about one node (two coordinates for one place), which no single
article's graph holds; the entities graph keeps those once.
"""
from __future__ import annotations

from importlib import resources

from rdflib import Graph

from .namespaces import NG
from .store import Store

BATCH = 200  # article graphs per pySHACL run
MAX_REPORTS = 5  # batches whose report text is kept


def _graph_of(rows) -> Graph:
    g = Graph()
    for row in rows:
        g.add(tuple(row))
    return g


def article_batches(store: Store, batch: int = BATCH):
    """The article graphs (those holding a content hash), `batch` at a time, in IRI order."""
    graphs = sorted(str(r[0]) for r in store.query(
        f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g <{NG.contentHash}> ?h }} }}").rows)
    for i in range(0, len(graphs), batch):
        yield graphs[i:i + batch]


def batch_data(store: Store, graphs: list[str], entities_graph: str | None) -> Graph:
    """The batch's article graphs merged, with the entities graph's facts about their nodes."""
    values = " ".join(f"<{g}>" for g in graphs)
    data = _graph_of(store.query(f"SELECT ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}").rows)
    if entities_graph:
        nodes = {s for s in data.subjects()} | {o for o in data.objects() if not hasattr(o, "language")}
        nodes = sorted(n for n in nodes if str(n).startswith(entities_graph.rsplit("graph/", 1)[0]))
        for i in range(0, len(nodes), 2000):
            vals = " ".join(f"<{n}>" for n in nodes[i:i + 2000])
            for row in store.query(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {vals} }} "
                                   f"GRAPH <{entities_graph}> {{ ?s ?p ?o }} }}").rows:
                data.add(tuple(row))
    return data


def validate_store(store: Store, entities_graph: str | None = None, batch: int = BATCH,
                   progress=lambda done, total: None) -> tuple[bool, str, int]:
    """(conforms, report text, number of violations) over every article graph, with the
    entities-graph facts about its nodes (`entities_graph`: the store's `<BASE>graph/entities`) and
    the vocabulary. The report text holds the first few failing batches' reports."""
    import pyshacl
    from rdflib.namespace import RDF, SH

    vocab = resources.files(__package__).joinpath("vocab.ttl").read_text("utf-8")
    shapes = Graph().parse(data=resources.files(__package__).joinpath("shapes.ttl").read_text("utf-8"),
                           format="turtle")
    conforms, texts, violations, done = True, [], 0, 0
    batches = list(article_batches(store, batch))
    for graphs in batches:
        data = batch_data(store, graphs, entities_graph)
        data.parse(data=vocab, format="turtle")
        ok, report_graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
        if not ok:
            conforms = False
            violations += len(set(report_graph.subjects(RDF.type, SH.ValidationResult)))
            if len(texts) < MAX_REPORTS:
                texts.append(text)
        done += 1
        progress(done, len(batches))
    return conforms, "\n".join(texts), violations
