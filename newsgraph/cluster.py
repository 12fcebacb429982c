"""Extraction on a Dask distributed cluster: `newsgraph ingest --cluster local:N | tcp://HOST:PORT`.

Whole articles per task (as newsgraph/parallel.py: spaCy documents never cross a process
boundary). Each worker runs `extract_article`, the per-article function, which builds one
Extractor per worker process on first use and returns the article's records; the driver - the
`newsgraph ingest` process - decides each article in input order (unchanged, replaced,
resolution against the persons known so far), writes its graph as an N-Quads shard and
bulk-loads the shards (graph/shards.py). The records travel back to the driver instead of
workers writing shards themselves, so a remote cluster needs no file system shared with the
store; resolution stays the one the local ingest makes.

A worker that dies mid-run: the scheduler runs its tasks again on another worker (Dask's
`distributed.scheduler.allowed-failures`, 3 by default); an article whose task kills workers
more often than that is reported as failed, like an article whose extraction raises.

The same `extract_article` runs from Spark (`SparkExtraction`: mapPartitions), docs/cluster.md.
"""
from __future__ import annotations

import hashlib
from collections import deque

from .errors import ClusterError

_extractors: dict = {}  # spaCy model (or None) -> Extractor, one per worker process


def extract_article(article, spacy_model: str | None = None):
    """(records, None), or (None, the one-line error) for one article: the per-article function
    a Dask worker or a Spark executor runs. Needs newsgraph installed where it runs."""
    from .ingest import extract_one
    extractor = _extractors.get(spacy_model)
    if extractor is None:
        from newsgraph.extractors.pipeline import Extractor
        extractor = _extractors[spacy_model] = Extractor(spacy_model=spacy_model)
    try:
        return extract_one(extractor, article), None
    except Exception as exc:  # noqa: BLE001 - reported per article, as a local ingest does
        return None, f"{type(exc).__name__}: {exc}"


def _spec_error(spec: str) -> ClusterError:
    return ClusterError(f"--cluster takes local:N (N worker processes on this machine) or "
                        f"tcp://HOST:PORT (a running Dask scheduler), not {spec!r}")


class Cluster:
    """A Dask client, and the LocalCluster it started (for `local:N`); close() stops both."""

    def __init__(self, spec: str, timeout: float | None = None):
        from .config import cluster_timeout
        self.spec = spec
        try:
            timeout = cluster_timeout() if timeout is None else timeout
        except ValueError as exc:
            raise ClusterError(str(exc)) from exc
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ClusterError("--cluster needs Dask: pip install 'newsgraph[cluster]' "
                               f"(dask[distributed]); {exc}") from exc
        self._local = None
        if spec.startswith("local:"):
            n = spec[len("local:"):]
            if not n.isdigit() or int(n) < 1:
                raise _spec_error(spec)
            try:
                # one thread per worker: the pipeline is pure Python (the GIL), processes are the parallelism
                self._local = LocalCluster(n_workers=int(n), threads_per_worker=1, processes=True,
                                           dashboard_address=None)
                self.client = Client(self._local)
            except Exception as exc:  # noqa: BLE001 - ports, memory, spawn failures
                self.close()
                raise ClusterError(f"cannot start a local Dask cluster of {n} workers: {exc}") from exc
        elif spec.startswith("tcp://") and ":" in spec[len("tcp://"):]:
            try:
                self.client = Client(spec, timeout=timeout)
            except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError, CommClosedError, ValueError
                text = " ".join(str(exc).split())[:200] or type(exc).__name__
                raise ClusterError(f"cannot reach the Dask scheduler at {spec}: {text}; "
                                   f"is `dask scheduler` running there?") from exc
        else:
            raise _spec_error(spec)

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {})) if hasattr(self, "client") else 0

    def extracted(self, todo, spacy_model: str | None = None, window_per_worker: int = 8):
        """(item, replacing, records, error) for each (item, replacing) of `todo`, in input
        order, as newsgraph/parallel.py's `extract_parallel`. A bounded window of tasks is in
        flight, so a large corpus is never held by the scheduler at once."""
        from distributed import KilledWorker
        window: deque = deque()
        size = max(self.workers, 1) * window_per_worker

        def take():
            item, replacing, future = window.popleft()
            try:
                records, error = future.result()
            except KilledWorker:
                records, error = None, ("the Dask workers running it died each time it was tried "
                                        "(distributed.scheduler.allowed-failures)")
            except Exception as exc:  # noqa: BLE001 - the scheduler went away
                raise ClusterError(f"the Dask cluster at {self.spec} was lost: "
                                   f"{' '.join(str(exc).split())[:200] or type(exc).__name__}") from exc
            finally:
                future.release()
            return item, replacing, records, error

        for item, replacing in todo:
            key = "newsgraph-extract-" + hashlib.sha1(f"{item.identity}\0{item.content_hash}\0{spacy_model}"
                                                      .encode("utf-8")).hexdigest()
            window.append((item, replacing, self.client.submit(extract_article, item, spacy_model, key=key)))
            while len(window) >= size:
                yield take()
        while window:
            yield take()

    def close(self) -> None:
        client = self.__dict__.pop("client", None)
        if client is not None:
            client.close()
        if self._local is not None:
            self._local.close()
            self._local = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class SparkExtraction:
    """Extraction on Spark instead of Dask: pass it as `kg.ingest(..., cluster=SparkExtraction(sc))`.

    The articles the driver decided to extract (unchanged ones are skipped first) go out in
    batches of `batch`, each an RDD whose partitions run `extract_article` per article
    (`mapPartitions`); `toLocalIterator` brings the records back in input order. Spark retries a
    failed partition (`spark.task.maxFailures`)."""

    def __init__(self, spark_context, partitions: int | None = None, batch: int = 10_000):
        self.sc = spark_context
        self.partitions = partitions or spark_context.defaultParallelism
        self.batch = batch

    def extracted(self, todo, spacy_model: str | None = None):
        from itertools import islice

        def partition(rows):
            for item, replacing in rows:
                yield (item, replacing, *extract_article(item, spacy_model))

        todo = iter(todo)
        while chunk := list(islice(todo, self.batch)):
            yield from self.sc.parallelize(chunk, min(self.partitions, len(chunk))) \
                .mapPartitions(partition).toLocalIterator()

    def close(self) -> None:
        pass  # the SparkContext is the caller's
