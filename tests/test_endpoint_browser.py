"""The query page in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; never
`playwright install`): pick a named query, run it, get a table, no console errors, no alert."""
from __future__ import annotations

import os
import shutil

import pytest

from test_endpoint_support import BASE, Server, build_store

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM} (run scripts/install-chromium.sh)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright; never `playwright install`)")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    except Exception as exc:  # noqa: BLE001
        pw.stop()
        pytest.skip(f"headless Chromium cannot start here: {exc}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_store(str(tmp_path_factory.mktemp("browser") / "store"))
    with Server(store) as s:
        yield s


class Watched:
    """A page that records console errors, page errors, dialogs and requests leaving the server."""

    def __init__(self, browser, server):
        self.page = browser.new_page()
        self.errors, self.dialogs, self.outside = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.outside.append(r.url)
                     if not r.url.startswith((server.url, "data:")) else None)

    def clean(self):
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.outside == [], self.outside


def test_pick_a_named_query_run_it_and_get_a_table(browser, server):
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url)
    # the highlighter marked up the initial query
    assert p.locator("#hl .tok-kw").count() > 3 and p.locator("#hl .tok-var").count() > 1
    p.select_option("#named", "meetings")
    assert "PREFIX schema:" in p.input_value("#query")
    p.fill("#param-actor", "Witkoff")
    p.click("#run")
    p.wait_for_selector("#result-table tbody tr", timeout=20000)
    rows = p.locator("#result-table tbody tr")
    assert rows.count() >= 2
    assert "Witkoff" in rows.first.inner_text()
    assert "rows in" in p.inner_text("#status")
    # IRIs of our own base open the entity page
    link = p.locator('#result-table a[href^="/resource?iri="]').first
    assert "event" in link.get_attribute("href")
    link.click()
    p.wait_for_selector("h1")
    assert "meeting" in p.inner_text(".kind").lower()
    w.clean()


def test_free_text_query_errors_and_edits(browser, server):
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url)
    p.select_option("#named", "actors")
    p.click("#run")
    p.wait_for_selector("#result-table tbody tr", timeout=20000)
    # editing the text: it runs as written, the note says the parameters are not bound
    p.fill("#query", "SELECT DISTINCT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n")
    assert p.is_visible("#edited")
    p.click("#run")
    from playwright.sync_api import expect  # (wait_for_function would need 'unsafe-eval', which our CSP forbids)
    expect(p.locator("#result-table tbody tr")).to_have_count(6, timeout=20000)
    # the hostile name shows as text, not markup
    assert "Eve <b>Mallory</b>" in p.inner_text("#result-table")
    assert p.locator("#result-table b").count() == 0
    # a syntax error is shown with its position
    p.fill("#query", "SELECT * WHERE { ?s ?p }")
    p.click("#run")
    p.wait_for_selector("#error:not([hidden])", timeout=20000)
    assert "400" in p.inner_text("#error") and "error at 1:" in p.inner_text("#error")
    # browser-side errors of a failed fetch go to the page, not the console: only the 400 itself is logged
    w.errors = [e for e in w.errors if "400" not in e]
    w.clean()


def test_entity_page_with_hostile_data_runs_no_script(browser, server):
    import requests
    r = requests.get(server.sparql, params={"query": 'SELECT ?x WHERE { ?x schema:headline ?h '
                                                     'FILTER(CONTAINS(?h, "Breaking")) }'}, timeout=30)
    article = r.json()["results"]["bindings"][0]["x"]["value"]
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url + "resource?iri=" + article)
    assert "<script>alert(1)</script>" in p.inner_text("h1")
    p.goto(server.url + "resource?iri=" + BASE + "person/selenski-v")
    assert p.inner_text("h1") == "Wolodymyr Selenskyj"
    w.clean()
