"""The actor network: which nodes and edges a small known store gives, filters, offline page, escaping.

The store is built from hand-written extraction records (no extractors needed), written with
the real ArticleWriter, so the queries see exactly what ingest stores.
"""
from __future__ import annotations

import re

import pytest

from newsgraph.extractors.records import (COUNTRY, ORGANIZATION, PERSON, PLACE, Claim, Entity, Evidence,
                                          Extraction, Meeting, Mention)
from newsgraph.graph.build import build_article_graph
from newsgraph.graph.iris import Minter
from newsgraph.graph.store import open_store
from newsgraph.graph.writer import ArticleWriter
from newsgraph.network import ActorNotFound, NetworkError, build_graph, render_page
from newsgraph.network.graphdata import date_bounds, tip_text

BASE = "https://example.org/id/"

HOSTILE_HEADLINE = '<script>alert("headline")</script> Gespräche'
HOSTILE_QUOTE = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = 'Mallory sagte: "<img src=x onerror=alert(2)>" und </script><script>alert(3)</script>.'


# ---------------------------------------------------------------- fixture builder

def _entity(text, key, kind, name, alt=(), **kw):
    mentions = []
    for form in (name, *alt):
        i = text.find(form)
        if i >= 0:
            mentions.append(Mention(i, i + len(form), form))
    return Entity(key=key, kind=kind, name=name, alternate_names=list(alt), mentions=mentions, **kw)


def _sentence(text, needle):
    """The sentence of `text` that contains `needle`, as Evidence."""
    i = text.index(needle)
    start = text.rfind(". ", 0, i)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", i)
    end = len(text) if end < 0 else end + 1
    return Evidence(start, end, text[start:end])


def write_article(store, identity, title, date, text, entities, meetings=(), claims=(), lang="de"):
    from newsgraph.readers.article import Article
    minter = Minter(BASE)
    writer = ArticleWriter(store, minter)
    art = Article(text=text, path=identity, key_path=identity, title=title, date=date, lang=lang)
    ex = Extraction(entities=list(entities), meetings=list(meetings), claims=list(claims))
    writer.write(build_article_graph(art, ex, minter, None, writer.known_given_names))


