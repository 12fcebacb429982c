"""`.txt`: plain text, optionally led by a date line and a headline.

- ` date 2026-01-17 ` (leading space optional, also `date:`/`Datum`, also `17.01.2026`) at
  the very start gives the publication date; the text may follow on the same line.
- A short first line (≤ 200 characters) that does not end like a sentence (. ! ? : …,
  possibly followed by closing quotes or brackets) and is followed by more text is the
  headline: it becomes the title and is removed from the text.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .draft import Draft
from .normalize import normalise_newlines
from .rawfile import bytes_to_text

HEADLINE_MAX_CHARS = 200

_DATE_LINE = re.compile(
    r"\A[ \t]*(?:date|datum):?[ \t]+(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})(?:[ \t]+|[ \t]*\n|\Z)",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:…][\"'“”„‘’‚»«›‹)\]]*\Z")


def split_date_line(text: str) -> tuple[str | None, str]:
    m = _DATE_LINE.match(text)
    if not m:
        return None, text
    return m.group(1), text[m.end():]


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, rest) when the first line is a headline, else (None, text)."""
    stripped = text.lstrip("\n")
    first, newline, rest = stripped.partition("\n")
    first = first.strip()
    if (newline and rest.strip() and first and len(first) <= HEADLINE_MAX_CHARS
            and any(ch.isalpha() for ch in first) and not _SENTENCE_END.search(first)):
        return first, rest
    return None, text


def read(data: bytes) -> Iterator[Draft]:
    text = normalise_newlines(bytes_to_text(data))
    date, text = split_date_line(text)
    title, text = split_headline(text)
    yield Draft(text=text, title=title, date=date, date_declared=True)
