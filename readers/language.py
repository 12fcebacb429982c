"""Which language an article is in: German or English, or which unsupported one.

A language declared in the article's metadata is trusted when it is German or English.
Otherwise py3langid, restricted to the candidate set in `stopwords.yaml`, proposes a
language and a stopword-ratio check confirms it: running text in a language has a large
share of that language's function words. So French or Spanish text is reported as such
("unsupported language 'fr'") rather than forced into de/en.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

SUPPORTED_LANGUAGES = ("de", "en")

SAMPLE_CHARS = 6000  # enough text for a stable answer; long articles are not read in full
MIN_WORDS = 8  # below this, a text is too short to call it unsupported: choose between de/en
MIN_RATIO = 0.12  # share of stopwords running text has at least in its own language
CONFIDENT = 0.9  # py3langid probability that settles an unsupported language on its own

# Names and codes a declaration may use, besides two-letter codes with a region ("de-DE").
_DECLARED_ALIASES = {
    "deu": "de", "ger": "de", "german": "de", "deutsch": "de",
    "eng": "en", "english": "en", "englisch": "en",
    "fra": "fr", "fre": "fr", "french": "fr", "spa": "es", "spanish": "es",
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=1)
def _data() -> dict:
    data = yaml.safe_load(resources.files(__package__).joinpath("stopwords.yaml").read_text("utf-8"))
    stopwords = {lang: frozenset(str(w).lower() for w in words) for lang, words in data["stopwords"].items()}
    return {"candidates": [str(c) for c in data["langid_candidates"]], "stopwords": stopwords}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # An own instance: py3langid's module-level identifier may be used (and restricted) elsewhere.
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(_data()["candidates"])
    return identifier


def declared_language(value: object) -> str | None:
    """A declared language as a lower-case code: "de-DE" -> "de", "English" -> "en"; None if blank."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _DECLARED_ALIASES:
        return _DECLARED_ALIASES[text]
    code = re.split(r"[-_.@\s]", text, maxsplit=1)[0]
    return _DECLARED_ALIASES.get(code, code)


def stopword_ratios(words: list[str]) -> dict[str, float]:
    """Per language in stopwords.yaml: the share of `words` (lower case) in its stopword list."""
    if not words:
        return {}
    return {lang: sum(w in stop for w in words) / len(words) for lang, stop in _data()["stopwords"].items()}


def detect_language(text: str) -> str:
    """The language code of `text`: "de" or "en", or the code of an unsupported language."""
    sample = text[:SAMPLE_CHARS]
    words = [w.lower() for w in _WORD.findall(sample)]
    ratios = stopword_ratios(words)
    ranking = _identifier().rank(sample)
    guess, confidence = ranking[0]
    best_supported = next(lang for lang, _ in ranking if lang in SUPPORTED_LANGUAGES)
    by_ratio = max(ratios, key=ratios.get) if ratios else guess
    if guess in SUPPORTED_LANGUAGES:
        if (len(words) >= MIN_WORDS and ratios.get(guess, 0.0) < MIN_RATIO
                and by_ratio not in SUPPORTED_LANGUAGES and ratios[by_ratio] >= MIN_RATIO):
            return by_ratio  # py3langid forced it into de/en; the function words say otherwise
        return guess
    supported_by_ratio = max(SUPPORTED_LANGUAGES, key=lambda lang: ratios.get(lang, 0.0))
    if ratios.get(supported_by_ratio, 0.0) >= MIN_RATIO \
            and ratios[supported_by_ratio] > ratios.get(guess, 0.0):
        return supported_by_ratio  # clearly German/English function words: py3langid misfired
    if confidence >= CONFIDENT:
        return guess
    if len(words) >= MIN_WORDS and ratios.get(guess, 0.0) >= MIN_RATIO:
        return guess
    # Unsure (a list of names, numbers, a fragment): no grounds to reject it as unsupported.
    return best_supported
