"""Printing query results as a table, CSV or SPARQL JSON on standard output."""
from __future__ import annotations

import csv
import json
import shutil
import sys

from rdflib import BNode, Literal, URIRef


def term_text(term) -> str:
    return "" if term is None else str(term)


def term_json(term) -> dict | None:
    """A term in the SPARQL 1.1 Query Results JSON form."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
    return out


def print_result(result, fmt: str, out=None) -> None:
    out = out or sys.stdout
    if result.kind == "ask":
        print(json.dumps({"head": {}, "boolean": result.boolean}) if fmt == "json" else
              ("true" if result.boolean else "false"), file=out)
        return
    if result.kind == "graph":
        from rdflib import Graph
        g = Graph()
        for t in result.triples:
            g.add(t)
        out.write(g.serialize(format="json-ld" if fmt == "json" else "turtle"))
        return
    if fmt == "json":
        json.dump({"head": {"vars": result.vars},
                   "results": {"bindings": [{v: term_json(t) for v, t in zip(result.vars, row) if t is not None}
                                            for row in result.rows]}}, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(result.vars)
        for row in result.rows:
            w.writerow([term_text(t) for t in row])
    else:
        _table(result, out)


def _table(result, out) -> None:
    rows = [[term_text(t).replace("\n", " ") for t in row] for row in result.rows]
    width = shutil.get_terminal_size((160, 20)).columns
    cap = max(12, (width - 3 * len(result.vars)) // max(1, len(result.vars)))
    widths = [min(cap, max([len(v)] + [len(r[i]) for r in rows])) for i, v in enumerate(result.vars)]

    def line(cells):
        return " | ".join((c if len(c) <= w else c[:w - 1] + "…").ljust(w) for c, w in zip(cells, widths)).rstrip()

    print(line(result.vars), file=out)
    print("-+-".join("-" * w for w in widths), file=out)
    for r in rows:
        print(line(r), file=out)
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=out)
