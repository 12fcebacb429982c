"""`newsgraph stats`: what is in the store, per class, per article and per language."""
from __future__ import annotations

CLASSES = ["schema:NewsArticle", "schema:Person", "schema:Organization", "schema:Country", "schema:Place",
           "schema:Event", "schema:Claim", "oa:Annotation"]


def compute_stats(store) -> dict:
    per_class = {}
    for cls in CLASSES:
        rows = store.select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a {cls} }}")
        per_class[cls] = int(rows[0]["n"]) if rows else 0
    per_lang = {str(r["lang"]): int(r["n"]) for r in store.select(
        "SELECT ?lang (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle ; schema:inLanguage ?lang } "
        "GROUP BY ?lang ORDER BY ?lang")}
    per_article = []
    for r in store.select(
            "SELECT ?a ?title ?date (COUNT(*) AS ?triples) WHERE { GRAPH ?a { ?a a schema:NewsArticle . ?s ?p ?o } "
            "OPTIONAL { GRAPH ?a { ?a schema:headline ?title } } OPTIONAL { GRAPH ?a { ?a schema:datePublished ?date } } } "
            "GROUP BY ?a ?title ?date ORDER BY ?date ?a"):
        counts = {}
        for key, cls in (("entities", "?e a ?c . FILTER(?c IN (schema:Person, schema:Organization, schema:Place))"),
                         ("meetings", "?e a schema:Event"), ("claims", "?e a schema:Claim")):
            rr = store.query(f"PREFIX schema: <http://schema.org/> SELECT (COUNT(DISTINCT ?e) AS ?n) "
                             f"WHERE {{ GRAPH ?a {{ {cls} }} }}", {"a": r["a"]}).rows
            counts[key] = int(rr[0][0]) if rr else 0
        per_article.append({"article": str(r["a"]), "headline": str(r["title"] or ""),
                            "date": str(r["date"] or ""), "triples": int(r["triples"]), **counts})
    # every stored quad: the named graphs and the default graph (each published fact once, docs/data-model.md)
    named = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    default = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") if store.default_graph_view else []
    total = int(named[0]["n"]) if named else 0
    total += int(default[0]["n"]) if default else 0
    return {"quads": total, "per_class": per_class, "per_language": per_lang,
            "per_article": per_article}


def format_stats(stats: dict) -> str:
    lines = [f"quads: {stats['quads']}", "", "per class:"]
    lines += [f"  {cls:<22} {n:>8}" for cls, n in stats["per_class"].items()]
    lines += ["", "per language:"] + [f"  {lang:<22} {n:>8}" for lang, n in stats["per_language"].items()]
    lines += ["", "per article:  triples entities meetings claims  date        headline"]
    for a in stats["per_article"]:
        lines.append(f"  {a['triples']:>19} {a['entities']:>8} {a['meetings']:>8} {a['claims']:>6}  "
                     f"{a['date'][:10]:<10}  {a['headline'][:60] or a['article']}")
    return "\n".join(lines)
