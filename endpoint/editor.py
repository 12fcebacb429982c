"""/editor: Yasgui (npm @zazuko/yasgui, vendored in static/vendor/yasgui/, served by us) on our
/sparql, with our prefixes and the named queries as examples (docs/pages.md, "The SPARQL editor").

Yasgui keeps its tabs in the browser's localStorage and talks to /sparql like any SPARQL client
(the endpoint allows CORS, so the same build also works against this endpoint from elsewhere).
Its two autocompleters that ask outside services (LOV for classes and properties) are left off:
prefixes complete from the list inside the build and from ours, variables from the query.
"""
from __future__ import annotations

import re

from flask import Blueprint, Response, render_template, url_for

from newsgraph import queries as named_queries
from newsgraph.graph.namespaces import PREFIXES

YASGUI_VERSION = "4.6.2"
# Yasgui draws with inline style attributes (CodeMirror, its tab menus, DataTables): the page allows
# inline styles, and nothing else beyond the strict policy every other page has.
EDITOR_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
              "font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
              "frame-ancestors 'none'")

bp = Blueprint("editor", __name__)


def with_prefixes(text: str) -> str:
    """A query with PREFIX lines for the predefined prefixes it uses (Yasgui checks its syntax
    and would mark `schema:` undeclared; the query stays runnable on any endpoint)."""
    code = re.sub(r"<[^<>\s]*>", " ", text)  # IRIs, then strings and comments, say nothing of prefixes
    code = re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', " ", code)
    code = re.sub(r"#[^\n]*", " ", code)
    used = [p for p in PREFIXES if re.search(rf"(?<![\w:?$]){re.escape(p)}:", code)]
    declared = set(re.findall(r"PREFIX\s+(\w*):", text, flags=re.IGNORECASE))
    head = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used if p not in declared)
    return head + text


def examples(base: str) -> list[dict]:
    from .workbench import editor_text
    return [{"name": q.name, "title": q.title, "text": with_prefixes(editor_text(q.sparql(base=base)))}
            for q in named_queries.all_queries().values()]


START = """# the most mentioned actors and places (the counts live in the index graph, not the default graph)
SELECT ?actor ?name ?articles WHERE {
  GRAPH ?index { ?actor ng:articleCount ?articles }
  ?actor schema:name ?name .
}
ORDER BY DESC(?articles)
LIMIT 20
"""


@bp.route("/editor")
def editor():
    from flask import current_app, g
    base = current_app.extensions["newsgraph"]["config"].base_iri
    data = {"endpoint": url_for("sparql", _external=True), "prefixes": PREFIXES, "examples": examples(base),
            "start": with_prefixes(START), "version": YASGUI_VERSION}
    g.own_csp = True
    resp = Response(render_template("editor.html", data=data), content_type="text/html; charset=utf-8")
    resp.headers["Content-Security-Policy"] = EDITOR_CSP
    return resp
