"""Abuse benchmark (issue 19): do normal clients keep being served beside attackers?

    python benchmarks/abuse_bench.py                 # seeds/ store, 20 s per phase
    python benchmarks/abuse_bench.py --seconds 10 --slow 100 --attackers 2

Starts the real `newsgraph serve` (default settings: query limit 10 s, 2-4 workers) on a
loopback port and runs 5 normal clients (each its own loopback address, one request after
the other: named queries and a small ASK) first alone, then beside 2 attackers (each its own
address, always one cartesian query in flight) and 100 slow connections (from 4 addresses,
each trickling a request header a byte every few seconds). It prints the normal clients'
answers per second and p50/p95 latency per phase, and the ratio loaded/unloaded; the
loaded phase is measured from the attackers' start and, separately, after their first
queries have run out (`--warmup`). Other jobs on a shared machine change the unloaded rate
within a minute, so the unloaded phase runs again after the attack (once the server has no
query left running) and the ratio is taken against the mean of both; the load average is
printed at each phase. Everything goes to 127.0.0.x and stops after the phases.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from endpoint_bench import build_from_seeds, build_synthetic  # noqa: E402


class _Server:
    """`newsgraph serve --port 0` on loopback, default settings; .url from its banner."""

    def __init__(self, store: str):
        import re
        import subprocess
        self.proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--store", store, "--port", "0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"serving (http://\S+/)", line)
        if not m:
            self.stop()
            raise SystemExit(f"server did not start: {line!r}")
        self.url = m.group(1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except Exception:  # noqa: BLE001
            self.proc.kill()

CARTESIAN = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
             "FILTER(STR(?c) != STR(?l)) }")
NORMAL = ["/queries/actors?limit=20", "/queries/places?limit=20",
          "/sparql?" + urlencode({"query": "ASK { ?s a <https://schema.org/Person> }"})]


MESSAGES: dict[int, str] = {}  # the first body seen per status other than 200


def get(host, port, path, source, timeout=60) -> int:
    conn = http.client.HTTPConnection(host, port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            MESSAGES.setdefault(resp.status, body[:200].decode("utf-8", "replace").strip())
        return resp.status
    except OSError:
        return 0
    finally:
        conn.close()


def normal_clients(host, port, seconds: float, n: int = 5) -> list[tuple[float, float, int]]:
    """(start, latency, status) of every request the n normal clients made in `seconds`."""
    out: list = []
    end = time.monotonic() + seconds

    def client(i):
        k = 0
        while time.monotonic() < end:
            t0 = time.monotonic()
            status = get(host, port, NORMAL[k % len(NORMAL)], f"127.0.0.{20 + i}")
            out.append((t0, time.monotonic() - t0, status))
            k += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def summary(name: str, rows, seconds: float) -> float:
    ok = sorted(lat for _, lat, st in rows if st == 200)
    rate = len(ok) / seconds
    p = (lambda q: ok[min(len(ok) - 1, int(len(ok) * q))] if ok else float("nan"))
    others = {st: sum(1 for *_, s in rows if s == st) for st in {s for *_, s in rows if s != 200}}
    print(f"{name:34s} {len(ok):6d} answers  {rate:7.1f}/s  p50 {p(0.5) * 1000:7.1f} ms  "
          f"p95 {p(0.95) * 1000:7.1f} ms  not 200: {others or 0}")
    return rate


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def health(host, port) -> dict:
    conn = http.client.HTTPConnection(host, port, timeout=10, source_address=("127.0.0.30", 0))
    try:
        conn.request("GET", "/health")
        data = json.loads(conn.getresponse().read())
        return {"running": data["queue"]["running"], "preempted": data["queue"]["preempted"],
                "killed": data["killed"], "heavy_pauses": data.get("heavy_pauses")}
    except (OSError, ValueError, KeyError):
        return {}
    finally:
        conn.close()


def quiet(host, port, timeout: float = 30.0) -> None:
    """Wait until the server runs no query (the attackers' last ones end at their time limit)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and health(host, port).get("running", 0) > 0:
        time.sleep(0.5)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", default=None, help="an existing store (default: seeds/ ingested into a temp dir)")
    ap.add_argument("--seconds", type=float, default=20.0, help="length of each measured phase")
    ap.add_argument("--warmup", type=float, default=12.0, help="seconds of attack before the steady phase")
    ap.add_argument("--attackers", type=int, default=2)
    ap.add_argument("--slow", type=int, default=100, help="slow connections")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="newsgraph-abuse-")
    store = args.store or f"{tmp}/store"
    if not args.store and not build_from_seeds(store):
        build_synthetic(store, 300)
    server = _Server(store)
    try:
        host, port = urlsplit(server.url).hostname, urlsplit(server.url).port
        get(host, port, NORMAL[0], "127.0.0.20")  # warm
        print(f"server {server.url}; normal clients: 5; attackers: {args.attackers}; slow connections: {args.slow}")
        print(f"load average {loadavg()}")
        before = summary("unloaded", normal_clients(host, port, args.seconds), args.seconds)
        print(f"load average {loadavg()}")

        stop = threading.Event()
        attacks: list[int] = []

        def attacker(i):
            while not stop.is_set():
                attacks.append(get(host, port, "/sparql?" + urlencode({"query": CARTESIAN}), f"127.0.0.{2 + i}"))

        slow_socks: list[socket.socket] = []

        def slowloris():
            for i in range(args.slow):
                try:
                    s = socket.create_connection((host, port), source_address=(f"127.0.0.{10 + i % 4}", 0), timeout=5)
                    s.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n")
                    slow_socks.append(s)
                except OSError:
                    pass
            while not stop.is_set():
                for s in list(slow_socks):
                    try:
                        s.sendall(b"X")
                    except OSError:
                        slow_socks.remove(s)
                stop.wait(3)

        threads = [threading.Thread(target=attacker, args=(i,)) for i in range(args.attackers)]
        threads.append(threading.Thread(target=slowloris))
        for t in threads:
            t.start()
        t_attack = time.monotonic()
        time.sleep(1.0)
        rows = normal_clients(host, port, args.warmup + args.seconds)
        loaded_all = summary("under attack, from its start", rows, args.warmup + args.seconds)
        steady = [r for r in rows if r[0] >= t_attack + args.warmup]
        loaded = summary(f"under attack, after {args.warmup:g} s", steady, args.seconds + 1.0)
        held = len(slow_socks)
        print(f"load average {loadavg()}; server: {health(host, port)}")
        stop.set()
        for t in threads:
            t.join(60)
        for s in slow_socks:
            s.close()
        quiet(host, port)
        after = summary("unloaded again, after the attack", normal_clients(host, port, args.seconds), args.seconds)
        print(f"load average {loadavg()}")
        base = (before + after) / 2
        print(f"attackers: {len(attacks)} requests, statuses {sorted(set(attacks))}; "
              f"slow connections still open at the end: {held}")
        for status, message in sorted(MESSAGES.items()):
            print(f"  {status}: {message}")
        print(f"throughput kept: {loaded_all / base:.0%} from the attack's start, {loaded / base:.0%} after the "
              f"warm-up, of the mean unloaded rate (before alone: {loaded / before:.0%}; target: >= 80 %, "
              f"p95 < 1 s)")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
