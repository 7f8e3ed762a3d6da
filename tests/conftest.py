"""Shared fixtures: paths to ../shared seeds and gold."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
CORPUS = SHARED / "corpus" / "real"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"../shared/seeds not found at {SEEDS}: clone with ../shared beside the repo")
    return SEEDS


@pytest.fixture(scope="session")
def seed_files(seeds_dir) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return GOLD


def stop_process(proc: subprocess.Popen) -> None:
    """Stop a server started by a test: SIGINT, then SIGKILL if it has not exited within 30 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
