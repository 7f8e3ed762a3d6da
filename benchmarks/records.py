"""Synthetic extraction records generated ahead of a timed load, and the process-memory helpers.

The load benchmarks (benchmarks.load, benchmarks.point) generate every record
before the clock starts: generating them while loading would overlap with the
store's work, and subtracting the generation time would then overstate the
load rate. The records' own memory is measured so it can be left out of the
loader's peak.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synth import generate
from vanban.model import Extraction


def rss() -> int:
    """Return the resident memory of this process in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def dir_size(path: Path) -> int:
    """Return the bytes of a file, or of every file below a folder (0 when missing)."""
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return 0


@contextmanager
def bench_db(path: str | None, prefix: str) -> Iterator[Path]:
    """Yield database file `path`, or one in a fresh temporary folder that is removed afterwards."""
    if path is not None:
        yield Path(path)
        return
    tmp = tempfile.mkdtemp(prefix=prefix)
    try:
        yield Path(tmp) / "bench.db"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@dataclass(frozen=True)
class Records:
    """(source, Extraction) pairs ready for load_extractions, how long they took and their memory."""

    items: list[tuple[str, Extraction]]
    seconds: float
    bytes: int


def pregenerate(docs: int, seed: int, each: Callable[[int, Extraction], None] | None = None,
                progress: bool = False) -> Records:
    """Return `docs` synthetic records of benchmarks.synth (seed `seed`); `each(i, record)` sees every one."""
    rss0 = rss()
    t = time.perf_counter()
    items = []
    for i, d in enumerate(generate(docs, seed)):
        ex = d.to_extraction()
        if each is not None:
            each(i, ex)
        items.append((ex.source, ex))
        if progress and (i + 1) % 10_000 == 0:
            print(f"  … generated {i + 1} documents", file=sys.stderr, flush=True)
    return Records(items, time.perf_counter() - t, max(0, rss() - rss0))
