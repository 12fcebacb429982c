"""User corrections of extracted facts: records with provenance, and the engine that applies them.

Why: extraction makes mistakes a reader sees at once (a "premature" summit stored as held, a
country as a meeting attendee, a city plus a surname as a person). A correction is data: one
node in the graph `<BASE>graph/corrections` saying what was done (`ng:action`), to what
(`ng:correctionTarget`), the new value, what it replaces (`ng:replacedValue`), who
(`prov:wasAssociatedWith`), when (`prov:startedAtTime`) and why (`ng:reason`), and an anchor
(the meeting's attendees, date and place; the claim's speaker and text hash) that finds the
fact again when re-extraction mints it a new IRI.

Corrections are applied where an article's graph is built (ingest, and the rewrite of stored
articles a new correction or an undo triggers), so the article graph, its month buckets, the
counts, pairs and the default graph all follow from the corrected facts, and the named queries
run unchanged. What the extractor said is kept beside them: an article a correction changed
holds its extraction (`ng:extraction`, bookkeeping that is never published) and which
corrections changed it (`ng:correctedBy`). `undo` rewrites from that extraction.

Each verb is one row of ACTIONS and one small function of `_APPLY`.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from newsgraph.extractors.records import COUNTRY, ORGANIZATION, PERSON, PLACE, Entity

from .build import STATUS, ArticleGraph, date_literal
from .buckets import file_items
from .iris import Minter
from .namespaces import NG, OA, PROV, RDF, RDFS, SDO, XSD
from .resolve import Resolution, ascii_fold, fold, given_key, given_names_of, resolve, slug, surname_of
from .terms import nt, nt_triples

MEETING, CLAIM, ENTITY = "meeting", "claim", "entity"


@dataclass(frozen=True)
class Action:
    """One kind of correction: what it targets, what value it takes, what it does."""

    target: tuple[str, ...]  # the kinds of target it accepts
    value: str | None  # None, "entity", "place", "date", "status", "type", "name"
    help: str
    value_optional: bool = False


ACTIONS: dict[str, Action] = {
    "reject": Action((MEETING, CLAIM, ENTITY), None,
                     "the meeting, claim or entity is wrong: it leaves every query, page, network and export"),
    "reject-attendee": Action((MEETING,), "entity", "this entity did not attend this meeting"),
    "reject-speaker": Action((CLAIM,), None, "the claim's speaker is wrong and the right one unknown: every stored "
                             "claim has its speaker, so it leaves the graph (set-speaker names the right one)"),
    "reject-place": Action((MEETING,), None, "the meeting was not held at the place given"),
    "reject-type": Action((ENTITY,), "type", "the entity is not of this class (e.g. Person)"),
    "set-place": Action((MEETING,), "place", "the meeting was held at this place (an entity IRI)"),
    "set-date": Action((MEETING,), "date", "the meeting's date: YYYY-MM-DD, YYYY-MM or YYYY"),
    "set-status": Action((MEETING,), "status", f"the meeting's status: {', '.join(STATUS)}"),
    "set-speaker": Action((CLAIM,), "entity", "the claim was made by this entity"),
    "add-attendee": Action((MEETING,), "entity", "this entity attended the meeting too (or a person not in the "
                           "graph yet: --new-person NAME)", value_optional=True),
    "merge": Action((ENTITY,), "entity", "the entity is the same as this one (it disappears into it)"),
    "split": Action((ENTITY,), "name", "the mentions written with this name are another entity"),
}
TYPES = {"person": SDO.Person, "organization": SDO.Organization, "country": SDO.Country, "place": SDO.Place}
KIND_OF_TYPE = ((SDO.Person, PERSON), (SDO.Country, COUNTRY), (SDO.Organization, ORGANIZATION), (SDO.Place, PLACE))

# What an article graph holds besides its facts: re-derived after corrections, never corrected.
FILED = frozenset([NG.inBucket, NG.sortDate])
PAIRS = frozenset([NG.sharedMeeting, NG.pairMember])
MARKS = frozenset([NG.extraction, NG.correctedBy])


class CorrectionError(ValueError):
    """A correction that cannot be made: an unknown target, a value of the wrong kind."""


@dataclass(frozen=True)
class Correction:
    iri: URIRef
    action: str
    target: URIRef
    value: URIRef | Literal | None
    reason: str
    agent: str
    time: str  # ISO 8601, UTC
    kind: str  # meeting, claim, entity
    anchor: dict = field(default_factory=dict)  # attendees, date, place / speaker, text_hash / name; articles;
    # new_person: the name of the person an add-attendee made (its IRI is the value)
    replaced: tuple = ()  # the values it replaces, as terms
    undone: str | None = None  # when it was undone

    @property
    def active(self) -> bool:
        return self.undone is None

    def line(self) -> str:
        value = "" if self.value is None else f" {self.value}"
        return f"{self.action} {self.target}{value}"


def graph_iri(minter: Minter) -> URIRef:
    """The named graph of the correction records."""
    return URIRef(minter.base + "graph/corrections")


# ---------------------------------------------------------------- records as RDF

def to_triples(c: Correction, minter: Minter) -> list[tuple]:
    agent = URIRef(f"{minter.base}agent/{slug(c.agent)}")
    t = [(c.iri, RDF.type, NG.Correction), (c.iri, RDF.type, PROV.Activity),
         (c.iri, NG.action, Literal(c.action)), (c.iri, NG.correctionTarget, c.target),
         (c.iri, NG.targetKind, Literal(c.kind)),
         (c.iri, PROV.wasAssociatedWith, agent), (agent, RDF.type, PROV.Agent), (agent, RDFS.label, Literal(c.agent)),
         (c.iri, PROV.startedAtTime, Literal(c.time, datatype=XSD.dateTime))]
    if c.value is not None:
        t.append((c.iri, NG.correctionValue, c.value))
    if c.reason:
        t.append((c.iri, NG.reason, Literal(c.reason)))
    if c.action == "reject":
        t.append((c.iri, PROV.invalidated, c.target))
    for v in c.replaced:
        t.append((c.iri, NG.replacedValue, v))
    a = c.anchor
    for x in a.get("attendees", ()):
        t.append((c.iri, NG.anchorAttendee, URIRef(x)))
    if "date" in a:
        t.append((c.iri, NG.anchorDate, Literal(a["date"])))
    if a.get("place"):
        t.append((c.iri, NG.anchorPlace, URIRef(a["place"])))
    if a.get("speaker"):
        t.append((c.iri, NG.anchorSpeaker, URIRef(a["speaker"])))
    if a.get("text_hash"):
        t.append((c.iri, NG.anchorTextHash, Literal(a["text_hash"])))
    if a.get("name"):
        t.append((c.iri, NG.anchorName, Literal(a["name"])))
    for x in a.get("articles", ()):
        t.append((c.iri, NG.anchorArticle, URIRef(x)))
    if a.get("new_person"):
        t.append((c.iri, NG.newPersonName, Literal(a["new_person"])))
    if c.undone:
        t.append((c.iri, NG.undoneAt, Literal(c.undone, datatype=XSD.dateTime)))
    return t


def load(store, minter: Minter) -> list[Correction]:
    """Every correction in the store, oldest first (the order they are applied in)."""
    rows = store.query(f"SELECT ?c ?p ?o WHERE {{ GRAPH {nt(graph_iri(minter))} {{ ?c a {nt(NG.Correction)} ; ?p ?o }} }}").rows
    if not rows:
        return []
    by: dict[URIRef, dict] = {}
    for c, p, o in rows:
        by.setdefault(c, {}).setdefault(p, []).append(o)
    agents = {s: str(o) for s, o in store.query(
        f"SELECT ?a ?l WHERE {{ GRAPH {nt(graph_iri(minter))} {{ ?a a {nt(PROV.Agent)} ; {nt(RDFS.label)} ?l }} }}").rows}
    out = []
    for c, props in by.items():
        one = lambda p: props.get(p, [None])[0]  # noqa: E731
        anchor: dict = {}
        if NG.anchorAttendee in props:
            anchor["attendees"] = sorted(str(x) for x in props[NG.anchorAttendee])
        if one(NG.anchorDate) is not None:
            anchor["date"] = str(one(NG.anchorDate))
        if one(NG.anchorPlace) is not None:
            anchor["place"] = str(one(NG.anchorPlace))
        if one(NG.anchorSpeaker) is not None:
            anchor["speaker"] = str(one(NG.anchorSpeaker))
        if one(NG.anchorTextHash) is not None:
            anchor["text_hash"] = str(one(NG.anchorTextHash))
        if one(NG.anchorName) is not None:
            anchor["name"] = str(one(NG.anchorName))
        if NG.anchorArticle in props:
            anchor["articles"] = sorted(str(x) for x in props[NG.anchorArticle])
        if one(NG.newPersonName) is not None:
            anchor["new_person"] = str(one(NG.newPersonName))
        if anchor.get("attendees") is not None or "date" in anchor:
            anchor.setdefault("attendees", [])
        out.append(Correction(
            iri=c, action=str(one(NG.action)), target=one(NG.correctionTarget), value=one(NG.correctionValue),
            reason=str(one(NG.reason) or ""), agent=agents.get(one(PROV.wasAssociatedWith), ""),
            time=str(one(PROV.startedAtTime)), kind=str(one(NG.targetKind)), anchor=anchor,
            replaced=tuple(sorted(props.get(NG.replacedValue, []), key=str)),
            undone=str(one(NG.undoneAt)) if one(NG.undoneAt) is not None else None))
    return sorted(out, key=lambda c: (c.time, str(c.iri)))


def text_hash(text: str) -> str:
    """A claim's words, folded (case, accents, spacing), hashed: the same claim re-extracted."""
    return hashlib.sha256(" ".join(ascii_fold(text).split()).encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- the engine

class _State:
    """One article's facts while corrections are applied to them."""

    def __init__(self, ag: ArticleGraph):
        self.ag = ag
        self.triples = list(dict.fromkeys(t for t in ag.triples if t[1] not in FILED and t[1] not in PAIRS
                                          and t[1] not in MARKS))
        self.names = dict(ag.names)
        self.kinds = dict(ag.kinds)
        self.resolutions = dict(ag.resolutions)
        self.surname_keys = dict(ag.surname_keys)
        self.given_keys = dict(ag.given_keys)

    def objects(self, s, p):
        return [o for s2, p2, o in self.triples if s2 == s and p2 == p]

    def has_node(self, n) -> bool:
        return any(s == n or o == n for s, _, o in self.triples)

    def of_type(self, cls):
        return [s for s, p, o in self.triples if p == RDF.type and o == cls]

    def drop(self, pred) -> None:
        self.triples = [t for t in self.triples if not pred(t)]

    def drop_node(self, n) -> None:
        """`n` and what only describes it: its evidence and mention annotations, its mentions."""
        anns = {s for s, p, o in self.triples if p == OA.hasBody and o == n}
        anns |= {o for s, p, o in self.triples if s == n and p == NG.evidence}
        parts = {o for s, p, o in self.triples if s in anns and p == OA.hasTarget}
        parts |= {o for s, p, o in self.triples if s in parts and p == OA.hasSelector}
        gone = anns | parts | {n}
        gone |= {o for s, p, o in self.triples if s == n and p == SDO.geo}
        self.drop(lambda t: t[0] in gone or t[2] in gone)
        for d in (self.names, self.kinds, self.resolutions, self.surname_keys, self.given_keys):
            d.pop(n, None)

    def rename(self, old, new) -> None:
        self.triples = list(dict.fromkeys((new if s == old else s, p, new if o == old else o)
                                          for s, p, o in self.triples))
        for d in (self.names, self.kinds, self.resolutions, self.surname_keys, self.given_keys):
            if old in d:
                v = d.pop(old)
                if d is not self.names:
                    d.setdefault(new, v)

    def article_graph(self, base: str, minter: Minter) -> ArticleGraph:
        """The corrected article graph: pairs and month buckets derived again from its facts."""
        t = self.triples
        t = t + _pairs(t, minter)
        filed, buckets = file_items(base, self.ag.iri, t, self.kinds)
        return dataclasses.replace(self.ag, triples=t + filed, names=self.names, kinds=self.kinds,
                                   resolutions=self.resolutions, surname_keys=self.surname_keys,
                                   given_keys=self.given_keys, buckets=buckets)


def _pairs(triples, minter: Minter) -> list[tuple]:
    """The actor pairs each meeting connects (as graph/build.py writes them)."""
    attendees: dict = {}
    for s, p, o in triples:
        if p == SDO.attendee:
            attendees.setdefault(s, set()).add(str(o))
    out = []
    for ev, who in attendees.items():
        xs = sorted(who)
        for i, x in enumerate(xs):
            for y in xs[i + 1:]:
                pair = minter.pair(x, y)
                out += [(pair, NG.sharedMeeting, ev), (pair, NG.pairMember, URIRef(x)), (pair, NG.pairMember, URIRef(y))]
    return list(dict.fromkeys(out))


def meeting_anchor(st_objects, m) -> dict:
    """What identifies a meeting apart from its IRI: its attendees, date and place."""
    date = st_objects(m, SDO.startDate)
    place = st_objects(m, SDO.location)
    return {"attendees": sorted(str(x) for x in st_objects(m, SDO.attendee)),
            "date": str(date[0]) if date else "", "place": str(place[0]) if place else ""}


def claim_anchor(st_objects, c) -> dict:
    who = st_objects(c, SDO.author)
    text = st_objects(c, SDO.text)
    return {"speaker": str(who[0]) if who else "", "text_hash": text_hash(str(text[0])) if text else ""}


def _find(st: _State, c: Correction):
    """The node of this article the correction is about: its target IRI, else the fact its
    anchor describes (re-extraction gave it a new IRI), else None."""
    if c.kind == ENTITY:
        return c.target if st.has_node(c.target) else None
    cls = NG.Meeting if c.kind == MEETING else SDO.Claim
    nodes = st.of_type(cls)
    if c.target in nodes:
        return c.target
    a = c.anchor
    if str(st.ag.iri) not in a.get("articles", ()):
        return None  # an anchor finds the fact again in the articles that stated it, nowhere else
    if c.kind == CLAIM:
        hits = [n for n in nodes if a.get("text_hash") and claim_anchor(st.objects, n) == {
            "speaker": a.get("speaker", ""), "text_hash": a["text_hash"]}]
        return hits[0] if len(hits) == 1 else None
    best, score = None, 0.0
    want = set(a.get("attendees", ()))
    for n in nodes:
        got = meeting_anchor(st.objects, n)
        if got["date"] != a.get("date", "") or got["place"] != a.get("place", ""):
            continue
        have = set(got["attendees"])
        s = 1.0 if not want and not have else len(want & have) / max(len(want | have), 1)
        if s > score:
            best, score = n, s
    return best if score >= 0.5 else None


def _set(st: _State, n, p, value) -> None:
    st.drop(lambda t: t[0] == n and t[1] == p)
    st.triples.append((n, p, value))


def _reject(st, n, c, minter):
    if c.kind == ENTITY:  # a claim has its speaker: one whose speaker is rejected goes too
        for claim in [s for s, p, o in st.triples if p == SDO.author and o == n]:
            st.drop_node(claim)
    st.drop_node(n)


def _split(st, n, c, minter):
    name = str(c.value)
    forms = {ascii_fold(str(o)) for o in st.objects(n, SDO.alternateName)}
    if ascii_fold(name) not in forms:
        return False
    new = split_iri(n, name)
    kind = st.kinds.get(n)
    st.rename(n, new)
    st.names[new] = name
    if kind:
        st.kinds[new] = kind
    path = str(new)[len(minter.base):]
    st.resolutions[new] = Resolution(path, f"split:{path}", f"user correction {c.iri}: split from {n} ({c.reason})")
    return True


def new_person(name: str, known_given_names=None) -> tuple[Entity, Resolution]:
    """The person a correction names who is in no article's extraction: the record the extractor
    would make of the name, and where graph/resolve.py puts it (the IRI every article naming
    them resolves to, so a later extraction of them joins the same node)."""
    parts = name.split()
    ent = Entity(key="correction", kind=PERSON, name=name, given_name=parts[0] if len(parts) > 1 else None,
                 family_name=parts[-1])
    return ent, resolve(ent, None, known_given_names)


def _add_attendee(st, n, c, minter):
    st.triples.append((n, SDO.attendee, c.value))
    name = c.anchor.get("new_person")
    if not name or (c.value, RDF.type, SDO.Person) in st.triples:
        return  # an entity the article describes itself
    # a person no extraction holds: described in each article the meeting is in, as the
    # extractor would (classes, names, derived from and mentioned by the article: the user read
    # them there), generated by the correction
    ent, res = new_person(name)
    e = c.value
    st.triples += [(e, RDF.type, SDO.Person), (e, SDO.alternateName, Literal(name)),
                   (e, PROV.wasDerivedFrom, st.ag.iri), (e, PROV.wasGeneratedBy, c.iri),
                   (st.ag.iri, SDO.mentions, e)]
    if ent.given_name:
        st.triples.append((e, SDO.givenName, Literal(ent.given_name)))
    st.triples.append((e, SDO.familyName, Literal(ent.family_name)))
    st.names[e] = name
    st.kinds[e] = PERSON
    st.resolutions[e] = Resolution(str(e)[len(minter.base):], f"person:{str(e).rsplit('/', 1)[-1]}",
                                   f"user correction {c.iri}: a new person, added to {n} ({res.reason})")
    st.surname_keys[e] = fold(surname_of(ent))
    if given_names_of(ent):
        st.given_keys[e] = given_key(given_names_of(ent))


def split_iri(entity: URIRef, name: str) -> URIRef:
    """The entity the mentions written `name` become when a correction splits them off."""
    return URIRef(f"{entity}--{slug(name)}")


_APPLY = {
    "reject": _reject,
    "reject-attendee": lambda st, n, c, m: st.drop(lambda t: t[0] == n and t[1] == SDO.attendee and t[2] == c.value),
    "reject-speaker": lambda st, n, c, m: st.drop_node(n),  # as graph/build.py: no claim without its speaker
    "reject-place": lambda st, n, c, m: st.drop(lambda t: t[0] == n and t[1] == SDO.location),
    "reject-type": lambda st, n, c, m: st.drop(lambda t: t[0] == n and t[1] == RDF.type and t[2] == c.value),
    "set-place": lambda st, n, c, m: _set(st, n, SDO.location, c.value),
    "set-date": lambda st, n, c, m: (st.drop(lambda t: t[0] == n and t[1] in (SDO.endDate, NG.datePrecision)),
                                     _set(st, n, SDO.startDate, date_literal(str(c.value)))),
    "set-status": lambda st, n, c, m: _set(st, n, NG.status, c.value),
    "set-speaker": lambda st, n, c, m: _set(st, n, SDO.author, c.value),
    "add-attendee": _add_attendee,
    "merge": lambda st, n, c, m: st.rename(n, c.value),
    "split": _split,
}
assert set(_APPLY) == set(ACTIONS)


def apply(ag: ArticleGraph, corrections: list[Correction], minter: Minter) -> tuple[ArticleGraph, list[URIRef]]:
    """The article graph with every active correction that finds its target in it applied, in
    the order they were made, and the corrections applied. An article no correction touches is
    returned as it is. A corrected one also holds its extraction and the corrections' IRIs."""
    active = _relevant([c for c in corrections if c.active], ag.triples, ag.iri)
    if not active:
        return ag, []
    st = _State(ag)
    applied = []
    for c in active:
        n = _find(st, c)
        if n is None:
            continue
        if _APPLY[c.action](st, n, c, minter) is False:
            continue
        applied.append(c.iri)
    if not applied:
        return ag, []
    out = st.article_graph(minter.base, minter)
    marks = [(ag.iri, NG.correctedBy, c) for c in applied] + [(ag.iri, NG.extraction, Literal(dump(ag)))]
    return dataclasses.replace(out, triples=out.triples + marks), applied


def _relevant(corrections: list[Correction], triples, article=None) -> list[Correction]:
    """The corrections that may find their target in these triples: by IRI, or by an anchor
    (a meeting of the same date and place, a claim of the same speaker and words). A thousand
    corrections cost an article a few set lookups."""
    if not corrections:
        return []
    nodes, meetings, dates, places, authors, texts = set(), [], {}, {}, {}, {}
    for s, p, o in triples:
        nodes.add(s)
        if isinstance(o, URIRef):
            nodes.add(o)
        if p == SDO.startDate:
            dates[s] = str(o)
        elif p == SDO.location:
            places[s] = str(o)
        elif p == SDO.author:
            authors[s] = str(o)
        elif p == SDO.text:
            texts[s] = str(o)
        elif p == RDF.type and o == NG.Meeting:
            meetings.append(s)
    meeting_keys = {(dates.get(m, ""), places.get(m, "")) for m in meetings}
    claim_keys = None
    out = []
    article = str(article)
    for c in corrections:
        if c.target in nodes:
            out.append(c)
        elif article not in c.anchor.get("articles", ()):
            continue  # anchors apply in the articles that stated the target only
        elif c.kind == MEETING and (c.anchor.get("date", ""), c.anchor.get("place", "")) in meeting_keys and (
                not c.anchor.get("attendees") or any(URIRef(x) in nodes for x in c.anchor["attendees"])):
            out.append(c)  # (_find asks more: the attendees must overlap by half)
        elif c.kind == CLAIM and c.anchor.get("speaker") in authors.values():
            if claim_keys is None:
                claim_keys = {(a, text_hash(texts[k])) for k, a in authors.items() if k in texts}
            if (c.anchor["speaker"], c.anchor.get("text_hash", "")) in claim_keys:
                out.append(c)
    return out


# ---------------------------------------------------------------- the extraction kept beside

def dump(ag: ArticleGraph) -> str:
    """An article graph as extracted (facts only), as JSON text: what undo rewrites from."""
    facts = [t for t in ag.triples if t[1] not in FILED and t[1] not in PAIRS and t[1] not in MARKS]
    return json.dumps({
        "nt": nt_triples(facts),
        "names": {str(k): v for k, v in ag.names.items()},
        "kinds": {str(k): v for k, v in ag.kinds.items()},
        "resolutions": {str(k): [r.path, r.key, r.reason] for k, r in ag.resolutions.items()},
        "surname_keys": {str(k): v for k, v in ag.surname_keys.items()},
        "given_keys": {str(k): v for k, v in ag.given_keys.items()}}, ensure_ascii=False, sort_keys=True)


def undump(iri: URIRef, text: str, minter: Minter) -> ArticleGraph:
    data = json.loads(text)
    g = Graph().parse(data=data["nt"], format="nt") if data["nt"] else []
    triples = list(g) if data["nt"] else []
    ag = ArticleGraph(iri=iri, triples=triples,
                      names={URIRef(k): v for k, v in data["names"].items()},
                      kinds={URIRef(k): v for k, v in data["kinds"].items()},
                      resolutions={URIRef(k): Resolution(*v) for k, v in data["resolutions"].items()},
                      surname_keys={URIRef(k): v for k, v in data["surname_keys"].items()},
                      given_keys={URIRef(k): v for k, v in data["given_keys"].items()})
    return _State(ag).article_graph(minter.base, minter)


def stored_extraction(store, minter: Minter, article: URIRef) -> ArticleGraph:
    """What the extractor said of a stored article: the extraction a correction kept, else the
    stored graph itself (no correction changed it yet), with its entities' names and keys."""
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {nt(article)} {{ ?s ?p ?o }} }}").rows
    for s, p, o in rows:
        if p == NG.extraction and s == article:
            return undump(article, str(o), minter)
    triples = [(s, p, o) for s, p, o in rows if p not in FILED and p not in PAIRS and p not in MARKS]
    kinds = {}
    for cls, kind in KIND_OF_TYPE:
        for s, p, o in triples:
            if p == RDF.type and o == cls and s not in kinds:
                kinds[s] = kind
    ag = ArticleGraph(iri=article, triples=triples, kinds=kinds)
    if kinds:
        values = " ".join(nt(e) for e in kinds)
        for e, p, o in store.query(
                f"SELECT ?e ?p ?o WHERE {{ VALUES ?e {{ {values} }} GRAPH {nt(minter.entities_graph)} {{ ?e ?p ?o }} "
                f"FILTER(?p IN ({nt(SDO.name)}, {nt(NG.resolutionKey)}, {nt(NG.surnameKey)}, {nt(NG.givenKey)})) }}").rows:
            if p == SDO.name:
                ag.names[e] = str(o)
            elif p == NG.resolutionKey:
                ag.resolutions[e] = Resolution(str(e)[len(minter.base):], str(o), "stored")
            elif p == NG.surnameKey:
                ag.surname_keys[e] = str(o)
            else:
                ag.given_keys[e] = str(o)
    return _State(ag).article_graph(minter.base, minter)


