"""Writes one article's graph into a store: whole or not at all.

One SPARQL Update per article (a single transaction on the embedded store): drop the
article's named graph, insert the new one, and keep the shared entities graph (one
`schema:name` per entity, its types and resolution key) in step. A process killed
mid-ingest leaves only whole articles: the article's content hash is written in the same
transaction, so a re-run sees exactly which articles are missing.
"""
from __future__ import annotations

import dataclasses
from importlib import resources

from rdflib import Literal, URIRef

from newsgraph.extractors.records import COUNTRY, ORGANIZATION, PERSON, PLACE

from .build import ArticleGraph
from .buckets import file_items, rename_buckets
from .index import (COUNTED, ENTITY_COUNTED, delta_counts, drop_uncounted, recount, stored_facts,
                    touched_by_stored)
from .iris import Minter
from .namespaces import NG, RDF, SDO
from .store import Store
from .terms import nt, nt_triples
from . import view

KIND_TYPES = {PERSON: [SDO.Person], ORGANIZATION: [SDO.Organization], COUNTRY: [SDO.Country, SDO.Place],
              PLACE: [SDO.Place]}


def name_rank(name: str) -> tuple:
    """Total order on candidate names, so the chosen name does not depend on ingest order:
    more words first (a full name beats a surname), then longer, then alphabetical."""
    return (-len(name.split()), -len(name), name)


VOCAB_GRAPH = "https://w3id.org/newsgraph/vocab"
# What the writer materialises, versioned: 3 added search names, venue counts and the pairs'
# own count property; 4 month buckets (graph/buckets.py) and place facts in the entities graph;
# 5 one property per bucket kind and each item's sort date; 6 the default graph as the merge of the
# published graphs, each fact once (graph/view.py); 7 schema.org as http://schema.org/ (what the
# JSON-LD news sites embed expands to; graph/reindex.py rewrites an older store's https IRIs);
# 8 headlines, claim texts and job titles tagged with the article's language.
# A store without the current version needs `newsgraph reindex`.
INDEX_VERSION = 8
_COUNTED_REFS = frozenset(URIRef(p) for p in COUNTED)  # set lookups hash; URIRef == is slow Python
_PAIR_MEMBER = frozenset([NG.pairMember])
_ALTERNATE_NAME = frozenset([SDO.alternateName])
_LOCATION = frozenset([SDO.location])
_PLACE_PREDICATES = frozenset([SDO.geo, SDO.containedInPlace])
_FILED = frozenset([NG.inBucket, NG.sortDate])  # what graph/buckets.file_items adds to an article


