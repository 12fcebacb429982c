"""Shared fixtures: the CLI through its own `main` (in this process, or in a new one where only a
process shows the behaviour), and ../shared when it is there."""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The team's shared folder beside the repository (a user's clone has none): the one place its path
# is defined. NEWSGRAPH_SHARED points elsewhere, or at nothing to run as a fresh clone does.
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED") or ROOT.parent / "shared")
SEEDS = ROOT / "seeds"


def shared_or_skip() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"{SHARED} is not present (a fresh clone has no ../shared)")
    return SHARED


@pytest.fixture
def shared() -> Path:
    return shared_or_skip()


def run_cli_process(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300,
                    check: bool = False) -> subprocess.CompletedProcess:
    """`newsgraph ARGS` in a new process, as a user runs it: for what only a process shows (the
    entry point, exit codes on the way out, locks held by another process, signals)."""
    full_env = {**os.environ, **(env or {})}
    if "NEWSGRAPH_STORE" not in (env or {}):
        full_env.pop("NEWSGRAPH_STORE", None)
    proc = subprocess.run([sys.executable, "-m", "newsgraph", *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"newsgraph {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


@contextlib.contextmanager
def _process_context(cwd: Path | None, env: dict | None):
    """What a new process would get: its own working directory and environment (restored after)."""
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    if "NEWSGRAPH_STORE" not in (env or {}):
        os.environ.pop("NEWSGRAPH_STORE", None)
    for name, value in (env or {}).items():  # None: the variable is unset
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    if cwd is not None:
        os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300,
            check: bool = False) -> subprocess.CompletedProcess:
    """`newsgraph ARGS` in this process, through the same `main` (newsgraph/cli.py) the entry point
    calls: the same parser, the same exit code, the same output, without paying for a new
    interpreter and a new spaCy pipeline per call. `timeout` is accepted for the callers that
    share this signature with run_cli_process; an in-process call is not cut short."""
    from newsgraph.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stdout, stderr
    try:
        with _process_context(cwd, env):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, --version, a usage error
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if isinstance(exc.code, str):
                    print(exc.code, file=sys.stderr)
            except Exception:  # noqa: BLE001 - what the interpreter does with an uncaught exception
                traceback.print_exc(file=sys.stderr)
                code = 1
        stdout.flush()
        stderr.flush()
    finally:
        sys.stdout, sys.stderr = saved
    proc = subprocess.CompletedProcess(["newsgraph", *args], code or 0,
                                       out.getvalue().decode("utf-8", "replace"),
                                       err.getvalue().decode("utf-8", "replace"))
    if check and proc.returncode != 0:
        raise AssertionError(f"newsgraph {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture
def cli():
    return run_cli


@dataclass(frozen=True)
class SeedsStore:
    path: str  # open it read-only, or copy it: other tests read it too
    ingest: subprocess.CompletedProcess  # what `newsgraph ingest seeds/` said


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory) -> SeedsStore:
    """seeds/ ingested once per test run by `newsgraph ingest`, for the tests that only read it;
    under pytest-xdist the workers share it (the first builds it, holding a lock)."""
    import fcntl
    import json

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    path, said = root / "seeds-store", root / "seeds-store.json"
    with open(root / "seeds-store.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not said.exists():
            proc = run_cli("ingest", "--store", str(path), str(SEEDS), check=True)
            said.write_text(json.dumps([proc.returncode, proc.stdout, proc.stderr]), encoding="utf-8")
    code, out, err = json.loads(said.read_text(encoding="utf-8"))
    return SeedsStore(str(path), subprocess.CompletedProcess(["newsgraph", "ingest"], code, out, err))


# The files that take longest (seconds on this 2-core machine, `--durations=0` summed per file), run
# first: `--dist loadfile --no-loadscope-reorder` (scripts/test) hands each worker the next file when it
# runs low, so the big ones first and the many small ones last keep both workers busy to the end
# (xdist's own order, most tests first, left the 17 s workbench file to start mid-run). The first one
# builds the run's seeds store; the second needs none, so the other worker does not wait for it.
# A file not listed keeps its place after these.
LONGEST_FIRST = ("test_workbench_pages.py", "test_index_consistency.py", "test_corrections.py", "test_entities.py",
                 "test_events.py", "test_query_pages.py", "test_endpoint_update.py", "test_endpoint_abuse.py",
                 "test_endpoint_limits.py", "test_cli.py", "test_cluster.py", "test_corrections_pages.py",
                 "test_endpoint_safety.py", "test_store.py", "test_live_ingest.py", "test_data_model.py",
                 "test_endpoint_pages.py", "test_endpoint_protocol.py")


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: tests keep their order in a file
