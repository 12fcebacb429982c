"""Store -> networkx: the actor network the page draws, built with a handful of SPARQL queries.

Nodes are persons, organisations, countries, places and meetings (keyed by IRI); edges are

  attended   actor -> meeting           (meeting view)
  held_in    meeting -> place           (meeting view)
  met        actor -- actor             (actor view; weight = shared meetings)
  met_at     actor -> place             (actor view; weight = meetings there)
  claim      speaker -> target / about  (both views; one edge per speaker, target, claim type and
                                         relation; weight = number of claims)

Every query is written so it does not multiply rows: entity descriptions (rdf:type,
alternateName, ...) are repeated in every article graph and the union default graph
returns them once per graph, so per-article facts are read inside `GRAPH ?a { }` and
everything else with DISTINCT or FILTER EXISTS. `schema:name` is stored once.

Filters: date window (meetings by their own date, else by the articles reporting them;
mentions and claims by article date or the claim's own date), node types, a minimum weight,
and an ego network around one actor.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import html
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Literal

ACTOR_KINDS = ("person", "organization", "country")
NODE_KINDS = ("person", "organization", "country", "place", "meeting")
KIND_ALIASES = {"persons": "person", "people": "person", "organisation": "organization",
                "organisations": "organization", "organizations": "organization", "org": "organization",
                "orgs": "organization", "countries": "country", "places": "place", "meetings": "meeting",
                "events": "meeting", "event": "meeting"}
EDGE_KINDS = ("attended", "held_in", "met", "met_at", "claim")
MEETING_VIEW_EDGES = ("attended", "held_in")
ACTOR_VIEW_EDGES = ("met", "met_at")
CLAIM_TYPES = ("accusation", "warning", "criticism", "demand", "denial", "announcement", "assessment", "hope",
               "statement")
STATUS_RANK = {"held": 0, "ongoing": 1, "planned": 2, "expected": 3, "possible": 4}
MEETING_KIND_LABEL = {"Talks": "Talks", "Negotiation": "Negotiation", "GenericMeeting": "Meeting", "Visit": "Visit",
                      "Reception": "Reception", "PhoneCall": "Phone call", "Summit": "Summit",
                      "Signing": "Signing", "WorkingGroup": "Working group", "VideoCall": "Video call"}
LATEST_CLAIMS = 3  # claims by an actor shown in its tooltip
TEXT_CAP = 280  # characters of a quote or sentence shown in a tooltip

NG = "https://w3id.org/newsgraph/vocab#"


class NetworkError(ValueError):
    """Bad filter input (unknown type, unparseable date); the message says what is accepted."""


class ActorNotFound(NetworkError):
    """--actor matched no actor; `suggestions` are near names, if any."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no actor named {name!r} in the store{hint}")


# ---------------------------------------------------------------- filters

@dataclass(frozen=True)
class Filters:
    actor: str | None = None
    depth: int = 1
    since: str | None = None  # normalised lower bound YYYY-MM-DD
    until: str | None = None  # normalised upper bound YYYY-MM-DD
    types: tuple[str, ...] = NODE_KINDS
    min_weight: int = 1

    @classmethod
    def make(cls, actor=None, depth=1, since=None, until=None, types=None, min_weight=1) -> "Filters":
        if depth is None:
            depth = 1
        if int(depth) < 0:
            raise NetworkError("--depth must be 0 or more")
        if min_weight is None:
            min_weight = 1
        if int(min_weight) < 1:
            raise NetworkError("--min-weight must be at least 1")
        lo = date_bounds(since, "--since")[0] if since else None
        hi = date_bounds(until, "--until")[1] if until else None
        if lo and hi and lo > hi:
            raise NetworkError(f"--since {since} is after --until {until}")
        return cls(actor=(actor or None) and str(actor).strip() or None, depth=int(depth), since=lo, until=hi,
                   types=parse_types(types), min_weight=int(min_weight))

    @property
    def dated(self) -> bool:
        return bool(self.since or self.until)

    def window(self, lo: str | None, hi: str | None) -> bool:
        """Does a date range [lo, hi] overlap the window? Undated things only pass an open window."""
        if not self.dated:
            return True
        if lo is None:
            return False
        return (self.since is None or hi >= self.since) and (self.until is None or lo <= self.until)

    def describe(self) -> str:
        parts = []
        if self.actor:
            parts.append(f"around {self.actor} (depth {self.depth})")
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        if set(self.types) != set(NODE_KINDS):
            parts.append("types: " + ", ".join(self.types))
        if self.min_weight > 1:
            parts.append(f"weight ≥ {self.min_weight}")
        return "; ".join(parts)


