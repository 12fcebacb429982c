"""The analyst's pages beside the query page: labels for result tables, name completion,
search, the timeline and the map (docs/pages.md).

A Flask blueprint: every query still runs in a query worker through the app's `run` (so the
time limit, the fairness queue and the worker memory cap apply); this module builds the SPARQL
and the page data. Text from articles reaches the pages through Jinja's autoescaping or JSON.
"""
from __future__ import annotations

import re

from flask import Blueprint, current_app, jsonify, render_template, request
from rdflib import URIRef

from newsgraph.api import is_absolute_iri

from .pages import _label

bp = Blueprint("workbench", __name__)

MAX_LABELS = 2000


def _run(msg: dict, timeout: float | None = None) -> dict:
    return current_app.extensions["newsgraph"]["run"](msg, timeout)


def _select(text: str, bindings: dict | None = None, max_rows: int | None = None):
    return _run({"op": "result", "text": text, "bindings": bindings or {}, "max_rows": max_rows})["result"]


def _base() -> str:
    return current_app.extensions["newsgraph"]["config"].base_iri


def _api_error(status: int, message: str):
    from .errors import ApiError
    return ApiError(status, message)


# ---------------------------------------------------------------------------- the query page
def editor_text(text: str) -> str:
    """A named query as the query page's editor opens it: what it answers (title, description,
    parameters) on top, the SPARQL below; the notes on why it is shaped so stay in queries/*.rq."""
    lines = text.splitlines()
    head = []
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        if re.match(r"#\s*(title|description|param):", lines[i]):
            head.append(lines[i])
        i += 1
    return "\n".join(head + lines[i:]) + ("\n" if text.endswith("\n") else "")


# ---------------------------------------------------------------------------- labels
LABELS = """SELECT ?x (COALESCE(SAMPLE(?x_label), SAMPLE(?kind)) AS ?label) WHERE {{
  VALUES ?x {{ {iris} }}
  {label}
  OPTIONAL {{ ?x a ng:Meeting BIND("meeting" AS ?kind) }}
}} GROUP BY ?x"""


@bp.route("/labels", methods=["POST"])
def labels():
    """{"iris": [...]} -> {iri: label} for our own IRIs (names, headlines, meeting descriptions)."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("iris"), list):
        raise _api_error(400, 'send JSON {"iris": ["…", …]}')
    base = _base()
    iris = [i for i in data["iris"] if isinstance(i, str) and i.startswith(base) and is_absolute_iri(i)]
    iris = list(dict.fromkeys(iris))[:MAX_LABELS]
    if not iris:
        return jsonify({})
    text = LABELS.format(iris=" ".join(URIRef(i).n3() for i in iris), label=_label("x"))
    res = _select(text)
    return jsonify({str(row[0]): str(row[1]) for row in res.rows if row[1] is not None})


# ---------------------------------------------------------------------------- completion
KIND_CLASSES = {"actor": "schema:Person, schema:Organization, schema:Country",
                "entity": "schema:Person, schema:Organization, schema:Country, schema:Place",
                "place": "schema:Place"}


@bp.route("/complete")
def complete():
    """Names that match what was typed, in any spelling: [{"name": ..., "also": "the spelling matched"}]."""
    q = request.args.get("q", "").strip()
    kind = request.args.get("kind", "entity")
    if kind not in KIND_CLASSES:
        raise _api_error(400, f"kind must be one of {', '.join(KIND_CLASSES)}")
    if len(q) < 2:
        return jsonify([])
    from .search import search_index
    hits = search_index().complete(q, kind, limit=12)
    return jsonify(hits)


# ---------------------------------------------------------------------------- search
SEARCH_KINDS = {"name": "names", "article": "headlines", "claim": "claims", "meeting": "meetings"}
SEARCH_PAGE = 50


def _int_arg(name: str, default: int, lo: int = 0, hi: int = 1_000_000) -> int:
    v = request.args.get(name, "").strip()
    if not v:
        return default
    if not v.isdigit() or not lo <= int(v) <= hi:
        raise _api_error(400, f"{name} must be a whole number from {lo} to {hi}, got {v[:40]!r}")
    return int(v)


@bp.route("/search")
def search():
    """Ranked full-text hits over names (every spelling), headlines, claims and evidence sentences."""
    import time as _time
    q = request.args.get("q", "").strip()
    kinds = [k for k in request.args.getlist("kind") if k in SEARCH_KINDS] or list(SEARCH_KINDS)
    offset = _int_arg("offset", 0)
    result, ms, building = {"total": 0, "hits": []}, None, None
    if q:
        from .search import pending, search_index
        idx = search_index()
        building = pending()
        t = _time.perf_counter()
        result = idx.search(q, kinds, SEARCH_PAGE, offset)
        ms = (_time.perf_counter() - t) * 1000
        need = [h["iri"] for h in result["hits"] if h["kind"] in ("meeting", "claim") and h["iri"].startswith(_base())]
        if need:
            text = LABELS.format(iris=" ".join(URIRef(i).n3() for i in need), label=_label("x"))
            found = {str(r[0]): str(r[1]) for r in _select(text).rows if r[1] is not None}
            for h in result["hits"]:
                h["title"] = found.get(h["iri"], h["title"])
        for h in result["hits"]:
            h["parts"] = _snippet_parts(h["snippet"])
    if request.args.get("format") == "json" or request.accept_mimetypes.best == "application/json":
        return jsonify({"q": q, "total": result["total"], "offset": offset, "partial": bool(building),
                        "hits": [{k: v for k, v in h.items() if k != "parts"} for h in result["hits"]]})
    return render_template("search.html", q=q, kinds=kinds, all_kinds=SEARCH_KINDS, result=result, ms=ms,
                           offset=offset, page=SEARCH_PAGE, building=building)


def _snippet_parts(snippet: str) -> list[tuple[bool, str]]:
    """FTS5's snippet with \\x02 … \\x03 around matches -> [(matched, text)], for the template to escape."""
    out = []
    for i, part in enumerate(re.split(r"[\x02\x03]", snippet)):
        if part:
            out.append((i % 2 == 1, part))
    return out