def build_fixture_store(hostile: bool = False, location: str = "memory:"):
    """Three articles (four with `hostile`):

    a1 2026-01-10  Selenskyj, Witkoff, Kushner meet in Miami; Selenskyj warns about Ukraine
    a2 2026-02-05  Witkoff, Kushner, Putin meet in Moskau; Putin accuses Selenskyj
    a3 2026-03-01  Selenskyj accuses Putin, demands of NATO (no meeting)
    a4 2026-03-02  (hostile) Mallory Hacker, with markup in headline, quote and job title
    """
    st = open_store(location)
    t1 = ("Wolodymyr Selenskyj traf Steve Witkoff und Jared Kushner in Miami. "
          "Selenskyj warnte vor neuen Angriffen auf die Ukraine.")
    write_article(st, "news/a1.txt", "Gespräche in Miami", "2026-01-10", t1, [
        _entity(t1, "p1", PERSON, "Wolodymyr Selenskyj", ("Selenskyj",), given_name="Wolodymyr",
                family_name="Selenskyj", job_titles=["Präsident"], affiliation="c1"),
        _entity(t1, "p2", PERSON, "Steve Witkoff", given_name="Steve", family_name="Witkoff",
                job_titles=["US-Sondergesandter"]),
        _entity(t1, "p3", PERSON, "Jared Kushner", given_name="Jared", family_name="Kushner"),
        _entity(t1, "l1", PLACE, "Miami", subtypes=["City"], geonames_id=4164138),
        _entity(t1, "c1", COUNTRY, "Ukraine", geonames_id=690791),
    ], meetings=[Meeting(key="m1", kind="talks", status="held", attendees=["p1", "p2", "p3"], location="l1",
                         date="2026-01-10", evidence=[_sentence(t1, "traf")])],
        claims=[Claim(key="k1", author="p1", text="vor neuen Angriffen auf die Ukraine", claim_type="warning",
                      direct=False, about=["c1"], evidence=[_sentence(t1, "warnte")])])

    t2 = ("Steve Witkoff und Jared Kushner trafen Wladimir Putin in Moskau. "
          "Putin warf Selenskyj vor, die Verhandlungen zu blockieren.")
    write_article(st, "news/a2.txt", "Treffen im Kreml", "2026-02-05", t2, [
        _entity(t2, "p2", PERSON, "Steve Witkoff", given_name="Steve", family_name="Witkoff"),
        _entity(t2, "p3", PERSON, "Jared Kushner", given_name="Jared", family_name="Kushner"),
        _entity(t2, "p4", PERSON, "Wladimir Putin", ("Putin",), given_name="Wladimir", family_name="Putin",
                job_titles=["Kremlchef"]),
        _entity(t2, "p1", PERSON, "Selenskyj", family_name="Selenskyj"),
        _entity(t2, "l2", PLACE, "Moskau", subtypes=["City"], geonames_id=524901),
    ], meetings=[Meeting(key="m1", kind="meeting", status="held", attendees=["p2", "p3", "p4"], location="l2",
                         date="2026-02-05", evidence=[_sentence(t2, "trafen")])],
        claims=[Claim(key="k1", author="p4", text="die Verhandlungen zu blockieren", claim_type="accusation",
                      direct=False, targets=["p1"], evidence=[_sentence(t2, "warf")])])

    t3 = ("Wolodymyr Selenskyj warf Wladimir Putin Kriegsverbrechen vor. "
          "Selenskyj forderte von der NATO mehr Luftabwehr.")
    write_article(st, "news/a3.txt", "Selenskyj erhebt Vorwürfe", "2026-03-01", t3, [
        _entity(t3, "p1", PERSON, "Wolodymyr Selenskyj", ("Selenskyj",), given_name="Wolodymyr",
                family_name="Selenskyj"),
        _entity(t3, "p4", PERSON, "Wladimir Putin", given_name="Wladimir", family_name="Putin"),
        _entity(t3, "o1", ORGANIZATION, "NATO", subtypes=["GovernmentOrganization"]),
    ], claims=[
        Claim(key="k1", author="p1", text="Kriegsverbrechen", claim_type="accusation", direct=False,
              targets=["p4"], date="2026-03-01", evidence=[_sentence(t3, "Kriegsverbrechen")]),
        Claim(key="k2", author="p1", text="mehr Luftabwehr", claim_type="demand", direct=False, about=["o1"],
              evidence=[_sentence(t3, "forderte")]),
    ])

    if hostile:
        t4 = ("Mallory Hacker traf Wolodymyr Selenskyj in Miami. " + HOSTILE_SENTENCE)
        write_article(st, "news/a4.txt", HOSTILE_HEADLINE, "2026-03-02", t4, [
            _entity(t4, "p5", PERSON, "Mallory Hacker", ("Mallory",), given_name="Mallory", family_name="Hacker",
                    job_titles=["<b onmouseover=alert(4)>Chef</b>"]),
            _entity(t4, "p1", PERSON, "Wolodymyr Selenskyj", given_name="Wolodymyr", family_name="Selenskyj"),
            _entity(t4, "l1", PLACE, "Miami", subtypes=["City"], geonames_id=4164138),
        ], meetings=[Meeting(key="m1", kind="meeting", status="held", attendees=["p5", "p1"], location="l1",
                             date="2026-03-02", evidence=[_sentence(t4, "traf")])],
            claims=[Claim(key="k1", author="p5", text=HOSTILE_QUOTE, claim_type="criticism", direct=True,
                          targets=["p1"], evidence=[Evidence(t4.index("Mallory sagte"), len(t4),
                                                             t4[t4.index("Mallory sagte"):])])])
    return st


@pytest.fixture(scope="module")
def store():
    st = build_fixture_store()
    yield st
    st.close()


@pytest.fixture(scope="module")
def hostile_store():
    st = build_fixture_store(hostile=True)
    yield st
    st.close()


def by_label(G):
    return {d["label"]: n for n, d in G.nodes(data=True)}


