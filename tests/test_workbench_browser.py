"""The analyst's pages in headless Chromium on the seed corpus: a shared query link that runs with
labels, sorting and paging; an article with its evidence highlighted; search with name completion;
the timeline; the offline map. No console errors, nothing fetched from outside."""
from __future__ import annotations

import time

import pytest

from test_endpoint_browser import Watched, browser  # noqa: F401  (the fixture)
from test_workbench_pages import seeds_server

pytestmark = pytest.mark.browser


def wait_until(page, expression: str, timeout: float = 30) -> None:
    """Poll `expression` from Python (wait_for_function evaluates a string in the page, which the
    pages' Content-Security-Policy forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(100)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with seeds_server(tmp_path_factory, "workbench-browser") as s:
        yield s


def test_a_shared_query_link_prefills_runs_labels_sorts_and_pages(browser, server):  # noqa: F811
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url + "?named=meetings&actor=Witkoff&limit=0")
    assert p.input_value("#named") == "meetings" and p.input_value("#param-actor") == "Witkoff"
    p.wait_for_selector("#result-table tbody tr", timeout=60000)
    # labels replace the IRIs: "meeting in Miami, 2026-…", not "…/event/…"
    wait_until(p, "document.querySelector('#result-table tbody a').textContent.startsWith('meeting')")
    assert "…/event/" not in p.inner_text("#result-table tbody")
    assert "rows 1–50 of" in p.inner_text("#page-info")
    p.click("#page-next")
    assert "rows 51–" in p.inner_text("#page-info")
    # sorting by place name: ascending, then descending
    p.click("#result-table th:nth-child(4) button")
    first = p.inner_text("#result-table tbody tr:first-child td:nth-child(4)")
    p.click("#result-table th:nth-child(4) button")
    last = p.inner_text("#result-table tbody tr:first-child td:nth-child(4)")
    assert first <= last and p.get_attribute("#result-table th:nth-child(4)", "aria-sort") == "descending"
    assert p.get_attribute("#result-table tbody tr:first-child td:nth-child(2)", "class") == "short"  # dates whole
    share = p.get_attribute("#share", "href")
    assert "named=meetings" in share and "actor=Witkoff" in share
    assert "named=meetings" in p.url
    # the parameter fields complete names in any spelling
    p.fill("#param-actor", "")
    p.type("#param-actor", "Selensk", delay=30)
    wait_until(p, "document.querySelectorAll('#params datalist option').length > 0")
    assert p.locator("#params datalist option").first.get_attribute("value") == "Volodymyr Zelenskiy"
    w.clean()


def test_article_page_highlights_the_evidence(browser, server):  # noqa: F811
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url + "search?q=Witkoff+Kushner+Geneva&kind=article")
    p.click("#hits li a")
    p.wait_for_selector("#article-text mark.ev")
    assert p.locator("#article-text mark.ev").count() >= 3
    assert p.locator("#article-text a.mention").count() >= 5
    # a footnote leads to its fact, the fact back to its sentence
    p.click("#article-text sup.fn a >> nth=0")
    assert p.url.endswith("#fact-0")
    p.click("#fact-0 a[href='#ev-0']")
    assert p.url.endswith("#ev-0")
    w.clean()


def test_search_with_name_completion(browser, server):  # noqa: F811
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url + "search")
    p.type("#q", "Selensk", delay=30)
    wait_until(p, "document.querySelectorAll('datalist option').length > 0")
    assert p.locator("datalist option").first.get_attribute("value") == "Volodymyr Zelenskiy"
    p.click(".searchform button[type=submit]")  # Enter may pick from the open suggestion list instead
    p.wait_for_selector("#hits li", timeout=60000)
    assert "Volodymyr Zelenskiy" in p.inner_text("#hits li:first-child")
    p.click("#hits li:first-child a")
    p.wait_for_selector("h1")
    assert p.inner_text("h1") == "Volodymyr Zelenskiy"
    w.clean()


def test_timeline_bars_open_their_month(browser, server):  # noqa: F811
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url + "timeline?actor=Witkoff")
    bars = p.locator("#time-axis a")
    assert bars.count() >= 5
    bars.nth(2).click()
    assert "#month-" in p.url
    assert p.locator("section.month li a").count() > 10
    w.clean()


def test_map_draws_offline_and_links_places(browser, server):  # noqa: F811
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url + "map")
    assert p.locator("#world .land path").count() > 150
    circles = p.locator("#world a.place")
    assert circles.count() >= 20
    box = p.locator("#world").bounding_box()
    assert box["width"] > 600
    p.locator("#places-table a").first.click()
    p.wait_for_selector("h1")
    assert p.inner_text(".kind") in ("PLACE", "place", "COUNTRY", "country")
    w.clean()


VISIBLE = "[...document.querySelectorAll('{}')].filter(e => e.style.display !== 'none').length"


def test_map_time_slider_resizes_the_circles_for_the_chosen_months(browser, server):  # noqa: F811
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url + "map")
    months = p.evaluate("JSON.parse(document.getElementById('map-data').textContent).months")
    everything = p.evaluate(VISIBLE.format("#world a.place"))
    k = months.index("2026-03")
    p.fill("#range-from", str(k))
    p.fill("#range-to", str(k))
    assert p.inner_text("#range-label") == "2026-03"
    one = p.evaluate(VISIBLE.format("#world a.place"))
    assert 0 < one < everything
    assert p.url.endswith("/map?from=2026-03&to=2026-03")  # the window is in the link
    # the same places as the server's own date filter for March
    server_march = p.evaluate("fetch('/map?since=2026-03&until=2026-03').then(r => r.text())"
                              ".then(t => (t.match(/class=\"place\"/g) || []).length)")
    assert one == server_march
    shown = p.evaluate("[...document.querySelectorAll('#places-table tbody tr')].filter(r => r.style.display "
                       "!== 'none').map(r => +r.querySelector('td.n').textContent)")
    assert shown and all(n > 0 for n in shown)
    # a shared link opens on its window; "all months" gives everything back
    p.goto(server.url + "map?from=2026-03&to=2026-03")
    assert p.evaluate(VISIBLE.format("#world a.place")) == one
    p.click("#range-all")
    assert p.evaluate(VISIBLE.format("#world a.place")) == everything and p.url.endswith("/map")
    w.clean()


def test_timeline_zooms_to_a_window_of_months_by_slider_and_wheel(browser, server):  # noqa: F811
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url + "timeline?actor=Witkoff")
    months = p.evaluate("JSON.parse(document.getElementById('axis-data').textContent).months")
    sections = p.evaluate(VISIBLE.format("section.month"))
    assert len(months) >= 4 and p.evaluate(VISIBLE.format("#time-axis a[data-i]")) == len(months)
    box = p.locator("#time-axis").bounding_box()
    p.mouse.move(box["x"] + box["width"] * 0.95, box["y"] + box["height"] / 2)
    p.mouse.wheel(0, -100)  # zoom in around the newest months
    wait_until(p, VISIBLE.format("#time-axis a[data-i]") + " < " + str(len(months)))
    lo, hi = p.get_attribute("#time-axis", "data-window").split("/")
    assert hi == months[-1] and lo > months[0] and f"from={lo}&to={hi}" in p.url
    bars = p.evaluate(VISIBLE.format("#time-axis a[data-i]"))
    assert p.evaluate(VISIBLE.format("section.month")) == bars < sections
    # the window's bars fill the axis: the last one ends near its right edge
    right = p.evaluate("Math.max(...[...document.querySelectorAll('#time-axis a[data-i]')].filter(a => "
                       "a.style.display !== 'none').map(a => { const r = a.querySelector('rect').getBoundingClientRect();"
                       " return r.right; }))")
    assert right > box["x"] + box["width"] * 0.8
    p.fill("#range-from", "0")
    p.fill("#range-to", "0")
    assert p.get_attribute("#time-axis", "data-window") == f"{months[0]}/{months[0]}"
    assert p.evaluate(VISIBLE.format("section.month")) == 1
    p.click("#range-all")
    assert p.evaluate(VISIBLE.format("section.month")) == sections and "from=" not in p.url
    w.clean()


def test_network_node_opens_its_page_and_exports_are_offered(browser, server):  # noqa: F811
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url + "network?actor=Witkoff", timeout=120000)
    wait_until(p, "window.__ng !== undefined")
    assert p.get_attribute("#ng-export-gexf", "href").startswith("/network.gexf?actor=Witkoff")
    assert p.get_attribute("#ng-export-graphml", "href").startswith("/network.graphml")
    with p.expect_download() as dl:
        p.click("#ng-export-png")
    import pathlib
    png = pathlib.Path(dl.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    p.evaluate("l => window.__ng.select(window.__ng.nodes.get({filter: n => n.label === l})[0].id, false)",
               "Steven Witkoff")
    p.click("#ng-open")
    p.wait_for_selector("h1")
    assert p.inner_text("h1") == "Steven Witkoff" and "/resource?iri=" in p.url
    w.clean()


def test_network_date_range_lays_out_the_filtered_network_again(browser, server):  # noqa: F811
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url + "network", timeout=120000)
    wait_until(p, "window.__ng !== undefined", 120)
    everything = p.evaluate("window.__ng.nodes.length")
    p.fill("#ng-since", "2026-03-01")
    p.fill("#ng-until", "2026-03-31")
    p.click("#ng-range-apply")
    p.wait_for_url("**/network?since=2026-03-01&until=2026-03-31", timeout=120000)
    wait_until(p, "window.__ng !== undefined", 120)
    narrowed = p.evaluate("window.__ng.nodes.length")
    assert 0 < narrowed < everything
    assert p.input_value("#ng-since") == "2026-03-01"
    w.clean()


def test_yasgui_editor_runs_on_our_endpoint_and_opens_named_queries(browser, server):  # noqa: F811
    w = Watched(browser, server)
    p = w.page
    p.goto(server.url + "editor")
    wait_until(p, "window.__ngEditor !== undefined")
    p.click(".yasqe_queryButton")
    wait_until(p, "document.querySelectorAll('.yasr table.dataTable tbody tr td').length > 3")
    assert "Ukraine" in p.inner_text(".yasr table.dataTable tbody")
    assert "of 20 entries" in p.inner_text(".yasr")  # Yasr's pager over the 20 rows
    p.select_option("#example", "meetings")
    wait_until(p, "Object.keys(window.__ngEditor.yasgui._tabs).length === 2")
    text = p.evaluate("window.__ngEditor.yasgui.getTab().getYasqe().getValue()")
    assert text.startswith("# title: Meetings") and "PREFIX schema: <http://schema.org/>" in text
    p.click(".tabPanel.active .yasqe_queryButton")
    wait_until(p, "document.querySelector('.tabPanel.active .yasr table.dataTable tbody td:not(.dataTables_empty)')"
                  " !== null", 60)
    assert p.locator(".tabPanel.active .yasr .errorResult").count() == 0
    # /editor?example=NAME opens that query (links from the docs and the query page)
    p.goto(server.url + "editor?example=claims-by-actor")
    wait_until(p, "window.__ngEditor !== undefined")
    assert "claims" in p.evaluate("window.__ngEditor.yasgui.getTab().getYasqe().getValue()").lower()
    w.clean()
