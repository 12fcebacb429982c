"""ng_organizations: organisations from the lists in data/organizations*.yaml (institutions, parties,
media, companies, sports bodies, with their names across languages), ministries by their name's shape,
and organisations no list knows by the shape of their name (rules and words in
data/organizations_patterns.yaml): head words, legal forms, club prefixes and suffixes, and acronyms
defined in brackets, which then count as aliases in the article (docs/organizations.md)."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from ..records import ADJECTIVE, NAME, ORGANIZATION, Entity
from ..tokens import token_view
from .lexicon import Lexicon, org_patterns
from .mentions import add_mention, free, slug



def org_entity(key: str, name: str, subtype: str) -> Entity:
    subtypes = [subtype] if subtype != "Organization" else []
    return Entity(key=f"org:{key}", kind=ORGANIZATION, name=name, subtypes=subtypes, resolution_key=f"org:{key}")


@lru_cache(maxsize=2)
def _patterns(lang: str) -> dict:
    """The name-shape rules' words for one language (organizations_patterns.yaml)."""
    data = org_patterns()
    heads = {w: t for t, ws in data["heads"].get(lang, {}).items() for w in ws}
    return {"heads": heads, "inside": frozenset(data["inside"]), "of_words": frozenset(data["of_words"]),
            "not_names": frozenset(data["not_names"]), "legal_forms": frozenset(data["legal_forms"]),
            "joiners": frozenset(data["name_joiners"]), "club_prefixes": frozenset(data["club_prefixes"]),
            "club_suffixes": frozenset(data["club_suffixes"]),
            "acronym_words": tuple(data["acronym_org_words"].get(lang, [])),
            "acronym_not_first": frozenset(data["acronym_not_first"]),
            "venue_words": frozenset(data["venue_words"].get(lang, [])),
            "genitive_endings": tuple(data["genitive_endings"].get(lang, [])),
            "weak_heads": frozenset(data["weak_heads"].get(lang, [])),
            "person_titles": frozenset(data["person_titles"].get(lang, []))}


def _aliases(doc: Doc) -> dict[str, Entity]:
    """Names an organisation found by its shape goes by later in the article (its acronym, its name
    without the legal form): surface -> entity."""
    return doc.user_data.setdefault("ng_org_aliases", {})


def _cap(v, lx: Lexicon, k: int) -> bool:
    """A capitalised word that may be part of a name (not a common word of the language)."""
    t = v.texts[k]
    return t[:1].isupper() and (v.is_alpha[k] or t.endswith(".") or "-" in t) and t.lower() not in lx.common_words


def _shape_org(doc: Doc, lx: Lexicon, a: int, b: int, subtype: str, alias: str | None = None,
               name: str | None = None) -> Entity | None:
    """Record tokens [a, b) as an organisation named by its shape, unless the words are a place or a phrase
    the patterns list as no organisation."""
    v = token_view(doc)
    name = name or v.span_text(a, b)
    if name in _patterns(lx.lang)["not_names"] or lx.places.get(name) or not free(doc, a, b):
        return None
    ent = org_entity(slug(name), name, subtype)
    if not add_mention(doc, ent, a, b, NAME):
        return None
    ent = doc._.ng_entities[ent.key]
    if alias and alias != name:
        if alias not in ent.alternate_names:
            ent.alternate_names.append(alias)
        _aliases(doc)[alias] = ent
    return ent


