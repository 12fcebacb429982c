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

Clients are told apart by address (an IPv6 client by its /64: one host has many addresses).
"""
from __future__ import annotations

import ipaddress
import itertools
import threading
import time
from dataclasses import dataclass, field


class TooMany(Exception):
    """The client already has its share of requests running or waiting."""


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
    waiting: int = 0
    heavy_until: float = 0.0


class FairGate:
    def __init__(self, slots: int, reserve: int = 1, heavy_seconds: float = 1.0, heavy_memory: float = 60.0,
                 max_pending: int = 4, clock=time.monotonic):
        self.slots = max(1, slots)
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

    # ------------------------------------------------------------------ state
    def _running_total(self) -> int:
        return sum(len(c.running) for c in self._clients.values())

    def _heavy(self, key: str, now: float) -> bool:
        c = self._clients.get(key)
        if c is None:
            return False
        return c.heavy_until > now or any(now - t > self.heavy_seconds for t in c.running.values())

    def _allowed(self, key: str, now: float) -> bool:
        if self._running_total() >= self.slots:
            return False
        share = self.slots - self.reserve
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
                        c.running[entry[0]] = now
                        return entry[0]
                    remaining = None if deadline is None else deadline - now
                    if remaining is not None and remaining <= 0:
                        return None
                    # heavy state changes with time alone: look again within a second
                    self._cond.wait(1.0 if remaining is None else min(remaining, 1.0))
            finally:
                self._queue.remove(entry)
                c.waiting -= 1
                self._cond.notify_all()

    def release(self, key: str, ticket: int, stopped: bool = False) -> None:
        """The worker is free again; `stopped`: the query was killed at the time limit."""
        with self._cond:
            c = self._clients.get(key)
            if c is not None:
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
                    "refused": self.refused}