class ArticleWriter:
    def __init__(self, store: Store, minter: Minter):
        self.store = store
        self.minter = minter
        self._vocab_checked = False
        # Articles `stored_hash` found absent: their first write needs no DROP and no lookup of
        # old facts. An IRI leaves the set at its first write, so a second version is replaced.
        self._absent: set[URIRef] = set()

    def ensure_vocabulary(self, force: bool = False) -> None:
        """Our vocabulary (labels in English and German) lives in the store, for queries and pages.
        A new store also gets the index version: everything it holds is written by this writer."""
        if self._vocab_checked and not force:
            return
        self._vocab_checked = True
        if not force and self.store.ask(f"ASK {{ GRAPH <{VOCAB_GRAPH}> {{ ?s ?p ?o }} }}"):
            return
        from rdflib import Graph
        g = Graph().parse(data=resources.files(__package__).joinpath("vocab.ttl").read_text("utf-8"),
                          format="turtle")
        ig = nt(self.minter.index_graph)
        publish = self.store.default_graph_view
        self.store.update((view.withdraw_graph(VOCAB_GRAPH) + " ;\n" if publish else "") +
                          self.store.replace_graph_update(VOCAB_GRAPH, g) +
                          (" ;\n" + view.publish_graph(VOCAB_GRAPH) if publish else "") +
                          f" ;\nDELETE WHERE {{ GRAPH {ig} {{ {ig} <{NG.indexVersion}> ?v }} }}"
                          f" ;\nINSERT DATA {{ GRAPH {ig} {{ {ig} <{NG.indexVersion}> {INDEX_VERSION} }} }}")

    def stored_hash(self, article_iri: URIRef) -> str | None:
        rows = self.store.query(
            "SELECT ?h WHERE { GRAPH ?a { ?a ng:contentHash ?h } }", {"a": article_iri}).rows
        if not rows:
            self._absent.add(article_iri)
        return str(rows[0][0]) if rows else None

    def known_given_names(self, surname_key: str) -> dict[str, set[str]]:
        """Given-name initial -> given-name keys of the full-name persons with this surname key."""
        rows = self.store.query(
            f"SELECT ?e ?g WHERE {{ GRAPH <{self.minter.entities_graph}> {{ ?e ng:surnameKey ?k "
            f"OPTIONAL {{ ?e ng:givenKey ?g }} }} }}", {"k": Literal(surname_key)}).rows
        out: dict[str, set[str]] = {}
        for e, g in rows:
            tail = str(e).rsplit("/", 1)[-1]
            if "-" in tail and len(tail.rsplit("-", 1)[-1]) == 1:
                out.setdefault(tail.rsplit("-", 1)[-1], set()).update([str(g)] if g is not None else [])
        return out

    def _current_names(self, iris: list[URIRef]) -> dict[URIRef, str]:
        if not iris:
            return {}
        values = " ".join(nt(i) for i in iris)
        rows = self.store.query(
            f"SELECT ?e ?n WHERE {{ VALUES ?e {{ {values} }} GRAPH <{self.minter.entities_graph}> "
            f"{{ ?e schema:name ?n }} }}").rows
        return {e: str(n) for e, n in rows}

    def write(self, ag: ArticleGraph) -> int:
        """Replace the article's graph and update entity names; returns the triple count."""
        self.ensure_vocabulary()
        eg = self.minter.entities_graph
        current = self._current_names(list(ag.names))
        delete, insert = [], []
        insert += search_names(ag)
        insert += place_facts(ag)
        # an organisation used as a venue ("im Kreml") is a place too: the places query reads types here
        insert += [(o, RDF.type, SDO.Place) for s, p, o in ag.triples
                   if p in _LOCATION and ag.kinds.get(o) == ORGANIZATION]
        for e, candidate in ag.names.items():
            old = current.get(e)
            if old is None or name_rank(candidate) < name_rank(old):
                if old is not None:
                    delete.append((e, SDO.name, Literal(old)))
                insert.append((e, SDO.name, Literal(candidate)))
            if old is not None:
                continue  # a named entity has its types and keys already: they follow from its IRI
            for cls in KIND_TYPES[ag.kinds[e]]:
                insert.append((e, RDF.type, cls))
            insert.append((e, NG.resolutionKey, Literal(ag.resolutions[e].key)))
            if e in ag.surname_keys:
                insert.append((e, NG.surnameKey, Literal(ag.surname_keys[e])))
            if e in ag.given_keys:
                insert.append((e, NG.givenKey, Literal(ag.given_keys[e])))
        fresh = ag.iri in self._absent
        self._absent.discard(ag.iri)
        renamed = set() if fresh else {r[0] for r in self.store.query(
            f"SELECT DISTINCT ?e WHERE {{ GRAPH {nt(ag.iri)} {{ ?e <{SDO.alternateName}> ?n }} }}").rows}
        # A merge renames a surname-only node; most proposed merges find no such node (no-ops).
        merges = self._surname_merges(ag)
        if merges:
            nodes = {s for s, _, _ in ag.triples} | {o for _, _, o in ag.triples}
            merges = [mg for mg in merges
                      if mg[0] in nodes or self.store.ask(f"ASK {{ GRAPH ?g {{ {nt(mg[0])} ?p ?x }} }}")]
            # this article's own facts name the full-name node, and its items are filed under that
            # node's buckets, not under buckets of the node the merge removes (as reindex files them)
            ag = merged_article(ag, merges, self.minter.base)
        publish = self.store.default_graph_view  # the default graph: each published fact once (view.py)
        parts = [view.withdraw_graph(str(ag.iri))] if publish and not fresh else []
        parts.append(self.store.replace_graph_update(str(ag.iri), ag.triples, fresh=fresh))
        if publish:
            parts.append(view.publish_graph(str(ag.iri)))
        if delete:
            parts.append("DELETE DATA { GRAPH <%s> {\n%s} }" % (eg, nt_triples(delete)))
            if publish and (op := view.withdraw_triples(delete)):  # a name lives in the entities graph only
                parts.append(op)
        if insert:
            parts.append("INSERT DATA { GRAPH <%s> {\n%s} }" % (eg, nt_triples(insert)))
            if publish and (op := view.publish_triples(insert)):
                parts.append(op)
        if merges:  # rare: a node is renamed in every graph; recount what it touches in full
            moved = set()
            for old_node, new_node, _ in merges:  # its month buckets first: their IRIs hold its IRI
                ops, buckets = rename_buckets(self.store, self.minter.index_graph, old_node, new_node)
                parts += ops
                moved |= buckets
            parts += [op for _, _, op in merges]
            if publish:
                parts += [view.rename(old, new) for old, new, _ in merges]
            pairs, entities = touched_by_stored(self.store, ag.iri)
            entities |= moved
            pairs |= {s for s, p, o in ag.triples if p == NG.sharedMeeting}
            entities |= {o for s, p, o in ag.triples if str(p) in ENTITY_COUNTED}
            for old, new, _ in merges:
                entities |= {new}
                entities.discard(old)
            parts += recount(self.minter.index_graph, pairs, entities)
            if ag.buckets:
                parts.append("INSERT DATA { GRAPH <%s> {\n%s} }" % (self.minter.index_graph, nt_triples(
                    [(b, p, o) for b, facts in ag.buckets.items() for p, o in facts])))
            parts += drop_uncounted(self.minter.index_graph, pairs | entities)
        else:  # counts move by the facts this article adds and removes
            old = set() if fresh else stored_facts(self.store, ag.iri)
            new, members = set(), {}
            for s, p, o in ag.triples:
                if p in _COUNTED_REFS and isinstance(o, URIRef):
                    new.add((s, p, o))
                elif p in _PAIR_MEMBER:
                    members.setdefault(s, []).append(o)
            parts[0:0] = delta_counts(self.store, ag.iri, self.minter.index_graph, old, new, members, ag.buckets)
        if renamed:  # a replaced article: the names only its old version gave go (as reindex has it)
            parts += search_name_ops(eg, renamed | set(ag.names))
        self.store.update(" ;\n".join(parts))
        return len(ag.triples)

    def _surname_merges(self, ag: ArticleGraph) -> list[tuple[URIRef, URIRef, str]]:
        """A surname-only node (person/<key>) joins the full-name node once exactly one exists,
        whatever the order the articles came in."""
        ops = []
        for e, key in ag.surname_keys.items():
            tail = str(e).rsplit("/", 1)[-1]
            if not (tail.startswith(key) and len(tail) == len(key) + 2 and tail[-2] == "-"):
                continue  # only full-name nodes trigger merges
            initials = set(self.known_given_names(key)) | {tail[-1]}
            if len(initials) != 1:
                continue
            old = self.minter.entity(f"person/{key}")
            ops.append((old, e, _rename_node(old, e)))
        return ops


