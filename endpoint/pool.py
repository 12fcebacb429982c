"""Query workers, the store lock and updates: how the server keeps the store safe and itself responsive.

- Every query runs in a worker process (worker.py) with a read-only handle on the store. A
  query that exceeds the time limit is stopped by killing its process; a fresh worker takes
  its place in the background, and the other workers keep answering meanwhile.
- The server holds the store's RocksDB `LOCK` (the same fcntl lock Oxigraph takes for a
  writer) for as long as it runs, so `newsgraph ingest` (or a second `serve`) fails cleanly
  with "in use" instead of writing beside our readers.
- Updates (only with --update-token) run in a child process (writer.py) with a time limit:
  wait for running queries to finish (new ones wait; both waits are bounded), tell every
  worker to close its handle, hand RocksDB's lock to the child, which applies the update as
  one transaction, and take the lock back. So a read-only handle is never open while a
  writer is (which Oxigraph leaves undefined), a crash or a runaway update costs the child,
  not the server, and the writer guard (graph/store/guard.py) keeps every other newsgraph
  writer out for the server's whole life, also while the lock is handed over.
"""
from __future__ import annotations

import fcntl
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing import Pipe

from newsgraph.graph.store import StoreError, backend_class, open_store

from .fairness import FairGate
from .governor import Governor, can_restore_priority, lower_priority, restore_priority


class Busy(Exception):
    """Every worker stayed busy for the whole time limit."""


class Timeout(Exception):
    """The request ran past the time limit; its worker was killed."""


class WorkerFailed(Exception):
    """The worker died while answering (e.g. out of memory)."""


class Preempted(Exception):
    """The query was stopped to give its worker to a client that runs light queries (fairness.py)."""


class _Gone(Exception):
    """The worker was already dead when we sent it the request (nothing ran): try another."""


