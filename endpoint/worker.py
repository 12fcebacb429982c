"""A query worker: a child process with its own read-only handle on the store.

Oxigraph evaluates queries in native code that Python cannot interrupt, so the server runs
every query in one of these processes and kills the process when the query exceeds its
time limit (pool.py starts a fresh one). The worker opens the store lazily, read-only, and
closes it when told to (before the server applies an update), so a read-only handle never
sits beside an open writer.

Protocol (multiprocessing Connection on an inherited socket): the worker sends
{"ready": True} once imported, then answers each request dict with one reply dict.
"""
from __future__ import annotations

import os
import signal
import sys
import time
import traceback


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when the server dies, even mid-query in native code."""
    try:
        import ctypes
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def explain_syntax_error(message: str, text: str, what: str = "query") -> str:
    """One readable line (what, line, column), then the line with a caret (graph/store/errors.py)."""
    from newsgraph.graph.store.errors import readable
    return readable(message if len(message) <= 500 else message[:500] + "…", text, what)


class Worker:
    def __init__(self, cfg: dict):
        self.location = cfg["location"]
        self.options = cfg.get("options") or {}
        self.max_rows = cfg["max_rows"]
        self.allow_remote = cfg["allow_remote"]
        self.store = None

    def _store(self):
        if self.store is None:
            from newsgraph.graph.store import open_store
            self.store = open_store(self.location, read_only=True, **self.options)
        return self.store

    def close_store(self) -> None:
        if self.store is not None:
            try:
                self.store.close()
            finally:
                self.store = None

    # ------------------------------------------------------------------ ops
    def handle(self, msg: dict) -> dict:
        from newsgraph.graph.store import QueryError, StoreError

        from .formats import NotAcceptable
        from .safety import Refused

        op = msg.get("op")
        try:
            if op == "close":
                self.close_store()
                return {"ok": True}
            if op == "check":
                from .safety import check
                check(msg["text"], update=bool(msg.get("update")), allow_remote=self.allow_remote)
                return {"ok": True}
            if op == "ping":
                return {"ok": True, "pid": os.getpid()}
            if op in ("sparql", "named"):
                return self._sparql(msg)
            if op == "result":
                res = self._store().query(msg["text"], msg.get("bindings") or None, msg.get("max_rows"))
                return {"ok": True, "result": res}
            if op == "resource":
                from .pages import gather
                return {"ok": True, "data": gather(self._store(), msg["iri"], msg.get("base"))}
            if op == "graph":
                return self._graph(msg)
            if op == "network":
                return self._network(msg)
            if op == "network_export":
                from newsgraph.network.export import export_network
                return export_network(self._store(), msg["filters"], msg["format"])
            return {"ok": False, "status": 500, "message": f"unknown worker operation {op!r}"}
        except Refused as exc:
            return {"ok": False, "status": 403, "message": str(exc)}
        except NotAcceptable as exc:
            return {"ok": False, "status": exc.status, "message": str(exc)}
        except QueryError as exc:
            text = msg.get("text") or ""
            return {"ok": False, "status": 400, "message": explain_syntax_error(str(exc), text)}
        except StoreError as exc:
            self.close_store()
            return {"ok": False, "status": 503, "message": f"store unavailable: {exc}"}
        except MemoryError:
            return {"ok": False, "status": 503, "message": "the query needed more memory than the worker has"}
        except Exception as exc:  # noqa: BLE001  (report, keep serving)
            traceback.print_exc(file=sys.stderr)
            return {"ok": False, "status": 500, "message": f"internal error: {type(exc).__name__}: {exc}"}

    def _sparql(self, msg: dict) -> dict:
        from . import formats
        from .safety import check

        text = msg["text"]
        t0 = time.perf_counter()
        check(text, update=False, allow_remote=self.allow_remote)
        # plain terms, which each backend makes its fastest way (graph/store/base.py)
        res = self._store().query_plain(text, msg.get("bindings") or None, self.max_rows,
                                        msg.get("default_graphs") or None, msg.get("named_graphs") or None)
        name, ctype = formats.negotiate(res.kind, msg.get("formats"), msg.get("accept"))
        if res.kind == "graph":
            body = formats.serialize_triples(res.triples, name)
            count = len(res.triples)
        else:
            body = formats.serialize_result(res.kind, res.vars, res.rows, res.boolean, name)
            count = len(res.rows) if res.kind == "select" else None
        return {"ok": True, "status": 200, "content_type": ctype, "body": body, "kind": res.kind, "count": count,
                "truncated": res.truncated, "ms": (time.perf_counter() - t0) * 1000}

    def _graph(self, msg: dict) -> dict:
        """Graph Store Protocol read: one named graph, or the default graph (graph/view.py)."""
        import io

        from . import formats
        from newsgraph.graph.store import DEFAULT_GRAPH, StoreError

        graph = msg.get("graph")
        name, ctype = formats.negotiate("graph", msg.get("formats"), msg.get("accept"))
        store = self._store()
        if graph is not None and not store.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": _iri(graph)}):
            return {"ok": False, "status": 404, "message": f"no graph {graph!r} in the store"}
        buf = io.BytesIO()
        try:
            # Turtle / N-Triples / JSON-LD / RDF/XML of a named graph hold its triples; TriG and
            # N-Quads keep the graph name. The default graph is the one /sparql reads.
            store.export(buf, name, graph if graph is not None else DEFAULT_GRAPH)
        except StoreError as exc:
            if "no graph" in str(exc):
                return {"ok": False, "status": 404, "message": str(exc)}
            raise
        return {"ok": True, "status": 200, "content_type": ctype, "body": buf.getvalue()}

    def _network(self, msg: dict) -> dict:
        try:
            from newsgraph.network import NetworkError, render_page
        except ImportError as exc:
            return {"ok": False, "status": 501, "message": f"the network page is not available: {exc}"}
        try:
            html = render_page(self._store(), **msg["filters"])
        except NetworkError as exc:
            return {"ok": False, "status": 400, "message": str(exc)}
        except ValueError as exc:
            return {"ok": False, "status": 400, "message": str(exc)}
        try:
            from newsgraph.network.page import csp_of
            csp = csp_of(html)
        except ImportError:
            csp = None
        return {"ok": True, "status": 200, "content_type": "text/html; charset=utf-8", "body": html.encode("utf-8"),
                "csp": csp}


def _iri(value: str):
    from rdflib import URIRef
    return URIRef(value)


def main(argv: list[str] | None = None) -> int:
    import json
    from multiprocessing.connection import Connection

    argv = sys.argv[1:] if argv is None else argv
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the server, which stops us in order
    conn = Connection(int(argv[0]))
    cfg = json.loads(argv[1])
    if cfg.get("memory_mb"):
        # A query that builds a huge intermediate result (GROUP_CONCAT over a cross join, ...) makes
        # Oxigraph abort when an allocation fails: the worker dies, the server replaces it, and the
        # machine does not swap. RLIMIT_DATA: heap and private mappings, not shared libraries.
        import resource
        limit = int(cfg["memory_mb"]) << 20
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    # import the heavy modules before saying ready, so the first query is not slowed by them
    # (the store's backend comes with opening it, below)
    import rdflib  # noqa: F401

    from newsgraph.graph.store import open_store  # noqa: F401

    import rdflib.plugins.sparql.parser  # noqa: F401  (safety.check parses suspicious texts with it)

    from . import formats, pages, safety  # noqa: F401
    worker = Worker(cfg)
    try:
        worker._store()  # open now, so the first query does not pay for it (reopened lazily after updates)
    except Exception:  # noqa: BLE001  (reported by the first query instead)
        worker.close_store()
    conn.send({"ready": True, "pid": os.getpid()})
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            break
        if msg is None:
            break
        reply = worker.handle(msg)
        try:
            conn.send(reply)
        except (OSError, ValueError) as exc:  # e.g. a reply too large to pickle
            try:
                conn.send({"ok": False, "status": 500, "message": f"cannot return the result: {exc}"})
            except OSError:
                break
    worker.close_store()
    return 0


if __name__ == "__main__":
    sys.exit(main())