def merged_article(ag: ArticleGraph, merges: list[tuple[URIRef, URIRef, str]], base: str) -> ArticleGraph:
    """The article graph as it reads once `merges` (surname-only node -> full-name node) are done:
    each merged node's IRI replaced by its full-name node's, and the items filed again.

    A month bucket's IRI is made from its entity's (`<person/x>/said/2026-01`), so renaming the
    node in the stored graphs does not reach the buckets this article files under it. When the
    article itself names the surname-only node (beside the full name: 'Donald Trump' and, apart
    from him, 'Trump' in 'the Putin-Trump summit'), the node is created and merged in one write,
    and its buckets are in no store yet for `rename_buckets` to find: they would stay in the
    index under the removed node while `newsgraph reindex` files the same items under the
    full-name node's buckets."""
    to = {old: new for old, new, _ in merges}
    if not any(s in to or o in to for s, _, o in ag.triples):
        return ag
    triples = list(dict.fromkeys((to.get(s, s), p, to.get(o, o)) for s, p, o in ag.triples
                                 if p not in _FILED))
    filed, buckets = file_items(base, ag.iri, triples, ag.kinds)
    return dataclasses.replace(ag, triples=triples + filed, buckets=buckets)


def search_names(ag: ArticleGraph) -> list[tuple]:
    """One lower-cased `ng:searchName` per surface form, in the entities graph: queries find an
    actor by part of any of its names there, once per entity, instead of through alternate
    names repeated in every article graph."""
    forms = {(e, name.lower()) for e, name in ag.names.items()}
    forms |= {(s, str(o).lower()) for s, p, o in ag.triples if p in _ALTERNATE_NAME and s in ag.names}
    return [(e, NG.searchName, Literal(form)) for e, form in sorted(forms)]