def parse_types(types) -> tuple[str, ...]:
    if types is None or types == "":
        return NODE_KINDS
    items = types.split(",") if isinstance(types, str) else list(types)
    out = []
    for item in items:
        t = str(item).strip().lower()
        if not t:
            continue
        t = KIND_ALIASES.get(t, t)
        if t not in NODE_KINDS:
            raise NetworkError(f"unknown type {item!r} (known: {', '.join(NODE_KINDS)})")
        if t not in out:
            out.append(t)
    if not out:
        raise NetworkError(f"--types needs at least one of {', '.join(NODE_KINDS)}")
    return tuple(t for t in NODE_KINDS if t in out)


def date_bounds(value: str | None, what: str = "date") -> tuple[str, str] | None:
    """The days an ISO date or prefix covers: "2026" -> (2026-01-01, 2026-12-31); ISO weeks too.

    Raises NetworkError for the filter arguments (`what` starts with "--"), returns None for data."""
    if value is None:
        return None
    s = str(value).strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", s):
            d = _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            return d, d
        if m := re.fullmatch(r"(\d{4})-(\d{2})", s):
            y, mo = int(m[1]), int(m[2])
            last = calendar.monthrange(y, mo)[1]
            return f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{last:02d}"
        if m := re.fullmatch(r"(\d{4})", s):
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", s):
            y, w = int(m[1]), int(m[2])
            return (_dt.date.fromisocalendar(y, w, 1).isoformat(), _dt.date.fromisocalendar(y, w, 7).isoformat())
    except ValueError:
        pass
    if what.startswith("--"):
        raise NetworkError(f"{what} {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return None


# ---------------------------------------------------------------- queries

Q_ENTITIES = """
SELECT ?e ?name ?kind WHERE {
  ?e schema:name ?name .
  VALUES (?kind ?cls) { ("person" schema:Person) ("organization" schema:Organization)
                        ("country" schema:Country) ("place" schema:Place) }
  FILTER EXISTS { ?e a ?cls }
}"""

# Articles per entity, in the window: the mention is read inside its own article's graph.
Q_MENTIONS = """
SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {
  GRAPH ?a { ?a schema:mentions ?e . %s }
  %s
} GROUP BY ?e"""

Q_ALT_NAMES = "SELECT DISTINCT ?e ?alt WHERE { ?e schema:alternateName ?alt }"

Q_JOBS = """
SELECT ?e ?job (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e schema:jobTitle ?job } }
GROUP BY ?e ?job"""

Q_AFFILIATIONS = """
SELECT ?e ?org (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e schema:affiliation ?org } }
GROUP BY ?e ?org"""

Q_MEETINGS = """
SELECT DISTINCT ?m ?date ?end ?status ?loc WHERE {
  { SELECT DISTINCT ?m WHERE { ?m a ng:Meeting } }
  OPTIONAL { ?m schema:startDate ?date }
  OPTIONAL { ?m schema:endDate ?end }
  OPTIONAL { ?m ng:status ?status }
  OPTIONAL { ?m schema:location ?loc }
}"""

Q_MEETING_CLASSES = """
SELECT DISTINCT ?m ?cls WHERE {
  ?m a ng:Meeting . ?m a ?cls .
  FILTER (STRSTARTS(STR(?cls), STR(ng:)) && ?cls != ng:Meeting)
}"""

# One row per (meeting, reporting article); the article's date and headline.
Q_MEETING_REPORTS = """
SELECT ?m ?a ?adate ?headline WHERE {
  GRAPH ?a { ?m a ng:Meeting . OPTIONAL { ?a schema:datePublished ?adate } OPTIONAL { ?a schema:headline ?headline } }
}"""

Q_MEETING_EVIDENCE = """
SELECT ?m ?a ?exact WHERE {
  GRAPH ?a { ?m a ng:Meeting ; ng:evidence ?ann . ?ann oa:hasTarget/oa:hasSelector/oa:exact ?exact }
}"""

Q_ATTENDEES = "SELECT DISTINCT ?m ?p WHERE { ?m schema:attendee ?p }"

# A claim lives in one article graph: everything about it is read there.
Q_CLAIMS = """
SELECT ?c ?a ?author ?type ?text ?said ?adate ?headline ?url ?exact WHERE {
  GRAPH ?a {
    ?c a schema:Claim ; schema:author ?author ; schema:text ?text .
    OPTIONAL { ?c ng:claimType ?type }
    OPTIONAL { ?c schema:dateCreated ?said }
    OPTIONAL { ?c ng:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?exact }
    OPTIONAL { ?a schema:datePublished ?adate }
    OPTIONAL { ?a schema:headline ?headline }
    OPTIONAL { ?a schema:url ?url }
  }
}"""

Q_CLAIM_LINKS = """
SELECT DISTINCT ?c ?t ?rel WHERE {
  GRAPH ?a {
    ?c a schema:Claim .
    { ?c ng:target ?t BIND("target" AS ?rel) } UNION { ?c schema:about ?t BIND("about" AS ?rel) }
  }
}"""


def _rows(store, sparql: str, bindings: dict | None = None) -> list[dict[str, str | None]]:
    """The rows of a SELECT as {variable: lexical form or None}: plain terms straight from the
    store (building rdflib terms, dates parsed, cost more than the queries themselves at 10k nodes)."""
    res = store.query_plain(sparql, bindings)
    return [{v: (t[1] if t is not None else None) for v, t in zip(res.vars, row)} for row in res.rows]


def _s(term) -> str | None:
    return None if term is None else str(term)


def _local(iri: str | None) -> str | None:
    return None if iri is None else re.split(r"[#/]", iri)[-1]


def cap(text: str | None, n: int = TEXT_CAP) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def fold_text(s: str) -> str:
    """Case- and accent-insensitive form for name matching."""
    return "".join(c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c))


