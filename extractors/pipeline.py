"""Builds the extraction pipeline and turns a Doc into an `Extraction`.

The pipeline is spaCy's blank language plus our components (registered with
`@Language.factory` in their own modules), in the order `pipeline.yaml` gives.
A statistical spaCy model plugs in by name: its own components run first and our
components merge their entities with its `doc.ents`.

Doc extensions the components share (set up in `doc_extensions.py`):
- `doc.spans["ng_mentions"]`: every entity mention; span.label_ is the entity key,
  `span._.ng_form` one of records.MENTION_FORMS;
- `doc._.ng_entities`: dict key -> records.Entity;
- `doc._.ng_meetings`: list of records.Meeting; `doc._.ng_claims`: list of records.Claim;
- `doc._.ng_published`: the article's publication date (datetime.date or None).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources

import spacy
import yaml

from . import doc_extensions  # noqa: F401  (registers Doc/Span extensions)
from .records import Extraction

SUPPORTED_LANGUAGES = ("de", "en")


class ExtractorError(Exception):
    """Raised when the pipeline cannot be built (unknown language, missing model)."""


def component_names() -> list[str]:
    data = yaml.safe_load(resources.files(__package__).joinpath("pipeline.yaml").read_text("utf-8"))
    return list(data["components"])


def _register_components() -> None:
    # Importing the modules runs their @Language.factory decorators.
    from . import components  # noqa: F401


@lru_cache(maxsize=8)
def build_pipeline(lang: str, spacy_model: str | None = None) -> spacy.language.Language:
    """A ready pipeline for `lang`; with `spacy_model`, that model's components first."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ExtractorError(f"unsupported language {lang!r} (supported: {', '.join(SUPPORTED_LANGUAGES)})")
    _register_components()
    if spacy_model:
        try:
            nlp = spacy.load(spacy_model)
        except OSError as exc:
            raise ExtractorError(
                f"spaCy model {spacy_model!r} is not installed or not a pipeline directory: {exc}") from exc
        if nlp.lang != lang:
            raise ExtractorError(f"spaCy model {spacy_model!r} is for {nlp.lang!r}, the article is {lang!r}")
    else:
        nlp = spacy.blank(lang)
    for name in component_names():
        if name == "ng_sentences" and ("parser" in nlp.pipe_names or "senter" in nlp.pipe_names):
            continue
        nlp.add_pipe(name, config={"lang": lang})
    return nlp


@lru_cache(maxsize=8)
def _model_language(spacy_model: str) -> str:
    try:
        return spacy.load(spacy_model).lang
    except OSError as exc:
        raise ExtractorError(
            f"spaCy model {spacy_model!r} is not installed or not a pipeline directory: {exc}") from exc


class Extractor:
    """An article in, typed records with evidence spans out."""

    def __init__(self, spacy_model: str | None = None, spacy_models: dict[str, str] | None = None):
        # One model name for all languages, or one per language ({"de": "de_core_news_lg"}).
        self.spacy_model = spacy_model
        self.spacy_models = spacy_models or {}

    def _model_for(self, lang: str) -> str | None:
        if lang in self.spacy_models:
            return self.spacy_models[lang]
        if self.spacy_model and _model_language(self.spacy_model) == lang:
            return self.spacy_model
        return None

    def warm(self) -> None:
        """Load every language's pipeline and lexicons now: forked workers then share them
        instead of each spending seconds on its own first article."""
        for lang in SUPPORTED_LANGUAGES:
            try:
                self.extract("", lang)
            except ExtractorError:
                pass  # a configured model that cannot load is reported at its first article

    def extract(self, text: str, lang: str, published: dt.date | None = None, title: str | None = None) -> Extraction:
        """`title`: the headline, read for the persons it names in full (news bodies often use only their
        surnames); nothing else is taken from it, so every record's evidence lies in `text`."""
        nlp = build_pipeline(lang, self._model_for(lang))
        doc = nlp.make_doc(text)
        doc._.ng_published = published
        doc._.ng_known_persons = self._headline_persons(self.extract(title, lang)) if title else None
        doc._.ng_headline = title
        doc._.ng_entities, doc._.ng_meetings, doc._.ng_claims = {}, [], []
        doc.spans["ng_mentions"] = []
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return Extraction(entities=list(doc._.ng_entities.values()),
                          meetings=list(doc._.ng_meetings), claims=list(doc._.ng_claims))

    @staticmethod
    def _headline_persons(found: Extraction) -> dict[str, tuple[str, str | None]]:
        """Family name -> (full name, given name) of the persons a headline names with a given name."""
        return {e.family_name: (e.name, e.given_name) for e in found.entities
                if e.kind == "person" and e.family_name and e.given_name}
