"""The internal signal a reader raises for a bad input; `iter_articles` turns it into a ReadProblem."""
from __future__ import annotations


class Unreadable(Exception):
    """A file (or one line/entry of it) cannot become an article; `reason` says why, in one line."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
