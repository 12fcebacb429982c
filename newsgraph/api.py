"""The Python API: `kg = newsgraph.open(location)` and everything the CLI does, from a notebook.

Why it exists: analysts work in notebooks and expect rows (and DataFrames), networkx graphs and
rdflib Datasets, not a command line. Why the CLI calls it: one way to do each thing, so the
command and the API cannot drift (`newsgraph ingest` is `kg.ingest`, `newsgraph query` is
`kg.query`, `newsgraph export` is `kg.export`, `newsgraph explain` is `kg.explain`).

    import newsgraph
    with newsgraph.open("newsgraph-data") as kg:
        kg.ingest("seeds/")
        kg.query("who-met-whom", actor="Witkoff").to_pandas()
        G = kg.network(types="person,organization,country")
        kg.export("graph.ttl")

The location is any `--store` location: a directory (the embedded store), `memory:`, or an
http(s) SPARQL endpoint. See docs/python-api.md.
"""
from __future__ import annotations

import builtins
import datetime as dt
import os
import time
from collections.abc import Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any, Callable, Union

from rdflib import Literal, URIRef
from rdflib.term import Node

from .config import bulk_after, compact_after, resolution_file, store_location
from .rows import Rows

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from rdflib import Dataset

    from newsgraph.graph.store import Store

    from .correct import Corrections
    from .ingest import Summary  # imported when ingesting: it brings the graph builder along

PathLike = Union[str, "os.PathLike[str]"]
Source = Union[PathLike, Mapping[str, Any]]
SPARQL_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
SUFFIX_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nquads": "nquads", ".nt": "ntriples",
                  ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "rdfxml", ".xml": "rdfxml", ".owl": "rdfxml"}


from .errors import MissingParameter, UsageError  # noqa: E402,F401  (re-exported: newsgraph.UsageError)


def open(location: str | os.PathLike[str] | None = None, *, read_only: bool = False,  # noqa: A001
         base_iri: str | None = None, update_url: str | None = None) -> "KnowledgeGraph":
    """Open the knowledge graph at `location` (default: $NEWSGRAPH_STORE or ./newsgraph-data).

    `read_only=True` opens a directory store without its writer lock (beside a running
    `newsgraph serve`); `base_iri` as `--base-iri`; `update_url` for a remote store whose
    SPARQL Update URL differs from its query URL. Raises `StoreError` when the store cannot
    be opened. Close it (or use `with`) to release the directory's lock."""
    from newsgraph.graph.iris import Minter
    from newsgraph.graph.namespaces import base_iri as _base_iri
    from newsgraph.graph.store import open_store

    where = store_location(os.fspath(location) if location is not None else None)
    store = open_store(where, read_only=read_only, update_url=update_url)
    return KnowledgeGraph(store, Minter(_base_iri(base_iri)))


