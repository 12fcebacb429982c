"""Entities a statistical spaCy model found (`--spacy-model`), merged with ours.

Rules run first and keep their mentions; the model adds what they missed: persons of two or
more words, places (looked up in the gazetteer for their GeoNames ID) and organisations.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..records import NAME, PERSON, PLACE, Entity
from .lexicon import Lexicon
from .mentions import add_mention, free, slug
from .organizations import org_entity
from .places import _lookup, place_entity

PERSON_LABELS = {"PER", "PERSON"}
PLACE_LABELS = {"LOC", "GPE"}
ORG_LABELS = {"ORG"}


def merge_model_entities(doc: Doc, lx: Lexicon) -> None:
    for ent in doc.ents:
        if not free(doc, ent.start, ent.end) or not ent.text[:1].isupper():
            continue
        if ent.label_ in PERSON_LABELS and len(ent) >= 2:
            words = ent.text.split()
            e = Entity(key=f"person:{slug(words[-1])}-{slug(words[0])[:1]}", kind=PERSON, name=ent.text,
                       given_name=words[0], family_name=words[-1], resolution_key=f"person:{slug(words[-1])}")
            add_mention(doc, doc._.ng_entities.get(e.key, e), ent.start, ent.end, NAME)
        elif ent.label_ in PLACE_LABELS:
            entry, form = _lookup(lx, ent.text)
            if entry is not None:
                add_mention(doc, place_entity(entry), ent.start, ent.end, NAME, surface=form)
            else:
                e = Entity(key=f"place:{slug(ent.text)}", kind=PLACE, name=ent.text,
                           resolution_key=f"place:{slug(ent.text)}")
                add_mention(doc, doc._.ng_entities.get(e.key, e), ent.start, ent.end, NAME)
        elif ent.label_ in ORG_LABELS:
            e = org_entity(slug(ent.text), ent.text, "Organization")
            add_mention(doc, doc._.ng_entities.get(e.key, e), ent.start, ent.end, NAME)
