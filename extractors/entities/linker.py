"""ng_entity_linker: one entity, all its mentions.

Joins later surname-only mentions ("Selenskyj", "Trumps", "Zelensky's") to the full-name
person, role-only mentions ("der ukrainische Präsident", "Kremlchef", "the Ukrainian
leader") to the named holder of that role, country adjectives to named countries, and places
to the country that contains them.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..records import COUNTRY, NAME, ORGANIZATION, PERSON, PLACE, ROLE, Entity
from ..tokens import token_view
from .lexicon import Lexicon, fold
from .mentions import add_mention, free, remove_entity
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
    by_folded = {fold(k): k for k in by_surname if fold(k) != k.casefold()}  # surnames with accents
    v = token_view(doc)
    texts = v.texts
    for i, text in enumerate(texts):
        # "al-Sisi": one token in German; "al", "-", "Sisi" in English
        if i + 2 < v.n and texts[i + 1] == "-" and v.idx[i + 1] == v.idx[i] + len(text) and \
                v.idx[i + 2] == v.idx[i + 1] + 1 and free(doc, i, i + 3):
            joined = text + "-" + texts[i + 2]
            hits = by_surname.get(joined) or by_surname.get(joined[:1].lower() + joined[1:])
            if hits and len(hits) == 1:
                add_mention(doc, hits[0], i, i + 3, NAME, surface=joined)
                continue
        if (not text[:1].isupper() and text not in by_surname) or not free(doc, i, i + 1):
            continue
        stem = None
        if text in by_surname:
            stem = text
        elif lx.grammar.genitive_base(text, min_len=2) in by_surname:
            stem = text[:-1]
        elif fold(text) in by_folded and text[:1].isupper():
            stem = by_folded[fold(text)]  # "Fernandez" for "Fernández": an outlet that drops the accent
        if stem is None:
            continue
        holders = by_surname[stem]
        if len(holders) > 1:
            # "Natwar Singh … Singh said … the Manmohan Singh government": a bare surname is someone already
            # introduced; ambiguous only when two of that surname were
            here = v.idx[i]
            holders = [e for e in holders if min((m.start for m in e.mentions), default=here) < here]
        if len(holders) != 1:
            continue  # unknown, or ambiguous between two people of that surname
        add_mention(doc, holders[0], i, i + 1, NAME, surface=stem)


def _roles(doc: Doc, lx: Lexicon, persons: list[Entity]) -> None:
    """A role phrase with no name after it refers to the person the article names with that role."""
    holders: dict[str, list[Entity]] = {}
    for e in persons:
        for title in e.job_titles:
            last = title.split()[-1].lower().split("-")[-1]
            holders.setdefault(last, [])
            if e not in holders[last]:
                holders[last].append(e)
    v = token_view(doc)
    texts, n = v.texts, v.n
    ents = doc._.ng_entities
    person_starts = {sp.start for sp in doc.spans["ng_mentions"]
                     if getattr(ents.get(sp.label_), "kind", None) == PERSON}
    for i, text in enumerate(texts):
        if not lx.is_role_word(text) or not free(doc, i, i + 1) or _titles_a_name_after(v, lx, i, person_starts):
            continue
        if i + 1 < n and texts[i + 1][:1].isupper() and v.is_alpha[i + 1] and \
                texts[i + 1].lower() not in lx.common_words:
            continue  # a role followed by a name: the name carries the mention
        low = text.lower().split("-")[-1]
        cands = holders.get(low, [])
        start = i
        # "the new president", "der ukrainische Präsident", "the Ghanaian president" (English capitalises the
        # nation's adjective)
        while start > 0 and (lx.demonym_country(texts[start - 1]) or
                             (v.is_lower[start - 1] and texts[start - 1].lower() in lx.role_modifiers)):
            start -= 1
        iso = next((lx.demonym_country(t) for t in texts[start:i] if lx.demonym_country(t)), None)
        if iso:
            # "the Chinese president": one whose nationality the article gives as that nation (when the role
            # carried its own nation's adjective; a holder of unknown nationality might be anyone's president)
            cands = [c for c in cands if getattr(c, "_ng_nationality", None) == iso] if start < i and \
                lx.demonym_country(texts[i - 1]) == iso else \
                [c for c in cands if getattr(c, "_ng_nationality", None) in (iso, None)]
        if len(cands) == 1 and (start < i or texts[max(0, start - 1)].lower() in lx.determiners
                                or text[:1].isupper()):
            add_mention(doc, cands[0], start, i + 1, ROLE)


def _titles_a_name_after(v, lx: Lexicon, i: int, person_starts: set[int]) -> bool:
    """"The Saudi Crown Prince and Prime Minister, Mohammed bin Salman, …": the role is the title of the name
    after the comma, not a reference to another holder."""
    texts, k = v.texts, i + 1
    while k < v.n and k - i <= 4 and (lx.is_role_word(texts[k]) or texts[k].lower() in lx.title_joiners or
                                      (texts[k][:1].isupper() and v.is_alpha[k])):
        k += 1
    if k + 1 >= v.n or texts[k] != ",":
        return False
    return k + 1 in person_starts


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
