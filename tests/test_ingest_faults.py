"""Ingest under hostile names and faults: no file is lost, every problem is one escaped line.

The real `newsgraph ingest` in a subprocess, as a user runs it (issue 19, part 1).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli

EN = ("Ukrainian President Volodymyr Zelensky met U.S. envoy Steve Witkoff in Kyiv on Tuesday. "
      "Zelensky said afterwards that the talks had been constructive. Article {n}.")


def write_article(folder: Path, name: bytes, n: int) -> None:
    with open(os.path.join(os.fsencode(folder), name), "w", encoding="utf-8") as f:
        f.write(f" date 2026-01-13 {EN.format(n=n)}\n")


def stored_count(store: str) -> int:
    out = run_cli("query", "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
                  "--store", store, "--format", "json", check=True).stdout
    return int(json.loads(out)["results"]["bindings"][0]["n"]["value"])


def test_any_file_name_is_ingested_and_shown_escaped_on_one_line(tmp_path):
    src = tmp_path / "corpus"
    src.mkdir()
    names = [b"a.txt", b"b\xff.txt", b"c\x1b[31mred.txt", b"d\nnewline.txt", b"e\xe2\x80\xaebidi.txt", b"f.txt"]
    for n, name in enumerate(names):
        write_article(src, name, n)
    (src / "g.xyz").write_text("not an article format", encoding="utf-8")  # one problem, to see its line
    os.rename(src / "g.xyz", os.path.join(os.fsencode(src), b"g\x1b[2J\nbad\xff.xyz"))
    store = str(tmp_path / "store")
    proc = run_cli("ingest", "--store", store, str(src))
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "6 added" in proc.stdout and "1 failed" in proc.stdout
    assert "\x1b" not in proc.stderr + proc.stdout  # no raw escape reaches the terminal
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {src}/g\\x1b[2J\\x0abad\\xff.xyz: unknown format '.xyz' (readable: .txt, .md, "
                      f".html/.htm, .jsonl, and feeds as .rss/.atom/.xml)"]
    assert stored_count(store) == 6
    # the same names give the same articles on a second run: nothing new, nothing replaced
    again = run_cli("ingest", "--store", store, str(src))
    assert "0 added, 6 unchanged, 0 replaced, 1 failed" in again.stdout, again.stdout + again.stderr


def test_an_empty_jsonl_given_alone_is_reported_with_exit_1(tmp_path):
    for content, reason in (("", "no articles in it (empty file)"),
                            ("\n  \n\n", "no articles in it (only blank lines)")):
        f = tmp_path / "empty.jsonl"
        f.write_text(content, encoding="utf-8")
        proc = run_cli("ingest", "--store", str(tmp_path / "store"), str(f))
        assert proc.returncode == 1
        assert proc.stderr.strip().splitlines() == [f"error: {f}: {reason}"]
        assert "0 added" in proc.stdout and "1 failed" in proc.stdout


def test_a_lone_surrogate_in_jsonl_is_one_problem_and_the_other_lines_land(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_text(json.dumps({"text": EN.format(n=1)}) + "\n" + '{"text": "broken \\ud800 half pair"}\n'
                 + json.dumps({"text": EN.format(n=2), "title": "Fine"}) + "\n", encoding="utf-8")
    proc = run_cli("ingest", "--store", str(tmp_path / "store"), str(f))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"error: {f}:2: field 'text' holds a lone surrogate \\ud800 (not valid Unicode)"]
    assert "2 added" in proc.stdout


def _can_mount_tmpfs(where: Path) -> bool:
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


@pytest.mark.slow
@pytest.mark.faults
def test_a_full_disk_stops_ingest_with_one_line_and_the_summary(tmp_path):
    """A store on a 4 MB tmpfs (root only; else a file size limit does the same to the store's files)."""
    src = tmp_path / "corpus"
    src.mkdir()
    for n in range(60):
        write_article(src, f"{n:03d}.txt".encode(), n)
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = _can_mount_tmpfs(disk)
    store = str(disk / "store")
    try:
        if mounted:
            proc = run_cli("ingest", "--store", store, str(src), timeout=240)
        else:
            def limit():  # writes past 2 MB fail with EFBIG instead of killing the process
                import resource
                import signal
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (2 << 20, 2 << 20))
            proc = subprocess.run([sys.executable, "-m", "newsgraph", "ingest", "--store", store, str(src)],
                                  capture_output=True, text=True, timeout=240, preexec_fn=limit)
        print(proc.stdout, proc.stderr[-2000:])
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr
        errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "the store is full" in errors[0], proc.stderr  # not one per article
        summary = proc.stdout.strip().splitlines()[-1]
        assert "stopped early: the store is full" in summary
        added = int(summary.split("ingest: ")[1].split(" added")[0])
        assert 0 < added < 60
        # what was stored is kept: a copy of the store (with room to open) holds every article counted
        kept = tmp_path / "kept"
        subprocess.run(["cp", "-a", store, str(kept)], check=True)
        assert stored_count(str(kept)) == added
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(disk)])


def test_an_article_over_the_size_limit_is_one_problem_and_the_others_land(tmp_path):
    """One article may cost only so much: a one-line megabyte is refused before extraction."""
    f = tmp_path / "big.jsonl"
    f.write_text(json.dumps({"text": EN.format(n=1)}) + "\n" + json.dumps({"text": "Words and words " * 20000})
                 + "\n", encoding="utf-8")
    proc = run_cli("ingest", "--store", str(tmp_path / "store"), str(f),
                   env={"NEWSGRAPH_MAX_ARTICLE_CHARS": "100000"})
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"error: {f}:2: article text is 319,999 characters, over the limit of 100,000 "
        f"($NEWSGRAPH_MAX_ARTICLE_CHARS): split it into articles or raise the limit"]
    assert "1 added" in proc.stdout
