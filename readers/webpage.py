"""`.html`/`.htm`: the main text without boilerplate (trafilatura), and the page's metadata.

Metadata comes from the page itself: URL from the canonical link or og:url; publication
date from JSON-LD (datePublished), article/meta tags, then `<time datetime>`; title and
outlet from trafilatura (og:title, <title>, og:site_name); language from `<html lang>`,
Content-Language or og:locale. Paragraphs stay separated by blank lines.
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from .dates import parse_date
from .draft import Draft
from .errors import Unreadable
from .rawfile import decode_utf8

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_PROLOG = re.compile(r"\A\s*<\?xml[^>]*\?>")
# Meta tags (property / name / itemprop) that give the publication date, best first.
DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "publishdate",
    "publish-date", "pubdate", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "date", "parsely-pub-date", "sailthru.date", "og:updated_time",
)
_JSONLD_DATE_KEYS = ("datePublished", "dateCreated", "uploadDate")


def decode_html(data: bytes) -> str:
    """UTF-8, or the charset the page declares in a <meta> tag."""
    try:
        return decode_utf8(data)
    except Unreadable as not_utf8:
        m = _CHARSET.search(data[:4096])
        if not m:
            raise Unreadable(f"{not_utf8.reason}, and the page declares no other charset") from None
        name = m.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            raise Unreadable(f"{not_utf8.reason}; the declared charset {name!r} is unknown") from None
        if codec == "utf-8":
            raise Unreadable(f"{not_utf8.reason}, though the page declares UTF-8") from None
        if codec in ("latin-1", "iso8859-1", "ascii"):
            codec = "cp1252"  # what browsers do: Windows-1252 is a superset in practice
        return data.decode(codec, errors="replace")


def _meta_values(root) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        content = meta.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def _jsonld_objects(root) -> Iterator[dict]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack[:0] = item["@graph"]


def _is_article(obj: dict) -> bool:
    types = obj.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and ("Article" in t or t in ("BlogPosting", "Report")) for t in types)


def page_date(root, meta: dict[str, str]) -> str | None:
    objects = list(_jsonld_objects(root))
    for obj in sorted(objects, key=lambda o: not _is_article(o)):  # articles first, stable
        for key in _JSONLD_DATE_KEYS:
            date = parse_date(obj.get(key)) if isinstance(obj.get(key), str) else None
            if date:
                return date
    for key in DATE_META:
        date = parse_date(meta.get(key))
        if date:
            return date
    times = list(root.iter("time"))
    preferred = [t for t in times if (t.get("itemprop") or "").lower() == "datepublished"
                 or "pubdate" in t.attrib or "published" in (t.get("class") or "").lower()]
    for t in preferred + times:
        date = parse_date(t.get("datetime") or t.text_content())
        if date:
            return date
    return None


def page_url(root, meta: dict[str, str]) -> str | None:
    candidates = [link.get("href") for link in root.iter("link")
                  if "canonical" in (link.get("rel") or "").lower().split()]
    candidates.append(meta.get("og:url"))
    for url in candidates:
        if url and re.match(r"https?://", url.strip(), re.IGNORECASE):
            return url.strip()
    return None


def page_lang(root, meta: dict[str, str]) -> str | None:
    return (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
            or meta.get("content-language") or meta.get("og:locale") or None)


def _inline(el, skip: tuple[str, ...] = ()) -> str:
    parts = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in skip:
            parts.append(_inline(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


_BLOCK_CHILDREN = ("p", "head", "list", "quote", "table", "code", "div")


def body_paragraphs(el) -> list[str]:
    """Paragraphs of trafilatura's XML body (p, head, list/item, quote, table/row/cell, lb)."""
    out: list[str] = []
    for child in el:
        tag = child.tag
        if tag == "list":
            items = [_inline(item, skip=("list",)).strip() for item in child.iter("item")]
            out.append("\n".join(i for i in items if i))
        elif tag == "table":
            rows = [" | ".join(_inline(cell).strip() for cell in row.iter("cell")) for row in child.iter("row")]
            out.append("\n".join(r for r in rows if r.strip(" |")))
        elif tag in ("quote", "div") and any(c.tag in _BLOCK_CHILDREN for c in child):
            out.extend(body_paragraphs(child))
        elif tag != "graphic":
            out.append(_inline(child))
        if child.tail and child.tail.strip():
            out.append(child.tail)
    return [p.strip() for p in out if p and p.strip()]


def _same(a: str | None, b: str) -> bool:
    return a is not None and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def read(data: bytes) -> Iterator[Draft]:
    import trafilatura  # slow to import: only when a page is read

    text = _XML_PROLOG.sub("", decode_html(data))
    if not text.strip():
        raise Unreadable("empty text (nothing left after stripping)")
    try:
        root = lxml.html.fromstring(text)
    except (ValueError, etree.ParserError) as exc:
        raise Unreadable(f"not a readable HTML page ({exc})") from exc
    meta = _meta_values(root)
    doc = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None or doc.body is None:
        raise Unreadable("no article text found in the page (only boilerplate or nothing)")
    paragraphs = body_paragraphs(doc.body)
    title = doc.title or meta.get("og:title") or (root.findtext(".//title") or "").strip() or None
    h1 = root.find(".//h1")
    while paragraphs and (_same(title, paragraphs[0])
                          or (h1 is not None and _same(h1.text_content(), paragraphs[0]))):
        paragraphs.pop(0)  # the headline, not repeated in the text
    yield Draft(
        text="\n\n".join(paragraphs), title=title,
        date=page_date(root, meta) or doc.date, url=page_url(root, meta) or doc.url,
        lang=page_lang(root, meta), source=doc.sitename or meta.get("og:site_name"))
