"""Making, applying and undoing corrections on a store (graph/corrections.py is the engine).

Why a module of its own: a correction changes stored articles, and that must go through the one
writer (graph/writer.py) that keeps the article graph, its month buckets, the counts, pairs,
entities graph and default graph in step. Each article a correction touches is written again
from its extraction with every active correction applied, one transaction per article; then
the entities graph follows (a rejected entity's name and keys leave it, a rejected class too).
"""
from __future__ import annotations

import hashlib

from rdflib import Literal, URIRef

from . import corrections as cx
from .corrections import CLAIM, ENTITY, MEETING, Correction, CorrectionError
from .iris import Minter
from .namespaces import NG, RDF, SDO, XSD
from .store import Store
from .terms import nt, nt_triples
from .writer import ArticleWriter, search_name_ops


def articles_holding(store: Store, iri: URIRef, kind: str) -> list[URIRef]:
    """The articles whose graph states something of `iri`."""
    pattern = f"{{ {nt(iri)} ?p ?o }}" + (f" UNION {{ ?s ?p {nt(iri)} }}" if kind == ENTITY else "")
    return [r[0] for r in store.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {pattern} ?g {nt(NG.contentHash)} ?h }} }}").rows]


def articles_corrected_by(store: Store, c: URIRef) -> list[URIRef]:
    return [r[0] for r in store.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g {nt(NG.correctedBy)} {nt(c)} }} }}").rows]


def applied_counts(store: Store) -> dict[URIRef, int]:
    """Per correction, in how many articles it found its target."""
    return {r[0]: int(r[1]) for r in store.query(
        f"SELECT ?c (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g {nt(NG.correctedBy)} ?c }} }} GROUP BY ?c").rows}


def entity_ops(store: Store, minter: Minter, corrections: list[Correction]) -> list[str]:
    """SPARQL Update operations that bring the entities graph (and the default graph) in step
    with the entity corrections: a rejected or merged-away entity's name, classes and keys go,
    a rejected class goes; an undone rejection of a class comes back where an article states it."""
    eg = nt(minter.entities_graph)
    ops, gone, touched = [], [], set()
    for c in corrections:
        if c.kind != ENTITY:
            continue
        if c.action in ("reject", "merge", "split") and c.active:
            gone.append(c.target)  # (only where no article states it any more: a split may leave some)
    for c in corrections:  # a person an undone add-attendee made, where no article names them
        if c.action == "add-attendee" and c.anchor.get("new_person") and not c.active:
            gone.append(c.value)
        if c.action == "split" and not c.active:  # the split-off entity, once no article names it
            gone.append(cx.split_iri(c.target, str(c.value)))
            if c.action == "merge":
                touched.add(c.value)
        elif c.action == "reject-type":
            t = f"{nt(c.target)} {nt(RDF.type)} {nt(c.value)}"
            if c.active:
                ops.append(f"DELETE DATA {{ GRAPH {eg} {{ {t} }} }}")
                if store.default_graph_view:
                    ops.append(f"DELETE {{ {t} }} WHERE {{ {t} FILTER NOT EXISTS {{ GRAPH ?g {{ {t} }} }} }}")
            else:
                ops.append(f"INSERT {{ GRAPH {eg} {{ {t} }} }} WHERE {{ GRAPH ?g {{ {t} }} }}")
                if store.default_graph_view:
                    ops.append(f"INSERT {{ {t} }} WHERE {{ GRAPH ?g {{ {t} }} }}")
    if gone:
        values = " ".join(nt(e) for e in gone)
        ops.append(f"DELETE {{ GRAPH {eg} {{ ?e ?p ?o }} }} WHERE {{ VALUES ?e {{ {values} }} GRAPH {eg} {{ ?e ?p ?o }} "
                   f"FILTER NOT EXISTS {{ GRAPH ?a {{ ?e ?q ?x . ?a {nt(NG.contentHash)} ?h }} }} }}")
        if store.default_graph_view:
            ops.append(f"DELETE {{ ?e ?p ?o }} WHERE {{ VALUES ?e {{ {values} }} ?e ?p ?o "
                       f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?e ?p ?o }} }} }}")
    if touched:
        ops += search_name_ops(minter.entities_graph, touched)
    return ops


