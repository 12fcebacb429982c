"""The Flask app: SPARQL 1.1 Protocol at /sparql, Graph Store Protocol (read) at /rdf-graphs,
the query page at /, entity pages at /resource, the network page at /network.

Every query runs in a worker process (pool.py); this process parses requests, checks
tokens and renders pages. Jinja autoescapes every template; data from articles is never
marked safe, and every HTML page is sent with a Content-Security-Policy that allows only
our own script and style files.
"""
from __future__ import annotations

import hmac
import time
from urllib.parse import urlsplit

from flask import Flask, Response, g, jsonify, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from newsgraph import queries as named_queries
from newsgraph.api import UsageError, is_absolute_iri, param_value
from newsgraph.graph.store import QueryError, StoreError

from . import formats, limits, safety
from .config import EndpointConfig
from .pages import compact
from .fairness import TooMany, client_key
from .pool import Busy, Preempted, QueryPool, Timeout, WorkerFailed

TEXT = "text/plain; charset=utf-8"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
RESULT_HEADERS = "X-Newsgraph-Row-Limit, X-Newsgraph-Rows, X-Newsgraph-Truncated, Server-Timing"
SD_TYPES = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml", "application/trig"]
RESOURCE_TYPES = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]


from .errors import ApiError  # noqa: E402  (the route modules raise it too)


def _limit_text(seconds: float | None) -> str:
    return "no" if seconds is None else f"the {seconds:g} s"


