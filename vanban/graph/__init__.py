"""Graph stores: `open_store()` picks the embedded FalkorDBLite file or Neo4j.

`open_store(None)` reads VANBAN_STORE; if unset it opens the embedded file
VANBAN_DB (default ./vanban.db). A "bolt://…", "bolt+s://…", "neo4j://…" or
"neo4j+s://…" URL opens the Neo4j adapter (NEO4J_USER / NEO4J_PASSWORD); any
other value is taken as the path of an embedded file.
"""

from __future__ import annotations

import os

from vanban.graph.store import GraphStore

DEFAULT_DB = "vanban.db"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def store_url(url: str | None = None) -> str:
    """Return the store URL/path `open_store(url)` would open."""
    if url:
        return url
    return os.environ.get("VANBAN_STORE") or os.environ.get("VANBAN_DB") or DEFAULT_DB


def open_store(url: str | None = None) -> GraphStore:
    """Open the graph store at `url` (see module doc) and return it, schema ensured.

    Raises StoreError when the store cannot be opened or reached.
    """
    target = store_url(url)
    if target.startswith(NEO4J_SCHEMES):
        from vanban.graph.neo4j_store import Neo4jStore

        store = Neo4jStore(target)
    else:
        from vanban.graph.falkor_store import FalkorStore

        path = target[len("file://"):] if target.startswith("file://") else target
        store = FalkorStore(path)
    try:
        store.ensure_schema()
    except Exception:
        store.close()
        raise
    return store


__all__ = ["GraphStore", "open_store", "store_url"]
