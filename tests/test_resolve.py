"""One actor, one node: transliteration-aware keys, given names, user decisions, order independence."""
from __future__ import annotations

import itertools

import pytest

from newsgraph.extractors.records import PERSON, Entity
from newsgraph.graph.build import build_article_graph
from newsgraph.graph.iris import Minter
from newsgraph.graph.resolve import Overrides, fold, given_key, resolve
from newsgraph.graph.store import open_store
from newsgraph.graph.writer import ArticleWriter

from records_fixture import sample

PAIRS = [("Selenskyj", "Zelenskyy"), ("Selenskyj", "Zelensky"), ("Umjerow", "Umerov"), ("Uschakow", "Ushakov"),
         ("Budanow", "Budanov"), ("Arachamija", "Arakhamia"), ("Dmitrijew", "Dmitriev"), ("Peskow", "Peskov"),
         ("Stefanischyna", "Stefanishyna"), ("Jermak", "Yermak"), ("Kiew", "Kiev")]


@pytest.mark.parametrize("german,english", PAIRS)
def test_german_and_english_romanisations_fold_together(german, english):
    assert fold(german) == fold(english)


@pytest.mark.parametrize("a,b", [("Witkoff", "Kushner"), ("Putin", "Peskow"), ("Rubio", "Merz"),
                                 ("Umjerow", "Budanow"), ("Trump", "Tusk")])
def test_different_surnames_stay_apart(a, b):
    assert fold(a) != fold(b)


def person(name, given=None):
    return Entity(key="p", kind=PERSON, name=name, given_name=given or (name.split()[0] if " " in name else None),
                  family_name=name.split()[-1])


def test_given_names_keep_family_members_apart():
    keys = {resolve(person(n)).path for n in ("Donald Trump", "Melania Trump", "Eric Trump")}
    assert len(keys) == 3


def test_german_and_english_full_names_meet():
    assert resolve(person("Wolodymyr Selenskyj")).path == resolve(person("Volodymyr Zelenskyy")).path
    assert resolve(person("Juri Uschakow")).path == resolve(person("Yuri Ushakov")).path
    assert resolve(person("Kirill Dmitrijew")).path == resolve(person("Kirill Dmitriev")).path


def test_surname_only_joins_the_one_known_person():
    assert resolve(person("Trump"), known_given_names=lambda k: {"d": set()}).path == resolve(person("Donald Trump")).path
    ambiguous = resolve(person("Trump"), known_given_names=lambda k: {"d": set(), "m": set()})
    assert ambiguous.path not in {resolve(person("Donald Trump")).path, resolve(person("Melania Trump")).path}
    assert "ambiguous" in ambiguous.reason


def test_user_decisions_override_the_rules(tmp_path):
    f = tmp_path / "resolution.yaml"
    f.write_text("same:\n  - [Wolodymyr Selenskyj, Vova Z]\ndifferent:\n  - [John Smith]\n")
    ov = Overrides.load(f)
    assert resolve(person("Vova Z"), ov).path == resolve(person("Wolodymyr Selenskyj"), ov).path
    assert resolve(person("John Smith"), ov).path != resolve(person("Jane Smith")).path
    assert resolve(person("John Smith"), ov).path != resolve(person("Jim Smith")).path
    assert "user decision" in resolve(person("John Smith"), ov).reason


def test_bad_decisions_file_is_a_clear_error(tmp_path):
    f = tmp_path / "resolution.yaml"
    f.write_text("same: [1, 2]\n")
    with pytest.raises(ValueError, match="list of lists"):
        Overrides.load(f)


def _state(order):
    store = open_store("memory:")
    minter = Minter("https://example.org/id/")
    writer = ArticleWriter(store, minter)
    for ident, who in order:
        art, ex = sample(ident, who=who)
        if ident == "c.txt":  # an article that names the person by surname only
            ex.entities[0].name, ex.entities[0].given_name = "Trump", None
            ex.entities[0].alternate_names = []
        writer.write(build_article_graph(art, ex, minter, None, writer.known_given_names))
    rows = store.select("SELECT ?e ?n WHERE { ?e schema:name ?n } ORDER BY ?e")
    return [(str(r["e"]), str(r["n"])) for r in rows]


def test_same_articles_give_same_iris_and_names_in_any_order():
    arts = [("a.txt", ("Donald Trump", "Steve Witkoff")), ("b.txt", ("Donald Trump", "Wladimir Putin")),
            ("c.txt", ("Donald Trump", "Jared Kushner"))]
    states = {tuple(_state(list(p))) for p in itertools.permutations(arts)}
    assert len(states) == 1, states
    (state,) = states
    trumps = [e for e, n in state if "trump" in e]
    assert len(trumps) == 1, state


def test_a_middle_given_name_alone_joins_the_full_name():
    """Reuters writes "Tayyip Erdogan", others "Recep Tayyip Erdoğan": one man, whichever came first."""
    full = person("Recep Tayyip Erdoğan", "Recep")
    short = person("Tayyip Erdogan")
    assert resolve(short, known_given_names=lambda k: {"r": {given_key("Recep Tayyip")}}).path == resolve(full).path
    assert resolve(full, known_given_names=lambda k: {"t": {given_key("Tayyip")}}).path == resolve(short).path
    # a different given name, or two candidates, keeps them apart
    assert resolve(person("Bilal Erdogan"), known_given_names=lambda k: {"r": {given_key("Recep Tayyip")}}).path != \
        resolve(full).path
    both = {"r": {given_key("Recep Ahmet")}, "m": {given_key("Mehmet Ahmet")}}
    assert resolve(person("Ahmet Erdogan"), known_given_names=lambda k: both).path.endswith("-a")


@pytest.mark.parametrize("first,second", [("Recep Tayyip Erdoğan", "Tayyip Erdogan"),
                                          ("Tayyip Erdogan", "Recep Tayyip Erdoğan")])
def test_given_name_variants_are_one_node_in_either_order(first, second):
    store = open_store("memory:")
    minter = Minter("https://example.org/id/")
    writer = ArticleWriter(store, minter)
    for ident, who in (("a.txt", (first, "Steve Witkoff")), ("b.txt", (second, "Steve Witkoff"))):
        art, ex = sample(ident, who=who)
        writer.write(build_article_graph(art, ex, minter, None, writer.known_given_names))
    rows = store.select("SELECT DISTINCT ?e WHERE { ?e a schema:Person } ")
    erdogans = {str(r["e"]) for r in rows if "erdogan" in str(r["e"])}
    assert len(erdogans) == 1, erdogans
