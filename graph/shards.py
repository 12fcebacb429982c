"""The bulk write path: article graphs as per-article N-Quads shards, loaded by the store's bulk
loader, then `reindex` for what ingest materialises.

Why: the per-article SPARQL Update of graph/writer.py (counts moved by each article's delta, the
default graph kept in step) is the long pole of a large ingest (docs/benchmarks.md). A bulk load
of the article graphs followed by one rebuild of the counts, buckets, search names and default
graph (graph/reindex.py) gives the same store - tests/test_index_consistency.py holds the writer
to that - at the loader's rate.

`ShardWriter` is an `ArticleWriter` for `newsgraph.ingest.ingest_items`, which still decides
each article in input order (skip unchanged, replace changed, resolution against the persons
known so far). What the writer would keep in the entities graph at once - each entity's best
name, and the types and keys of its first article - is kept here until the shards are loaded.
A surname-only node merged into a full-name node (writer.py `_surname_merges`) is renamed in
the store after the shards before it are loaded, as the writer does at that article.

A shard's file name is the article IRI's hash (a re-run or a second version overwrites the same
file) and is written atomically (temporary file, then rename). Oxigraph's bulk loader is not a
transaction: before a batch is loaded, its article IRIs are noted in the index graph
(`ng:loading`), and removed after; a run killed mid-load leaves the notes, and the next run drops
those articles' graphs first, so they are ingested again instead of being skipped half-loaded.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from rdflib import Literal, URIRef

from newsgraph.extractors.records import ORGANIZATION

from .build import ArticleGraph
from . import view
from .iris import Minter
from .namespaces import NG, RDF, SDO
from .store import Store
from .terms import nt, nt_triples
from .writer import KIND_TYPES, ArticleWriter, merged_article, name_rank, place_facts

LOADING = NG.loading  # index graph: an article whose shard is being bulk-loaded
_BATCH = 500  # entity IRIs per VALUES lookup


def shard_name(article_iri: str) -> str:
    """The shard's file name: the same for every version of an article (a re-run overwrites it)."""
    return hashlib.sha1(article_iri.encode("utf-8")).hexdigest()[:24] + ".nq"


def article_nquads(ag: ArticleGraph) -> str:
    """One article's named graph as N-Quads text."""
    g = nt(ag.iri)
    return "".join(f"{nt(s)} {nt(p)} {nt(o)} {g} .\n" for s, p, o in ag.triples)


