"""networkx graph -> one self-contained HTML page (pyvis + vis-network, no external requests).

pyvis builds the page: its Network holds the nodes, edges and vis options and renders them
through our template (network/template.html) with `cdn_resources="in_line"`. The template
inlines vis-network from pyvis' own copy (templates/lib/vis-9.1.2) and our script and style
(network/static/), and leaves out what pyvis' default template loads from CDNs (bootstrap,
tom-select, the vis CSS), so the page makes no request at all. A Content-Security-Policy
with the hashes of exactly our inline scripts forbids every other script, inline event
handler and network request.

All article text reaches the page only as JSON data (`<`, `>`, `&` and `'` escaped by Jinja's
`tojson`) and is put into the DOM with `textContent`; vis draws labels on a canvas.
"""
from __future__ import annotations

import base64
import hashlib
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from .graphdata import (ACTOR_VIEW_EDGES, CLAIM_TYPES, EDGE_KINDS, MEETING_VIEW_EDGES, NODE_KINDS, build_graph)
from .layout import layout

HERE = Path(__file__).resolve().parent
PHYSICS_MAX_NODES = 500  # above this the precomputed layout is final: physics off
LARGE = 2000  # above this: no hover redraw tricks, edges hidden while dragging/zooming, straight edges only

NODE_STYLE = {
    "person": {"label": "Person", "shape": "dot", "color": "#4e79a7", "border": "#2f4b6c"},
    "organization": {"label": "Organisation", "shape": "square", "color": "#f28e2b", "border": "#a85d12"},
    "country": {"label": "Country", "shape": "diamond", "color": "#e15759", "border": "#9b2c2e"},
    "place": {"label": "Place", "shape": "triangle", "color": "#59a14f", "border": "#346b2d"},
    "meeting": {"label": "Meeting", "shape": "hexagon", "color": "#b07aa1", "border": "#744f69"},
}
EDGE_STYLE = {
    "attended": {"label": "attended", "color": "#9aa5b1", "dashes": False},
    "held_in": {"label": "held in", "color": "#8d6e63", "dashes": True},
    "met": {"label": "met (shared meetings)", "color": "#5b7aa8", "dashes": False},
    "met_at": {"label": "at meetings in", "color": "#7cb36a", "dashes": True},
}
CLAIM_STYLE = {
    "accusation": "#d62728", "warning": "#ff7f0e", "criticism": "#e377c2", "demand": "#9467bd",
    "denial": "#8c564b", "announcement": "#17becf", "assessment": "#bcbd22", "hope": "#2ca02c",
    "statement": "#7f7f7f",
}


@lru_cache(maxsize=1)
def vis_js() -> str:
    """vis-network as pyvis ships it (the newest vis-*/ folder in its templates/lib)."""
    lib = Path(str(resources.files("pyvis"))) / "templates" / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"),
                   key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)])
    if not found:
        raise RuntimeError(f"vis-network.min.js not found under {lib}: is pyvis>=0.3.2 installed?")
    return _script_safe(found[-1].read_text("utf-8"))


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return _script_safe((HERE / "static" / name).read_text("utf-8"))


def _script_safe(text: str) -> str:
    # An inline <script> ends at the first "</script"; none of our assets may contain one.
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def _value(weight: int) -> float:
    return round(math.sqrt(max(1, weight)), 3)


def page_data(G: nx.MultiDiGraph, positions: dict | None = None) -> tuple[list, list, dict]:
    """vis DataSet items (nodes, edges) and the page's metadata for graph G."""
    positions = positions if positions is not None else layout(G)
    ids = {n: i for i, n in enumerate(G.nodes)}
    n_nodes, n_edges = G.number_of_nodes(), G.number_of_edges()
    centre = G.graph.get("centre")
    claims: list[dict] = []  # each claim once; node tips and claim edges refer to it by index
    claim_index: dict[tuple, int] = {}

    def intern(cs: list[dict]) -> list[int]:
        out = []
        for c in cs:
            key = tuple(sorted(c.items()))
            if key not in claim_index:
                claim_index[key] = len(claims)
                claims.append(c)
            out.append(claim_index[key])
        return out

    nodes = []
    for n, d in G.nodes(data=True):
        x, y = positions.get(n, (0.0, 0.0))
        tip = {k: v for k, v in d["tip"].items() if k != "kind"}
        if tip.get("claims"):
            tip["claims"] = intern(tip["claims"])
        else:
            tip.pop("claims", None)
        item = {"id": ids[n], "label": d["label"], "group": d["kind"], "value": _value(d["weight"]),
                "w": d["weight"], "x": round(x), "y": round(y), "tip": tip, "iri": n}
        if d.get("alt"):
            item["alt"] = d["alt"]
        if n == centre:
            item["borderWidth"] = 4
            item["font"] = {"size": 22, "bold": True}
        nodes.append(item)
    # Edges go out compact (the page styles them and writes their tooltips from the node
    # labels); only claim edges carry text: their latest claims.
    edges = []
    for i, (u, v, d) in enumerate(G.edges(data=True)):
        item = {"id": i, "from": ids[u], "to": ids[v], "k": d["kind"], "w": d.get("weight", 1)}
        if d["kind"] == "claim":
            item["ct"] = d["claim_type"]
            item["rel"] = d["relation"]
            item["cl"] = intern(d["tip"].get("claims", []))
        elif d["kind"] == "met":
            latest = dict(d["tip"].get("rows", [])).get("latest")
            if latest:
                item["d"] = latest
        edges.append(item)
    counts = G.graph.get("counts") or {}
    edge_counts: dict[str, int] = {}
    for d in (e for _, _, e in G.edges(data=True)):
        key = "claim:" + d["claim_type"] if d["kind"] == "claim" else d["kind"]
        edge_counts[key] = edge_counts.get(key, 0) + 1
    legend_nodes = [{"kind": k, "label": NODE_STYLE[k]["label"], "shape": NODE_STYLE[k]["shape"],
                     "color": NODE_STYLE[k]["color"], "border": NODE_STYLE[k]["border"], "count": counts.get(k, 0)}
                    for k in NODE_KINDS if counts.get(k)]
    legend_edges = [{"key": k, "label": EDGE_STYLE[k]["label"], "color": EDGE_STYLE[k]["color"],
                     "dashes": EDGE_STYLE[k]["dashes"], "count": edge_counts[k],
                     "view": "meeting" if k in MEETING_VIEW_EDGES else "actor"}
                    for k in EDGE_KINDS if k in edge_counts and k != "claim"]
    legend_edges += [{"key": "claim:" + t, "label": t, "color": CLAIM_STYLE[t], "dashes": False, "arrow": True,
                      "count": edge_counts["claim:" + t], "view": "both"}
                     for t in CLAIM_TYPES if "claim:" + t in edge_counts]
    f = G.graph.get("filters")
    meta = {"nodes": n_nodes, "edges": n_edges, "physics": n_nodes <= PHYSICS_MAX_NODES, "large": n_nodes > LARGE,
            "curved": n_edges <= 4000, "dashes": n_edges <= 5000,
            # Above LARGE nodes claims start hidden (they criss-cross the whole picture); a
            # focused node still shows its own.
            "claims_hidden": n_nodes > LARGE, "edge_opacity": 0.4 if n_nodes > LARGE else 0.75, "edge_style": EDGE_STYLE, "claim_style": CLAIM_STYLE,
            "centre": ids.get(centre) if centre is not None else None,
            "filters": f.describe() if f is not None else "",
            "legend": {"nodes": legend_nodes, "edges": legend_edges},
            "actor_view_edges": list(ACTOR_VIEW_EDGES), "meeting_view_edges": list(MEETING_VIEW_EDGES)}
    meta["claims"] = claims
    return nodes, edges, meta