def _pattern_orgs(doc: Doc, lx: Lexicon) -> None:
    """Organisations by the shape of their name: a head word ("Institute", "Party", "Gewerkschaft") with
    capitalised words before it and an "of/for …" phrase after it, or a hyphenated compound ending in one."""
    pats = _patterns(lx.lang)
    heads, inside, of_words = pats["heads"], pats["inside"], pats["of_words"]
    v = token_view(doc)
    texts, n = v.texts, v.n
    for h in range(n):
        word = texts[h]
        tail = word.rsplit("-", 1)[1] if "-" in word[1:] else None
        compound = tail in heads and word[:1].isupper() and v.is_alpha[h] is False
        if word not in heads and not compound:
            continue
        if compound:  # "Funke-Mediengruppe", "Nordland-Partei"
            if free(doc, h, h + 1):
                _shape_org(doc, lx, h, h + 1, heads[tail])
            continue
        a = h
        while a - 1 >= 0 and _cap(v, lx, a - 1) and not v.sent_start[a - 1] and free(doc, a - 1, a) \
                and not lx.is_role_word(texts[a - 1]):
            a -= 1
        if a - 1 >= 0 and v.sent_start[a - 1] and _cap(v, lx, a - 1) and free(doc, a - 1, a) \
                and not lx.is_role_word(texts[a - 1]):
            a -= 1
        b = _of_phrase_end(v, lx, h + 1, inside, of_words) if a < h or word not in pats["weak_heads"] else h + 1
        if b - a < 2 or not free(doc, a, b):
            continue  # a head word alone ("the Council") is no name
        if a - 1 >= 0 and _cap(v, lx, a - 1) and not free(doc, a - 1, a):
            continue  # "European Union Monitoring Mission": the list's name before it; no half of a name
        _shape_org(doc, lx, a, b, heads[word])


def _of_phrase_end(v, lx: Lexicon, b: int, inside, of_words) -> int:
    """"for the Study of War", "der Polizei": small words, then capitalised ones that are no role nouns
    ("die Partei des Präsidenten" names no party)."""
    k = b
    while k < v.n and (v.texts[k] in inside or (_cap(v, lx, k) and not lx.is_role_word(v.texts[k]))):
        k += 1
    while k > b and v.texts[k - 1] in inside:
        k -= 1
    if k > b and v.texts[b] in of_words and any(_cap(v, lx, x) for x in range(b, k)):
        return k
    return b


def _legal_form_orgs(doc: Doc, lx: Lexicon) -> None:
    """"Nordwind Logistik GmbH", "Harlow & Finch plc": capitalised words before a legal form are a company;
    the words alone are its alias later in the article."""
    pats = _patterns(lx.lang)
    forms, joiners = pats["legal_forms"], pats["joiners"]
    v = token_view(doc)
    texts, n = v.texts, v.n
    for k in range(1, n):
        if not _is_legal_form(texts[k], forms) or not free(doc, k, k + 1):
            continue
        a = k
        while a - 1 >= 0 and k - a < 5 and free(doc, a - 1, a) and (
                _cap(v, lx, a - 1) or texts[a - 1].isupper() and len(texts[a - 1]) > 1
                or (texts[a - 1] in joiners and a - 2 >= 0 and _cap(v, lx, a - 2))):
            a -= 1
            if v.sent_start[a]:
                break
        while a < k and (texts[a] in joiners or lx.is_role_word(texts[a])):
            a += 1
        if a == k or (k + 1 < n and texts[k + 1][:1].isupper() and lx.is_given_name(texts[k + 1])
                      and not lx.places.get(texts[k + 1])):
            continue  # no name, or a title before a person ("New York AG Letitia James")
        bare = v.span_text(a, k)
        if lx.places.get(bare) or bare in lx.orgs:
            continue
        end = k + 1
        if texts[k] in ("Corp", "Inc", "Ltd") and end < n and texts[end] == "." and not v.sent_start[end]:
            end += 1
        form = texts[k] if texts[k] in forms else texts[k][:-1]  # "GmbH." at a sentence's end
        _shape_org(doc, lx, a, end, "Corporation", alias=bare, name=f"{v.span_text(a, k + 1)[:-len(texts[k])]}{form}")


def _is_legal_form(word: str, forms) -> bool:
    """"GmbH", and "GmbH." at a sentence's end (one token)."""
    return word in forms or (word.endswith(".") and word[:-1] in forms)


