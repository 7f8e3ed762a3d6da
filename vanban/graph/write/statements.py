"""The write queries (vanban/graph/write/queries/*.cypher) and their parameters, in the order they run.

Each query is one small `UNWIND $<rows> AS row …` statement per node label or
relationship type (the clean-up steps chain a few with `WITH count(*) AS _`),
with a parameter name of its own, so that a store which must write a batch
in one query (FalkorDB) can chain them too. `statements(batch)` returns
(query, parameters) pairs for a store that runs them one after the other in
one transaction (Neo4j).
"""

from __future__ import annotations

from typing import Any

from vanban.cypher import load
from vanban.graph.write.rows import OWN_TYPES, BatchRows, param

PACKAGE = "vanban.graph.write.queries"

#: (query name, the parameter whose rows it writes, or None), before the tasks and the own
#: relationships, and after them.
BEFORE: tuple[tuple[str, str | None], ...] = (
    ("clear", "clear"), ("demote", "demote"), ("documents", "docs"), ("stubs", "stubs"),
    ("agencies", "agencies"), ("persons", "persons"), ("places", "places"), ("adopt", "adopt"),
)
AFTER: tuple[tuple[str, str | None], ...] = (
    ("governs", "GOVERNS"), ("part_of", "PART_OF"),
    ("identify", "identify"), ("absorb", "absorb"), ("drop_stubs", None),
)
#: Queries that run even when their rows are empty (identify's second step re-identifies the
#: documents `clear` flagged; drop_stubs those it marked).
ALWAYS = frozenset({"identify", "drop_stubs"})
#: The task query and one query per own relationship type (named after it, lower case).
LINKS: tuple[tuple[str, str | None], ...] = (("tasks", "tasks"),) + tuple((t.lower(), t) for t in OWN_TYPES)


def query(name: str) -> str:
    """Return the text of write query `name`. Raises QueryError when there is none."""
    return load(PACKAGE, name)


def segment_params(batch: BatchRows) -> dict[str, Any]:
    """Return the parameters of the BEFORE and AFTER queries for `batch` (maps with named fields)."""
    return {
        "clear": list(batch.clear),
        "demote": list(batch.demote),
        "docs": [{"key": d.key, "props": d.props} for d in batch.documents],
        "stubs": [param(r) for r in batch.stubs],
        "agencies": [param(r) for r in batch.agencies],
        "persons": [param(r) for r in batch.persons],
        "places": [param(r) for r in batch.places],
        "adopt": [param(a) for a in batch.adopt],
        **{t: [{"src": r.src, "dst": r.dst, "p": r.props} for r in rows] for t, rows in batch.shared.items()},
        "identify": list(batch.identify),
        "absorb": [{"doc": a.doc, "stubs": list(a.stubs)} for a in batch.absorb],
    }


def link_params(batch: BatchRows) -> dict[str, Any]:
    """Return the parameters of the LINKS queries: tasks {doc, props, prov}, relationships {src, dst, p}."""
    p: dict[str, Any] = {"tasks": [{"doc": t.doc, "props": t.props, "prov": t.prov} for t in batch.tasks]}
    for t, rows in batch.rels.items():
        p[t] = [{"src": r.src, "dst": r.dst, "p": r.props()} for r in rows]
    return p


def statements(batch: BatchRows) -> list[tuple[str, dict[str, Any]]]:
    """Return the (query, parameters) pairs that write `batch`, in order; queries with no rows are left out.

    The last one (drop_stubs) returns {"dropped": n}.
    """
    params = segment_params(batch) | link_params(batch)
    out = []
    for name, rows in BEFORE + LINKS + AFTER:
        if name in ALWAYS or params[rows]:
            out.append((query(name), {rows: params[rows]} if rows else {}))
    return out