def edges_of(G, kind):
    return [(G.nodes[u]["label"], G.nodes[v]["label"], d) for u, v, d in G.edges(data=True) if d["kind"] == kind]


# ---------------------------------------------------------------- graph building

def test_nodes_by_kind_and_canonical_labels(store):
    G = build_graph(store)
    assert G.graph["counts"] == {"person": 4, "organization": 1, "country": 1, "place": 2, "meeting": 2}
    labels = set(by_label(G))
    # one node per actor, named by its one canonical schema:name (a2 only says "Selenskyj")
    assert {"Wolodymyr Selenskyj", "Steve Witkoff", "Jared Kushner", "Wladimir Putin", "NATO", "Ukraine",
            "Miami", "Moskau"} <= labels
    assert "Selenskyj" not in labels
    kinds = {d["label"]: d["kind"] for _, d in G.nodes(data=True)}
    assert kinds["Ukraine"] == "country" and kinds["Miami"] == "place" and kinds["NATO"] == "organization"


def test_edges_kinds_counts_and_weights(store):
    G = build_graph(store)
    assert G.graph["edge_counts"] == {"attended": 6, "held_in": 2, "met": 5, "met_at": 6, "claim": 4}
    met = {frozenset((a, b)): d["weight"] for a, b, d in edges_of(G, "met")}
    assert met[frozenset(("Steve Witkoff", "Jared Kushner"))] == 2  # Miami and Moskau
    assert met[frozenset(("Wolodymyr Selenskyj", "Steve Witkoff"))] == 1
    assert frozenset(("Wolodymyr Selenskyj", "Wladimir Putin")) not in met  # they never met
    held = {(a, b) for a, b, _ in edges_of(G, "held_in")}
    assert len(held) == 2 and {b for _, b in held} == {"Miami", "Moskau"}
    claims = {(a, b, d["claim_type"], d["relation"]) for a, b, d in edges_of(G, "claim")}
    assert claims == {("Wolodymyr Selenskyj", "Ukraine", "warning", "about"),
                      ("Wladimir Putin", "Wolodymyr Selenskyj", "accusation", "target"),
                      ("Wolodymyr Selenskyj", "Wladimir Putin", "accusation", "target"),
                      ("Wolodymyr Selenskyj", "NATO", "demand", "about")}


def test_sizes_count_articles_and_meetings(store):
    G = build_graph(store)
    n = by_label(G)
    sel = G.nodes[n["Wolodymyr Selenskyj"]]
    assert (sel["articles"], sel["meetings"], sel["claims"], sel["claims_aimed"]) == (3, 1, 3, 1)
    assert G.nodes[n["Steve Witkoff"]]["articles"] == 2 and G.nodes[n["Steve Witkoff"]]["meetings"] == 2
    assert G.nodes[n["NATO"]]["weight"] == 1
    assert sel["weight"] > G.nodes[n["NATO"]]["weight"]


def test_tooltip_has_role_affiliation_counts_and_latest_claims_with_evidence(store):
    G = build_graph(store)
    tip = G.nodes[by_label(G)["Wolodymyr Selenskyj"]]["tip"]
    rows = dict(tip["rows"])
    assert rows["role"] == "Präsident" and rows["affiliation"] == "Ukraine" and rows["articles"] == "3"
    dates = [c["date"] for c in tip["claims"]]
    assert len(dates) == 3 and dates == sorted(dates, reverse=True)  # the latest first
    assert {c["type"] for c in tip["claims"]} == {"accusation", "demand", "warning"}
    c = next(c for c in tip["claims"] if c["type"] == "accusation")
    assert c["evidence"] == "Wolodymyr Selenskyj warf Wladimir Putin Kriegsverbrechen vor."
    assert c["headline"] == "Selenskyj erhebt Vorwürfe"
    meeting = next(d for _, d in G.nodes(data=True) if d["kind"] == "meeting" and "2026-01-10" in d["label"])
    assert meeting["label"] == "Talks 2026-01-10"
    assert meeting["tip"]["evidence"][0]["evidence"].startswith("Wolodymyr Selenskyj traf Steve Witkoff")
    assert dict(meeting["tip"]["rows"])["place"] == "Miami"