def _club_orgs(doc: Doc, lx: Lexicon) -> None:
    """"FC Nordhafen", "1. FSV Talheim 05", "Kingsmoor Rovers": sports clubs by a prefix or a suffix."""
    pats = _patterns(lx.lang)
    prefixes, suffixes = pats["club_prefixes"], pats["club_suffixes"]
    v = token_view(doc)
    texts, n = v.texts, v.n

    def club_word(k: int) -> bool:
        t = texts[k]
        return (_cap(v, lx, k) and not t.isupper() and not v.sent_start[k]) or (t.isdigit() and 2 <= len(t) <= 4)
    for k in range(n):
        t = texts[k]
        if t in prefixes and free(doc, k, k + 1):
            if (k > 0 and lx.is_role_word(texts[k - 1])) or (not t.isupper() and lx.is_given_name(t)):
                continue  # "coach Dinamo Petrovic": a person
            b = k + 1
            while b < n and b - k <= 3 and club_word(b) and free(doc, b, b + 1):
                b += 1
            if any(not lx.places.get(texts[x]) and (lx.is_given_name(texts[x]) or lx.has_surname_shape(texts[x]))
                   for x in range(k + 1, b)):
                continue  # "Dinamo Petrovski": a person's name
            if b > k + 1 and any(not texts[x].isdigit() for x in range(k + 1, b)):
                a = k - 1 if k > 0 and texts[k - 1] == "1." and free(doc, k - 1, k) else k
                _shape_org(doc, lx, a, b, "SportsOrganization")
        elif t in suffixes and k > 0 and free(doc, k, k + 1):
            a = k
            while a - 1 >= 0 and k - a < 3 and _cap(v, lx, a - 1) and free(doc, a - 1, a) \
                    and not lx.is_role_word(texts[a - 1]):
                a -= 1
                if v.sent_start[a]:
                    break
            if a < k:
                _shape_org(doc, lx, a, k + 1, "SportsOrganization")


_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,5}$")


def _acronym_of(short: str, words: list[str]) -> int | None:
    """Schwartz & Hearst's test: the index of the first word of the shortest run of `words` whose letters
    contain the acronym's letters in order, the first at the start of that word; None when none does."""
    text = " ".join(words)
    s, pos = len(short) - 1, len(text) - 1
    while s >= 0:
        c = short[s].lower()
        while pos >= 0 and (text[pos].lower() != c or (s == 0 and pos > 0 and text[pos - 1] != " ")):
            pos -= 1
        if pos < 0:
            return None
        pos -= 1
        s -= 1
    return text[:pos + 1].count(" ")


def _acronym_definitions(doc: Doc, lx: Lexicon) -> None:
    """"Zentralrat der Juden (ZdJ)", "Nordic Freight Association (NFA)": an organisation's name with its
    acronym in brackets after it; the acronym is an alias later in the article."""
    pats = _patterns(lx.lang)
    v = token_view(doc)
    texts, n = v.texts, v.n
    for j in range(1, n - 2):
        short = texts[j + 1]
        if texts[j] != "(" or texts[j + 2] != ")" or not _ACRONYM.match(short) or \
                sum(c.isupper() for c in short) < 2 or not free(doc, j + 1, j + 2):
            continue
        a = j
        while a - 1 >= 0 and j - a < len(short) + 5 and (texts[a - 1] in pats["inside"] or
                                                          (texts[a - 1][:1].isupper() and not v.is_lower[a - 1])):
            a -= 1
            if v.sent_start[a]:
                break
        first = _acronym_of(short, texts[a:j])
        if first is None:
            continue
        a += first
        while a < j and (texts[a] in pats["inside"] or texts[a].lower() in lx.common_words):
            a += 1
        if a >= j or texts[a] in pats["acronym_not_first"] or lx.is_role_word(texts[a]) or not any(
                texts[x].lower().rstrip("s").endswith(pats["acronym_words"]) or
                texts[x].lower().endswith(pats["acronym_words"]) for x in range(a, j)):
            continue
        known = next((sp for sp in doc.spans["ng_mentions"] if sp.start == a and sp.end == j), None)
        if known is not None:  # the list's name with its acronym: the acronym is that organisation's too
            ent = doc._.ng_entities.get(known.label_)
            if ent is not None and add_mention(doc, ent, j + 1, j + 2, NAME):
                _aliases(doc)[short] = ent
            continue
        ent = _shape_org(doc, lx, a, j, "Organization", alias=short)
        if ent is not None:
            add_mention(doc, ent, j + 1, j + 2, NAME)


