"""Neo4j 5 store through the official `neo4j` driver.

Selected with VANBAN_STORE=bolt://… or neo4j://…; credentials from NEO4J_USER
(default "neo4j") and NEO4J_PASSWORD, database from NEO4J_DATABASE (default:
the server's default). Store-specific DDL lives here: a uniqueness constraint
on `key` for every label (which also indexes it) plus range indexes on the
other looked-up properties, and a full-text index on `search` per label
(`search_nodes`, used by queries.search). Rows come back converted like the embedded store's
(node → properties + `_id`, `_labels`; relationship → properties + `_id`,
`_type`, `_src`, `_dst`; path → {"nodes", "relationships"}), with element ids
as strings.
"""

from __future__ import annotations

import os
from typing import Any

from vanban.graph.schema import LABELS
from vanban.model import QueryError, StoreError

#: Extra range indexes (the key of every label is covered by its constraint).
RANGE_INDEXES: tuple[tuple[str, str], ...] = (
    ("Document", "sha256"), ("Document", "number"), ("Document", "search"),
    ("Document", "source"), ("Document", "gc"), ("Document", "reident"),
    ("Agency", "search"), ("Place", "search"), ("Task", "doc"),
    ("Task", "deadline_date"), ("Task", "recurrence"), ("Document", "year"),
)

#: Labels with a full-text index on `search` (named vanban_<label>_fulltext).
FULLTEXT_LABELS: tuple[str, ...] = ("Document", "Agency", "Place", "Task")


def _plain(value: Any) -> Any:
    """Return `value` with driver graph objects turned into plain dicts/lists."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        d = dict(value.items())
        d["_id"] = value.element_id
        d["_labels"] = sorted(value.labels)
        return d
    if isinstance(value, Relationship):
        d = dict(value.items())
        d["_id"] = value.element_id
        d["_type"] = value.type
        d["_src"] = value.start_node.element_id if value.start_node is not None else None
        d["_dst"] = value.end_node.element_id if value.end_node is not None else None
        return d
    if isinstance(value, Path):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    return value


class Neo4jStore:
    """GraphStore over a Neo4j 5 server. Raises StoreError when it is unreachable."""

    kind = "neo4j"

    def __init__(self, url: str, user: str | None = None, password: str | None = None, database: str | None = None):
        import neo4j
        from neo4j.exceptions import AuthError, ServiceUnavailable

        self.url = url
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        user = user or os.environ.get("NEO4J_USER", "neo4j")
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        try:
            self._driver = neo4j.GraphDatabase.driver(url, auth=(user, password), connection_timeout=10.0)
            self._driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError, ValueError) as e:
            raise StoreError(f"cannot reach Neo4j: {e}", url) from e
        except neo4j.exceptions.Neo4jError as e:
            raise StoreError(f"Neo4j refused the connection: {e}", url) from e

    def _session(self, read: bool = False):
        import neo4j

        if self._driver is None:
            raise StoreError("store is closed", self.url)
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _execute(self, query: str, params: dict[str, Any] | None, read: bool, timeout_ms: int | None = None):
        import neo4j
        from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable, SessionExpired

        q = neo4j.Query(query, timeout=(timeout_ms / 1000.0) if timeout_ms else None)

        def work(tx):
            res = tx.run(q, params or {})
            keys = res.keys()
            return [{k: _plain(rec[k]) for k in keys} for rec in res]

        try:
            with self._session(read) as s:
                return s.execute_read(work) if read else s.execute_write(work)
        except ClientError as e:
            raise QueryError(f"query refused: {e.message or e}") from e
        except (ServiceUnavailable, SessionExpired) as e:
            raise StoreError(f"Neo4j unavailable: {e}", self.url) from e
        except Neo4jError as e:
            raise StoreError(f"Neo4j error: {e}", self.url) from e

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read/write query in one write transaction; returns rows as dicts."""
        return self._execute(query, params, read=False)

    def run_read(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Run `query` in a READ transaction; a write raises QueryError. Returns at most `limit` rows."""
        rows = self._execute(query, params, read=True, timeout_ms=timeout_ms)
        return rows[:limit] if limit is not None else rows

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and range indexes (idempotent)."""
        for label in LABELS:
            self.run(f"CREATE CONSTRAINT vanban_{label.lower()}_key IF NOT EXISTS "
                     f"FOR (n:{label}) REQUIRE n.key IS UNIQUE")
        for label, prop in RANGE_INDEXES:
            self.run(f"CREATE INDEX vanban_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
        for label in FULLTEXT_LABELS:
            self.run(f"CREATE FULLTEXT INDEX vanban_{label.lower()}_fulltext IF NOT EXISTS "
                     f"FOR (n:{label}) ON EACH [n.search] "
                     "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}")

    def search_nodes(self, label: str, words: list[str], limit: int) -> list[dict[str, Any]] | None:
        """Return up to `limit` `label` nodes whose folded `search` has every word of `words` at a word start.

        Candidates come from the full-text index (Lucene: every token of 2+
        characters as a required prefix), the exact test is queries/search.cypher's.
        Returns None when the index cannot answer (the caller runs the CONTAINS query).
        """
        from vanban.graph.falkor_store import fulltext_query

        q = fulltext_query(words)
        if q is None or label not in FULLTEXT_LABELS:
            return None
        q = " ".join("+" + t for t in q.split())
        try:
            rows = self.run_read(
                f"CALL db.index.fulltext.queryNodes('vanban_{label.lower()}_fulltext', $q) YIELD node AS n "
                "WITH n WHERE all(w IN $words WHERE (' ' + n.search) CONTAINS (' ' + w)) "
                "RETURN n LIMIT $limit", {"q": q, "words": list(words), "limit": int(limit)})
        except QueryError:  # index missing or still populating: the caller scans instead
            return None
        return [r["n"] for r in rows]

    def write_batch(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Run one writer query in one transaction (all or nothing)."""
        return self.run(query, params)

    def write_document(self, rows: Any) -> Any:
        """Write one document's rows (vanban.graph.writer.DocRows) in one transaction."""
        from vanban.graph.writer import write_rows

        return write_rows(self, [rows])

    def info(self) -> dict[str, Any]:
        """Return the server URL (size on disk is not known to a client)."""
        return {"kind": self.kind, "url": self.url, "bytes": None}

    def close(self) -> None:
        """Close the driver. Idempotent."""
        d, self._driver = self._driver, None
        if d is not None:
            d.close()