def rewrite(store: Store, minter: Minter, writer: ArticleWriter, article: URIRef,
            corrections: list[Correction]) -> list[URIRef]:
    """Write a stored article again from its extraction with `corrections` applied; returns the
    corrections that applied."""
    raw = cx.stored_extraction(store, minter, article)
    ag, applied = cx.apply(raw, corrections, minter)
    writer.write(ag)
    return applied


def record(store: Store, minter: Minter, action: str, target: str, value: str | None = None,
           reason: str = "", agent: str = "", new_person: str | None = None) -> tuple[Correction, int]:
    """Make a correction: check it, store its record, apply it to every article that states its
    target. Returns the correction and the number of articles written again. `new_person`
    (add-attendee): the name of an attendee the graph does not hold yet, instead of `value`."""
    if action not in cx.ACTIONS:
        raise CorrectionError(f"unknown correction {action!r} (known: {', '.join(cx.ACTIONS)})")
    spec = cx.ACTIONS[action]
    iri = URIRef(target.strip().strip("<>"))
    if not str(iri).startswith(("http://", "https://", "urn:")):
        raise CorrectionError(f"not an IRI: {target!r} (give the meeting's, claim's or entity's IRI)")
    kind = cx.target_kind(store, minter, iri)
    if kind is None:
        raise CorrectionError(f"no meeting, claim or entity <{iri}> in the store")
    if kind not in spec.target:
        raise CorrectionError(f"'{action}' corrects a {' or '.join(spec.target)}; <{iri}> is a {kind}")
    if new_person is not None:
        value_term = _new_person_iri(store, minter, action, value, new_person)
    else:
        value_term = cx.value_term(action, value, store, minter)
    articles = articles_holding(store, iri, kind)
    if not articles:
        raise CorrectionError(f"no article states <{iri}> (it was rejected already?)")
    # what an earlier correction changed is what this one sees: the article as stored now
    current = _current_state(store, minter, articles)
    anchor, replaced = {}, ()
    if kind == MEETING:
        anchor = cx.meeting_anchor(current.objects, iri)
    elif kind == CLAIM:
        anchor = cx.claim_anchor(current.objects, iri)
    else:  # an entity's IRI is made from its names; its name is kept for people (and resolution.yaml)
        anchor = {"name": entity_name(store, minter, iri)}
    if kind != ENTITY:  # where an anchor may find the fact again (an article extracted anew)
        anchor["articles"] = sorted(str(a) for a in articles)
    if new_person is not None:
        anchor["new_person"] = " ".join(new_person.split())
    replaced = _replaced(action, iri, value_term, current, store, minter)
    when = cx.now()
    c = Correction(iri=URIRef(f"{minter.base}correction/{_h(when, action, str(iri), str(value_term))}"),
                   action=action, target=iri, value=value_term, reason=reason, agent=agent or "unknown",
                   time=when, kind=kind, anchor=anchor, replaced=replaced)
    _publish_record(store, minter, cx.to_triples(c, minter))
    n = apply_to_store(store, minter, articles)
    return c, n


def _new_person_iri(store: Store, minter: Minter, action: str, value: str | None, name: str) -> URIRef:
    """The IRI of the person an add-attendee names by name: minted as graph/resolve.py mints
    every person's (the same person in a later article lands on the same node)."""
    if action != "add-attendee":
        raise CorrectionError(f"--new-person goes with add-attendee, not with {action!r}")
    if value:
        raise CorrectionError("give the attendee's IRI or --new-person NAME, not both")
    name = " ".join(name.split())
    if len(name) < 2 or name.startswith(("http://", "https://", "<")) or not any(ch.isalpha() for ch in name):
        raise CorrectionError(f"not a person's name: {name!r} (e.g. --new-person \"Sergei Lavrov\")")
    _ent, res = cx.new_person(name, ArticleWriter(store, minter).known_given_names)
    return minter.entity(res.path)


