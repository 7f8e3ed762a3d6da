"""Load the named .cypher files of this package and run them on the read-only path."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from vanban.graph.store import GraphStore
from vanban.model import QueryError


@lru_cache(maxsize=None)
def cypher(name: str) -> str:
    """Return the text of `vanban/queries/<name>.cypher`.

    Raises QueryError when no such file exists.
    """
    try:
        return resources.files("vanban.queries").joinpath(f"{name}.cypher").read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise QueryError(f"no query named {name!r}") from e


def names() -> list[str]:
    """Return the names of every packaged .cypher query, sorted."""
    return sorted(
        p.name[: -len(".cypher")]
        for p in resources.files("vanban.queries").iterdir()
        if p.name.endswith(".cypher")
    )


def run(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run the named query with `params` on the store's read-only path.

    Returns the rows as dicts keyed by RETURN alias. Raises QueryError
    (bad query/parameters) or StoreError (store unreachable).
    """
    return store.run_read(cypher(name), params)
