"""`iter_articles`: files and directories in, one Article or ReadProblem per input out."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from .article import Article, ReadProblem
from .draft import finish
from .errors import Unreadable
from .formats import reader_for
from .rawfile import check_not_binary, read_bytes
from .walk import Source, iter_sources

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def _problem(path: str, reason: str, line: int | None = None) -> ReadProblem:
    return ReadProblem(path, " ".join(str(reason).split()), line)  # always exactly one line


def iter_articles(paths: Iterable[str | os.PathLike],
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadProblem]:
    """Articles from files and directories (recursively), in a deterministic order.

    Arguments are read in the order given; a directory's files in sorted order of their
    relative paths, skipping hidden files and folders, `*.gold.json` and `README.md`
    (a file named explicitly is always read). Each bad input (missing, unreadable,
    too large, binary, not UTF-8, unknown format, empty, unsupported language, a bad JSONL
    line or feed entry) yields one ReadProblem, and reading goes on.
    """
    for item in iter_sources(paths):
        if isinstance(item, ReadProblem):
            yield _problem(item.path, item.reason, item.line)
        else:
            yield from read_source(item, max_bytes)


def read_source(src: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadProblem]:
    """Everything one file holds: articles, and problems for what cannot be read."""
    try:
        reader = reader_for(src.path)
        data = read_bytes(src.path, max_bytes)
        check_not_binary(data)
        anything = False
        for result in reader(data):
            anything = True
            if isinstance(result, Unreadable):
                yield _problem(src.path, result.reason, result.line)
                continue
            try:
                yield finish(result, src.path, src.key_path)
            except Unreadable as exc:
                yield _problem(src.path, exc.reason, exc.line)
        if not anything:
            # e.g. an empty or all-blank .jsonl: silence would look like success
            yield _problem(src.path, "no articles in it (empty file)" if not data
                           else "no articles in it (only blank lines)")
    except Unreadable as exc:
        yield _problem(src.path, exc.reason, exc.line)
    except Exception as exc:  # noqa: BLE001 - one broken file must not end the whole run
        yield _problem(src.path, f"could not read: {type(exc).__name__}: {exc}")
