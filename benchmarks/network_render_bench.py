"""How fast the actor network page is built and drawn, at 100, 1,000 and 10,000 nodes.

For each size: a synthetic store (benchmarks/synthetic_store.py: real records through the real
graph builder, bulk-loaded), then

  graph   store -> networkx via the SPARQL queries (build_graph)
  layout  the precomputed layout (network/layout.py)
  html    the page (pyvis + our template), and its size
  first   headless Chromium, network cut off: time from navigation start to vis' first
          drawing (window.__ngFirstRender, set on the first `afterDrawing` event)
  focus   clicking the biggest hub: its neighbourhood highlighted, the rest dimmed, drawn
  view    hiding meetings: the switch to the actor view (DataView refresh + redraw)

Browser numbers are the median of --runs page loads. Chromium is Debian's /usr/bin/chromium
(bash scripts/install-chromium.sh); without it the Python numbers are still printed.

    .venv/bin/python benchmarks/network_render_bench.py [--sizes 100,1000,10000] [--runs 3] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def python_side(n: int) -> tuple[dict, str]:
    from newsgraph.network.graphdata import build_graph
    from newsgraph.network.layout import layout
    from newsgraph.network.page import render_html
    from synthetic_store import build_store  # benchmarks/: the scripts run from their folder

    t0 = time.perf_counter()
    store = build_store(n)
    t1 = time.perf_counter()
    G = build_graph(store)
    t2 = time.perf_counter()
    pos = layout(G)
    t3 = time.perf_counter()
    html = render_html(G, positions=pos)
    t4 = time.perf_counter()
    store.close()
    return {"target": n, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "store_s": t1 - t0,
            "graph_s": t2 - t1, "layout_s": t3 - t2, "html_s": t4 - t3, "build_s": t4 - t1,
            "html_mb": len(html.encode("utf-8")) / 1e6}, html


def browser_side(html: str, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    external: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    firsts, loads, focuses, views = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        path = Path(tmp) / "network.html"
        path.write_text(html, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", route)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            t0 = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-rendered]", state="attached", timeout=300_000)
            loads.append(time.perf_counter() - t0)
            firsts.append(page.evaluate("window.__ngFirstRender") / 1000)
            hub = page.evaluate("window.__ng.nodes.max('w').id")
            t0 = time.perf_counter()
            page.evaluate("id => window.__ng.select(id, false)", hub)
            page.evaluate(NEXT_FRAME)
            focuses.append(time.perf_counter() - t0)
            page.evaluate("window.__ng.clearFocus()")
            page.evaluate(NEXT_FRAME)
            t0 = time.perf_counter()
            page.evaluate("window.__ng.setKind('meeting', false)")
            page.evaluate(NEXT_FRAME)
            views.append(time.perf_counter() - t0)
            page.close()
        browser.close()
    return {"first_render_s": statistics.median(firsts), "load_s": statistics.median(loads),
            "focus_s": statistics.median(focuses), "actor_view_s": statistics.median(views),
            "external_requests": len(external), "console_errors": len(errors)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", default=None, metavar="FILE")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    browser_ok = Path(CHROMIUM).exists()
    why = f"{CHROMIUM} missing (bash scripts/install-chromium.sh)" if not browser_ok else ""
    if browser_ok:
        try:
            import playwright  # noqa: F401
        except ImportError:
            browser_ok, why = False, "playwright not installed (pip install -e '.[test]')"

    head = (f"{'nodes':>7} {'edges':>7} {'graph s':>8} {'layout s':>9} {'html s':>7} {'build s':>8} "
            f"{'HTML MB':>8} {'first render s':>15} {'load s':>7} {'focus s':>8} {'actor view s':>13}")
    print(head)
    print("-" * len(head))
    results = []
    for n in sizes:
        row, html = python_side(n)
        if browser_ok:
            row.update(browser_side(html, args.runs))
        results.append(row)
        b = (f"{row['first_render_s']:>15.2f} {row['load_s']:>7.2f} {row['focus_s']:>8.2f} "
             f"{row['actor_view_s']:>13.2f}") if browser_ok else f"{'-':>15} {'-':>7} {'-':>8} {'-':>13}"
        print(f"{row['nodes']:>7} {row['edges']:>7} {row['graph_s']:>8.2f} {row['layout_s']:>9.2f} "
              f"{row['html_s']:>7.2f} {row['build_s']:>8.2f} {row['html_mb']:>8.1f} {b}", flush=True)
        if browser_ok and (row["external_requests"] or row["console_errors"]):
            print(f"  ! {row['external_requests']} external request(s), {row['console_errors']} console error(s)")
    if not browser_ok:
        print(f"(browser numbers skipped: {why})")
    print("build = graph + layout + html (store building not counted); first render = navigation start to the "
          "first vis drawing; browser numbers are medians of", args.runs, "runs, headless Chromium, --disable-gpu")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
