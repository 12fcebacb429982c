"""ng_entity_linker: one entity, all its mentions.

Joins later surname-only mentions ("Selenskyj", "Trumps", "Zelensky's") to the full-name
person, role-only mentions ("der ukrainische Präsident", "Kremlchef", "the Ukrainian
leader") to the named holder of that role, country adjectives to named countries, and places
to the country that contains them.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..records import COUNTRY, NAME, ORGANIZATION, PERSON, PLACE, ROLE, Entity
from .lexicon import Lexicon
from .mentions import add_mention, free, remove_entity
from .persons import APOSTROPHES, DETERMINERS
from .places import attach_adjectives, link_containment


def link(doc: Doc, lx: Lexicon) -> None:
    persons = [e for e in doc._.ng_entities.values() if e.kind == PERSON]
    _surnames(doc, lx, persons)
    _roles(doc, lx, persons)
    attach_adjectives(doc, lx)
    link_containment(doc, lx)
    _affiliations(doc, lx, persons)


def _surnames(doc: Doc, lx: Lexicon, persons: list[Entity]) -> None:
    by_surname: dict[str, list[Entity]] = {}
    for e in persons:
        by_surname.setdefault(e.family_name or e.name.split()[-1], []).append(e)
    for e in list(doc._.ng_entities.values()):  # "Rubio called …": a surname, not the town of that name
        if e.kind == PLACE and e.mentions and all(m.text in by_surname for m in e.mentions):
            remove_entity(doc, e.key)
    for tok in doc:
        if not tok.text[:1].isupper() or not free(doc, tok.i, tok.i + 1):
            continue
        text, stem = tok.text, None
        if text in by_surname:
            stem = text
        elif lx.lang == "de" and text.endswith("s") and text[:-1] in by_surname:
            stem = text[:-1]
        if stem is None or len(by_surname[stem]) != 1:
            continue  # unknown, or ambiguous between two people of that surname
        end = tok.i + 1
        if end < len(doc) and doc[end].text in APOSTROPHES:
            end += 1
        add_mention(doc, by_surname[stem][0], tok.i, tok.i + 1, NAME, surface=stem)


def _roles(doc: Doc, lx: Lexicon, persons: list[Entity]) -> None:
    """A role phrase with no name after it refers to the person the article names with that role."""
    holders: dict[str, list[Entity]] = {}
    for e in persons:
        for title in e.job_titles:
            last = title.split()[-1].lower().split("-")[-1]
            holders.setdefault(last, [])
            if e not in holders[last]:
                holders[last].append(e)
    for tok in doc:
        if not free(doc, tok.i, tok.i + 1) or not lx.is_role_word(tok.text):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha and nxt.text.lower() not in lx.common_words:
            continue  # a role followed by a name: the name carries the mention
        low = tok.text.lower().split("-")[-1]
        cands = holders.get(low, [])
        start = tok.i
        while start > 0 and (doc[start - 1].is_lower and (lx.demonym_country(doc[start - 1].text) or
                                                          doc[start - 1].text.lower() in lx.role_modifiers)):
            start -= 1
        iso = next((lx.demonym_country(t.text) for t in doc[start:tok.i] if lx.demonym_country(t.text)), None)
        if iso:
            cands = [c for c in cands if getattr(c, "_ng_nationality", None) in (iso, None)]
        if len(cands) == 1 and (start < tok.i or doc[max(0, start - 1)].text.lower() in DETERMINERS
                                or tok.text[:1].isupper()):
            add_mention(doc, cands[0], start, tok.i + 1, ROLE)


def _affiliations(doc: Doc, lx: Lexicon, persons: list[Entity]) -> None:
    countries = {e.geonames_id: e.key for e in doc._.ng_entities.values() if e.kind == COUNTRY}
    orgs = {e.key for e in doc._.ng_entities.values() if e.kind == ORGANIZATION}
    for e in persons:
        iso = getattr(e, "_ng_nationality", None)
        entry = lx.countries_by_iso.get(iso) if iso else None
        if entry is not None and entry.geonameid in countries:
            e.nationality = countries[entry.geonameid]
        inst = getattr(e, "_ng_institution", None)
        if inst and inst in orgs:
            e.affiliation = inst
        elif e.nationality:
            e.affiliation = e.nationality
