"""Corrections (docs/corrections.md): every kind made through `newsgraph correct`, each seen by the
named queries and the export, and each surviving re-ingest of the unchanged article, re-ingest
of a changed article, `newsgraph reindex`, and export -> a fresh store -> `newsgraph load`."""
from __future__ import annotations

import shutil

import pytest

import newsgraph
from newsgraph.graph.reindex import reindex
from newsgraph.graph.view import index_properties

from conftest import run_cli

BASE = "https://newsgraph.example.org/id/"
E = BASE
MIAMI = {"id": "a1", "date": "2026-01-20", "title": "Talks in Miami", "lang": "en",
         "text": "Steve Witkoff met Kirill Dmitriev and Jared Kushner in Miami on Sunday. Dmitriev said the talks "
                 "were productive and constructive. Kushner warned that a deal was still far away."}
KREMLIN = {"id": "a2", "date": "2026-01-18", "title": "Kremlin reacts", "lang": "en",
           "text": "Kremlin spokesman Dmitry Peskov said a summit between Vladimir Putin and Donald Trump would be "
                   "premature. Peskov met Yuri Ushakov in Moscow on Friday."}
CORPUS = [MIAMI, KREMLIN]
# each article changed: a sentence in front (the extractor's keys and positions all move)
CHANGED = [{**a, "text": "Olaf Scholz met Emmanuel Macron in Berlin on Monday. " + a["text"]} for a in CORPUS]
MIAMI_MEETING = E + "event/geonames-4164138-2026-01-18"
MOSCOW_MEETING = E + "event/geonames-524901-2026-01-16"
PESKOV, PUTIN, TRUMP, KUSHNER, WITKOFF, DMITRIEV, USHAKOV = (
    E + "person/" + p for p in ("peskov-d", "putin-v", "trump-d", "kushner-a", "vitkof-s", "dmitriev-k", "ushakov-u"))
KREMLIN_ORG = E + "org/kremlin"
LAVROV = E + "person/lavrov-s"  # in no article: made by add-attendee --new-person
MOSCOW = E + "place/geonames-524901"


def _meetings(kg, **kw):
    return {str(r.meeting): r for r in kg.query("meetings", limit=0, **kw)}


def _who(row) -> set[str]:
    """A meetings row's attendees (GROUP_CONCAT joins them in the engine's order)."""
    return set(str(row.attendees).split(", ")) if row.attendees else set()


def _summit(kg):
    """The 'premature' summit the extractor stores as a planned meeting of Putin and Trump."""
    return next(m for m, r in _meetings(kg).items() if _who(r) == {"Vladimir Putin", "Donald Trump"})


def _claim(kg, actor):
    return str(kg.query("claims-by-actor", actor=actor, limit=0)[0].claim)


def _pairs(kg):
    return {frozenset((str(r.a), str(r.b))) for r in kg.query("who-met-whom", limit=0)}


def _actors(kg):
    return {str(r[0]): r for r in kg.query("actors", limit=0)}


def _exported_nodes(kg, tmp_path):
    """The nodes of the exported facts, but for the correction records (which name their targets)."""
    from rdflib import Dataset, URIRef
    path = tmp_path / "check.trig"
    kg.export(str(path))
    ds = Dataset()
    ds.parse(str(path), format="trig")
    quads = [q for q in ds.quads() if not str(q[0]).startswith(BASE + "correction/") and q[1] not in index_properties()]
    return {str(t) for s, p, o, g in quads for t in (s, o) if isinstance(t, URIRef)}, quads


def _view_is_merge(kg):
    """docs/data-model.md: the default graph is the published facts of every named graph but the index."""
    s = kg.store
    hidden = index_properties()
    rows = s.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{BASE}graph/index>) }}").rows
    assert set(s.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows) == {r for r in rows if r[1] not in hidden}


