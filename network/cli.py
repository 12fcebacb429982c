"""`newsgraph viz`: write the actor network as one offline HTML page."""
from __future__ import annotations

import os
import sys
import time

from .graphdata import NetworkError, build_graph
from .page import render_html


def _uncorrected(store, args):
    """--uncorrected: the network as extracted, before the users' corrections (docs/corrections.md)."""
    from contextlib import nullcontext
    if not getattr(args, "uncorrected", False):
        return nullcontext(store)
    from newsgraph.graph.curate import uncorrected_copy
    from newsgraph.graph.iris import Minter
    from newsgraph.graph.namespaces import base_iri
    return uncorrected_copy(store, Minter(base_iri(getattr(args, "base_iri", None))))


def run_viz(args) -> int:
    """Build the network from --store with the filters in `args`, write --output; exit code."""
    from newsgraph.config import store_location
    from newsgraph.graph.store import StoreError, open_store

    t0 = time.perf_counter()
    location = store_location(getattr(args, "store", None))
    try:
        with open_store(location, read_only=True) as stored, _uncorrected(stored, args) as store:
            G = build_graph(store, actor=getattr(args, "actor", None), depth=getattr(args, "depth", 1),
                            since=getattr(args, "since", None), until=getattr(args, "until", None),
                            types=getattr(args, "types", None), min_weight=getattr(args, "min_weight", 1))
    except NetworkError as exc:
        print(f"newsgraph viz: error: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"newsgraph viz: error: {exc}", file=sys.stderr)
        return 2
    html = render_html(G)
    output = getattr(args, "output", None) or "network.html"
    folder = os.path.dirname(os.path.abspath(output))
    try:
        os.makedirs(folder, exist_ok=True)
        tmp = output + ".part"
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(html)
        os.replace(tmp, output)
    except OSError as exc:
        print(f"newsgraph viz: error: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    counts = G.graph.get("counts", {})
    parts = ", ".join(f"{counts[k]} {k}" for k in ("person", "organization", "country", "place", "meeting")
                      if counts.get(k))
    print(f"viz: wrote {output} ({G.number_of_nodes()} nodes{': ' + parts if parts else ''}; "
          f"{G.number_of_edges()} links; {len(html) / 1e6:.1f} MB; {time.perf_counter() - t0:.1f} s)",
          file=sys.stderr)
    if G.number_of_nodes() == 0:
        print("viz: no actors match these filters (or the store is empty): the page is empty", file=sys.stderr)
    return 0
