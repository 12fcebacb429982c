"""docs/analyst-story.ipynb runs headless, start to end, on the seeds, in under a minute.

It is executed by nbclient in a real IPython kernel (as Jupyter would), in a temporary folder,
so the notebook in docs/ cannot rot: a renamed API, a changed query column or a broken plot
fails here. Slow (about 10 s on 2 cores): `.ci/run` runs it with the other slow tests.
"""
from __future__ import annotations

import time

import networkx as nx
import pytest

from conftest import ROOT, SEEDS

NOTEBOOK = ROOT / "docs" / "analyst-story.ipynb"


@pytest.mark.slow
def test_the_story_notebook_runs_headless_on_the_seeds(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat", reason="the notebook extra: pip install -e '.[notebook]'")
    from nbclient import NotebookClient

    out = tmp_path / "out"
    monkeypatch.setenv("NEWSGRAPH_SEEDS", str(SEEDS))  # the kernel inherits this process's environment
    monkeypatch.setenv("NEWSGRAPH_STORY_OUT", str(out))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    t = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert time.perf_counter() - t < 60

    text = "\n".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    seeds = sum(1 for p in SEEDS.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
    assert f"{seeds} added, 0 unchanged, 0 replaced, 0 failed" in text
    assert "0 added, 1 unchanged" in text  # the mapping ingested twice
    assert "pairs of actors who shared meetings" in text and "Steven Witkoff" in text
    assert (out / "timeline.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    G = nx.read_gexf(out / "network.gexf")
    assert G.number_of_nodes() > 50
    assert (out / "story.trig").stat().st_size > 100_000
