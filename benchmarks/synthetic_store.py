"""Synthetic news stores of a chosen size, for the render benchmark and the scale tests (a
test-data generator: kept out of the installed package).

The articles are made of the same extraction records the extractors produce and turned into
RDF by the real graph builder, then bulk-loaded (one N-Quads load, plus the shared entities
graph with one name per entity), so the network's queries run on exactly the shapes ingest
writes - only faster to build than writing article by article.

Actors have a home "region" (a cluster) and a heavy-tailed popularity; meetings mostly bring
together actors of one region, so the network has the structure of real news: hubs,
communities and a long tail.
"""
from __future__ import annotations

import random

from rdflib import Literal, URIRef

from newsgraph.extractors.records import (COUNTRY, ORGANIZATION, PERSON, PLACE, Claim, Entity, Evidence,
                                          Extraction, Meeting, Mention)
from newsgraph.graph.build import build_article_graph
from newsgraph.graph.iris import Minter
from newsgraph.graph.namespaces import NG, RDF, SDO
from newsgraph.graph.terms import nt
from newsgraph.readers.article import Article

BASE = "https://bench.example.org/id/"
GIVEN = ["Anna", "Boris", "Clara", "Dmytro", "Elena", "Farid", "Greta", "Hassan", "Irina", "Jonas", "Katja", "Lukas",
         "Marta", "Nikolai", "Olga", "Pavel", "Rosa", "Stefan", "Tamara", "Viktor", "Wanda", "Yuri", "Zofia"]
SYLLABLES = ["ka", "lo", "mi", "ren", "tov", "sa", "vi", "de", "nor", "bel", "gar", "shi", "ul", "po", "zen", "tra",
             "mak", "ro", "len", "da"]
MEETING_KINDS = ["talks", "meeting", "visit", "summit", "phone_call", "negotiation"]
CLAIM_TYPES = ["accusation", "warning", "criticism", "demand", "statement", "announcement", "denial", "hope"]
ORG_WORDS = ["Council", "Union", "Alliance", "Agency", "Ministry", "Fund", "Front", "Bank", "Court", "Party"]


