"""One measured point of the scale benchmark, run in its own process (clean peak memory).

    .venv/bin/python -m benchmarks.point --docs 10000 [--db PATH] [--batch-rows 20000] [--samples 40]

Loads N synthetic documents (benchmarks.synth records: the facts the text
generator renders, without the extraction cost, which benchmarks/__main__
measures separately) into a fresh embedded store with the real loader
(resolve + batched UNWIND writes), then times the library queries as the CLI
and API call them, and prints one JSON object: load seconds, relationships/s,
query p50/p95 (ms), peak memory (loader process, store server) and database
size on disk. Query inputs come from the generated records (document keys,
agencies, months), so no ad-hoc Cypher is needed.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from benchmarks.records import Records, bench_db, dir_size, pregenerate
from vanban import queries as Q
from vanban.graph.falkor_store import FalkorStore
from vanban.graph.ingest import load_extractions
from vanban.graph.stats import graph_stats
from vanban.graph.identity.catalog import Catalog
from vanban.model import VanbanError

SEARCH_WORDS = ("giải ngân", "nong thon moi", "chuyển đổi số", "ke hoach dau tu cong", "cai cach hanh chinh",
                "an toàn giao thông", "quan ly bao ve rung", "phòng, chống thiên tai")


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def timed(calls: list[Callable[[], Any]]) -> dict[str, float]:
    """Run each call once to warm up, then once timed; return p50/p95 in ms and the median row count."""
    for c in calls[:3]:
        c()
    ms, rows = [], []
    for c in calls:
        t = time.perf_counter()
        try:
            r = c()
        except VanbanError:
            r = []
        ms.append((time.perf_counter() - t) * 1000)
        rows.append(len(r))
    return {"p50": statistics.median(ms), "p95": percentile(ms, 0.95), "rows": statistics.median(rows), "n": len(ms)}


@dataclass
class QueryInputs:
    """Query inputs noted while the records are generated (so no ad-hoc Cypher is needed)."""

    citing: list[str] = field(default_factory=list)  # keys of documents that cite an earlier local document
    agencies: dict[str, int] = field(default_factory=dict)  # actor → number of tasks


def records_and_inputs(docs: int, samples: int, seed: int) -> tuple[Records, QueryInputs]:
    """Return the `docs` synthetic records of `seed` (generated before the clock starts, see
    benchmarks.records) and the query inputs noted from them: about 20 × `samples` citing documents
    of the second half, and every actor's task count."""
    inputs = QueryInputs()
    every = max(1, docs // (samples * 20))

    def note(i: int, ex: Any) -> None:
        if i % every == 0 and i > docs // 2 and any(c.issuer.startswith("Ủy ban") for c in ex.citations):
            inputs.citing.append(Catalog.info_for(ex.document, ex.sha256, ex.source).key)
        for r in ex.responsibilities:
            inputs.agencies[r.actor] = inputs.agencies.get(r.actor, 0) + 1

    return pregenerate(docs, seed, note), inputs


def time_queries(store: Any, inputs: QueryInputs, samples: int, rng: random.Random) -> dict[str, dict[str, float]]:
    """Time the library queries (lineage, duties, deadlines, search) on `samples` inputs drawn with `rng`;
    return each one's figures from `timed`."""
    keys = rng.sample(inputs.citing, min(samples, len(inputs.citing)))
    top = sorted(inputs.agencies, key=inputs.agencies.get, reverse=True)[:20]
    ags = [rng.choice(top) for _ in range(samples)]
    months = [(rng.randint(2019, 2025), rng.randint(1, 12)) for _ in range(samples)]
    return {
        "lineage": timed([lambda k=k: Q.lineage(store, k, "both", 5) for k in keys]),
        "duties": timed([lambda g=g: Q.duties(store, g, limit=100) for g in ags]),
        "deadlines": timed([lambda g=g, m=m: Q.deadlines(store, f"{m[0]}-{m[1]:02d}-01", f"{m[0]}-{m[1]:02d}-28",
                                                         agency=g, as_of="2024-06-30") for g, m in zip(ags, months)]),
        "deadlines_all": timed([lambda m=m: Q.deadlines(store, f"{m[0]}-{m[1]:02d}-01", f"{m[0]}-{m[1]:02d}-07",
                                                        as_of="2024-06-30") for m in months]),
        "search": timed([lambda w=w: Q.search(store, w, limit=20) for w in SEARCH_WORDS] * max(1, samples // 8)),
    }


def measure(docs: int, db: Path, batch_rows: int, batch_docs: int, samples: int, seed: int) -> dict[str, Any]:
    """Load `docs` synthetic documents into a fresh embedded store at `db`, time the queries; return the figures."""
    rng = random.Random(seed)
    recs, inputs = records_and_inputs(docs, samples, seed)
    gen_s, records_bytes = recs.seconds, recs.bytes

    store = FalkorStore(db)
    store.ensure_schema()
    server_pid = store._db.client.pid
    t0 = time.perf_counter()
    summary = load_extractions(store, recs.items, batch_rows=batch_rows, batch_docs=batch_docs)
    load_s = time.perf_counter() - t0
    del recs
    st = graph_stats(store)
    q = time_queries(store, inputs, samples, rng)
    mem = store._db.client.info("memory")
    try:
        import psutil

        server_rss = psutil.Process(server_pid).memory_info().rss
    except Exception:  # noqa: BLE001 - a figure only
        server_rss = 0
    server_peak = max(server_rss, int(mem.get("used_memory_peak", 0)))
    store._db.client.bgrewriteaof()
    time.sleep(1.0)
    store.close()
    size = dir_size(db) + dir_size(db.parent / (db.name + ".aof"))
    return {
        "docs": docs, "written": summary.documents, "failures": len(summary.failures),
        "nodes": st["total_nodes"], "relationships": st["total_relationships"],
        "load_s": load_s, "gen_s": gen_s, "rels_per_s": st["total_relationships"] / load_s,
        "docs_per_s": summary.documents / load_s, "batch_rows": batch_rows,
        "queries": q, "records_bytes": records_bytes,
        "loader_peak": max(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - records_bytes),
        "server_peak": server_peak, "db_bytes": size,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--db", default=None, help="database file (default: fresh temporary file, removed after)")
    ap.add_argument("--batch-rows", type=int, default=20_000)
    ap.add_argument("--batch-docs", type=int, default=2_000)
    ap.add_argument("--samples", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    with bench_db(a.db, "vanban-point-") as db:
        res = measure(a.docs, db, a.batch_rows, a.batch_docs, a.samples, a.seed)
    print(json.dumps(res))
    return 0 if res["failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
