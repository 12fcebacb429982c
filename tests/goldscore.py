"""The gold-annotation score, kept in the repository so a fresh clone runs the scoring tests.

It follows the public scoring contract (../shared/eval/README.md, where that folder exists):
only schema.org terms of the exported graph are read; names match case- and accent-insensitively,
a person also by surname; a gold meeting is found by an event at its place (when it names one)
with two of its attendees (one when it names one); a gold claim by a claim of a matching author
whose text holds one of its cue words; each gold item is matched at most once.
`test_entities.py::test_the_repository_scorer_agrees_with_the_shared_one` checks it against the
shared scorer whenever that one is there.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SCHEMA_BASES = ("https://schema.org/", "http://schema.org/")  # both spellings count
_GRAPH_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
                  ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD}
_APOSTROPHE_S = re.compile(r"[’'`´]s\b")
_PUNCTUATION = re.compile(r"[^\w\s]")


# ---------------------------------------------------------------- names
@functools.lru_cache(maxsize=None)
def norm(text: str) -> str:
    """Casefolded, accents and punctuation dropped, a possessive 's dropped, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().replace("ß", "ss")
    return " ".join(_PUNCTUATION.sub(" ", _APOSTROPHE_S.sub("", plain)).split())


def surname(text: str) -> str:
    words = norm(text).split()
    return words[-1] if words else ""


def entity_matches(names, variants) -> bool:
    """A predicted actor (its names) is the gold actor (its variants): same name, or same surname
    of three letters or more."""
    whole = {norm(v) for v in variants}
    last = {surname(v) for v in variants}
    return any(norm(n) in whole or (len(surname(n)) > 2 and surname(n) in last) for n in names)


def place_matches(names, variants) -> bool:
    whole = {norm(v) for v in variants}
    return any(norm(n) in whole for n in names)


def person_variants(gold: dict, short: str) -> list[str]:
    """The gold person a meeting or claim names by a short form, else the short form alone."""
    for variants in gold["persons"] + gold.get("optional_persons", []):
        if entity_matches([short], variants):
            return variants
    return [short]


def max_matching(candidates: list[list[int]]) -> dict[int, int]:
    """{gold item: prediction} of a maximum one-to-one matching (augmenting paths);
    candidates[i] lists the predictions gold item i accepts."""
    holder: dict[int, int] = {}  # prediction -> gold item

    def place(item: int, tried: set[int]) -> bool:
        for pred in candidates[item]:
            if pred not in tried:
                tried.add(pred)
                if pred not in holder or place(holder[pred], tried):
                    holder[pred] = item
                    return True
        return False

    for item in range(len(candidates)):
        place(item, set())
    return {item: pred for pred, item in holder.items()}


# ---------------------------------------------------------------- the graph
class Triples:
    """Every triple of an exported file, named graphs merged, looked up both ways (what the
    scoring reads of rdflib's Graph: objects of a subject, subjects of an object). Parsed by
    Oxigraph: rdflib's parsers took two thirds of each scoring test."""

    def __init__(self, triples):
        self._objects, self._subjects = defaultdict(list), defaultdict(list)
        for s, p, o in triples:
            self._objects[s, p].append(o)
            self._subjects[p, o].append(s)

    def objects(self, subject, predicate):
        return self._objects.get((subject, predicate), ())

    def subjects(self, predicate, obj):
        return self._subjects.get((predicate, obj), ())


def read_graph(path: Path) -> Triples:
    fmt = _GRAPH_FORMATS.get(Path(path).suffix.lower(), ox.RdfFormat.TURTLE)
    return Triples({(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=fmt)})


def _text(term) -> str:
    return term.value if hasattr(term, "value") else str(term)


def _objects(g: Triples, node, local: str):
    for base in SCHEMA_BASES:
        yield from g.objects(node, ox.NamedNode(base + local))


def _instances(g: Triples, cls: str) -> set:
    return {s for base in SCHEMA_BASES for s in g.subjects(RDF_TYPE, ox.NamedNode(base + cls))}


def _names(g: Triples, node) -> set[str]:
    return {_text(o) for local in ("name", "alternateName") for o in _objects(g, node, local)}