def _alias_mentions(doc: Doc, lx: Lexicon) -> None:
    """Later mentions of an alias ("ZdJ", "Nordwind Logistik") are the organisation's."""
    aliases = _aliases(doc)
    if not aliases:
        return
    v = token_view(doc)
    firsts: dict[str, list[tuple[str, int]]] = {}
    for alias in aliases:
        firsts.setdefault(alias.split()[0], []).append((alias, _token_count(alias)))
    for i in range(v.n):
        t = v.texts[i]
        for alias, size in firsts.get(t, ()):
            if i + size <= v.n and free(doc, i, i + size) and v.span_text(i, i + size) == alias:
                add_mention(doc, aliases[alias], i, i + size, NAME)
                break
        else:
            head = t.split("-", 1)[0] if "-" in t[1:] else None
            if head in aliases and free(doc, i, i + 1):  # "ZdS-Präsident": the organisation as an attribute
                add_mention(doc, aliases[head], i, i + 1, ADJECTIVE)


def _token_count(text: str) -> int:
    return len(re.findall(r"\w+|[^\w\s]", text))


def _person_before_or_after(v, lx: Lexicon, i: int, size: int) -> bool:
    """A one-word name that is part of a person's name: after a title, a role noun or a given name ("Mrs
    Roche", "Walt Disney", "Werner von Siemens") or itself a given name before a capitalised word
    ("Chelsea Clinton")."""
    texts = v.texts
    if texts[i].isupper():
        return False  # an acronym ("NATO") is no given name
    if i > 0 and (texts[i - 1] in _patterns(lx.lang)["person_titles"] or lx.is_role_word(texts[i - 1])):
        return True  # "Mrs Roche", "President Ford"
    if i > 0 and texts[i - 1][:1].isupper() and v.is_alpha[i - 1] and lx.is_given_name(texts[i - 1]):
        return True
    if i > 1 and lx.is_name_particle(texts[i - 1]) and lx.is_given_name(texts[i - 2]):
        return True
    j = i + size
    return j < v.n and texts[j][:1].isupper() and v.is_alpha[j] and texts[i][:1].isupper() and \
        lx.is_given_name(texts[i]) and not v.sent_start[j]  # (lowercase "al-Shabaab Islamist": no given name)


def find_organizations(doc: Doc, lx: Lexicon) -> None:
    _country_ministries(doc, lx)
    v = token_view(doc)
    texts, n = v.texts, v.n
    i = 0
    while i < n:
        text = texts[i]
        if not (text[:1].isupper() or text[:1].isdigit() or text in lx.org_starts) or not free(doc, i, i + 1):
            i += 1
            continue
        matched = _listed_at(doc, lx, v, i)
        if not matched:
            matched = _ministry_of_phrase(doc, i, lx)
        if not matched and "-" in text[1:] and free(doc, i, i + 1):
            hit = lx.orgs.get(text.split("-", 1)[0])
            if hit is not None:  # "Nato-Beitritt", "EU-Gipfel": the organisation as an attribute
                key, canonical, subtype = hit
                add_mention(doc, org_entity(key, canonical, subtype), i, i + 1, ADJECTIVE)
                matched = 1
        i += matched or 1
    _acronym_definitions(doc, lx)
    _legal_form_orgs(doc, lx)
    _club_orgs(doc, lx)
    _pattern_orgs(doc, lx)
    _alias_mentions(doc, lx)