class KnowledgeGraph:
    """One open store and what can be done with it. Made by `newsgraph.open(...)`."""

    def __init__(self, store: "Store", minter):
        self.store = store  # the backend (graph/store/base.py), for what the API does not cover
        self._minter = minter
        self._extractors: dict[str | None, Any] = {}

    @property
    def location(self) -> str:
        """Where the store is (as given to `open`)."""
        return self.store.location

    def close(self) -> None:
        """Release the store (and a directory store's writer lock)."""
        self.store.close()

    def __enter__(self) -> "KnowledgeGraph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<newsgraph.KnowledgeGraph {self.location!r}{' read-only' if self.store.read_only else ''}>"

    # ------------------------------------------------------------ ingest
    def ingest(self, sources: Source | Iterable[Source], *, jobs: int = 1, spacy_model: str | None = None,
               resolution: PathLike | None = None, report: Callable[[str], None] | None = None,
               progress: Any = None, cluster: Any = None) -> Summary:
        """Read, extract and store articles: file and directory paths (as `newsgraph ingest`)
        and/or mappings `{"text": ..., "title", "date", "url", "lang", "source", "id"}`.

        Each article is written whole or not at all; unchanged ones are skipped, changed ones
        replaced. A bad input never stops the run: it is counted as failed, its one-line
        message is in `summary.problems` and is passed to `report` (default: ignored; the
        CLI prints it). `progress` is a tqdm-like object (`update(n)`) advanced per input.
        A run that writes `$NEWSGRAPH_COMPACT_AFTER` (1,000) articles or more compacts the
        store; `summary.compacted_seconds` says how long it took.

        `cluster`: extract on a Dask cluster - "local:N" (N worker processes here),
        "tcp://HOST:PORT" (a running scheduler) or a `newsgraph.cluster.Cluster` - and store
        through the bulk path (docs/cluster.md); `summary.bulk` has its numbers."""
        from newsgraph.graph.resolve import Overrides

        from .ingest import ingest_items

        if self.store.read_only:
            raise UsageError(f"the store at {self.location!r} was opened read-only: "
                             f"newsgraph.open(..., read_only=False) to ingest")
        if not isinstance(jobs, int) or jobs < 1:
            raise UsageError("jobs must be at least 1")
        try:
            overrides = Overrides.load(resolution_file(os.fspath(resolution) if resolution else None))
            compact = compact_after()
            switch = bulk_after()
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        items = _read_sources(_source_list(sources))
        owned = None
        if isinstance(cluster, str):
            from .cluster import Cluster
            cluster = owned = Cluster(cluster)
        try:
            summary = ingest_items(items, self.store, self._extractor(spacy_model), self._minter, overrides,
                                   report or (lambda _msg: None), progress, jobs, cluster, bulk_after=switch)
        finally:
            if owned is not None:
                owned.close()
        if summary.bulk is not None:  # the bulk path's rebuild compacted the store already
            return summary
        if summary.added + summary.replaced >= compact and not summary.stopped:
            t = time.perf_counter()
            self.store.optimize()
            summary.compacted_seconds = time.perf_counter() - t
        return summary

    def _extractor(self, spacy_model: str | None):
        """One extractor per spaCy model for the life of `kg`: its pipelines load once."""
        from newsgraph.extractors.pipeline import Extractor, ExtractorError, _model_language
        if spacy_model not in self._extractors:
            if spacy_model:
                try:
                    _model_language(spacy_model)
                except ExtractorError as exc:
                    raise UsageError(str(exc)) from exc
            self._extractors[spacy_model] = Extractor(spacy_model=spacy_model)
        return self._extractors[spacy_model]

    # ------------------------------------------------------------ query
    def query(self, query: str, /, *, limit: int | None = None, offset: int | None = None,
              **params: Any) -> Rows:
        """Run a named query (`kg.queries()`), a `.rq` file or SPARQL text over the union
        of all article graphs.

        Keyword arguments bind the query's parameters as values, never spliced into the text:
        a `str` is a literal, unless it is `<...>` or starts with http(s):// (then an IRI, as
        `--param`); rdflib terms are used as they are; numbers, booleans and dates become typed
        literals. A named query answers one page (`limit` rows, default its page size, 0 for
        all; `offset` rows skipped); `rows.next_offset` says where the next page starts."""
        from newsgraph import queries
        from newsgraph.graph.reindex import index_problem

        named = queries.get(query)
        bindings = {k: param_value(v) for k, v in params.items()}
        for k in bindings:
            if not k.isidentifier():
                raise UsageError(f"parameter name {k!r} is not a SPARQL variable name")
        notes: list[str] = []
        if named is not None:
            declared = {p.name for p in named.params}
            if unknown := set(bindings) - declared:
                raise UsageError(f"query {named.name!r} has no parameter {', '.join(sorted(unknown))} "
                                 f"(it takes: {', '.join(sorted(declared)) or 'none'})")
            missing = [p for p in named.params if not p.optional and p.name not in bindings]
            if missing:
                raise MissingParameter(named.name, missing[0].name, missing[0].description)
            try:
                text = named.sparql(bindings, limit, offset, self._minter.base)
            except queries.PageError as exc:
                raise UsageError(str(exc)) from exc
            bindings = {}
            if problem := index_problem(self.store, self._minter):
                notes.append(problem)
        elif query.endswith(".rq"):
            raise UsageError(f"no such query file: {query}")
        elif any(k in query.upper() for k in SPARQL_FORMS):
            if limit is not None or offset is not None:
                raise UsageError("limit and offset page a named query; write LIMIT/OFFSET into your own SPARQL")
            text = query  # every store predefines the prefixes: error positions stay the user's
        else:
            raise UsageError(f"no named query {query!r} (known: {', '.join(queries.all_queries())}); "
                             f"or give a .rq file or SPARQL text")
        result = self.store.query(text, bindings or None)
        next_offset = None
        if named is not None and named.page_size is not None and result.kind == "select":
            size = named.page_size if limit is None else int(limit)
            if size and len(result.rows) == size:
                next_offset = int(offset or 0) + size
        return Rows(result, next_offset, notes)

    def queries(self) -> dict[str, Any]:
        """The named queries by name, each with `title`, `description`, `params` (`name`,
        `optional`, `description`) and `page_size`: what `newsgraph queries` lists."""
        from newsgraph.queries import all_queries
        return all_queries()

    # ------------------------------------------------------------ network
    def network(self, actor: str | None = None, *, depth: int = 1, since: str | None = None,
                until: str | None = None, types: str | Iterable[str] | None = None,
                min_weight: int = 1) -> "nx.MultiDiGraph":
        """The actor network the page (`newsgraph viz`) is drawn from, as a networkx MultiDiGraph.

        Filters as `newsgraph viz`: `actor` and `depth` (an ego network), `since`/`until`
        (YYYY, YYYY-MM or YYYY-MM-DD), `types` (any of person, organization, country, place,
        meeting; a list or comma-separated), `min_weight`. Nodes are keyed by IRI with `kind`,
        `label`, `articles`, `meetings`, `claims`, `claims_aimed`, `weight`, `alt` (other
        names, "; "-separated) and, for meetings, `date`; edges have `kind` (attended,
        held_in, met, met_at, claim), `weight` and, for claims, `claim_type` and `relation`.
        Every attribute is a plain value, so `nx.write_gexf`/`write_graphml` take it as it
        is. Raises `NetworkError` (`ActorNotFound` with suggestions) for bad filters."""
        from newsgraph.network import build_graph
        G = build_graph(self.store, actor=actor, depth=depth, since=since, until=until, types=types,
                        min_weight=min_weight)
        return analysis_graph(G)

    # ------------------------------------------------------------ rdflib
    @property
    def dataset(self) -> "Dataset":
        """A read-only rdflib `Dataset` view of the store: every read is a SPARQL query to the
        store (nothing is copied into memory); `dataset.query(...)` runs in the store's own
        engine; the default graph is the union of all graphs (newsgraph/dataset.py)."""
        from .dataset import dataset_view
        return dataset_view(self.store)

    @property
    def corrections(self) -> "Corrections":
        """The users' corrections of the graph: `make`, `undo`, `rows`, `gold` (core/correct.py)."""
        from .correct import Corrections
        return Corrections(self)

    def uncorrected(self) -> "KnowledgeGraph":
        """The graph as extracted, before the users' corrections: a copy in memory (it costs one;
        close it when done). What `--uncorrected` on `newsgraph query` and `export` reads."""
        from newsgraph.graph.curate import uncorrected_copy
        return KnowledgeGraph(uncorrected_copy(self.store, self._minter), self._minter)

    # ------------------------------------------------------------ export, explain, stats
    def export(self, destination: PathLike | IO[bytes], format: str | None = None, *,  # noqa: A002
               graph: str | None = None) -> None:
        """Write the store as `format` (turtle, trig, nquads, ntriples, jsonld, rdfxml; default
        from the file's suffix, else turtle) to a path (written whole: a `.part` file renamed
        when complete) or a binary file object. Turtle, JSON-LD, N-Triples and RDF/XML hold the
        union of all graphs; TriG and N-Quads keep one named graph per article. `graph`
        exports one named graph."""
        from newsgraph.graph.store import EXPORT_FORMATS
        path = os.fspath(destination) if isinstance(destination, (str, os.PathLike)) else None
        if format is None:
            format = SUFFIX_FORMATS.get(os.path.splitext(path)[1].lower() if path else "", "turtle")
        if format not in EXPORT_FORMATS:
            raise UsageError(f"unknown export format {format!r} (known: {', '.join(EXPORT_FORMATS)})")
        if path is None:
            self.store.export(destination, format, graph)  # type: ignore[arg-type]  # a binary file
            return
        tmp = path + ".part"
        try:
            with builtins.open(tmp, "wb") as out:
                self.store.export(out, format, graph)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)

    def explain(self, name: str) -> str:
        """The entities named like `name`, the mentions behind each and why they were merged
        (the text `newsgraph explain` prints; "no entity named like ..." when none)."""
        from .explain import explain
        return explain(self.store, name, self._minter)

    def stats(self) -> dict[str, Any]:
        """Counts per class, per language and per article (what `newsgraph stats --format json` prints)."""
        from .stats import compute_stats
        return compute_stats(self.store)