class RWLock:
    """Many readers or one writer; a waiting writer stops new readers (no starvation)."""

    def __init__(self):
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    def acquire_read(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._writer or self._waiting_writers:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining)
            self._readers += 1
            return True

    def release_read(self) -> None:
        with self._cond:
            self._readers -= 1
            if self._readers == 0:
                self._cond.notify_all()

    def acquire_write(self, timeout: float | None = None) -> bool:
        """True once no reader or writer is in; False after `timeout` seconds (readers go on)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            self._waiting_writers += 1
            try:
                while self._writer or self._readers:
                    remaining = None if deadline is None else deadline - time.monotonic()
                    if remaining is not None and remaining <= 0:
                        return False
                    self._cond.wait(remaining)
            finally:
                self._waiting_writers -= 1
                self._cond.notify_all()  # readers held back by this waiting writer may go on
            self._writer = True
            return True

    def release_write(self) -> None:
        with self._cond:
            self._writer = False
            self._cond.notify_all()


_NO_GOVERNOR = Governor(enabled=False)  # for calls outside the query path (closing handles)


# A known-heavy client's query that is still running after this long yields like a slow one (a
# quick query of that client is answered before; its cartesian one no longer gets a second first)
KNOWN_HEAVY_YIELD = 0.1


class _Worker:
    def __init__(self, cfg: dict):
        parent, child = Pipe()
        self.conn = parent
        env = {"RUST_BACKTRACE": "0", **os.environ, "PYTHONUNBUFFERED": "1"}  # an OOM abort: one line in the log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsgraph.endpoint.worker", str(child.fileno()), json.dumps(cfg)],
            pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=env,
            close_fds=True)
        child.close()
        self.pid = self.proc.pid
        self.priority = "normal"  # "nice" (19) or "idle" (SCHED_IDLE) while serving a heavy client
        self.heavy_now = False  # running a query at the lowest priority (governor.py may pause it)

    def lower_priority(self, idle: bool = True) -> bool:
        """nice 19, or with `idle` SCHED_IDLE (governor.lower_priority)."""
        wanted = "idle" if idle else "nice"
        if self.priority != wanted and self.priority != "idle" and lower_priority(self.pid, idle):
            self.priority = wanted
        return self.priority != "normal"

    def restore_priority(self) -> bool:
        """False when not allowed (unprivileged): retire the worker then."""
        if self.priority != "normal" and restore_priority(self.pid):
            self.priority = "normal"
        return self.priority == "normal"

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise WorkerFailed(f"query worker did not start within {timeout:g} s")
        try:
            msg = self.conn.recv()
        except (EOFError, OSError) as exc:
            self.kill()
            raise WorkerFailed(f"query worker exited while starting (exit code {self.proc.poll()})") from exc
        if not msg.get("ready"):
            self.kill()
            raise WorkerFailed(f"query worker said {msg!r} instead of ready")

    def call(self, msg: dict, timeout: float | None, cancel: threading.Event | None = None,
             heavy_after: float | None = None, on_heavy=None, low: bool = False,
             governor: Governor | None = None) -> dict:
        """The worker's reply; Timeout past `timeout`, Preempted when `cancel` is set. After
        `heavy_after` seconds the worker runs at the lowest CPU priority (SCHED_IDLE), so a slow
        query yields the machine's cores to the quick ones (and the server process) around it,
        and `governor` pauses it while light queries run. `low` (the client is known heavy): nice
        19 from the start and all of that after `KNOWN_HEAVY_YIELD` seconds, so its next cartesian
        query does not get a second at full priority first."""
        if self.proc.poll() is not None:
            raise _Gone()
        governor = governor or _NO_GOVERNOR
        if low:  # nice 19 only: a quick query of a heavy client must still be answered on a busy machine
            self.lower_priority(idle=False)
        governor.light_begin()
        try:
            yield_after = heavy_after if not low or heavy_after is None else min(heavy_after, KNOWN_HEAVY_YIELD)
            return self._exchange(msg, timeout, cancel, heavy_after, yield_after, on_heavy, governor)
        finally:
            if self.heavy_now:
                governor.heavy_end(self.pid)
            else:
                governor.light_end()

    def _exchange(self, msg, timeout, cancel, heavy_after, yield_after, on_heavy, governor) -> dict:
        self.heavy_now = heavy = False
        try:
            self.conn.send(msg)
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise _Gone() from exc
        start = time.monotonic()
        while True:
            elapsed = time.monotonic() - start
            remaining = None if timeout is None else timeout - elapsed
            if remaining is not None and remaining <= 0:
                raise Timeout()
            if self.conn.poll(0.1 if remaining is None else min(0.1, remaining)):
                break
            if cancel is not None and cancel.is_set():
                raise Preempted()
            if yield_after is not None and not self.heavy_now and elapsed > yield_after:
                self.lower_priority()
                governor.light_end()
                self.heavy_now = True
                governor.heavy_begin(self.pid)
            if heavy_after is not None and not heavy and elapsed > heavy_after:
                heavy = True
                if on_heavy is not None:
                    on_heavy()
        try:
            return self.conn.recv()
        except (EOFError, OSError) as exc:
            try:
                code = self.proc.wait(2)
            except subprocess.TimeoutExpired:
                code = None
            raise WorkerFailed(f"the query worker died (exit code {code}"
                               + ("; out of memory?" if code in (-6, 134) else "") + ")") from exc

    def kill(self) -> None:
        try:
            self.proc.kill()
        except OSError:
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.proc.wait(3)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class StoreLock:
    """The store held for the server's whole life (see the module docstring): the newsgraph writer
    guard (a flock, kept throughout and lent to the update process) and RocksDB's own fcntl
    lock on <store>/LOCK (handed to the update process while it runs, taken back after)."""

    def __init__(self, directory: str):
        from newsgraph.graph.store.guard import GuardBusy, WriterGuard
        self.path = os.path.join(directory, "LOCK")
        try:
            self.guard = WriterGuard(directory)
        except GuardBusy as exc:
            raise StoreError(self._in_use()) from exc
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        self.held = False
        try:
            self.acquire()
        except StoreError:
            self.release()
            raise

    def _in_use(self) -> str:
        return (f"the store at {os.path.dirname(self.path)!r} is in use by another process "
                f"(a running `newsgraph ingest` or `serve`?); stop it first")

    def acquire(self) -> None:
        try:
            fcntl.lockf(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.held = True
        except OSError as exc:
            self.held = False
            raise StoreError(self._in_use()) from exc

    def lend(self) -> None:
        """Let the update process take RocksDB's lock (the guard stays ours)."""
        fcntl.lockf(self.fd, fcntl.LOCK_UN)
        self.held = False

    def release(self) -> None:
        if self.fd is not None:
            try:
                fcntl.lockf(self.fd, fcntl.LOCK_UN)
            finally:
                os.close(self.fd)
                self.fd = None
                self.held = False
        self.guard.release()


