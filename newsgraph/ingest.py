"""Ingest: read articles, extract, build each article's graph, write it whole or not at all."""
from __future__ import annotations

import datetime as dt
import errno
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable

from newsgraph.graph.build import build_article_graph
from newsgraph.graph.corrections import apply as apply_corrections
from newsgraph.graph.corrections import load as load_corrections
from newsgraph.graph.curate import lost_corrections, settle_entities
from newsgraph.graph.iris import Minter
from newsgraph.graph.resolve import Overrides
from newsgraph.graph.store import Store
from newsgraph.graph.shards import ShardWriter, recover_partial_loads
from newsgraph.graph.writer import ArticleWriter
from newsgraph.readers import iter_articles
from newsgraph.readers.article import Article, ReadProblem

from .errors import ClusterError


@dataclass
class Summary:
    """What one ingest run did: the line `newsgraph ingest` prints, and each problem's message."""

    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    triples: int = 0
    problems: list[str] = field(default_factory=list)
    compacted_seconds: float | None = None  # the store was compacted after this run (a large one)
    stopped: str | None = None  # why ingest stopped early (the store cannot take more), if it did
    notes: list[str] = field(default_factory=list)  # not failures: e.g. a correction that lost its target
    bulk: dict | None = None  # the bulk path's numbers when it loaded (graph/shards.py): articles, quads, seconds

    def line(self) -> str:
        return (f"{self.added} added, {self.unchanged} unchanged, {self.replaced} replaced, "
                f"{self.failed} failed, {self.triples} triples written"
                + (f"; stopped early: {self.stopped}" if self.stopped else ""))


# The store's disk (or the user's quota, or a file size limit) cannot take more: every later
# article would fail the same way, so ingest stops at the first one instead of extracting on.
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_FULL_WORDS = ("no space left on device", "disk quota exceeded", "file too large")