_BAD_IRI = set('<>"{}|^`\\ \n\r\t')


def is_absolute_iri(iri: str) -> bool:
    """Could `iri` be written as <iri> in SPARQL: a scheme, no spaces, quotes or brackets."""
    return bool(iri) and ":" in iri and not any(c in _BAD_IRI or ord(c) < 0x20 for c in iri)


def param_value(value: Any) -> Node:
    """A query parameter as an RDF term (see `KnowledgeGraph.query`); the endpoint's too, so
    `--param`, `?actor=` and `actor=` mean the same."""
    if isinstance(value, Node):
        return value
    if isinstance(value, str):
        if value.startswith("<") and value.endswith(">"):
            if not is_absolute_iri(value[1:-1]):
                raise UsageError(f"not an absolute IRI: {value[1:-1][:200]!r}")
            return URIRef(value[1:-1])
        if value.startswith(("http://", "https://")) and is_absolute_iri(value):
            return URIRef(value)
        return Literal(value)
    if isinstance(value, (bool, int, float, dt.date, dt.datetime)):
        return Literal(value)
    raise UsageError(f"a query parameter must be text, a number, a date or an rdflib term, not {type(value).__name__}")


PAGE_ONLY = ("tip", "title")  # tooltip data of the HTML page: nested dicts and HTML text


