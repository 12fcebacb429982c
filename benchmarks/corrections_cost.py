"""What corrections cost (graph/corrections.py): named-query medians before and after C corrections,
the time to make each kind, and what C corrections add to ingesting more articles.

    python benchmarks/corrections_cost.py --n 10000 --corrections 1000

Writes the first N corpus articles (true records, no extraction) into a fresh embedded store,
copies it, makes C corrections on one copy, spread over meetings, claims and entities (reject,
set-status, set-date, reject-attendee, reject-speaker, reject of a rare entity, and one merge of
two persons of many articles: the hub shape), then times every named query on both copies in
turns (parameters on the most mentioned person), and ingests K more articles with the C
corrections loaded (each article is checked against all of them).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))

from common import BASE, bindings_for, median_ms, popular_params, run_named, table, write_graphs  # noqa: E402


def measure_both(before_path: str, after_path: str, repeat: int) -> tuple[dict, dict]:
    """Every named query on both stores, taking turns at each repetition, so that a busy machine
    slows both alike (as benchmarks/view_cost.py does); medians in ms."""
    from newsgraph import queries
    from newsgraph.graph.store import open_store
    stores = [open_store(before_path, read_only=True), open_store(after_path, read_only=True)]
    try:
        params = popular_params(stores[0])
        samples = [{}, {}]
        for _ in range(repeat):
            for q in queries.all_queries().values():
                b = bindings_for(q, params)
                for i, st in enumerate(stores):
                    t = time.perf_counter()
                    run_named(st, q, b)
                    samples[i].setdefault(q.name, []).append(time.perf_counter() - t)
        return tuple({k: median_ms(v) for k, v in s.items()} for s in samples)
    finally:
        for st in stores:
            st.close()


def make_corrections(store, count: int, seed: int = 1, merge: bool = True,
                     budget_s: float | None = None) -> tuple[dict, int]:
    """`count` corrections of several kinds on random targets; seconds per kind. `merge`: begin
    with a merge of two persons of many articles (at 100,000 articles it rewrites thousands of
    articles: over 20 minutes); `budget_s`: stop making them after this many seconds."""
    from newsgraph.graph import curate
    from newsgraph.graph.corrections import CorrectionError
    from newsgraph.graph.iris import Minter
    rnd = random.Random(seed)
    minter = Minter(BASE)
    meetings = [str(r["m"]) for r in store.select("SELECT DISTINCT ?m WHERE { ?m a ng:Meeting ; schema:attendee ?a }")]
    claims = [str(r["c"]) for r in store.select("SELECT ?c WHERE { ?c a schema:Claim ; schema:author ?a }")]
    rare = [str(r["e"]) for r in store.select(
        f"SELECT ?e WHERE {{ GRAPH <{BASE}graph/index> {{ ?e ng:articleCount 1 }} ?e a schema:Person }}")]
    hubs = [str(r["e"]) for r in store.select(
        f"SELECT ?e WHERE {{ GRAPH <{BASE}graph/index> {{ ?e ng:articleCount ?c }} ?e a schema:Person }} "
        f"ORDER BY DESC(?c) LIMIT 12")]
    rnd.shuffle(meetings), rnd.shuffle(claims), rnd.shuffle(rare)
    plan = [("merge", hubs[10], hubs[11])] if merge else []
    kinds = [("reject", "meeting"), ("set-status", "meeting"), ("set-date", "meeting"), ("reject-attendee", "meeting"),
             ("reject", "claim"), ("reject-speaker", "claim"), ("reject", "entity")]
    pools = {"meeting": meetings, "claim": claims, "entity": rare}
    turn = 0
    while len(plan) < count and any(pools.values()):
        action, kind = kinds[turn % len(kinds)]
        turn += 1
        pool = pools[kind]
        if not pool:
            continue
        target = pool.pop()
        value = None
        if action == "set-status":
            value = "planned"
        elif action == "set-date":
            value = f"2026-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        elif action == "reject-attendee":
            who = store.select(f"SELECT ?a WHERE {{ <{target}> schema:attendee ?a }} LIMIT 1")
            value = str(who[0]["a"]) if who else None
        plan.append((action, target, value))
    seconds: dict[str, list] = {}
    made = 0
    start = time.perf_counter()
    for action, target, value in plan:
        if budget_s is not None and time.perf_counter() - start > budget_s:
            break
        t = time.perf_counter()
        try:
            curate.record(store, minter, action, target, value, "benchmark", "bench")
            made += 1
        except CorrectionError:
            continue  # a target an earlier correction removed (a rejected claim's speaker, ...)
        seconds.setdefault(action, []).append(time.perf_counter() - t)
    return seconds, made


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000, help="articles in the store (default 10000)")
    ap.add_argument("--corrections", type=int, default=1000, help="corrections to make (default 1000)")
    ap.add_argument("--more", type=int, default=500, help="articles ingested after the corrections (default 500)")
    ap.add_argument("--repeat", type=int, default=7, help="runs per query (median; default 7)")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "newsgraph-bench"))
    args = ap.parse_args()
    from newsgraph.graph.store import open_store

    os.makedirs(args.work, exist_ok=True)
    path = os.path.join(args.work, f"corrections-{args.n}")
    shutil.rmtree(path, ignore_errors=True)
    store = open_store(path)
    try:
        w = write_graphs(store, args.n)
        print(f"wrote {args.n} articles ({w['triples']:,} triples) in {w['seconds']:.0f} s", flush=True)
        store.optimize()
        store.close()
        shutil.rmtree(path + "-before", ignore_errors=True)
        shutil.copytree(path, path + "-before")  # the same store without the corrections, for the queries
        store = open_store(path)
        t = time.perf_counter()
        seconds, made = make_corrections(store, args.corrections)
        total = time.perf_counter() - t
        print(f"made {made} corrections in {total:.0f} s ({made / total:.1f}/s)", flush=True)
        print(table(["correction", "made", "median ms", "max ms"],
                    [[k, len(v), f"{median_ms(v):.0f}", f"{max(v) * 1000:.0f}"] for k, v in sorted(seconds.items())]))
        store.optimize()
        store.close()
        before, after = measure_both(path + "-before", path, args.repeat)
        store = open_store(path)
        print()
        print(table(["named query", f"ms, {args.n} articles", f"ms, + {made} corrections"],
                    [[k, f"{before[k]:.1f}", f"{after[k]:.1f}"] for k in before]))
        # more articles with the corrections loaded: the engine's cost per article
        from newsgraph.graph import corrections as cx
        from newsgraph.graph.iris import Minter
        loaded = cx.load(store, Minter(BASE))
        t_apply = [0.0]

        def on_article(_k, ag):
            t0 = time.perf_counter()
            cx.apply(ag, loaded, Minter(BASE))
            t_apply[0] += time.perf_counter() - t0
        w2 = write_graphs(store, args.more, start=args.n, on_article=on_article)
        print(f"\n{args.more} more articles: {w2['articles_per_s']:.1f} articles/s written; checking each against "
              f"{len(loaded)} corrections took {t_apply[0] / args.more * 1000:.2f} ms per article")
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
