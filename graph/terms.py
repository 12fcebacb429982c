"""N-Triples encoding of rdflib terms, for SPARQL Update text and N-Quads."""
from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def nt(term) -> str:
    if isinstance(term, URIRef):
        iri = str(term)
        if any(c in iri for c in '<>"{}|^`\\ \n'):
            raise ValueError(f"not a valid IRI: {iri!r}")
        return f"<{iri}>"
    if isinstance(term, Literal):
        lex = f'"{str(term).translate(_ESC)}"'
        if term.language:
            return f"{lex}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{lex}^^<{term.datatype}>"
        return lex
    if isinstance(term, BNode):
        return f"_:b{term}"
    raise TypeError(f"cannot encode {term!r}")


def nt_triples(triples) -> str:
    return "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in triples)
