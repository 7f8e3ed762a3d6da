"""Shared fixtures: paths to ../shared seeds and gold."""

from __future__ import annotations

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