def test_queries_do_not_multiply_with_articles(store):
    """Entity triples repeat in every article graph: counts stay per distinct thing."""
    G = build_graph(store)
    n = by_label(G)
    assert G.nodes[n["Steve Witkoff"]]["alt"] == []  # no duplicates of its own name
    for u, v, d in G.edges(data=True):
        if d["kind"] in ("attended", "held_in"):
            assert d["weight"] == 1
    # one edge per (speaker, other, type, relation), however many graphs repeat the entities
    assert len(edges_of(G, "claim")) == len({(a, b, d["claim_type"], d["relation"]) for a, b, d in edges_of(G, "claim")})


def test_since_until_window(store):
    G = build_graph(store, since="2026-02-01")
    assert set(by_label(G)) == {"Steve Witkoff", "Jared Kushner", "Wladimir Putin", "Wolodymyr Selenskyj", "NATO",
                                "Moskau", "Meeting 2026-02-05"}
    G = build_graph(store, until="2026-01")
    assert {d["kind"] for _, d in G.nodes(data=True)} == {"person", "place", "country", "meeting"}
    assert "Wladimir Putin" not in by_label(G)
    assert G.graph["counts"]["meeting"] == 1
    G = build_graph(store, since="2026-02-06", until="2026-02-28")
    assert G.number_of_nodes() == 0


def test_types_actor_view(store):
    G = build_graph(store, types="person,organization,country")
    assert G.graph["counts"] == {"person": 4, "organization": 1, "country": 1}
    assert set(G.graph["edge_counts"]) == {"met", "claim"}
    G = build_graph(store, types=["person", "place"])
    assert G.graph["edge_counts"] == {"met": 5, "met_at": 6, "claim": 2}


def test_min_weight(store):
    G = build_graph(store, min_weight=2)
    labels = set(by_label(G))
    assert {"NATO", "Ukraine", "Miami", "Moskau"}.isdisjoint(labels)
    assert {"Wolodymyr Selenskyj", "Steve Witkoff", "Jared Kushner", "Wladimir Putin"} <= labels
    assert [(a, b) for a, b, d in edges_of(G, "met")] in ([("Jared Kushner", "Steve Witkoff")],
                                                           [("Steve Witkoff", "Jared Kushner")])
    assert edges_of(G, "claim") == []  # every claim edge is a single claim
    assert G.graph["counts"]["meeting"] == 2  # meetings stay while an attendee stays


def test_ego_depth(store):
    G = build_graph(store, actor="Kushner", depth=0)
    assert set(by_label(G)) == {"Jared Kushner"}
    G = build_graph(store, actor="Jared Kushner", depth=1)
    # his meetings (half a step), their places, everyone at them; not NATO (two steps away)
    assert set(by_label(G)) == {"Jared Kushner", "Steve Witkoff", "Wolodymyr Selenskyj", "Wladimir Putin",
                                "Miami", "Moskau", "Talks 2026-01-10", "Meeting 2026-02-05"}
    G = build_graph(store, actor="jared kushner", depth=2)
    assert {"NATO", "Ukraine"} <= set(by_label(G))
    assert G.graph["centre"] == by_label(G)["Jared Kushner"]


def test_ego_is_the_same_in_the_actor_view(store):
    a = build_graph(store, actor="Witkoff", depth=1)
    b = build_graph(store, actor="Witkoff", depth=1, types="person,organization,country,place")
    assert {d["label"] for _, d in a.nodes(data=True) if d["kind"] != "meeting"} == set(by_label(b))


