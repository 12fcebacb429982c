"""`newsgraph explain NAME`: the mentions behind a node, and why they were merged."""
from __future__ import annotations

from rdflib import Literal


def explain(store, name: str, minter) -> str:
    entities = store.query(
        "PREFIX schema: <http://schema.org/> PREFIX ng: <https://w3id.org/newsgraph/vocab#> "
        "SELECT DISTINCT ?e ?name ?key WHERE { ?e schema:name ?name . OPTIONAL { ?e ng:resolutionKey ?key } "
        "FILTER EXISTS { ?e schema:name|schema:alternateName ?n . FILTER(CONTAINS(LCASE(?n), LCASE(?q))) } } "
        "ORDER BY ?name", {"q": Literal(name)}).rows
    if not entities:
        return f"no entity named like {name!r} in the store"
    out = []
    for e, ename, key in entities:
        out.append(f"{ename}  <{e}>")
        out.append(f"  resolution key: {key or '-'}")
        out.append(f"  {_why(str(key or ''))}")
        forms = store.query(
            "PREFIX schema: <http://schema.org/> SELECT DISTINCT ?f WHERE { ?e schema:alternateName ?f } ORDER BY ?f",
            {"e": e}).rows
        out.append("  surface forms: " + ", ".join(str(f) for (f,) in forms))
        mentions = store.query(
            "PREFIX schema: <http://schema.org/> PREFIX oa: <http://www.w3.org/ns/oa#> "
            "PREFIX ng: <https://w3id.org/newsgraph/vocab#> "
            "SELECT ?exact ?start ?form ?article ?headline WHERE { ?ann oa:hasBody ?e ; oa:hasTarget ?t ; "
            "ng:mentionForm ?form . ?t oa:hasSource ?article ; oa:hasSelector ?q , ?p . ?q oa:exact ?exact . "
            "?p oa:start ?start . OPTIONAL { ?article schema:headline ?headline } } ORDER BY ?article ?start",
            {"e": e}).rows
        out.append(f"  {len(mentions)} mention(s):")
        for exact, start, form, article, headline in mentions:
            out.append(f"    {str(exact)!r:<28} {form}, offset {start}, in {headline or article}")
        out.append("")
    return "\n".join(out).rstrip()


def _why(key: str) -> str:
    kind, _, value = key.partition(":")
    if kind == "person":
        if "-" in value and len(value.rsplit("-", 1)[-1]) == 1:
            surname, initial = value.rsplit("-", 1)
            return (f"merged: mentions whose surname folds to {surname!r} (German/English transliteration rules, "
                    f"graph/transliteration.yaml) and whose given name starts with {initial!r}, plus surname-only "
                    f"mentions when this is the only such person")
        return f"merged: mentions whose surname folds to {value!r}; no given name known"
    if kind == "geonames":
        return f"merged: every name the gazetteer links to GeoNames ID {value}"
    if kind == "org":
        return f"merged: names normalised to {value!r} (organisation names and cross-language equivalents)"
    return "merged by name"
