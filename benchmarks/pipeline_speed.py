"""Tokens per second of the full default extraction pipeline beside spaCy's bare tokenizer,
on the same texts in the same run, per component (prints numbers; not a test).

usage: python benchmarks/pipeline_speed.py [--repeat N] [PATH ...]   (default: seeds/)
       python benchmarks/pipeline_speed.py --corpus 2000 [--seed 1] [--repeat 1]

Two tokenizer baselines, because spaCy's tokenizer caches every whitespace-separated chunk it
has seen: "warm" is the bare tokenizer over the same texts repeated --repeat times after one
pass (what the pipeline's own tokenizer sees on repeats); "cold" is a fresh spacy.blank(lang)
over each text once. The pipeline is timed over the same repeats after one warm-up article
(lexicons and gazetteer load once per process); its per-word memos fill as it goes.
With --corpus N the texts are benchmarks/corpus.py's first N synthetic articles (seed --seed)
instead of files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import defaultdict
from pathlib import Path

import spacy

from newsgraph.extractors.pipeline import build_pipeline


def _texts(args) -> dict[str, list[tuple[str, dt.date | None]]]:
    """(text, published) per language."""
    by_lang = defaultdict(list)
    if args.corpus:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import corpus
        for g in corpus.iter_corpus(args.corpus, args.seed):
            d = g.doc
            by_lang[d["lang"]].append((d["text"], dt.date.fromisoformat(d["date"]) if d.get("date") else None))
    else:
        from newsgraph.readers import iter_articles
        from newsgraph.readers.article import Article
        for a in iter_articles(args.paths):
            if isinstance(a, Article):
                by_lang[a.lang].append((a.text, dt.date.fromisoformat(a.date) if a.date else None))
    return by_lang


def measure(lang: str, items: list, repeat: int) -> dict:
    """Seconds of the cold and warm tokenizer, the pipeline and each of its components."""
    texts = [t for t, _ in items]
    cold = spacy.blank(lang)
    t0 = time.perf_counter()
    n_tokens = sum(len(cold.make_doc(t)) for t in texts)
    t_cold = time.perf_counter() - t0
    warm = spacy.blank(lang)
    for t in texts:
        warm.make_doc(t)
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            warm.make_doc(t)
    t_warm = time.perf_counter() - t0
    nlp = build_pipeline(lang)
    nlp(texts[0])  # warm up: lexicons and gazetteer load once per process
    cost = defaultdict(float)
    t0 = time.perf_counter()
    for _ in range(repeat):
        for text, published in items:
            t = time.perf_counter()
            doc = nlp.make_doc(text)
            cost["tokenizer"] += time.perf_counter() - t
            doc._.ng_published = published
            for name, proc in nlp.pipeline:
                t = time.perf_counter()
                doc = proc(doc)
                cost[name] += time.perf_counter() - t
    t_all = time.perf_counter() - t0
    return {"tokens": n_tokens * repeat, "cold": t_cold * repeat, "warm": t_warm, "pipeline": t_all,
            "components": dict(cost)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=["seeds"])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--corpus", type=int, default=0, metavar="N",
                    help="use benchmarks/corpus.py's first N articles instead of PATHs")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (with --corpus)")
    args = ap.parse_args()
    by_lang = _texts(args)
    source = f"corpus {args.corpus} (seed {args.seed})" if args.corpus else " ".join(args.paths)
    print(f"{sum(map(len, by_lang.values()))} articles from {source}, repeated {args.repeat}x")
    for lang, items in sorted(by_lang.items()):
        r = measure(lang, items, args.repeat)
        tokens, t_all = r["tokens"], r["pipeline"]
        print(f"\n[{lang}] {len(items)} articles, {tokens} tokens")
        print(f"  spaCy bare tokenizer, warm cache: {tokens / r['warm']:12,.0f} tokens/s")
        print(f"  spaCy bare tokenizer, cold cache: {tokens / r['cold']:12,.0f} tokens/s")
        print(f"  full default pipeline           : {tokens / t_all:12,.0f} tokens/s  "
              f"(ratio {r['warm'] / t_all:.2f} of the warm tokenizer, {r['cold'] / t_all:.2f} of the cold)")
        for name, sec in r["components"].items():
            print(f"    {name:<18} {1000 * sec / tokens * 1000:8.2f} ms per 1000 tokens ({100 * sec / t_all:4.1f}%)")


if __name__ == "__main__":
    main()