def test_places_are_not_passed_through(store):
    G = build_graph(store, actor="NATO", depth=1)
    assert set(by_label(G)) == {"NATO", "Wolodymyr Selenskyj"}
    G = build_graph(store, actor="Miami", depth=1)
    assert set(by_label(G)) == {"Miami", "Talks 2026-01-10", "Wolodymyr Selenskyj", "Steve Witkoff",
                                "Jared Kushner"}
    # two people who were only ever in the same city are not neighbours through it
    import networkx as nx
    from newsgraph.network.graphdata import Filters, _apply_ego
    H = nx.MultiDiGraph()
    for n, kind in (("a", "person"), ("b", "person"), ("p", "place"), ("m1", "meeting"), ("m2", "meeting")):
        H.add_node(n, kind=kind, label=n, weight=1, alt=[])
    H.add_edge("a", "m1", kind="attended")
    H.add_edge("b", "m2", kind="attended")
    H.add_edge("m1", "p", kind="held_in")
    H.add_edge("m2", "p", kind="held_in")
    _apply_ego(H, Filters.make(actor="a", depth=3))
    assert set(H) == {"a", "m1", "p"}


def test_actor_lookup_alternate_names_accents_and_errors(store):
    G = build_graph(store, actor="selenskyj")  # an alternate name, lower case
    assert G.nodes[G.graph["centre"]]["label"] == "Wolodymyr Selenskyj"
    G = build_graph(store, actor="Wolodymyr Sélenskyj", depth=0)  # accents ignored
    assert set(by_label(G)) == {"Wolodymyr Selenskyj"}
    G = build_graph(store, actor="Wladimir Putin", depth=0)
    assert set(by_label(G)) == {"Wladimir Putin"}
    with pytest.raises(ActorNotFound) as exc:
        build_graph(store, actor="Wolodymyr Zelenskiy Smith")
    assert "no actor named" in str(exc.value)


@pytest.mark.parametrize("kw", [{"since": "last week"}, {"until": "2026-13-01"}, {"types": "person,robot"},
                                {"min_weight": 0}, {"depth": -1}, {"since": "2026-03", "until": "2026-01"}])
def test_bad_filters_raise(store, kw):
    with pytest.raises(NetworkError):
        build_graph(store, **kw)


def test_date_bounds():
    assert date_bounds("2026") == ("2026-01-01", "2026-12-31")
    assert date_bounds("2026-02") == ("2026-02-01", "2026-02-28")
    assert date_bounds("2026-W04") == ("2026-01-19", "2026-01-25")
    assert date_bounds("someday") is None


def test_render_page_signature_for_the_endpoint():
    import inspect

    from newsgraph.network import render_page as rp
    params = inspect.signature(rp).parameters
    assert list(params) == ["store", "actor", "depth", "since", "until", "types", "min_weight"]
    assert [params[k].default for k in list(params)[1:]] == [None, 1, None, None, None, 1]


def test_render_page_filters(store):
    nodes, _, meta = page_json(render_page(store, actor="Witkoff", depth=1, since="2026-02", types=["person", "meeting"],
                                           min_weight=1))
    assert sorted(n["label"] for n in nodes) == ["Jared Kushner", "Meeting 2026-02-05", "Steve Witkoff",
                                                 "Wladimir Putin"]
    assert "around Witkoff" in meta["filters"] and "2026-02-01" in meta["filters"]


def test_empty_store_gives_an_empty_page():
    with open_store("memory:") as st:
        G = build_graph(st)
        assert G.number_of_nodes() == 0
        html = render_page(st)
    assert "NG_NODES = []" in html


# ---------------------------------------------------------------- the page

EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
                      re.IGNORECASE)
CDN_HOSTS = ("cdnjs", "unpkg", "jsdelivr", "googleapis", "bootstrapcdn", "cloudflare", "gstatic")


def test_page_is_offline(store):
    html = render_page(store)
    assert not EXTERNAL.search(html), EXTERNAL.search(html).group(0)
    low = html.lower()
    for host in CDN_HOSTS:
        assert host not in low, host
    assert "<link" not in low  # everything inline
    assert "vis.Network" in html and "new vis.DataSet" in html  # vis-network is inlined
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "connect-src 'none'" in html


