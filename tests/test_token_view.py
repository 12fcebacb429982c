"""The shared token arrays (extractors/tokens.py) agree with spaCy's Token and Span attributes,
so components reading them extract what they did with Token objects."""
from pathlib import Path

from newsgraph.extractors.pipeline import build_pipeline
from newsgraph.extractors.tokens import token_view

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _doc(lang: str, name: str):
    nlp = build_pipeline(lang)
    doc = nlp.make_doc((SEEDS / name).read_text("utf-8")[:4000])
    return nlp.get_pipe("ng_sentences")(doc)


def test_arrays_match_tokens():
    for lang, name in (("de", "de-2025-11-24-genf-gespraeche.txt"),
                       ("en", "en-2025-12-03-putin-witkoff-kushner-kremlin.txt")):
        doc = _doc(lang, name)
        v = token_view(doc)
        assert v.text == doc.text
        assert v.texts == [t.text for t in doc]
        assert v.idx == [t.idx for t in doc]
        assert v.is_lower == [t.is_lower for t in doc]
        assert v.is_alpha == [t.is_alpha for t in doc]
        assert v.sent_start == [bool(t.is_sent_start) for t in doc]
        for i in range(0, len(doc) - 4, 7):
            for size in (1, 2, 4):
                assert v.span_text(i, i + size) == doc[i:i + size].text
