"""Extraction over N processes, whole articles per task (spaCy's own n_process costs more
than it saves on a cheap pipeline: documents cross process boundaries twice)."""
from __future__ import annotations

import multiprocessing as mp
from collections import deque

_worker_extractor = None
_worker_extract = None


def _init(extractor, extract):
    global _worker_extractor, _worker_extract
    _worker_extractor, _worker_extract = extractor, extract


def _work(article):
    try:
        return _worker_extract(_worker_extractor, article), None
    except Exception as exc:  # noqa: BLE001
        return None, f"{type(exc).__name__}: {exc}"


def extract_parallel(todo, extractor, jobs: int, extract):
    """(item, replacing, extraction, error) for each (item, replacing) of `todo`, in input order;
    `extract(extractor, item)` runs in the workers (the caller passes it: this module imports no
    pipeline of its own)."""
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    if ctx.get_start_method() == "fork" and hasattr(extractor, "warm"):
        extractor.warm()  # loaded once here, shared copy-on-write by the workers
    with ctx.Pool(jobs, initializer=_init, initargs=(extractor, extract)) as pool:
        window: deque = deque()
        for item, replacing in todo:
            window.append((item, replacing, pool.apply_async(_work, (item,))))
            while len(window) >= jobs * 8:
                it, rep, fut = window.popleft()
                yield (it, rep, *fut.get())
        while window:
            it, rep, fut = window.popleft()
            yield (it, rep, *fut.get())
