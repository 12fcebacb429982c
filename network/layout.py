"""A layout that is fast enough for 10,000 nodes, computed once in Python.

networkx' spring_layout needs scipy above 500 nodes and is slow at 10k; forceatlas2_layout
is O(n^2) in memory. Instead:

  * each connected component is laid out on its own;
  * a component of up to FR_MAX nodes gets a Fruchterman-Reingold layout (dense numpy);
  * a larger one is split into communities (Louvain), each community laid out the same way
    (recursively), and the communities placed by a Fruchterman-Reingold layout of the
    community graph, then pushed apart until they do not overlap;
  * components are packed in rows, largest first; lone nodes go in a grid below, by kind.

Deterministic for a given graph (seeded). Units: 1 = the usual distance between neighbours;
`layout()` returns pixels.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

FR_MAX = 600  # nodes laid out directly; larger components are split into communities
PIXELS = 70.0  # pixels per unit
KIND_ORDER = {"person": 0, "organization": 1, "country": 2, "place": 3, "meeting": 4}


def layout(G: nx.Graph, seed: int = 7) -> dict:
    """Node -> (x, y) in pixels."""
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = float(d.get("weight", 1) or 1)
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    pieces = []  # (positions dict centred at 0, radius)
    singles = []
    for comp in sorted(nx.connected_components(U), key=lambda c: (-len(c), min(map(str, c)))):
        if len(comp) == 1:
            singles.append(next(iter(comp)))
            continue
        pos = _component(U.subgraph(comp), seed)
        pieces.append((pos, _radius(pos)))
    out = _pack(pieces, singles, G)
    return {n: (round(x * PIXELS, 1), round(y * PIXELS, 1)) for n, (x, y) in out.items()}


def _radius(pos: dict) -> float:
    if not pos:
        return 0.5
    a = np.array(list(pos.values()))
    return float(max(0.5, np.sqrt((a ** 2).sum(1)).max() + 0.6))


def _centre(pos: dict) -> dict:
    a = np.array(list(pos.values()), dtype=float)
    c = a.mean(0)
    return {n: (float(p[0] - c[0]), float(p[1] - c[1])) for n, p in zip(pos, a)}


def _component(H: nx.Graph, seed: int, level: int = 0) -> dict:
    n = H.number_of_nodes()
    if n <= 3:
        return _small(H)
    if n <= FR_MAX:
        return _fr_graph(H, seed)
    comms = [c for c in nx.community.louvain_communities(H, weight="weight", seed=seed, resolution=1.0)]
    if len(comms) <= 1 or level >= 3 or max(map(len, comms)) > 0.9 * n:
        return _spiral(H)
    comms.sort(key=lambda c: (-len(c), min(map(str, c))))
    sub = []
    for c in comms:
        pos = _component(H.subgraph(c), seed, level + 1) if len(c) > 1 else {next(iter(c)): (0.0, 0.0)}
        sub.append((pos, _radius(pos)))
    # the community graph: how strongly communities are tied
    which = {node: i for i, c in enumerate(comms) for node in c}
    Q = nx.Graph()
    Q.add_nodes_from(range(len(comms)))
    for u, v, d in H.edges(data=True):
        a, b = which[u], which[v]
        if a != b:
            Q.add_edge(a, b, weight=Q[a][b]["weight"] + d["weight"] if Q.has_edge(a, b) else d["weight"])
    radii = np.array([r for _, r in sub])
    centres = _fr(len(comms), _edge_arrays(Q, range(len(comms))), seed, sizes=radii)
    centres = _separate(centres, radii)
    out = {}
    for (pos, _), (cx, cy) in zip(sub, centres):
        for node, (x, y) in pos.items():
            out[node] = (x + cx, y + cy)
    return _centre(out)


def _small(H: nx.Graph) -> dict:
    nodes = sorted(H.nodes, key=str)
    if len(nodes) == 2:
        return {nodes[0]: (-0.6, 0.0), nodes[1]: (0.6, 0.0)}
    return {n: (0.8 * math.cos(2 * math.pi * i / len(nodes)), 0.8 * math.sin(2 * math.pi * i / len(nodes)))
            for i, n in enumerate(nodes)}


def _spiral(H: nx.Graph) -> dict:
    """Fallback for a huge community: a sunflower spiral in BFS order from the best-connected node."""
    start = max(H.degree(weight="weight"), key=lambda kv: (kv[1], str(kv[0])))[0]
    order = [start] + [v for _, v in nx.bfs_edges(H, start)]
    seen = set(order)
    order += [n for n in H if n not in seen]
    golden = math.pi * (3 - math.sqrt(5))
    return {n: (0.9 * math.sqrt(i) * math.cos(i * golden), 0.9 * math.sqrt(i) * math.sin(i * golden))
            for i, n in enumerate(order)}


def _edge_arrays(H: nx.Graph, nodes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    index = {n: i for i, n in enumerate(nodes)}
    ei, ej, w = [], [], []
    for u, v, d in H.edges(data=True):
        ei.append(index[u])
        ej.append(index[v])
        w.append(d.get("weight", 1))
    return np.array(ei, dtype=int), np.array(ej, dtype=int), np.log1p(np.array(w, dtype=float))


def _fr_graph(H: nx.Graph, seed: int) -> dict:
    nodes = sorted(H.nodes, key=str)
    pos = _fr(len(nodes), _edge_arrays(H, nodes), seed)
    return _centre({n: (float(x), float(y)) for n, (x, y) in zip(nodes, pos)})


def _fr(n: int, edges, seed: int, iterations: int = 60, sizes: np.ndarray | None = None) -> np.ndarray:
    """Fruchterman-Reingold in numpy (dense repulsion, fine up to ~1,000 nodes).

    With `sizes` (radii), nodes are discs: the wanted distance between two grows with their radii."""
    ei, ej, w = edges
    rng = np.random.default_rng(seed)
    r = np.zeros(n) if sizes is None else np.asarray(sizes, dtype=float)
    spread = math.sqrt(n) * (1.0 + (r.mean() if n else 0))
    x = rng.uniform(-spread, spread, n).astype(np.float32)
    y = rng.uniform(-spread, spread, n).astype(np.float32)
    t = spread * 0.2
    cool = t / (iterations + 1)
    if sizes is None:
        kk = np.float32(1.0)
        rest = np.float32(1.0)
    else:
        kk = ((1.0 + r[:, None] + r[None, :]) ** 2).astype(np.float32)
        rest = (1.0 + r[ei] + r[ej]).astype(np.float32)
    w = w.astype(np.float32)
    eye = np.eye(n, dtype=bool)
    gravity = 0.02 * (1 + len(ei) / max(n, 1)) / max(1.0, math.sqrt(n) / 4)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        d2 = dx * dx + dy * dy
        np.maximum(d2, 1e-4, out=d2)
        f = kk / d2
        f[eye] = 0
        fx = (dx * f).sum(1)
        fy = (dy * f).sum(1)
        if len(ei):
            ex, ey = x[ei] - x[ej], y[ei] - y[ej]
            a = np.sqrt(ex * ex + ey * ey) * w / rest
            np.add.at(fx, ei, -ex * a)
            np.add.at(fy, ei, -ey * a)
            np.add.at(fx, ej, ex * a)
            np.add.at(fy, ej, ey * a)
        fx -= x * gravity  # a little gravity keeps loosely tied pieces near the middle
        fy -= y * gravity
        length = np.sqrt(fx * fx + fy * fy) + 1e-9
        step = np.minimum(length, t) / length
        x += fx * step
        y += fy * step
        t = max(t - cool, spread * 0.005)
    return np.stack([x, y], 1).astype(float)


def _separate(centres: np.ndarray, radii: np.ndarray, rounds: int = 60) -> np.ndarray:
    """Push discs apart until none overlap (or `rounds` passes)."""
    pos = centres.astype(float).copy()
    n = len(pos)
    if n < 2:
        return pos
    need = radii[:, None] + radii[None, :] + 0.8
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta ** 2).sum(-1)) + 1e-9
        np.fill_diagonal(dist, np.inf)
        over = np.clip(need - dist, 0, None)
        np.fill_diagonal(over, 0)
        if over.max() <= 1e-3:
            break
        push = (delta / dist[:, :, None] * (over / 2)[:, :, None]).sum(1)
        pos += push
    return pos


def _pack(pieces: list, singles: list, G: nx.Graph) -> dict:
    """Components in rows (largest first), lone nodes in a grid under them, grouped by kind."""
    out = {}
    total = sum((2 * r) ** 2 for _, r in pieces) + len(singles) * 1.2
    width = max([2 * r for _, r in pieces] + [math.sqrt(max(total, 1)) * 1.15, 8.0])
    x = y = 0.0
    row_h = 0.0
    for pos, r in pieces:
        d = 2 * r
        if x > 0 and x + d > width:
            x, y = 0.0, y + row_h + 1.0
            row_h = 0.0
        cx, cy = x + r, y + r
        for node, (px, py) in pos.items():
            out[node] = (px + cx, py + cy)
        x += d + 1.0
        row_h = max(row_h, d)
    y += row_h + (2.0 if pieces else 0.0)
    kind = lambda n: KIND_ORDER.get(G.nodes[n].get("kind"), 9) if n in G else 9  # noqa: E731
    weight = lambda n: -(G.nodes[n].get("weight", 0) if n in G else 0)  # noqa: E731
    singles = sorted(singles, key=lambda n: (kind(n), weight(n), str(G.nodes[n].get("label", n))))
    per_row = max(1, int(width / 1.6))
    last_kind = None
    col = 0
    for n in singles:
        if last_kind is not None and kind(n) != last_kind and col:
            col, y = 0, y + 2.2  # each kind starts a new block
        last_kind = kind(n)
        out[n] = (col * 1.6, y)
        col += 1
        if col >= per_row:
            col, y = 0, y + 1.4
    if not out:
        return out
    a = np.array(list(out.values()))
    c = (a.min(0) + a.max(0)) / 2
    return {n: (p[0] - c[0], p[1] - c[1]) for n, p in out.items()}
