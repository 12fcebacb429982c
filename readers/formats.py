"""Which reader a file gets: by its ending, with content sniffing for feeds."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from . import feeds, jsonl, markdown, plaintext, webpage
from .draft import Draft
from .errors import Unreadable
from .rawfile import read_head

Reader = Callable[[bytes], Iterator["Draft | Unreadable"]]

READERS: dict[str, Reader] = {
    ".txt": plaintext.read, ".text": plaintext.read,
    ".md": markdown.read, ".markdown": markdown.read,
    ".html": webpage.read, ".htm": webpage.read, ".xhtml": webpage.read,
    ".jsonl": jsonl.read, ".ndjson": jsonl.read,
    ".rss": feeds.read, ".atom": feeds.read,
}
RDF_ENDINGS = (".nq", ".nquads", ".trig", ".ttl", ".nt", ".jsonld", ".rdf", ".owl")  # graph/load.py
SNIFFED_FEED_ENDINGS = (".xml",)  # read when the content is a feed, else an unknown format
KNOWN = ".txt, .md, .html/.htm, .jsonl, and feeds as .rss/.atom/.xml"


def ending(path: str) -> str:
    name = os.path.basename(path).lower()
    return os.path.splitext(name)[1]


def reader_for(path: str) -> Reader:
    """The reader for `path`, or Unreadable "unknown format" (reads at most a few KB to sniff)."""
    ext = ending(path)
    if ext in READERS:
        return READERS[ext]
    if feeds.looks_like_feed(read_head(path)):
        return feeds.read
    if ext in SNIFFED_FEED_ENDINGS:
        raise Unreadable(f"unknown format: {ext} but not an RSS/Atom feed (readable: {KNOWN})")
    what = repr(ext) if ext else "(no file ending)"
    if ext in RDF_ENDINGS:  # RDF is not an article: `newsgraph load` stores it as it is
        raise Unreadable(f"unknown format {what}: this is RDF, not an article; load it with `newsgraph load {path}`")
    raise Unreadable(f"unknown format {what} (readable: {KNOWN})")