def create_app(config: EndpointConfig, pool: QueryPool) -> Flask:
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(MAX_CONTENT_LENGTH=config.max_body, MAX_FORM_MEMORY_SIZE=config.max_body,
                      JSON_AS_ASCII=False, TEMPLATES_AUTO_RELOAD=False)
    app.json.ensure_ascii = False
    app.extensions["newsgraph"] = {"config": config, "pool": pool}
    base = config.base_iri

    # ------------------------------------------------------------------ helpers
    def run(msg: dict, timeout: float | None = None) -> dict:
        limit = config.query_timeout if timeout is None else timeout
        try:
            reply = pool.call(msg, limit, client=client_key(request.remote_addr))
        except TooMany as exc:
            raise ApiError(429, str(exc), {"Retry-After": "1"}) from None
        except Busy:
            raise ApiError(503, f"all {pool.size} query workers stayed busy for {_limit_text(limit)} limit; "
                                "try again", {"Retry-After": "2"}) from None
        except Preempted:
            raise ApiError(503, "the query was stopped after running long while other clients waited for a "
                                "worker; it will wait its turn if you send it again", {"Retry-After": "5"}) from None
        except Timeout:
            raise ApiError(504, f"query exceeded {_limit_text(limit)} limit and was stopped "
                                f"(newsgraph serve --query-timeout SECONDS)") from None
        except WorkerFailed as exc:
            raise ApiError(503, f"the query could not be answered: {exc}. A query may use at most "
                                f"{config.worker_memory_mb} MB ($NEWSGRAPH_WORKER_MEMORY_MB) and "
                                f"{_limit_text(limit)} time limit") from None
        if not reply.get("ok"):
            raise ApiError(reply.get("status", 500), reply.get("message", "query failed"))
        return reply

    def result_response(reply: dict) -> Response:
        resp = Response(reply["body"], status=reply.get("status", 200), content_type=reply["content_type"])
        if "ms" in reply:  # time in the worker: query + serialization (the rest is queueing, IPC and HTTP)
            resp.headers["Server-Timing"] = f'query;dur={reply["ms"]:.1f};desc="query and serialization"'
        if reply.get("kind") in ("select", "graph"):
            resp.headers["X-Newsgraph-Row-Limit"] = str(config.max_rows)
            resp.headers["X-Newsgraph-Rows"] = str(reply.get("count") or 0)
            if reply.get("truncated"):
                resp.headers["X-Newsgraph-Truncated"] = "true"
                resp.headers["Warning"] = f'199 newsgraph "result cut at {config.max_rows} rows (the row limit)"'
        return resp

    def link(iri: str | None) -> str | None:
        """Where an IRI links to on our pages: our own resources to their page, other http(s) IRIs
        to themselves, anything else (javascript:, data:, ...) nowhere."""
        if not iri:
            return None
        if iri.startswith(base):
            return url_for("resource", iri=iri)
        if iri.lower().startswith(("http://", "https://")):
            return iri
        return None

    app.jinja_env.globals.update(link=link, compact=compact, base_iri=base, config=config)
    app.extensions["newsgraph"]["run"] = run
    from .pagecache import StoreCache, network_key
    page_cache = app.extensions["newsgraph"]["page_cache"] = StoreCache(config.store)
    from .workbench import bp as workbench_pages  # search, timeline, map, labels (docs/pages.md)
    app.register_blueprint(workbench_pages)
    from .editor import bp as editor_page  # Yasgui, vendored (docs/pages.md)
    app.register_blueprint(editor_page)

    def params(name: str) -> list[str]:
        values = request.args.getlist(name)
        if request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded":
            values = values + request.form.getlist(name)
        return values

    def body_text() -> str:
        data = request.get_data(cache=True)
        charset = request.mimetype_params.get("charset", "utf-8")
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError) as exc:
            raise ApiError(400, f"the request body is not valid {charset}: {exc}") from None

    # ------------------------------------------------------------------ hooks
    @app.before_request
    def _start():
        g.t0 = time.perf_counter()

    @app.after_request
    def _headers(resp: Response) -> Response:
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        ctype = resp.headers.get("Content-Type", "")
        if ctype and "charset" not in ctype and _textual(ctype):
            ctype = resp.headers["Content-Type"] = ctype + "; charset=utf-8"
        if ctype.startswith("text/html"):
            if not getattr(g, "own_csp", False):
                resp.headers.setdefault("Content-Security-Policy", CSP)
            elif "frame-ancestors" not in resp.headers.get("Content-Security-Policy", "frame-ancestors"):
                # a page's own policy (the network page's script hashes) may only forbid framing in
                # the header: browsers ignore frame-ancestors in a <meta> policy
                resp.headers["Content-Security-Policy"] += "; frame-ancestors 'none'"
            resp.headers.setdefault("Referrer-Policy", "same-origin")
            resp.headers.setdefault("X-Frame-Options", "DENY")
        if not getattr(g, "no_cors", False):
            resp.headers["Access-Control-Allow-Origin"] = "*"
            resp.headers["Access-Control-Expose-Headers"] = RESULT_HEADERS
            if request.method == "OPTIONS":
                resp.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
                resp.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
                resp.headers["Access-Control-Max-Age"] = "86400"
        return resp

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return _error(exc.status, exc.message, exc.headers)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        message = exc.description or exc.name
        if exc.code == 413:
            message = f"request body too large: the limit is {config.max_body} bytes ($NEWSGRAPH_MAX_BODY)"
        headers = dict(exc.get_headers()) if exc.code == 405 else {}
        headers.pop("Content-Type", None)
        return _error(exc.code or 500, message, headers)

    def _error(status: int, message: str, headers: dict | None = None):
        message = limits.short(message)
        if request.path.startswith(("/sparql", "/rdf-graphs", "/queries")) or \
                not formats.prefers_html(request.headers.get("Accept"), ["text/plain"]):
            resp = Response(message.rstrip("\n") + "\n", status=status, content_type=TEXT)
        else:
            resp = Response(render_template("error.html", status=status, message=message), status=status,
                            content_type="text/html; charset=utf-8")
        for k, v in (headers or {}).items():
            resp.headers[k] = v
        return resp

    # ------------------------------------------------------------------ SPARQL protocol
    @app.route("/sparql", methods=["GET", "POST"])
    def sparql():
        if request.method == "GET":
            if request.args.getlist("update"):
                raise ApiError(400, "SPARQL Update is only accepted by POST (form field update=, or a body of "
                                    "type application/sparql-update)")
            qs = request.args.getlist("query")
            if not qs:
                return service_description()
            return run_query(qs)
        mt = request.mimetype
        if mt == "application/x-www-form-urlencoded":
            qs, us = params("query"), params("update")
            if qs and us:
                raise ApiError(400, "a request carries either query= or update=, not both")
            if us:
                if len(us) > 1:
                    raise ApiError(400, "more than one update= parameter")
                return run_update(us[0])
            if not qs:
                raise ApiError(400, "no query= (or update=) in the form")
            return run_query(qs)
        if mt == "application/sparql-query":
            if request.args.getlist("query") or request.args.getlist("update"):
                raise ApiError(400, "the query is the request body; do not also pass query= or update=")
            return run_query([body_text()])
        if mt == "application/sparql-update":
            if request.args.getlist("query") or request.args.getlist("update"):
                raise ApiError(400, "the update is the request body; do not also pass query= or update=")
            return run_update(body_text())
        raise ApiError(415, f"unsupported Content-Type {mt or '(none)'!r}: POST application/sparql-query, "
                            "application/sparql-update or application/x-www-form-urlencoded")

    def run_query(qs: list[str]) -> Response:
        if len(qs) > 1:
            raise ApiError(400, f"{len(qs)} query parameters; send exactly one")
        text = qs[0]
        if not text.strip():
            raise ApiError(400, "the query is empty")
        _within_limits(text, update=False)
        if safety.query_form(text) == "update":
            raise ApiError(400, "this is a SPARQL Update, not a query: POST it as update= or with "
                                "Content-Type application/sparql-update")
        if request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded":
            dg, ng = params("default-graph-uri"), params("named-graph-uri")
        else:
            dg, ng = request.args.getlist("default-graph-uri"), request.args.getlist("named-graph-uri")
        for iri in dg + ng:
            _check_iri(iri)
        # The protocol: a dataset given by one kind of parameter has none of the other kind.
        if ng and not dg:
            dg = ["urn:newsgraph:empty-default-graph"]
        if dg and not ng:
            ng = ["urn:newsgraph:no-named-graphs"]
        reply = run({"op": "sparql", "text": text, "default_graphs": dg, "named_graphs": ng,
                     "formats": params("format"), "accept": request.headers.get("Accept")})
        return result_response(reply)

    def run_update(text: str) -> Response:
        g.no_cors = True
        if not config.update_token:
            raise ApiError(403, "updates are disabled on this endpoint (start it with --update-token TOKEN "
                                "or $NEWSGRAPH_UPDATE_TOKEN)")
        auth = request.headers.get("Authorization", "")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), config.update_token.encode()):
            raise ApiError(401, "SPARQL Update needs 'Authorization: Bearer TOKEN' with the server's update token"
                           if not auth else "the update token is not valid",
                           {"WWW-Authenticate": 'Bearer realm="newsgraph SPARQL Update"'
                            + ("" if not auth else ', error="invalid_token"')})
        if params("using-graph-uri") or params("using-named-graph-uri"):
            raise ApiError(400, "using-graph-uri / using-named-graph-uri are not supported: put USING / "
                                "USING NAMED in the update text")
        if not text.strip():
            raise ApiError(400, "the update is empty")
        _within_limits(text, update=True)
        # the check may parse the text with rdflib: in a worker, so a large update cannot stall this process
        run({"op": "check", "text": text, "update": True})
        try:
            pool.update(text)
        except Busy:
            raise ApiError(503, "running queries did not finish in time for the update; nothing was changed, "
                                "try again", {"Retry-After": "2"}) from None
        except Timeout:
            raise ApiError(504, f"the update exceeded the {pool.update_timeout:g} s limit and was stopped; nothing "
                                f"was changed ($NEWSGRAPH_UPDATE_TIMEOUT)") from None
        except QueryError as exc:
            from .worker import explain_syntax_error
            message = str(exc)
            raise ApiError(400, message if "\n  line " in message
                           else explain_syntax_error(message, text, "update")) from None
        except StoreError as exc:
            raise ApiError(500 if "in use" not in str(exc) else 503, f"update failed: {exc}") from None
        return Response("update applied\n", status=200, content_type=TEXT)

    def service_description() -> Response:
        accept = request.headers.get("Accept")
        fmts = params("format")
        if not fmts and formats.prefers_html(accept, SD_TYPES):
            return app.redirect(url_for("index"), 303)
        try:
            name, ctype = formats.negotiate("graph", fmts, accept)
        except formats.NotAcceptable as exc:
            raise ApiError(exc.status, str(exc)) from None
        from .describe import PREFIXES as SD_PREFIXES, service_description_triples
        from newsgraph.graph.store import plain_term
        triples = [tuple(map(plain_term, t)) for t in service_description_triples(request.base_url, config)]
        resp = Response(formats.serialize_triples(triples, name, SD_PREFIXES), content_type=ctype)
        resp.headers["Vary"] = "Accept"
        return resp

    # ------------------------------------------------------------------ Graph Store Protocol (read)
    @app.route("/rdf-graphs", methods=["GET"])
    def rdf_graphs():
        graphs = request.args.getlist("graph")
        default = "default" in request.args
        if len(graphs) + int(default) != 1:
            raise ApiError(400, "give exactly one of ?graph=IRI or ?default")
        if graphs:
            _check_iri(graphs[0])
        accept = request.headers.get("Accept")
        if not request.args.getlist("format") and accept and "trig" not in accept.lower() \
                and formats.prefers_html(accept, ["text/turtle"]):
            accept = "text/turtle"
        reply = run({"op": "graph", "graph": graphs[0] if graphs else None, "formats": request.args.getlist("format"),
                     "accept": accept})
        return result_response(reply)

    from .corrections import register as register_corrections  # POST /corrections, the pages' forms
    register_corrections(app, config, pool)

    # ------------------------------------------------------------------ pages
    @app.route("/")
    def index():
        from .workbench import editor_text
        qs = [{"name": q.name, "title": q.title, "description": q.description, "text": editor_text(q.sparql(base=base)),
               "params": [{"name": p.name, "optional": p.optional, "description": p.description}
                          for p in q.all_params()]}
              for q in named_queries.all_queries().values()]
        return render_template("index.html", queries=qs, max_rows=config.max_rows,
                               timeout=config.query_timeout)

    @app.route("/queries")
    def list_queries():
        return jsonify([{"name": q.name, "title": q.title, "description": q.description,
                         "params": [{"name": p.name, "optional": p.optional, "description": p.description}
                                    for p in q.all_params()],
                         "run": url_for("run_named", name=q.name)}
                        for q in named_queries.all_queries().values()])

    @app.route("/queries/<name>", methods=["GET", "POST"])
    def run_named(name: str):
        q = named_queries.all_queries().get(name)
        if q is None:
            raise ApiError(404, f"no named query {name!r} (see /queries)")
        declared = {p.name: p for p in q.all_params()}
        bindings, page = {}, {}
        for key in set(request.args) | (set(request.form) if request.method == "POST" else set()):
            if key == "format":
                continue
            if key not in declared:
                raise ApiError(400, f"query {name!r} has no parameter {key!r} "
                                    f"(it takes: {', '.join(declared) or 'none'})")
            value = params(key)
            if len(value) != 1:
                raise ApiError(400, f"parameter {key!r} given {len(value)} times")
            if value[0] != "":
                if key in named_queries.PAGE_PARAMS:
                    page[key] = value[0]
                else:
                    bindings[key] = _param_value(value[0])
        missing = [p.name for p in q.params if not p.optional and p.name not in bindings]
        if missing:
            raise ApiError(400, f"query {name!r} needs the parameter {missing[0]} "
                                f"({declared[missing[0]].description})")
        try:
            text = q.sparql(bindings, page.get("limit"), page.get("offset"), base)
        except named_queries.PageError as exc:
            raise ApiError(400, str(exc)) from None
        reply = run({"op": "named", "text": text, "bindings": {}, "formats": params("format"),
                     "accept": request.headers.get("Accept")})
        return result_response(reply)

    @app.route("/resource")
    def resource():
        iri = request.args.get("iri", "")
        if not iri:
            raise ApiError(400, "give the resource as ?iri=...")
        return resource_page(iri)

    base_path = urlsplit(base).path
    if base_path and base_path != "/" and base_path.rstrip("/") not in ("/sparql", "/rdf-graphs", "/queries",
                                                                         "/resource", "/network", "/static"):
        @app.route(base_path.rstrip("/") + "/<path:rest>", endpoint="dereference")
        def dereference(rest: str):
            """GET on our own IRIs when the base IRI points at this server (--base-iri / $NEWSGRAPH_BASE_IRI)."""
            return resource_page(base + rest)

    def resource_page(iri: str) -> Response:
        _check_iri(iri)
        accept = request.headers.get("Accept")
        fmts = request.args.getlist("format")
        if fmts:
            wants_rdf = True
        elif not accept or accept.strip() == "*/*" or formats.prefers_html(accept, RESOURCE_TYPES):
            wants_rdf = False
        else:
            try:
                formats.negotiate("graph", None, accept)
            except formats.NotAcceptable as exc:
                raise ApiError(406, f"{exc}; or text/html for the page") from None
            wants_rdf = True
        if wants_rdf:
            reply = run({"op": "sparql", "text": f"DESCRIBE <{iri}>", "formats": fmts, "accept": accept})
            resp = result_response(reply)
        else:
            data = run({"op": "resource", "iri": iri, "base": base})["data"]
            if data is None:
                raise ApiError(404, f"nothing is known about <{iri}> in this store")
            resp = Response(render_template("resource.html", iri=iri, d=data, base=base),
                            content_type="text/html; charset=utf-8")
            resp.headers["Link"] = f'<{url_for("resource", iri=iri, format="turtle")}>; rel="alternate"; ' \
                                   f'type="text/turtle"'
        resp.headers["Vary"] = "Accept"
        return resp

    def network_filters() -> dict:
        filters = {}
        for key in ("actor", "since", "until", "types"):
            v = request.args.get(key, "").strip()
            if v:
                filters[key] = v
        for key, default in (("depth", 1), ("min_weight", 1)):
            v = request.args.get(key, "").strip()
            try:
                filters[key] = int(v) if v else default
            except ValueError:
                raise ApiError(400, f"{key} must be a whole number, got {v!r}") from None
        return filters

    @app.route("/network")
    def network():
        filters = network_filters()
        # built once per store state and filters (the unfiltered page in the background: pagecache.py)
        reply, hit = page_cache.get(network_key("network", filters),
                                    lambda: run({"op": "network", "filters": filters}, timeout=config.network_timeout))
        g.own_csp = True  # the page carries its own CSP (hashes of its inline scripts); sent as a header too
        resp = Response(reply["body"], content_type=reply["content_type"])
        resp.headers["X-Newsgraph-Cache"] = "hit" if hit else "miss"
        if reply.get("csp"):
            resp.headers["Content-Security-Policy"] = reply["csp"]
        return resp

    @app.route("/network.<fmt>")
    def network_export(fmt: str):
        """The filtered network as GEXF or GraphML (networkx), for Gephi and friends."""
        if fmt not in ("gexf", "graphml"):
            raise ApiError(404, f"no export /network.{fmt[:20]}: /network.gexf or /network.graphml")
        filters = network_filters()
        reply, hit = page_cache.get(network_key("network." + fmt, filters),
                                    lambda: run({"op": "network_export", "filters": filters, "format": fmt},
                                                timeout=config.network_timeout))
        resp = Response(reply["body"], content_type=reply["content_type"])
        resp.headers["Content-Disposition"] = f'attachment; filename="network.{fmt}"'
        resp.headers["X-Newsgraph-Cache"] = "hit" if hit else "miss"
        return resp

    @app.route("/health")
    def health():
        warmer = app.extensions["newsgraph"].get("warmer")
        warm = None if warmer is None else {"builds": warmer.builds, "error": warmer.last_error}
        return jsonify({"ok": True, "workers": pool.workers, "killed": pool.killed, "queue": pool.gate.snapshot(),
                        "heavy_pauses": pool.governor.pauses,
                        "network_warm": warm})

    @app.route("/favicon.ico")
    def favicon():
        return Response(b"", status=204, content_type="image/x-icon")

    return app


def _textual(ctype: str) -> bool:
    mt = ctype.split(";")[0].strip().lower()
    return mt.startswith("text/") or mt.endswith(("json", "xml", "javascript", "trig", "n-triples", "n-quads"))


def _within_limits(text: str, update: bool) -> None:
    """Size and nesting, before any parser (ours, rdflib's in the safety check, Oxigraph's) runs."""
    try:
        limits.check_text(text, update=update)
    except limits.TooLarge as exc:
        raise ApiError(exc.status, str(exc)) from None


def _check_iri(iri: str) -> None:
    if not is_absolute_iri(iri):
        raise ApiError(400, f"not an absolute IRI: {iri[:200]!r}")


def _param_value(value: str):
    """As `newsgraph query --param` and `kg.query(name=...)`: <...> or http(s)://... is an IRI,
    anything else a plain literal."""
    try:
        return param_value(value)
    except UsageError as exc:
        raise ApiError(400, str(exc)) from None