# ---------------------------------------------------------------- reading the store

@dataclass
class _Claim:
    iri: str
    article: str
    author: str
    type: str
    text: str
    date: str | None  # when said, else the article's date
    headline: str | None
    url: str | None
    evidence: str | None
    links: list[tuple[str, str]] = field(default_factory=list)  # (entity, "target"|"about")


@dataclass
class _Meeting:
    iri: str
    date: str | None = None
    end: str | None = None
    statuses: set[str] = field(default_factory=set)
    location: str | None = None
    classes: set[str] = field(default_factory=set)
    reports: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # article -> (date, headline)
    evidence: list[str] = field(default_factory=list)
    attendees: set[str] = field(default_factory=set)

    def status(self) -> str | None:
        known = [s for s in self.statuses if s in STATUS_RANK]
        return min(known, key=STATUS_RANK.get) if known else None

    def kind_label(self) -> str:
        for c in sorted(self.classes):
            if c in MEETING_KIND_LABEL and c != "GenericMeeting":
                return MEETING_KIND_LABEL[c]
        return "Meeting"

    def span(self) -> tuple[str | None, str | None]:
        """Its own dates if it has them, else the dates of the articles reporting it."""
        b = date_bounds(self.date)
        if b:
            e = date_bounds(self.end)
            return b[0], (e[1] if e and e[1] > b[1] else b[1])
        days = sorted(d for d, _ in self.reports.values() if d and date_bounds(d))
        if days:
            return date_bounds(days[0])[0], date_bounds(days[-1])[1]
        return None, None


def _window_filter(f: Filters) -> tuple[str, str, dict]:
    """The article's datePublished (inside its graph) and FILTERs on it for the window (outside,
    where the bounds, bound as values, are in scope)."""
    if not f.dated:
        return "", "", {}
    clauses, bindings = [], {}
    if f.since:
        clauses.append("FILTER (SUBSTR(STR(?wd), 1, 10) >= STR(?wsince))")
        bindings["wsince"] = Literal(f.since)
    if f.until:
        clauses.append("FILTER (SUBSTR(STR(?wd), 1, 10) <= STR(?wuntil))")
        bindings["wuntil"] = Literal(f.until)
    return "?a schema:datePublished ?wd .", " ".join(clauses), bindings


