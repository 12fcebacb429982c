"""Which files to read: the arguments in order, directories recursively in sorted order.

Inside directories, hidden files and folders (name starting with "."), annotation files
(`*.gold.json`) and `README.md` are skipped; a file named explicitly is always read.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .article import ReadProblem
from .rawfile import os_reason

SKIPPED_SUFFIXES = (".gold.json",)
SKIPPED_NAMES = ("readme.md",)  # compared in lower case


@dataclass(frozen=True)
class Source:
    path: str  # as the user gave it (the directory argument joined with the relative path)
    # "/"-separated, independent of the working directory: for a directory argument, the
    # directory's own name and the path below it ("seeds/de-x.md"); for a file argument, its
    # folder's name and its own ("seeds/de-x.md" again), so two corpora with the same file
    # names stay apart and a file reads the same alone or with its folder.
    key_path: str


def skipped_in_directory(name: str) -> bool:
    lower = name.lower()
    return name.startswith(".") or lower.endswith(SKIPPED_SUFFIXES) or lower in SKIPPED_NAMES


def iter_sources(paths: Iterable[str | os.PathLike]) -> Iterator[Source | ReadProblem]:
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]  # one path given bare: not a sequence of one-character paths
    for arg in paths:
        path = os.fsdecode(arg)
        try:
            st = os.stat(path)
        except OSError as exc:
            yield ReadProblem(path, _missing_reason(path, exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, "", {(st.st_dev, st.st_ino)}, _own_name(path))
        elif stat.S_ISREG(st.st_mode):
            yield Source(path, f"{_own_name(os.path.dirname(os.path.abspath(path)))}/{os.path.basename(path)}")
        else:
            yield ReadProblem(path, "not a regular file or directory")


def _own_name(directory: str) -> str:
    return os.path.basename(os.path.normpath(os.path.abspath(directory))) or "root"


def _missing_reason(path: str, exc: OSError) -> str:
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return "broken symbolic link" if os.path.islink(path) else "no such file or directory"
    return os_reason(exc)


def _walk(top: str, rel: str, seen: set[tuple[int, int]], name: str) -> Iterator[Source | ReadProblem]:
    here = os.path.join(top, rel) if rel else top
    try:
        with os.scandir(here) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield ReadProblem(here, f"cannot list directory: {os_reason(exc)}")
        return
    for entry in entries:
        if skipped_in_directory(entry.name):
            continue
        rel_child = f"{rel}/{entry.name}" if rel else entry.name
        path = os.path.join(top, *rel_child.split("/"))
        try:
            st = os.stat(entry.path)  # follows symbolic links
        except OSError as exc:
            yield ReadProblem(path, _missing_reason(entry.path, exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            ident = (st.st_dev, st.st_ino)
            if ident in seen:
                continue  # a symbolic link back into a folder being read: no endless loop
            yield from _walk(top, rel_child, seen | {ident}, name)
        elif stat.S_ISREG(st.st_mode):
            yield Source(path, f"{name}/{rel_child}")
        else:
            yield ReadProblem(path, "not a regular file or directory")
