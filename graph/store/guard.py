"""The writer guard: one newsgraph writer per store directory, with no gap while serving.

RocksDB's own `LOCK` is a POSIX record lock, which belongs to a process and is dropped
whenever that process closes any descriptor of the file. The endpoint therefore cannot hold
it across an update that runs in a child process: there is a moment between the child's
exit and the server taking `LOCK` back. This guard closes that gap for every newsgraph
writer: a `flock` on `<store>/newsgraph.lock`, taken before the store is opened read-write.
A flock belongs to the open file, so a child that inherits the server's descriptor (its
number in `$NEWSGRAPH_STORE_GUARD_FD`) holds the very same lock, while any other writer
(`newsgraph ingest`, a second `serve`) fails at once with "in use".
"""
from __future__ import annotations

import fcntl
import os

GUARD_NAME = "newsgraph.lock"
INHERITED = "NEWSGRAPH_STORE_GUARD_FD"


class GuardBusy(Exception):
    """Another newsgraph process is writing to (or serving) this store."""


class WriterGuard:
    def __init__(self, directory: str):
        self.path = os.path.join(directory, GUARD_NAME)
        self.fd: int | None = None
        inherited = _inherited_for(self.path)
        if inherited is not None:
            self.fd, self.owned = inherited, False  # the server's lock, passed down
        else:
            self.fd, self.owned = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644), True
        try:
            # on the inherited descriptor this succeeds only if it is the one holding the lock (the
            # same open file): naming some other descriptor of the file in the variable gets nothing
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if self.owned:
                os.close(self.fd)
            self.fd = None
            raise GuardBusy(str(exc)) from exc

    def release(self) -> None:
        if self.fd is not None and self.owned:
            os.close(self.fd)  # closing the only descriptor drops the flock
        self.fd = None


def _inherited_for(path: str) -> int | None:
    value = os.environ.get(INHERITED, "")
    if not value.isdigit():
        return None
    fd = int(value)
    try:
        mine, there = os.fstat(fd), os.stat(path)
    except OSError:
        return None
    return fd if (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino) else None
