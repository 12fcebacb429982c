"""Refusing SERVICE and LOAD: the only SPARQL features that make the store fetch URLs.

Oxigraph (pyoxigraph) does execute `SERVICE <url> {…}` and `LOAD <url>` with its own HTTP
client, so an anonymous query must never reach it with either. The check has two stages:

1. A fast, sound pre-filter: Oxigraph matches keywords ASCII-case-insensitively, does not
   decode `\\uXXXX` escapes outside strings and IRIs, and cannot spell SERVICE or LOAD
   any other way, so a text whose case-folded form (and whose \\u-decoded case-folded
   form, for spec-conforming backends that decode escapes first) does not contain the
   letters "service" / "load" cannot use them. Almost every query stops here.
2. Only texts that contain those letters (in a string, an IRI, a comment or a name) are
   parsed with rdflib's SPARQL parser and the parse tree is searched for a
   ServiceGraphPattern / Load node; a tokenizer pass (strings, long strings, IRIs and
   comments stripped) must agree. A text rdflib cannot parse is refused rather than
   guessed at: the letters are there and we could not prove they are harmless.

Lowercase, whitespace, comments between keyword and IRI (`SERVICE#x\\n<…>`), gluing
(`SERVICE:x`, `SERVICEsilent<…>`) and strings that look like code to a naive scanner
(`FILTER(?a<?b&&'>') SERVICE <…> {} #'`) are all caught by stage 1 or 2.
"""
from __future__ import annotations

import re
from functools import lru_cache

_UESC = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class Refused(Exception):
    """The request uses a feature this endpoint does not allow; the message says which and how to allow it."""


def _unescape(text: str) -> str:
    def sub(m):
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group(0)
    return _UESC.sub(sub, text)


def _mentions(text: str, word: str) -> bool:
    if word in text.casefold():
        return True
    if "\\" in text:
        return word in _unescape(text).casefold()
    return False


# ---- stage 2: tokenizer (strings, IRIs and comments removed; what is left is code)
_TOKEN = re.compile(r'''
    (?P<lstr>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\')
  | (?P<str>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<comment>\#[^\n\r]*)
  | (?P<var>[?$][\w\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*|:[\w.\-:\u00B7\u00C0-\uFFFF]*)
  | (?P<other>\S)
''', re.VERBOSE | re.DOTALL)


def code_words(text: str) -> list[str]:
    """The bare words of a SPARQL text outside strings, IRIs and comments (keywords, prefixed names)."""
    return [m.group("word") for m in _TOKEN.finditer(text) if m.lastgroup == "word"]


def _tokens_use(text: str, keyword: str) -> bool:
    kw = keyword.lower()
    for t in (text, _unescape(text)):
        for w in code_words(t):
            # conservative: a word *starting* with the keyword counts, because Oxigraph accepts
            # `SERVICE:x` and `SERVICEex:y` (keyword glued to a prefixed name) as SERVICE.
            if w.lower().startswith(kw):
                return True
    return False


# ---- stage 2: rdflib's parse tree
def _tree_has(node, names: set[str], depth: int = 0) -> bool:
    if depth > 400:
        return True  # absurdly deep: refuse rather than recurse forever
    name = getattr(node, "name", None)
    if isinstance(name, str) and name in names:
        return True
    if isinstance(node, dict):
        return any(_tree_has(v, names, depth + 1) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_tree_has(v, names, depth + 1) for v in node)
    # pyparsing ParseResults: iterate its items
    if type(node).__name__ == "ParseResults":
        return any(_tree_has(v, names, depth + 1) for v in list(node))
    return False


def _parsed_uses(text: str, update: bool) -> tuple[bool, bool] | None:
    """(uses SERVICE, uses LOAD) by rdflib's parse tree, or None when rdflib cannot parse it."""
    return _parsed_uses_cached(text, update) if len(text) < 20000 else _parse_uses(text, update)


@lru_cache(maxsize=256)
def _parsed_uses_cached(text: str, update: bool) -> tuple[bool, bool] | None:
    return _parse_uses(text, update)


def _parse_uses(text: str, update: bool) -> tuple[bool, bool] | None:
    try:
        if update:
            from rdflib.plugins.sparql.parser import parseUpdate
            tree = parseUpdate(text)
        else:
            from rdflib.plugins.sparql.parser import parseQuery
            tree = parseQuery(text)
    except Exception:  # noqa: BLE001  (pyparsing raises several kinds)
        return None
    return _tree_has(tree, {"ServiceGraphPattern"}), _tree_has(tree, {"Load"})


HOW_TO_ALLOW = "start the server with NEWSGRAPH_ALLOW_SERVICE=1 to allow it"


def check(text: str, update: bool = False, allow_remote: bool = False) -> None:
    """Raise Refused when `text` uses SERVICE (or LOAD, for updates) and remote access is not allowed."""
    if allow_remote:
        return
    words = ["service", "load"] if update else ["service"]
    suspicious = [w for w in words if _mentions(text, w)]
    if not suspicious:
        return
    parsed = _parsed_uses(text, update)
    for w in suspicious:
        kw = w.upper()
        by_tree = None if parsed is None else parsed[0 if w == "service" else 1]
        if by_tree or _tokens_use(text, kw):
            raise Refused(f"{kw} is not allowed on this endpoint: it would make the server fetch a URL "
                          f"({HOW_TO_ALLOW})")
        if by_tree is None:
            raise Refused(f"the text contains the word {kw!r} and could not be checked safely "
                          f"(rdflib's SPARQL parser rejects it): {kw} is not allowed on this endpoint "
                          f"({HOW_TO_ALLOW})")


def query_form(text: str) -> str | None:
    """'select' | 'ask' | 'construct' | 'describe' | 'update' by the first keyword outside the
    prologue, or None when there is none (the store reports the syntax error then)."""
    for w in code_words(text):
        lw = w.lower()
        if lw in ("select", "ask", "construct", "describe"):
            return lw
        if lw in ("insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with"):
            return "update"
        if lw in ("prefix", "base") or ":" in w:
            continue
    return None
