"""A remote SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, Oxigraph server ...) through rdflib.

Query URL from `--store`, update URL from `--update-url` (default: the same), credentials
from $NEWSGRAPH_STORE_TOKEN (sent as `Authorization: Bearer`, what `newsgraph serve
--update-token` wants) or $NEWSGRAPH_STORE_USER / $NEWSGRAPH_STORE_PASSWORD (Basic, what
Virtuoso and Fuseki want). Large writes go in batches.
Every request has a time limit ($NEWSGRAPH_STORE_TIMEOUT seconds, default 300; 0: none):
rdflib's connector passes no timeout to urllib, so a server that never answers would hang
the command forever.
"""
from __future__ import annotations

import base64
import io
import os
import urllib.request
import threading
from typing import BinaryIO

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from ..namespaces import PREFIXES, sparql_prefixes
from ..terms import nt_triples
from .base import DEFAULT_GRAPH, QueryError, QueryResult, Store, StoreError, inject_values

RDFLIB_FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt", "jsonld": "json-ld",
                  "rdfxml": "xml"}
BATCH_TRIPLES = 5000
DEFAULT_TIMEOUT = 300.0


def _timeout_from_env() -> float | None:
    raw = os.environ.get("NEWSGRAPH_STORE_TIMEOUT", "")
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        raise StoreError(f"$NEWSGRAPH_STORE_TIMEOUT must be a number of seconds, not {raw!r}") from None
    return value if value > 0 else None


def auth_headers() -> dict[str, str]:
    """The Authorization header from the environment: a Bearer token, else Basic credentials."""
    token = os.environ.get("NEWSGRAPH_STORE_TOKEN")
    user, password = os.environ.get("NEWSGRAPH_STORE_USER"), os.environ.get("NEWSGRAPH_STORE_PASSWORD")
    if token and user:
        raise StoreError("set either $NEWSGRAPH_STORE_TOKEN (Bearer) or $NEWSGRAPH_STORE_USER / "
                         "$NEWSGRAPH_STORE_PASSWORD (Basic), not both")
    if token:
        return {"Authorization": f"Bearer {token.strip()}"}
    if user:
        basic = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        return {"Authorization": f"Basic {basic}"}
    return {}


# What a server's service description says when it keeps its default graph as newsgraph's view
# (endpoint/describe.py): then our writer keeps that view there too.
VIEW_FEATURE = "https://w3id.org/newsgraph/vocab#DefaultGraphView"