def write_atomically(path: Path, text: str) -> None:
    """`text` at `path`, whole or not at all (a reader never sees half a shard)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".nq")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def recover_partial_loads(store: Store, minter: Minter) -> int:
    """Drop the article graphs a killed bulk load left half-written (noted as `ng:loading`), so
    the next ingest adds them again; returns how many."""
    ig = nt(minter.index_graph)
    rows = store.query(f"SELECT ?a WHERE {{ GRAPH {ig} {{ {ig} <{LOADING}> ?a }} }}").rows
    if not rows:
        return 0
    ops = [f"DROP SILENT GRAPH {nt(a)}" for (a,) in rows]
    ops.append(f"DELETE WHERE {{ GRAPH {ig} {{ {ig} <{LOADING}> ?a }} }}")
    store.update(" ;\n".join(ops))
    if store.default_graph_view and not store.ask(f"ASK {{ GRAPH ?a {{ ?a <{NG.contentHash}> ?h }} }}"):
        # no article left (a first load killed): its default-graph copies go too; the rebuild
        # publishes the rest. With articles left the index version is gone, so it rebuilds in full.
        store.update("CLEAR SILENT DEFAULT")
    return len(rows)


class ShardWriter(ArticleWriter):
    """Writes article graphs as shards under `directory`; `flush` bulk-loads them, `finish`
    loads the rest and rebuilds what ingest materialises. `flush_every`: articles per load (a
    bounded batch: a kill loses at most one batch's load, which the next run redoes)."""

    def __init__(self, store: Store, minter: Minter, directory: str | os.PathLike, flush_every: int = 5000,
                 report=lambda msg: None):
        super().__init__(store, minter)
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        for stale in [*self.directory.glob("*.nq"), *self.directory.glob(".batch-*"), *self.directory.glob(".tmp-*")]:
            stale.unlink(missing_ok=True)  # a killed run's: never loaded, its articles are extracted again
        self.flush_every = flush_every
        self.report = report
        self.loaded = 0  # articles loaded so far
        self.load_seconds = 0.0
        self.quads_loaded = 0
        self.reindex_seconds: float | None = None
        # A store whose default graph is the writer's (empty, or with the current index version): each
        # shard carries its article's published facts as default-graph quads, loaded with it, and
        # the batch's entity facts, replaced articles and merges change the default graph as the
        # writer changes it; the rebuild then need not copy every article into the default graph
        # (the longest step of reindex). Else the rebuild makes the default graph from scratch.
        from .reindex import index_problem
        self.published = store.default_graph_view and index_problem(store, minter) is None
        self._reset()

    def _reset(self) -> None:
        self._pending: dict[URIRef, tuple[Path, str]] = {}  # article -> (shard, content hash)
        self._replaced: set[URIRef] = set()  # stored articles whose old graph goes before the load
        self._names: dict[URIRef, str] = {}  # entity -> best name candidate in this batch
        self._first: dict[URIRef, list[tuple]] = {}  # entity -> its types and keys (first article)
        self._persons: dict[URIRef, tuple[str, str | None]] = {}  # entity -> (surname key, given key)
        # place facts and venues' Place type: the writer adds them and never takes them back (a
        # replaced article's stay), so they are written as it writes them, not left to reindex
        self._kept: set[tuple] = set()

    # ---- what ingest asks before it builds an article
    def stored_hash(self, article_iri: URIRef) -> str | None:
        if article_iri in self._pending:
            return self._pending[article_iri][1]
        old = super().stored_hash(article_iri)
        if old is not None:
            self._replaced.add(article_iri)
        return old

    def known_given_names(self, surname_key: str) -> dict[str, set[str]]:
        """As the store would answer once this batch's entities were written (first write wins)."""
        out = super().known_given_names(surname_key)
        if not any(key == surname_key for key, _ in self._persons.values()):
            return out
        stored = {r[0] for r in self.store.query(
            f"SELECT ?e WHERE {{ GRAPH <{self.minter.entities_graph}> {{ ?e ng:surnameKey ?k }} }}",
            {"k": Literal(surname_key)}).rows}
        for e, (key, given) in self._persons.items():
            if key != surname_key or e in stored:
                continue
            tail = str(e).rsplit("/", 1)[-1]
            if "-" in tail and len(tail.rsplit("-", 1)[-1]) == 1:
                out.setdefault(tail.rsplit("-", 1)[-1], set()).update([given] if given is not None else [])
        return out

    # ---- one article
    def write(self, ag: ArticleGraph) -> int:
        if ag.iri not in self._pending and ag.iri not in self._replaced:
            self.stored_hash(ag.iri)  # taken over mid-run (ingest's switch): ingest asked the other writer
        merges = self._surname_merges(ag)
        if merges:
            nodes = {s for s, _, _ in ag.triples} | {o for _, _, o in ag.triples}
            merges = [mg for mg in merges if mg[0] in nodes or mg[0] in self._names
                      or self.store.ask(f"ASK {{ GRAPH ?g {{ {nt(mg[0])} ?p ?x }} }}")]
            ag = merged_article(ag, merges, self.minter.base)
        path = self.directory / shard_name(str(ag.iri))
        write_atomically(path, article_nquads(ag) + (nt_triples(view.published(ag.triples)) if self.published else ""))
        self._pending[ag.iri] = (path, self._hash_of(ag))
        self._kept.update(place_facts(ag))
        self._kept.update((o, RDF.type, SDO.Place) for s, p, o in ag.triples
                          if p == SDO.location and ag.kinds.get(o) == ORGANIZATION)
        for e, candidate in ag.names.items():
            best = self._names.get(e)
            if best is None or name_rank(candidate) < name_rank(best):
                self._names[e] = candidate
            if e in self._first:
                continue
            facts = [(e, RDF.type, cls) for cls in KIND_TYPES[ag.kinds[e]]]
            facts.append((e, NG.resolutionKey, Literal(ag.resolutions[e].key)))
            if e in ag.surname_keys:
                facts.append((e, NG.surnameKey, Literal(ag.surname_keys[e])))
                self._persons[e] = (ag.surname_keys[e], ag.given_keys.get(e))
            if e in ag.given_keys:
                facts.append((e, NG.givenKey, Literal(ag.given_keys[e])))
            self._first[e] = facts
        if merges:  # the store must hold everything up to here before the node is renamed in it
            self.flush()
            ops = [op for _, _, op in merges]
            if self.published:  # the node's facts in the default graph move with it (as the writer's)
                ops += [view.rename(old, new) for old, new, _ in merges]
            self.store.update(" ;\n".join(ops))
        elif len(self._pending) >= self.flush_every:
            self.flush()
        return len(ag.triples)

    @staticmethod
    def _hash_of(ag: ArticleGraph) -> str:
        return next(str(o) for s, p, o in ag.triples if p == NG.contentHash and s == ag.iri)

    # ---- loading
    def flush(self) -> None:
        """Bulk-load the pending shards (their old versions dropped first) and write their
        entities' names, types and keys as the writer would have."""
        if not self._pending:
            return
        t0 = time.perf_counter()
        ig = nt(self.minter.index_graph)
        articles = list(self._pending)
        notes = "".join(f"{ig} <{LOADING}> {nt(a)} .\n" for a in articles)
        ops = [f"DELETE WHERE {{ GRAPH {ig} {{ {ig} <{NG.indexVersion}> ?v }} }}",  # queries say: reindex
               f"INSERT DATA {{ GRAPH {ig} {{\n{notes}}} }}"]
        for a in self._replaced & self._pending.keys():  # the facts only the old version stated leave the default graph
            ops += ([view.withdraw_graph(str(a))] if self.published else []) + [f"DROP SILENT GRAPH {nt(a)}"]
        self.store.update(" ;\n".join(ops))
        batch = self.directory / f".batch-{os.getpid()}.nq"
        with open(batch, "wb") as out:
            for path, _ in self._pending.values():
                with open(path, "rb") as f:
                    shutil.copyfileobj(f, out)
        try:
            self.quads_loaded += self.store.load_file(str(batch), "nquads", trusted=True)
        finally:
            batch.unlink(missing_ok=True)
        self._write_entities()
        self.store.update(f"DELETE DATA {{ GRAPH {ig} {{\n{notes}}} }}")
        for path, _ in self._pending.values():
            path.unlink(missing_ok=True)
        self.loaded += len(articles)
        self.load_seconds += time.perf_counter() - t0
        self._replaced -= set(articles)
        self._reset_batch()

    def _reset_batch(self) -> None:
        replaced = self._replaced
        self._reset()
        self._replaced = replaced

    def _write_entities(self) -> None:
        """The writer's rule, for a batch: the best-ranked name wins over the stored one; types
        and keys only for an entity the store did not hold."""
        eg = self.minter.entities_graph
        entities = list(self._names)
        current: dict[URIRef, str] = {}
        for i in range(0, len(entities), _BATCH):
            current.update(self._current_names(entities[i:i + _BATCH]))
        delete, insert = [], []
        for e in entities:
            old, candidate = current.get(e), self._names[e]
            if old is None or name_rank(candidate) < name_rank(old):
                if old is not None:
                    delete.append((e, SDO.name, Literal(old)))
                insert.append((e, SDO.name, Literal(candidate)))
            if old is None:
                insert += self._first[e]
        insert += sorted(self._kept)
        ops = []
        if delete:
            ops.append("DELETE DATA { GRAPH <%s> {\n%s} }" % (eg, nt_triples(delete)))
            if self.published and (op := view.withdraw_triples(delete)):  # a name lives in the entities graph only
                ops.append(op)
        if insert:
            ops.append("INSERT DATA { GRAPH <%s> {\n%s} }" % (eg, nt_triples(insert)))
            if self.published and (op := view.publish_triples(insert)):
                ops.append(op)
        if ops:
            self.store.update(" ;\n".join(ops))

    def finish(self) -> None:
        """Load what is pending, then rebuild the counts, buckets, search names, place facts and
        default graph from the article graphs (when anything was loaded, or a killed run left
        the store without them)."""
        from .reindex import index_problem, reindex
        self.flush()
        if self.loaded or index_problem(self.store, self.minter):
            t = time.perf_counter()
            reindex(self.store, self.minter, report=self.report, articles_published=self.published)
            self.reindex_seconds = time.perf_counter() - t
        try:
            self.directory.rmdir()  # empty unless another run shares it
        except OSError:
            pass