def test_csp_lists_the_hash_of_every_inline_script(store):
    import base64
    import hashlib
    html = render_page(store)
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    assert len(scripts) == 3
    csp = re.search(r'script-src ([^;]+);', html).group(1)
    for body in scripts:
        h = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{h}'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def page_json(html):
    """The page's data: vis nodes, compact edges, metadata."""
    import json
    grab = lambda name: json.loads(re.search(rf"var {name} = (.*?);\n", html, flags=re.DOTALL).group(1))  # noqa: E731
    return grab("NG_NODES"), grab("NG_EDGES"), grab("NG_META")


def test_page_carries_every_node_and_the_legend(store):
    nodes, edges, meta = page_json(render_page(store))
    assert len(nodes) == 10 and len(edges) == 23
    assert {n["group"] for n in nodes} == {"person", "organization", "country", "place", "meeting"}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    sel = next(n for n in nodes if n["label"] == "Wolodymyr Selenskyj")
    assert [meta["claims"][i]["type"] for i in sel["tip"]["claims"]] == ["demand", "accusation", "warning"]
    claim_edges = [e for e in edges if e["k"] == "claim"]
    assert all(meta["claims"][i]["speaker"] for e in claim_edges for i in e["cl"])
    assert len(meta["claims"]) == 4  # each claim once, shared by node tips and edges
    assert [n["kind"] for n in meta["legend"]["nodes"]] == ["person", "organization", "country", "place", "meeting"]
    assert {e["key"] for e in meta["legend"]["edges"]} == {"attended", "held_in", "met", "met_at", "claim:accusation",
                                                          "claim:warning", "claim:demand"}


def test_hostile_text_is_never_markup(hostile_store):
    html = render_page(hostile_store)
    # Article text only travels as JSON with <, >, & escaped: no tag from an article reaches the HTML parser.
    data = re.search(r"<script>(\nvar NG_NODES = .*?)</script>", html, flags=re.DOTALL).group(1)
    assert "<" not in data and ">" not in data
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in data
    outside = re.sub(r"<script>.*?</script>", "", html, flags=re.DOTALL)
    for bad in ("<img", "alert(", "onerror", "onmouseover"):
        assert bad not in outside
    assert html.count("</script>") == 3
    # and the text is still there, whole, for textContent to show
    nodes, _, meta = page_json(html)
    mallory = next(n for n in nodes if n["label"] == "Mallory Hacker")
    claim = meta["claims"][mallory["tip"]["claims"][0]]
    assert claim["text"] == HOSTILE_QUOTE and claim["headline"] == HOSTILE_HEADLINE
    assert dict(mallory["tip"]["rows"])["role"] == "<b onmouseover=alert(4)>Chef</b>"


def test_title_text_is_escaped_for_html_consumers(hostile_store):
    G = build_graph(hostile_store)
    for _, d in G.nodes(data=True):
        assert "<" not in d["title"] and ">" not in d["title"]
    mallory = next(d for _, d in G.nodes(data=True) if d["label"] == "Mallory Hacker")
    assert "&lt;img src=x onerror=alert(1)&gt;" in mallory["title"]
    assert tip_text({"title": "<i>x</i>", "rows": [["a", "<b>"]]}) == "&lt;i&gt;x&lt;/i&gt;\na: &lt;b&gt;"


def test_viz_cli_writes_the_page(tmp_path, cli):
    build_fixture_store(location=str(tmp_path / "store")).close()
    out = tmp_path / "out" / "net.html"
    proc = cli("viz", "--store", str(tmp_path / "store"), "--output", str(out), "--actor", "Putin")
    assert proc.returncode == 0, proc.stderr
    assert "wrote" in proc.stderr and out.exists()
    assert "Wladimir Putin" in out.read_text("utf-8")
    proc = cli("viz", "--store", str(tmp_path / "store"), "--output", str(out), "--actor", "Nobody Atall")
    assert proc.returncode == 2 and "no actor named" in proc.stderr
    proc = cli("viz", "--store", str(tmp_path / "store"), "--output", str(out), "--since", "yesterday")
    assert proc.returncode == 2 and "--since" in proc.stderr
    proc = cli("viz", "--store", str(tmp_path / "store"), "--output", str(out), "--types", "person,meetings",
               "--min-weight", "2")
    assert proc.returncode == 0, proc.stderr