def storage_full(exc: BaseException) -> bool:
    """True when `exc` (or what caused it) says the store's storage is full."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
            return True
        if any(w in str(exc).lower() for w in _FULL_WORDS):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _published(article: Article) -> dt.date | None:
    try:
        return dt.date.fromisoformat(article.date) if article.date else None
    except ValueError:
        return None


def extract_one(extractor, article: Article):
    return extractor.extract(article.text, article.lang, _published(article), title=article.title)


def ingest(paths: Iterable[str], store: Store, extractor, minter: Minter, overrides: Overrides | None = None,
           report: Callable[[str], None] = lambda m: print(m, file=sys.stderr),
           progress=None, jobs: int = 1, cluster=None) -> Summary:
    """Ingest every article under `paths`; bad inputs are reported and skipped, never fatal."""
    return ingest_items(iter_articles(paths), store, extractor, minter, overrides, report, progress, jobs, cluster)


def ingest_items(items: Iterable[Article | ReadProblem], store: Store, extractor, minter: Minter,
                 overrides: Overrides | None = None,
                 report: Callable[[str], None] = lambda m: print(m, file=sys.stderr),
                 progress=None, jobs: int = 1, cluster=None, bulk: bool | None = None,
                 bulk_after: int | None = None) -> Summary:
    """Ingest articles already read (from files, or from mappings: readers/objects.py); each
    ReadProblem counts as failed and is reported.

    `cluster` (newsgraph/cluster.py): extraction on its Dask workers. With a cluster, or `bulk`,
    the article graphs go through the bulk path (graph/shards.py: N-Quads shards, the store's
    bulk loader, then a rebuild of what ingest materialises) instead of one update per article.
    `bulk` None: a large run switches to it once it has written `bulk_after` articles and as many
    as the store held at the start (the rebuild costs in proportion to the whole store)."""
    summary = Summary()
    recover_partial_loads(store, minter)
    switch_at = None
    if cluster is not None or bulk:
        writer = ShardWriter(store, minter, shard_directory(store))
    else:
        writer = ArticleWriter(store, minter)
        if bulk is None and bulk_after is not None and store.local_directory:
            switch_at = max(bulk_after, _stored_articles(store))
    corrections = load_corrections(store, minter)  # the users' corrections: applied to each article
    corrected = False

    def fail(msg: str) -> None:
        summary.failed += 1
        summary.problems.append(msg)
        report(msg)

    def todo():
        for item in items:
            if progress is not None:
                progress.update(1)
            if isinstance(item, ReadProblem):
                fail(str(item))
                continue
            iri = minter.article(item.identity)
            old = writer.stored_hash(iri)
            if old == item.content_hash:
                summary.unchanged += 1
                continue
            yield item, old is not None

    if cluster is not None:
        results = cluster.extracted(todo(), getattr(extractor, "spacy_model", None))
    else:
        results = _extracted(todo(), extractor, jobs)
    try:
        for item, replacing, extraction, error in results:
            where = item.where
            if error:
                fail(f"{where}: extraction failed: {error}")
                continue
            try:
                ag = build_article_graph(item, extraction, minter, overrides, writer.known_given_names)
                if corrections:
                    ag, applied = apply_corrections(ag, corrections, minter)
                    corrected |= bool(applied)
                    if replacing:
                        for lost in lost_corrections(store, ag.iri, applied, corrections):
                            summary.notes.append(f"{where}: correction <{lost.iri}> ({lost.line()}) no longer finds "
                                                 f"its target in this article: kept, not applied here "
                                                 f"(see `newsgraph corrections`)")
                summary.triples += writer.write(ag)
            except Exception as exc:  # a store or model error for one article must not lose the others
                if storage_full(exc):
                    summary.stopped = "the store is full"
                    fail(f"{where}: could not store: the store is full ({_first_line(exc)}); stopped here, "
                         f"the {summary.added + summary.replaced} articles stored before are kept: free some "
                         f"space and run the same command again to add the rest")
                    break
                fail(f"{where}: could not store: {_first_line(exc)}")
                continue
            if replacing:
                summary.replaced += 1
            else:
                summary.added += 1
            if switch_at is not None and summary.added + summary.replaced >= switch_at:
                writer, switch_at = ShardWriter(store, minter, shard_directory(store)), None
    except ClusterError as exc:  # what was extracted before is stored; a re-run adds the rest
        summary.stopped = str(exc)
        report(f"{exc}; the articles extracted before are stored: run the same command again to add the rest")
    finally:
        results.close()  # stops the extraction processes when ingest stopped early
    if isinstance(writer, ShardWriter):
        writer.finish()
    if isinstance(writer, ShardWriter) and writer.reindex_seconds is not None:  # the rebuild ran (and compacted)
        summary.bulk = {"articles": writer.loaded, "quads": writer.quads_loaded,
                        "load_seconds": writer.load_seconds, "reindex_seconds": writer.reindex_seconds}
    if corrected:  # an entity first met in this run may carry a class a correction rejected
        settle_entities(store, minter, corrections)
    return summary


def _stored_articles(store: Store) -> int:
    rows = store.query("SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?a { ?a ng:contentHash ?h } }").rows
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def shard_directory(store: Store) -> str:
    """Where the bulk path writes its shards: beside the store's own files for a store directory
    (same disk, so loading is a local read), else a temporary directory."""
    import os
    import tempfile
    if store.local_directory and os.path.isdir(store.location):
        return os.path.join(store.location, "shards")
    return tempfile.mkdtemp(prefix="newsgraph-shards-")


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:300] + "…"


def _extracted(todo, extractor, jobs: int):
    """(article, replacing, extraction, error) in input order; N processes when jobs > 1."""
    if jobs <= 1:
        for item, replacing in todo:
            try:
                yield item, replacing, extract_one(extractor, item), None
            except Exception as exc:  # noqa: BLE001 - reported per article
                yield item, replacing, None, f"{type(exc).__name__}: {exc}"
        return
    from .parallel import extract_parallel
    yield from extract_parallel(todo, extractor, jobs, extract_one)
