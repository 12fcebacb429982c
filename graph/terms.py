"""N-Triples encoding of rdflib terms, for SPARQL Update text and N-Quads.

Every quad the writer stores passes through `nt` (about 1,500 calls per article), so the
common cases take a fast path: IRIs are checked by one regex and cached.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_BAD_IRI = re.compile(r'[<>"{}|^`\\ \n]')
_XSD_STRING = XSD.string


@lru_cache(maxsize=1 << 16)
def _iri(iri: str) -> str:
    if _BAD_IRI.search(iri):
        raise ValueError(f"not a valid IRI: {iri!r}")
    return f"<{iri}>"


def nt(term) -> str:
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        lex = f'"{str(term).translate(_ESC)}"'
        if term.language:
            return f"{lex}@{term.language}"
        dtype = term.datatype
        if dtype and dtype != _XSD_STRING:
            return f"{lex}^^{_iri(str(dtype))}"
        return lex
    if isinstance(term, BNode):
        return f"_:b{term}"
    raise TypeError(f"cannot encode {term!r}")


def nt_triples(triples) -> str:
    return "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in triples)
