"""The benchmark corpus generator: deterministic, both languages, readable by newsgraph's readers,
and its true records point at the right characters."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402


def _gen(tmp_path: Path, name: str, *args: str, process: bool = False) -> Path:
    """The generator's command line, in a new process (`process`: what shows that no per-process
    hash seed leaks into the output) or through its main here."""
    out = tmp_path / name
    if process:
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), "--out", str(out), *args], check=True,
                       capture_output=True, text=True, timeout=120)
    else:
        assert corpus.main(["--out", str(out), *args]) == 0
    return out


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a = _gen(tmp_path, "a.jsonl", "--n", "60", "--seed", "7", process=True).read_bytes()
    b = _gen(tmp_path, "b.jsonl", "--n", "60", "--seed", "7", process=True).read_bytes()
    c = _gen(tmp_path, "c.jsonl", "--n", "60", "--seed", "8").read_bytes()
    assert a == b
    assert a != c
    assert len(a.splitlines()) == 60


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(tmp_path):
    small = _gen(tmp_path, "s.jsonl", "--n", "20").read_text("utf-8").splitlines()
    large = _gen(tmp_path, "l.jsonl", "--n", "50").read_text("utf-8").splitlines()
    assert large[:20] == small


def test_both_languages_quotes_and_fields():
    docs = [a.doc for a in corpus.iter_corpus(200, seed=1)]
    langs = {d["lang"] for d in docs}
    assert langs == {"de", "en"}
    assert all(set(d) == {"text", "title", "date", "url", "lang", "source"} for d in docs)
    assert len({d["url"] for d in docs}) == len(docs)
    de_text = " ".join(d["text"] for d in docs if d["lang"] == "de")
    en_text = " ".join(d["text"] for d in docs if d["lang"] == "en")
    assert "„" in de_text and "“" in de_text
    assert '"' in en_text or "\u201c" in en_text
    assert " sei " in de_text or " seien " in de_text  # indirect speech
    assert "Moskau" in de_text or "Kiew" in de_text or "Genf" in de_text  # German place names


def test_records_point_at_the_text():
    for art in corpus.iter_corpus(150, seed=3):
        text, ex = art.doc["text"], art.extraction
        keys = {e.key for e in ex.entities}
        for e in ex.entities:
            for m in e.mentions:
                assert text[m.start:m.end] == m.text
        for rec in [*ex.meetings, *ex.claims]:
            for ev in rec.evidence:
                assert text[ev.start:ev.end] == ev.text
        for m in ex.meetings:
            assert set(m.attendees) <= keys and len(m.attendees) >= 2
            assert m.status in ("held", "planned", "expected")
        assert {c.author for c in ex.claims} <= keys
        assert any(m.status == "held" for m in ex.meetings)


def test_sharded_output_and_readers(tmp_path):
    readers = pytest.importorskip("newsgraph.readers")
    out = _gen(tmp_path, "shards", "--n", "25", "--shard-size", "10")
    files = sorted(out.glob("*.jsonl"))
    assert [f.name for f in files] == ["corpus-00000.jsonl", "corpus-00001.jsonl", "corpus-00002.jsonl"]
    items = list(readers.iter_articles([str(out)]))
    problems = [i for i in items if isinstance(i, readers.ReadProblem)]
    assert not problems, problems
    assert len(items) == 25
    assert {a.lang for a in items} == {"de", "en"}
    # the reader keeps the text exactly, so the true records' offsets hold for what ingest sees
    expected = [json.loads(line) for f in files for line in f.read_text("utf-8").splitlines()]
    assert [a.text for a in items] == [d["text"] for d in expected]
    assert [a.date for a in items] == [d["date"] for d in expected]


def test_gold_records_file(tmp_path):
    gold = tmp_path / "g.jsonl"
    _gen(tmp_path, "c.jsonl", "--n", "5", "--gold", str(gold))
    rows = [json.loads(line) for line in gold.read_text("utf-8").splitlines()]
    assert len(rows) == 5 and all({"url", "entities", "meetings", "claims"} <= set(r) for r in rows)
