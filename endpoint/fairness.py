"""Sharing the query workers fairly between clients.

A handful of worker processes serve everyone, so without a rule two clients that keep one
slow (cartesian) query each in flight hold every worker and everyone else waits. The gate
below decides who gets the next free worker:

- A client is *heavy* while one of its queries is running longer than `heavy_seconds`, and
  for `heavy_memory` seconds after one did (or was stopped at the time limit). Heavy clients
  together hold at most `slots - reserve` workers: at least one stays for everyone else.
- One client holds at most `slots - reserve` workers while another client is waiting or
  running (all of them when it is alone: no worker idles for fairness' sake).
- Among those allowed, the free worker goes to a light client before a heavy one, then to
  the client with fewest queries running, then first come first served.
- A client with `max_pending` requests already running or waiting gets 429 at once instead
  of tying up one more of the server's threads.
- Before anyone is known to be heavy, two slow queries can take every worker. When a light
  client is waiting and more than `slots - reserve` running queries have passed
  `heavy_seconds`, the youngest of them is *preempted*: its event is set, the pool stops it
  (503, "retry") and its client counts as heavy from then on. So a burst of slow queries
  costs light clients about `heavy_seconds`, not the whole time limit.

Clients are told apart by address (an IPv6 client by its /64: one host has many addresses).
"""
from __future__ import annotations

import functools
import ipaddress
import itertools
import threading
import time
from dataclasses import dataclass, field


class TooMany(Exception):
    """The client already has its share of requests running or waiting."""


@functools.lru_cache(maxsize=4096)  # asked on every request and accept; parsing an address is not free
def client_key(addr: str | None) -> str:
    if not addr:
        return "-"
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return addr
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass
class _Client:
    running: dict = field(default_factory=dict)  # ticket -> start time
    cancel: dict = field(default_factory=dict)  # ticket -> threading.Event (set: stop it, preempted)
    waiting: int = 0
    heavy_until: float = 0.0


