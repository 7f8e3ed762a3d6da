"""Run the named .cypher files of this package on the read-only path."""

from __future__ import annotations

from typing import Any

from vanban import cypher as _cypher
from vanban.graph.store import GraphStore


def cypher(name: str) -> str:
    """Return the text of `vanban/queries/<name>.cypher`.

    Raises QueryError when no such file exists.
    """
    return _cypher.load("vanban.queries", name)


def names() -> list[str]:
    """Return the names of every packaged .cypher query, sorted."""
    return _cypher.names("vanban.queries")


def run(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run the named query with `params` on the store's read-only path.

    Returns the rows as dicts keyed by RETURN alias. Raises QueryError
    (bad query/parameters) or StoreError (store unreachable).
    """
    return store.run_read(cypher(name), params)