# Each case: the command's words (targets picked from the store), and what must hold after it.
def _reject_meeting(kg, tmp_path):
    assert not any(_who(r) == {"Vladimir Putin", "Donald Trump"} for r in _meetings(kg).values())
    assert frozenset((PUTIN, TRUMP)) not in _pairs(kg)
    assert not [r for r in kg.query("timeline", actor="Putin", limit=0) if r.what == "meeting"]
    G = kg.network()
    met = {(u, v) for u, v, d in G.edges(data=True) if d["kind"] == "met"}
    assert (PUTIN, TRUMP) not in met and (TRUMP, PUTIN) not in met
    assert not [n for n, d in G.nodes(data=True) if d.get("kind") == "meeting" and
                {PUTIN, TRUMP} <= set(G.predecessors(n))]
    _, quads = _exported_nodes(kg, tmp_path)
    assert not [q for q in quads if str(q[1]) == "http://schema.org/attendee" and str(q[2]) == PUTIN]
    assert "Vladimir Putin" not in {str(r.n) for r in kg.query("SELECT ?n WHERE { ?m schema:attendee ?p . ?p schema:name ?n }")}


def _reject_claim(kg, tmp_path):
    assert not kg.query("claims-by-actor", actor="Kushner", limit=0)


def _reject_entity(kg, tmp_path):
    assert KREMLIN_ORG not in _actors(kg)
    assert KREMLIN_ORG not in _exported_nodes(kg, tmp_path)[0]


def _reject_attendee(kg, tmp_path):
    assert _who(_meetings(kg)[MIAMI_MEETING]) == {"Kirill Dmitriev", "Steve Witkoff"}
    assert frozenset((KUSHNER, WITKOFF)) not in _pairs(kg) and frozenset((DMITRIEV, WITKOFF)) in _pairs(kg)
    assert not kg.query("meetings", actor="Kushner", limit=0)


def _reject_speaker(kg, tmp_path):
    assert not kg.query("claims-by-actor", actor="Dmitriev", limit=0)
    assert not kg.query("ASK { ?c schema:text ?t FILTER(CONTAINS(STR(?t), 'productive')) }").boolean


def _reject_place(kg, tmp_path):
    assert _meetings(kg)[MOSCOW_MEETING].placeName is None
    assert not kg.query("meetings", place="Moscow", limit=0)


def _reject_type(kg, tmp_path):
    assert KREMLIN_ORG not in _actors(kg)
    assert not kg.query(f"ASK {{ <{KREMLIN_ORG}> a schema:Organization }}").boolean


def _set_place(kg, tmp_path):
    summit = _summit(kg)
    assert str(_meetings(kg)[summit].placeName) == "Moscow"
    assert summit in {str(r.meeting) for r in kg.query("meetings", place="Moscow", limit=0)}


def _set_date(kg, tmp_path):
    assert str(_meetings(kg)[MIAMI_MEETING].date) == "2026-01-19"


def _set_status(kg, tmp_path):
    assert str(_meetings(kg)[MIAMI_MEETING].status) == "planned"


def _set_speaker(kg, tmp_path):
    assert not kg.query("claims-by-actor", actor="Kushner", limit=0)
    assert "deal" in str(kg.query("claims-by-actor", actor="Witkoff", limit=0)[0].text)


def _add_attendee(kg, tmp_path):
    assert "Vladimir Putin" in _who(_meetings(kg)[MOSCOW_MEETING])
    assert frozenset((PUTIN, USHAKOV)) in _pairs(kg)


def _add_new_person(kg, tmp_path):
    assert _who(_meetings(kg)[MOSCOW_MEETING]) == {"Dmitry Peskov", "Yuri Ushakov", "Sergei Lavrov"}
    assert frozenset((LAVROV, USHAKOV)) in _pairs(kg) and str(_actors(kg)[LAVROV].name) == "Sergei Lavrov"
    assert [str(r.meeting) for r in kg.query("meetings", actor="Lavrov", limit=0)] == [MOSCOW_MEETING]
    # one name, a person, derived from the article the meeting is in, generated by the correction
    prov = kg.query(f"SELECT ?n ?a ?c ?named WHERE {{ <{LAVROV}> a schema:Person ; schema:name ?n ; "
                    f"prov:wasDerivedFrom ?a ; prov:wasGeneratedBy ?c . ?a a schema:NewsArticle . "
                    f"?c a ng:Correction ; ng:newPersonName ?named ; ng:correctionValue <{LAVROV}> }}")
    assert [(str(r.n), str(r.named)) for r in prov] == [("Sergei Lavrov", "Sergei Lavrov")]
    assert LAVROV in _exported_nodes(kg, tmp_path)[0]


