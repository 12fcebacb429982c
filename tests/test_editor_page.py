"""/editor: the vendored Yasgui through the real server: the page and its files come from us
under a policy that allows nothing from outside, and every example it offers runs on /sparql as
Yasgui sends it (POST, our prefixes declared)."""
from __future__ import annotations

import hashlib
import re

import pytest
import requests

from test_workbench_pages import seeds  # noqa: F401  (the fixture)

from newsgraph import queries as named_queries


def editor_data(server) -> tuple[requests.Response, dict]:
    import json
    r = requests.get(server.url + "editor", timeout=30)
    assert r.status_code == 200, r.text[:300]
    m = re.search(r'<script type="application/json" id="ng-editor">(.*?)</script>', r.text, re.S)
    return r, json.loads(m.group(1))


def test_the_editor_is_served_from_our_own_files_under_a_closed_policy(seeds):  # noqa: F811
    r, data = editor_data(seeds)
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "connect-src 'self';" in csp and "default-src 'none'" in csp
    assert "http" not in csp and "frame-ancestors 'none'" in csp
    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', r.text)
    assert all(s.startswith("/") or s == "data:," for s in scripts), scripts
    notes = requests.get(seeds.url + "static/vendor/yasgui/LICENSE", timeout=30).text
    pinned = dict(re.findall(r"^sha256 (\S+)\s+([0-9a-f]{64})$", notes, re.M))
    assert set(pinned) == {"yasgui.min.js", "yasgui.min.css"}
    for name, digest in pinned.items():
        body = requests.get(seeds.url + f"static/vendor/yasgui/{name}", timeout=30)
        assert body.status_code == 200 and hashlib.sha256(body.content).hexdigest() == digest, name
    assert data["endpoint"] == seeds.url + "sparql" and data["version"] in notes


def test_every_example_runs_on_the_endpoint_as_yasgui_sends_it(seeds):  # noqa: F811
    _, data = editor_data(seeds)
    assert [e["name"] for e in data["examples"]] == list(named_queries.all_queries())
    for example in [{"name": "start", "text": data["start"]}] + data["examples"]:
        text = example["text"]
        for prefix in re.findall(r"(?<![\w:<?])([a-z]+):(?!//)\w", text.split("SELECT", 1)[-1]):
            if prefix in data["prefixes"]:
                assert re.search(rf"PREFIX {prefix}: <", text), (example["name"], prefix)
        r = requests.post(seeds.url + "sparql", data={"query": text},
                          headers={"Accept": "application/sparql-results+json"}, timeout=60)
        assert r.status_code == 200, (example["name"], r.text[:300])
        if example["name"] in ("start", "actors", "meetings"):
            assert r.json()["results"]["bindings"], example["name"]


@pytest.mark.parametrize("text, expected", [
    ("SELECT * { ?s schema:name ?n }", "PREFIX schema: <http://schema.org/>\nSELECT * { ?s schema:name ?n }"),
    ("PREFIX schema: <http://schema.org/>\nSELECT * { ?s schema:name ?n }", None),
    ("SELECT * { <http://x.org/ng:a> ?p ?o }", None),  # inside an IRI: not a prefixed name
])
def test_examples_declare_the_prefixes_they_use_once(text, expected):
    from newsgraph.endpoint.editor import with_prefixes
    assert with_prefixes(text) == (expected or text)
