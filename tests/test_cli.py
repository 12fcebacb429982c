"""The real `newsgraph` command: ingest semantics, bad inputs, export, query, stats, validate."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEEDS, run_cli, run_cli_process

DE = ("Der ukrainische Präsident Wolodymyr Selenskyj hat am Dienstag in Kiew den US-Sondergesandten "
      "Steve Witkoff empfangen. Selenskyj sagte danach, die Gespräche seien konstruktiv gewesen.")
EN = ("Ukrainian President Volodymyr Zelensky met U.S. envoy Steve Witkoff in Kyiv on Tuesday. "
      "Zelensky said afterwards that the talks had been constructive.")


def article(tmp: Path, name: str, text: str, date: str = "2026-01-13") -> Path:
    p = tmp / name
    p.write_text(f" date {date} {text}\n", encoding="utf-8")
    return p


@pytest.fixture
def store(tmp_path):
    return str(tmp_path / "store")


def test_help_reads_like_documentation(cli):
    out = cli("--help", check=True).stdout
    for word in ("ingest", "query", "export", "stats", "validate", "serve", "viz", "explain"):
        assert word in out
    assert "--store" in cli("ingest", "--help", check=True).stdout


def test_ingest_then_unchanged_then_replaced(cli, tmp_path, store):
    src = tmp_path / "in"
    src.mkdir()
    article(src, "de.txt", DE)
    article(src, "en.txt", EN)
    first = cli("ingest", "--store", store, str(src), check=True)
    assert "2 added" in first.stdout and "0 failed" in first.stdout
    again = cli("ingest", "--store", store, str(src), check=True)
    assert "0 added, 2 unchanged" in again.stdout
    article(src, "en.txt", EN + " He added that more talks would follow.")
    changed = cli("ingest", "--store", store, str(src), check=True)
    assert "1 unchanged, 1 replaced" in changed.stdout
    stats = json.loads(cli("stats", "--store", store, "--format", "json", check=True).stdout)
    assert stats["per_class"]["schema:NewsArticle"] == 2
    assert stats["per_language"] == {"de": 1, "en": 1}


def test_identity_survives_another_working_directory(cli, tmp_path, store):
    src = tmp_path / "in"
    src.mkdir()
    article(src, "de.txt", DE)
    cli("ingest", "--store", store, str(src), check=True)
    again = cli("ingest", "--store", store, "in", cwd=tmp_path, check=True)
    assert "1 unchanged" in again.stdout


def test_each_bad_input_gets_one_line_and_the_good_ones_still_land(cli, tmp_path, store):
    src = tmp_path / "in"
    src.mkdir()
    article(src, "good.txt", DE)
    (src / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (src / "empty.txt").write_text("   \n", encoding="utf-8")
    (src / "latin1.txt").write_bytes("Selenskyj traf Witkoff in Genf. Die Gespräche über Sicherheitsgarantien "
                                     "dauerten lange.".encode("latin-1"))
    (src / "lines.jsonl").write_text(json.dumps({"text": EN, "date": "2026-01-13"}) + "\n{not json\n",
                                     encoding="utf-8")
    (src / "table.xlsx").write_bytes(b"PK\x03\x04 not a news article")
    missing = tmp_path / "nope.txt"
    proc = cli("ingest", "--store", store, str(src), str(missing))
    assert proc.returncode == 1
    err = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    joined = "\n".join(err)
    assert "binary.txt" in joined and "empty.txt" in joined and "latin1.txt" in joined
    assert "lines.jsonl:2" in joined and "table.xlsx" in joined and "nope.txt" in joined
    assert len(err) == 6, proc.stderr
    assert "2 added" in proc.stdout and "6 failed" in proc.stdout


def test_oversized_file_is_refused_quickly(cli, tmp_path, store):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(51 * 1024 * 1024)
    t0 = time.monotonic()
    proc = cli("ingest", "--store", store, str(big))
    assert proc.returncode == 1
    assert "big.txt" in proc.stderr and "MB" in proc.stderr
    assert time.monotonic() - t0 < 60


def test_bad_input_never_loses_what_was_stored(cli, tmp_path, store):
    article(tmp_path, "good.txt", DE)
    cli("ingest", "--store", store, str(tmp_path / "good.txt"), check=True)
    (tmp_path / "bad.jsonl").write_text("{broken\n", encoding="utf-8")
    assert cli("ingest", "--store", store, str(tmp_path / "bad.jsonl")).returncode == 1
    stats = json.loads(cli("stats", "--store", store, "--format", "json", check=True).stdout)
    assert stats["per_class"]["schema:NewsArticle"] == 1


def test_query_named_file_and_text_with_params(cli, tmp_path, store):
    article(tmp_path, "de.txt", DE)
    cli("ingest", "--store", store, str(tmp_path / "de.txt"), check=True)
    out = cli("query", "actors", "--store", store, "--format", "json", check=True).stdout
    names = {b["name"]["value"] for b in json.loads(out)["results"]["bindings"]}
    assert any("Selenskyj" in n for n in names), names
    rq = tmp_path / "persons.rq"
    rq.write_text("# title: persons\nPREFIX schema: <http://schema.org/>\n"
                  "SELECT ?n WHERE { ?p schema:name ?n . FILTER EXISTS { ?p a schema:Person } }\n")
    csv = cli("query", str(rq), "--store", store, "--format", "csv", check=True).stdout
    assert csv.splitlines()[0] == "n" and "Witkoff" in csv
    text = cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store, check=True).stdout
    assert "(1 row)" in text
    bad = cli("query", "claims-by-actor", "--store", store)
    assert bad.returncode == 2 and "--param actor" in bad.stderr
    wrong = cli("query", "SELECT ?x WHERE { ?x }", "--store", store)
    assert wrong.returncode == 2 and "malformed" in wrong.stderr
    assert wrong.stderr.count("\n") == 1 and "at line 1, column " in wrong.stderr  # one line, its position
    readme = cli("query", "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }", "--store", store,
                 "--format", "csv", check=True).stdout.splitlines()[1:]
    assert readme and len(readme) == len(set(readme))  # one row per person (docs/data-model.md)
    unknown = cli("query", "no-such-query", "--store", store)
    assert unknown.returncode == 2 and "no named query" in unknown.stderr


def test_export_round_trip_through_the_cli(cli, tmp_path, store):
    article(tmp_path, "de.txt", DE)
    article(tmp_path, "en.txt", EN)
    cli("ingest", "--store", store, str(tmp_path / "de.txt"), str(tmp_path / "en.txt"), check=True)
    first = tmp_path / "a.nq"
    cli("export", "--store", store, "--format", "nquads", "--output", str(first), check=True)
    other = str(tmp_path / "other")
    from newsgraph.graph.store import open_store
    with open_store(other) as s:
        s.load(first.read_bytes(), "nquads")
    second = tmp_path / "b.nq"
    cli("export", "--store", other, "--format", "nquads", "--output", str(second), check=True)
    assert sorted(first.read_text().splitlines()) == sorted(second.read_text().splitlines())
    ttl = cli("export", "--store", store, "--format", "turtle", check=True).stdout
    assert "schema:NewsArticle" in ttl


def test_the_entry_point_runs_and_its_exit_codes_reach_the_shell(tmp_path):
    """The one place the CLI runs as a new process here (`python -m newsgraph`): the other tests
    call the same `main` in this process."""
    version = run_cli_process("--version", check=True)
    assert version.stdout.startswith("newsgraph ")
    missing = run_cli_process("query", "actors", "--store", str(tmp_path / "none"))
    assert missing.returncode == 2 and "no store" in missing.stderr and not missing.stdout
    usage = run_cli_process("query")
    assert usage.returncode == 2 and "usage: newsgraph query" in usage.stderr
    bare = run_cli_process()
    assert bare.returncode == 2 and "COMMAND" in bare.stdout


def test_missing_store_is_a_clear_error(cli, tmp_path):
    proc = cli("query", "actors", "--store", str(tmp_path / "none"))
    assert proc.returncode == 2 and "no store" in proc.stderr


def test_unknown_spacy_model_is_a_clear_error(cli, tmp_path, store):
    article(tmp_path, "de.txt", DE)
    proc = cli("ingest", "--store", store, "--spacy-model", "xx_no_such_model", str(tmp_path / "de.txt"))
    assert proc.returncode == 2 and "xx_no_such_model" in proc.stderr


def test_seeds_build_a_valid_graph(cli, seeds_store):
    store = seeds_store.path
    assert "0 failed" in seeds_store.ingest.stdout
    val = cli("validate", "--store", store)
    assert val.returncode == 0, val.stdout[-3000:]
    stats = json.loads(cli("stats", "--store", store, "--format", "json", check=True).stdout)
    assert stats["per_class"]["schema:NewsArticle"] >= 8
    assert set(stats["per_language"]) == {"de", "en"}
    explain = cli("explain", "Witkoff", "--store", store, check=True).stdout
    assert "resolution key" in explain and "mention" in explain


@pytest.mark.slow
@pytest.mark.faults
def test_kill_9_mid_ingest_leaves_whole_articles_and_a_rerun_completes(tmp_path):
    """kill -9 at random points of an ingest (timed from its first article, over the time a whole
    run writes articles): only whole articles, and the same command again gives the clean run's store."""
    import random

    from newsgraph.graph.store import open_store

    src = tmp_path / "many"
    src.mkdir()
    n = 160
    for i in range(n):
        article(src, f"a{i:03d}.txt", (DE if i % 2 else EN).replace("Dienstag", "Montag") + f" Meldung {i}.")

    def ingest(store: str, kill_after: float | None) -> float:
        """Seconds from the first article's write (the log past 100 KB: the store's vocabulary is
        written before the language models load) to the end, or the kill."""
        proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "ingest", "--store", store, str(src)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while not (Path(store).is_dir() and sum(f.stat().st_size for f in Path(store).glob("*.log")) > 100_000):
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.01)
        t0 = time.monotonic()
        if kill_after is not None:
            while time.monotonic() - t0 < kill_after and proc.poll() is None:
                time.sleep(0.005)
            assert proc.poll() is None, "ingest finished before it could be killed; raise n"
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        return time.monotonic() - t0

    clean = str(tmp_path / "clean")
    whole = ingest(clean, None)
    expected = sorted(run_cli("export", "--store", clean, "--format", "nquads", check=True).stdout.splitlines())
    rng = random.Random(19)
    for trial in range(3):
        killed = str(tmp_path / f"killed-{trial}")
        delay = rng.uniform(0, whole * 0.8)
        ingest(killed, delay)
        with open_store(killed) as s:
            rows = s.select("SELECT ?a ?h WHERE { GRAPH ?a { ?a a schema:NewsArticle ; ng:contentHash ?h } }")
            graphs = [g for g in s.named_graphs() if "/article/" in g]
            assert len(rows) <= n  # (a kill after the last article, before the summary, leaves them all)
            assert len(graphs) == len(rows), "a graph without its content hash: a partial article"
        rerun = run_cli("ingest", "--store", killed, str(src), check=True)
        assert f"{n - len(rows)} added, {len(rows)} unchanged" in rerun.stdout
        got = sorted(run_cli("export", "--store", killed, "--format", "nquads", check=True).stdout.splitlines())
        assert got == expected
        print(f"ingest killed {delay:.1f} s into a {whole:.1f} s run: {len(rows)} of {n} articles whole, 0 "
              f"partial; the rerun added {n - len(rows)}, the store equals the clean run's")


