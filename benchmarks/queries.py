"""Query latency benchmark on the synthetic graph (embedded FalkorDBLite).

    .venv/bin/python -m benchmarks.queries [--db PATH] [--docs 100000] [--samples 40]

Uses the graph in --db (default $VANBAN_BENCH_DB or /tmp/vanban-bench/synth-<docs>.db);
when it holds no documents, builds it first with benchmarks.load (benchmarks.synth
records through the real loader — tens of minutes for 100,000 documents).
Then times the library calls (Cypher + Python, as the API and CLI make them)
over --samples different inputs each and prints p50 / p95 in milliseconds
against the target p50 < 20 ms. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

from benchmarks.synth import PROVINCES
from vanban import queries as Q
from vanban.graph import open_store

TARGET_MS = 20.0


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def measure(name: str, calls: list[Callable[[], list[Any]]], repeat: int = 1, target: bool = True) -> dict[str, Any]:
    """Run every call `repeat` times (after one warm-up each); print and return p50/p95 (ms) and median rows."""
    for c in calls[:3]:
        c()
    times, rows = [], []
    for _ in range(repeat):
        for c in calls:
            t = time.perf_counter()
            r = c()
            times.append((time.perf_counter() - t) * 1000)
            rows.append(len(r))
    p50, p95 = statistics.median(times), _pct(times, 0.95)
    verdict = ("ok" if p50 < TARGET_MS else "MISS") if target else "info"
    print(f"{name:<46} n={len(times):<4} rows~{int(statistics.median(rows)):<6} "
          f"p50={p50:8.2f} ms  p95={p95:8.2f} ms  [{verdict}]", flush=True)
    return {"name": name, "p50": p50, "p95": p95, "rows": statistics.median(rows)}


def ensure_graph(db: Path, docs: int) -> None:
    """Build the synthetic graph into `db` with benchmarks.load when it holds no documents."""
    store = open_store(str(db))
    try:
        n = store.run_read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
    finally:
        store.close()
    if n:
        print(f"graph {db}: {n} documents", flush=True)
        return
    from benchmarks import load

    print(f"building {docs} synthetic documents into {db} (benchmarks.load) …", flush=True)
    if load.main(["--docs", str(docs), "--db", str(db)]) != 0:
        raise SystemExit("benchmarks.load failed")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--samples", type=int, default=40, help="different inputs per query")
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args(argv)
    db = Path(a.db or os.environ.get("VANBAN_BENCH_DB") or f"/tmp/vanban-bench/synth-{a.docs}.db")
    db.parent.mkdir(parents=True, exist_ok=True)
    ensure_graph(db, a.docs)

    rng = random.Random(a.seed)
    store = open_store(str(db))
    try:
        counts = {r["l"]: r["n"] for r in store.run_read("MATCH (n) RETURN labels(n)[0] AS l, count(n) AS n")}
        print(f"nodes {counts}", flush=True)
        per_unit = sorted(r["c"] for r in store.run_read(
            "MATCH (t:Task)-[:ASSIGNED_TO]->(a:Agency) RETURN a.key AS k, count(t) AS c"))
        if per_unit:
            print(f"corpus: benchmarks.synth documents of {len(PROVINCES)} provinces, every Sở a unit of its "
                  f"province: {len(per_unit)} assigned units, tasks per unit median "
                  f"{per_unit[len(per_unit) // 2]}, max {per_unit[-1]}", flush=True)
        citing = [r["k"] for r in store.run_read(
            "MATCH (d:Document)-[:CITES]->(:Document) WHERE d.stub = false RETURN DISTINCT d.key AS k")]
        cited = [r["k"] for r in store.run_read(
            "MATCH (:Document)-[:CITES]->(d:Document) WHERE d.stub = false RETURN DISTINCT d.key AS k")]
        numbers = [r["n"] for r in store.run_read(
            "MATCH (d:Document) WHERE d.stub = false AND d.type = 'Chỉ thị' RETURN d.number AS n LIMIT 5000")]
        agencies = [r["name"] for r in store.run_read(
            "MATCH (t:Task)-[:ASSIGNED_TO]->(a:Agency) RETURN a.name AS name, count(t) AS c ORDER BY c DESC LIMIT 30")]
        docs = rng.sample(citing, min(a.samples, len(citing)))
        mid = rng.sample(cited, min(a.samples, len(cited)))
        ags = [rng.choice(agencies) for _ in range(a.samples)]
        months = [f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}" for _ in range(a.samples)]
        nums = rng.sample(numbers, min(a.samples, len(numbers)))
        words = ["giải ngân", "nong thon moi", "chuyển đổi số", "dak", "ke hoach dau tu cong", "cai cach hanh chinh",
                 "Kon Tum", "an toàn giao thông"]

        def month_window(m: str) -> tuple[str, str]:
            y, mo = int(m[:4]), int(m[5:])
            end = f"{y}-{mo:02d}-28"
            return f"{m}-01", end

        print(f"\nlatency over {a.samples} inputs each (target p50 < {TARGET_MS:.0f} ms):", flush=True)
        measure("lineage up, depth 5", [lambda k=k: Q.lineage(store, k, "up", 5) for k in docs])
        measure("lineage both, depth 5 (cited documents)", [lambda k=k: Q.lineage(store, k, "both", 5) for k in mid])
        measure("lineage by number as written (CT …), depth 5", [lambda n=n: _lineage_or_candidates(store, n) for n in nums])
        measure("duties, first page (100 by deadline)", [lambda g=g: Q.duties(store, g, limit=100) for g in ags])
        measure("duties, one month window", [lambda g=g, m=m: Q.duties(store, g, date_from=month_window(m)[0],
                                                                      date_to=month_window(m)[1]) for g, m in zip(ags, months)])
        measure("deadlines, one agency, one month", [lambda g=g, m=m: Q.deadlines(store, *month_window(m), agency=g,
                                                                                   as_of="2024-06-30")
                                                     for g, m in zip(ags, months)])
        measure("deadlines, whole graph, one week", [lambda m=m: Q.deadlines(store, f"{m}-01", f"{m}-07",
                                                                              as_of="2024-06-30") for m in months])
        measure("search (diacritics optional)", [lambda w=w: Q.search(store, w, limit=20) for w in words], repeat=5)
        print("\nfor information (unpaged, whole result):", flush=True)
        measure("duties, all tasks of the agency", [lambda g=g: Q.duties(store, g) for g in ags[:5]], target=False)
        measure("deadlines, whole graph, one month", [lambda m=m: Q.deadlines(store, *month_window(m), as_of="2024-06-30")
                                                      for m in months[:5]], target=False)
    finally:
        store.close()
    return 0


def _lineage_or_candidates(store, number: str) -> list[Any]:
    """Lineage of a number as written; an ambiguous number (same number, other issuer) answers its candidates."""
    try:
        return Q.lineage(store, number, "both", 5)
    except Q.AmbiguousRef as e:
        return e.candidates


if __name__ == "__main__":
    sys.exit(main())
