"""The grammar features rules ask instead of a language's name (extractors/data/grammar.yaml)."""
import ast
from pathlib import Path

import pytest
import yaml

from newsgraph.extractors import grammar as grammar_mod
from newsgraph.extractors.grammar import GrammarError, _parse, grammar

ROOT = Path(__file__).resolve().parents[1]
RULE_DIRS = [ROOT / "extractors" / "entities", ROOT / "extractors" / "events"]
# modules that load data per language (choosing the file is their job), not rules
LOADERS = {"lexicon.py"}


def _rows():
    return yaml.safe_load(grammar_mod.DATA.read_text("utf-8"))


def test_every_language_sets_every_feature():
    for lang in _rows():
        g = grammar(lang)
        assert g.lang == lang
        assert g.day_ordinal.match("15." if lang == "de" else "15th")


def test_a_misspelt_feature_is_an_error_at_load():
    row = dict(_rows()["en"])
    row["nouns_capitalized"] = row.pop("nouns_capitalised")
    with pytest.raises(GrammarError, match="nouns_capitalized"):
        _parse("en", row)


def test_a_feature_of_the_wrong_type_is_an_error():
    row = dict(_rows()["en"])
    row["verb_final"] = "yes"
    with pytest.raises(GrammarError, match="verb_final"):
        _parse("en", row)


def test_features_say_what_the_languages_do():
    de, en = grammar("de"), grammar("en")
    assert de.genitive_base("Halvorsens") == "Halvorsen" and en.genitive_base("Halvorsens") is None
    assert en.is_participle("adding") and not de.is_participle("adding")
    assert de.numeric_date.match("3.11.2031") and en.numeric_date is None


def test_an_unknown_language_falls_back_to_english():
    assert grammar("xx").lang == "en"


def _compares_language(tree: ast.AST) -> list[int]:
    """Lines where rule code compares something with a language code ("de", "en")."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            consts = [c for c in [node.left, *node.comparators] if isinstance(c, ast.Constant)]
            if any(c.value in ("de", "en") for c in consts):
                out.append(node.lineno)
    return out


def test_no_rule_branches_on_the_language_name():
    found = {}
    for d in RULE_DIRS:
        for path in d.glob("*.py"):
            if path.name in LOADERS:
                continue
            lines = _compares_language(ast.parse(path.read_text("utf-8")))
            if lines:
                found[path.name] = lines
    assert not found, f"rules test the language by name (ask extractors/grammar.py instead): {found}"


def _booleans(x, path):
    if isinstance(x, bool):
        yield path
    elif isinstance(x, dict):
        for k, v in x.items():
            yield from ([f"{path} key {k}"] if isinstance(k, bool) else [])
            yield from _booleans(v, f"{path}.{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _booleans(v, f"{path}[{i}]")


def test_no_word_list_holds_a_yaml_boolean():
    # YAML 1.1 reads a bare on / off / yes / no as a boolean: "on" in a word list silently became True
    found = []
    for path in sorted((ROOT / "extractors").rglob("*.yaml")):
        if path.name == "grammar.yaml":
            continue  # its features are booleans on purpose
        found += list(_booleans(yaml.safe_load(path.read_text("utf-8")), path.name))
    assert not found, f"quote these words: {found}"


def test_the_fast_yaml_loader_reads_every_data_file_as_the_python_one_does():
    # extractors/entities/lexicon.py reads its data with libyaml's loader where PyYAML has one
    from extractors.entities.lexicon import _LOADER
    for path in sorted((ROOT / "extractors").rglob("*.yaml")):
        text = path.read_text("utf-8")
        assert yaml.load(text, Loader=_LOADER) == yaml.load(text, Loader=yaml.SafeLoader), path.name