@pytest.mark.slow
def test_jobs_2_gives_the_same_graph_as_jobs_1(tmp_path):
    one, two = str(tmp_path / "one"), str(tmp_path / "two")
    run_cli("ingest", "--store", one, str(SEEDS), check=True)
    proc = run_cli("ingest", "--store", two, "--jobs", "2", str(SEEDS), check=True)
    assert "0 failed" in proc.stdout
    a = run_cli("export", "--store", one, "--format", "nquads", check=True).stdout
    b = run_cli("export", "--store", two, "--format", "nquads", check=True).stdout
    assert sorted(a.splitlines()) == sorted(b.splitlines())


def test_named_queries_come_in_pages(cli, tmp_path, store):
    article(tmp_path, "de.txt", DE)
    cli("ingest", "--store", store, str(tmp_path / "de.txt"), check=True)
    every = json.loads(cli("query", "actors", "--store", store, "--format", "json", "--limit", "0",
                           check=True).stdout)["results"]["bindings"]
    assert len(every) >= 2
    one = cli("query", "actors", "--store", store, "--format", "json", "--limit", "1", check=True)
    rows = json.loads(one.stdout)["results"]["bindings"]
    assert len(rows) == 1 and "--offset 1" in one.stderr  # says where the next page starts
    nxt = json.loads(cli("query", "actors", "--store", store, "--format", "json", "--limit", "1", "--offset", "1",
                         check=True).stdout)["results"]["bindings"]
    assert nxt and nxt[0]["actor"] != rows[0]["actor"]
    bad = cli("query", "actors", "--store", store, "--limit", "-1")
    assert bad.returncode == 2 and "limit must be 0 or more" in bad.stderr
    own = cli("query", "SELECT * WHERE { ?s ?p ?o }", "--store", store, "--limit", "3")
    assert own.returncode == 2 and "write LIMIT/OFFSET into your own SPARQL" in own.stderr
    listing = cli("queries", check=True).stdout
    assert "--limit N / --offset N" in listing


