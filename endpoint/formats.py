"""Content negotiation and serialization of query results (SPARQL 1.1 Protocol).

SELECT/ASK: SPARQL Results JSON (default), XML, CSV, TSV.
CONSTRUCT/DESCRIBE (and graph downloads): Turtle (default), N-Triples, JSON-LD, RDF/XML,
TriG, N-Quads. A `format` parameter (json, xml, csv, tsv, turtle, ...; or a media type)
wins over the Accept header, so a browser link can ask for CSV.
"""
from __future__ import annotations

import csv
import io
import json
import re

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from newsgraph.graph.store import serialize_triples  # noqa: F401  (graphs: see below)

# name -> media type
RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
               "rdfxml": "application/rdf+xml", "trig": "application/trig", "nquads": "application/n-quads"}

# media types we accept in Accept (in order of preference on ties) -> name
_RESULT_ACCEPT = [("application/sparql-results+json", "json"), ("application/json", "json"),
                  ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
                  ("text/csv", "csv"), ("text/tab-separated-values", "tsv"), ("text/xml", "xml")]
_GRAPH_ACCEPT = [("text/turtle", "turtle"), ("application/x-turtle", "turtle"), ("text/n3", "turtle"),
                 ("application/n-triples", "ntriples"), ("application/ld+json", "jsonld"),
                 ("application/json", "jsonld"), ("application/rdf+xml", "rdfxml"), ("application/xml", "rdfxml"),
                 ("text/xml", "rdfxml"), ("application/trig", "trig"), ("application/n-quads", "nquads")]

# `format` parameter values -> name, per result kind
_RESULT_NAMES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
                 **{m: n for m, n in _RESULT_ACCEPT}}
_GRAPH_NAMES = {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "ntriples": "ntriples", "nt": "ntriples",
                "n-triples": "ntriples", "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld",
                "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "rdf": "rdfxml", "xml": "rdfxml", "trig": "trig",
                "nquads": "nquads", "nq": "nquads", "n-quads": "nquads", **{m: n for m, n in _GRAPH_ACCEPT}}

CHARSET = "; charset=utf-8"


class NotAcceptable(Exception):
    """No format we can produce matches the request (HTTP 406, or 400 for a bad `format` value)."""

    def __init__(self, message: str, status: int = 406):
        super().__init__(message)
        self.status = status


def negotiate(kind: str, formats: list[str] | None, accept: str | None) -> tuple[str, str]:
    """(name, Content-Type) for a result of `kind` ('select'/'ask' or 'graph')."""
    graph = kind == "graph"
    names = _GRAPH_NAMES if graph else _RESULT_NAMES
    types = GRAPH_TYPES if graph else RESULT_TYPES
    what = "CONSTRUCT/DESCRIBE" if graph else "SELECT/ASK"
    if formats:
        for f in formats:
            name = names.get(f.strip().lower().split(";")[0].strip())
            if name:
                return name, types[name] + CHARSET
        raise NotAcceptable(f"format={formats[0]!r} is not available for {what} results "
                            f"(use one of: {', '.join(types)})", status=400)
    if not accept or not accept.strip():
        name = "turtle" if graph else "json"
        return name, types[name] + CHARSET
    table = _GRAPH_ACCEPT if graph else _RESULT_ACCEPT
    best = parse_accept_header(accept, MIMEAccept).best_match([m for m, _ in table])
    if best is None:
        raise NotAcceptable(f"cannot produce {accept!r} for {what} results; available: "
                            f"{', '.join(types.values())} (or add ?format=NAME)")
    name = dict(table)[best]
    return name, types[name] + CHARSET


def prefers_html(accept: str | None, others: list[str]) -> bool:
    """True when the client asks for text/html by name and prefers it to every type in `others` (a browser)."""
    if not accept or "text/html" not in accept.lower():
        return False
    return parse_accept_header(accept, MIMEAccept).best_match(["text/html"] + list(others)) == "text/html"


# ---------------------------------------------------------------- SELECT / ASK
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(s: str) -> str:
    s = _XML_BAD.sub("\ufffd", s)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") \
        .replace("\r", "&#13;")  # a raw CR would be read back as LF


# Terms arrive in plain form (graph/store/base.py, PlainTerm): (kind, value, lang, datatype), kind
# 'uri' | 'bnode' | 'literal', whichever backend answered.


def _json_term(t) -> dict:
    kind, value, lang, dt = t
    d = {"type": kind, "value": value}
    if lang:
        d["xml:lang"] = lang
    elif dt:
        d["datatype"] = dt
    return d


def _xml_term(t) -> str:
    kind, value, lang, dt = t
    if kind == "uri":
        return f"<uri>{_x(value)}</uri>"
    if kind == "bnode":
        return f"<bnode>{_x(value)}</bnode>"
    attrs = f' xml:lang="{_x(lang)}"' if lang else (f' datatype="{_x(dt)}"' if dt else "")
    return f"<literal{attrs}>{_x(value)}</literal>"


def _csv_text(t) -> str:
    if t is None:
        return ""
    return f"_:{t[1]}" if t[0] == "bnode" else t[1]


_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_term(t) -> str:
    if t is None:
        return ""
    kind, value, lang, dt = t
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    lex = '"' + value.translate(_ESC) + '"'
    return f"{lex}@{lang}" if lang else (f"{lex}^^<{dt}>" if dt else lex)


def serialize_result(kind: str, vars_: list[str], rows, boolean: bool | None, name: str) -> bytes:
    """SELECT rows (tuples of term tuples or None) or an ASK boolean as SPARQL JSON / XML / CSV / TSV (UTF-8)."""
    if kind == "ask":
        b = bool(boolean)
        if name == "json":
            return json.dumps({"head": {}, "boolean": b}).encode()
        if name == "xml":
            return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                    f'<head/><boolean>{"true" if b else "false"}</boolean></sparql>\n').encode()
        if name == "csv":
            return f"_askResult\r\n{'true' if b else 'false'}\r\n".encode()
        return f"?_askResult\n{'true' if b else 'false'}\n".encode()
    if name == "json":
        bindings = [{v: _json_term(t) for v, t in zip(vars_, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": vars_}, "results": {"bindings": bindings}},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if name == "xml":
        out = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f'<variable name="{_x(v)}"/>' for v in vars_]
        out.append("</head>\n<results>\n")
        for row in rows:
            out.append("<result>")
            out += [f'<binding name="{_x(v)}">{_xml_term(t)}</binding>' for v, t in zip(vars_, row) if t is not None]
            out.append("</result>\n")
        out.append("</results>\n</sparql>\n")
        return "".join(out).encode("utf-8")
    if name == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(vars_)
        for row in rows:
            w.writerow([_csv_text(t) for t in row])
        return buf.getvalue().encode("utf-8")
    lines = ["\t".join("?" + v for v in vars_)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- graphs
# CONSTRUCT/DESCRIBE answers: serialize_triples(triples of plain terms, name, prefixes), from the
# store package, which writes every backend's triples the same way.
