"""Connection limits for waitress: many slow connections must not lock everyone else out.

Waitress stops accepting once `connection_limit` connections are open, whoever holds them,
and a connection that trickles its request one byte at a time never looks idle. So:

- each client (fairness.client_key) may hold `per_client` open connections; the next one is
  answered `503` at once and closed;
- a request must arrive whole within `request_deadline` seconds of its first byte, else its
  connection is closed (waitress' own timeout only catches silent connections);
- the overall limit is raised to what the process' file descriptors allow (up to 1,000),
  so honest clients find room beside the capped ones.
"""
from __future__ import annotations

import resource
import time
import types

from waitress.channel import HTTPChannel

from .fairness import client_key

REFUSED = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
           b"Connection: close\r\nRetry-After: 5\r\nContent-Length: 46\r\n\r\n"
           b"too many open connections from your address.\n")


class DeadlineChannel(HTTPChannel):
    """An HTTP channel that remembers when the request it is reading began."""

    request_started: float | None = None

    def received(self, data):
        if data and self.request is None:
            self.request_started = time.monotonic()
        try:
            return super().received(data)
        finally:
            if self.request is None:
                self.request_started = None


def connection_limit(wanted: int = 1000) -> int:
    """Raise the soft file-descriptor limit to the hard one; leave room for workers and files."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = 4096 if hard == resource.RLIM_INFINITY else min(hard, 4096)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, target), hard))
            soft = max(soft, target)
        except (ValueError, OSError):
            pass
    return max(50, min(wanted, soft - 100))


def install(server, per_client: int, request_deadline: float) -> None:
    """Apply the per-client cap and the request deadline to a waitress server (or each of several)."""
    servers = [server]
    if getattr(server, "map", None) is not None and not hasattr(server, "active_channels"):
        servers = [s for s in server.map.values() if hasattr(s, "active_channels")]  # MultiSocketServer
    for srv in servers:
        srv.channel_class = DeadlineChannel
        original_accept = srv.handle_accept
        original_maintenance = srv.maintenance
        srv.handle_accept = types.MethodType(_accepting(original_accept, per_client), srv)
        srv.maintenance = types.MethodType(_maintaining(original_maintenance, request_deadline), srv)


def _open_from(srv, key: str) -> int:
    # each channel's key is worked out once, when it is accepted: an accept looks at every open
    # channel, and 100 held connections made parsing their addresses again a cost per request
    return sum(1 for ch in list(srv.active_channels.values()) if getattr(ch, "client_key", None) == key)


def _accepting(original, per_client: int):
    def handle_accept(self):
        # waitress' own handle_accept, with a look at the address before a channel is made
        try:
            v = self.accept()
            if v is None:
                return
            conn, addr = v
            self.set_socket_options(conn)
        except OSError:
            return
        addr = self.fix_addr(addr)
        key = None
        try:
            key = client_key(addr[0] if isinstance(addr, tuple) else None)
            over = _open_from(self, key) >= per_client
        except Exception:  # noqa: BLE001  (an error here would close the listening socket itself)
            over = False
        if over:
            try:
                conn.setblocking(False)
                conn.send(REFUSED)
            except OSError:
                pass
            conn.close()
            self.refused_connections = getattr(self, "refused_connections", 0) + 1
            return
        channel = self.channel_class(self, conn, addr, self.adj, map=self._map)
        channel.client_key = key
    return handle_accept


def _maintaining(original, deadline: float):
    def maintenance(self, now):
        original(now)
        mono = time.monotonic()
        for ch in list(self.active_channels.values()):
            started = getattr(ch, "request_started", None)
            if started is not None and mono - started > deadline and not ch.requests:
                ch.will_close = True  # closed by the loop on its next pass
    return maintenance
