"""Everything the default pipeline extracts from a fixed set of articles, as one JSON file,
so a speed change can be checked to leave the output byte-identical.

    python benchmarks/extraction_snapshot.py --out /tmp/base.json           # write
    python benchmarks/extraction_snapshot.py --check /tmp/base.json         # compare, exit 1 on change

Articles: every file in seeds/, ../shared/seeds/*.txt (when present) and the first --corpus
articles of benchmarks/corpus.py (seed 1).
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import glob
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def articles(n_corpus: int):
    """(name, text, lang, published) for the snapshot's articles, in a fixed order."""
    from newsgraph.readers import iter_articles
    from newsgraph.readers.article import Article
    paths = [str(ROOT / "seeds")] + sorted(glob.glob(str(ROOT.parent / "shared" / "seeds" / "*.txt")))
    for a in iter_articles(paths):
        if isinstance(a, Article):
            yield (a.key_path or a.path, a.text, a.lang, dt.date.fromisoformat(a.date) if a.date else None)
    import corpus
    for k, g in enumerate(corpus.iter_corpus(n_corpus, seed=1)):
        d = g.doc
        yield (f"corpus/{k}", d["text"], d["lang"], dt.date.fromisoformat(d["date"]) if d.get("date") else None)


def snapshot(n_corpus: int) -> dict:
    from newsgraph.extractors.pipeline import Extractor
    ex = Extractor()
    out = {}
    for name, text, lang, published in articles(n_corpus):
        out[name] = dataclasses.asdict(ex.extract(text, lang, published))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=int, default=300, help="corpus articles (default 300)")
    ap.add_argument("--out", help="write the snapshot here")
    ap.add_argument("--check", help="compare with this snapshot; exit 1 when anything differs")
    args = ap.parse_args()
    text = json.dumps(snapshot(args.corpus), ensure_ascii=False, sort_keys=True, indent=1)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    if args.check:
        base = Path(args.check).read_text(encoding="utf-8")
        if base != text:
            old, new = json.loads(base), json.loads(text)
            changed = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
            print(f"DIFFERENT: {len(changed)} articles changed: {', '.join(changed[:20])}")
            return 1
        print(f"identical ({len(json.loads(text))} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
