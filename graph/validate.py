"""Checks a store against the SHACL shapes of the public contract (graph/shapes.ttl).

The shapes are compiled to SPARQL (graph/shacl_sparql.py) and run inside the store over its
default graph, where each published fact is once (graph/view.py). Memory stays flat whatever the
store's size: the focus nodes of each shape are read from the store's type index as a stream
(`Store.instances`) and checked `BATCH` at a time, every query bounded by its batch (one query
per constraint over the whole store held a hash set of every focus node: the GROUP BY of the
maxCount checks, the MINUS side of the minCount checks). Violations are counted as they come;
only the first `MAX_LISTED` per constraint are kept for the report. pySHACL read the whole store
into Python (1.5 GB and a minute at 10,000 articles; about 67 ms per article even in batches);
tests/test_validate.py keeps it as the reference the compiled checks must agree with.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from itertools import groupby, islice

from rdflib import BNode, Graph

from .shacl_sparql import Check, compile_shapes
from .store import Store
from .terms import nt

MAX_LISTED = 20  # violations listed per constraint in the report
BATCH = 2000  # focus nodes per query: memory of one batch; fewer queries above this gain little


@lru_cache(maxsize=1)
def checks() -> tuple[Check, ...]:
    shapes = Graph(bind_namespaces="core").parse(  # "core": schema: is the file's http://schema.org/
        data=resources.files(__package__).joinpath("shapes.ttl").read_text("utf-8"), format="turtle")
    return tuple(compile_shapes(shapes))


def _batches(store: Store, classes, size: int):
    """The instances of `classes` that a query can name (IRIs), `size` at a time, as N-Triples."""
    named = (nt(f) for f in store.instances(classes) if not isinstance(f, BNode))
    while batch := list(islice(named, size)):
        yield batch


def violations(store: Store, batch: int = BATCH, progress=lambda done, total: None):
    """(index of the check in checks(), focus, value) for every violation, shape by shape, batch
    by batch; `progress(checks done, checks)` after each shape's target classes."""
    indexed = list(enumerate(checks()))
    done = 0
    for classes, group in groupby(indexed, key=lambda ic: ic[1].classes):
        group = list(group)
        for focus in _batches(store, classes, batch):
            for i, check in group:
                for focus_node, value in store.query(check.sparql(focus)).rows:
                    yield i, focus_node, value
        for i, check in group:  # blank nodes (only SPARQL Update writes them): one query each
            for focus_node, value in store.query(check.sparql(blank_only=True)).rows:
                yield i, focus_node, value
        done += len(group)
        progress(done, len(indexed))


def validate_store(store: Store, progress=lambda done, total: None, batch: int = BATCH) -> tuple[bool, str, int]:
    """(conforms, report text, number of violations): each violated constraint with its count,
    its message and the first few focus nodes."""
    counts: dict[int, int] = {}
    listed: dict[int, list] = {}
    for i, focus, value in violations(store, batch, progress):
        counts[i] = counts.get(i, 0) + 1
        if len(rows := listed.setdefault(i, [])) < MAX_LISTED:
            rows.append((focus, value))
    lines = []
    for i, check in enumerate(checks()):
        if i in counts:
            about = f" ({check.message})" if check.message else ""
            lines.append(f"{check.shape} {check.path} {check.constraint}: {counts[i]} violation(s){about}")
            for focus, value in listed[i]:
                lines.append(f"  {focus}" + (f" -> {value.n3()}" if value is not None else ""))
    total = sum(counts.values())
    return not total, "\n".join(lines), total