def build_graph(store, actor: str | None = None, depth: int = 1, since: str | None = None,
                until: str | None = None, types=None, min_weight: int = 1) -> nx.MultiDiGraph:
    """The filtered actor network of `store` as a networkx MultiDiGraph (see the module doc)."""
    f = Filters.make(actor, depth, since, until, types, min_weight)
    G = _full_graph(store, f)
    _apply_min_weight(G, f)
    if f.actor:
        _apply_ego(G, f)
    _apply_types(G, f)
    _prune_meetings(G, f)
    _finish(G)
    G.graph["filters"] = f
    return G


def _full_graph(store, f: Filters) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()

    # -- entities: one name each; kind by class, a country is a country (not a place)
    kinds: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for r in _rows(store, Q_ENTITIES):
        e = str(r["e"])
        names[e] = str(r["name"])
        kinds[e].add(str(r["kind"]))
    kind_of = {}
    for e, ks in kinds.items():
        for k in ("person", "organization", "country", "place"):
            if k in ks:
                kind_of[e] = k
                break

    # -- articles per entity in the window
    inner, outer, wb = _window_filter(f)
    articles = {str(r["e"]): int(r["n"]) for r in _rows(store, Q_MENTIONS % (inner, outer), wb or None)}

    # -- meetings in the window
    meetings: dict[str, _Meeting] = {}
    for r in _rows(store, Q_MEETINGS):
        m = meetings.setdefault(str(r["m"]), _Meeting(str(r["m"])))
        if r.get("date") is not None and (m.date is None or str(r["date"]) < m.date):
            m.date = str(r["date"])
        if r.get("end") is not None and (m.end is None or str(r["end"]) > m.end):
            m.end = str(r["end"])
        if r.get("status") is not None:
            m.statuses.add(_local(str(r["status"])).lower())
        if r.get("loc") is not None and str(r["loc"]) in kind_of:
            m.location = m.location or str(r["loc"])
    for r in _rows(store, Q_MEETING_CLASSES):
        if str(r["m"]) in meetings:
            meetings[str(r["m"])].classes.add(_local(str(r["cls"])))
    for r in _rows(store, Q_MEETING_REPORTS):
        if str(r["m"]) in meetings:
            meetings[str(r["m"])].reports[str(r["a"])] = (_s(r.get("adate")), _s(r.get("headline")))
    for r in _rows(store, Q_MEETING_EVIDENCE):
        m = meetings.get(str(r["m"]))
        if m is not None and str(r["exact"]) not in m.evidence:
            m.evidence.append(str(r["exact"]))
    for r in _rows(store, Q_ATTENDEES):
        m = meetings.get(str(r["m"]))
        if m is not None and str(r["p"]) in kind_of:
            m.attendees.add(str(r["p"]))
    meetings = {k: m for k, m in meetings.items() if f.window(*m.span())}
    if f.dated:  # a meeting counts the reports inside the window
        for m in meetings.values():
            inside = {a: v for a, v in m.reports.items() if f.window(*(date_bounds(v[0]) or (None, None)))}
            m.reports = inside or m.reports

    # -- claims in the window
    claims: dict[str, _Claim] = {}
    for r in _rows(store, Q_CLAIMS):
        c = str(r["c"])
        if c in claims:
            continue
        author = str(r["author"])
        if author not in kind_of:
            continue
        said = _s(r.get("said")) or _s(r.get("adate"))
        b = date_bounds(said) or (None, None)
        if not f.window(*b):
            continue
        claims[c] = _Claim(iri=c, article=str(r["a"]), author=author,
                           type=(_local(_s(r.get("type"))) or "Statement").lower(), text=str(r["text"]),
                           date=said, headline=_s(r.get("headline")), url=_s(r.get("url")),
                           evidence=_s(r.get("exact")))
    for r in _rows(store, Q_CLAIM_LINKS):
        c = claims.get(str(r["c"]))
        t = str(r["t"])
        if c is not None and t in kind_of and t != c.author and (t, str(r["rel"])) not in c.links:
            c.links.append((t, str(r["rel"])))

    # -- who is in: mentioned, met or quoted in the window
    meetings_of: dict[str, list[_Meeting]] = defaultdict(list)
    held_at: dict[str, list[_Meeting]] = defaultdict(list)
    for m in meetings.values():
        for p in m.attendees:
            meetings_of[p].append(m)
        if m.location:
            held_at[m.location].append(m)
    said_by: dict[str, list[_Claim]] = defaultdict(list)
    aimed_at: dict[str, list[_Claim]] = defaultdict(list)
    for c in claims.values():
        said_by[c.author].append(c)
        for t, _ in c.links:
            aimed_at[t].append(c)

    present = [e for e in kind_of if articles.get(e) or meetings_of.get(e) or held_at.get(e) or said_by.get(e)
               or aimed_at.get(e) or not f.dated]
    jobs, affiliations, alts = _details(store, set(present), names)

    for e in present:
        kind = kind_of[e]
        n_art, n_meet = articles.get(e, 0), len(meetings_of.get(e, ())) + len(held_at.get(e, ()))
        n_said, n_aimed = len(said_by.get(e, ())), len(aimed_at.get(e, ()))
        weight = max(n_art, n_meet, n_said + n_aimed)
        G.add_node(e, kind=kind, label=names[e], articles=n_art, meetings=n_meet, claims=n_said,
                   claims_aimed=n_aimed, weight=weight, alt=alts.get(e, []),
                   tip=_entity_tip(e, kind, names[e], n_art, n_meet, n_said, n_aimed, jobs.get(e, []),
                                   affiliations.get(e, []), said_by.get(e, []), aimed_at.get(e, []), names))

    for m in meetings.values():
        attendees = sorted(p for p in m.attendees if p in G)
        lo, hi = m.span()
        date = m.date or (lo and f"{lo} (reported)")
        place = names.get(m.location) if m.location in G else None
        label = f"{m.kind_label()} {m.date or lo or ''}".strip()
        G.add_node(m.iri, kind="meeting", label=label, articles=len(m.reports), meetings=0, claims=0,
                   claims_aimed=0, weight=max(1, len(m.reports)), alt=[], date=m.date or lo,
                   tip=_meeting_tip(m, label, date, place, [names[p] for p in attendees]))
        for p in attendees:
            G.add_edge(p, m.iri, kind="attended", weight=1,
                       tip={"title": f"{names[p]} attended {label}", "rows": []})
        if m.location in G:
            G.add_edge(m.iri, m.location, kind="held_in", weight=1,
                       tip={"title": f"{label} held in {names[m.location]}", "rows": []})

    # -- actor view: met (shared meetings) and met_at (meetings at a place)
    shared: Counter = Counter()
    at: Counter = Counter()
    last_met: dict[tuple[str, str], str] = {}
    for m in meetings.values():
        ps = sorted(p for p in m.attendees if p in G)
        for i, x in enumerate(ps):
            if m.location in G:
                at[(x, m.location)] += 1
            for y in ps[i + 1:]:
                shared[(x, y)] += 1
                d = m.span()[0] or ""
                if d >= last_met.get((x, y), ""):
                    last_met[(x, y)] = d
    for (x, y), w in shared.items():
        rows = [["shared meetings", str(w)]]
        if last_met.get((x, y)):
            rows.append(["latest", last_met[(x, y)]])
        G.add_edge(x, y, kind="met", weight=w, tip={"title": f"{names[x]} met {names[y]}", "rows": rows})
    for (x, p), w in at.items():
        G.add_edge(x, p, kind="met_at", weight=w,
                   tip={"title": f"{names[x]} at meetings in {names[p]}", "rows": [["meetings", str(w)]]})

    # -- claims: speaker -> target/about, one edge per (speaker, other, type, relation)
    grouped: dict[tuple[str, str, str, str], list[_Claim]] = defaultdict(list)
    for c in claims.values():
        for t, rel in c.links:
            if c.author in G and t in G:
                grouped[(c.author, t, c.type, rel)].append(c)
    for (a, t, ctype, rel), cs in grouped.items():
        cs.sort(key=lambda c: (c.date or "", c.iri), reverse=True)
        verb = "on" if rel == "about" else "against" if ctype in ("accusation", "criticism", "warning") else "to"
        G.add_edge(a, t, kind="claim", claim_type=ctype, relation=rel, weight=len(cs),
                   tip={"title": f"{names[a]}: {ctype} {verb} {names[t]}",
                        "rows": [["claims", str(len(cs))]], "claims": [_claim_tip(c, names) for c in cs[:LATEST_CLAIMS]]})
    return G


