"""One actor, one node: the keys that decide which IRI an extracted entity gets.

Persons: a transliteration-folded surname plus the folded initial of the given name
(Selenskyj/Zelenskyy -> "selenski", Wolodymyr/Volodymyr -> "v"), so German and English
spellings meet while Donald and Melania Trump stay apart. Places: their GeoNames ID.
Organisations: the key the extractor derived from its cross-language equivalents.
A user-editable file of `same` / `different` decisions overrides the rules.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from newsgraph.extractors.records import COUNTRY, ORGANIZATION, PERSON, PLACE, Entity


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text)).strip("-")
    return s or "x"


@lru_cache(maxsize=1)
def _rules() -> tuple[list[tuple[str, str]], dict, dict]:
    data = yaml.safe_load(resources.files(__package__).joinpath("transliteration.yaml").read_text("utf-8"))
    return [tuple(r) for r in data["rules"]], data.get("initial", {}), data.get("final", {})


def fold(name: str) -> str:
    """Transliteration-aware matching key of a single name ("Umjerow" and "Umerov" -> "umerov")."""
    s = re.sub(r"[^a-z]", "", ascii_fold(name))
    rules, initial, final = _rules()
    for a, b in rules:
        s = s.replace(a, b)
    if s and s[0] in initial:
        s = initial[s[0]] + s[1:]
    if s and s[-1] in final:
        s = s[:-1] + final[s[-1]]
    return s


_POSSESSIVE = re.compile(r"(?:['’`´]s?|(?<=[a-zäöü])s)$")


def surname_of(entity: Entity) -> str:
    if entity.family_name:
        return entity.family_name
    tokens = entity.name.split()
    return tokens[-1] if tokens else entity.name


@dataclass
class Overrides:
    """User decisions: names listed together in `same` are one node; in `different`, never."""

    same: list[list[str]] = field(default_factory=list)
    different: list[list[str]] = field(default_factory=list)
    path: str | None = None

    @classmethod
    def load(cls, path: str | Path | None) -> "Overrides":
        if not path or not Path(path).exists():
            return cls()
        try:
            data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ValueError(f"{path}: not valid YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping with 'same' and/or 'different' lists")
        for k in ("same", "different"):
            groups = data.get(k) or []
            if not all(isinstance(g, list) and all(isinstance(n, str) for n in g) for g in groups):
                raise ValueError(f"{path}: '{k}' must be a list of lists of names")
        return cls(same=data.get("same") or [], different=data.get("different") or [], path=str(path))

    def _group(self, groups: list[list[str]], entity: Entity) -> list[str] | None:
        forms = {ascii_fold(f) for f in entity.surface_forms()}
        for g in groups:
            if any(ascii_fold(n) in forms for n in g):
                return g
        return None


@dataclass(frozen=True)
class Resolution:
    """Where an entity goes, and why (for `newsgraph explain`)."""

    path: str  # IRI path below the base: "person/selenski-v"
    key: str  # the matching key
    reason: str


def given_of(entity: Entity) -> str:
    return entity.given_name or (entity.name.split()[0] if len(entity.name.split()) > 1 else "")


def given_names_of(entity: Entity) -> str:
    """All given names: the name without its family name ("Recep Tayyip" of "Recep Tayyip Erdoğan")."""
    family = entity.family_name or ""
    if family and entity.name.endswith(" " + family):
        return entity.name[: -len(family) - 1].strip()
    return given_of(entity)


def given_key(given: str) -> str:
    """The folded given names, space-separated ("Recep Tayyip" -> "resep tayyip")."""
    return " ".join(fold(t) or ascii_fold(t) for t in given.split())


def resolve(entity: Entity, overrides: Overrides | None = None,
            known_given_names: "callable | None" = None) -> Resolution:
    """The node an extracted entity belongs to.

    `known_given_names(surname_key)` maps the given-name initial of each person with that surname
    already in the store to the given-name keys seen for it, so a surname-only mention joins a
    full-name node when that is unambiguous, and "Tayyip Erdogan" joins "Recep Tayyip Erdoğan".
    """
    overrides = overrides or Overrides()
    if entity.kind == PERSON:
        return _resolve_person(entity, overrides, known_given_names)
    if entity.kind in (PLACE, COUNTRY):
        if entity.geonames_id:
            return Resolution(f"place/geonames-{entity.geonames_id}", f"geonames:{entity.geonames_id}",
                              f"GeoNames ID {entity.geonames_id}")
        key = (entity.resolution_key or "").split(":", 1)[-1] or fold(entity.name)
        return Resolution(f"place/{slug(key)}", f"place:{key}", f"no GeoNames ID; name key {key!r}")
    if entity.kind == ORGANIZATION:
        key = (entity.resolution_key or "").split(":", 1)[-1] or entity.name
        return Resolution(f"org/{slug(key)}", f"org:{slug(key)}",
                          f"organisation key {slug(key)!r} (names and cross-language equivalents)")
    raise ValueError(f"unknown entity kind {entity.kind!r}")


def _resolve_person(entity: Entity, overrides: Overrides, known_given_names) -> Resolution:
    same = overrides._group(overrides.same, entity)
    if same:
        anchor = same[0]
        parts = anchor.split()
        key = fold(parts[-1]) + ("-" + fold(parts[0])[:1] if len(parts) > 1 else "")
        return Resolution(f"person/{slug(key)}", f"person:{key}",
                          f"user decision 'same' in {overrides.path}: {', '.join(same)}")
    surname_key = fold(surname_of(entity)) or slug(entity.name)
    given = given_of(entity)
    different = overrides._group(overrides.different, entity)
    if different:
        key = f"{surname_key}-{slug(entity.name)}"
        return Resolution(f"person/{slug(key)}", f"person:{key}",
                          f"user decision 'different' in {overrides.path}: kept apart from {', '.join(different)}")
    known = known_given_names(surname_key) if known_given_names else {}
    if given:
        initial = fold(given)[:1] or ascii_fold(given)[:1]
        other = _variant_of_known(given_key(given_names_of(entity)), initial, known)
        if other:
            key = f"{surname_key}-{other}"
            return Resolution(f"person/{slug(key)}", f"person:{key}",
                              f"surname {surname_of(entity)!r} folds to {surname_key!r}; given names {given!r} are "
                              f"part of (or hold) those of the one known person with initial {other!r}")
        key = f"{surname_key}-{initial}"
        return Resolution(f"person/{slug(key)}", f"person:{key}",
                          f"surname {surname_of(entity)!r} folds to {surname_key!r}, given name {given!r} to {initial!r}")
    initials = sorted(known)
    if len(initials) == 1:
        key = f"{surname_key}-{initials[0]}"
        return Resolution(f"person/{slug(key)}", f"person:{key}",
                          f"surname only ({surname_of(entity)!r}); the one known person with surname key "
                          f"{surname_key!r} has given initial {initials[0]!r}")
    why = "no person with that surname known yet" if not initials else \
        f"ambiguous: given initials {', '.join(initials)} known"
    return Resolution(f"person/{slug(surname_key)}", f"person:{surname_key}",
                      f"surname only ({surname_of(entity)!r} folds to {surname_key!r}); {why}")


def _variant_of_known(mine: str, initial: str, known: dict[str, set[str]]) -> str | None:
    """The initial of the one known person whose given names hold ours or are held by ours, when
    none with our own initial is known: "Tayyip" and "Recep Tayyip" are one man's names."""
    if initial in known or not mine:
        return None
    ours = set(mine.split())
    hits = {i for i, keys in known.items() for k in keys
            if k and (ours < set(k.split()) or set(k.split()) < ours)}
    return next(iter(hits)) if len(hits) == 1 else None
