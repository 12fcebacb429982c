"""Heavy queries run at the lowest CPU priority, and pause while light ones run.

A query that has run long (or comes from a client known to send such queries, fairness.py)
already runs at the lowest CPU priority (SCHED_IDLE). On a small machine that is not enough:
each time a light request's processes wake, the heavy query has just filled the core's caches
with its own data, and on two shared cores normal clients lost a fifth of their throughput
beside two cartesian queries (docs/endpoint.md, "Under abuse"). So while any light query is in
a worker, and for `quiet` seconds after the last one, the heavy workers are stopped
(SIGSTOP) and go on (SIGCONT) when the server is quiet again. So that a heavy query still
makes progress on a server that is never quiet, it always gets the first `share` of every
`period` seconds.
"""
from __future__ import annotations

import os
import signal
import threading
import time

_STOP = getattr(signal, "SIGSTOP", None)
_CONT = getattr(signal, "SIGCONT", None)


def _tasks(pid: int) -> list[int]:
    """The process' threads (Linux sets scheduling per thread), or just the process elsewhere."""
    try:
        return [int(t) for t in os.listdir(f"/proc/{pid}/task")] or [pid]
    except OSError:
        return [pid]


def lower_priority(pid: int, idle: bool = True) -> bool:
    """`idle`: let the process run only on CPU nobody else wants, SCHED_IDLE on Linux (a waking
    normal task takes the core at once; nice 19 still got a share). Else, or where SCHED_IDLE is
    refused, nice 19: the lowest priority that still gets a small share on a busy machine."""
    tasks = _tasks(pid)
    if idle:
        try:
            for tid in tasks:
                os.sched_setscheduler(tid, os.SCHED_IDLE, os.sched_param(0))
            return True
        except (AttributeError, OSError):
            pass
    try:
        for tid in tasks:
            os.setpriority(os.PRIO_PROCESS, tid, 19)
        return True
    except OSError:
        return False


def restore_priority(pid: int) -> bool:
    """Normal priority again; False where that needs a privilege the server lacks."""
    try:
        for tid in _tasks(pid):
            if hasattr(os, "SCHED_IDLE") and os.sched_getscheduler(tid) != os.SCHED_OTHER:
                os.sched_setscheduler(tid, os.SCHED_OTHER, os.sched_param(0))
            os.setpriority(os.PRIO_PROCESS, tid, 0)
        return True
    except OSError:
        return False


def can_restore_priority() -> bool:
    """Whether a worker lowered for a heavy client can be given normal priority again (root, or
    an RLIMIT_NICE that allows nice 0)."""
    try:
        import resource
        return os.geteuid() == 0 or resource.getrlimit(resource.RLIMIT_NICE)[0] >= 20
    except (AttributeError, OSError, ValueError):
        return False


class Governor:
    def __init__(self, share: float = 0.05, period: float = 0.5, quiet: float = 0.02, tick: float = 0.01,
                 clock=time.monotonic, enabled: bool = True):
        self.share = min(1.0, max(0.0, share))
        self.period = period
        self.quiet = quiet
        self.tick = tick
        self.clock = clock
        self.enabled = enabled and _STOP is not None
        self._lock = threading.Lock()
        self._light = 0
        self._last_light = float("-inf")
        self._heavy: dict[int, bool] = {}  # pid -> paused now
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False
        self.pauses = 0  # SIGSTOPs sent (shown by /health)

    # ------------------------------------------------------------------ light queries
    def light_begin(self) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._light += 1
            if self._heavy and not self._in_slice(self.clock()):
                self._set_paused(True)

    def light_end(self) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._light -= 1
            self._last_light = self.clock()

    # ------------------------------------------------------------------ heavy queries
    def heavy_begin(self, pid: int) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._heavy[pid] = False
            if self._thread is None and not self._closed:
                self._thread = threading.Thread(target=self._run, name="newsgraph-governor", daemon=True)
                self._thread.start()
        self._wake.set()

    def heavy_end(self, pid: int) -> None:
        """The query is over (answered, stopped or about to be killed): never leave it paused."""
        with self._lock:
            if self._heavy.pop(pid, False):
                self._signal(pid, _CONT)

    # ------------------------------------------------------------------ the loop
    def _in_slice(self, now: float) -> bool:
        return (now % self.period) < self.share * self.period

    def _should_pause(self, now: float) -> bool:
        if self._in_slice(now):
            return False
        return self._light > 0 or now - self._last_light < self.quiet

    def _set_paused(self, paused: bool) -> None:
        for pid, state in list(self._heavy.items()):
            if state != paused:
                self._heavy[pid] = paused
                self._signal(pid, _STOP if paused else _CONT)
                if paused:
                    self.pauses += 1

    @staticmethod
    def _signal(pid: int, sig) -> None:
        try:
            os.kill(pid, sig)
        except OSError:
            pass  # already gone

    def _run(self) -> None:
        while not self._closed:
            with self._lock:
                idle = not self._heavy
            if idle:
                self._wake.wait()
                self._wake.clear()
                continue
            time.sleep(self.tick)
            with self._lock:
                self._set_paused(self._should_pause(self.clock()))

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._set_paused(False)
        self._wake.set()