class RemoteSparqlStore(Store):
    def __init__(self, location: str, read_only: bool = False, update_url: str | None = None,
                 timeout: float | None = None, **_options):
        self.location = location
        self.timeout = timeout if timeout is not None else _timeout_from_env()
        self.read_only = read_only
        self.update_url = update_url or os.environ.get("NEWSGRAPH_UPDATE_URL") or location
        self._headers = auth_headers()
        self._view: bool | None = None
        self._sparql = SPARQLUpdateStore(query_endpoint=location, update_endpoint=self.update_url,
                                         context_aware=True, returnFormat="json", method="POST_FORM",
                                         headers=dict(self._headers))
        # Form-encoded POST (SPARQL 1.1 Protocol 2.1.2) is what every server answers; Virtuoso 7.2
        # never answers a query POSTed as application/sparql-query (the request hangs).

    def _run(self, fn, what):
        if self.timeout is None:
            return self._call(fn, what)
        box: dict = {}

        def call():
            try:
                box["value"] = self._call(fn, what)
            except Exception as exc:  # noqa: BLE001 - re-raised in the caller's thread
                box["error"] = exc
        worker = threading.Thread(target=call, daemon=True)  # a hung request must not block exit
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            extra = " (the server may still apply it)" if what == "update" else ""
            raise StoreError(f"{what} got no answer from {self.location} within {self.timeout:g} s{extra}; "
                             f"set $NEWSGRAPH_STORE_TIMEOUT to wait longer")
        if "error" in box:
            raise box["error"]
        return box.get("value")

    @property
    def default_graph_view(self) -> bool:
        """A newsgraph server says in its service description that its default graph is the view
        (graph/view.py): the writer keeps it there as in an embedded store. Other servers define
        their default graph themselves (Virtuoso: every graph), and get named graphs only."""
        if self._view is None:
            req = urllib.request.Request(self.location, headers={"Accept": "application/n-triples", **self._headers})
            try:
                with urllib.request.urlopen(req, timeout=min(self.timeout or 30, 30)) as resp:
                    self._view = VIEW_FEATURE in resp.read(1 << 20).decode("utf-8", "replace")
            except (OSError, ValueError):
                self._view = False
        return self._view

    def _refused(self, what: str, text: str) -> StoreError:
        how = ("the token in $NEWSGRAPH_STORE_TOKEN was refused" if self._headers.get("Authorization", "")
               .startswith("Bearer") else "set $NEWSGRAPH_STORE_TOKEN (Bearer, for newsgraph serve --update-token) "
               "or $NEWSGRAPH_STORE_USER / $NEWSGRAPH_STORE_PASSWORD (Basic)")
        return StoreError(f"{what} refused by {self.location} ({text}): {how}")

    def _call(self, fn, what):
        try:
            return fn()
        except Exception as exc:  # rdflib raises urllib/HTTP errors and result-parse errors
            text = str(exc)
            if "401" in text or "403" in text:
                raise self._refused(what, text) from exc
            if "400" in text or "Bad Request" in text or "syntax" in text.lower():
                raise QueryError(f"{what} rejected by {self.location}: {text}") from exc
            raise StoreError(f"{what} failed at {self.location}: {text}") from exc

    def query(self, sparql, bindings=None, max_rows=None, default_graphs=None, named_graphs=None):
        if bindings:
            sparql = inject_values(sparql, bindings)
        if "PREFIX" not in sparql.upper():
            sparql = sparql_prefixes() + sparql
        res = self._run(lambda: self._sparql.query(sparql, initNs={}, initBindings={}, queryGraph=None), "query")
        if isinstance(res, tuple):  # rdflib's connector returns (status, message, None) on an HTTP error
            if res[0] in (401, 403):
                raise self._refused("query", f"HTTP {res[0]}")
            raise QueryError(f"query rejected by {self.location} (HTTP {res[0]}): {str(res[1])[:500]}")
        if res.type == "ASK":
            return QueryResult(kind="ask", boolean=bool(res.askAnswer))
        if res.type == "SELECT":
            names = [str(v) for v in res.vars]
            rows = [tuple(row) for row in res]
            truncated = max_rows is not None and len(rows) > max_rows
            return QueryResult(kind="select", vars=names, rows=rows[:max_rows] if truncated else rows,
                               truncated=truncated)
        triples = list(res.graph) if res.graph is not None else list(res)
        return QueryResult(kind="graph", triples=triples)

    def update(self, sparql):
        if self.read_only:
            raise StoreError(f"the store at {self.location!r} is open read-only")
        self._run(lambda: self._sparql.update(sparql_prefixes() + sparql, initNs={}), "update")

    def replace_graph_update(self, graph, triples, fresh=False):
        # Virtuoso and others limit the size of one INSERT DATA: write in batches (the DROP first).
        triples = list(triples)
        parts = [] if fresh else [f"DROP SILENT GRAPH <{graph}>"]
        for i in range(0, len(triples), BATCH_TRIPLES):
            parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{nt_triples(triples[i:i + BATCH_TRIPLES])}}} }}")
        return " ;\n".join(parts)

    def load(self, data, fmt):
        ds = Dataset()
        ds.parse(data=data, format=RDFLIB_FORMATS[fmt])
        by_graph: dict[str, list] = {}
        for s, p, o, g in ds.quads((None, None, None, None)):
            gname = str(g.identifier if hasattr(g, "identifier") else g) if g is not None else None
            by_graph.setdefault(gname, []).append((s, p, o))
        n = 0
        for gname, triples in by_graph.items():
            for i in range(0, len(triples), BATCH_TRIPLES):
                body = nt_triples(triples[i:i + BATCH_TRIPLES])
                if gname and not gname.startswith("urn:x-rdflib:default"):
                    self.update(f"INSERT DATA {{ GRAPH <{gname}> {{ {body} }} }}")
                else:
                    self.update(f"INSERT DATA {{ {body} }}")
            n += len(triples)
        return n

    def export(self, out: BinaryIO, fmt, graph=None):
        if fmt not in RDFLIB_FORMATS:
            raise StoreError(f"unknown format {fmt!r}")
        if graph == DEFAULT_GRAPH:
            quads = [(s, p, o, None) for s, p, o in self.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows]
        elif graph:
            q = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            rows = self.query(q).rows
            quads = [(s, p, o, URIRef(graph)) for s, p, o in rows]
        else:
            rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
            quads = [(s, p, o, g) for s, p, o, g in rows]
        if fmt == "jsonld":  # compact, with a @context (graph/jsonld.py)
            from ..jsonld import write_compact
            write_compact(((s, p, o) for s, p, o, _ in quads), out)
            return
        if fmt in ("trig", "nquads"):
            ds = Dataset()
            for s, p, o, g in quads:
                (ds.graph(g) if g is not None else ds.default_context).add((s, p, o))
            target = ds
        else:
            target = Graph()
            for s, p, o, _ in quads:
                target.add((s, p, o))
        for k, v in PREFIXES.items():
            target.bind(k, v)
        buf = io.BytesIO()
        target.serialize(buf, format=RDFLIB_FORMATS[fmt])
        out.write(buf.getvalue())

