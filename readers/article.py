"""The article record every reader produces."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .names import shown_name, stored_name


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
    # The directory argument's name and the path below it (a file argument: its folder's name
    # and its own), "/"-separated: stable when the same corpus is read from elsewhere.
    key_path: str | None = None

    @property
    def identity(self) -> str:
        """What makes re-ingest of the same article recognisable: its URL, else file (+line).

        The file part is `key_path` (independent of the working directory and of where the
        corpus folder lives); `path` only when no key path is known.
        """
        if self.url:
            return self.url
        base = stored_name(self.key_path or self.path)  # a file name may hold undecodable bytes
        where = base if self.line is None else f"{base}#{self.line}"
        return "file:" + where

    @property
    def where(self) -> str:
        """The file (and line) for a message, escaped like ReadProblem.where."""
        return shown_name(self.path) if self.line is None else f"{shown_name(self.path)}:{self.line}"

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
        return f"{self.where}: {self.reason}"

    @property
    def where(self) -> str:
        """The file (and line) for a message: escaped, so a hostile name cannot split or colour it."""
        return shown_name(self.path) if self.line is None else f"{shown_name(self.path)}:{self.line}"
