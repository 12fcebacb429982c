"""`newsgraph serve`: the app under waitress, one log line per request, a clean stop on SIGTERM."""
from __future__ import annotations

import signal
import sys
import time
from datetime import datetime, timezone

from newsgraph.graph.store import StoreError


class AccessLog:
    """WSGI middleware: one line per request on standard error (never the Authorization header)."""

    def __init__(self, app, out=None):
        self.app = app
        self.out = out or sys.stderr

    def __call__(self, environ, start_response):
        t0 = time.perf_counter()
        seen = {}

        def sr(status, headers, exc_info=None):
            seen["status"] = status.split(" ", 1)[0]
            seen["length"] = next((v for k, v in headers if k.lower() == "content-length"), "-")
            return start_response(status, headers, exc_info)

        try:
            return self.app(environ, sr)
        finally:
            path = environ.get("PATH_INFO", "")
            if environ.get("QUERY_STRING"):
                path += "?" + environ["QUERY_STRING"]
            if len(path) > 300:
                path = path[:300] + "…"
            path = path.encode("unicode_escape").decode("ascii") if not path.isprintable() else path
            stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            line = (f'{environ.get("REMOTE_ADDR", "-")} [{stamp}] "{environ.get("REQUEST_METHOD")} {path} '
                    f'{environ.get("SERVER_PROTOCOL", "")}" {seen.get("status", "-")} {seen.get("length", "-")} '
                    f'{(time.perf_counter() - t0) * 1000:.1f}ms')
            try:
                print(line, file=self.out, flush=True)
            except (OSError, ValueError):
                pass


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(args) -> int:
    """Run until SIGTERM / SIGINT; returns the exit code."""
    import waitress

    from . import connections
    from .app import create_app
    from .config import EndpointConfig
    from .pool import QueryPool

    try:
        config = EndpointConfig.from_args(args)
    except ValueError as exc:
        raise StoreError(str(exc)) from exc  # printed as one line by the CLI
    pool = QueryPool(config.store, size=config.workers, timeout=config.query_timeout, max_rows=config.max_rows,
                     allow_remote=config.allow_service, store_options=config.store_options,
                     memory_mb=config.worker_memory_mb, client_pending=config.client_requests,
                     update_timeout=config.update_timeout, heavy_share=config.heavy_share / 100)
    stop = {"requested": False}

    def on_signal(signum, frame):
        # Only a flag: raising here could land inside waitress' handlers, which swallow exceptions.
        stop["requested"] = True

    try:
        pool.start()
        app = create_app(config, pool)
        server = waitress.create_server(AccessLog(app), host=args.host, port=args.port, threads=config.threads,
                                        ident="newsgraph", max_request_body_size=max(config.max_body * 2, 1 << 20),
                                        clear_untrusted_proxy_headers=True, channel_timeout=60,
                                        connection_limit=connections.connection_limit(config.max_connections),
                                        cleanup_interval=5)
        connections.install(server, config.client_connections, config.request_deadline)
        warmer = None
        if config.network_warm and app.extensions["newsgraph"]["page_cache"].signature() is not None:
            from .pagecache import NetworkWarmer
            warmer = NetworkWarmer(app.extensions["newsgraph"]["page_cache"], pool, config.network_timeout)
            app.extensions["newsgraph"]["warmer"] = warmer
            warmer.start()
    except OSError as exc:
        pool.close()
        raise StoreError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from exc
    except BaseException:
        pool.close()
        raise
    from waitress import wasyncore
    socket_map = getattr(server, "_map", None)
    if socket_map is None:
        socket_map = server.map  # several listening sockets (e.g. --host localhost)
    old = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        host = getattr(server, "effective_host", args.host)
        port = getattr(server, "effective_port", args.port)
        if isinstance(host, (list, tuple)):
            host = args.host
        url = _url(host, port)
        print(f"newsgraph: serving {url} (SPARQL at /sparql)", flush=True)
        print(f"newsgraph: store {config.store}; {pool.size} query workers; query limit "
              f"{'none' if config.query_timeout is None else f'{config.query_timeout:g} s'}; row limit "
              f"{config.max_rows}; updates {'need the bearer token' if config.update_token else 'disabled'}"
              f"{f' (limit {config.update_timeout:g} s)' if config.update_token and config.update_timeout else ''}; "
              f"SERVICE/LOAD {'allowed' if config.allow_service else 'refused'}", file=sys.stderr, flush=True)
        while not stop["requested"]:
            wasyncore.loop(timeout=0.25, map=socket_map, use_poll=server.adj.asyncore_use_poll, count=1)
    finally:
        for s in old:
            signal.signal(s, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the cleanup
        if warmer is not None:
            warmer.stop()
        try:
            server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
        except Exception:  # noqa: BLE001  (stopping anyway)
            pass
        try:
            wasyncore.close_all(socket_map)
        except OSError:
            pass
        pool.close()
        for s, h in old.items():
            signal.signal(s, h)
    print("newsgraph: stopped", file=sys.stderr, flush=True)
    return 0
