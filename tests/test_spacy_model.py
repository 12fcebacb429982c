"""A statistical spaCy pipeline plugs in by name and its entities are merged with ours.

No model can be downloaded here, so the test trains a tiny NER pipeline, saves it, and
loads it by path exactly as `--spacy-model NAME` loads an installed one."""
from __future__ import annotations

import random

import pytest
import spacy
from spacy.training import Example

from newsgraph.extractors.pipeline import Extractor, ExtractorError
from newsgraph.extractors.records import PERSON

NAME = "Ozzo Brembeck"  # an invented name: no given-name list, role or surname shape points at it
TRAIN = [
    ("Ozzo Brembeck besuchte gestern die Ausstellung.", [(0, 13, "PER")]),
    ("Gestern sprach Ozzo Brembeck lange mit Journalisten.", [(15, 28, "PER")]),
    ("Nach dem Treffen lobte Ozzo Brembeck die Gespräche.", [(23, 36, "PER")]),
    ("Ozzo Brembeck reiste danach weiter.", [(0, 13, "PER")]),
    ("Die Delegation wurde von Ozzo Brembeck geführt.", [(25, 38, "PER")]),
    ("Ilvo Tramsek besuchte die Hauptstadt.", [(0, 12, "PER")]),
    ("Am Abend traf Ilvo Tramsek die Vertreter.", [(14, 26, "PER")]),
    ("Die Gespräche dauerten bis zum Abend.", []),
]
TEXT = "Am Montag äußerte sich Ozzo Brembeck zu den Verhandlungen."


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    random.seed(0)
    nlp = spacy.blank("de")
    ner = nlp.add_pipe("ner")
    ner.add_label("PER")
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.1)
    path = tmp_path_factory.mktemp("model") / "de_tiny_ner"
    nlp.to_disk(path)
    return str(path)


def persons(extractor, text):
    return {e.name for e in extractor.extract(text, "de", None).entities if e.kind == PERSON}


def test_rules_alone_do_not_know_the_name():
    assert NAME not in persons(Extractor(), TEXT)


def test_the_model_adds_its_entities(model_dir):
    found = persons(Extractor(spacy_model=model_dir), TEXT)
    assert NAME in found


def test_rules_still_work_with_a_model(model_dir):
    text = "Kremlsprecher Dmitri Peskow sagte, Ozzo Brembeck sei willkommen."
    found = persons(Extractor(spacy_model=model_dir), text)
    assert "Dmitri Peskow" in found


def test_model_for_another_language_is_not_used(model_dir):
    ex = Extractor(spacy_model=model_dir)
    names = {e.name for e in ex.extract("Ozzo Brembeck met officials in Kyiv.", "en", None).entities}
    assert "Kyiv" in names  # English articles use the rule pipeline


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ExtractorError, match="not installed"):
        Extractor(spacy_model="xx_no_such_model").extract("Text.", "de", None)
