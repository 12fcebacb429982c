"""Articles handed over as Python mappings (the Python API's `kg.ingest([{"text": ...}])`).

A mapping has the fields of a JSONL line (`text` required; `title`, `date`, `url`, `lang`,
`source`) plus an optional `id`, and passes the same checks (readers/jsonl.py,
readers/draft.py), so a notebook and a file give the same article. Identity, which makes a
re-ingest recognisable: the `url`, else the `id`, else the text itself (its hash): without a
url or id an edited text is a new article rather than a replacement, so give one of them for
texts that change.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from .article import Article, ReadProblem
from .draft import field_text, finish
from .errors import Unreadable
from .jsonl import draft_from_object

KEY_PREFIX = "python:"  # key paths of in-memory articles, apart from any folder name


def iter_objects(objects: Iterable[object], first: int = 1) -> Iterator[Article | ReadProblem]:
    """One Article or ReadProblem per mapping; problems name the mapping's position
    ("article #3", counted from `first`)."""
    for number, obj in enumerate(objects, start=first):
        where = f"article #{number}"
        try:
            draft = draft_from_object(obj, None)
            given = field_text(obj.get("id"), "id") if isinstance(obj, dict) else None
            key = given or "sha256:" + hashlib.sha256(draft.text.encode("utf-8")).hexdigest()[:32]
            yield finish(draft, where, KEY_PREFIX + key)
        except Unreadable as exc:
            yield ReadProblem(where, " ".join(exc.reason.split()))