# ---------------------------------------------------------------------------- timeline
TIMELINE_CAP = 1000


@bp.route("/timeline")
def timeline():
    """An actor's (or the store's) meetings and claims by month, each linked to its page: the
    named queries `meetings` and `claims-by-actor` (paged over month buckets, fast for hubs); for
    the whole store, the claims of the newest 200 articles beside the newest 1,000 meetings."""
    from newsgraph import queries as named_queries
    from rdflib import Literal

    actor = request.args.get("actor", "").strip()
    offset = _int_arg("offset", 0)
    base = _base()
    page = (str(TIMELINE_CAP), str(offset) if offset else None, base)
    bind = {"actor": Literal(actor)} if actor else {}
    items = []
    res = _select(named_queries.get("meetings").sparql(bind, *page))
    for row in res.rows:
        d = {k: (str(v) if v is not None else None) for k, v in zip(res.vars, row)}
        items.append({"date": d.get("date") or "", "what": "meeting", "kind": d.get("status") or "",
                      "iri": d.get("meeting"), "text": d.get("attendees"), "place": d.get("placeName"),
                      "evidence": d.get("evidence")})
    n_meetings = len(items)
    if actor:
        res = _select(named_queries.get("claims-by-actor").sparql(bind, *page))
        fields = ("claim", "speaker", "type", "text", "said", "evidence")
    else:
        # the next page of meetings (offset) goes with the next articles' claims
        res = _select(STORE_CLAIMS.format(articles=STORE_ARTICLES, offset=offset * STORE_ARTICLES // TIMELINE_CAP))
        fields = ("claim", "speaker", "type", "text", "said", "evidence")
    for row in res.rows:
        d = {k: (str(v) if v is not None else None) for k, v in zip(res.vars, row)}
        c, speaker, kind, text, said, ev = (d.get(f) for f in fields)
        items.append({"date": said or "", "what": "claim", "kind": kind or "", "iri": c,
                      "label": f"{speaker}: {text}" if speaker and text else text, "text": None, "place": None,
                      "evidence": ev})
    months = _by_month(items)
    capped = n_meetings >= TIMELINE_CAP or len(items) - n_meetings >= TIMELINE_CAP
    return render_template("timeline.html", actor=actor, months=months, axis=_axis(months), count=len(items),
                           capped=capped, offset=offset, cap=TIMELINE_CAP)


# the claims of the store's newest articles (claims often carry no date of their own: they are
# dated by their article then); an actor's come from the named query claims-by-actor
STORE_ARTICLES = 200
STORE_CLAIMS = """SELECT ?claim ?speaker ?type ?text (COALESCE(?own, ?published) AS ?said) (SAMPLE(?sent) AS ?evidence)
WHERE {{
  {{ SELECT ?a ?published WHERE {{ ?a schema:datePublished ?published }} ORDER BY DESC(?published) ?a
     LIMIT {articles} OFFSET {offset} }}
  ?claim prov:wasDerivedFrom ?a ; a schema:Claim ; schema:text ?text ; schema:author ?who ; ng:claimType ?ct ;
         ng:evidence ?ev .
  ?ct rdfs:label ?type FILTER(LANGMATCHES(LANG(?type), "en"))
  ?ev oa:hasTarget/oa:hasSelector/oa:exact ?sent .
  OPTIONAL {{ ?claim schema:dateCreated ?own }}
  OPTIONAL {{ ?who schema:name ?speaker }}
}} GROUP BY ?claim ?speaker ?type ?text ?own ?published"""


def _by_month(items: list[dict]) -> list[dict]:
    """Items grouped by month ("2026-01"; a year alone; "undated"), oldest first."""
    groups: dict[str, list] = {}
    for it in items:
        m = it["date"][:7] if it["date"] else "undated"
        groups.setdefault(m, []).append(it)
    keys = sorted(k for k in groups if k != "undated") + (["undated"] if "undated" in groups else [])
    return [{"month": k, "entries": sorted(groups[k], key=lambda i: i["date"]),
             "meetings": sum(1 for i in groups[k] if i["what"] == "meeting"),
             "claims": sum(1 for i in groups[k] if i["what"] != "meeting")} for k in keys]


def _axis(months: list[dict]) -> dict:
    """Bars for an SVG time axis: one per month that has items, heights scaled to the busiest."""
    dated = [m for m in months if m["month"] != "undated"]
    top = max((m["meetings"] + m["claims"] for m in dated), default=1) or 1
    width = 18
    bars = []
    for i, m in enumerate(dated):
        hm = 100 * m["meetings"] / top
        hc = 100 * m["claims"] / top
        bars.append({"month": m["month"], "x": i * width, "w": width - 4, "meetings": m["meetings"],
                     "claims": m["claims"], "hm": round(hm, 1), "hc": round(hc, 1),
                     "label": i % 3 == 0})  # a label is about three bars wide
    return {"bars": bars, "width": max(width * len(dated), 100), "top": top}


# ---------------------------------------------------------------------------- map
# meetings per place and month (endpoint/mapdata.py: from the month buckets), so that the page's time
# slider can resize the circles without asking again
MAP_PLACES = 2000


@bp.route("/map")
def map_page():
    """Meeting places on an offline world outline, sized by meetings; date range and actor filters."""
    from .mapdata import map_places
    from .worldmap import REGIONS, countries

    since, until = request.args.get("since", "").strip(), request.args.get("until", "").strip()
    actor = request.args.get("actor", "").strip()
    region = request.args.get("region", "world")
    if region not in REGIONS:
        raise _api_error(400, f"region must be one of {', '.join(REGIONS)}")
    for name, v in (("since", since), ("until", until)):
        if v and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v):
            raise _api_error(400, f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {v[:40]!r}")

    def compute() -> dict:
        return map_places(_select, _base(), since, until, actor)

    # kept per store state (the counts are index rows, the place names and coordinates a lookup)
    cache = current_app.extensions["newsgraph"]["page_cache"]
    found, _ = cache.get(("map", since, until, actor), compute)
    by_iri = {k: dict(v) for k, v in found.items()}  # the radii below are per region
    places = sorted(by_iri.values(), key=lambda p: (-p["meetings"], p["name"]))[:MAP_PLACES]
    months = sorted({m for p in places for m in p["months"] if m})
    top = max((p["meetings"] for p in places), default=1)
    vb = REGIONS[region]
    scale = vb[2] / 360  # circles keep their size on screen when zoomed to a region
    for p in places:
        p["r"] = round(scale * (1.2 + 5.5 * (p["meetings"] / top) ** 0.5), 3)
    slider = {"months": months, "scale": scale, "top": top,
              "places": [[p["months"].get(m, 0) for m in months] + [p["months"].get("", 0)] for p in places]}
    return render_template("map.html", countries=countries(), places=places, slider=slider, since=since, until=until,
                           actor=actor, region=region, regions=list(REGIONS), viewbox=" ".join(map(str, vb)),
                           stroke=round(0.3 * scale, 3))
