"""spaCy components `ng_meetings` and `ng_claims`.

Both read sentence boundaries, `doc.spans["ng_mentions"]`, `doc._.ng_entities` and
`doc._.ng_published`, and append records to `doc._.ng_meetings` / `doc._.ng_claims`.
The analysis of reported speech is shared: meetings need to know who is speaking (a
speaker does not attend the meeting they report on), so it runs once per Doc and the
second component reuses it.
"""
from __future__ import annotations

import threading

from spacy.language import Language
from spacy.tokens import Doc

from .. import doc_extensions  # noqa: F401  (registers the Doc extensions)
from .claims import Speech
from .context import DocContext
from .meetings import Meetings

_cache = threading.local()


def analyse(doc: Doc, lang: str) -> tuple[DocContext, Speech]:
    """The shared analysis of `doc` (built once, reused by the second component)."""
    n_mentions = len(doc.spans["ng_mentions"]) if "ng_mentions" in doc.spans else 0
    ents = doc._.ng_entities
    sig = (len(doc), n_mentions, len(ents) if isinstance(ents, dict) else -1, lang, doc._.ng_published)
    got = getattr(_cache, "value", None)
    if got is not None and got[0] is doc and got[1] == sig:
        return got[2], got[3]
    ctx = DocContext(doc, lang)
    speech = Speech(ctx)
    _cache.value = (doc, sig, ctx, speech)
    return ctx, speech


def _forget(doc: Doc) -> None:
    got = getattr(_cache, "value", None)
    if got is not None and got[0] is doc:
        _cache.value = None


class MeetingFinder:
    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        if doc._.ng_meetings is None:
            doc._.ng_meetings = []
        if not len(doc):
            return doc
        ctx, speech = analyse(doc, self.lang)
        doc._.ng_meetings.extend(Meetings(ctx, speech).meetings())
        return doc


class ClaimFinder:
    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        if doc._.ng_claims is None:
            doc._.ng_claims = []
        if not len(doc):
            return doc
        ctx, speech = analyse(doc, self.lang)
        doc._.ng_claims.extend(speech.claims())
        _forget(doc)
        return doc


@Language.factory("ng_meetings", default_config={"lang": "de"})
def make_meetings(nlp: Language, name: str, lang: str) -> MeetingFinder:
    return MeetingFinder(lang)


@Language.factory("ng_claims", default_config={"lang": "de"})
def make_claims(nlp: Language, name: str, lang: str) -> ClaimFinder:
    return ClaimFinder(lang)