def _details(store, present: set[str], names: dict[str, str]):
    """Job titles and affiliations (most often stated first) and alternate names."""
    jobs: dict[str, Counter] = defaultdict(Counter)
    for r in _rows(store, Q_JOBS):
        if str(r["e"]) in present:
            jobs[str(r["e"])][str(r["job"])] += int(r["n"])
    affs: dict[str, Counter] = defaultdict(Counter)
    for r in _rows(store, Q_AFFILIATIONS):
        if str(r["e"]) in present and str(r["org"]) in names:
            affs[str(r["e"])][names[str(r["org"])]] += int(r["n"])
    alts: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, Q_ALT_NAMES):
        e = str(r["e"])
        if e in present and str(r["alt"]) != names.get(e) and len(alts[e]) < 8:
            alts[e].append(str(r["alt"]))
    top = lambda c: [k for k, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]  # noqa: E731
    return ({e: top(c) for e, c in jobs.items()}, {e: top(c) for e, c in affs.items()},
            {e: sorted(v) for e, v in alts.items()})


# ---------------------------------------------------------------- tooltips (plain text data)
# A tip is {"title": str, "rows": [[label, value], ...], "claims": [{...}]}: text only. The page
# builds the tooltip from it with textContent; `tip_text` gives an escaped text rendering.