def analysis_graph(G: "nx.MultiDiGraph") -> "nx.MultiDiGraph":
    """`G` with only plain attribute values: the page's tooltip data dropped, alternate names
    joined, the filters as text - what networkx's writers and algorithms expect."""
    for _, d in G.nodes(data=True):
        for key in PAGE_ONLY:
            d.pop(key, None)
        d["alt"] = "; ".join(d.get("alt") or [])
    for _, _, d in G.edges(data=True):
        for key in PAGE_ONLY:
            d.pop(key, None)
    filters = G.graph.pop("filters", None)
    G.graph.pop("counts", None)
    G.graph.pop("edge_counts", None)
    if filters is not None:
        G.graph["filters"] = filters.describe() or "none"
    return G


def _source_list(sources: Source | Iterable[Source]) -> list[Source]:
    """The sources as a list, checked before anything is read (a bad one must not stop a run
    half way): one path or mapping given bare is a list of one."""
    if isinstance(sources, (str, os.PathLike, Mapping)):
        return [sources]
    if isinstance(sources, bytes) or not isinstance(sources, Iterable):
        raise UsageError(f"ingest takes paths and mappings with a 'text', not {type(sources).__name__}")
    out = list(sources)
    for src in out:
        if not isinstance(src, (str, os.PathLike, Mapping)):
            raise UsageError(f"ingest takes paths and mappings with a 'text', not {type(src).__name__}")
    return out


def _read_sources(sources: list[Source]):
    """Articles (or ReadProblems) from paths and mappings, in the order given."""
    from newsgraph.readers import iter_articles
    from newsgraph.readers.objects import iter_objects

    number = 0
    for src in sources:
        if isinstance(src, Mapping):
            number += 1
            yield from iter_objects([src], first=number)
        else:
            yield from iter_articles([src])
