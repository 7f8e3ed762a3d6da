"""Load benchmark: N synthetic documents into a fresh embedded store.

    .venv/bin/python -m benchmarks.load [--docs 100000] [--batch-rows 20000] [--db PATH]

Prints documents, nodes, relationships, load time, nodes/s, relationships/s
(the whole load: resolution + writing; the records are generated before the
clock starts), the time spent generating records, peak memory of this process
(the records' own memory left out) and of the embedded server, and the
database size on disk. Not part of the test suite; run it with `nice`.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from benchmarks.records import bench_db, dir_size, pregenerate
from benchmarks.synth import PROVINCES
from vanban.graph.falkor_store import FalkorStore
from vanban.graph.ingest import load_extractions
from vanban.graph.stats import graph_stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--batch-rows", type=int, default=20_000)
    ap.add_argument("--batch-docs", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", default=None, help="database file (default: a fresh temporary file)")
    a = ap.parse_args(argv)
    with bench_db(a.db, "vanban-bench-") as db:
        return run(a, db)


def run(a: argparse.Namespace, db: Path) -> int:
    """Generate the records, load them into a new store at `db`, print the figures; 0 when nothing failed."""
    recs = pregenerate(a.docs, a.seed, progress=True)  # before the clock starts (see benchmarks.records)
    gen_s, records_bytes = recs.seconds, recs.bytes

    store = FalkorStore(db)
    store.ensure_schema()
    server_pid = store._db.client.pid
    t0 = time.perf_counter()
    summary = load_extractions(store, recs.items, batch_rows=a.batch_rows, batch_docs=a.batch_docs)
    wall = time.perf_counter() - t0
    del recs
    print(f"loaded {summary.documents} documents, {summary.facts} relationships written, "
          f"{len(summary.failures)} failures in {wall:.1f} s (records generated beforehand in {gen_s:.1f} s)",
          flush=True)
    st = graph_stats(store)
    info = store._db.client.info("memory")
    server_peak = int(info.get("used_memory_peak", 0))
    try:
        import psutil

        server_rss = psutil.Process(server_pid).memory_info().rss
    except Exception:  # noqa: BLE001 - figure only
        server_rss = 0
    store._db.client.bgrewriteaof()
    time.sleep(0.5)
    tc = time.perf_counter()
    store.close()
    close_s = time.perf_counter() - tc
    size = dir_size(db) + dir_size(db.parent / (db.name + ".aof"))
    load_s = wall
    peak_py = max(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - records_bytes)
    print(f"corpus                benchmarks.synth: documents of {len(PROVINCES)} provinces (pre-2025), every Sở "
          f"a unit of its province (a unit has hundreds of tasks per 100,000 documents, as in reality)")
    print(f"documents written     {summary.documents} (failures {len(summary.failures)})")
    print(f"nodes                 {st['total_nodes']}  {st['nodes']}")
    print(f"relationships         {st['total_relationships']}")
    print(f"load time             {load_s:.1f} s (records generated beforehand: {gen_s:.1f} s, "
          f"{records_bytes / 2**20:,.0f} MiB, not counted)")
    print(f"nodes/s               {st['total_nodes'] / load_s:,.0f}")
    print(f"relationships/s       {st['total_relationships'] / load_s:,.0f}  (target >= 20,000)")
    print(f"documents/s           {summary.documents / load_s:,.0f}")
    print(f"peak memory           loader {peak_py / 2**20:,.0f} MiB; server RSS {server_rss / 2**20:,.0f} MiB "
          f"(redis used_memory_peak {server_peak / 2**20:,.0f} MiB)")
    print(f"database size         {size / 2**20:,.1f} MiB ({db})")
    print(f"close                 {close_s * 1000:.0f} ms")
    return 0 if summary.ok else 1


if __name__ == "__main__":
    sys.exit(main())
