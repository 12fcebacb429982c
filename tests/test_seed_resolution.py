"""Over seeds/ plus ../shared/seeds/: every person and place is one node, no node holds two people.

Gold annotations (seeds/gold/*.gold.json, ../shared/seeds/*.gold.json) list each person's and
place's spellings across languages; the same real person in several articles must come out as
one node, and two different gold persons must never share a node.
"""
from __future__ import annotations

import json
import re
import unicodedata

import pytest

from conftest import SEEDS, SHARED

pytestmark = pytest.mark.slow


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("ß", "ss")
    s = re.sub(r"[’'`´]s\b", "", s)
    return " ".join(re.sub(r"[^\w\s]", " ", s).split())


def gold_groups(kind: str) -> list[set[str]]:
    """Real-world persons/places across all gold files: variant sets merged where they overlap."""
    files = sorted((SEEDS / "gold").glob("*.gold.json"))
    if (SHARED / "seeds").is_dir():
        files += sorted((SHARED / "seeds").glob("*.gold.json"))
    groups: list[set[str]] = []
    for f in files:
        for variants in json.loads(f.read_text("utf-8")).get(kind, []):
            vs = {norm(v) for v in variants}
            hit = [g for g in groups if g & vs]
            merged = vs.union(*hit) if hit else vs
            groups = [g for g in groups if not (g & vs)] + [merged]
    return groups


def _build():
    from newsgraph.extractors.pipeline import Extractor
    from newsgraph.graph.iris import Minter
    from newsgraph.graph.store import open_store
    from newsgraph.ingest import ingest

    paths = [str(SEEDS)]
    if (SHARED / "seeds").is_dir():
        paths += [str(p) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    s = open_store("memory:")
    summary = ingest(paths, s, Extractor(), Minter("https://example.org/id/"), report=lambda m: None)
    assert summary.failed == 0, summary.problems
    return s


def nodes(store, cls: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in store.select(f"SELECT ?e ?n WHERE {{ ?e schema:name|schema:alternateName ?n . "
                          f"FILTER EXISTS {{ ?e a schema:{cls} }} }}"):
        out.setdefault(str(r["e"]), set()).add(norm(str(r["n"])))
    return out


def surname(n: str) -> str:
    return n.split()[-1] if n.split() else n


@pytest.mark.parametrize("kind,cls", [("persons", "Person"), ("places", "Place")])
def test_one_node_per_real_entity_and_no_false_merges(kind, cls):
    if not (SEEDS / "gold").is_dir():
        pytest.skip("seeds/gold is missing")
    store = _build()
    groups = gold_groups(kind)
    found = nodes(store, cls)

    def matches(names: set[str], group: set[str]) -> bool:
        if names & group:
            return True
        return kind == "persons" and bool({surname(n) for n in names} & {surname(g) for g in group})

    split, merged = [], []
    for g in groups:
        hits = [e for e, names in found.items() if matches(names, g)]
        if len(hits) > 1:
            split.append((sorted(g)[0], hits))
    for e, names in found.items():
        owners = [sorted(g)[0] for g in groups if matches(names, g)]
        if len(owners) > 1:
            merged.append((e, owners))
    assert not split, f"one real {kind[:-1]} became several nodes: {split}"
    assert not merged, f"different {kind} share a node: {merged}"
