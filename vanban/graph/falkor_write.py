"""FalkorDB's batch write: the write queries chained into ONE query (FalkorDB has no multi-statement
transactions; one query is atomic), its tasks and own relationships as compact rows.

`query()` chains vanban/graph/write/queries/*.cypher with `WITH count(*) AS _` (a row
even when a segment matched nothing), falkor_write.cypher in place of the task and
relationship queries: it looks every node the relationships touch up once, into a
table, and rows name their ends by position ([src, dst, clause, start, end, surface, …]:
no map keys for the server to parse, no key looked up once per row).
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter
from typing import Any

from vanban.cypher import load
from vanban.graph.write.statements import AFTER, BEFORE, query as write_query, segment_params
from vanban.graph.write.rows import OWN_RELS, BatchRows, prop_fields

#: The tables of each own relationship type's source and target: the $ref_* parameter that lists
#: the keys, or "tasks" (the batch's $tasks).
REL_ENDS: dict[str, tuple[str, str]] = {
    "CITES": ("ref_docs", "ref_docs"), "ISSUED_BY": ("ref_docs", "ref_agencies"),
    "SIGNED_BY": ("ref_docs", "ref_persons"), "ADDRESSED_TO": ("ref_docs", "ref_agencies"),
    "COPIED_TO": ("ref_docs", "ref_agencies"), "CRITICIZES": ("ref_docs", "ref_agencies"),
    "SETS_TARGET": ("ref_docs", "ref_places"), "MENTIONS": ("ref_docs", "ref_places"),
    "ASSIGNED_TO": ("tasks", "ref_agencies"), "REPORTS_TO": ("tasks", "ref_agencies"),
    "UNDER": ("tasks", "ref_docs"), "CONCERNS": ("tasks", "ref_places"),
}
REF_TABLES = ("ref_docs", "ref_agencies", "ref_persons", "ref_places")
#: The values of a compact row after its ends: the properties but `doc` (set by the query).
_COMPACT = {c.TYPE: attrgetter(*prop_fields(c)[1:]) for c in OWN_RELS}


@lru_cache(maxsize=1)
def query() -> str:
    """Return the one query that writes a batch on FalkorDB; it returns {dropped}."""
    parts = [write_query(name) for name, _ in BEFORE] + [load("vanban.graph", "falkor_write")] \
        + [write_query(name) for name, _ in AFTER]
    return "\nWITH count(*) AS _\n".join(p.rstrip() for p in parts)


def params(batch: BatchRows) -> dict[str, Any]:
    """Return the parameters of `query()` for `batch`."""
    p = segment_params(batch)
    index: dict[str, dict[str, int]] = {name: {} for name in REF_TABLES}
    docs_ix = index["ref_docs"]
    for d in batch.documents:  # the batch's documents first, then the rest in order of first use
        docs_ix.setdefault(d.key, len(docs_ix))
    tasks = []
    task_ix = index["tasks"] = {}
    for t in batch.tasks:
        task_ix[t.key] = len(tasks)
        tasks.append({"d": docs_ix[t.doc], "props": t.props, "prov": {k: v for k, v in t.prov.items() if k != "doc"}})
    p["tasks"] = tasks
    for t, rows in batch.rels.items():
        src, dst = (index[name] for name in REL_ENDS[t])
        values = _COMPACT[t]
        if t == "CITES":  # ends with doc when the citing document is not the source (X amends Y)
            p[t] = [[src.setdefault(r.src, len(src)), dst.setdefault(r.dst, len(dst)), *values(r),
                     r.doc if r.doc != r.src else None] for r in rows]
        else:
            p[t] = [[src.setdefault(r.src, len(src)), dst.setdefault(r.dst, len(dst)), *values(r)] for r in rows]
    for name in REF_TABLES:
        p[name] = list(index[name])
    return p
