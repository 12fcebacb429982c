"""Typed records the extractors hand to the graph layer.

This is the contract between `newsgraph.extractors` (which knows nothing of RDF)
and `newsgraph.graph` (which knows nothing of spaCy). Every record carries the
evidence that proves it: character offsets into the article text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Entity kinds the graph layer understands.
PERSON = "person"
ORGANIZATION = "organization"
COUNTRY = "country"  # a state: an actor and a place at once
PLACE = "place"  # city, region, building ... (subtypes say which)
ENTITY_KINDS = (PERSON, ORGANIZATION, COUNTRY, PLACE)

# How an entity is mentioned; only NAME/ROLE/PRONOUN mentions make an article "mention" it.
NAME = "name"
ROLE = "role"  # "der ukrainische Präsident", "Kremlchef"
PRONOUN = "pronoun"
ADJECTIVE = "adjective"  # "russische Angriffe": links to the country, not a mention of an actor
MENTION_FORMS = (NAME, ROLE, PRONOUN, ADJECTIVE)


@dataclass(frozen=True)
class Evidence:
    """A piece of the article that proves a record: the sentence and where it stands."""

    start: int  # character offset of the sentence in Article.text
    end: int
    text: str  # Article.text[start:end]


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets into Article.text
    end: int
    text: str  # Article.text[start:end], as written ("Selenskyjs")
    form: str = NAME  # one of MENTION_FORMS


@dataclass
class Entity:
    """One actor or place as this article names it.

    `key` is unique within the article's extraction and is what meetings and claims
    point to. `resolution_key` is what the graph layer uses to give the same
    real-world entity the same IRI across articles (e.g. "geonames:703448" for Kyiv,
    "person:selenskyj|w" for a person); extractors fill it from data, never from
    lists of people.
    """

    key: str
    kind: str  # one of ENTITY_KINDS
    name: str  # canonical name as the article gives it in full ("Wolodymyr Selenskyj")
    alternate_names: list[str] = field(default_factory=list)  # every other surface form
    mentions: list[Mention] = field(default_factory=list)
    subtypes: list[str] = field(default_factory=list)  # schema.org class names: City, GovernmentOrganization, ...
    resolution_key: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    gender: str | None = None  # "female" | "male" when the given name says so (for he/she/er)
    job_titles: list[str] = field(default_factory=list)  # as written: "US-Sondergesandte"
    affiliation: str | None = None  # key of an organisation/country entity in the same extraction
    nationality: str | None = None  # key of a country entity in the same extraction
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    contained_in: str | None = None  # key of the containing place entity in the same extraction
    population: int | None = None

    def surface_forms(self) -> list[str]:
        return [self.name, *[n for n in self.alternate_names if n != self.name]]


# Meeting status values (our vocabulary: ng:Held, ng:Ongoing, ...).
MEETING_STATUSES = ("held", "ongoing", "planned", "expected", "possible")
# Meeting kinds (our vocabulary).
MEETING_KINDS = ("talks", "negotiation", "meeting", "visit", "reception", "phone_call", "summit",
                 "signing", "working_group", "video_call")


@dataclass
class Meeting:
    key: str
    kind: str  # one of MEETING_KINDS
    status: str  # one of MEETING_STATUSES
    attendees: list[str] = field(default_factory=list)  # entity keys
    location: str | None = None  # entity key of the place
    date: str | None = None  # ISO date or prefix: "2026-01-17", "2025-12", "2026-W04"
    end_date: str | None = None  # for ranges ("Nov. 30 and Dec. 1")
    date_precision: str | None = None  # day | week | month | year | range
    about: list[str] = field(default_factory=list)  # topics as written ("Sicherheitsgarantien")
    about_entities: list[str] = field(default_factory=list)  # entity keys the meeting is about
    trigger: str = ""  # the word that signals it ("Verhandlungen", "met")
    evidence: list[Evidence] = field(default_factory=list)  # first is the main sentence


CLAIM_TYPES = ("statement", "warning", "accusation", "demand", "criticism", "hope", "announcement",
               "denial", "assessment")


@dataclass
class Claim:
    key: str
    author: str  # entity key of the speaker
    text: str  # the quote, or the reported clause
    claim_type: str  # one of CLAIM_TYPES
    direct: bool  # a direct quote?
    cameo: str | None = None  # CAMEO event code where one fits ("112")
    targets: list[str] = field(default_factory=list)  # entity keys accused / criticised / addressed
    about: list[str] = field(default_factory=list)  # entity keys the claim concerns
    date: str | None = None  # when it was said, if the text says so (ISO or prefix)
    cue: str = ""  # the reporting word ("warnte", "said")
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything extracted from one article."""

    entities: list[Entity] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def entity(self, key: str) -> Entity | None:
        for e in self.entities:
            if e.key == key:
                return e
        return None
