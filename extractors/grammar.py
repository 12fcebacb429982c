"""A language's grammar as named features the rules ask about (`data/grammar.yaml`).

Rules never test which language they run on; they ask what the language does: whether nouns are
capitalised, whether compounds are closed, whether the verb closes its clause. Each feature is a field
here with its type, and the loader checks that every language sets exactly these fields, so a misspelt
or forgotten feature fails at load instead of silently switching a rule off.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "grammar.yaml"


class GrammarError(ValueError):
    """The grammar file names an unknown feature, misses one, or gives one a value of the wrong type."""


@dataclass(frozen=True)
class Grammar:
    """The features of one language; see data/grammar.yaml for what each means, with examples."""

    lang: str
    nouns_capitalised: bool
    closed_compounds: bool
    genitive_s: bool
    demonyms_capitalised: bool
    noun_adjuncts: bool
    venue_noun_first: bool
    city_adjectives: bool
    participle_suffix: str
    konjunktiv_speech: bool
    verb_final: bool
    verb_second: bool
    negation_after_verb: bool
    curly_quote_opens: bool
    comma_coordinated_subordinate: bool
    ambiguous_complementizer: bool
    month_before_day: bool
    weekday_capitalised: bool
    ago_before_number: bool
    day_ordinal: re.Pattern
    numeric_date: re.Pattern | None

    def is_participle(self, word: str) -> bool:
        """"adding", "urging": a present participle, where the language marks one by its ending."""
        return bool(self.participle_suffix) and word.endswith(self.participle_suffix)

    def genitive_base(self, word: str, min_len: int = 5) -> str | None:
        """"Putins" -> "Putin" where names take a bare genitive -s (None where they do not)."""
        if self.genitive_s and word.endswith("s") and len(word) >= min_len:
            return word[:-1]
        return None


_PATTERNS = {"day_ordinal", "numeric_date"}


def _parse(lang: str, row) -> Grammar:
    if not isinstance(row, dict):
        raise GrammarError(f"{DATA.name}: {lang}: expected a mapping of features")
    declared = {f.name: f for f in fields(Grammar) if f.name != "lang"}
    unknown, missing = set(row) - set(declared), set(declared) - set(row)
    if unknown or missing:
        raise GrammarError(f"{DATA.name}: {lang}: unknown feature(s) {sorted(unknown)}, missing {sorted(missing)}")
    values: dict = {"lang": lang}
    for name, value in row.items():
        if name in _PATTERNS:
            if not isinstance(value, str):
                raise GrammarError(f"{DATA.name}: {lang}.{name}: expected a regular expression")
            values[name] = re.compile(value) if value else None
            continue
        want = bool if declared[name].type in ("bool", bool) else str
        if not isinstance(value, want):
            raise GrammarError(f"{DATA.name}: {lang}.{name}: expected {want.__name__}, got {value!r}")
        values[name] = value
    if values["day_ordinal"] is None:
        raise GrammarError(f"{DATA.name}: {lang}.day_ordinal: a language needs a day pattern")
    return Grammar(**values)


@lru_cache(maxsize=None)
def grammar(lang: str) -> Grammar:
    """The grammar of `lang`; unknown languages fall back to English, as the lexicons do."""
    data = yaml.safe_load(DATA.read_text("utf-8")) or {}
    return _parse(lang if lang in data else "en", data.get(lang, data.get("en")))