def apply_to_store(store: Store, minter: Minter, articles: list[URIRef]) -> int:
    """Write `articles` again with every active correction; then the entities graph."""
    all_corrections = cx.load(store, minter)
    writer = ArticleWriter(store, minter)
    for a in articles:
        rewrite(store, minter, writer, a, all_corrections)
    ops = entity_ops(store, minter, all_corrections)
    if ops:
        store.update(" ;\n".join(ops))
    return len(articles)


def undo(store: Store, minter: Minter, iri: str, agent: str = "", reason: str = "") -> tuple[Correction, int]:
    """Undo a correction: it stays on record (marked undone, by whom and when), and the articles
    it changed are written again without it."""
    c_iri = URIRef(iri.strip().strip("<>"))
    found = [c for c in cx.load(store, minter) if c.iri == c_iri]
    if not found:
        raise CorrectionError(f"no correction <{c_iri}> in the store (`newsgraph corrections` lists them)")
    c = found[0]
    if not c.active:
        raise CorrectionError(f"<{c_iri}> was undone already, at {c.undone}")
    when = cx.now()
    extra = [(c_iri, NG.undoneAt, Literal(when, datatype=XSD.dateTime))]
    if agent:
        extra.append((c_iri, NG.undoneBy, Literal(agent)))
    if reason:
        extra.append((c_iri, NG.undoReason, Literal(reason)))
    _publish_record(store, minter, extra)
    articles = articles_corrected_by(store, c_iri)
    if c.action == "merge":  # the merged-into entity's articles may hold the merged node's facts
        articles = list(dict.fromkeys(articles + articles_holding(store, c.value, ENTITY)))
    n = apply_to_store(store, minter, articles)
    return next(x for x in cx.load(store, minter) if x.iri == c_iri), n


def _current_state(store, minter, articles) -> "cx._State":
    """The facts stored now (corrected) of the articles that state a target."""
    from .build import ArticleGraph
    triples = []
    for a in articles[:50]:
        triples += [tuple(r) for r in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {nt(a)} {{ ?s ?p ?o }} }}").rows]
    return cx._State(ArticleGraph(iri=articles[0], triples=triples))


def _replaced(action, iri, value, st, store, minter) -> tuple:
    """What the correction replaces; a correction that would change nothing is refused."""
    obj = lambda p: tuple(dict.fromkeys(st.objects(iri, p)))  # noqa: E731
    if action == "reject-attendee":
        if value not in obj(SDO.attendee):
            raise CorrectionError(f"<{value}> is not an attendee of <{iri}>")
        return (value,)
    if action == "add-attendee":
        if value in obj(SDO.attendee):
            raise CorrectionError(f"<{value}> attends <{iri}> already")
        return ()
    if action == "reject-speaker":
        old = obj(SDO.author)
        if not old:
            raise CorrectionError(f"<{iri}> has no speaker to reject")
        return old
    if action == "reject-place":
        old = obj(SDO.location)
        if not old:
            raise CorrectionError(f"<{iri}> has no place to reject")
        return old
    if action in ("set-date", "set-status", "set-place", "set-speaker"):
        prop = {"set-date": SDO.startDate, "set-status": NG.status, "set-place": SDO.location,
                "set-speaker": SDO.author}[action]
        old = obj(prop)
        if old and all(str(o) == str(value) for o in old):
            raise CorrectionError(f"<{iri}> has {value} already")
        return old
    if action == "reject-type":
        if not store.ask(f"ASK {{ GRAPH ?g {{ {nt(iri)} a {nt(value)} }} }}"):
            raise CorrectionError(f"<{iri}> is not a {value}")
        return (value,)
    if action == "merge":
        if value == iri:
            raise CorrectionError("an entity cannot be merged into itself")
        return (iri,)
    if action == "split":
        forms = {cx.ascii_fold(str(r[0])) for r in store.query(
            f"SELECT DISTINCT ?n WHERE {{ GRAPH ?g {{ {nt(iri)} {nt(SDO.alternateName)} ?n }} }}").rows}
        if cx.ascii_fold(str(value)) not in forms:
            raise CorrectionError(f"no article writes <{iri}> as {str(value)!r} "
                                  f"(its names: {', '.join(sorted(forms)) or 'none'})")
        return ()
    return ()


