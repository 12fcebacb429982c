"""The network page in headless Chromium with the network cut off: it renders, shows every
node, runs no hostile article text, requests nothing, logs no error.

Chromium is Debian's (/usr/bin/chromium, see scripts/install-chromium.sh), driven by
Playwright through executable_path; `playwright install` is never needed. Skipped with the
reason when Chromium or Playwright cannot start. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsgraph.network import build_graph
from newsgraph.network.page import render_html

from test_network import HOSTILE_HEADLINE, HOSTILE_QUOTE, build_fixture_store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (bash scripts/install-chromium.sh installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.skip(f"playwright is not installed ({exc}); pip install -e '.[test]'")
    try:
        pw = sync_playwright().start()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"playwright could not start: {exc}")
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    except Exception as exc:  # noqa: BLE001
        pw.stop()
        pytest.skip(f"headless Chromium could not start: {str(exc).splitlines()[0]}")
    yield b
    b.close()
    pw.stop()


class Watched:
    """A page whose requests off this machine are refused and recorded, with its console
    errors and dialogs."""

    def __init__(self, browser, width=1400, height=860, bypass_csp=False):
        self.page = browser.new_page(viewport={"width": width, "height": height}, bypass_csp=bypass_csp)
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "http://127.0.0.1", "http://localhost")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, html: str, path: Path, timeout_ms: int = 60_000) -> float:
        path.write_text(html, encoding="utf-8")
        t0 = time.perf_counter()
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-rendered]", state="attached", timeout=timeout_ms)
        return time.perf_counter() - t0

    def clean(self):
        assert self.external == [], f"the page tried to reach: {self.external}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"

    def node_dom(self, node_id: int) -> tuple[float, float]:
        box = self.page.locator("#mynetwork").bounding_box()
        p = self.page.evaluate("id => { const n = window.__ng.network; const pos = n.getPositions([id])[id];"
                               " return n.canvasToDOM(pos); }", node_id)
        return box["x"] + p["x"], box["y"] + p["y"]


def _node_id(page, label: str) -> int:
    return page.evaluate("l => window.__ng.nodes.get({filter: n => n.label === l})[0].id", label)


@pytest.fixture(scope="module")
def hostile():
    st = build_fixture_store(hostile=True)
    G = build_graph(st)
    yield G, render_html(G)
    st.close()


@pytest.mark.parametrize("csp", ["page CSP on", "CSP bypassed: escaping alone"])
def test_page_renders_offline_every_node_no_errors_no_script_runs(browser, hostile, tmp_path, csp):
    G, html = hostile
    w = Watched(browser, bypass_csp=csp.startswith("CSP bypassed"))
    w.open(html, tmp_path / "network.html")
    assert w.page.evaluate("window.__ng.nodes.length") == G.number_of_nodes() == 12
    assert w.page.evaluate("window.__ng.nodeView.length") == 12
    assert w.page.evaluate("window.__ng.edges.length") == G.number_of_edges()
    assert w.page.evaluate("document.querySelectorAll('#ng-legend-nodes input').length") == 5
    assert "12 nodes" in w.page.inner_text("#ng-info")

    # hover the hostile speaker: the tooltip shows the quote as text, and nothing runs
    w.page.wait_for_timeout(300)
    mallory = _node_id(w.page, "Mallory Hacker")
    w.page.mouse.move(*w.node_dom(mallory))
    w.page.wait_for_selector("#ng-tip:not([hidden])", timeout=5000)
    tip = w.page.inner_text("#ng-tip")
    assert HOSTILE_QUOTE in tip and HOSTILE_HEADLINE in tip and "<b onmouseover=alert(4)>Chef</b>" in tip
    assert w.page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert w.page.evaluate("document.querySelectorAll('script').length") == 3
    ARTIFACTS.mkdir(exist_ok=True)
    if not csp.startswith("CSP bypassed"):
        w.page.screenshot(path=str(ARTIFACTS / "network-tooltip.png"))

    # click: its neighbourhood stays, the rest dims, the details panel holds the claims
    w.page.mouse.click(*w.node_dom(mallory))
    w.page.wait_for_selector("#ng-details:not([hidden])", timeout=5000)
    details = w.page.inner_text("#ng-details")
    assert "Mallory Hacker" in details and HOSTILE_QUOTE in details and "Wolodymyr Selenskyj" in details
    focus = w.page.evaluate("(() => { const f = window.__ng.focus(); return f.nodes.map(id => window.__ng.nodes.get(id).label); })()")
    assert set(focus) == {"Mallory Hacker", "Wolodymyr Selenskyj", "Meeting 2026-03-02", "Miami"}  # the rest is dimmed
    w.page.wait_for_timeout(700)
    w.clean()


def test_search_focus_type_filters_and_actor_view(browser, hostile, tmp_path):
    G, html = hostile
    w = Watched(browser)
    w.open(html, tmp_path / "network.html")
    w.page.fill("#ng-search", "selensk")
    w.page.wait_for_selector("#ng-results:not([hidden]) li", timeout=5000)
    assert "Wolodymyr Selenskyj" in w.page.inner_text("#ng-results")
    w.page.fill("#ng-search", "zelensk")  # no match: alternate names are German here
    w.page.wait_for_timeout(300)
    w.page.fill("#ng-search", "selenskyj")
    w.page.wait_for_timeout(300)
    w.page.press("#ng-search", "Enter")
    w.page.wait_for_selector("#ng-details:not([hidden])", timeout=5000)
    assert w.page.evaluate("window.__ngFocused") == _node_id(w.page, "Wolodymyr Selenskyj")
    w.page.wait_for_timeout(900)  # the focus animation
    ARTIFACTS.mkdir(exist_ok=True)
    w.page.screenshot(path=str(ARTIFACTS / "network.png"))

    # hide meetings: the actor view, with met edges weighted by shared meetings
    meetings = G.graph["counts"]["meeting"]
    w.page.click("#ng-legend-nodes input[data-kind=meeting]")
    assert w.page.evaluate("window.__ng.nodeView.length") == 12 - meetings
    kinds = set(w.page.evaluate("window.__ng.edgeView.get().map(e => e.kind)"))
    assert kinds == {"met", "met_at", "claim"}
    assert w.page.is_visible("#ng-legend-edges label[data-view=actor]")
    assert not w.page.is_visible("#ng-legend-edges label[data-view=meeting]")
    w.page.click("#ng-legend-nodes input[data-kind=place]")
    assert set(w.page.evaluate("window.__ng.edgeView.get().map(e => e.kind)")) == {"met", "claim"}
    w.page.click("#ng-legend-nodes input[data-kind=meeting]")
    assert set(w.page.evaluate("window.__ng.edgeView.get().map(e => e.kind)")) == {"attended", "claim"}
    w.page.click("#ng-clear")
    assert w.page.evaluate("window.__ng.focus()") is None
    w.clean()


def test_ego_page_centres_the_actor(browser, tmp_path):
    st = build_fixture_store()
    G = build_graph(st, actor="Putin", depth=1)
    w = Watched(browser)
    w.open(render_html(G), tmp_path / "ego.html")
    assert w.page.evaluate("window.__ng.nodes.length") == G.number_of_nodes()
    w.page.wait_for_selector("#ng-details:not([hidden])", timeout=5000)
    assert "Wladimir Putin" in w.page.inner_text("#ng-details")
    w.clean()


def test_empty_page_says_so(browser, tmp_path):
    st = build_fixture_store()
    G = build_graph(st, since="2030-01-01")
    w = Watched(browser)
    w.open(render_html(G), tmp_path / "empty.html")
    assert w.page.is_visible("#ng-empty")
    w.clean()


@pytest.mark.slow
def test_ten_thousand_nodes_open_and_respond(browser, tmp_path):
    import sys
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic_store import build_store  # a test-data generator, not part of the package
    st = build_store(10_000)
    G = build_graph(st)
    html = render_html(G)
    w = Watched(browser, 1400, 900)
    wall = w.open(html, tmp_path / "big.html", timeout_ms=180_000)
    first = w.page.evaluate("window.__ngFirstRender") / 1000
    assert w.page.evaluate("window.__ng.nodes.length") == G.number_of_nodes() > 9000
    assert first < 60, f"first render after {first:.1f}s"
    # it responds: focus a hub's neighbourhood, then search
    t0 = time.perf_counter()
    hub = w.page.evaluate("window.__ng.nodes.max('w').id")
    w.page.evaluate("id => window.__ng.select(id, true)", hub)
    w.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    focus = time.perf_counter() - t0
    t0 = time.perf_counter()
    hits = w.page.evaluate("window.__ng.search('ka')")
    search = time.perf_counter() - t0
    assert hits and focus < 15 and search < 5, (focus, search)
    ARTIFACTS.mkdir(exist_ok=True)
    w.page.screenshot(path=str(ARTIFACTS / "network-10k.png"))
    print(f"10k nodes: load {wall:.1f}s, first render {first:.1f}s, focus {focus:.2f}s, search {search:.2f}s")
    w.clean()
