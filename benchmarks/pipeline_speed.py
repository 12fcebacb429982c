"""Tokens per second of the full default extraction pipeline beside spaCy's bare tokenizer,
on the same texts in the same run, per component (prints numbers; not a test).

usage: python benchmarks/pipeline_speed.py [--repeat N] [PATH ...]   (default: seeds/)
"""
from __future__ import annotations

import argparse
import datetime as dt
import time
from collections import defaultdict

import spacy

from newsgraph.extractors.pipeline import build_pipeline
from newsgraph.readers import iter_articles
from newsgraph.readers.article import Article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=["seeds"])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    arts = [a for a in iter_articles(args.paths) if isinstance(a, Article)]
    by_lang = defaultdict(list)
    for a in arts:
        by_lang[a.lang].append(a)
    print(f"{len(arts)} articles, repeated {args.repeat}x")
    for lang, items in sorted(by_lang.items()):
        nlp = build_pipeline(lang)
        bare = spacy.blank(lang)
        for a in items[:1]:  # warm up: lexicons and gazetteer load once per process
            nlp(a.text)
        tokens = sum(len(bare.make_doc(a.text)) for a in items) * args.repeat
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            for a in items:
                bare.make_doc(a.text)
        t_tok = time.perf_counter() - t0
        cost = defaultdict(float)
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            for a in items:
                t = time.perf_counter()
                doc = nlp.make_doc(a.text)
                cost["tokenizer"] += time.perf_counter() - t
                doc._.ng_published = dt.date.fromisoformat(a.date) if a.date else None
                for name, proc in nlp.pipeline:
                    t = time.perf_counter()
                    doc = proc(doc)
                    cost[name] += time.perf_counter() - t
        t_all = time.perf_counter() - t0
        print(f"\n[{lang}] {tokens} tokens")
        print(f"  spaCy bare tokenizer : {tokens / t_tok:12,.0f} tokens/s")
        print(f"  full default pipeline: {tokens / t_all:12,.0f} tokens/s  (ratio {t_tok / t_all:.2f} of the tokenizer)")
        for name, sec in cost.items():
            print(f"    {name:<18} {1000 * sec / tokens * 1000:8.2f} ms per 1000 tokens ({100 * sec / t_all:4.1f}%)")


if __name__ == "__main__":
    main()
