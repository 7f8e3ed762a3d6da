"""API throughput on each store: 50 concurrent clients against `vanban serve`, the same mix as tests/test_api_load.

    .venv/bin/python -m benchmarks.api [--seconds 10] [--clients 50] [--neo4j bolt://…]

The five seeds are loaded into a fresh embedded store (and, with --neo4j or NEO4J_URI, into that
Neo4j database, which is wiped first: use a throwaway one such as `scripts/neo4j start`); `vanban
serve` runs on loopback over each; 50 asyncio clients (one httpx pool) mix lineage, duties, search
and /cypher for --seconds. Prints one line per store: requests/s, p50/p95/max latency, 5xx count.
The client runs on the same machine as the server, so both share its cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """Start `vanban serve` on 127.0.0.1:port and wait until /health answers; return the process."""
    proc = subprocess.Popen([sys.executable, "-m", "vanban.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"vanban serve exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("vanban serve did not answer within 90 s")


def run_one(name: str, store_url: str, seconds: float, clients: int, tmp: Path) -> dict[str, Any]:
    """Load the seeds into `store_url`, serve it, hammer it; return the figures (requests/s, ms)."""
    sys.path.insert(0, str(ROOT))
    import tests.test_api_load as L
    from tests.conftest import stop_process
    from vanban.graph import open_store
    from vanban.graph.ingest import load_paths

    store = open_store(store_url)
    try:
        if name == "neo4j":
            from benchmarks.neo4j_point import wipe

            wipe(store)
        assert load_paths(store, [SEEDS]).ok
    finally:
        store.close()
    port = L._free_port()
    env = dict(os.environ, VANBAN_STORE=store_url)
    env.pop("VANBAN_API_TOKEN", None)
    proc = _serve(env, port, tmp / f"serve-{name}.log")
    try:
        base = f"http://127.0.0.1:{port}"
        docs, agencies = L._targets(base)
        L.CLIENTS, L.SECONDS = clients, seconds
        t0 = time.perf_counter()
        results, errors, _ = asyncio.run(L._hammer(base, docs, agencies))
        elapsed = time.perf_counter() - t0
    finally:
        stop_process(proc)
    lat = sorted(t for _, _, t in results)
    n = len(lat)
    return {"store": name, "requests": n, "seconds": elapsed, "rps": n / elapsed,
            "p50_ms": lat[n // 2] * 1000, "p95_ms": lat[min(n - 1, int(n * 0.95))] * 1000,
            "max_ms": lat[-1] * 1000, "5xx": sum(1 for _, s, _ in results if s >= 500), "errors": len(errors)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--neo4j", default=os.environ.get("NEO4J_URI"), help="a throwaway Neo4j (wiped)")
    ap.add_argument("--json", default=None)
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="vanban-apibench-"))
    rows = [run_one("falkordb", str(tmp / "api.db"), a.seconds, a.clients, tmp)]
    if a.neo4j:
        rows.append(run_one("neo4j", a.neo4j, a.seconds, a.clients, tmp))
    print(f"API, {a.clients} concurrent clients for {a.seconds:.0f} s (five seeds; client and server share the cores)")
    for r in rows:
        print(f"  {r['store']:<9} {r['rps']:7.1f} requests/s  p50 {r['p50_ms']:6.0f} ms  p95 {r['p95_ms']:6.0f} ms  "
              f"max {r['max_ms']:6.0f} ms  5xx {r['5xx']}  errors {r['errors']}  ({r['requests']} requests)")
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
