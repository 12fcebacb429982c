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
CATCH_UP_TIMEOUT_S = 900.0  # the first build at 100k articles reads every headline, claim and sentence
_lock = threading.Lock()


def search_index() -> SearchIndex:
    """The app's index, in step with the store."""
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
            idx.catch_up(lambda text: run({"op": "result", "text": text, "bindings": {}, "max_rows": None},
                                          CATCH_UP_TIMEOUT_S)["result"].rows, sig)
        return idx
