"""The entity components registered with spaCy, each doing one thing to the Doc."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..sentences import init_extensions
from .lexicon import lexicon
from .linker import link
from .model_entities import merge_model_entities
from .organizations import find_organizations
from .persons import find_bare_surnames, find_persons, find_possessors, set_genders
from .places import find_places


def _component(fn):
    def factory(nlp: Language, name: str, lang: str):
        lx = lexicon(lang)

        def component(doc: Doc) -> Doc:
            init_extensions(doc)
            fn(doc, lx)
            return doc
        return component
    return factory


Language.factory("ng_organizations", default_config={"lang": "de"})(_component(find_organizations))
Language.factory("ng_places", default_config={"lang": "de"})(_component(find_places))
Language.factory("ng_persons", default_config={"lang": "de"})(_component(
    lambda doc, lx: (find_persons(doc, lx), find_possessors(doc, lx), merge_model_entities(doc, lx),
                    find_bare_surnames(doc, lx), set_genders(doc))))
Language.factory("ng_entity_linker", default_config={"lang": "de"})(_component(link))
