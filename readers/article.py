"""The article record every reader produces."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass
class Article:
    text: str  # main text, Unicode NFC; headline not repeated in it
    path: str  # the file it came from
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD publication date
    url: str | None = None
    lang: str | None = None  # "de" | "en" (detected when not given)
    source: str | None = None  # outlet name, when known
    line: int | None = None  # line (JSONL) or entry number (feeds) within the file

    @property
    def identity(self) -> str:
        """What makes re-ingest of the same article recognisable: its URL, else file (+line)."""
        if self.url:
            return self.url
        where = self.path if self.line is None else f"{self.path}#{self.line}"
        return "file:" + where

    @property
    def content_hash(self) -> str:
        h = hashlib.sha256()
        for part in (self.title or "", self.date or "", self.url or "", self.lang or "", self.source or "",
                     self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass
class ReadProblem:
    """One bad input: which file (and line), and why, in words a user can act on."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"
