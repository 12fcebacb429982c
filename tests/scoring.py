"""Scores an article's extraction against its gold annotation (goldscore.py, in the repository)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import goldscore


def export_article(article: Path, tmp_path: Path) -> Path:
    """Ingest one article into a fresh store and export it (N-Quads: what a user scores, and what
    rdflib reads back fastest)."""
    from newsgraph.extractors.pipeline import Extractor
    from newsgraph.graph.iris import Minter
    from newsgraph.graph.store import open_store
    from newsgraph.ingest import ingest

    store = open_store("memory:")
    summary = ingest([str(article)], store, Extractor(), Minter("https://example.org/id/"), report=lambda m: None)
    assert summary.failed == 0, summary.problems
    out = io.BytesIO()
    store.export(out, "nquads")
    path = tmp_path / f"{article.stem}.nq"
    path.write_bytes(out.getvalue())
    return path


def score_article(article: Path, gold: Path, tmp_path: Path) -> dict:
    """Ingest one article into a fresh store, export it, and score it against its gold."""
    exported = export_article(article, tmp_path)
    return goldscore.score_graph(json.loads(gold.read_text("utf-8")), goldscore.read_graph(exported))


def f1(r: dict) -> float:
    if not r["gold"] and not r["pred"]:
        return 1.0  # nothing to find, nothing wrongly found
    p = r["correct"] / r["pred"] if r["pred"] else 0.0
    rec = r["found"] / r["gold"] if r["gold"] else 1.0
    return 2 * p * rec / (p + rec) if p + rec else 0.0


def precision(r: dict) -> float:
    return r["correct"] / r["pred"] if r["pred"] else 1.0


def seed_pairs(seeds: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for article in sorted(p for p in seeds.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md"):
        gold = seeds / "gold" / f"{article.stem}.gold.json"
        if gold.exists():
            pairs.append((article, gold))
    return pairs
