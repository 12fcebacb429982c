"""`newsgraph ingest --cluster` (issue 18): extraction on a Dask cluster, the article graphs
bulk-loaded and reindexed, gives the store a plain ingest gives - the same sorted N-Quads -, a
worker killed mid-run loses nothing, a re-run changes nothing, a bad scheduler address is one
line and touches no store. The LocalCluster tests are `slow` (each starts worker processes that
load the pipeline)."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import sys

import pytest

from conftest import SEEDS

pytest.importorskip("distributed")


def quads(cli, store) -> list[str]:
    out = cli("export", "--store", str(store), "--format", "nquads", check=True).stdout
    return sorted(line for line in out.splitlines() if line.strip())


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once it is closed


def test_a_bad_scheduler_address_is_one_line_and_leaves_the_store_as_it_was(cli, seeds_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seeds_store.path, store)
    before = quads(cli, store)
    address = f"tcp://127.0.0.1:{closed_port()}"
    proc = cli("ingest", "--cluster", address, "--store", str(store), str(SEEDS),
               env={"NEWSGRAPH_CLUSTER_TIMEOUT": "0.5"})  # refused at once; the wait is the timeout
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"newsgraph ingest: error: cannot reach the Dask scheduler at "
                                                   f"{address}"), proc.stderr
    assert quads(cli, store) == before


@pytest.mark.parametrize("spec", ["local:0", "local:two", "127.0.0.1:8786", "spark://x:7077"])
def test_a_malformed_cluster_spec_says_what_is_accepted(cli, tmp_path, spec):
    proc = cli("ingest", "--cluster", spec, "--store", str(tmp_path / "store"), str(SEEDS))
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"newsgraph ingest: error: --cluster takes local:N (N worker processes on this "
                                   f"machine) or tcp://HOST:PORT (a running Dask scheduler), not {spec!r}")
    assert not (tmp_path / "store").exists()


@pytest.mark.slow
def test_cluster_ingest_of_the_seeds_gives_the_plain_ingests_quads_and_a_rerun_changes_nothing(cli, seeds_store,
                                                                                               tmp_path):
    store = tmp_path / "store"
    first = cli("ingest", "--cluster", "local:2", "--store", str(store), str(SEEDS))
    assert first.returncode == seeds_store.ingest.returncode, first.stderr
    assert first.stdout.replace(str(store), "STORE") == seeds_store.ingest.stdout.replace(seeds_store.path, "STORE")
    assert "bulk-loaded" in first.stderr and "materialised data rebuilt" in first.stderr
    expected = quads(cli, seeds_store.path)
    assert quads(cli, store) == expected
    again = cli("ingest", "--cluster", "local:2", "--store", str(store), str(SEEDS), check=True)
    n = int(first.stdout.split()[1])
    assert f"0 added, {n} unchanged, 0 replaced, 0 failed, 0 triples written" in again.stdout
    assert quads(cli, store) == expected
    assert not (store / "shards").exists()


@pytest.mark.slow
def test_a_bad_article_is_reported_as_a_local_ingest_reports_it(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in sorted(os.listdir(SEEDS))[1:3]:
        shutil.copy(SEEDS / name, corpus / name)
    (corpus / "broken.jsonl").write_text('{"text": "Olaf Scholz traf Emmanuel Macron in Paris."}\n{not json\n',
                                         encoding="utf-8")
    plain = cli("ingest", "--store", str(tmp_path / "plain"), str(corpus))
    clustered = cli("ingest", "--cluster", "local:2", "--store", str(tmp_path / "cl"), str(corpus))
    assert plain.returncode == clustered.returncode == 1
    errors = [line for line in plain.stderr.splitlines() if line.startswith("error:")]
    assert errors and errors == [line for line in clustered.stderr.splitlines() if line.startswith("error:")]
    assert plain.stdout.split("(store:")[0] == clustered.stdout.split("(store:")[0]
    assert quads(cli, tmp_path / "plain") == quads(cli, tmp_path / "cl")


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_no_article_and_duplicates_none(cli, seeds_store, tmp_path):
    import newsgraph
    from newsgraph.cluster import Cluster

    with Cluster("local:2") as cluster:
        pids = sorted(cluster.client.run(os.getpid).values())
        victim = pids[0]

        class KillAfter:  # the progress bar's update: called per article read, the window ahead of the writes
            n, killed = 0, False

            def update(self, k):
                self.n += k
                if self.n == 24:
                    os.kill(victim, signal.SIGKILL)
                    self.killed = True

        progress = KillAfter()
        with newsgraph.open(str(tmp_path / "store")) as kg:
            summary = kg.ingest([str(SEEDS)], cluster=cluster, progress=progress)
        assert progress.killed
        assert victim not in cluster.client.run(os.getpid).values()
    expected = seeds_store.ingest.stdout.split("(store:")[0].removeprefix("ingest: ").strip()
    assert summary.line() == expected
    assert quads(cli, tmp_path / "store") == quads(cli, seeds_store.path)


@pytest.mark.slow
@pytest.mark.spark
def test_spark_map_partitions_in_local_mode_gives_the_plain_ingests_quads(cli, seeds_store, tmp_path, monkeypatch):
    """The same per-article function from Spark (local mode; needs pyspark and Java 17)."""
    pyspark = pytest.importorskip("pyspark")
    if not shutil.which("java"):
        pytest.skip("no java on PATH: Spark cannot start")
    import newsgraph
    from newsgraph.cluster import SparkExtraction

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # the executors' Python: the one newsgraph is installed in
    spark = pyspark.sql.SparkSession.builder.master("local[2]").appName("newsgraph-test") \
        .config("spark.ui.enabled", "false").getOrCreate()
    try:
        with newsgraph.open(str(tmp_path / "store")) as kg:
            summary = kg.ingest([str(SEEDS)], cluster=SparkExtraction(spark.sparkContext, batch=16))
    finally:
        spark.stop()
    assert summary.line() == seeds_store.ingest.stdout.split("(store:")[0].removeprefix("ingest: ").strip()
    assert quads(cli, tmp_path / "store") == quads(cli, seeds_store.path)
