"""What a format reader hands on (`Draft`) and the common last step to an `Article`.

Every format ends here, so normalisation, date, language and empty-text rules are the
same for all of them.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from .article import Article
from .dates import parse_date
from .errors import Unreadable
from .language import SUPPORTED_LANGUAGES, declared_language, detect_language
from .names import lone_surrogate
from .normalize import normalise_text, normalise_title


# What one article may cost: extraction time and memory grow with the text (a one-line 1 MB
# "article" took 2 GB and 54 s). News articles run to some 10,000-50,000 characters; the
# limit is four times the longest long read, and $NEWSGRAPH_MAX_ARTICLE_CHARS changes it.
DEFAULT_MAX_CHARS = 200_000


def max_article_chars() -> int:
    value = os.environ.get("NEWSGRAPH_MAX_ARTICLE_CHARS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_CHARS


@dataclass
class Draft:
    text: str
    title: object = None
    date: object = None
    # True when the date was written by whoever prepared the file (a date line, front matter,
    # a JSONL field): a date that cannot be read is then an error. Dates scraped from web
    # pages and feeds are best effort: unreadable ones are dropped.
    date_declared: bool = False
    url: object = None
    lang: object = None
    source: object = None
    line: int | None = None


def field_text(value: object, name: str, line: int | None = None) -> str | None:
    """A metadata value as text: strings and numbers pass, lists and mappings are an error."""
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, (list, dict, tuple, set)):
        raise Unreadable(f"field {name!r} must be text, not {type(value).__name__}", line)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip() or None


def finish(draft: Draft, path: str, key_path: str) -> Article:
    """The Article for `draft`, or Unreadable (with the draft's line) saying why not."""
    line = draft.line
    for name in ("text", "title", "url", "lang", "source"):
        value = getattr(draft, name)
        if isinstance(value, str) and (bad := lone_surrogate(value)):
            # JSON may escape half a character pair ("\ud800"): no store can hold that text
            raise Unreadable(f"field {name!r} holds a lone surrogate {bad} (not valid Unicode)", line)
    text = normalise_text(draft.text)
    if not text:
        raise Unreadable("empty text (nothing left after stripping)", line)
    if len(text) > (limit := max_article_chars()):
        raise Unreadable(f"article text is {len(text):,} characters, over the limit of {limit:,} "
                         f"($NEWSGRAPH_MAX_ARTICLE_CHARS): split it into articles or raise the limit", line)
    title = normalise_title(field_text(draft.title, "title", line))
    date = None
    if draft.date is not None and draft.date != "":
        date = parse_date(draft.date)
        if date is None and draft.date_declared:
            raise Unreadable(f"unrecognised date {str(draft.date)!r} (write it as YYYY-MM-DD)", line)
    declared = declared_language(field_text(draft.lang, "lang", line))
    if declared is not None:
        if declared not in SUPPORTED_LANGUAGES:
            raise Unreadable(f"unsupported language {declared!r} (declared; only de and en are read)", line)
        lang = declared
    else:
        lang = detect_language(f"{title}\n{text}" if title else text)
        if lang not in SUPPORTED_LANGUAGES:
            raise Unreadable(f"unsupported language {lang!r} (detected; only de and en are read)", line)
    return Article(
        text=text, path=path, title=title, date=date, url=field_text(draft.url, "url", line),
        lang=lang, source=normalise_title(field_text(draft.source, "source", line)), line=line,
        key_path=key_path)
