"""RSS and Atom feeds (`.rss`, `.atom`, and `.xml` or unknown endings whose content is a feed).

Each entry with text (content:encoded / Atom content, else description / summary) becomes
an article: HTML stripped to text, the entry's title, its link as URL, its published (else
updated) date as written. An entry without text is a problem for that entry (numbered from 1).
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from .draft import Draft
from .errors import Unreadable
from .htmltext import html_to_text, looks_like_html
from .rawfile import decode_utf8

_FEED_ROOT = re.compile(
    r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:[\w.-]+:)?(rss|feed|RDF)[\s>/]", re.S | re.I)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file are those of an RSS 0.9x/1.0/2.0 or Atom document."""
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    text = head.decode("latin-1")
    m = _FEED_ROOT.match(text)
    if not m:
        return False
    return m.group(1).lower() != "rdf" or "rss" in text.lower()  # RDF only as RSS 1.0


def _check_encoding(data: bytes) -> None:
    m = _XML_ENCODING.match(data)
    declared = m.group(1).decode("ascii").lower() if m else "utf-8"
    try:
        declared = codecs.lookup(declared).name
    except LookupError:
        raise Unreadable(f"the feed declares an unknown encoding {declared!r}") from None
    if declared == "utf-8":
        decode_utf8(data)  # raises "not UTF-8 (byte 0x.. at offset N)"


def _entry_text(entry) -> tuple[str, str] | None:
    """(value, MIME type) of the fullest text the entry has."""
    contents = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value", "")))
        return best["value"], best.get("type", "")
    summary = entry.get("summary") or ""
    if summary.strip():
        return summary, entry.get("summary_detail", {}).get("type", "")
    return None


def _as_text(value: str, mime: str) -> str:
    if "html" in mime or looks_like_html(value):
        return html_to_text(value)
    return value


def _web_link(entry) -> str | None:
    """The entry's web address; not an id such as "urn:uuid:…" that feedparser may offer as link."""
    links = [entry.get("link")] + [link.get("href") for link in entry.get("links", [])
                                   if link.get("rel", "alternate") == "alternate"]
    return next((u.strip() for u in links if u and re.match(r"https?://", u.strip(), re.I)), None)


def read(data: bytes) -> Iterator[Draft | Unreadable]:
    import feedparser

    _check_encoding(data)
    parsed = feedparser.parse(data)  # bytes: never fetched from anywhere
    error = parsed.get("bozo_exception") if parsed.bozo else None
    if isinstance(error, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)):
        error = None  # the encoding was sorted out; the XML itself is fine
    detail = str(error).replace("<unknown>:", "at ") if error is not None else ""
    if not parsed.entries:
        if error is not None:
            raise Unreadable(f"not a valid RSS/Atom feed ({detail})" if detail else "not a valid RSS/Atom feed")
        raise Unreadable("feed has no entries")
    if error is not None:  # entries were recovered by the lenient parser: say so, and read them
        yield Unreadable(f"not a valid RSS/Atom feed ({detail}); its entries were read leniently")
    feed = parsed.feed
    source = feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        title = entry.get("title")
        if title and "html" in entry.get("title_detail", {}).get("type", ""):
            title = html_to_text(title)
        found = _entry_text(entry)
        if found is None:
            label = f" {title[:60]!r}" if title else ""
            yield Unreadable(f"feed entry{label} has no text (no content, description or summary)", number)
            continue
        value, mime = found
        lang = next((c.get("language") for c in entry.get("content", []) if c.get("language")), None)
        yield Draft(
            text=_as_text(value, mime), title=title,
            date=entry.get("published") or entry.get("updated")
            or entry.get("published_parsed") or entry.get("updated_parsed"),
            url=_web_link(entry), lang=lang or feed.get("language"), source=source, line=number)
