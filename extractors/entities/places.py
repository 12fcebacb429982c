"""ng_places: countries, regions and cities from the gazetteer, datelines, places known only
from context ("in Davos in der Schweiz"), and country adjectives ("russische Angriffe")."""
from __future__ import annotations

from spacy.tokens import Doc

from ..records import ADJECTIVE, COUNTRY, NAME, PLACE, Entity
from .lexicon import Lexicon, PlaceEntry
from .mentions import add_mention, free, pending_adjectives, slug


def place_entity(entry: PlaceEntry) -> Entity:
    key = f"place:geonames-{entry.geonameid}" if entry.geonameid else f"place:{slug(entry.name)}"
    return Entity(key=key, kind=COUNTRY if entry.kind == "country" else PLACE, name=entry.name,
                  subtypes=[entry.subtype], resolution_key=f"geonames:{entry.geonameid}" if entry.geonameid else
                  f"place:{slug(entry.name)}", geonames_id=entry.geonameid, latitude=entry.lat,
                  longitude=entry.lon, population=entry.population or None)


def _lookup(lx: Lexicon, surface: str) -> tuple[PlaceEntry | None, str]:
    """The best gazetteer entry for a surface form, allowing German genitive -s and all-caps datelines."""
    forms = [surface]
    if surface.isupper() and len(surface) > 3:
        forms.append(surface.title())
    if lx.lang == "de" and surface.endswith("s") and len(surface) > 4:
        forms.append(surface[:-1])
    for f in forms:
        cands = lx.places.get(f)
        if cands:
            return cands[0], f
    return None, surface


def find_places(doc: Doc, lx: Lexicon) -> None:
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        text = tok.text
        if not text[:1].isupper() or not free(doc, i, i + 1) or not (
                text in lx.place_starts or (text.endswith("s") and text[:-1] in lx.place_starts)):
            i += 1
            continue
        matched = 0
        for size in range(min(lx.max_place_tokens, n - i), 0, -1):
            span = doc[i:i + size]
            if not free(doc, i, i + size) or not span[-1].text[:1].isalnum():
                continue
            entry, form = _lookup(lx, span.text)
            if entry is None:
                continue
            nxt = doc[i + size] if i + size < n else None
            attributive = lx.lang == "en" and span.text in lx.country_abbreviations and nxt is not None and \
                nxt.is_lower and nxt.is_alpha and nxt.text not in lx.name_followers
            if size == 1 and entry.kind == "country" and ((nxt is not None and nxt.text == "-") or attributive):
                # "US-Präsident", "USA-Besuch": the country as an attribute, not named as an actor
                pending_adjectives(doc).append((i, i + 1, entry.country))
                matched = 1
                break
            if size == 1 and (_looks_like_person(doc, i, lx) or _after_given_name(doc, i, lx)):
                break
            if entry.subtype == "City" and _common_noun_use(doc, i, lx):
                break
            if size == 1 and entry.subtype == "City" and entry.population < GIVEN_NAME_TOWN_MAX and \
                    lx.is_given_name(tok.text) and (i == 0 or doc[i - 1].text.lower() not in lx.place_cues):
                break  # "Antony kam nicht": a given name, unless it follows "in"/"nach"
            if size == 1 and tok.is_sent_start and tok.text.lower() in lx.common_words:
                break
            add_mention(doc, place_entity(entry), i, i + size, NAME, surface=form)
            matched = size
            break
        i += matched or 1
    _context_places(doc, lx)
    _compound_prefixes(doc, lx)
    _adjectives(doc, lx)


def _looks_like_person(doc: Doc, i: int, lx: Lexicon) -> bool:
    """A given name followed by a capitalised word is a person ("Antony Blinken"), not a place."""
    tok = doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    given = tok.text in lx.given_names or (  # "Jaroslaw Schelesnjak": a spelling variant of a given name
        lx.is_given_name(tok.text) and (i == 0 or doc[i - 1].text.lower() not in lx.place_cues))
    return given and nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha \
        and nxt.text.lower() not in lx.common_words


GIVEN_NAME_TOWN_MAX = 500_000  # "Antony" alone is a person; "Riyadh", "Paris" are the cities


def _compound_prefixes(doc: Doc, lx: Lexicon) -> None:
    """German compounds keep their hyphen in one token: "US-Präsident", "Ukraine-Kriegs" name a country
    as an attribute."""
    for tok in doc:
        if "-" in tok.text[1:] and tok.text[:1].isupper() and free(doc, tok.i, tok.i + 1):
            entry, _ = _lookup(lx, tok.text.split("-", 1)[0])
            if entry is not None and entry.kind == "country":
                pending_adjectives(doc).append((tok.i, tok.i + 1, entry.country))


def _after_given_name(doc: Doc, i: int, lx: Lexicon) -> bool:
    """"Marco Rubio", "Randy George": a surname that is also a town."""
    return i > 0 and doc[i - 1].text[:1].isupper() and lx.is_given_name(doc[i - 1].text) and \
        not doc[i - 1].is_sent_start and doc[i - 1].text.lower() not in lx.common_words


def _common_noun_use(doc: Doc, i: int, lx: Lexicon) -> bool:
    """"auf ukrainischem Boden": a city name after an article or adjective is a common noun
    (German uses city names without articles)."""
    if lx.lang != "de" or i == 0:
        return False
    prev = doc[i - 1]
    return prev.text.lower() in ARTICLES_DE or (prev.is_lower and prev.text.endswith(("em", "en", "er", "es", "e"))
                                                 and prev.text.lower() not in lx.place_cues)


ARTICLES_DE = frozenset({"der", "die", "das", "dem", "den", "des", "ein", "eine", "einem", "einen", "einer", "eines",
                         "im", "am", "vom", "zum", "zur", "beim"})


def _context_places(doc: Doc, lx: Lexicon) -> None:
    """Places below the gazetteer's cut: "in Davos in der Schweiz", "nach Davos (Schweiz)", "at Davos, Switzerland"."""
    ents = doc._.ng_entities
    country_at = {}
    for sp in doc.spans["ng_mentions"]:
        e = ents.get(sp.label_)
        if e is not None and (e.kind == COUNTRY or "State" in e.subtypes):
            country_at[sp.start] = e
    for start, country in country_at.items():
        j = start - 1
        while j >= 0 and doc[j].text.lower() in ("in", "der", "dem", "im", ",", "(", "the"):
            j -= 1
        if j < 1 or j == start - 1:
            continue
        cand = doc[j]
        cue = doc[j - 1].text.lower()
        if cue in lx.place_cues and _unknown_name(cand, lx) and free(doc, j, j + 1):
            # keyed by name alone, so "in Davos" elsewhere (without the country) is the same place
            e = Entity(key=f"place:{slug(cand.text)}", kind=PLACE, name=cand.text, subtypes=["City"],
                       resolution_key=f"place:{slug(cand.text)}", contained_in=country.key)
            add_mention(doc, e, j, j + 1, NAME)
            _later_mentions(doc, e, lx)
    _repeated_cue_places(doc, lx)


def _unknown_name(tok, lx: Lexicon) -> bool:
    t = tok.text
    return t[:1].isupper() and all(c.isalpha() or c == "-" for c in t) and not t.isupper() \
        and t.lower() not in lx.common_words and not lx.is_given_name(t) and not lx.is_role_word(t)


def _repeated_cue_places(doc: Doc, lx: Lexicon) -> None:
    """A name the article twice puts after "in"/"nach"/"at" ("in Davos ... nach Davos") is a place."""
    seen: dict[str, list[int]] = {}
    for tok in doc:
        if tok.i > 0 and doc[tok.i - 1].text.lower() in lx.place_cues and not tok.is_sent_start \
                and _unknown_name(tok, lx) and free(doc, tok.i, tok.i + 1):
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is None or not nxt.text[:1].isupper():
                seen.setdefault(tok.text, []).append(tok.i)
    for name, where in seen.items():
        if len(where) >= 2:
            e = Entity(key=f"place:{slug(name)}", kind=PLACE, name=name, subtypes=["City"],
                       resolution_key=f"place:{slug(name)}")
            add_mention(doc, e, where[0], where[0] + 1, NAME)
            _later_mentions(doc, e, lx)


def _later_mentions(doc: Doc, entity: Entity, lx: Lexicon) -> None:
    for tok in doc:
        if tok.text == entity.name and free(doc, tok.i, tok.i + 1):
            add_mention(doc, entity, tok.i, tok.i + 1, NAME)


def _adjectives(doc: Doc, lx: Lexicon) -> None:
    for tok in doc:
        if tok.is_lower and len(tok.text) > 4 and free(doc, tok.i, tok.i + 1):
            iso = lx.demonym_country(tok.text)
            if iso:
                pending_adjectives(doc).append((tok.i, tok.i + 1, iso))


def attach_adjectives(doc: Doc, lx: Lexicon) -> None:
    """Country adjectives become ADJECTIVE mentions of countries the article names."""
    by_iso = {e.geonames_id: e for e in doc._.ng_entities.values() if e.kind == COUNTRY}
    for start, end, iso in pending_adjectives(doc):
        entry = lx.countries_by_iso.get(iso)
        if entry is not None and entry.geonameid in by_iso:
            add_mention(doc, by_iso[entry.geonameid], start, end, ADJECTIVE)


def link_containment(doc: Doc, lx: Lexicon) -> None:
    countries = {e.geonames_id: e.key for e in doc._.ng_entities.values() if e.kind == COUNTRY}
    for e in doc._.ng_entities.values():
        if e.kind != PLACE or e.contained_in or not e.geonames_id:
            continue
        entry = next((p for p in lx.places.get(e.name, []) if p.geonameid == e.geonames_id), None)
        if entry is None:
            for m in e.mentions:
                entry = next((p for p in lx.places.get(m.text, []) if p.geonameid == e.geonames_id), None)
                if entry:
                    break
        if entry is not None and entry.country:
            c = lx.countries_by_iso.get(entry.country)
            if c is not None and c.geonameid in countries:
                e.contained_in = countries[c.geonameid]
