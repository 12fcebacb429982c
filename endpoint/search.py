"""The server's search index (graph/search_index.py): opened once per server, caught up with the
store before a search when the store's files changed (a remote store: at most once a minute).

The catch-up reads the store through a query worker, like every other query of the server.
"""
from __future__ import annotations

import os
import tempfile
import threading
import time

from flask import current_app

from newsgraph.graph.search_index import SearchIndex, index_path, store_signature

REMOTE_REFRESH_S = 60.0
CATCH_UP_TIMEOUT_S = 300.0  # one batch of articles' texts
BUDGET_S = 5.0  # indexing per request: a search answers from what is indexed so far


def pending() -> dict | None:
    """{"left": n, "articles": m} while the index is still being built, else None."""
    progress = current_app.extensions["newsgraph"].get("search_progress")
    return progress if progress and progress.get("left") else None
_lock = threading.Lock()


def search_index() -> SearchIndex:
    """The app's index, in step with the store as far as BUDGET_S of indexing per request allows
    (the first search of a large store builds the index over several requests: `pending()`)."""
    ext = current_app.extensions["newsgraph"]
    config = ext["config"]
    with _lock:
        idx = ext.get("search_index")
        if idx is None:
            path = index_path(config.store)
            if path is None or not os.access(os.path.dirname(path), os.W_OK):
                path = os.path.join(tempfile.mkdtemp(prefix="newsgraph-search-"), "search.sqlite")
            idx = ext["search_index"] = SearchIndex(path)
            ext["search_checked"] = 0.0
        sig = store_signature(config.store)
        if sig is None:
            now = time.monotonic()
            if now - ext["search_checked"] < REMOTE_REFRESH_S:
                return idx
            ext["search_checked"] = now
            sig = f"remote:{int(now // REMOTE_REFRESH_S)}"
        if sig != idx.signature():
            run = ext["run"]
            # the first build of a large store can take minutes: it gets its own time limit
            ext["search_progress"] = idx.catch_up(
                lambda text: run({"op": "result", "text": text, "bindings": {}, "max_rows": None},
                                 CATCH_UP_TIMEOUT_S)["result"].rows, sig, BUDGET_S)
        return idx
