"""Turtle for people: a blank line between subjects.

Oxigraph's Turtle writer already groups a subject's facts (`;`, `,`) and uses our prefixes, but
writes every subject on the next line, so an export of thousands of resources reads as one
block. Its literals never hold a raw line break (it escapes them), so a line that does not start
with whitespace is always a new subject or a directive: a blank line goes before each subject.
"""
from __future__ import annotations


def spaced_turtle(data: bytes) -> bytes:
    out = []
    for line in data.splitlines(keepends=True):
        if out and line[:1] not in (b"\t", b" ", b"\n", b"@") and not line.startswith((b"PREFIX", b"BASE")):
            out.append(b"\n")  # a new subject (the prefixes end with one too)
        out.append(line)
    return b"".join(out)
