"""ng_sentences: sentence boundaries for German and English news without a parser.

A sentence ends at . ! ? … (and any closing quotes or brackets after it) when the next word
starts a new sentence, unless the word before the full stop is an abbreviation, an initial
or an ordinal number ("am 23. Januar"); a line break always ends one.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import numpy
import yaml
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .tokens import token_view

_END = re.compile(r"[.!?…]+[\"'»«“”’)\]]*(?=\s+)")
_NEXT = re.compile(r"\s+([\"'„“»«‚(\[]*)(\S)")


@lru_cache(maxsize=4)
def _data(lang: str) -> tuple[frozenset, frozenset]:
    data = yaml.safe_load(resources.files(__package__).joinpath("sentences.yaml").read_text("utf-8"))
    abbrev = frozenset(a.lower() for a in data["abbreviations"]["common"] + data["abbreviations"].get(lang, []))
    months = frozenset(m.lower() for m in data["months"].get(lang, []) + data["months"]["common"])
    return abbrev, months


def init_extensions(doc: Doc) -> None:
    if doc._.ng_entities is None:
        doc._.ng_entities = {}
    if doc._.ng_meetings is None:
        doc._.ng_meetings = []
    if doc._.ng_claims is None:
        doc._.ng_claims = []
    if "ng_mentions" not in doc.spans:
        doc.spans["ng_mentions"] = []


def boundaries(text: str, lang: str) -> list[int]:
    """Character offsets where a new sentence starts."""
    abbrev, months = _data(lang)
    starts = [0]
    for m in re.finditer(r"\n\s*", text):
        starts.append(m.end())
    for m in _END.finditer(text):
        before = text[:m.start()].rsplit(None, 1)
        word = before[-1] if before else ""
        nxt = _NEXT.match(text, m.end())
        if not nxt:
            continue
        first = nxt.group(2)
        next_word = re.match(r"[\w-]*", text[nxt.start(2):]).group(0).lower()
        if text[m.start()] == ".":
            bare = word.lstrip("(\"'„“»«").lower()
            if bare + "." in abbrev or bare in abbrev:
                continue
            if len(bare) == 1 and bare.isalpha():  # an initial: "J. D. Vance"
                continue
            if bare.isdigit() and (next_word in months or not first.isupper()):
                continue  # "am 23. Januar", "der 3. Punkt"
        if first.isupper() or first.isdigit() or nxt.group(1):
            starts.append(nxt.start(1) if nxt.group(1) else nxt.start(2))
    return sorted(set(starts))


@Language.factory("ng_sentences", default_config={"lang": "de"})
def make_sentences(nlp: Language, name: str, lang: str):
    def ng_sentences(doc: Doc) -> Doc:
        init_extensions(doc)
        if not len(doc):
            return doc
        view = token_view(doc)
        starts = set(boundaries(view.text, lang))
        # one array write instead of a Token per word: 1 starts a sentence, -1 does not
        flags, prev_newline = [], False
        for text, idx in zip(view.texts, view.idx):
            flags.append(1 if not flags or idx in starts or prev_newline else -1)
            prev_newline = "\n" in text
        doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64"))
        view.sent_start = [f == 1 for f in flags]
        return doc
    return ng_sentences
