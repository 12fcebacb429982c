"""`newsgraph load FILE…`: RDF files into the store, then what ingest materialises rebuilt.

Why: export → a fresh store → export must be possible from the command line, and N-Quads made
elsewhere (a Spark job over article shards, docs/benchmarks.md, "Beyond one machine") must reach a store
with its counts, month buckets and default graph. Each file is checked in full before any of it
is stored (a file that fails to parse adds nothing), then stored by the backend's bulk path;
`newsgraph reindex` then rebuilds the materialised data from the article graphs.

Quad formats (N-Quads, TriG) keep their graphs; triple formats load into the default graph, or
into `--graph IRI`.
"""
from __future__ import annotations

from pathlib import Path

from .store import Store, StoreError

FORMATS = {".nq": "nquads", ".nquads": "nquads", ".trig": "trig", ".ttl": "turtle", ".turtle": "turtle",
           ".nt": "ntriples", ".ntriples": "ntriples", ".jsonld": "jsonld", ".json": "jsonld",
           ".rdf": "rdfxml", ".owl": "rdfxml", ".xml": "rdfxml"}


def format_of(path: str) -> str:
    """The RDF format a file name says (.nq, .trig, .ttl, .nt, .jsonld, .rdf), else a StoreError."""
    name = path[:-3] if path.endswith(".gz") else path
    fmt = FORMATS.get(Path(name).suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF format (known endings: {', '.join(sorted(FORMATS))})")
    return fmt


def load_files(store: Store, paths: list[str], graph: str | None = None, report=lambda msg: None) -> tuple[int, list[str]]:
    """Load every file; returns (statements loaded, one error line per file that failed). A failed
    file adds nothing; the others are still loaded."""
    total, errors = 0, []
    for path in paths:
        try:
            if not Path(path).is_file():
                raise StoreError(f"{path}: no such file")
            n = store.load_file(path, format_of(path), graph)
            total += n
            report(f"{path}: {n:,} statements")
        except StoreError as exc:
            msg = str(exc)
            errors.append(msg if msg.startswith(path) else f"{path}: {msg}")
    return total, errors
