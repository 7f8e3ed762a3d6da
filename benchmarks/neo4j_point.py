"""One measured point on Neo4j, beside benchmarks.point's embedded one: load rel/s and query p50/p95.

    NEO4J_URI=bolt://… .venv/bin/python -m benchmarks.neo4j_point --docs 10000

The Neo4j database is wiped first (use a throwaway server: `scripts/neo4j start`). The same
synthetic records as benchmarks.point (same seed), loaded with the real loader, the same library
queries timed; prints one JSON object with the keys benchmarks.point prints (no memory or size:
the server is another process the client cannot measure).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from typing import Any

from benchmarks.point import records_and_inputs, time_queries
from vanban.graph import open_store
from vanban.graph.ingest import load_extractions
from vanban.graph.stats import graph_stats


def wipe(store: Any) -> None:
    """Delete every relationship, then every node, 20,000 a transaction (a transaction's memory is capped)."""
    for q in ("MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS n",
              "MATCH (n) WITH n LIMIT 20000 DELETE n RETURN count(*) AS n"):
        while store.run(q)[0]["n"]:
            pass


def measure(uri: str, docs: int, batch_rows: int, batch_docs: int, samples: int, seed: int) -> dict[str, Any]:
    """Load `docs` synthetic documents into the (wiped) Neo4j at `uri`, time the queries; return the figures."""
    rng = random.Random(seed)
    recs, inputs = records_and_inputs(docs, samples, seed)
    store = open_store(uri)
    try:
        wipe(store)
        t0 = time.perf_counter()
        summary = load_extractions(store, recs.items, batch_rows=batch_rows, batch_docs=batch_docs)
        load_s = time.perf_counter() - t0
        st = graph_stats(store)
        q = time_queries(store, inputs, samples, rng)
    finally:
        store.close()
    return {"store": "neo4j", "docs": docs, "written": summary.documents, "failures": len(summary.failures),
            "nodes": st["total_nodes"], "relationships": st["total_relationships"], "load_s": load_s,
            "rels_per_s": st["total_relationships"] / load_s, "docs_per_s": summary.documents / load_s,
            "batch_rows": batch_rows, "queries": q}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI"), help="Neo4j (wiped first); default NEO4J_URI")
    ap.add_argument("--batch-rows", type=int, default=20_000)
    ap.add_argument("--batch-docs", type=int, default=2_000)
    ap.add_argument("--samples", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    if not a.uri:
        raise SystemExit("no Neo4j: set NEO4J_URI or --uri (scripts/neo4j start)")
    res = measure(a.uri, a.docs, a.batch_rows, a.batch_docs, a.samples, a.seed)
    print(json.dumps(res))
    return 0 if res["failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