def _h(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def status(store: Store, minter: Minter) -> list[tuple[Correction, int]]:
    """Every correction with the number of articles it applies in (0: its target is gone)."""
    counts = applied_counts(store)
    return [(c, counts.get(c.iri, 0)) for c in cx.load(store, minter)]


def lost_corrections(store: Store, article: URIRef, applied: list[URIRef],
                     corrections: list[Correction]) -> list[Correction]:
    """The corrections the stored version of `article` applied that its new version does not:
    their target is gone from the article (reported at ingest, never applied elsewhere)."""
    before = {r[0] for r in store.query(
        f"SELECT ?c WHERE {{ GRAPH {nt(article)} {{ {nt(article)} {nt(NG.correctedBy)} ?c }} }}").rows}
    gone = before - set(applied)
    return [c for c in corrections if c.iri in gone and c.active]


def settle_entities(store: Store, minter: Minter, corrections: list[Correction]) -> None:
    ops = entity_ops(store, minter, corrections)
    if ops:
        store.update(" ;\n".join(ops))


def _publish_record(store: Store, minter: Minter, triples: list) -> None:
    """A correction's record, in its graph and (like every published graph) the default graph."""
    data = nt_triples(triples)
    store.update(f"INSERT DATA {{ GRAPH {nt(cx.graph_iri(minter))} {{\n{data}}} }}"
                 + (f" ;\nINSERT DATA {{\n{data}}}" if store.default_graph_view else ""))


def records_trig(store: Store, minter: Minter) -> str:
    """The correction records as TriG, in their named graph: for review, or another store's `load`."""
    import io
    out = io.BytesIO()
    store.export(out, "trig", str(cx.graph_iri(minter)))
    return out.getvalue().decode("utf-8")


def uncorrected_copy(store: Store, minter: Minter) -> Store:
    """A copy of the store in memory with the extraction as it was before any correction: every
    corrected article written again from its kept extraction, the entities graph restored. For
    `--uncorrected` (query, export) and `kg.uncorrected()`: it costs a copy of the store."""
    import dataclasses
    import io

    from .store import open_store
    copy = open_store("memory:")
    buf = io.BytesIO()
    store.export(buf, "nquads")
    copy.load(buf.getvalue(), "nquads")
    undone = [dataclasses.replace(c, undone=c.undone or "uncorrected") for c in cx.load(copy, minter)]
    writer = ArticleWriter(copy, minter)
    for a in [r[0] for r in copy.query(
            f"SELECT DISTINCT ?a WHERE {{ GRAPH ?a {{ ?a {nt(NG.correctedBy)} ?c }} }}").rows]:
        writer.write(cx.stored_extraction(copy, minter, a))
    settle_entities(copy, minter, undone)
    return copy


def entity_name(store: Store, minter: Minter, iri: URIRef) -> str:
    rows = store.query(f"SELECT ?n WHERE {{ GRAPH {nt(minter.entities_graph)} {{ {nt(iri)} {nt(SDO.name)} ?n }} }}").rows
    return str(rows[0][0]) if rows else ""


def resolution_decisions(store: Store, minter: Minter) -> dict:
    """The active merges and splits as resolution.yaml's `same` / `different` groups of names:
    the same decisions at extraction time, for a store built afresh from the articles."""
    same, different = [], []
    for c in cx.load(store, minter):
        if not c.active or c.kind != ENTITY or c.action not in ("merge", "split"):
            continue
        if c.action == "merge":
            into = entity_name(store, minter, c.value)
            if into and c.anchor.get("name"):
                same.append([into, c.anchor["name"]])
        elif c.anchor.get("name"):
            different.append([c.anchor["name"], str(c.value)])
    return {"same": same, "different": different}
