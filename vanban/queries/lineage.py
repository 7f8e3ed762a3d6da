"""Document lineage: what a document implements/cites (up) and what implements/cites it (down)."""

from __future__ import annotations

from typing import Any

from vanban.graph.store import GraphStore
from vanban.model import QueryError
from vanban.queries._load import run
from vanban.queries.refs import resolve_document

MAX_DEPTH = 10
DIRECTIONS = ("up", "down", "both")


def lineage(store: GraphStore, ref: str, direction: str = "both", depth: int = 3) -> list[dict[str, Any]]:
    """Return the CITES edges within `depth` hops of the document `ref`, one dict per edge.

    Each row: direction ("up"|"down"), depth (hop at which the edge is first
    reached, 1 = the document's own citations / citers), source_* and target_*
    (key, type, number, date, issuer, title, stub, file) of the citing and cited
    document, relation, clause and surface (evidence in the citing document),
    resolved_by. "up" rows come first, then "down", each ordered by depth.

    Raises NotFound / AmbiguousRef (unknown or ambiguous ref) and QueryError
    (direction not up|down|both, depth outside 1..10).
    """
    if direction not in DIRECTIONS:
        raise QueryError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    if not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise QueryError(f"depth must be an integer from 1 to {MAX_DEPTH}, not {depth!r}")
    key = resolve_document(store, ref)
    edges: list[dict[str, Any]] = []
    for d in ("up", "down") if direction == "both" else (direction,):
        edges += _walk(store, key, d, depth)
    keys = sorted({e["source_key"] for e in edges} | {e["target_key"] for e in edges})
    docs = {r["key"]: r for r in run(store, "documents_by_keys", keys=keys)} if keys else {}
    rows = []
    for e in edges:
        row = {"direction": e["direction"], "depth": e["depth"]}
        for side in ("source", "target"):
            doc = docs.get(e[f"{side}_key"], {"key": e[f"{side}_key"]})
            for f in _DOC_FIELDS:
                row[f"{side}_{f}"] = doc.get(f)
        for f in ("relation", "clause", "surface", "resolved_by"):
            row[f] = e.get(f)
        rows.append(row)
    return rows


_DOC_FIELDS = ("key", "type", "number", "date", "issuer", "title", "stub", "file")


def _walk(store: GraphStore, key: str, direction: str, depth: int) -> list[dict[str, Any]]:
    """Breadth-first walk of CITES from `key`: one lineage_<direction> query per hop.

    Each document is expanded once (at the hop it is first reached), so the
    cost grows with the edges found, not with the number of paths. Returns
    edge rows (source_key, target_key, relation, clause, surface, resolved_by)
    with `direction` and `depth` added.
    """
    rows: list[dict[str, Any]] = []
    seen, frontier = {key}, [key]
    far = "target_key" if direction == "up" else "source_key"
    for hop in range(1, depth + 1):
        if not frontier:
            break
        found = run(store, f"lineage_{direction}", keys=frontier)
        nxt: list[str] = []
        for r in found:
            r["direction"], r["depth"] = direction, hop
            rows.append(r)
            if r[far] not in seen:
                seen.add(r[far])
                nxt.append(r[far])
        frontier = nxt
    return rows