def vis_options(n_nodes: int) -> dict:
    physics = n_nodes <= PHYSICS_MAX_NODES
    large = n_nodes > LARGE
    groups = {k: {"shape": st["shape"],
                  "color": {"background": st["color"], "border": st["border"],
                            "highlight": {"background": st["color"], "border": "#111111"},
                            "hover": {"background": st["color"], "border": "#111111"}}}
              for k, st in NODE_STYLE.items()}
    return {
        "autoResize": True,
        "groups": groups,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"size": 14, "face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                           "color": "#1f2328", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  # Labels grow with importance; vis skips those smaller than drawThreshold pixels
                  # (zoomed out, the page names the biggest hubs itself: network.js).
                  "scaling": {"min": 7, "max": 34,
                              "label": {"enabled": True, "min": 12, "max": 24, "maxVisible": 26,
                                        "drawThreshold": 7}}},
        "edges": {"smooth": False, "selectionWidth": 1.5, "hoverWidth": 0.5, "arrowStrikethrough": False,
                  "arrows": {"to": {"scaleFactor": 0.6}}, "color": {"inherit": False}},
        "physics": ({"enabled": True, "solver": "barnesHut",
                     "barnesHut": {"gravitationalConstant": -4000, "centralGravity": 0.15, "springLength": 110,
                                   "springConstant": 0.03, "damping": 0.35, "avoidOverlap": 0.3},
                     # no stabilisation before the first drawing: the precomputed layout is drawn at
                     # once and physics relaxes it on screen (250 iterations first cost 4-5 s at 474
                     # nodes in headless Chromium, benchmarks/network_first_request.py)
                     "stabilization": {"enabled": False},
                     "minVelocity": 0.75}
                    if physics else {"enabled": False}),
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "navigationButtons": False, "keyboard": False, "multiselect": False,
                        "zoomSpeed": 0.8},
    }


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE)), autoescape=select_autoescape(["html"]))
    env.globals.update(vis_js=vis_js(), ng_js=_asset("network.js"), ng_css=_asset("network.css"))
    return env


def render_html(G: nx.MultiDiGraph, title: str = "newsgraph · actor network",
                positions: dict | None = None) -> str:
    """The page for G: pyvis Network (nodes, edges, options) rendered through our template."""
    nodes, edges, meta = page_data(G, positions)
    meta["title"] = title
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
    # pyvis' add_node/add_edge test membership in lists (quadratic: minutes at 10k nodes);
    # we fill its structures directly with the same shapes it would build.
    net.nodes = nodes
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.edges = edges
    net.options = vis_options(len(nodes))
    env = _environment()
    env.globals["ng_meta"] = meta
    net.templateEnv = env
    net.path = "template.html"
    html = net.generate_html(name="network.html")
    return _with_csp(html)


def _with_csp(html: str) -> str:
    """Fill in the page's Content-Security-Policy: only our inline scripts (by hash) may run."""
    hashes = []
    for body in re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return html.replace("__NG_SCRIPT_HASHES__", " ".join(hashes), 1)


def csp_of(html: str) -> str | None:
    """The page's Content-Security-Policy (from its meta tag), for a server that wants to send
    it as a header too. A server must not send a stricter script-src than this one."""
    m = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    return m.group(1) if m else None


def render_page(store, actor=None, depth=1, since=None, until=None, types=None, min_weight=1) -> str:
    """The filtered network of `store` as one offline HTML page (see newsgraph.network.render_page)."""
    G = build_graph(store, actor=actor, depth=depth, since=since, until=until, types=types, min_weight=min_weight)
    return render_html(G)
