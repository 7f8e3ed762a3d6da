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
    rows: list[dict[str, Any]] = []
    if direction in ("up", "both"):
        rows += run(store, "lineage_up", key=key, depth=depth)
    if direction in ("down", "both"):
        rows += run(store, "lineage_down", key=key, depth=depth)
    return rows


def lineage_tree(rows: list[dict[str, Any]], root_key: str) -> dict[str, list[dict[str, Any]]]:
    """Return {document key: [edge rows leading away from it]} for printing a tree.

    For "up" edges the parent is the citing (source) document, for "down" the cited (target).
    """
    tree: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        parent = r["source_key"] if r["direction"] == "up" else r["target_key"]
        tree.setdefault(parent, []).append(r)
    return tree
