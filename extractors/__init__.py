"""Extraction: an article in, typed records with evidence spans out (no RDF here)."""
from .records import (Claim, Entity, Evidence, Extraction, Meeting, Mention)  # noqa: F401


def __getattr__(name):  # keep `import newsgraph.extractors` cheap: spaCy loads on first use
    if name in ("Extractor", "ExtractorError", "build_pipeline", "SUPPORTED_LANGUAGES"):
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(name)
