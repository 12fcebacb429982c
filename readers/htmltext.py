"""An HTML fragment (feed entry content) as plain text with paragraph breaks.

Block elements (p, div, headings, list items, quotes, table rows, ...) become paragraphs,
`<br>` a line break; scripts, styles and images leave nothing.
"""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

BLOCK_TAGS = frozenset(
    "address article aside blockquote dd details div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table tbody thead tfoot tr ul".split())
DROP_TAGS = frozenset("script style noscript template iframe object embed svg math head title".split())
_BREAK = "\u2029"  # paragraph marker while walking, turned into a blank line at the end
_LINE = "\u2028"  # <br> while walking, turned into a line break at the end

_TAG_HINT = re.compile(r"<[A-Za-z/!][^>]*>|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


def looks_like_html(text: str) -> bool:
    return bool(_TAG_HINT.search(text))


def html_to_text(fragment: str) -> str:
    if not fragment or not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, etree.ParserError):
        return fragment
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag in DROP_TAGS or not isinstance(el.tag, str):  # comments, processing instructions
            return
        block = tag in BLOCK_TAGS
        if block:
            parts.append(_BREAK)
        if tag == "br":
            parts.append(_LINE)
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append(_BREAK)
        if tag in ("td", "th"):
            parts.append(" | ")

    walk(root)
    text = "".join(parts)
    # Inside a paragraph, source line breaks are just spaces; <br> gave real ones.
    paragraphs = []
    for para in text.split(_BREAK):
        para = re.sub(r"[ \t\r\n\f]+", " ", para)
        lines = [line.strip(" ") for line in para.split(_LINE)]
        para = "\n".join(line for line in lines if line).strip(" |")
        if para:
            paragraphs.append(para)
    return "\n\n".join(paragraphs)
