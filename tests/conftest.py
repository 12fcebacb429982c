"""Shared fixtures: the real CLI in a subprocess, and ../shared when it is there."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


def shared_or_skip() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"{SHARED} is not present (a fresh clone has no ../shared)")
    return SHARED


@pytest.fixture
def shared() -> Path:
    return shared_or_skip()


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300,
            check: bool = False) -> subprocess.CompletedProcess:
    """`newsgraph ARGS` as a user runs it: a new process, its exit code, its output."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("NEWSGRAPH_STORE", None) if env is None or "NEWSGRAPH_STORE" not in env else None
    proc = subprocess.run([sys.executable, "-m", "newsgraph", *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"newsgraph {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture
def cli():
    return run_cli
