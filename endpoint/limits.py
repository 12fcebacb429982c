"""Request-shape limits checked before any SPARQL parser sees the text.

Oxigraph's and rdflib's parsers recurse once (or several times) per nesting level: a 40 KB
text of nested groups `{{{…}}}` overflows the native stack, which kills the process (SIGSEGV,
not an exception Python could catch). So the endpoint measures the nesting with the linear
scan below and refuses deep texts with a 400 before they reach any parser, and caps the text's
size. A text is nested as deep as its deepest run of open `{`, `(` and `[`; brackets in
strings and comments do not count, brackets in IRIs do (conservatively: `<(>` is an IRI to
Oxigraph only where an IRI may stand).

The scan is deliberately conservative where SPARQL's lexer is subtle: a backslash outside a
string escapes the next character (`ex:a\\'b` is a prefixed name, not the start of a string),
and an unterminated string or IRI ends the scan as if the rest were code.
"""
from __future__ import annotations

import os
import re

DEFAULT_MAX_NESTING = 64  # Oxigraph overflowed its stack between 2,000 and 5,000 levels
DEFAULT_MAX_QUERY = 100_000  # characters of a query; updates may use the whole request body
MAX_MESSAGE = 2_000  # characters of an error message sent back (the rest is cut)

_IRI = re.compile(r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>')
_OPEN, _CLOSE = "{([", "})]"


class TooLarge(Exception):
    """The text is over a size or nesting limit; the message says which and how to change it."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def max_nesting() -> int:
    return _env_int("NEWSGRAPH_MAX_NESTING", DEFAULT_MAX_NESTING)


def max_query_chars() -> int:
    return _env_int("NEWSGRAPH_MAX_QUERY", DEFAULT_MAX_QUERY)


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, "") or default)
    except ValueError:
        return default


def nesting_depth(text: str, stop_at: int | None = None) -> int:
    """The deepest nesting of `{ ( [` outside strings and comments (stops early past `stop_at`)."""
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN:
            depth += 1
            if depth > deepest:
                deepest = depth
                if stop_at is not None and deepest > stop_at:
                    return deepest
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "\\":
            i += 2  # an escape in a prefixed name (ex:a\'b): the next character is not code
            continue
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        elif ch in "\"'":
            i = _string_end(text, i)
            continue
        elif ch == "<":
            m = _IRI.match(text, i)
            if m:
                inner = m.group(0)
                opened = sum(inner.count(c) for c in "([")
                if depth + opened > deepest:  # conservative: as if every bracket in the IRI were code
                    deepest = depth + opened
                    if stop_at is not None and deepest > stop_at:
                        return deepest
                i = m.end()
                continue
        i += 1
    return deepest


def _string_end(text: str, i: int) -> int:
    q = text[i]
    if text.startswith(q * 3, i):
        j = i + 3
        while j < len(text):
            if text[j] == "\\":
                j += 2
                continue
            if text.startswith(q * 3, j):
                while j + 3 < len(text) and text[j + 3] == q:  # '''a'''' ends at the last three
                    j += 1
                return j + 3
            j += 1
        return i + 1  # unterminated: scan the rest as code
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == q:
            return j + 1
        if c in "\n\r":
            break  # a short string cannot span lines
        j += 1
    return i + 1  # not a string after all: scan on as code


def check_text(text: str, update: bool = False, max_chars: int | None = None) -> None:
    """Raise TooLarge for a text over the size limit (413) or nested deeper than the limit (400)."""
    limit = max_chars if max_chars is not None else (None if update else max_query_chars())
    what = "update" if update else "query"
    if limit is not None and len(text) > limit:
        raise TooLarge(f"the {what} is {len(text):,} characters, over the limit of {limit:,} "
                       f"($NEWSGRAPH_MAX_QUERY)", 413)
    cap = max_nesting()
    depth = nesting_depth(text, stop_at=cap)
    if depth > cap:
        raise TooLarge(f"the {what} nests groups, brackets or parentheses more than {cap} levels deep "
                       f"($NEWSGRAPH_MAX_NESTING); refused before parsing")


def short(message: str, limit: int = MAX_MESSAGE) -> str:
    """An error message of bounded size: a malformed megabyte must not come back as two."""
    if len(message) <= limit:
        return message
    return message[:limit] + f"… [{len(message) - limit:,} more characters cut]"
