"""ng_organizations: institutions, alliances, parties, forums and media from the organisation
list (with their names across languages), and ministries by their name's shape."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from ..records import ADJECTIVE, NAME, ORGANIZATION, Entity
from ..tokens import token_view
from .lexicon import Lexicon, _data
from .mentions import add_mention, free, slug

_MINISTRY_DE = re.compile(r"^(?:[A-ZÄÖÜ][\w-]*-)?[A-ZÄÖÜ]\w*ministerium[s]?$")


def org_entity(key: str, name: str, subtype: str) -> Entity:
    subtypes = [subtype] if subtype != "Organization" else []
    return Entity(key=f"org:{key}", kind=ORGANIZATION, name=name, subtypes=subtypes, resolution_key=f"org:{key}")


@lru_cache(maxsize=1)
def _patterns() -> dict:
    data = _data("organizations_patterns.yaml")
    return {"heads": {lang: frozenset(ws) for lang, ws in data["heads"].items()}, "inside": frozenset(data["inside"])}


def _pattern_orgs(doc: Doc, lx: Lexicon) -> None:
    """Organisations by the shape of their name: a head word ("Institute", "Exchange", "Gemeinschaft") with
    capitalised words before it and an "of/for …" phrase after it, or a German compound ending in one."""
    pats = _patterns()
    heads, inside = pats["heads"].get(lx.lang, frozenset()), pats["inside"]
    v = token_view(doc)
    texts, n = v.texts, v.n

    def cap(k: int) -> bool:
        return k < n and texts[k][:1].isupper() and (v.is_alpha[k] or texts[k].endswith(".")) and \
            texts[k].lower() not in lx.common_words
    for h in range(n):
        word = texts[h]
        compound = lx.lang == "de" and "-" in word[1:] and word.rsplit("-", 1)[1] in heads and word[:1].isupper()
        if word not in heads and not compound:
            continue
        if compound:
            if free(doc, h, h + 1):
                add_mention(doc, org_entity(slug(word), word, "Organization"), h, h + 1, NAME)
            continue
        a = h
        while a - 1 >= 0 and cap(a - 1) and not v.sent_start[a - 1] and free(doc, a - 1, a):
            a -= 1
        if a - 1 >= 0 and v.sent_start[a - 1] and cap(a - 1) and free(doc, a - 1, a):
            a -= 1
        b = h + 1
        # "for the Study of War", "for Security Studies": small words, then capitalised ones
        k = b
        while k < n and (texts[k] in inside or cap(k)):
            k += 1
        while k > b and texts[k - 1] in inside:
            k -= 1
        if k > b and texts[b] in ("for", "of", "on", "für", "der", "des") and any(cap(x) for x in range(b, k)):
            b = k
        if b - a < 2 or not free(doc, a, b):
            continue  # a head word alone ("the Council") is no name
        if a - 1 >= 0 and cap(a - 1) and not free(doc, a - 1, a):
            continue  # "European Union Monitoring Mission": the list's name before it; no half of a name
        name = v.span_text(a, b)
        add_mention(doc, org_entity(slug(name), name, "Organization"), a, b, NAME)


def find_organizations(doc: Doc, lx: Lexicon) -> None:
    _country_ministries(doc, lx)
    v = token_view(doc)
    texts = v.texts
    n = v.n
    i = 0
    while i < n:
        tok_text = text = texts[i]
        if not (text[:1].isupper() or text[:1].isdigit() or text in lx.orgs) or not free(doc, i, i + 1):
            i += 1
            continue
        matched = 0
        known_start = text in lx.org_starts or (text.endswith("s") and text[:-1] in lx.org_starts)
        for size in range(min(lx.max_org_tokens, n - i) if known_start else 1, 0, -1):
            if not free(doc, i, i + size):
                continue
            text = v.span_text(i, i + size)
            hit = lx.orgs.get(text) or (lx.orgs.get(text[:-1]) if lx.lang == "de" and text.endswith("s")
                                         and len(text) > 4 else None)
            if hit is None and size == 1 and _MINISTRY_DE.match(text) and lx.lang == "de":
                name = text[:-1] if text.endswith("s") else text
                hit = (slug(name), name, "GovernmentOrganization")
            if hit is None:
                continue
            key, canonical, subtype = hit
            if size == 1 and i + 1 < n and texts[i + 1] == "-" and key not in ("nato",):
                break  # "Kreml-Sprecher": a compound, handled as a role
            add_mention(doc, org_entity(key, canonical, subtype), i, i + size, NAME)
            matched = size
            break
        if not matched and lx.lang == "en":
            matched = _english_ministry(doc, i)
        if not matched and "-" in tok_text[1:] and free(doc, i, i + 1):
            hit = lx.orgs.get(tok_text.split("-", 1)[0])
            if hit is not None:  # "Nato-Beitritt", "EU-Gipfel": the organisation as an attribute
                key, canonical, subtype = hit
                add_mention(doc, org_entity(key, canonical, subtype), i, i + 1, ADJECTIVE)
                matched = 1
        i += matched or 1
    _pattern_orgs(doc, lx)


def _english_ministry(doc: Doc, i: int) -> int:
    """"Ministry of Foreign Affairs", "Department of Defense" (capitalised words after "of")."""
    v = token_view(doc)
    texts, n = v.texts, v.n
    if texts[i] not in ("Ministry", "Department") or i + 2 >= n or texts[i + 1] != "of":
        return 0
    j = i + 2
    while j < n and (texts[j][:1].isupper() or (texts[j] == "and" and j + 1 < n and texts[j + 1][:1].isupper())):
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
        if lx.lang == "de":  # "Verteidigungsministerium(s)": the field is the compound's first part
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