# ---------------------------------------------------------------- making one

def target_kind(store, minter: Minter, iri: URIRef) -> str | None:
    """meeting, claim or entity: what the store says `iri` is (in any graph), else None."""
    types = {r[0] for r in store.query(f"SELECT DISTINCT ?t WHERE {{ GRAPH ?g {{ {nt(iri)} a ?t }} }}").rows}
    if NG.Meeting in types:
        return MEETING
    if SDO.Claim in types:
        return CLAIM
    if store.ask(f"ASK {{ GRAPH ?g {{ {nt(iri)} {nt(NG.resolutionKey)} ?k }} }}") or \
            store.ask(f"ASK {{ GRAPH ?g {{ {nt(iri)} {nt(PROV.wasDerivedFrom)} ?a }} FILTER NOT EXISTS {{ GRAPH ?g {{ {nt(iri)} a {nt(NG.Meeting)} }} }} }}"):
        return ENTITY
    return None


def value_term(action: str, raw: str | None, store, minter: Minter):
    """The value of a correction as a term, checked: an entity IRI the store holds, a date, a status."""
    kind = ACTIONS[action].value
    if kind is None:
        if raw:
            raise CorrectionError(f"'{action}' takes no value (got {raw!r})")
        return None
    if not raw:
        raise CorrectionError(f"'{action}' needs a value: {ACTIONS[action].help}")
    if kind in ("entity", "place"):
        iri = URIRef(raw.strip("<>"))
        if target_kind(store, minter, iri) != ENTITY:
            raise CorrectionError(f"no entity {raw} in the store (give an entity IRI, e.g. from `newsgraph query actors`)")
        return iri
    if kind == "date":
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", raw):
            raise CorrectionError(f"not a date: {raw!r} (YYYY-MM-DD, YYYY-MM or YYYY)")
        try:
            dt.date.fromisoformat((raw + "-01-01")[:10] if len(raw) < 10 else raw)
        except ValueError as exc:
            raise CorrectionError(f"not a date: {raw!r} ({exc})") from exc
        return Literal(raw)
    if kind == "status":
        if raw.lower() not in STATUS:
            raise CorrectionError(f"unknown status {raw!r} (known: {', '.join(STATUS)})")
        return NG[STATUS[raw.lower()]]
    if kind == "type":
        cls = TYPES.get(raw.lower()) or (URIRef(raw) if raw.startswith("http") else None)
        if cls is None:
            raise CorrectionError(f"unknown type {raw!r} (known: {', '.join(TYPES)}, or a class IRI)")
        return cls
    return Literal(raw)  # a name


def now() -> str:
    """The time of a correction, to the microsecond: corrections apply in the order they were made."""
    return dt.datetime.now(dt.timezone.utc).isoformat().replace("+00:00", "Z")
