"""Corrections from the pages (endpoint/corrections.py): the form on a meeting, claim or entity page
posts to /corrections behind the update token; the correction applies to the named queries at
once. The HTTP tests run a real server; the browser test fills the form in headless Chromium."""
from __future__ import annotations

import contextlib
import os
import shutil

import pytest
import requests

import newsgraph

from test_corrections import (CORPUS, DMITRIEV, KREMLIN_ORG, KUSHNER, LAVROV, MIAMI_MEETING, MOSCOW, MOSCOW_MEETING,
                              PESKOV, PUTIN, USHAKOV, WITKOFF, _summit)
from test_endpoint_support import Server

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    where = tmp_path_factory.mktemp("pages") / "store"
    with newsgraph.open(str(where)) as kg:
        kg.ingest(CORPUS)
        summit = _summit(kg)
    with Server(str(where), "--update-token", TOKEN) as s:
        s.summit = summit
        yield s


def _meetings(server) -> dict:
    r = requests.get(server.url + "queries/meetings", params={"limit": "0"},
                     headers={"Accept": "application/sparql-results+json"}, timeout=60)
    r.raise_for_status()
    return {b["meeting"]["value"]: b for b in r.json()["results"]["bindings"]}


def test_a_correction_needs_the_token_and_a_valid_target(server):
    url = server.url + "corrections"
    r = requests.post(url, data={"action": "reject", "target": server.summit}, timeout=60)
    assert r.status_code == 401 and "update token" in r.text
    r = requests.post(url, data={"action": "reject", "target": server.summit, "token": "wrong"}, timeout=60)
    assert r.status_code == 401
    r = requests.post(url, data={"action": "set-date", "target": MIAMI_MEETING, "value": "2026-02-30",
                                 "token": TOKEN}, timeout=60)
    assert r.status_code == 400 and "not a date" in r.text
    assert server.summit in _meetings(server)  # nothing changed


def test_the_page_shows_the_form_only_with_a_token_and_rejecting_removes_the_meeting(server):
    page = requests.get(server.url + "resource", params={"iri": server.summit}, timeout=60).text
    assert 'action="/corrections"' in page and 'value="reject-attendee"' in page
    r = requests.post(server.url + "corrections", headers={"Authorization": f"Bearer {TOKEN}",
                                                           "Accept": "application/json"},
                      data={"action": "reject", "target": server.summit, "reason": "premature, not held",
                            "by": "desk"}, timeout=120)
    assert r.status_code == 200, r.text
    assert server.summit not in _meetings(server)
    putin = requests.get(server.url + "resource", params={"iri": PUTIN}, timeout=60).text
    assert "Vladimir Putin" in putin and server.summit not in putin  # gone from his page too
    listed = requests.get(server.url + "corrections", timeout=60).json()["results"]["bindings"]
    assert [(b["action"]["value"], b["by"]["value"]) for b in listed] == [("reject", "desk")]
    # the correction's own page offers its undo
    correction = listed[0]["correction"]["value"]
    page = requests.get(server.url + "resource", params={"iri": correction}, timeout=60).text
    assert 'name="action" value="undo"' in page and "premature, not held" in page
    r = requests.post(server.url + "corrections", data={"action": "undo", "target": correction, "token": TOKEN},
                      timeout=120, allow_redirects=False)
    assert r.status_code == 303, r.text
    assert server.summit in _meetings(server)


@contextlib.contextmanager
def _chromium_page():
    """A headless Chromium page, and the script errors it met (none allowed at the end)."""
    from test_endpoint_browser import ARGS, CHROMIUM
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM} (run scripts/install-chromium.sh)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            errors = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            yield page
            assert errors == [], errors
        finally:
            browser.close()


def _submit(page, server, **fields):
    """Fill the page's correction form (#correct-<field>) with the token, and send it."""
    if "action" in fields:
        page.select_option("#correct-action", fields.pop("action"))
    for name, value in fields.items():
        page.fill(f"#correct-{name.replace('_', '-')}", value)
    page.fill("#correct-token", TOKEN)
    page.click("#correct-submit")
    page.wait_for_load_state()
    assert page.url.startswith(server.url + "resource")  # back on the page corrected