KIND_LABEL = {"person": "Person", "organization": "Organisation", "country": "Country", "place": "Place",
              "meeting": "Meeting"}


def _claim_tip(c: _Claim, names: dict[str, str]) -> dict:
    return {"type": c.type, "text": cap(c.text), "date": c.date or "", "evidence": cap(c.evidence),
            "headline": cap(c.headline, 160), "speaker": names.get(c.author, ""),
            "on": ", ".join(names[t] for t, _ in c.links if t in names)}


def _entity_tip(e, kind, name, n_art, n_meet, n_said, n_aimed, jobs, affs, said, aimed, names) -> dict:
    rows = []
    if jobs:
        rows.append(["role", "; ".join(jobs)])
    if affs:
        rows.append(["affiliation", "; ".join(affs)])
    rows.append(["articles", str(n_art)])
    if n_meet:
        rows.append(["meetings" if kind != "place" else "meetings held here", str(n_meet)])
    if n_said:
        rows.append(["claims made", str(n_said)])
    if n_aimed:
        rows.append(["claims about / against", str(n_aimed)])
    latest = sorted(said, key=lambda c: (c.date or "", c.iri), reverse=True)[:LATEST_CLAIMS]
    if not latest:
        latest = sorted(aimed, key=lambda c: (c.date or "", c.iri), reverse=True)[:2]
    return {"title": name, "kind": KIND_LABEL[kind], "rows": rows, "claims": [_claim_tip(c, names) for c in latest]}


def _meeting_tip(m: _Meeting, label, date, place, attendee_names) -> dict:
    rows = []
    if date:
        rows.append(["date", date])
    if m.status():
        rows.append(["status", m.status()])
    if place:
        rows.append(["place", place])
    if attendee_names:
        shown = attendee_names[:12]
        more = len(attendee_names) - len(shown)
        rows.append(["attendees", ", ".join(shown) + (f" and {more} more" if more else "")])
    rows.append(["articles", str(len(m.reports))])
    heads = sorted({h for _, h in m.reports.values() if h})[:2]
    ev = [{"evidence": cap(x), "headline": cap(heads[0], 160) if heads else ""} for x in m.evidence[:2]]
    return {"title": label, "kind": "Meeting", "rows": rows, "evidence": ev}


def tip_text(tip: dict) -> str:
    """The tooltip as plain text with every piece HTML-escaped: safe to put into `title`
    whether the consumer shows it as text or as HTML (pyvis' own template uses innerHTML)."""
    lines = [tip.get("title", "")]
    if tip.get("kind"):
        lines[0] += f" ({tip['kind']})"
    lines += [f"{k}: {v}" for k, v in tip.get("rows", [])]
    for c in tip.get("claims", []):
        lines.append(f"{c.get('date', '')} {c.get('type', '')}: {c.get('text', '')}".strip())
        if c.get("evidence"):
            lines.append(f"  \u201c{c['evidence']}\u201d")
        if c.get("headline"):
            lines.append(f"  \u2014 {c['headline']}")
    for x in tip.get("evidence", []):
        lines.append(f"\u201c{x.get('evidence', '')}\u201d" + (f" \u2014 {x['headline']}" if x.get("headline") else ""))
    return "\n".join(html.escape(line, quote=False) for line in lines)


