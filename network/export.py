"""The network as GEXF or GraphML (networkx writes both) for Gephi, Cytoscape, yEd: the same
graph the page draws, with the filters the page was given. Attributes that are not plain values
(tooltips, lists of spellings) are left out or joined, as both formats hold only scalars."""
from __future__ import annotations

import io

import networkx as nx

FORMATS = {"gexf": ("application/gexf+xml", nx.write_gexf), "graphml": ("application/graphml+xml", nx.write_graphml)}


def plain_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with scalar attributes only (alternate names joined by ' | ')."""
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        attrs = {k: v for k, v in d.items() if isinstance(v, (str, int, float, bool)) and v is not None}
        if d.get("alt"):
            attrs["alternate_names"] = " | ".join(map(str, d["alt"]))
        H.add_node(n, **attrs)
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: b for a, b in d.items() if isinstance(b, (str, int, float, bool))})
    return H


def export_network(store, filters: dict, fmt: str) -> dict:
    """A worker reply: the filtered network in `fmt` ("gexf" or "graphml")."""
    from . import NetworkError
    from .graphdata import build_graph
    if fmt not in FORMATS:
        return {"ok": False, "status": 400, "message": f"format must be one of {', '.join(FORMATS)}"}
    try:
        G = build_graph(store, **filters)
    except (NetworkError, ValueError) as exc:
        return {"ok": False, "status": 400, "message": str(exc)}
    ctype, write = FORMATS[fmt]
    buf = io.BytesIO()
    write(plain_graph(G), buf)
    return {"ok": True, "status": 200, "content_type": ctype + "; charset=utf-8", "body": buf.getvalue()}
