"""The fair gate in front of the query workers (endpoint/fairness.py), driven with a fake clock."""
from __future__ import annotations

import threading

import pytest

from newsgraph.endpoint.fairness import FairGate, TooMany, client_key


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_clients_are_addresses_and_ipv6_hosts_are_their_64():
    assert client_key("127.0.0.2") == "127.0.0.2"
    assert client_key("::ffff:10.1.2.3") == "10.1.2.3"
    assert client_key("2001:db8::1") == client_key("2001:db8::ffff") == "2001:db8::/64"
    assert client_key(None) == "-"


def test_a_client_alone_may_use_every_worker_but_not_with_others_waiting():
    clock = Clock()
    gate = FairGate(2, clock=clock)
    a1 = gate.acquire("a", 0)
    a2 = gate.acquire("a", 0)
    assert a1 is not None and a2 is not None  # alone: both workers
    gate.release("a", a2)
    got = {}
    t = threading.Thread(target=lambda: got.setdefault("b", gate.acquire("b", 5)))
    t.start()
    t.join(5)
    assert got["b"] is not None
    assert gate.acquire("a", 0) is None  # b is in: a keeps one worker


def test_heavy_clients_share_one_worker_and_a_light_one_goes_first():
    clock = Clock()
    gate = FairGate(2, heavy_seconds=1.0, clock=clock)
    for key in ("x", "y"):  # two clients whose last query ran long
        t = gate.acquire(key, 0)
        gate.started(key, t)
        clock.now += 2
        gate.release(key, t)
    tx = gate.acquire("x", 0)
    gate.started("x", tx)
    assert gate.acquire("y", 0) is None  # the heavy share (size - 1) is taken
    assert gate.acquire("light", 0) is not None


def test_a_burst_of_slow_queries_is_preempted_for_a_waiting_light_client():
    clock = Clock()
    gate = FairGate(2, heavy_seconds=1.0, clock=clock)
    ta, tb = gate.acquire("a", 0), gate.acquire("b", 0)
    gate.started("a", ta)
    clock.now += 0.5
    gate.started("b", tb)
    clock.now += 1.5  # both past heavy_seconds: they hold both workers
    assert gate.acquire("light", 0) is None  # it waited, and meanwhile ...
    assert gate.cancel_event("b", tb).is_set()  # ... the youngest slow query is told to stop
    assert not gate.cancel_event("a", ta).is_set()
    gate.release("b", tb, stopped=True)
    assert gate.acquire("light", 0) is not None
    assert gate.snapshot()["preempted"] == 1


def test_a_client_with_its_pending_share_gets_too_many_at_once():
    gate = FairGate(1, max_pending=2)
    gate.acquire("a", 0)
    threading.Thread(target=lambda: gate.acquire("a", 2), daemon=True).start()
    for _ in range(50):
        if gate.snapshot()["waiting"]:
            break
        threading.Event().wait(0.02)
    with pytest.raises(TooMany):
        gate.acquire("a", 0)
    assert gate.acquire("b", 0) is None  # others still just wait their turn (none free here)