@pytest.mark.browser
def test_reject_an_attendee_from_the_meeting_page_in_chromium(server):
    with _chromium_page() as page:
        page.goto(server.url + "resource?iri=" + MIAMI_MEETING)
        assert "Jared Kushner" in page.inner_text("body")
        _submit(page, server, action="reject-attendee", value=KUSHNER, reason="he was not in Miami", by="desk")
        assert "Jared Kushner" not in page.locator("section", has_text="Facts").inner_text()
    assert _who_of(_meetings(server)[MIAMI_MEETING]) == {"Kirill Dmitriev", "Steve Witkoff"}


@pytest.mark.browser
def test_add_a_new_person_from_the_meeting_page_in_chromium(server):
    with _chromium_page() as page:
        page.goto(server.url + "resource?iri=" + MOSCOW_MEETING)
        _submit(page, server, action="add-attendee", new_person="Sergei Lavrov",
                reason="named in the second paragraph")
        assert "Sergei Lavrov" in page.locator("section", has_text="Facts").inner_text()
        page.goto(server.url + "resource?iri=" + LAVROV)  # his own page
        assert "Sergei Lavrov" in page.inner_text("body")
    assert "Sergei Lavrov" in _who_of(_meetings(server)[MOSCOW_MEETING])
    mine = [b for b in requests.get(server.url + "corrections", timeout=60).json()["results"]["bindings"]
            if b.get("value", {}).get("value") == LAVROV and "undone" not in b]
    r = requests.post(server.url + "corrections", data={"action": "undo", "target": mine[0]["correction"]["value"],
                                                        "token": TOKEN}, timeout=120)
    assert r.ok and "Sergei Lavrov" not in _who_of(_meetings(server)[MOSCOW_MEETING])


def _who_of(binding) -> set[str]:
    return set(binding["attendees"]["value"].split(", "))


def test_newsgraph_correct_on_a_served_store_through_its_sparql_endpoint(server):
    """`newsgraph correct --store http://…/sparql` (the server's token in $NEWSGRAPH_STORE_TOKEN)."""
    from conftest import run_cli
    from test_corrections import MOSCOW_MEETING
    proc = run_cli("correct", "set-status", MOSCOW_MEETING, "planned", "--by", "remote", "--store", server.sparql,
                   env={"NEWSGRAPH_STORE_TOKEN": TOKEN})
    assert proc.returncode == 0, proc.stderr
    assert _meetings(server)[MOSCOW_MEETING]["status"]["value"] == "planned"


def _query(server, name, **params) -> list[dict]:
    r = requests.get(server.url + "queries/" + name, params={"limit": "0", **params},
                     headers={"Accept": "application/sparql-results+json"}, timeout=60)
    r.raise_for_status()
    return r.json()["results"]["bindings"]


def _claim(server, actor) -> str:
    return _query(server, "claims-by-actor", actor=actor)[0]["claim"]["value"]


def _actors(server) -> dict:
    return {b["actor"]["value"]: b for b in _query(server, "actors")}


def _value(binding, key):
    return binding[key]["value"] if key in binding else None


