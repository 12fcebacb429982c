"""`.md`: optional YAML front matter (title, date, url, lang, source) and a markdown body.

The body loses simple markdown syntax: headings' `#`, emphasis, code marks, link and image
syntax (links keep their text, images go), list and quote markers, rules, reference
definitions, inline HTML tags, backslash escapes. Lines of one paragraph are joined; list
items keep a line each; paragraphs stay separated by a blank line. Without a front matter
title, a leading `# Heading` is the title; a leading heading equal to the title is dropped.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from .draft import Draft
from .errors import Unreadable
from .normalize import normalise_newlines
from .rawfile import bytes_to_text

# Front matter keys, with the alternative names some tools write.
FRONT_MATTER_KEYS = {
    "title": ("title",),
    "date": ("date", "published", "pubdate"),
    "url": ("url", "link", "canonical_url"),
    "lang": ("lang", "language"),
    "source": ("source",),
}

_FRONT_OPEN = re.compile(r"\A---[ \t]*\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")

_ESCAPABLE = r"\\`*_{}\[\]()#+\-.!>~|<"
_ESCAPE = re.compile(rf"\\([{_ESCAPABLE}])")
_PLACEHOLDER_BASE = 0xF0000  # private use plane: escaped characters hide here meanwhile
_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # image
    (re.compile(r"!\[([^\]]*)\]\[[^\]]*\]"), ""),  # reference image
    (re.compile(r"\[\^[^\]\s]+\]"), ""),  # footnote reference
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # link (URL may hold parens)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference link
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolink
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tag
    (re.compile(r"(`+)(.+?)\1"), r"\2"),  # code span
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),  # emphasis *x*
    (re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), r"\1"),  # emphasis _x_
]


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter mapping, body); a file without front matter gives ({}, text)."""
    m = _FRONT_OPEN.match(text)
    if not m:
        return {}, text
    close = _FRONT_CLOSE.search(text, m.end())
    if not close:
        raise Unreadable("front matter opened with '---' is never closed")
    raw = text[m.end():close.start()]
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise Unreadable(f"front matter is not valid YAML: {problem}{where}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise Unreadable("front matter must be a mapping of keys to values")
    return data, text[close.end():].lstrip("\n")


def _inline(text: str) -> str:
    hidden = _ESCAPE.sub(lambda m: chr(_PLACEHOLDER_BASE + ord(m.group(1))), text)
    for pattern, repl in _INLINE:
        hidden = pattern.sub(repl, hidden)
    return re.sub("[\U000f0000-\U000f007f]", lambda m: chr(ord(m.group()) - _PLACEHOLDER_BASE), hidden)


def markdown_blocks(body: str) -> list[tuple[str, str]]:
    """The body as (kind, text) blocks: kind is "heading1", "heading" or "para"."""
    blocks: list[tuple[str, str]] = []
    para: list[str] = []  # lines of the paragraph being collected; list items start with "\n"

    def flush() -> None:
        if para:
            joined = "".join(para).strip()
            if joined:
                blocks.append(("para", joined))
            para.clear()

    def add(line: str, hard_break: bool) -> None:
        item = _LIST_ITEM.match(line)
        if item:
            line = line[item.end():]
        content = _inline(line.strip())
        if not para or para[-1].endswith("\n"):
            para.append(content)
        elif item:
            para.append("\n" + content)
        else:
            para.append(" " + content)
        if hard_break:
            para.append("\n")

    in_fence = False
    lines = body.split("\n")
    for i, raw in enumerate(lines):
        if _FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:  # code keeps its lines and its characters
            para.append(("\n" if para else "") + raw.rstrip())
            continue
        line = raw
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        if not line.strip():
            flush()
            continue
        if _REF_DEF.match(line):
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            heading = _inline(atx.group(2) or "").strip()
            if heading:
                blocks.append(("heading1" if len(atx.group(1)) == 1 else "heading", heading))
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not para and _SETEXT.match(nxt) and not _LIST_ITEM.match(line) and not _RULE.match(line):
            blocks.append(("heading1" if nxt.strip().startswith("=") else "heading", _inline(line.strip())))
            lines[i + 1] = ""  # the underline is consumed
            continue
        if _RULE.match(line):
            flush()
            continue
        hard_break = raw.endswith("  ") or raw.rstrip(" ").endswith("\\")
        if raw.rstrip(" ").endswith("\\"):
            line = line.rstrip(" ")[:-1]
        add(line, hard_break)
    flush()
    return blocks


def strip_markdown(body: str) -> str:
    return "\n\n".join(text for _, text in markdown_blocks(body))


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def read(data: bytes) -> Iterator[Draft]:
    text = normalise_newlines(bytes_to_text(data))
    meta, body = split_front_matter(text)
    values = {}
    for field, names in FRONT_MATTER_KEYS.items():
        values[field] = next((meta[n] for n in names if meta.get(n) not in (None, "")), None)
    blocks = markdown_blocks(body)
    title = values["title"]
    if blocks and blocks[0][0].startswith("heading"):
        if title is None and blocks[0][0] == "heading1":
            title = blocks.pop(0)[1]
        elif title is not None and _same(str(title), blocks[0][1]):
            blocks.pop(0)
    yield Draft(text="\n\n".join(t for _, t in blocks), title=title, date=values["date"],
                date_declared=True, url=values["url"], lang=values["lang"], source=values["source"])
