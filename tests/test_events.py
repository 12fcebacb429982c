"""Meetings and claims (`newsgraph.extractors.events`): ng_meetings and ng_claims.

Most tests build a Doc with hand-placed entity mentions (spaCy blank + sentencizer +
our two components), so they measure the event components and not the entity ones.
End-to-end tests through `Extractor` run too once the entity components are there.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

from newsgraph.extractors import doc_extensions  # noqa: F401
from newsgraph.extractors.events import components  # noqa: F401  (registers the factories)
from newsgraph.extractors.events.dates import find_dates, resolve
from newsgraph.extractors.events.lexicon import lexicon
from newsgraph.extractors.records import COUNTRY, ORGANIZATION, PERSON, PLACE, Entity, Mention

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


# ---------------------------------------------------------------------------- building docs

@dataclass
class E:
    """An entity for a test doc: every name form is found in the text (also with a genitive -s)."""

    key: str
    kind: str
    names: list[str]
    adjectives: list[str] = field(default_factory=list)  # regex stems: "ukrainisch\\w*", "US-\\w+"
    roles: list[str] = field(default_factory=list)  # role phrases linked to this entity ("der Kanzler")
    job_titles: list[str] = field(default_factory=list)
    contained_in: str | None = None


_NLP: dict[str, spacy.language.Language] = {}


@spacy.Language.component("test_blank_line_sentences")
def blank_line_sentences(doc):
    """Headlines and paragraphs end a sentence (as ng_sentences does)."""
    for i, tok in enumerate(doc[:-1]):
        if tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
    return doc


def nlp_for(lang: str) -> spacy.language.Language:
    if lang not in _NLP:
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("test_blank_line_sentences")
        nlp.add_pipe("ng_meetings", config={"lang": lang})
        nlp.add_pipe("ng_claims", config={"lang": lang})
        _NLP[lang] = nlp
    return _NLP[lang]


def place_mentions(text: str, ents: list[E]) -> list[tuple[int, int, str, str]]:
    """(start, end, key, form) for every name, adjective and role form; longest match wins."""
    found = []
    for e in ents:
        forms = []
        for n in e.names:
            forms.append((re.escape(n) + r"(?:s|'s|’s)?", "name"))
        for a in e.adjectives:
            forms.append((a, "adjective"))
        for r in e.roles:
            forms.append((re.escape(r), "role"))
        for pat, form in forms:
            for m in re.finditer(r"(?<![\w-])" + pat + r"(?!\w)", text):
                found.append((m.start(), m.end(), e.key, form))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out, last = [], -1
    for s, e_, k, f in found:
        if s >= last:
            out.append((s, e_, k, f))
            last = e_
    return out


def make_doc(text: str, lang: str, ents: list[E], published: dt.date | str | None = None):
    """A Doc through sentencizer + ng_meetings + ng_claims, with mentions placed by name."""
    nlp = nlp_for(lang)
    doc = nlp.make_doc(text)
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    doc._.ng_published = published
    entities = {}
    for e in ents:
        entities[e.key] = Entity(key=e.key, kind=e.kind, name=e.names[0], alternate_names=e.names[1:],
                                 job_titles=list(e.job_titles), contained_in=e.contained_in)
    spans = []
    for s, e_, key, form in place_mentions(text, ents):
        sp = doc.char_span(s, e_, label=key, alignment_mode="expand")
        if sp is None or any(x.start < sp.end and sp.start < x.end for x in spans):
            continue
        sp._.ng_form = form
        spans.append(sp)
        entities[key].mentions.append(Mention(s, e_, text[s:e_], form))
    doc.spans["ng_mentions"] = spans
    doc._.ng_entities = entities
    doc._.ng_meetings, doc._.ng_claims = [], []
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def names(doc, keys) -> list[str]:
    return [doc._.ng_entities[k].name for k in keys]


def claims_by(doc, name: str):
    return [c for c in doc._.ng_claims if doc._.ng_entities[c.author].name == name]