def _merge(kg, tmp_path):
    assert USHAKOV not in _actors(kg)
    assert int(_actors(kg)[PESKOV].meetings) == 1
    assert _who(_meetings(kg)[MOSCOW_MEETING]) == {"Dmitry Peskov"}
    assert [r for r in kg.query("actors", limit=0) if str(r.name) == "Dmitry Peskov"]


def _split(kg, tmp_path):
    split = DMITRIEV + "--dmitriev"  # the one article writing him "Dmitriev" names another entity
    assert split in _actors(kg) and DMITRIEV not in _actors(kg)
    assert kg.query(f"ASK {{ <{split}> schema:name 'Dmitriev' ; a schema:Person }}").boolean
    assert "Dmitriev" in _who(_meetings(kg)[MIAMI_MEETING])


CASES = {
    "reject-meeting": (lambda kg: ["reject", _summit(kg), "--reason", "a spokesman calling a summit premature"],
                       _reject_meeting),
    "reject-claim": (lambda kg: ["reject", _claim(kg, "Kushner")], _reject_claim),
    "reject-entity": (lambda kg: ["reject", KREMLIN_ORG], _reject_entity),
    "reject-attendee": (lambda kg: ["reject-attendee", MIAMI_MEETING, KUSHNER], _reject_attendee),
    "reject-speaker": (lambda kg: ["reject-speaker", _claim(kg, "Dmitriev")], _reject_speaker),
    "reject-place": (lambda kg: ["reject-place", MOSCOW_MEETING], _reject_place),
    "reject-type": (lambda kg: ["reject-type", KREMLIN_ORG, "organization"], _reject_type),
    "set-place": (lambda kg: ["set-place", _summit(kg), MOSCOW], _set_place),
    "set-date": (lambda kg: ["set-date", MIAMI_MEETING, "2026-01-19"], _set_date),
    "set-status": (lambda kg: ["set-status", MIAMI_MEETING, "planned"], _set_status),
    "set-speaker": (lambda kg: ["set-speaker", _claim(kg, "Kushner"), WITKOFF], _set_speaker),
    "add-attendee": (lambda kg: ["add-attendee", MOSCOW_MEETING, PUTIN], _add_attendee),
    "add-new-person": (lambda kg: ["add-attendee", MOSCOW_MEETING, "--new-person", "Sergei Lavrov"], _add_new_person),
    "merge": (lambda kg: ["merge", USHAKOV, PESKOV], _merge),
    "split": (lambda kg: ["split", DMITRIEV, "Dmitriev"], _split),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    where = tmp_path_factory.mktemp("corrections") / "store"
    with newsgraph.open(str(where)) as kg:
        assert kg.ingest(CORPUS).added == 2
    return where


@pytest.fixture
def store(template, tmp_path):
    where = tmp_path / "store"
    shutil.copytree(template, where)
    return where


def _check(where, check, tmp_path, step):
    with newsgraph.open(str(where)) as kg:
        try:
            check(kg, tmp_path)
            _view_is_merge(kg)
        except AssertionError as exc:
            raise AssertionError(f"after {step}: {exc}") from exc
        rows = kg.corrections.rows()
        assert rows and all(r["status"].startswith("applied") for r in rows), (step, rows)


# Four kinds in the fast suite (a meeting, a value, an entity merge); every kind under `-m slow`.
FAST = ("reject-meeting", "set-date", "merge", "add-new-person")


@pytest.mark.parametrize("case", [c if c in FAST else pytest.param(c, marks=pytest.mark.slow) for c in sorted(CASES)])
def test_a_correction_applies_and_survives(case, store, tmp_path):
    words, check = CASES[case]
    with newsgraph.open(str(store)) as kg:
        args = words(kg)
    proc = run_cli("correct", *args, "--by", "tester", "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    assert "recorded as" in proc.stdout and "applied in" in proc.stdout
    _check(store, check, tmp_path, "the correction")

    with newsgraph.open(str(store)) as kg:  # the same articles again: unchanged, skipped
        assert kg.ingest(CORPUS).unchanged == 2
    _check(store, check, tmp_path, "re-ingest of the unchanged articles")

    problems = []
    with newsgraph.open(str(store)) as kg:  # changed articles: extracted again, corrections found again
        summary = kg.ingest(CHANGED, report=problems.append)
        assert summary.replaced == 2
    assert not problems and not summary.notes, (problems, summary.notes)
    _check(store, check, tmp_path, "re-ingest of changed articles")

    with newsgraph.open(str(store)) as kg:
        reindex(kg.store, kg._minter)
    _check(store, check, tmp_path, "reindex")

    dump, fresh = tmp_path / "all.trig", tmp_path / "fresh"
    assert run_cli("export", "--format", "trig", "--output", str(dump), "--store", str(store)).returncode == 0
    proc = run_cli("load", str(dump), "--store", str(fresh))
    assert proc.returncode == 0, proc.stderr
    _check(fresh, check, tmp_path, "export -> fresh store -> load")
    with newsgraph.open(str(fresh)) as kg:  # and the record is there, with its provenance
        rec = kg.query("SELECT ?who ?t WHERE { ?c a ng:Correction ; prov:wasAssociatedWith ?a ; "
                       "prov:startedAtTime ?t . ?a rdfs:label ?who }")
        assert [str(r.who) for r in rec] == ["tester"]


def test_undo_restores_the_extraction_and_keeps_the_record(store, tmp_path):
    with newsgraph.open(str(store)) as kg:
        before = (set(_meetings(kg)), _pairs(kg), set(_actors(kg)))
        summit = _summit(kg)
        c = kg.corrections.make("reject", summit, reason="premature", by="a")
        kg.corrections.make("reject", KREMLIN_ORG, by="a")
        assert summit not in _meetings(kg)
    proc = run_cli("correct", "undo", str(c.iri), "--reason", "it was held after all", "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    with newsgraph.open(str(store)) as kg:
        assert summit in _meetings(kg) and KREMLIN_ORG not in _actors(kg)  # the other one still applies
        rows = {r["correction"]: r for r in kg.corrections.rows()}
        assert rows[str(c.iri)]["status"].startswith("undone at")
        assert kg.query("ASK { ?c ng:undoneAt ?t ; ng:undoReason 'it was held after all' }").boolean
        kg.corrections.undo([k for k in rows if k != str(c.iri)][0])
        assert (set(_meetings(kg)), _pairs(kg), set(_actors(kg))) == before
        _view_is_merge(kg)


def test_a_correction_whose_target_is_gone_is_reported_not_misapplied(store, tmp_path):
    with newsgraph.open(str(store)) as kg:
        kg.corrections.make("set-date", _summit(kg), "2026-02-01", by="a")
        gone = [{**KREMLIN, "text": "Peskov met Yuri Ushakov in Moscow on Friday."}]
        problems = []
        summary = kg.ingest(gone, report=problems.append)
        assert not problems and summary.failed == 0  # not a failure: a note
        assert len(summary.notes) == 1 and "no longer finds its target" in summary.notes[0]
        assert [r["status"] for r in kg.corrections.rows()] == ["target not found"]
        assert "2026-02-01" not in {str(r.date) for r in _meetings(kg).values()}
    proc = run_cli("corrections", "--store", str(store))
    assert "target not found" in proc.stdout
    # the command says so on stderr, as a note (exit code 0): a file changed under a correction
    src, other = tmp_path / "news" / "a.jsonl", tmp_path / "other"
    src.parent.mkdir()
    src.write_text('{"lang": "en", "date": "2026-01-18", "text": "Peskov met Yuri Ushakov in Moscow on Friday."}\n')
    assert run_cli("ingest", str(src), "--store", str(other)).returncode == 0
    assert run_cli("correct", "set-status", MOSCOW_MEETING, "planned", "--store", str(other)).returncode == 0
    src.write_text('{"lang": "en", "date": "2026-01-18", "text": "Peskov spoke to reporters in Moscow."}\n')
    proc = run_cli("ingest", str(src), "--store", str(other))
    assert proc.returncode == 0 and "1 replaced" in proc.stdout, proc.stderr
    assert "ingest: note:" in proc.stderr and "no longer finds its target" in proc.stderr


def test_uncorrected_shows_the_extraction(store, tmp_path):
    with newsgraph.open(str(store)) as kg:
        summit = _summit(kg)
        kg.corrections.make("reject", summit, by="a")
    proc = run_cli("query", "meetings", "--uncorrected", "--format", "csv", "--store", str(store))
    assert proc.returncode == 0 and summit in proc.stdout
    proc = run_cli("query", "meetings", "--format", "csv", "--store", str(store))
    assert summit not in proc.stdout
    drawn = [run_cli("viz", *flag, "--output", str(tmp_path / f"n{len(flag)}.html"), "--store", str(store))
             for flag in ([], ["--uncorrected"])]
    assert [p.returncode for p in drawn] == [0, 0]
    assert "2 meeting" in drawn[0].stderr and "3 meeting" in drawn[1].stderr  # the summit is drawn again


def test_bad_corrections_are_refused_and_change_nothing(store):
    cases = [(["reject", E + "event/nothing"], "no meeting, claim or entity"),
             (["set-date", MIAMI_MEETING, "2026-13-45"], "not a date"),
             (["set-status", MIAMI_MEETING, "postponed"], "unknown status"),
             (["reject-attendee", MIAMI_MEETING, PUTIN], "is not an attendee"),
             (["set-speaker", MIAMI_MEETING, WITKOFF], "corrects a claim"),
             (["merge", USHAKOV, USHAKOV], "itself")]
    for args, words in cases:
        proc = run_cli("correct", *args, "--store", str(store))
        assert proc.returncode == 2 and words in proc.stderr, (args, proc.stderr)
    assert run_cli("corrections", "--store", str(store)).stdout.strip() == "no corrections"


def test_corrections_formats_and_gold(store, tmp_path):
    import json
    with newsgraph.open(str(store)) as kg:
        kg.corrections.make("reject", _summit(kg), reason="premature", by="a")
        kg.corrections.make("set-date", MIAMI_MEETING, "2026-01-19", by="b")
    rows = json.loads(run_cli("corrections", "--format", "json", "--store", str(store)).stdout)
    assert [r["action"] for r in rows] == ["reject", "set-date"] and rows[1]["replaced"] == "2026-01-18"
    csv_text = run_cli("corrections", "--format", "csv", "--store", str(store)).stdout
    assert csv_text.splitlines()[0].startswith("correction,time,by,action")
    trig = run_cli("corrections", "--format", "trig", "--store", str(store)).stdout
    assert "startedAtTime" in trig and "premature" in trig
    proc = run_cli("corrections", "--format", "gold", "--output", str(tmp_path / "g"), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    files = sorted((tmp_path / "g" / "gold").glob("*.json"))
    assert [f.name[:13] for f in files] == ["en-2026-01-18", "en-2026-01-20"]
    kremlin = json.loads(files[0].read_text())
    assert {tuple(m["who"]) for m in kremlin["meetings"]} == {("Peskov", "Ushakov")}  # the summit is gone
    miami = json.loads(files[1].read_text())
    assert miami["meetings"][0]["date"] == "2026-01-19" and len(miami["claims"]) == 2


def test_corrections_carried_to_a_fresh_store_apply_on_ingest(store, tmp_path):
    """`newsgraph corrections --format trig` -> `newsgraph load` into a new store -> ingest there."""
    with newsgraph.open(str(store)) as kg:
        kg.corrections.make("reject", _summit(kg), by="a")
        kg.corrections.make("set-date", MIAMI_MEETING, "2026-01-19", by="a")
    records, fresh = tmp_path / "c.trig", tmp_path / "fresh"
    assert run_cli("corrections", "--format", "trig", "--output", str(records), "--store", str(store)).returncode == 0
    assert run_cli("load", str(records), "--store", str(fresh)).returncode == 0
    with newsgraph.open(str(fresh)) as kg:
        assert [r["status"] for r in kg.corrections.rows()] == ["target not found"] * 2
        kg.ingest(CHANGED)
        _reject_meeting(kg, tmp_path)
        _set_date(kg, tmp_path)
        assert [r["status"] for r in kg.corrections.rows()] == ["applied in 1 article"] * 2


def test_merges_and_splits_as_resolution_decisions(store, tmp_path):
    """The store's merges and splits are resolution.yaml's same/different: one kind of decision."""
    import yaml
    with newsgraph.open(str(store)) as kg:
        kg.corrections.make("merge", USHAKOV, PESKOV, by="a")
        kg.corrections.make("split", DMITRIEV, "Dmitriev", by="a")
    proc = run_cli("corrections", "--format", "resolution", "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    decisions = yaml.safe_load(proc.stdout)
    assert decisions == {"same": [["Dmitry Peskov", "Yuri Ushakov"]], "different": [["Kirill Dmitriev", "Dmitriev"]]}
    (tmp_path / "resolution.yaml").write_text(proc.stdout)
    with newsgraph.open("memory:") as kg:  # read by ingest as any resolution.yaml
        kg.ingest(CORPUS, resolution=tmp_path / "resolution.yaml")
        assert USHAKOV not in _actors(kg)


def _make(kg, words):
    """kg.corrections.make of a case's command words."""
    action, target, *rest = words
    kw = {"new_person": rest[rest.index("--new-person") + 1]} if "--new-person" in rest else {}
    value = rest[0] if rest and not rest[0].startswith("--") else None
    return kg.corrections.make(action, target, value, by="a", **kw)


def test_a_corrected_store_keeps_the_rdf_contract(store):
    """`newsgraph validate` (the SHACL shapes) after a correction of every kind."""
    with newsgraph.open(str(store)) as kg:
        for words in ([words(kg) for words, _ in CASES.values() if words(kg)[0] not in ("merge", "split")]
                      + [["merge", USHAKOV, PESKOV], ["split", DMITRIEV, "Dmitriev"]]):
            try:
                _make(kg, words)
            except newsgraph.UsageError:
                pass  # a target an earlier correction removed
        assert len(kg.corrections) >= 10
    proc = run_cli("validate", "--store", str(store))
    assert proc.returncode == 0, proc.stdout[-2000:]


def _state(kg) -> tuple:
    """What the queries show: meetings with attendees, place, date and status; pairs; actors; claims."""
    meetings = {m: (frozenset(_who(r)), str(r.placeName), str(r.date), str(r.status)) for m, r in _meetings(kg).items()}
    claims = {(a, str(r.claim), str(r.text)) for a in ("Dmitriev", "Kushner", "Peskov", "Witkoff")
              for r in kg.query("claims-by-actor", actor=a, limit=0)}
    types = {(str(e), str(t)) for e, t in kg.query("SELECT ?e ?t WHERE { ?e a ?t }")
             if not str(e).startswith((BASE + "correction/", BASE + "agent/"))}
    return meetings, _pairs(kg), set(_actors(kg)), claims, types


@pytest.mark.parametrize("case", [c if c in FAST else pytest.param(c, marks=pytest.mark.slow) for c in sorted(CASES)])
def test_undo_of_each_kind_gives_back_the_extraction(case, store):
    words, _ = CASES[case]
    with newsgraph.open(str(store)) as kg:
        before = _state(kg)
        c = _make(kg, words(kg))
        assert _state(kg) != before
        kg.corrections.undo(c.iri)
        after = _state(kg)
        for part, (x, y) in zip(("meetings", "pairs", "actors", "claims", "types"), zip(before, after)):
            assert x == y, (part, x ^ y if isinstance(x, set) else {k: (x.get(k), y.get(k)) for k in set(x) | set(y)
                                                                    if x.get(k) != y.get(k)})
        _view_is_merge(kg)


def test_every_action_has_help_and_an_example():
    from newsgraph.cli import build_parser
    from newsgraph.graph.corrections import ACTIONS
    parser = build_parser()
    for verb in [*ACTIONS, "undo"]:
        with pytest.raises(SystemExit):
            parser.parse_args(["correct", verb, "--help"])
    proc = run_cli("correct", "set-date", "--help")
    assert "YYYY-MM-DD" in proc.stdout and "example:\n  newsgraph correct set-date" in proc.stdout
    proc = run_cli("correct")
    assert proc.returncode == 2 and "give an action" in proc.stderr


def test_an_anchor_finds_its_fact_in_its_own_articles_only(store):
    """Rejecting the 'premature' summit in one report must not reject another report's summit of the
    same two men (no place, no date: an anchor alone would match it)."""
    other = {"id": "a3", "date": "2026-01-19", "title": "Ushakov", "lang": "en",
             "text": "Yuri Ushakov said a summit between Vladimir Putin and Donald Trump would be premature."}
    with newsgraph.open(str(store)) as kg:
        kg.corrections.make("reject", _summit(kg), by="a")
        kg.ingest([other])
        assert [r for r in _meetings(kg).values() if _who(r) == {"Vladimir Putin", "Donald Trump"}]
        assert [r["status"] for r in kg.corrections.rows()] == ["applied in 1 article"]


def test_a_claim_is_found_again_by_speaker_and_words_when_its_iri_changes(store):
    """A newer extractor may key a claim differently: its anchor (speaker, folded words) finds it."""
    from rdflib import URIRef
    from newsgraph.graph import corrections as cx
    with newsgraph.open(str(store)) as kg:
        claim = URIRef(_claim(kg, "Kushner"))
        article = kg.store.query(f"SELECT ?a WHERE {{ GRAPH ?a {{ <{claim}> a schema:Claim }} }}").rows[0][0]
        c = kg.corrections.make("set-speaker", claim, WITKOFF, by="a")
        st = cx._State(cx.stored_extraction(kg.store, kg._minter, article))
        st.rename(claim, URIRef(E + "claim/keyed-anew"))
        out, applied = cx.apply(st.article_graph(kg._minter.base, kg._minter), list(kg.corrections), kg._minter)
        assert applied == [c.iri]
        assert (URIRef(E + "claim/keyed-anew"), URIRef("http://schema.org/author"), URIRef(WITKOFF)) in out.triples


def test_a_new_person_added_through_the_cli_is_undone_through_it(store):
    """add-attendee --new-person: the person exists only through the correction; undo takes them
    out of every graph again, and what the queries show is the extraction."""
    with newsgraph.open(str(store)) as kg:
        before = _state(kg)
    proc = run_cli("correct", "add-attendee", MOSCOW_MEETING, "--new-person", " Sergei  Lavrov ",
                   "--reason", "named in the second paragraph", "--by", "desk", "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    assert f"add-attendee {MOSCOW_MEETING} {LAVROV}" in proc.stdout and "applied in 1 article" in proc.stdout
    rows = run_cli("corrections", "--format", "json", "--store", str(store))
    import json
    (row,) = json.loads(rows.stdout)
    assert (row["action"], row["value"], row["by"]) == ("add-attendee", LAVROV, "desk")
    with newsgraph.open(str(store)) as kg:  # an actor, as extracted people are
        assert LAVROV in {str(r[0]) for r in kg.query("actors", limit=0)}
    proc = run_cli("correct", "undo", row["correction"], "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    with newsgraph.open(str(store)) as kg:
        assert _state(kg) == before
        assert not kg.query(f"ASK {{ {{ <{LAVROV}> ?p ?o }} UNION {{ GRAPH ?g {{ <{LAVROV}> ?p ?o }} }} }}").boolean
        _view_is_merge(kg)


def test_a_new_person_is_refused_where_it_makes_no_sense(store):
    cases = [(["add-attendee", MOSCOW_MEETING], "ENTITY IRI, or --new-person"),
             (["add-attendee", MOSCOW_MEETING, PUTIN, "--new-person", "Sergei Lavrov"], "not both"),
             (["add-attendee", MOSCOW_MEETING, "--new-person", "https://x.org/p"], "not a person's name"),
             (["add-attendee", MOSCOW_MEETING, "--new-person", "Yuri Ushakov"], "attends"),  # the same IRI
             (["set-date", MIAMI_MEETING, "--new-person", "Sergei Lavrov"], "unrecognized arguments")]
    for args, words in cases:
        proc = run_cli("correct", *args, "--store", str(store))
        assert proc.returncode == 2 and words in proc.stderr, (args, proc.stderr)
    assert run_cli("corrections", "--store", str(store)).stdout.strip() == "no corrections"