def _surname(i: int) -> str:
    parts = []
    i += 20  # at least two syllables
    while i:
        i, r = divmod(i, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    return "".join(parts).capitalize()


def _place_name(i: int) -> str:
    return _surname(i * 7 + 3).replace("ka", "ko", 1) + ("grad" if i % 3 == 0 else "ville" if i % 3 == 1 else "burg")


def plan(nodes: int) -> dict:
    """How many of each kind for about `nodes` nodes in the full network."""
    n = max(20, nodes)
    return {"person": int(n * 0.40), "organization": max(3, int(n * 0.07)), "country": max(3, min(190, int(n * 0.02))),
            "place": max(3, int(n * 0.11)), "meeting": int(n * 0.40)}


def articles(nodes: int, seed: int = 1):
    """(Article, Extraction) pairs giving a network of about `nodes` nodes."""
    rng = random.Random(seed)
    p = plan(nodes)
    regions = max(3, int(nodes ** 0.5 / 2))
    pool = {k: list(range(p[k])) for k in ("person", "organization", "country", "place")}
    region_of = {k: {i: rng.randrange(regions) for i in pool[k]} for k in pool}
    by_region = {k: [[i for i in pool[k] if region_of[k][i] == r] or pool[k] for r in range(regions)] for k in pool}
    weight = {k: {i: 1.0 / (1 + rng.random() * (i % 97 + 1)) ** 1.1 for i in pool[k]} for k in pool}
    unused = {k: list(pool[k]) for k in pool}
    for k in unused:
        rng.shuffle(unused[k])

    def pick(kind, region, n=1, exclude=()):
        out = []
        while len(out) < n:
            if unused[kind]:
                i = unused[kind].pop()
            else:
                cands = by_region[kind][region] if rng.random() < 0.95 else pool[kind]
                i = rng.choices(cands, weights=[weight[kind][c] for c in cands])[0]
            if i not in out and i not in exclude:
                out.append(i)
        return out

    for a in range(p["meeting"]):
        region = rng.randrange(regions)
        who = pick("person", region, rng.choice([2, 2, 3, 3, 4]))
        place = pick("place", region)[0]
        country = pick("country", region)[0]
        org = pick("organization", region)[0]
        year = 2024 + a % 3
        date = f"{year}-{1 + a % 12:02d}-{1 + (a // 12) % 28:02d}"
        names = {f"p{i}": f"{GIVEN[i % len(GIVEN)]} {_surname(i)}" for i in who}
        place_name, country_name, org_name = _place_name(place), f"Land {_surname(country + 900)}", \
            f"{ORG_WORDS[org % len(ORG_WORDS)]} {_surname(org + 400)}"
        first = " und ".join(names.values())
        s1 = f"{first} trafen sich in {place_name}."
        speaker, target = who[0], who[-1]
        ctype = rng.choice(CLAIM_TYPES)
        quote = f"{ctype} wegen {org_name}"
        s2 = f"{names[f'p{speaker}']} sagte zu {country_name}: {quote}."
        text = f"{s1} {s2}"
        ents = []
        for i in who:
            nm = names[f"p{i}"]
            at = text.index(nm)
            ents.append(Entity(key=f"p{i}", kind=PERSON, name=nm, given_name=nm.split()[0], family_name=nm.split()[1],
                               mentions=[Mention(at, at + len(nm), nm)],
                               job_titles=[rng.choice(["Minister", "Gesandter", "Präsident", "Sprecherin"])]
                               if i % 4 == 0 else [],
                               affiliation=f"o{org}" if i % 5 == 0 else None))
        for key, kind, nm, extra in ((f"l{place}", PLACE, place_name, {"geonames_id": 9_000_000 + place,
                                                                        "subtypes": ["City"]}),
                                     (f"c{country}", COUNTRY, country_name, {"geonames_id": 8_000_000 + country}),
                                     (f"o{org}", ORGANIZATION, org_name, {})):
            at = text.index(nm)
            ents.append(Entity(key=key, kind=kind, name=nm, mentions=[Mention(at, at + len(nm), nm)], **extra))
        meeting = Meeting(key="m1", kind=rng.choice(MEETING_KINDS), status="held", attendees=[f"p{i}" for i in who],
                          location=f"l{place}", date=date, evidence=[Evidence(0, len(s1), s1)])
        targets = [f"p{target}"] if target != speaker and rng.random() < 0.6 else [f"c{country}"]
        claim = Claim(key="k1", author=f"p{speaker}", text=quote, claim_type=ctype, direct=True, targets=targets,
                      about=[f"o{org}"], evidence=[Evidence(len(s1) + 1, len(text), s2)])
        art = Article(text=text, path=f"synthetic/{a}.txt", key_path=f"synthetic/{a}.txt",
                      title=f"{first} in {place_name}", date=date, lang="de")
        yield art, Extraction(entities=ents, meetings=[meeting], claims=[claim])


def build_store(nodes: int, location: str = "memory:", seed: int = 1):
    """A store whose full network has about `nodes` nodes (see `plan`)."""
    from newsgraph.graph.store import open_store

    minter = Minter(BASE)
    store = open_store(location)
    quads = []
    names: dict[URIRef, str] = {}
    kinds: dict[URIRef, str] = {}
    from newsgraph.graph.writer import KIND_TYPES, name_rank
    for art, ex in articles(nodes, seed):
        ag = build_article_graph(art, ex, minter)
        g = nt(ag.iri)
        quads.extend(f"{nt(s)} {nt(p)} {nt(o)} {g} .\n" for s, p, o in ag.triples)
        for e, cand in ag.names.items():
            if e not in names or name_rank(cand) < name_rank(names[e]):
                names[e] = cand
            kinds[e] = ag.kinds[e]
    eg = nt(minter.entities_graph)
    for e, name in names.items():
        quads.append(f"{nt(e)} {nt(SDO.name)} {nt(Literal(name))} {eg} .\n")
        for cls in KIND_TYPES[kinds[e]]:
            quads.append(f"{nt(e)} {nt(RDF.type)} {nt(cls)} {eg} .\n")
        quads.append(f"{nt(e)} {nt(NG.resolutionKey)} {nt(Literal(str(e)))} {eg} .\n")
    store.load("".join(quads).encode("utf-8"), "nquads")
    if store.default_graph_view:  # as ingest keeps it: each published fact once (docs/data-model.md)
        from newsgraph.graph import view
        graphs = sorted({q.rsplit(" ", 2)[-2][1:-1] for q in quads})
        for i in range(0, len(graphs), 500):
            store.update(view.publish_graphs(graphs[i:i + 500]))
    return store
