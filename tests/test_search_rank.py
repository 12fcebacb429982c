"""Search for a word in a large share of all texts (graph/search_index.py RANK_CAP): the hits are
the matching titles, newest first, then the other matching rows, newest first - the same items
BM25 would rank, found without scoring every match (seconds at 100,000 articles)."""
from __future__ import annotations

import re

import pytest

from newsgraph.graph import search_index
from newsgraph.graph.store import open_store


@pytest.fixture(scope="module")
def index(seeds_store, tmp_path_factory):
    with open_store(seeds_store.path, read_only=True) as store:
        idx = search_index.SearchIndex(str(tmp_path_factory.mktemp("search") / "search.sqlite"))
        idx.catch_up(lambda text: store.query(text).rows)
    yield idx
    idx.close()


def _newest_row(idx, expr: str, hit: dict) -> int:
    return idx.db.execute("SELECT MAX(rowid) FROM docs WHERE docs MATCH ? AND kind = ? AND iri = ?",
                          (expr, hit["kind"], hit["iri"])).fetchone()[0]


def test_a_very_common_word_lists_titles_then_the_rest_newest_first(index, monkeypatch):
    ranked = index.search("in", limit=1000)
    assert ranked["total"] > 40  # enough matches to tell the orders apart
    monkeypatch.setattr(search_index, "RANK_CAP", 20)
    capped = index.search("in", limit=1000)
    assert capped["total"] == ranked["total"]
    assert {(h["kind"], h["iri"]) for h in capped["hits"]} == {(h["kind"], h["iri"]) for h in ranked["hits"]}
    in_title = [bool(re.search(r"\bin\b", h["title"], re.I)) for h in capped["hits"]]
    first_other = in_title.index(False)
    assert 5 < first_other and not any(in_title[first_other:])  # titles first
    titles = capped["hits"][:first_other]
    rows = [_newest_row(index, 'title : ("in")', h) for h in titles]
    assert rows == sorted(rows, reverse=True)  # newest first
    # paging walks the same order
    page2 = index.search("in", limit=10, offset=10)
    assert [h["iri"] for h in page2["hits"]] == [h["iri"] for h in capped["hits"][10:20]]


def test_below_the_cap_hits_stay_ranked_by_bm25(index):
    hits = index.search("Selenskyj")["hits"]
    assert hits[0]["kind"] == "name" and hits[0]["iri"].endswith("/person/selenski-v")
