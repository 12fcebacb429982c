"""SPARQL syntax errors a person can read: one line with what, line and column.

Oxigraph's parser reports `error at LINE:COL: expected one of …` with every token it could
have taken, character classes spelt out as Unicode ranges (`['\\u{00C0}'..='\\u{00D6}' | …]`):
a wall of text for a missing prefix declaration. Here the ranges go, an unknown prefix is
named, and the offending line follows with a caret under the column (tabs kept, so it lines up).
"""
from __future__ import annotations

import re

from ..namespaces import PREFIXES

_POS = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.DOTALL)
_CHAR_CLASS = re.compile(r"\[[^\]]*\]")
MAX_EXPECTED = 8


def _expected(detail: str) -> str:
    """`expected one of A, B, ['0'..='9']` -> `expected one of A, B` (no character classes)."""
    m = re.match(r"expected (one of )?(.*)", detail, re.DOTALL)
    if not m:
        return " ".join(detail.split())
    items = [i.strip() for i in _CHAR_CLASS.sub("", m.group(2)).split(",")]
    items = [i for i in items if i and "\\" not in i and i != "Prefix not found"]
    if not items:
        return "unexpected text"
    more = len(items) > MAX_EXPECTED
    items = items[:MAX_EXPECTED]
    head = "expected one of " if len(items) > 1 else "expected "
    return head + ", ".join(items) + (", …" if more else "")


def _prefix_before(line: str, col: int) -> str | None:
    """The prefix of the prefixed name that ends where the parser stopped."""
    m = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", line[:max(col - 1, 0)].rstrip())
    return (m.group(1) or "") if m else None


def readable(message: str, text: str, what: str = "query") -> str:
    """`malformed query at line L, column C (error at L:C): expected one of …`, then the line
    and a caret. A message without a position is returned as it is."""
    m = _POS.search(message)
    if not m:
        return message
    line_no, col, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = text.splitlines()
    line = lines[line_no - 1] if 1 <= line_no <= len(lines) else None
    if "Prefix not found" in detail and line is not None and (prefix := _prefix_before(line, col)) is not None:
        known = ", ".join(f"{p}:" for p in PREFIXES)
        head = f'unknown prefix "{prefix}:": declare it (PREFIX {prefix}: <…>); predefined are {known}'
    else:
        head = _expected(detail)
    out = f"malformed {what} at line {line_no}, column {col} (error at {line_no}:{col}): {head}"
    if line is None:
        return out
    if len(line) > 160:  # a one-line megabyte: show the 160 characters around the error, not all of it
        start = max(0, min(col - 80, len(line) - 160))
        line = ("…" if start else "") + line[start:start + 160] + ("…" if start + 160 < len(line) else "")
        col = col - start + (1 if start else 0)
    label = f"  line {line_no}: "
    pad = "".join(c if c == "\t" else " " for c in line[:col - 1])
    return f"{out}\n{label}{line}\n{' ' * len(label)}{pad}^"