def search_name_ops(entities_graph: URIRef, entities=None) -> list[str]:
    """SPARQL Update operations that recompute the search names of `entities` (None: all) from
    what the store holds now: each entity's one schema:name and its alternate names in any
    article graph. `newsgraph reindex` runs them for all; a replaced article for the entities its
    old and new versions name, so the names only the old version gave do not linger."""
    eg = nt(entities_graph)
    values = "" if entities is None else f"VALUES ?e {{ {' '.join(nt(e) for e in sorted(entities))} }} "
    return [
        f"DELETE {{ GRAPH {eg} {{ ?e <{NG.searchName}> ?n }} }} WHERE {{ {values}GRAPH {eg} {{ ?e <{NG.searchName}> ?n }} }}",
        f"INSERT {{ GRAPH {eg} {{ ?e <{NG.searchName}> ?low }} }} WHERE {{ {{ SELECT DISTINCT ?e ?low WHERE {{ "
        f"{values}GRAPH {eg} {{ ?e <{SDO.name}> ?name }} "
        f"{{ BIND(?name AS ?n) }} UNION {{ GRAPH ?g {{ ?e <{SDO.alternateName}> ?n }} }} "
        f"BIND(LCASE(STR(?n)) AS ?low) }} }} }}",
    ]


def place_facts(ag: ArticleGraph) -> list[tuple]:
    """A place's coordinates and the places it lies in, once in the entities graph: a listing of
    places reads them there instead of from one of the thousands of articles naming the place
    (the same facts in each; INSERT DATA of a fact already stored changes nothing)."""
    places = {e for e, kind in ag.kinds.items() if kind in (PLACE, COUNTRY)}
    facts = [t for t in ag.triples if t[1] in _PLACE_PREDICATES and t[0] in places]
    geos = {o for s, p, o in facts if p == SDO.geo}
    return facts + [t for t in ag.triples if t[0] in geos]


def _rename_node(old: URIRef, new: URIRef) -> str:
    o, n = nt(old), nt(new)
    return (f"DELETE {{ GRAPH ?g {{ {o} ?p ?x }} }} INSERT {{ GRAPH ?g {{ {n} ?p ?x }} }} "
            f"WHERE {{ GRAPH ?g {{ {o} ?p ?x }} FILTER(?p != schema:name) }} ;\n"
            f"DELETE {{ GRAPH ?g {{ {o} schema:name ?x }} }} WHERE {{ GRAPH ?g {{ {o} schema:name ?x }} }} ;\n"
            f"DELETE {{ GRAPH ?g {{ ?s ?p {o} }} }} INSERT {{ GRAPH ?g {{ ?s ?p {n} }} }} "
            f"WHERE {{ GRAPH ?g {{ ?s ?p {o} }} }}")
