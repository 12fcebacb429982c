"""Heavy queries yield the CPU (endpoint/governor.py): a heavy worker runs under SCHED_IDLE and is
paused while light queries run; it is never left paused. Real processes, real signals."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from newsgraph.endpoint.governor import Governor, lower_priority, restore_priority

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and SCHED_IDLE are Linux's")


@pytest.fixture
def busy():
    """A process spinning on the CPU, like a worker inside a cartesian query."""
    proc = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    yield proc.pid
    proc.kill()
    proc.wait()


def state(pid: int) -> str:
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0]  # R running, S sleeping, T stopped


def wait_for(pid: int, wanted: set, timeout: float = 2.0) -> str:
    end = time.monotonic() + timeout
    while (s := state(pid)) not in wanted and time.monotonic() < end:
        time.sleep(0.005)
    return s


@linux
def test_a_heavy_worker_runs_under_sched_idle_and_comes_back(busy):
    assert lower_priority(busy)
    assert os.sched_getscheduler(busy) == os.SCHED_IDLE
    if os.geteuid() == 0:  # an unprivileged server retires such a worker instead (pool.py)
        assert restore_priority(busy)
        assert os.sched_getscheduler(busy) == os.SCHED_OTHER and os.getpriority(os.PRIO_PROCESS, busy) == 0


@linux
def test_a_heavy_worker_pauses_while_a_light_query_runs_and_goes_on_after(busy):
    gov = Governor(share=0.0, quiet=0.02, tick=0.005)
    try:
        gov.heavy_begin(busy)
        assert wait_for(busy, {"R"}) == "R"
        gov.light_begin()
        assert wait_for(busy, {"T", "t"}) in ("T", "t")  # paused at once, not at the next tick
        time.sleep(0.1)
        assert state(busy) in ("T", "t")  # stays paused while the light query runs
        gov.light_end()
        assert wait_for(busy, {"R"}) == "R"  # quiet again: goes on
        gov.light_begin()
        assert wait_for(busy, {"T", "t"}) in ("T", "t")
        gov.heavy_end(busy)  # its query is over while paused: never left stopped
        assert wait_for(busy, {"R"}) == "R"
        gov.light_end()
        assert gov.pauses == 2
    finally:
        gov.close()


@linux
def test_a_heavy_query_still_gets_its_share_on_a_server_that_is_never_quiet(busy):
    gov = Governor(share=0.5, period=0.2, quiet=0.02, tick=0.005)
    try:
        gov.heavy_begin(busy)
        gov.light_begin()  # light queries all the time from here on
        seen = {wait_for(busy, {"T", "t"}, 1.0), wait_for(busy, {"R"}, 1.0)}
        assert seen == {"T", "R"} or seen == {"t", "R"}  # paused, and running again in its share
        gov.light_end()
        gov.heavy_end(busy)
    finally:
        gov.close()
    assert wait_for(busy, {"R"}) == "R"


def test_share_100_percent_never_pauses(busy):
    gov = Governor(share=1.0)
    gov.heavy_begin(busy)
    gov.light_begin()
    time.sleep(0.05)
    assert gov.pauses == 0
    gov.light_end()
    gov.heavy_end(busy)
    gov.close()