# ---------------------------------------------------------------- filters on the graph

def _apply_min_weight(G: nx.MultiDiGraph, f: Filters) -> None:
    if f.min_weight <= 1:
        return
    drop = [n for n, d in G.nodes(data=True) if d["kind"] != "meeting" and d["weight"] < f.min_weight]
    G.remove_nodes_from(drop)
    weak = [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
            if d["kind"] in ("met", "met_at", "claim") and d["weight"] < f.min_weight]
    G.remove_edges_from(weak)


HOP = {"attended": 0.5, "held_in": 0.5, "met": 1.0, "met_at": 1.0, "claim": 1.0}


def find_actor(G: nx.MultiDiGraph, name: str) -> str:
    """The node --actor NAME means: exact name, else exact alternate name, else the most frequent
    actor whose names contain NAME (case and accents ignored)."""
    q = fold_text(name)
    actors = [(n, d) for n, d in G.nodes(data=True) if d["kind"] != "meeting"]
    by_weight = lambda nd: (-nd[1]["weight"], nd[1]["label"])  # noqa: E731
    for test in (lambda d: fold_text(d["label"]) == q,
                 lambda d: any(fold_text(a) == q for a in d.get("alt", [])),
                 lambda d: q in fold_text(d["label"]) or any(q in fold_text(a) for a in d.get("alt", []))):
        hits = sorted(((n, d) for n, d in actors if test(d)), key=by_weight)
        if hits:
            return hits[0][0]
    words = [w for w in re.split(r"\W+", q) if len(w) >= 3]
    near = sorted({d["label"] for n, d in actors if any(w in fold_text(d["label"]) for w in words)})[:5]
    raise ActorNotFound(name, near)


def _apply_ego(G: nx.MultiDiGraph, f: Filters) -> None:
    """Keep what lies within `depth` actor-to-actor steps of the actor. A meeting is half a step
    (actor -> meeting -> actor is one); places are reached but never passed through."""
    centre = find_actor(G, f.actor)
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for u, v, d in G.edges(data=True):
        w = HOP[d["kind"]]
        if not U.has_edge(u, v) or U[u][v]["w"] > w:
            U.add_edge(u, v, w=w)
    dist = {centre: 0.0}
    frontier = [(0.0, centre)]
    import heapq
    while frontier:
        dd, n = heapq.heappop(frontier)
        if dd > dist.get(n, float("inf")):
            continue
        if n != centre and G.nodes[n]["kind"] == "place":
            continue  # a place ends a path
        for nb, ed in U[n].items():
            nd = dd + ed["w"]
            if nd <= f.depth + 1e-9 and nd < dist.get(nb, float("inf")):
                dist[nb] = nd
                heapq.heappush(frontier, (nd, nb))
    G.remove_nodes_from([n for n in list(G.nodes) if n not in dist])
    G.graph["centre"] = centre


def _apply_types(G: nx.MultiDiGraph, f: Filters) -> None:
    G.remove_nodes_from([n for n, d in G.nodes(data=True) if d["kind"] not in f.types])


def _prune_meetings(G: nx.MultiDiGraph, f: Filters) -> None:
    """A meeting whose attendees are all filtered out says nothing (unless no actor is shown)."""
    if not any(k in f.types for k in ACTOR_KINDS):
        return
    lonely = [n for n, d in G.nodes(data=True) if d["kind"] == "meeting"
              and not any(G.edges[u, n, k]["kind"] == "attended" for u, _, k in G.in_edges(n, keys=True))]
    G.remove_nodes_from(lonely)


def _finish(G: nx.MultiDiGraph) -> None:
    for _, _, d in G.edges(data=True):
        d["title"] = tip_text(d["tip"])
    for _, d in G.nodes(data=True):
        d["title"] = tip_text(d["tip"])
    G.graph["counts"] = dict(Counter(d["kind"] for _, d in G.nodes(data=True)))
    G.graph["edge_counts"] = dict(Counter(d["kind"] for _, _, d in G.edges(data=True)))