def _listed_at(doc: Doc, lx: Lexicon, v, i: int) -> int:
    """The longest listed name starting at token i, recorded as a mention; its length in tokens, or 0."""
    texts, n = v.texts, v.n
    pats = _patterns(lx.lang)
    genitives = pats["genitive_endings"]
    first = texts[i]
    longest = max(lx.org_lengths.get(first, 1), max((lx.org_lengths.get(first[:-len(e)], 1) for e in genitives
                                                     if first.endswith(e)), default=1))
    for size in range(min(longest, n - i), 0, -1):
        if not free(doc, i, i + size):
            continue
        text = v.span_text(i, i + size)
        hit, surface = lx.orgs.get(text), None
        if hit is None and size == 1 and text.endswith(".") and lx.orgs.get(text[:-1]) is not None:
            hit, surface = lx.orgs.get(text[:-1]), text[:-1]  # "in den G-20.": the tokenizer kept the full stop
        for ending in genitives:  # "des Bundestags", "des Roten Kreuzes": the name is the listed form
            if hit is None and text.endswith(ending) and len(text) > len(ending) + 3:
                hit, surface = lx.orgs.get(text[:-len(ending)]), text[:-len(ending)]
        if hit is None and size == 1 and lx.ministry_compound is not None and lx.ministry_compound.match(text):
            name = text[:-1] if text.endswith("s") else text
            hit = (slug(name), name, "GovernmentOrganization")
        if hit is None:
            continue
        key, canonical, subtype = hit
        if size == 1 and i + 1 < n and texts[i + 1] == "-" and key not in ("nato",):
            return 0  # "Kreml-Sprecher": a compound, handled as a role
        if " " not in text and _person_before_or_after(v, lx, i, size):
            return 0  # "Walt Disney", "Chelsea Clinton": a person's name
        if i + size < n and texts[i + size] in pats["venue_words"]:
            return 0  # "Shell Bay", "Allianz Arena": a place named after the organisation
        if size > 1 and v.sent_start[i] and texts[i].lower() in lx.common_words:
            continue  # "Die Zeit drängt": a sentence's article; "Die Linke" is still found as "Linke"
        if i + size < n and _is_legal_form(texts[i + size], pats["legal_forms"]) and free(doc, i + size, i + size + 1):
            size += 1  # "Exxon Mobil Corp.": the listed company with its legal form
        add_mention(doc, org_entity(key, canonical, subtype), i, i + size, NAME, surface=surface)
        return size
    return 0


def _ministry_of_phrase(doc: Doc, i: int, lx: Lexicon) -> int:
    """"Ministry of Foreign Affairs", "Department of Defense" (capitalised words after "of"; ministries.yaml)."""
    v = token_view(doc)
    texts, n = v.texts, v.n
    heads, link, joiner = lx.ministry_of
    if texts[i] not in heads or i + 2 >= n or texts[i + 1] != link:
        return 0
    j = i + 2
    while j < n and (texts[j][:1].isupper() or (texts[j] == joiner and j + 1 < n and texts[j + 1][:1].isupper())):
        j += 1
    if j == i + 2 or not free(doc, i, j):
        return 0
    name = v.span_text(i, j)
    add_mention(doc, org_entity(slug(name), name, "GovernmentOrganization"), i, j, NAME)
    return j - i


def _country_ministries(doc: Doc, lx: Lexicon) -> None:
    """"the Swiss foreign ministry", "Ukraine's energy ministry", "das russische Verteidigungsministerium":
    a ministry by its country and field, one key across languages ("ru-defence-ministry")."""
    v = token_view(doc)
    texts, n = v.texts, v.n
    for i in range(n):
        low = texts[i].lower()
        head = next((h for h in lx.ministry_heads if low.endswith(h)), None)
        if head is None or not free(doc, i, i + 1):
            continue
        if lx.grammar.closed_compounds:  # "Verteidigungsministerium(s)": the field is the compound's first part
            stem = low[:-1] if low.endswith("s") and not head.endswith("s") else low
            field = lx.ministry_fields.get(stem[:-len(head)].rstrip("-")) if stem.endswith(head) else None
            first = i
        else:  # "foreign ministry", "Defence Ministry"
            field = lx.ministry_fields.get(texts[i - 1].lower()) if i > 0 and low == head else None
            first = i - 1
        if field is None or first < 1:
            continue
        iso, start = _ministry_country(v, lx, first)
        if iso is None or not free(doc, start, i + 1):
            continue
        country = lx.countries_by_iso.get(iso)
        name = f"{field.capitalize()} Ministry of {country.name if country else iso}"
        add_mention(doc, org_entity(f"{iso.lower()}-{field}-ministry", name, "GovernmentOrganization"), start, i + 1,
                    NAME, surface=v.span_text(first, i + 1))


def _ministry_country(v, lx: Lexicon, first: int) -> tuple[str | None, int]:
    """The country before a ministry's name: an adjective ("Swiss", "russische"; the mention starts there) or a
    possessive ("Ukraine's": the country stays its own mention)."""
    prev = v.texts[first - 1]
    iso = lx.demonym_country(prev)
    if iso is not None:
        return iso, first - 1
    if first >= 2 and prev in ("'s", "’s"):
        entry = next((e for e in lx.places.get(v.texts[first - 2], []) if e.kind == "country"), None)
        if entry is not None:
            return entry.country, first
    return None, first