class QueryPool:
    def __init__(self, location: str, size: int = 4, timeout: float = 10.0, max_rows: int = 10000,
                 allow_remote: bool = False, store_options: dict | None = None, log=None, memory_mb: int = 0,
                 client_pending: int = 4, update_timeout: float | None = 60.0, heavy_workers: int = 1,
                 heavy_share: float = 0.05):
        self.size = max(1, size)
        self.update_timeout = update_timeout
        self.heavy_workers = max(0, heavy_workers)  # extra workers started while slow queries run
        self._detached = 0
        self.gate = FairGate(self.size, heavy_seconds=max(1.0, (timeout or 10.0) / 10), max_pending=client_pending)
        self.timeout = timeout
        self.max_rows = max_rows
        self.allow_remote = allow_remote
        self.memory_mb = memory_mb
        self.log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
        self.store_options = store_options or {}
        self._tmpdir = None
        self._lock = None
        # A store in a local directory is opened by each worker process beside one writer that holds
        # its lock; any other store (a remote server) is reached through its own client.
        self.remote = not backend_class(location).local_directory
        if location == "memory:":
            # A directory, not memory: workers are separate processes and need a store they can open.
            self._tmpdir = tempfile.mkdtemp(prefix="newsgraph-serve-")
            location = os.path.join(self._tmpdir, "store")
            open_store(location).close()
        self.location = location
        if not self.remote:
            if not os.path.isdir(location):
                raise StoreError(f"no store at {location!r} (ingest something first, or serve 'memory:')")
            self._lock = StoreLock(location)
        self._rw = RWLock()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._all_lock = threading.Lock()
        self._closed = False
        self._spawn_requests: queue.Queue = queue.Queue()
        self._remote_writer = None
        self.killed = 0  # workers stopped for running too long
        self._restorable = can_restore_priority()
        self.governor = Governor(share=heavy_share)

    # ------------------------------------------------------------------ workers
    def _cfg(self) -> dict:
        return {"location": self.location, "max_rows": self.max_rows, "allow_remote": self.allow_remote,
                "options": self.store_options, "memory_mb": self.memory_mb}

    def start(self, ready_timeout: float = 60.0) -> None:
        """Start the workers (from the calling thread, which must outlive them: the main thread)."""
        threading.Thread(target=self._spawner, name="newsgraph-worker-spawner", daemon=True).start()
        workers = [_Worker(self._cfg()) for _ in range(self.size)]
        for w in workers:
            w.wait_ready(ready_timeout)
            self._add(w)

    def _add(self, w: _Worker) -> None:
        with self._all_lock:
            if self._closed:
                w.stop()
                return
            self._all.add(w)
        self._idle.put(w)

    def _replace(self, dead: _Worker) -> None:
        with self._all_lock:
            self._all.discard(dead)
        self._spawn_requests.put(1)

    def _spawner(self) -> None:
        """Starts replacement workers. One long-lived thread, because Linux delivers a child's
        parent-death signal (worker.py sets PR_SET_PDEATHSIG) when the *thread* that started it ends."""
        while True:
            if self._spawn_requests.get() is None:
                return
            for attempt in range(5):
                if self._closed:
                    return
                # a new worker opens its read-only handle as it starts: never while an update writes
                self._rw.acquire_read()
                try:
                    w = _Worker(self._cfg())
                    w.wait_ready(60)
                    self._add(w)
                    break
                except (WorkerFailed, OSError) as exc:
                    self.log(f"newsgraph: cannot start a query worker ({exc}); retrying")
                finally:
                    self._rw.release_read()
                time.sleep(min(2 ** attempt, 10))
            else:
                self.log("newsgraph: gave up starting a query worker; serving with fewer")

    # ------------------------------------------------------------------ calls
    def call(self, msg: dict, timeout: float | None = None, client: str = "-") -> dict:
        """Run `msg` in a worker for `client` (fairness.client_key). Raises TooMany (the client has its
        share of requests in), Busy (no worker free within the limit), Timeout (killed), WorkerFailed."""
        limit = self.timeout if timeout is None else timeout
        start = time.monotonic()
        ticket = self.gate.acquire(client, limit)
        if ticket is None:
            raise Busy()
        stopped = False
        try:
            remaining = None if not limit else max(0.001, limit - (time.monotonic() - start))
            # a client known heavy runs at low priority from its first instruction (when its worker
            # can be given normal priority back afterwards; else only once it runs long)
            low = self._restorable and self.gate.is_heavy(client)
            return self._call(msg, limit, start, remaining, self.gate.cancel_event(client, ticket),
                              lambda: self.gate.started(client, ticket), low)
        except (Timeout, Preempted):
            stopped = True
            raise
        finally:
            self.gate.release(client, ticket, stopped)

    def _call(self, msg: dict, limit: float | None, start: float, remaining: float | None,
              cancel: threading.Event | None = None, started=lambda: None, low: bool = False) -> dict:
        if not self._rw.acquire_read(remaining):
            raise Busy()
        try:
            self._check_lock()
            for attempt in range(3):
                try:
                    w = self._idle.get(timeout=max(0.0, limit - (time.monotonic() - start)) if limit else None)
                except queue.Empty:
                    raise Busy() from None
                started()
                try:
                    reply = w.call(msg, limit, cancel, self.gate.heavy_seconds, lambda: self._detach(w), low,
                                   self.governor)
                except Preempted:
                    self._retire(w)
                    raise
                except _Gone:
                    self._retire(w)
                    continue
                except Timeout:
                    self.killed += 1
                    self._retire(w)
                    raise
                except (WorkerFailed, OSError) as exc:
                    self._retire(w)
                    raise WorkerFailed(str(exc)) from exc
                surplus = self._reattach(w)
                if (surplus and self.workers > self.size) or not w.restore_priority():
                    self._retire(w, surplus)  # lowering niceness back needs privilege: a fresh one then
                else:
                    self._idle.put(w)
                return reply
            raise WorkerFailed("query workers keep dying; see the server log")
        finally:
            self._rw.release_read()

    # ------------------------------------------------------------------ updates
    def update(self, text: str, timeout: float | None = None, module: str = "newsgraph.endpoint.writer") -> None:
        """Apply a SPARQL Update as one transaction in a child process (writer.py), stopped after
        `timeout` seconds (default: the pool's update limit). Raises QueryError / StoreError,
        Busy (running queries did not finish in time) or Timeout (stopped: nothing changed)."""
        if self.remote:
            if self._remote_writer is None:
                self._remote_writer = open_store(self.location, **self.store_options)
            self._remote_writer.update(text)
            return
        limit = self.update_timeout if timeout is None else timeout
        # running queries end within their own limit; new ones wait for the update, at most theirs
        if not self._rw.acquire_write((self.timeout or 10.0) + 5.0):
            raise Busy()
        try:
            if not self._lock.held:
                self._lock.acquire()  # raises "in use": a foreign writer holds the store
            self._close_worker_handles()
            self._lock.lend()
            try:
                reply = self._run_writer(text, limit, module)
            finally:
                self._take_back_lock()
        finally:
            self._rw.release_write()
        if not reply.get("ok"):
            from newsgraph.graph.store import QueryError
            raise (QueryError if reply.get("status") == 400 else StoreError)(reply.get("message", "update failed"))

    def _run_writer(self, text: str, limit: float | None, module: str = "newsgraph.endpoint.writer") -> dict:
        env = {**os.environ, "RUST_BACKTRACE": "0", "NEWSGRAPH_STORE_GUARD_FD": str(self._lock.guard.fd)}
        proc = subprocess.Popen([sys.executable, "-m", module, self.location,
                                 json.dumps(self.store_options)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=None, env=env, pass_fds=(self._lock.guard.fd,))
        try:
            out, _ = proc.communicate(text.encode("utf-8"), timeout=limit)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            self.log(f"newsgraph: an update ran past the {limit:g} s limit and was stopped (nothing changed)")
            raise Timeout() from None
        try:
            return json.loads(out.decode("utf-8"))
        except ValueError:
            return {"ok": False, "status": 500,
                    "message": f"the update process failed (exit code {proc.returncode}); nothing was changed"}

    def _take_back_lock(self) -> None:
        for attempt in range(50):  # the child is gone; its lock goes with it at once
            try:
                self._lock.acquire()
                return
            except StoreError:
                time.sleep(0.02)
        # Only a process that does not use newsgraph's guard can have taken it: queries stop
        # (pool.call) until it lets go, rather than reading beside a foreign writer.
        self.log("newsgraph: after an update another process took the store's lock; queries wait until it "
                 "lets go")

    def _detach(self, w: _Worker) -> None:
        """A query has run past `heavy_seconds`: its worker leaves the pool's count (up to
        `heavy_workers` at once) and a fresh worker is started in its place, so quick queries keep
        `size` workers while the slow one runs on at low priority."""
        with self._all_lock:
            if self._detached >= self.heavy_workers or self._closed:
                return
            self._detached += 1
            w.detached = True
        self.gate.add_slots(1)
        self._spawn_requests.put(1)

    def _reattach(self, w: _Worker) -> bool:
        """Its query is over; True when a replacement was started for it (it is surplus now)."""
        if not getattr(w, "detached", False):
            return False
        w.detached = False
        with self._all_lock:
            self._detached -= 1
        self.gate.add_slots(-1)
        return True

    def _retire(self, w: _Worker, surplus: bool | None = None) -> None:
        """Stop `w`; start another unless one was already started for it."""
        if surplus is None:
            surplus = self._reattach(w)
        w.kill()
        if surplus:
            with self._all_lock:
                self._all.discard(w)
        else:
            self._replace(w)

    def _check_lock(self) -> None:
        """Never read beside a foreign writer: retake the store's lock if it was lost, else refuse."""
        if self._lock is None or self._lock.held:
            return
        with self._all_lock:
            try:
                self._lock.acquire()
            except StoreError as exc:
                raise WorkerFailed(f"another process is writing to the store ({exc})") from None

    def _close_worker_handles(self) -> None:
        """Every worker closes its read-only handle (all are idle: we hold the write lock)."""
        with self._all_lock:
            workers = list(self._all)
        for w in workers:
            try:
                w_idle = self._idle.get(timeout=max(5.0, self.timeout))
            except queue.Empty:
                break
            try:
                w_idle.call({"op": "close"}, 5.0)
                self._idle.put(w_idle)
            except (Timeout, WorkerFailed, OSError):
                w_idle.kill()
                self._replace(w_idle)
        del workers

    # ------------------------------------------------------------------ shutdown
    def close(self) -> None:
        with self._all_lock:
            if self._closed:
                return
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        self._spawn_requests.put(None)
        self.governor.close()
        for w in workers:
            w.stop()
        if self._remote_writer is not None:
            self._remote_writer.close()
        if self._lock is not None:
            self._lock.release()
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)

    @property
    def workers(self) -> int:
        with self._all_lock:
            return len(self._all)