class FairGate:
    def __init__(self, slots: int, reserve: int = 1, heavy_seconds: float = 1.0, heavy_memory: float = 60.0,
                 max_pending: int = 4, clock=time.monotonic):
        self.slots = max(1, slots)
        self.base_slots = self.slots  # the pool's size; `slots` grows while slow queries run on extra workers
        self.reserve = min(max(0, reserve), self.slots - 1)
        self.heavy_seconds = heavy_seconds
        self.heavy_memory = heavy_memory
        self.max_pending = max(1, max_pending)
        self.clock = clock
        self._cond = threading.Condition()
        self._clients: dict[str, _Client] = {}
        self._queue: list[tuple[int, str]] = []  # (arrival, client) of waiting requests
        self._seq = itertools.count()
        self.refused = 0  # 429s given
        self.preempted = 0  # slow queries stopped to free a worker for a light client

    # ------------------------------------------------------------------ state
    def _running_total(self) -> int:
        return sum(len(c.running) for c in self._clients.values())

    def _heavy(self, key: str, now: float) -> bool:
        c = self._clients.get(key)
        if c is None:
            return False
        return c.heavy_until > now or any(t is not None and now - t > self.heavy_seconds for t in c.running.values())

    def _allowed(self, key: str, now: float) -> bool:
        if self._running_total() >= self.slots:
            return False
        share = self.base_slots - self.reserve
        c = self._clients[key]
        others = any(k != key and (o.running or o.waiting) for k, o in self._clients.items())
        if others and len(c.running) >= share:
            return False
        if self._heavy(key, now):
            heavy_running = sum(len(o.running) for k, o in self._clients.items() if self._heavy(k, now))
            if heavy_running >= share:
                return False
        return True

    def _next(self, now: float) -> tuple[int, str] | None:
        best, best_rank = None, None
        for entry in self._queue:
            seq, key = entry
            if not self._allowed(key, now):
                continue
            rank = (self._heavy(key, now), len(self._clients[key].running), seq)
            if best_rank is None or rank < best_rank:
                best, best_rank = entry, rank
        return best

    def _forget_idle(self, now: float) -> None:
        for k in [k for k, c in self._clients.items() if not c.running and not c.waiting and c.heavy_until <= now]:
            del self._clients[k]

    # ------------------------------------------------------------------ use
    def acquire(self, key: str, timeout: float | None) -> int | None:
        """A ticket once `key` may use a worker; None when none came within `timeout`; TooMany at once
        when the client already has `max_pending` requests in."""
        deadline = None if timeout is None else self.clock() + timeout
        with self._cond:
            self._forget_idle(self.clock())
            c = self._clients.setdefault(key, _Client())
            if len(c.running) + c.waiting >= self.max_pending:
                self.refused += 1
                raise TooMany(f"{len(c.running) + c.waiting} requests from your address are already running or "
                              f"waiting (at most {self.max_pending}); wait for their answers")
            entry = (next(self._seq), key)
            self._queue.append(entry)
            c.waiting += 1
            try:
                while True:
                    now = self.clock()
                    if self._next(now) == entry:
                        c.running[entry[0]] = None  # admitted; its clock starts with its worker (started)
                        c.cancel[entry[0]] = threading.Event()
                        return entry[0]
                    if not self._heavy(key, now):
                        self._preempt_for_light(now)
                    remaining = None if deadline is None else deadline - now
                    if remaining is not None and remaining <= 0:
                        return None
                    # heavy state changes with time alone: look again within a second
                    self._cond.wait(1.0 if remaining is None else min(remaining, 1.0))
            finally:
                self._queue.remove(entry)
                c.waiting -= 1
                self._cond.notify_all()

    def _preempt_for_light(self, now: float) -> None:
        """A light client waits: if heavy queries hold more than their share, stop the youngest."""
        share = self.base_slots - self.reserve
        long_running = [(t, key, ticket) for key, c in self._clients.items() for ticket, t in c.running.items()
                        if t is not None and now - t > self.heavy_seconds and not c.cancel[ticket].is_set()]
        if len(long_running) > share:
            _, key, ticket = max(long_running)
            self._clients[key].cancel[ticket].set()
            self.preempted += 1

    def is_heavy(self, key: str) -> bool:
        with self._cond:
            return self._heavy(key, self.clock())

    def add_slots(self, n: int) -> None:
        """The pool started (n > 0) or retired (n < 0) an extra worker beside a slow query."""
        with self._cond:
            self.slots = max(self.base_slots, self.slots + n)
            self._cond.notify_all()

    def started(self, key: str, ticket: int) -> None:
        """The admitted request has its worker now: from here on its running time counts."""
        with self._cond:
            c = self._clients.get(key)
            if c is not None and ticket in c.running:
                c.running[ticket] = self.clock()

    def cancel_event(self, key: str, ticket: int) -> threading.Event | None:
        """Set when the gate wants this query stopped so that a light client gets its worker."""
        with self._cond:
            c = self._clients.get(key)
            return None if c is None else c.cancel.get(ticket)

    def release(self, key: str, ticket: int, stopped: bool = False) -> None:
        """The worker is free again; `stopped`: the query was killed (time limit or preempted)."""
        with self._cond:
            c = self._clients.get(key)
            if c is not None:
                c.cancel.pop(ticket, None)
                start = c.running.pop(ticket, None)
                now = self.clock()
                if stopped or (start is not None and now - start > self.heavy_seconds):
                    c.heavy_until = now + self.heavy_memory
                if not c.running and not c.waiting and c.heavy_until <= now:
                    del self._clients[key]
            self._cond.notify_all()

    def snapshot(self) -> dict:
        with self._cond:
            now = self.clock()
            return {"clients": len(self._clients), "running": self._running_total(),
                    "waiting": len(self._queue), "heavy": sum(self._heavy(k, now) for k in self._clients),
                    "refused": self.refused, "preempted": self.preempted}