# ---------------------------------------------------------------- scores
def _entity_score(predicted: list[set[str]], gold: list, optional: list, match) -> dict:
    found = [gv for gv in gold if any(match(names, gv) for names in predicted)]
    wrong = [names for names in predicted if not names or not any(match(names, gv) for gv in gold + optional)]
    return {"gold": len(gold), "found": len(found), "pred": len(predicted), "correct": len(predicted) - len(wrong),
            "missed": [gv[0] for gv in gold if gv not in found],
            "wrong": sorted({sorted(names)[0] if names else "<no name>" for names in wrong})}


def meeting_ok(gold: dict, event: dict, item: dict, strict: bool = True) -> bool:
    """event: {"locs": names, "who": [names per attendee]}; item: a gold meeting."""
    if not item.get("where") and not item.get("who"):
        return False  # names neither place nor person: vouches for nothing
    if item.get("where") and not place_matches(event["locs"], item["where"]):
        return False
    needed = min(2 if strict else 1, len(item["who"]))
    present = sum(1 for short in item["who"]
                  if any(entity_matches(names, person_variants(gold, short)) for names in event["who"]))
    return present >= needed


def claim_ok(gold: dict, claim: dict, item: dict) -> bool:
    """claim: {"by": author names, "text": normalised text}; item: a gold claim."""
    author = entity_matches(claim["by"], item["by"]) or any(
        entity_matches(claim["by"], person_variants(gold, b)) for b in item["by"])
    return author and any(norm(cue) in claim["text"] for cue in item["cue"])


def score_graph(gold: dict, g: Triples) -> dict:
    """Per category: gold, found (recall side), pred, correct (precision side), and what was missed."""
    out = {
        "persons": _entity_score([_names(g, n) for n in _instances(g, "Person")], gold["persons"],
                                 gold.get("optional_persons", []), entity_matches),
        "places": _entity_score([_names(g, n) for n in _instances(g, "Place")], gold["places"],
                                gold.get("optional_places", []), place_matches),
        "orgs": _entity_score([_names(g, n) for n in _instances(g, "Organization")], gold.get("orgs", []),
                              gold.get("optional_orgs", []), entity_matches),
    }
    events = []
    for e in _instances(g, "Event"):
        locs: set[str] = set()
        for place in _objects(g, e, "location"):
            locs |= _names(g, place) or {_text(place)}
        dates = {_text(d)[:10] for local in ("startDate", "endDate") for d in _objects(g, e, local)}
        events.append({"locs": locs, "who": [_names(g, a) for a in _objects(g, e, "attendee")], "dates": dates})
    meetings = gold.get("meetings", [])
    owner = max_matching([[i for i, ev in enumerate(events) if meeting_ok(gold, ev, m)] for m in meetings])
    dated = [i for i in owner if meetings[i].get("date")]
    out["meetings"] = {
        "gold": len(meetings), "found": len(owner), "pred": len(events),
        "correct": sum(1 for ev in events if any(meeting_ok(gold, ev, m, strict=False)
                                                 for m in meetings + gold.get("optional_meetings", []))),
        "dated": len(dated),
        "date_ok": sum(1 for i in dated if any(d.startswith(meetings[i]["date"]) for d in events[owner[i]]["dates"])),
        "missed": ["%s/%s" % ((m.get("where") or ["-"])[0], ",".join(m["who"]))
                   for i, m in enumerate(meetings) if i not in owner]}
    claims = []
    for c in _instances(g, "Claim"):
        by = set().union(*(_names(g, a) for a in _objects(g, c, "author")))
        claims.append({"by": by, "text": norm(" ".join(_text(t) for t in _objects(g, c, "text")))})
    items = gold.get("claims", [])
    cowner = max_matching([[i for i, cl in enumerate(claims) if claim_ok(gold, cl, item)] for item in items])
    out["claims"] = {
        "gold": len(items), "found": len(cowner), "pred": len(claims),
        "correct": sum(1 for cl in claims if any(claim_ok(gold, cl, item)
                                                 for item in items + gold.get("optional_claims", []))),
        "missed": ["%s:%s" % (item["by"][0], item["cue"][0]) for i, item in enumerate(items) if i not in cowner]}
    return out