# Each kind the forms offer that the tests above do not make from a page: (page IRI, the form's
# fields but the token, what the named queries show after it). The fields are what the page form
# posts; each case is undone after, as from the correction's page, so the cases stay independent.
PAGE_CASES = {
    "reject-place": (lambda s: MOSCOW_MEETING, lambda s: {},
                     lambda s: _value(_meetings(s)[MOSCOW_MEETING], "placeName") is None),
    "set-place": (lambda s: s.summit, lambda s: {"value": MOSCOW},
                  lambda s: _value(_meetings(s)[s.summit], "placeName") == "Moscow"),
    "set-date": (lambda s: MIAMI_MEETING, lambda s: {"value": "2026-01-19"},
                 lambda s: _value(_meetings(s)[MIAMI_MEETING], "date") == "2026-01-19"),
    "set-status": (lambda s: MIAMI_MEETING, lambda s: {"value": "cancelled"},
                   lambda s: _value(_meetings(s)[MIAMI_MEETING], "status") == "cancelled"),
    "add-attendee": (lambda s: MOSCOW_MEETING, lambda s: {"value": PUTIN},
                     lambda s: "Vladimir Putin" in _who_of(_meetings(s)[MOSCOW_MEETING])),
    "add-attendee-new-person": (lambda s: MOSCOW_MEETING, lambda s: {"new_person": "Sergei Lavrov"},
                                lambda s: "Sergei Lavrov" in _who_of(_meetings(s)[MOSCOW_MEETING])
                                and LAVROV in _actors(s)),
    "reject-claim": (lambda s: _claim(s, "Kushner"), lambda s: {},
                     lambda s: not _query(s, "claims-by-actor", actor="Kushner")),
    "reject-speaker": (lambda s: _claim(s, "Dmitriev"), lambda s: {},
                       lambda s: not _query(s, "claims-by-actor", actor="Dmitriev")),
    "set-speaker": (lambda s: _claim(s, "Kushner"), lambda s: {"value": WITKOFF},
                    lambda s: not _query(s, "claims-by-actor", actor="Kushner")
                    and any("deal" in b["text"]["value"] for b in _query(s, "claims-by-actor", actor="Witkoff"))),
    "reject-entity": (lambda s: KREMLIN_ORG, lambda s: {}, lambda s: KREMLIN_ORG not in _actors(s)),
    "reject-type": (lambda s: KREMLIN_ORG, lambda s: {"value": "organization"},
                    lambda s: KREMLIN_ORG not in _actors(s)),
    "merge": (lambda s: USHAKOV, lambda s: {"value": PESKOV},
              lambda s: USHAKOV not in _actors(s) and int(_value(_actors(s)[PESKOV], "meetings")) == 1),
    "split": (lambda s: DMITRIEV, lambda s: {"value": "Dmitriev"},
              lambda s: DMITRIEV + "--dmitriev" in _actors(s) and DMITRIEV not in _actors(s)),
}
PAGE_FAST = ("add-attendee-new-person",)  # every other kind under `-m slow` (a server round trip each)


@pytest.mark.parametrize("case", [c if c in PAGE_FAST else pytest.param(c, marks=pytest.mark.slow)
                                  for c in sorted(PAGE_CASES)])
def test_each_kind_the_forms_offer_applies_from_the_page_and_is_undone_there(server, case):
    page_of, fields, holds = PAGE_CASES[case]
    target = page_of(server)
    action = {"reject-claim": "reject", "reject-entity": "reject",
              "add-attendee-new-person": "add-attendee"}.get(case, case)
    page = requests.get(server.url + "resource", params={"iri": target}, timeout=60).text
    assert f'<option value="{action}"' in page  # the page's form offers it
    if "new_person" in fields(server):
        assert 'name="new_person"' in page
    before = (_meetings(server), _actors(server))
    assert not holds(server)
    r = requests.post(server.url + "corrections", timeout=120, allow_redirects=False,
                      data={"action": action, "target": target, "reason": f"page test: {case}", "by": "desk",
                            "token": TOKEN, **fields(server)})
    assert r.status_code == 303 and r.headers["Location"].startswith("/resource"), r.text
    assert holds(server), case
    mine = [b for b in requests.get(server.url + "corrections", timeout=60).json()["results"]["bindings"]
            if b.get("reason", {}).get("value") == f"page test: {case}" and "undone" not in b]
    assert len(mine) == 1 and mine[0]["action"]["value"] == action
    correction = mine[0]["correction"]["value"]
    undo_page = requests.get(server.url + "resource", params={"iri": correction}, timeout=60).text
    assert 'name="action" value="undo"' in undo_page
    r = requests.post(server.url + "corrections", data={"action": "undo", "target": correction, "token": TOKEN},
                      timeout=120, allow_redirects=False)
    assert r.status_code == 303, r.text
    assert (_meetings(server), _actors(server)) == before
