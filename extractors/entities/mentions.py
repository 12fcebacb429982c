"""Adding entities and their mentions to a Doc, one way for every entity component.

Mentions never overlap: a token claimed by one mention is not claimed again.
"""
from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc, Span

from ..records import ADJECTIVE, Entity, Mention
from ..sentences import init_extensions
from ..tokens import token_view

_TAKEN = "ng_taken"
_PENDING = "ng_pending_adjectives"


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def taken(doc: Doc) -> list[bool]:
    """One flag per token, True when a mention claims it (kept in doc.user_data, built once)."""
    flags = doc.user_data.get(_TAKEN)
    if flags is not None and len(flags) == len(doc):
        return flags
    init_extensions(doc)
    if _TAKEN not in doc.user_data or len(doc.user_data[_TAKEN]) != len(doc):
        flags = [False] * len(doc)
        for sp in doc.spans["ng_mentions"]:
            for i in range(sp.start, sp.end):
                flags[i] = True
        doc.user_data[_TAKEN] = flags
    return doc.user_data[_TAKEN]


def free(doc: Doc, start: int, end: int) -> bool:
    t = doc.user_data.get(_TAKEN)
    if t is None or len(t) != len(doc):
        t = taken(doc)
    if end == start + 1:
        return not t[start]
    return not any(t[start:end])


def get_or_add(doc: Doc, entity: Entity) -> Entity:
    entities = doc._.ng_entities
    if entity.key in entities:
        return entities[entity.key]
    entities[entity.key] = entity
    return entity


def add_mention(doc: Doc, entity: Entity, start: int, end: int, form: str, surface: str | None = None) -> bool:
    """Record tokens [start, end) as a mention of `entity`; False when they are already claimed."""
    if start >= end or not free(doc, start, end):
        return False
    entity = get_or_add(doc, entity)
    span = Span(doc, start, end, label=entity.key)
    span._.ng_form = form
    group = doc.spans["ng_mentions"]
    group.append(span)
    t = taken(doc)
    for i in range(start, end):
        t[i] = True
    v = token_view(doc)  # offsets and text without creating Tokens
    text = v.span_text(start, end)
    entity.mentions.append(Mention(v.idx[start], v.idx[start] + len(text), text, form))
    form_text = surface if surface is not None else text
    if form != ADJECTIVE and form_text != entity.name and form_text not in entity.alternate_names \
            and form in ("name",):
        entity.alternate_names.append(form_text)
    return True


def pending_adjectives(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, ISO) of country adjectives waiting for their country to be named."""
    return doc.user_data.setdefault(_PENDING, [])


def remove_entity(doc: Doc, key: str) -> None:
    """Forget an entity and free its tokens (a place that turned out to be a person's surname)."""
    doc._.ng_entities.pop(key, None)
    kept = [sp for sp in doc.spans["ng_mentions"] if sp.label_ != key]
    doc.spans["ng_mentions"] = kept
    doc.user_data.pop(_TAKEN, None)
