"""Response times that the tests check as behaviour, not as speed: printed figures, no bounds.

    .venv/bin/python -m benchmarks.latency [--repeat 3]

One line per figure (the best of --repeat runs, seconds):

- demo: `run_demo` on the five seeds (load, five answers, three pictures);
- legacy detection: `convert_legacy` on ~750 KB of clean Unicode text (seed 001 × 20);
- Neo4j unreachable: `vanban stats` with VANBAN_STORE=bolt://127.0.0.1:1 until its exit 2;
- 1 MB ref: GET /documents/<1 MB ref> through the ASGI app until its 4xx;
- store close: `close()` of an embedded store that has just written;
- empty stats: `vanban stats --format json` on a new embedded store, as a subprocess.

The tests assert what these do (tests/test_demo.py, test_legacy.py, test_faults.py,
test_malicious.py, test_store.py); how long they take depends on the machine and its load.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _best(fn: Callable[[], object], repeat: int) -> float:
    """The shortest of `repeat` runs of fn(), in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VANBAN_STORE", "NEO4J_URI")}
    env.update(extra)
    return env


def demo(tmp: Path) -> None:
    from rich.console import Console

    from vanban.demo import run_demo

    out = tmp / f"demo-{time.monotonic_ns()}"
    run_demo(SEEDS, out, console=Console(file=io.StringIO(), color_system=None))


def legacy_detection() -> Callable[[], object]:
    from vanban.loaders.repair.legacy import convert_legacy

    text = sorted(SEEDS.glob("*.txt"))[1].read_text(encoding="utf-8") * 20
    return lambda: convert_legacy(text)


def neo4j_unreachable() -> None:
    subprocess.run([sys.executable, "-m", "vanban.cli", "stats"], env=_cli_env(VANBAN_STORE="bolt://127.0.0.1:1"),
                   capture_output=True, timeout=120, cwd=ROOT)


def huge_ref() -> Callable[[], object]:
    from vanban.api import Settings, create_app
    from vanban.api.deps import get_store

    app = create_app(Settings(store=None, db=None, api_token=None))
    app.dependency_overrides[get_store] = lambda: None  # refused by its length: no store is asked
    path = b"/documents/" + quote("05/CT-UBND " + "A" * 1_000_000, safe="").encode()

    async def get() -> None:
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": path.decode("latin-1"), "raw_path": path, "query_string": b"",
                 "root_path": "", "headers": [(b"host", b"localhost")], "server": ("localhost", 80),
                 "client": ("127.0.0.1", 1)}

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            return None

        await app(scope, receive, send)

    return lambda: asyncio.run(get())


def store_close(tmp: Path) -> float:
    from vanban.graph import open_store

    store = open_store(str(tmp / f"close-{time.monotonic_ns()}.db"))
    store.run("CREATE (:Document {key: 'doc:1'})")
    t = time.perf_counter()
    store.close()
    return time.perf_counter() - t


def empty_stats(tmp: Path) -> None:
    db = tmp / f"empty-{time.monotonic_ns()}.db"
    subprocess.run([sys.executable, "-m", "vanban.cli", "stats", "--format", "json"], env=_cli_env(VANBAN_DB=str(db)),
                   capture_output=True, timeout=120, cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Print response times the tests do not bound.")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is printed")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vanban-latency-") as d:
        tmp = Path(d)
        rows = [
            ("demo on the five seeds", _best(lambda: demo(tmp), a.repeat)),
            ("legacy detection, 750 KB clean text", _best(legacy_detection(), a.repeat)),
            ("Neo4j unreachable: vanban stats to exit 2", _best(neo4j_unreachable, a.repeat)),
            ("1 MB ref to its 4xx (ASGI)", _best(huge_ref(), a.repeat)),
            ("embedded store close()", min(store_close(tmp) for _ in range(a.repeat))),
            ("vanban stats on an empty store", _best(lambda: empty_stats(tmp), a.repeat)),
        ]
    width = max(len(label) for label, _ in rows)
    for label, secs in rows:
        print(f"{label:<{width}}  {secs * 1000:9.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
