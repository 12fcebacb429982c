"""Score the extractor on a batch of annotated articles in one process (the real-text development loop).

usage: python benchmarks/extraction_batch.py ARTICLES_DIR GOLD_DIR [--verbose] [--show] [--only STEM]

The same numbers as `../shared/eval/batch.sh` (each article ingested into a store of its own, exported as
TriG and scored by `../shared/eval/score.py`), but with the pipeline loaded once, so a batch of forty
articles scores in seconds, not minutes. `--verbose` lists each article's misses and wrong items; `--show`
also prints what was extracted (meetings with attendees, place, date and evidence; claims with speaker and
text) so a miss can be traced to the first stage that failed. The articles stay where they are: real news
text is not ours to copy, so batches live outside the repository (see docs/extraction-eval.md).
"""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from newsgraph.extractors.pipeline import Extractor
from newsgraph.graph.iris import Minter
from newsgraph.graph.store import open_store
from newsgraph.ingest import _published, ingest

CATEGORIES = ("persons", "places", "orgs", "meetings", "claims")
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def _pairs(articles: Path, golds: Path, only: str | None) -> list[tuple[Path, Path]]:
    out = []
    for art in sorted(articles.glob("*.txt")) + sorted(articles.glob("*.md")):
        if only and only not in art.stem:
            continue
        gold = next((g for g in (golds / f"{art.stem}.json", golds / f"{art.stem}.gold.json") if g.exists()), None)
        if gold is not None:
            out.append((art, gold))
    return out


def _show(extraction) -> None:
    names = {e.key: e.name for e in extraction.entities}
    for m in extraction.meetings:
        who = ", ".join(names.get(a, a) for a in m.attendees)
        where = names.get(m.location, m.location or "-")
        ev = m.evidence[0].text.replace("\n", " ")[:160] if m.evidence else ""
        print(f"    M {m.kind}/{m.status} [{who}] @ {where} {m.date or ''} :: {ev}")
    for c in extraction.claims:
        print(f"    C {names.get(c.author, c.author)} ({c.cue}): {c.text[:110]!r}")


def score_one(art: Path, gold: Path, extractor: Extractor, tmp: Path, show: bool) -> dict:
    store = open_store("memory:")
    summary = ingest([str(art)], store, extractor, Minter("https://example.org/id/"), report=lambda m: None)
    if summary.failed:
        raise SystemExit(f"{art}: ingest failed: {summary.problems}")
    buf = io.BytesIO()
    store.export(buf, "trig")
    trig = tmp / f"{art.stem}.trig"
    trig.write_bytes(buf.getvalue())
    proc = subprocess.run([sys.executable, str(SHARED_EVAL / "score.py"), str(gold), str(trig)],
                          capture_output=True, text=True, check=True)
    if show:
        from newsgraph.readers import iter_articles
        item = next(iter(iter_articles([str(art)])))
        _show(extractor.extract(item.text, item.lang, _published(item), title=item.title))
    return json.loads(proc.stdout)


def _prf(t: dict) -> tuple[float, float, float]:
    p = t["correct"] / t["pred"] if t["pred"] else 0.0
    r = t["found"] / t["gold"] if t["gold"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("articles", type=Path, help="folder of <stem>.txt articles (GUIDELINES.md format)")
    ap.add_argument("golds", type=Path, help="folder of <stem>.json gold annotations")
    ap.add_argument("--verbose", "-v", action="store_true", help="each article's misses and wrong items")
    ap.add_argument("--show", action="store_true", help="also print the extracted meetings and claims")
    ap.add_argument("--only", help="score only articles whose stem contains this")
    args = ap.parse_args(argv)
    if not (SHARED_EVAL / "score.py").exists():
        print(f"error: {SHARED_EVAL / 'score.py'} not found (../shared beside the project)", file=sys.stderr)
        return 2
    pairs = _pairs(args.articles, args.golds, args.only)
    if not pairs:
        print(f"error: no article with a gold file in {args.articles} / {args.golds}", file=sys.stderr)
        return 2
    extractor = Extractor()
    totals = {c: {"gold": 0, "found": 0, "pred": 0, "correct": 0, "dated": 0, "date_ok": 0} for c in CATEGORIES}
    with tempfile.TemporaryDirectory() as tmp:
        for art, gold in pairs:
            if args.verbose or args.show:
                print(f"== {art.stem}")
            res = score_one(art, gold, extractor, Path(tmp), args.show)
            for cat in CATEGORIES:
                for k in totals[cat]:
                    totals[cat][k] += res[cat].get(k, 0)
                if args.verbose and (res[cat].get("missed") or res[cat].get("wrong")):
                    print(f"  {cat}: missed {res[cat].get('missed') or '-'} | wrong {res[cat].get('wrong') or '-'}")
    print(f"{len(pairs)} articles")
    for cat in CATEGORIES:
        p, r, f = _prf(totals[cat])
        t = totals[cat]
        dates = f" dates {t['date_ok']}/{t['dated']}" if t["dated"] else ""
        print(f"{cat:9s} P={p:.2f} R={r:.2f} F1={f:.2f} (gold {t['gold']}, pred {t['pred']}){dates}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
