"""Counts per label and relationship type (`vanban stats`)."""

from __future__ import annotations

from typing import Any

from vanban.cypher import load


def graph_stats(store: Any) -> dict[str, Any]:
    """Return {"nodes": {label: n}, "relationships": {type: n}, "total_nodes", "total_relationships"}.

    Stub documents are counted under "Document (stub)". Keys are sorted so
    two equal graphs give equal dicts. Raises StoreError/QueryError.
    """
    nodes: dict[str, int] = {}
    for r in store.run_read(load("vanban.graph", "stats_labels")):
        label = r["label"] or "(none)"
        if label == "Document" and r["stub"]:
            label = "Document (stub)"
        nodes[label] = nodes.get(label, 0) + int(r["count"])
    rels = {r["type"]: int(r["count"]) for r in store.run_read(load("vanban.graph", "stats_rels"))}
    return {
        "nodes": dict(sorted(nodes.items())),
        "relationships": dict(sorted(rels.items())),
        "total_nodes": sum(nodes.values()),
        "total_relationships": sum(rels.values()),
    }
