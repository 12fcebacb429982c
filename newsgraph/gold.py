"""Corrected articles as gold annotations in the format of eval/score.py (eval/GUIDELINES.md).

Why: every fact a user corrected is a case the extractor got wrong. Written as gold, the
article's facts as corrected (a rejected meeting absent, a fixed date present) become a
regression test: score the extractor on the article against it, and the mistake shows as a
false positive or a miss until the extractor learns better.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from newsgraph.graph.namespaces import NG, SDO
from newsgraph.graph.resolve import slug
from newsgraph.graph.terms import nt

STOP = frozenset("that this with from have will would they their there which about said says sagte "
                 "dass nicht einen einer eine sich wird werden haben auch noch nach über".split())
CLASSES = {SDO.Person: "persons", SDO.Organization: "orgs", SDO.Country: "places", SDO.Place: "places"}  # first wins


def corrected_articles(store) -> list:
    return [r[0] for r in store.query(
        f"SELECT DISTINCT ?a WHERE {{ GRAPH ?a {{ ?a {nt(NG.correctedBy)} ?c }} }} ORDER BY ?a").rows]


def article_gold(store, minter, article) -> tuple[str, dict]:
    """(file stem, gold dict) of one stored article, as corrected."""
    a = nt(article)
    eg = nt(minter.entities_graph)
    head = {str(p).rsplit("/", 1)[-1]: str(o) for p, o in store.query(
        f"SELECT ?p ?o WHERE {{ GRAPH {a} {{ {a} ?p ?o }} }}").rows}
    lang = head.get("inLanguage", "en")
    date = head.get("datePublished", "")[:10]
    stem = f"{lang}-{date or 'undated'}-{slug(head.get('headline', str(article).rsplit('/', 1)[-1]))[:60]}"
    names: dict = {}
    for e, n in store.query(f"SELECT ?e ?n WHERE {{ GRAPH {a} {{ ?e {nt(SDO.alternateName)} ?n }} }}").rows:
        names.setdefault(e, []).append(str(n))
    for e, n in store.query(f"SELECT ?e ?n WHERE {{ GRAPH {a} {{ ?e a ?t }} GRAPH {eg} {{ ?e {nt(SDO.name)} ?n }} }}").rows:
        names.setdefault(e, []).insert(0, str(n))
    gold: dict = {"lang": lang, "date": date, "persons": [], "places": [], "orgs": [], "meetings": [], "claims": [],
                  "source": str(article)}
    types: dict = {}
    for e, t in store.query(f"SELECT ?e ?t WHERE {{ GRAPH {a} {{ ?e a ?t }} }}").rows:
        types.setdefault(e, set()).add(t)
    kinds = {e: next((CLASSES[c] for c in CLASSES if c in ts), None) for e, ts in types.items()}
    for e, key in sorted(kinds.items(), key=lambda kv: str(kv[0])):
        if key and e in names:
            forms = list(dict.fromkeys(names[e]))
            if key == "persons":
                forms.insert(1, forms[0].split()[-1])
                forms = list(dict.fromkeys(forms))
            gold[key].append(forms)

    def surnames(e):
        return list(dict.fromkeys(n.split()[-1] for n in names.get(e, []))) or [str(e).rsplit("/", 1)[-1]]

    meetings: dict = {}
    for m, p, o in store.query(
            f"SELECT ?m ?p ?o WHERE {{ GRAPH {a} {{ ?m a {nt(NG.Meeting)} ; ?p ?o }} }}").rows:
        meetings.setdefault(m, []).append((p, o))
    for m, facts in sorted(meetings.items(), key=lambda kv: str(kv[0])):
        who = [surnames(o)[0] for p, o in facts if p == SDO.attendee]
        where = [names[o][0] for p, o in facts if p == SDO.location and o in names]
        item = {"where": where, "who": sorted(who)}
        date_ = [str(o) for p, o in facts if p == SDO.startDate]
        if date_:
            item["date"] = date_[0]
        status = [str(o).rsplit("#", 1)[-1].lower() for p, o in facts if p == NG.status]
        if status and status[0] != "held":
            item["status"] = status[0]
        gold["meetings"].append(item)
    claims: dict = {}
    for c, p, o in store.query(f"SELECT ?c ?p ?o WHERE {{ GRAPH {a} {{ ?c a {nt(SDO.Claim)} ; ?p ?o }} }}").rows:
        claims.setdefault(c, {}).setdefault(p, []).append(o)
    for c, facts in sorted(claims.items(), key=lambda kv: str(kv[0])):
        if SDO.author not in facts:
            continue  # an unattributed claim (its speaker rejected) is no gold claim
        text = str(facts.get(SDO.text, [""])[0])
        words = sorted({w for w in re.findall(r"\w{5,}", text) if w.lower() not in STOP}, key=lambda w: (-len(w), w))
        gold["claims"].append({"by": surnames(facts[SDO.author][0]), "cue": words[:3]})
    return stem, gold


def write_gold(store, minter, directory: str) -> list[str]:
    """One `<dir>/gold/<stem>.json` per corrected article; returns the paths."""
    out = Path(directory) / "gold"
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in corrected_articles(store):
        stem, gold = article_gold(store, minter, article)
        path = out / f"{stem}.json"
        path.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths
