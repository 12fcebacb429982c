"""ng_places: countries, regions and cities from the gazetteer, datelines, places known only
from context ("in Davos in der Schweiz"), and country adjectives ("russische Angriffe")."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..records import ADJECTIVE, COUNTRY, NAME, PLACE, ROLE, Entity
from ..tokens import token_view
from .lexicon import Lexicon, PlaceEntry
from .mentions import add_mention, free, pending_adjectives, remove_entity, slug


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
    if lx.grammar.genitive_base(surface) is not None:
        forms.append(surface[:-1])
    for f in forms:
        cands = lx.places.get(f)
        if cands:
            return cands[0], f
    return None, surface


def find_places(doc: Doc, lx: Lexicon) -> None:
    v = token_view(doc)
    texts = v.texts
    n = v.n
    i = 0
    while i < n:
        text = texts[i]
        if not text[:1].isupper() or not (text in lx.place_starts or (text.endswith("s") and text[:-1] in
                                                                      lx.place_starts)) or not free(doc, i, i + 1):
            i += 1
            continue
        matched = 0
        for size in range(min(lx.max_place_tokens, n - i), 0, -1):
            if not free(doc, i, i + size) or not texts[i + size - 1][:1].isalnum():
                continue
            span_text = v.span_text(i, i + size)
            entry, form = _lookup(lx, span_text)
            if entry is None:
                continue
            k = i + size  # the token after the match
            if k < n and texts[k] in lx.building_words and free(doc, i, k + 1):
                # "Lancaster House", "the Mariinskyi Palace": a building named after the place
                add_mention(doc, _building(v.span_text(i, k + 1), lx), i, k + 1, NAME)
                matched = size + 1
                break
            attributive = lx.grammar.noun_adjuncts and span_text in lx.country_abbreviations and k < n and \
                v.is_lower[k] and v.is_alpha[k] and texts[k] not in lx.name_followers
            if size == 1 and entry.kind == "country" and ((k < n and texts[k] == "-") or attributive):
                # "US-Präsident", "USA-Besuch": the country as an attribute, not named as an actor
                pending_adjectives(doc).append((i, i + 1, entry.country))
                matched = 1
                break
            if size == 1 and (_looks_like_person(doc, i, lx) or _after_given_name(doc, i, lx)):
                break
            if entry.subtype == "City" and _common_noun_use(doc, i, lx) and \
                    not (i > 0 and lx.demonym_country(texts[i - 1]) == entry.country):
                break  # (but "im japanischen Osaka": the city, with its own country's adjective)
            if size == 1 and entry.subtype == "City" and entry.population < GIVEN_NAME_TOWN_MAX and \
                    lx.is_given_name(text) and (i == 0 or texts[i - 1].lower() not in lx.place_cues):
                break  # "Antony kam nicht": a given name, unless it follows "in"/"nach"
            if size == 1 and v.sent_start[i] and text.lower() in lx.common_words:
                break
            if not lx.grammar.nouns_capitalised and size == 1 and entry.subtype == "City" and entry.population < GIVEN_NAME_TOWN_MAX \
                    and i > 0 and not v.sent_start[i] and v.is_alpha[i - 1] and texts[i - 1][:1].isupper() and \
                    texts[i - 1].lower() not in lx.place_cues and not lx.demonym_country(texts[i - 1]):
                break  # "the EU Monitoring Mission": a word of a longer name, not the town
            qualifier = _qualifier(v, lx, k)
            if qualifier is not None and entry.kind != "country" and entry.country != qualifier.country:
                # "Palm Beach, Florida", "Paris (Texas)": the place in the named state or country
                entry = next((c for c in lx.places.get(form, []) if c.country == qualifier.country), None)
                if entry is None:  # below the gazetteer's cut there: a place known from its context
                    add_mention(doc, _context_place(span_text, place_entity(qualifier).key), i, i + size, NAME)
                    matched = size
                    break
            place = place_entity(entry)
            if qualifier is not None and entry.kind != "country" and entry.geonameid != qualifier.geonameid:
                place.contained_in = place_entity(qualifier).key
            add_mention(doc, place, i, i + size, NAME, surface=form)
            matched = size
            break
        i += matched or 1
    _context_places(doc, lx)
    _capitals(doc, lx)
    _venue_places(doc, lx)
    _city_adjectives(doc, lx)
    _event_places(doc, lx)
    _join_same_named(doc)
    _compound_prefixes(doc, lx)
    _adjectives(doc, lx)


def _qualifier(v, lx: Lexicon, k: int) -> PlaceEntry | None:
    """The state or country right after a place: ", Florida", "(Schweiz)", "im US-Bundesstaat Florida"."""
    if k + 1 >= v.n:
        return None
    if v.texts[k] in (",", "("):
        at = k + 1
    else:
        lead = next((lead for lead in lx.qualifier_leads if tuple(v.texts[k:k + len(lead)]) == lead), None)
        if lead is None:
            return None
        at = k + len(lead)
    for size in (2, 1):
        if at + size > v.n or not v.texts[at][:1].isupper():
            continue
        entry, _ = _lookup(lx, v.span_text(at, at + size))
        if entry is not None and entry.subtype in QUALIFIER_TYPES and entry.country:
            return entry
    return None


QUALIFIER_TYPES = frozenset({"Country", "State", "AdministrativeArea"})


def _building(name: str, lx: Lexicon) -> Entity:
    """A building by its name; keyed by the name with its building word in English, so "Dolmabahce-Palast"
    and "Dolmabahce Palace" meet."""
    stem, word = re.split(r"[ -]", name)[:-1], re.split(r"[ -]", name)[-1]
    key = slug(" ".join(stem + [lx.building_words.get(word, word)]))
    return Entity(key=f"place:{key}", kind=PLACE, name=name, subtypes=["LandmarksOrHistoricalBuildings"],
                  resolution_key=f"place:{key}")


def _context_place(name: str, contained_in: str | None = None) -> Entity:
    """A place the gazetteer does not hold, keyed by its name so later mentions join it."""
    return Entity(key=f"place:{slug(name)}", kind=PLACE, name=name, subtypes=["City"],
                  resolution_key=f"place:{slug(name)}", contained_in=contained_in)


def _looks_like_person(doc: Doc, i: int, lx: Lexicon) -> bool:
    """A given name followed by a capitalised word is a person ("Antony Blinken"), not a place."""
    v = token_view(doc)
    text = v.texts[i]
    given = text in lx.given_names or (  # "Jaroslaw Schelesnjak": a spelling variant of a given name
        lx.is_given_name(text) and (i == 0 or v.texts[i - 1].lower() not in lx.place_cues))
    return given and i + 1 < v.n and v.texts[i + 1][:1].isupper() and v.is_alpha[i + 1] \
        and v.texts[i + 1].lower() not in lx.common_words


GIVEN_NAME_TOWN_MAX = 500_000  # "Antony" alone is a person; "Riyadh", "Paris" are the cities


def _compound_prefixes(doc: Doc, lx: Lexicon) -> None:
    """German compounds keep their hyphen in one token: "US-Präsident", "Ukraine-Kriegs" name a country
    as an attribute."""
    for i, text in enumerate(token_view(doc).texts):
        if "-" in text[1:] and text[:1].isupper() and free(doc, i, i + 1):
            entry, _ = _lookup(lx, text.split("-", 1)[0])
            if entry is not None and entry.kind == "country":
                pending_adjectives(doc).append((i, i + 1, entry.country))


def _after_given_name(doc: Doc, i: int, lx: Lexicon) -> bool:
    """"Marco Rubio", "Randy George": a surname that is also a town."""
    if i == 0:
        return False
    v = token_view(doc)
    prev = v.texts[i - 1]
    return prev[:1].isupper() and lx.is_given_name(prev) and prev.lower() not in lx.common_words  # also first


def _common_noun_use(doc: Doc, i: int, lx: Lexicon) -> bool:
    """"auf ukrainischem Boden": a city name after an article or adjective is a common noun
    (German uses city names without articles)."""
    if not lx.grammar.nouns_capitalised or i == 0:
        return False
    v = token_view(doc)
    prev = v.texts[i - 1]
    # an adjective stands after an article or a preposition ("ein großes Essen", "auf ukrainischem Boden"),
    # a verb does not ("strebe Kiew ein Treffen an")
    before = v.texts[i - 2].lower() if i >= 2 else ""
    articles = lx.determiners | lx.article_contractions
    adjective_slot = before in articles or before in lx.place_cues or before in lx.common_words or \
        (i >= 2 and v.is_lower[i - 2])
    return prev.lower() in articles or (v.is_lower[i - 1] and prev.endswith(lx.adjective_endings)
                                           and adjective_slot
                                           and prev.lower() not in lx.place_cues
                                           and prev.lower() not in lx.common_words)  # "zwischen Kiew", "oder Paris"




def _context_places(doc: Doc, lx: Lexicon) -> None:
    """Places below the gazetteer's cut: "in Davos in der Schweiz", "nach Davos (Schweiz)", "at Davos, Switzerland"."""
    ents = doc._.ng_entities
    country_at = {}
    for sp in doc.spans["ng_mentions"]:
        e = ents.get(sp.label_)
        if e is not None and (e.kind == COUNTRY or "State" in e.subtypes):
            country_at[sp.start] = e
    texts = token_view(doc).texts
    for start, country in country_at.items():
        j = start - 1
        while j >= 0 and texts[j].lower() in ("in", "der", "dem", "im", ",", "(", "the"):
            j -= 1
        if j < 1 or j == start - 1:
            continue
        cand = texts[j]
        cue = texts[j - 1].lower()
        if cue in lx.place_cues and _unknown_name(cand, lx) and free(doc, j, j + 1):
            # keyed by name alone, so "in Davos" elsewhere (without the country) is the same place
            e = _context_place(cand, country.key)
            add_mention(doc, e, j, j + 1, NAME)
            _later_mentions(doc, e, lx)
    _repeated_cue_places(doc, lx)


def _venue_places(doc: Doc, lx: Lexicon) -> None:
    """A venue by its own name: "im Anwesen Mar-a-Lago" (German: noun first), "his Mar-a-Lago
    estate" (English: name first; the tokenizer splits it at the hyphens)."""
    v = token_view(doc)
    texts = v.texts
    for i in range(v.n - 1):
        if lx.grammar.venue_noun_first:
            noun, start, end = texts[i], i + 1, i + 2
            if end < v.n and texts[end][:1].isupper():
                continue  # "im Hotel Bayerischer Hof": a name of several words, not one we can bound
            if texts[start].endswith("s") and texts[start][:-1] in v.text_set:
                continue  # "eine Residenz Putins": the owner in the genitive
        else:
            noun, end = texts[i + 1], i + 1
            start = _hyphenated_start(v, i)
            # "the Qasr Al Watan palace": a name of several capitalised words (particles "al", "bin" inside)
            while start - 1 >= 0 and start > i - 3 and (texts[start - 1][:1].isupper() and v.is_alpha[start - 1]
                                                        and not v.sent_start[start - 1]) and \
                    texts[start - 1].lower() not in lx.common_words and free(doc, start - 1, end):
                start -= 1
        name = v.span_text(start, end)
        if noun.lower() in lx.venue_nouns and _unknown_name(name, lx) and \
                not name.lower().endswith(lx.noun_endings) and free(doc, start, end):
            if not lx.grammar.venue_noun_first and noun in lx.building_words and free(doc, start, end + 1):
                # "the Mariinskyi Palace": the capitalised noun is part of the building's name
                e = _building(v.span_text(start, end + 1), lx)
                add_mention(doc, e, start, end + 1, NAME)
                continue
            e = _context_place(name)
            add_mention(doc, e, start, end, NAME)
            _later_mentions(doc, e, lx, end - start)
    # "im Dolmabahce-Palast": one hyphenated word
    for i in range(v.n):
        head, _, last = texts[i].rpartition("-")
        if head and head[:1].isupper() and last in lx.building_words and _unknown_name(head, lx) and \
                free(doc, i, i + 1):
            add_mention(doc, _building(texts[i], lx), i, i + 1, NAME)


def _join_same_named(doc: Doc) -> None:
    """Once the article says which Palm Beach it means ("in Palm Beach, Florida"), its other
    mentions of that name (the dateline "PALM BEACH -") are the same place, not the
    gazetteer's namesake elsewhere."""
    ents = doc._.ng_entities
    local = {e.name.lower(): e for e in ents.values() if e.kind == PLACE and not e.geonames_id}
    if not local:
        return
    for e in list(ents.values()):
        if e.kind != PLACE or not e.geonames_id:
            continue
        texts = {m.text.lower() for m in e.mentions}
        target = local.get(next(iter(texts))) if len(texts) == 1 else None
        if target is None:
            continue
        spans = [(sp.start, sp.end) for sp in doc.spans["ng_mentions"] if sp.label_ == e.key]
        remove_entity(doc, e.key)
        for start, end in spans:
            add_mention(doc, target, start, end, NAME)


def _hyphenated_start(v, end_token: int) -> int:
    """First token of a hyphenated name ending at `end_token` ("Mar", "-", "a", "-", "Lago")."""
    a = end_token
    while a >= 2 and v.texts[a - 1] == "-" and v.idx[a - 1] == v.idx[a] - 1 and \
            v.idx[a - 2] + len(v.texts[a - 2]) == v.idx[a - 1] and v.texts[a - 2].isalpha():
        a -= 2
    return a


def _capitals(doc: Doc, lx: Lexicon) -> None:
    """"the Emirati capital", "in der ukrainischen Hauptstadt": a place described by its country.
    Not when the name follows ("the Czech capital Prague": that name is the mention)."""
    v = token_view(doc)
    texts = v.texts
    for i in range(1, v.n):
        if texts[i].lower() not in lx.capital_words or not free(doc, i - 1, i + 1):
            continue
        named_after = i + 1 < v.n and texts[i + 1][:1].isupper() and v.is_alpha[i + 1]
        if named_after and not (lx.grammar.genitive_s and texts[i + 1].endswith("s")):
            continue  # "the Czech capital Prague": the name is the mention (but "die Hauptstadt Finnlands")
        iso = None if named_after else lx.demonym_country(texts[i - 1])
        start = i - 1
        if iso is None:  # "die Hauptstadt der Emirate", "the capital of Ukraine": the word alone is the mention
            iso, start = _country_after(doc, lx, i + 1, bare=named_after), i
        city = lx.capitals.get(iso) if iso else None
        if city is not None:
            add_mention(doc, place_entity(city), start, i + 1, ROLE)


