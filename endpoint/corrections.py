"""Corrections from the pages: POST /corrections (behind the update token), GET /corrections.

Why a child process: a correction writes articles again through the one writer
(graph/curate.py), many queries and updates; like a SPARQL Update (writer.py) it runs in a child
process that borrows the store's lock (pool.update), so a slow or crashing correction cannot stall
or take down the server, and the query workers see the result when it is done.

Child protocol (as writer.py): one JSON object on standard input, {"action", "target", "value",
"new_person", "reason", "by", "base_iri"}; one on standard output, {"ok": true} or {"ok": false, "status",
"message"}.
"""
from __future__ import annotations

import hmac
import json
import sys

MODULE = "newsgraph.endpoint.corrections"


def token_ok(config, supplied: str | None) -> bool:
    """The server's update token, from the Authorization header or the page form's field."""
    return bool(config.update_token and supplied) and hmac.compare_digest(
        supplied.strip().encode(), config.update_token.encode())


def register(app, config, pool) -> None:
    """Add the routes; the resource page shows its form when the server has an update token."""
    from flask import Response, jsonify, redirect, request, url_for

    from newsgraph.graph.corrections import ACTIONS

    from .errors import ApiError

    app.jinja_env.globals["correction_class"] = "https://w3id.org/newsgraph/vocab#Correction"
    app.jinja_env.globals["correction_actions"] = {
        kind: [(name, a.help, a.value) for name, a in ACTIONS.items() if kind in a.target]
        for kind in ("meeting", "claim", "entity")}

    @app.route("/corrections", methods=["POST"])
    def make_correction():
        auth = request.headers.get("Authorization", "")
        scheme, _, bearer = auth.partition(" ")
        supplied = bearer if scheme.lower() == "bearer" else request.form.get("token")
        if not config.update_token:
            raise ApiError(403, "corrections are disabled on this endpoint (start it with --update-token TOKEN)")
        if not token_ok(config, supplied):
            raise ApiError(401, "a correction needs the server's update token" if not supplied
                           else "the update token is not valid", {"WWW-Authenticate": 'Bearer realm="newsgraph"'})
        if pool.remote:
            raise ApiError(501, "this server reads a remote store: correct it with `newsgraph correct --store URL`")
        form = {k: (request.form.get(k) or "").strip()
                for k in ("action", "target", "value", "new_person", "reason", "by")}
        if not form["action"] or not form["target"]:
            raise ApiError(400, "give action and target (and value where the action takes one)")
        form["base_iri"] = config.base_iri
        from newsgraph.graph.store import QueryError, StoreError

        from .pool import Busy, Timeout
        try:
            pool.update(json.dumps(form), module=MODULE)
        except QueryError as exc:  # the correction was refused: say why
            raise ApiError(400, str(exc)) from None
        except Busy:
            raise ApiError(503, "running queries did not finish in time; nothing was changed, try again",
                           {"Retry-After": "2"}) from None
        except Timeout:
            raise ApiError(504, "the correction ran past the update limit and was stopped; nothing was changed") from None
        except StoreError as exc:
            raise ApiError(500, f"the correction failed: {exc}") from None
        if request.accept_mimetypes.best == "application/json":
            return jsonify({"ok": True})
        back = form["target"] if form["action"] != "undo" else None
        return redirect(url_for("resource", iri=back) if back else url_for("list_corrections"), code=303)

    @app.route("/corrections", methods=["GET"])
    def list_corrections():
        reply = pool.call({"op": "sparql", "text": LIST_QUERY, "formats": ["json"], "accept": None},
                          config.query_timeout)
        if not reply.get("ok"):
            raise ApiError(reply.get("status", 500), reply.get("message", "query failed"))
        return Response(reply["body"], content_type=reply["content_type"])


LIST_QUERY = """PREFIX ng: <https://w3id.org/newsgraph/vocab#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?correction ?time ?by ?action ?target ?value ?reason ?undone WHERE {
  ?correction a ng:Correction ; ng:action ?action ; ng:correctionTarget ?target ; prov:startedAtTime ?time .
  OPTIONAL { ?correction prov:wasAssociatedWith/rdfs:label ?by }
  OPTIONAL { ?correction ng:correctionValue ?value }
  OPTIONAL { ?correction ng:reason ?reason }
  OPTIONAL { ?correction ng:undoneAt ?undone }
} ORDER BY ?time"""


def main(argv: list[str] | None = None) -> int:
    from newsgraph.graph.corrections import CorrectionError

    from .writer import run_child
    return run_child(argv, _correct, refused=(CorrectionError,), what="correction")


def _correct(store, text: str) -> None:
    from newsgraph.graph import curate
    from newsgraph.graph.iris import Minter
    form = json.loads(text)
    minter = Minter(form["base_iri"])
    who = form.get("by") or "web page"
    if form["action"] == "undo":
        curate.undo(store, minter, form["target"], who, form.get("reason", ""))
    else:
        curate.record(store, minter, form["action"], form["target"], form.get("value") or None,
                      form.get("reason", ""), who, form.get("new_person") or None)


if __name__ == "__main__":
    sys.exit(main())
