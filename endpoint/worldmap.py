"""The world outline for /map: Natural Earth countries at 1:110m from the npm package world-atlas
2.0.2 (vendored in static/vendor/world-atlas/ with its licence), decoded from TopoJSON into SVG
path data once per process. Equirectangular: x = longitude, y = -latitude, so a place is drawn
at (long, -lat) with no projection code in the browser and nothing fetched from outside.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

ATLAS = Path(__file__).parent / "static" / "vendor" / "world-atlas" / "countries-110m.json"

# viewBox (x, y, width, height) in degrees for the regions a reader zooms to
REGIONS = {"world": (-180, -85, 360, 170), "europe": (-25, -72, 75, 40), "middle-east": (25, -45, 40, 25),
           "americas": (-170, -75, 140, 135), "asia": (40, -60, 110, 65), "africa": (-20, -38, 75, 75)}


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Quantized, delta-encoded arcs -> absolute (lon, lat) points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _ring(arcs, indexes) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


@lru_cache(maxsize=1)
def countries() -> list[dict]:
    """[{"name": ..., "d": SVG path data}] for every country of the atlas."""
    topo = json.loads(ATLAS.read_text("utf-8"))
    arcs = _arcs(topo)
    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geom.get("arcs") or []
        if geom["type"] == "Polygon":
            polys = [polys]
        parts = []
        for poly in polys:
            for ring in poly:
                pts = _ring(arcs, ring)
                if len(pts) > 2:
                    parts.append("M" + "L".join(f"{x:.2f},{-y:.2f}" for x, y in pts) + "Z")
        if parts:
            out.append({"name": geom.get("properties", {}).get("name", ""), "d": "".join(parts)})
    return out