def _country_after(doc: Doc, lx: Lexicon, j: int, bare: bool = False) -> str | None:
    """ISO code of the country named in the genitive from token j ("der Ukraine", "of the UAE", bare:
    "Finnlands")."""
    v = token_view(doc)
    k = j
    while k < v.n and k < j + 2 and v.texts[k].lower() in lx.genitive_links:
        k += 1
    if (k == j) != bare:
        return None
    for sp in doc.spans["ng_mentions"]:
        if sp.start == k:
            ent = doc._.ng_entities.get(sp.label_)
            if ent is not None and ent.kind == COUNTRY and ent.geonames_id:
                return lx.iso_of_country.get(ent.geonames_id)
    return None


def _event_places(doc: Doc, lx: Lexicon) -> None:
    """A meeting or forum held "in X": "beim Weltwirtschaftsforum in Davos", "talks in Bürgenstock"."""
    v = token_view(doc)
    texts = v.texts
    for i in range(2, v.n):
        if texts[i - 1].lower() not in lx.place_cues or not texts[i - 2].lower().endswith(lx.event_cues):
            continue
        name = texts[i]
        if _unknown_name(name, lx) and not name.lower().endswith(lx.noun_endings) and free(doc, i, i + 1) \
                and (i + 1 >= v.n or not texts[i + 1][:1].isupper() or texts[i + 1] in ("(",)):
            e = _context_place(name)
            add_mention(doc, e, i, i + 1, NAME)
            _later_mentions(doc, e, lx)


def _unknown_name(t: str, lx: Lexicon) -> bool:
    return t[:1].isupper() and all(c.isalpha() or c in "- " for c in t) and not t.isupper() \
        and t.lower() not in lx.common_words and not lx.is_given_name(t) and not lx.is_role_word(t)


def _repeated_cue_places(doc: Doc, lx: Lexicon) -> None:
    """A name the article twice puts after "in"/"nach"/"at" ("in Davos ... nach Davos") is a place."""
    seen: dict[str, list[int]] = {}
    v = token_view(doc)
    texts = v.texts
    for i in range(1, v.n):
        if texts[i - 1].lower() in lx.place_cues and not v.sent_start[i] \
                and _unknown_name(texts[i], lx) and free(doc, i, i + 1):
            if i + 1 >= v.n or not texts[i + 1][:1].isupper():
                seen.setdefault(texts[i], []).append(i)
    for name, where in seen.items():
        if len(where) >= 2:
            e = _context_place(name)
            add_mention(doc, e, where[0], where[0] + 1, NAME)
            _later_mentions(doc, e, lx)


def _later_mentions(doc: Doc, entity: Entity, lx: Lexicon, size: int = 1) -> None:
    """Every other place the article writes the name (a span of `size` tokens)."""
    v = token_view(doc)
    first = entity.name.split("-", 1)[0] if size > 1 else entity.name
    for i, text in enumerate(v.texts):
        if text == first and i + size <= v.n and free(doc, i, i + size) and \
                (size == 1 or v.span_text(i, i + size) == entity.name):
            add_mention(doc, entity, i, i + size, NAME)


def _city_adjectives(doc: Doc, lx: Lexicon) -> None:
    """"im Brüsseler Europa-Gebäude", "in der Moskauer Innenstadt": a city's adjective after a preposition of
    place says where (not "die Genfer Konventionen", which names no place)."""
    if not lx.grammar.city_adjectives:
        return
    v = token_view(doc)
    texts = v.texts
    for i in range(1, v.n - 1):
        t = texts[i]
        if not (t.endswith("er") and t[:1].isupper() and texts[i + 1][:1].isupper() and free(doc, i, i + 1)):
            continue
        if not any(i >= len(lead) and tuple(w.lower() for w in texts[i - len(lead):i]) == lead
                   for lead in lx.city_adjective_leads):
            continue
        entry = next((p for p in lx.places.get(t[:-2], []) if p.subtype == "City" and p.population >= 100_000), None)
        if entry is not None:
            add_mention(doc, place_entity(entry), i, i + 1, NAME, surface=t[:-2])


def _adjectives(doc: Doc, lx: Lexicon) -> None:
    v = token_view(doc)
    for i, text in enumerate(v.texts):
        if v.is_lower[i] and len(text) > 4 and free(doc, i, i + 1):
            iso = lx.demonym_country(text)
            if iso:
                pending_adjectives(doc).append((i, i + 1, iso))


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