def test_a_large_ingest_compacts_the_store_and_keeps_what_it_wrote(cli, tmp_path, store):
    src = tmp_path / "in"
    src.mkdir()
    article(src, "de.txt", DE)
    article(src, "en.txt", EN)
    small = cli("ingest", "--store", store, str(src), check=True, env={"NEWSGRAPH_COMPACT_AFTER": "3"})
    assert "compacted" not in small.stderr  # 2 articles: below the threshold
    article(src, "en.txt", EN + " He added that more talks would follow.")
    article(src, "de2.txt", DE.replace("Miami", "Genf"))
    big = cli("ingest", "--store", store, str(src), check=True, env={"NEWSGRAPH_COMPACT_AFTER": "2"})
    assert "store compacted" in big.stderr and "1 added, 1 unchanged, 1 replaced" in big.stdout
    assert re.search(r"schema:NewsArticle +3\n", cli("stats", "--store", store, check=True).stdout)
    bad = cli("ingest", "--store", store, str(src), env={"NEWSGRAPH_COMPACT_AFTER": "many"})
    assert bad.returncode != 0 and "NEWSGRAPH_COMPACT_AFTER" in bad.stderr


def test_reindex_rebuilds_an_old_store_and_queries_say_when_it_is_needed(cli, tmp_path, store):
    article(tmp_path, "de.txt", DE)
    cli("ingest", "--store", store, str(tmp_path / "de.txt"), check=True)
    from newsgraph.graph.store import open_store
    index = "https://newsgraph.example.org/id/graph/index"
    entities = "https://newsgraph.example.org/id/graph/entities"
    s = open_store(store)
    before = s.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{index}> {{ ?s ?p ?o }} }}").rows
    names = s.query(f"SELECT ?e ?n WHERE {{ GRAPH <{entities}> {{ ?e <https://w3id.org/newsgraph/vocab#searchName> ?n }} }}").rows
    # what an older newsgraph left: no search names, no index version
    s.update(f"DELETE WHERE {{ GRAPH <{entities}> {{ ?e <https://w3id.org/newsgraph/vocab#searchName> ?n }} }} ;"
             f"DELETE WHERE {{ GRAPH <{index}> {{ ?s <https://w3id.org/newsgraph/vocab#indexVersion> ?v }} }}")
    s.close()
    stale = cli("query", "claims-by-actor", "--param", "actor=Selenskyj", "--store", store, check=True)
    assert "run `newsgraph reindex`" in stale.stderr
    done = cli("reindex", "--store", store, check=True)
    assert "reindex: done" in done.stdout
    s = open_store(store, read_only=True)
    assert sorted(s.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{index}> {{ ?s ?p ?o }} }}").rows) == sorted(before)
    assert sorted(s.query(f"SELECT ?e ?n WHERE {{ GRAPH <{entities}> {{ ?e <https://w3id.org/newsgraph/vocab#searchName> ?n }} }}").rows) == sorted(names)
    s.close()
    fresh = cli("query", "claims-by-actor", "--param", "actor=Selenskyj", "--store", store, check=True)
    assert "reindex" not in fresh.stderr and "Selenskyj" in fresh.stdout
