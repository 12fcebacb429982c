"""Article + Extraction -> the RDF of one article's named graph (schema.org, PROV-O, Web Annotation).

The graph layer knows nothing of spaCy or Flask: it reads `newsgraph.extractors.records`
and `newsgraph.readers.Article` and returns triples. Entity descriptions that must be
unique across articles (the one `schema:name`) are returned separately as candidates;
the ingest step decides them against the store.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from newsgraph.extractors.records import (ADJECTIVE, COUNTRY, ORGANIZATION, PERSON, PLACE, Entity, Evidence,
                                          Extraction)
from newsgraph.readers.article import Article

from .buckets import file_items
from .iris import Minter
from .namespaces import GEONAMES, NG, OA, PROV, RDF, SDO, XSD
from .resolve import Overrides, Resolution, fold, given_key, given_names_of, resolve, surname_of

Triple = tuple[Node, Node, Node]

MEETING_CLASS = {"talks": "Talks", "negotiation": "Negotiation", "meeting": "GenericMeeting", "visit": "Visit",
                 "reception": "Reception", "phone_call": "PhoneCall", "summit": "Summit", "signing": "Signing",
                 "working_group": "WorkingGroup", "video_call": "VideoCall"}
STATUS = {"held": "Held", "ongoing": "Ongoing", "planned": "Planned", "expected": "Expected",
          "possible": "Possible", "cancelled": "Cancelled"}
CLAIM_TYPE = {"statement": "Statement", "warning": "Warning", "accusation": "Accusation", "demand": "Demand",
              "criticism": "Criticism", "hope": "Hope", "announcement": "Announcement", "denial": "Denial",
              "assessment": "Assessment"}
KIND_CLASSES = {PERSON: ["Person"], ORGANIZATION: ["Organization"], COUNTRY: ["Country", "Place"],
                PLACE: ["Place"]}
SCHEMA_CLASSES = {"City", "Country", "State", "AdministrativeArea", "Continent", "Place", "GovernmentOrganization",
                  "NewsMediaOrganization", "PoliticalParty", "NGO", "Corporation", "Organization",
                  "EducationalOrganization", "SportsOrganization", "LandmarksOrHistoricalBuildings",
                  "CivicStructure", "GovernmentBuilding", "BodyOfWater", "Continent", "Person"}


@dataclass
class ArticleGraph:
    """What one article contributes: its named graph, and per-entity name candidates."""

    iri: URIRef
    triples: list[Triple]
    names: dict[URIRef, str] = field(default_factory=dict)  # entity IRI -> canonical name candidate
    kinds: dict[URIRef, str] = field(default_factory=dict)  # entity IRI -> kind
    resolutions: dict[URIRef, Resolution] = field(default_factory=dict)
    surname_keys: dict[URIRef, str] = field(default_factory=dict)  # person IRI -> folded surname
    given_keys: dict[URIRef, str] = field(default_factory=dict)  # person IRI -> folded given names
    buckets: dict[URIRef, tuple] = field(default_factory=dict)  # month bucket -> its index facts


# Text in the article's language carries its tag: a headline, a claim's words and a job title
# as written are German or English, and a client picks a language by it (FILTER(LANGMATCHES…)).
LANGUAGE_TAGGED = ("headline", "text", "jobTitle")


def text_literal(value: str, lang: str | None) -> Literal:
    """Text as written in an article of language `lang` ("de", "en"), tagged with it."""
    return Literal(value, lang=lang) if lang else Literal(value)


def date_literal(value: str) -> Literal:
    """ISO date or a shorter ISO prefix, typed as precisely as it is known. An ISO week
    ("2026-W04") is its Monday as an xsd:date (with ng:datePrecision "week" beside it): as text it
    would sort after every day of its year, and no XSD type holds a week."""
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        try:
            value = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1).isoformat()
        except ValueError:
            return Literal(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)  # e.g. an ISO week "2026-W04"


def build_article_graph(article: Article, extraction: Extraction, minter: Minter,
                        overrides: Overrides | None = None, known_given_names=None) -> ArticleGraph:
    a = minter.article(article.identity)
    t: list[Triple] = []
    add = t.append
    out = ArticleGraph(iri=a, triples=t)

    add((a, RDF.type, SDO.NewsArticle))
    if article.title:
        add((a, SDO.headline, text_literal(article.title, article.lang)))
    if article.date:
        add((a, SDO.datePublished, date_literal(article.date)))
    if article.lang:
        add((a, SDO.inLanguage, Literal(article.lang)))
    if article.url:
        add((a, SDO.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.source:
        add((a, NG.source, Literal(article.source)))
    add((a, NG.identity, Literal(article.identity)))
    add((a, NG.contentHash, Literal(article.content_hash)))
    # the text itself, so a reader sees each fact's evidence in context (offsets index into it)
    add((a, SDO.articleBody, text_literal(article.text, article.lang)))

    # ---- entities
    iri_of: dict[str, URIRef] = {}
    for ent in extraction.entities:
        res = resolve(ent, overrides, known_given_names)
        e = minter.entity(res.path)
        iri_of[ent.key] = e
        out.resolutions[e] = res
        out.kinds[e] = ent.kind
        out.names.setdefault(e, ent.name)
        if ent.kind == PERSON:
            out.surname_keys[e] = fold(surname_of(ent))
            if given_names_of(ent):
                out.given_keys[e] = given_key(given_names_of(ent))
    for ent in extraction.entities:
        e = iri_of[ent.key]
        for cls in KIND_CLASSES[ent.kind] + [s for s in ent.subtypes if s in SCHEMA_CLASSES]:
            add((e, RDF.type, SDO[cls]))
        for form in ent.surface_forms():
            add((e, SDO.alternateName, Literal(form)))
        add((e, PROV.wasDerivedFrom, a))
        if any(m.form != ADJECTIVE for m in ent.mentions) or not ent.mentions:
            add((a, SDO.mentions, e))
        if ent.given_name:
            add((e, SDO.givenName, Literal(ent.given_name)))
        if ent.family_name:
            add((e, SDO.familyName, Literal(ent.family_name)))
        for title in ent.job_titles:
            add((e, SDO.jobTitle, text_literal(title, article.lang)))
        if ent.affiliation and ent.affiliation in iri_of:
            add((e, SDO.affiliation, iri_of[ent.affiliation]))
        if ent.nationality and ent.nationality in iri_of:
            add((e, SDO.nationality, iri_of[ent.nationality]))
        if ent.contained_in and ent.contained_in in iri_of and iri_of[ent.contained_in] != e:
            add((e, SDO.containedInPlace, iri_of[ent.contained_in]))
        if ent.geonames_id:
            add((e, SDO.sameAs, URIRef(f"{GEONAMES}{ent.geonames_id}/")))
        if ent.latitude is not None and ent.longitude is not None:
            geo = URIRef(f"{e}/geo")
            add((e, SDO.geo, geo))
            add((geo, RDF.type, SDO.GeoCoordinates))
            add((geo, SDO.latitude, Literal(round(float(ent.latitude), 5), datatype=XSD.decimal)))
            add((geo, SDO.longitude, Literal(round(float(ent.longitude), 5), datatype=XSD.decimal)))
        for m in ent.mentions:
            ann = _annotate(t, minter, a, e, m.start, m.end, m.text)
            add((ann, NG.mentionForm, Literal(m.form)))

    # ---- meetings
    shared_taken: set = set()  # place-and-day IRIs this article already used for another of its meetings
    for mt in extraction.meetings:
        loc = iri_of.get(mt.location) if mt.location else None
        if loc is not None and mt.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", mt.date):
            ev = minter.shared_event(str(loc), mt.date)
            if ev in shared_taken:  # a second meeting there that day in the same report: its own node
                ev = minter.shared_event(str(loc), mt.date, tuple(sorted(str(iri_of.get(k, k)) for k in mt.attendees)))
            shared_taken.add(ev)
        else:
            ev = minter.event(article.identity, mt.key)
        add((ev, RDF.type, SDO.Event))
        add((ev, RDF.type, NG.Meeting))
        add((ev, RDF.type, NG[MEETING_CLASS.get(mt.kind, "GenericMeeting")]))
        add((ev, NG.status, NG[STATUS.get(mt.status, "Held")]))
        if mt.trigger:
            add((ev, NG.trigger, Literal(mt.trigger)))
        attendees = sorted({str(iri_of[k]) for k in mt.attendees if k in iri_of})
        for x in attendees:
            add((ev, SDO.attendee, URIRef(x)))
        for i, x in enumerate(attendees if mt.status != "cancelled" else ()):  # a called-off meeting pairs no one
            for y in attendees[i + 1:]:
                pair = minter.pair(x, y)
                add((pair, NG.sharedMeeting, ev))
                add((pair, NG.pairMember, URIRef(x)))
                add((pair, NG.pairMember, URIRef(y)))
        if loc is not None:
            add((ev, SDO.location, loc))
            if out.kinds.get(loc) == ORGANIZATION:  # "im Kreml": the institution's seat is the venue
                add((loc, RDF.type, SDO.Place))
        if mt.date:
            add((ev, SDO.startDate, date_literal(mt.date)))
        if mt.end_date:
            add((ev, SDO.endDate, date_literal(mt.end_date)))
        if mt.date_precision:
            add((ev, NG.datePrecision, Literal(mt.date_precision)))
        for topic in mt.about:
            add((ev, NG.topic, Literal(topic)))
        for key in mt.about_entities:
            if key in iri_of:
                add((ev, SDO.about, iri_of[key]))
        add((ev, PROV.wasDerivedFrom, a))
        add((a, SDO.mentions, ev))
        for evd in mt.evidence:
            add((ev, NG.evidence, _evidence(t, minter, a, ev, evd)))

    # ---- claims
    for cl in extraction.claims:
        if cl.author not in iri_of:
            continue  # every claim we store has its speaker
        c = minter.claim(article.identity, cl.key)
        add((c, RDF.type, SDO.Claim))
        add((c, SDO.author, iri_of[cl.author]))
        add((c, SDO.text, text_literal(cl.text, article.lang)))
        add((c, NG.claimType, NG[CLAIM_TYPE.get(cl.claim_type, "Statement")]))
        add((c, NG.directQuote, Literal(bool(cl.direct))))
        if cl.cameo:
            add((c, NG.cameo, Literal(cl.cameo)))
        if cl.cue:
            add((c, NG.cue, Literal(cl.cue)))
        if cl.date:
            add((c, SDO.dateCreated, date_literal(cl.date)))
        for key in cl.targets:
            if key in iri_of:
                add((c, NG.target, iri_of[key]))
        for key in cl.about:
            if key in iri_of:
                add((c, SDO.about, iri_of[key]))
        add((c, PROV.wasDerivedFrom, a))
        add((a, SDO.mentions, c))
        for evd in cl.evidence:
            add((c, NG.evidence, _evidence(t, minter, a, c, evd)))
    filed, out.buckets = file_items(minter.base, a, t, out.kinds)
    t += filed
    return out


def _annotate(t: list[Triple], minter: Minter, article: URIRef, body: URIRef, start: int, end: int,
              exact: str, motivation: URIRef = OA.identifying) -> URIRef:
    """A W3C Web Annotation: `body` is supported by article text [start, end)."""
    ann = minter.annotation(str(article), str(body), start, end)
    target, pos, quote = URIRef(f"{ann}/target"), URIRef(f"{ann}/position"), URIRef(f"{ann}/quote")
    t += [(ann, RDF.type, OA.Annotation), (ann, OA.hasBody, body), (ann, OA.hasTarget, target),
          (ann, OA.motivatedBy, motivation),
          (target, RDF.type, OA.SpecificResource), (target, OA.hasSource, article),
          (target, OA.hasSelector, pos), (target, OA.hasSelector, quote),
          (pos, RDF.type, OA.TextPositionSelector), (pos, OA.start, Literal(start)), (pos, OA.end, Literal(end)),
          (quote, RDF.type, OA.TextQuoteSelector), (quote, OA.exact, Literal(exact))]
    return ann


def _evidence(t: list[Triple], minter: Minter, article: URIRef, body: URIRef, ev: Evidence) -> URIRef:
    return _annotate(t, minter, article, body, ev.start, ev.end, ev.text, OA.describing)
