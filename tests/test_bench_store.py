"""The benchmarks' bulk-built stores (benchmarks/common.py `bulk_store`): built in bounded runs
(`chunk`), the store is the one a single run writes, complete for the named queries."""
from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import BASE, bulk_store  # noqa: E402

from newsgraph.graph.iris import Minter  # noqa: E402
from newsgraph.graph.reindex import index_problem  # noqa: E402
from newsgraph.graph.store import open_store  # noqa: E402


def _quads(path: Path) -> list[str]:
    out = io.BytesIO()
    with open_store(str(path), read_only=True) as store:
        assert index_problem(store, Minter(BASE)) is None
        store.export(out, "nquads")
    return sorted(out.getvalue().decode("utf-8").splitlines())


def test_a_store_built_in_runs_equals_one_built_at_once(tmp_path):
    whole = bulk_store(str(tmp_path / "whole"), 40)
    assert whole["finished"] and whole["articles"] == 40
    runs = []
    while not runs or not runs[-1]["finished"]:
        runs.append(bulk_store(str(tmp_path / "runs"), 40, chunk=15))
    assert [r["articles"] for r in runs] == [15, 30, 40, 40]  # the last run only rebuilds
    quads = _quads(tmp_path / "whole")
    assert len(quads) > 10000 and quads == _quads(tmp_path / "runs")
    assert any("ng/vocab#itemCount" in q or "vocab#itemCount" in q for q in quads)  # month buckets counted
