"""Checks a store against the SHACL shapes of the public contract (graph/shapes.ttl).

The shapes are compiled to SPARQL (graph/shacl_sparql.py) and run inside the store over its
default graph, where each published fact is once (graph/view.py): one query per constraint,
streamed by the store, so memory stays flat and 100,000 articles take minutes. pySHACL read
the whole store into Python (1.5 GB and a minute at 10,000 articles; about 67 ms per article
even in batches); tests/test_validate.py keeps it as the reference the compiled checks must agree
with.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph

from .shacl_sparql import Check, compile_shapes
from .store import Store

MAX_LISTED = 20  # violations listed per constraint in the report


@lru_cache(maxsize=1)
def checks() -> tuple[Check, ...]:
    shapes = Graph().parse(data=resources.files(__package__).joinpath("shapes.ttl").read_text("utf-8"),
                           format="turtle")
    return tuple(compile_shapes(shapes))


def validate_store(store: Store, progress=lambda done, total: None) -> tuple[bool, str, int]:
    """(conforms, report text, number of violations): each violated constraint with its count,
    its message and the first few focus nodes."""
    lines, violations = [], 0
    all_checks = checks()
    for i, check in enumerate(all_checks, 1):
        rows = store.query(check.query).rows
        if rows:
            violations += len(rows)
            about = f" ({check.message})" if check.message else ""
            lines.append(f"{check.shape} {check.path} {check.constraint}: {len(rows)} violation(s){about}")
            for focus, value in rows[:MAX_LISTED]:
                lines.append(f"  {focus}" + (f" -> {value.n3()}" if value is not None else ""))
        progress(i, len(all_checks))
    return not violations, "\n".join(lines), violations
