"""`.jsonl`: one article object per line.

Fields: `text` (required), `title`, `date`, `url`, `lang`, `source`; others are ignored.
Blank lines are skipped; a bad line is a problem naming its line number (counted from 1)
and the other lines are still read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from .draft import Draft
from .errors import Unreadable
from .rawfile import decode_utf8

FIELDS = ("title", "date", "url", "lang", "source")


def read(data: bytes) -> Iterator[Draft | Unreadable]:
    offset = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        start, offset = offset, offset + len(raw) + 1
        try:
            line = decode_utf8(raw, offset_base=start)
        except Unreadable as exc:
            yield Unreadable(exc.reason, number)
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Unreadable(f"malformed JSON: {exc.msg} (column {exc.colno})", number)
            continue
        try:
            yield draft_from_object(obj, number)
        except Unreadable as exc:
            yield exc


def draft_from_object(obj: object, line: int | None) -> Draft:
    """One article object (a JSONL line, or a mapping handed to the Python API) as a Draft;
    Unreadable saying why when it is not an object with a text."""
    if not isinstance(obj, dict):
        raise Unreadable(f"expected a JSON object, got {_json_type(obj)}", line)
    text = obj.get("text")
    if text is None:
        raise Unreadable("missing the required field 'text'", line)
    if not isinstance(text, str):
        raise Unreadable(f"field 'text' must be a string, not {_json_type(text)}", line)
    return Draft(text=text, date_declared=True, line=line, **{f: obj.get(f) for f in FIELDS})


def _json_type(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")
