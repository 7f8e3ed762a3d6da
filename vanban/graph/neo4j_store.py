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
import re
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

#: Labels with a TEXT index on `search`, used by `search CONTAINS $word` filters.
TEXT_LABELS: tuple[str, ...] = ("Document", "Agency", "Place", "Task")

#: Labels with a full-text index on `search` (named vanban_<label>_fulltext).
FULLTEXT_LABELS: tuple[str, ...] = ("Document", "Agency", "Place", "Task")


#: Procedures an analyst's read-only query may CALL (Community edition has no roles to limit them).
READ_PROCEDURES: frozenset[str] = frozenset({
    "db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships", "db.labels",
    "db.relationshiptypes", "db.propertykeys", "db.schema.visualization", "db.schema.nodetypeproperties",
    "db.schema.reltypeproperties", "dbms.components",
})

#: Status codes that blame the server, the credentials or the database, never one query or document.
STORE_CODES = ("Neo.ClientError.Security.", "Neo.ClientError.Database.", "Neo.ClientError.Cluster.",
               "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase")


_CALL_WITH = re.compile(r"CALL \{(\s*\n\s*)WITH ([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)[ \t]*\n")
_CALL_BARE = re.compile(r"CALL \{")


def scoped_calls(query: str) -> str:
    """Return `query` with `CALL { WITH a, b …}` written `CALL (a, b) {…}` and bare `CALL {` as `CALL () {`.

    The scope clause is Neo4j 5.23+'s form (the importing WITH is deprecated there); FalkorDB and
    older servers know only the WITH form, which the .cypher files keep.
    """
    return _CALL_BARE.sub("CALL () {", _CALL_WITH.sub(r"CALL (\2) {\1", query))


class _NoRetry(Exception):
    """Carries a Neo4j error out of a managed transaction without the driver retrying it."""


class _Capped(Exception):
    """Raised inside a transaction once the row cap is reached (the transaction rolls back)."""


def _client_error(e: Any, url: str, timeout_ms: int | None) -> Exception:
    """Return the vanban error for a Neo4j error: StoreError for STORE_CODES, else QueryError."""
    code = e.code or ""
    if code.startswith(STORE_CODES):
        return StoreError(f"Neo4j refused: {e.message or e} ({code})", url)
    if "TransactionTimedOut" in code or "Transaction.Terminated" in code:
        return QueryError(f"query timed out after {timeout_ms} ms (Neo4j: {e.message or code})")
    if "MemoryPool" in code:
        return QueryError(f"query stopped: it needs more memory than a query may use (Neo4j: {e.message or code})")
    return QueryError(f"query refused: {e.message or e}")


def _operators(plan: Any):
    """Yield every (operatorType, arguments) pair of an EXPLAIN plan (a dict tree from the driver)."""
    stack = [plan] if plan else []
    while stack:
        p = stack.pop()
        yield p.get("operatorType", ""), p.get("args", {}) or {}
        stack.extend(p.get("children", []) or [])


def refusal(query_type: str | None, plan: Any) -> str | None:
    """Return why a planned query is not a pure read (e.g. "a write", "LOAD CSV"), or None when it is one."""
    if query_type != "r":
        return {"w": "a write", "rw": "a write", "s": "a schema or administration command"}.get(query_type or "", "a command")
    for op, args in _operators(plan):
        name = op.split("@")[0]
        if name == "LoadCSV":
            return "LOAD CSV"
        if name == "ProcedureCall":
            details = str(args.get("Details") or args.get("details") or "")
            proc = details.split("(")[0].strip().lower()
            if proc not in READ_PROCEDURES:
                return f"procedure {proc or details!r}"
        if name in ("ShowProcedures", "ShowFunctions", "ShowSettings", "ShowUsers", "ShowTransactions",
                    "TerminateTransactions"):
            return f"the command {name}"
    return None


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
        self._checked: set = set()
        self._version: tuple[int, ...] | None = None
        self._scoped: dict[str, str] = {}
        try:
            self._driver = neo4j.GraphDatabase.driver(url, auth=(user, password), connection_timeout=10.0,
                                                      max_connection_pool_size=100,
                                                      notifications_min_severity="OFF")
            self._driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError, ValueError) as e:
            raise StoreError(f"cannot reach Neo4j: {e}", url) from e
        except neo4j.exceptions.Neo4jError as e:
            raise StoreError(f"Neo4j refused the connection: {e}", url) from e
        try:  # the database must exist and answer (a missing one is the store's fault, not a document's)
            self._execute("RETURN 1 AS ok", None, read=True)
            self.server_version()
        except Exception:
            if getattr(self, "_driver", None) is not None:
                self._driver.close()
            raise

    def _session(self, read: bool = False, fetch_size: int = 1000):
        import neo4j

        if self._driver is None:
            raise StoreError("store is closed", self.url)
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode, fetch_size=fetch_size)

    def _execute(self, query: str, params: dict[str, Any] | None, read: bool,
                 timeout_ms: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Run `query` as one managed transaction (READ or WRITE); return its rows as dicts (see _execute_all)."""
        return self._execute_all([(query, params)], read, timeout_ms, limit)

    def _execute_all(self, statements: list[tuple[str, dict[str, Any] | None]], read: bool,
                     timeout_ms: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Run `statements` one after the other in one managed transaction (READ or WRITE); return the
        last one's rows as dicts.

        At most `limit` rows are pulled: the result is streamed and the transaction
        rolled back once the cap is reached, so a huge result is never fetched whole.
        `timeout_ms` is the server-side transaction timeout. Raises QueryError for a
        refused query (syntax, a write on the read path, a time-out, memory limit) and
        StoreError when the server, the credentials or the database are at fault.
        """
        import neo4j
        from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable, SessionExpired

        rows: list[dict[str, Any]] = []
        if self._version is not None and self._version >= (5, 23):
            statements = [(self._scoped.get(q) or self._scoped.setdefault(q, scoped_calls(q)), p)
                          if "CALL {" in q else (q, p) for q, p in statements]

        @neo4j.unit_of_work(timeout=(timeout_ms / 1000.0) if timeout_ms else None)
        def work(tx):
            try:
                for query, params in statements:
                    rows.clear()
                    res = tx.run(query, params or {})
                    keys = res.keys()
                    for rec in res:
                        if limit is not None and len(rows) >= limit:
                            raise _Capped()  # rolls the transaction back: the rest is never pulled
                        rows.append({k: _plain(rec[k]) for k in keys})
            except Neo4jError as e:
                if "MemoryPool" in (e.code or ""):  # transient to the driver, but a retry fails the same way
                    raise _NoRetry(e) from e
                raise
            return rows

        try:
            with self._session(read, fetch_size=min(limit + 1, 1000) if limit else 1000) as s:
                return s.execute_read(work) if read else s.execute_write(work)
        except _Capped:
            return rows
        except _NoRetry as e:
            raise _client_error(e.args[0], self.url, timeout_ms) from e
        except ClientError as e:
            raise _client_error(e, self.url, timeout_ms) from e
        except (ServiceUnavailable, SessionExpired) as e:
            raise StoreError(f"Neo4j unavailable: {e}", self.url) from e
        except Neo4jError as e:
            if "MemoryPool" in (e.code or "") or "TransactionTimedOut" in (e.code or ""):
                raise _client_error(e, self.url, timeout_ms) from e
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
        """Run `query` in a managed READ transaction; return at most `limit` rows (streamed, not cut after).

        Before it runs, its plan (EXPLAIN) must be a read: a write, schema command,
        LOAD CSV or a procedure outside READ_PROCEDURES raises QueryError, as does
        the server refusing a write in READ access mode.
        """
        self.check_read_only(query, params)
        return self._execute(query, params, read=True, timeout_ms=timeout_ms, limit=limit)

    def check_read_only(self, query: str, params: dict[str, Any] | None = None) -> None:
        """Raise QueryError unless EXPLAIN shows `query` as a pure read (see `refusal`). Returns None."""
        import neo4j
        from neo4j.exceptions import ClientError, Neo4jError

        key = (query, tuple(sorted((params or {}).keys())))
        if key in self._checked:
            return
        try:
            with self._session(True) as s:
                summary = s.run(neo4j.Query("EXPLAIN " + query), params or {}).consume()
        except ClientError as e:
            raise _client_error(e, self.url, None) from e
        except Neo4jError as e:
            raise StoreError(f"Neo4j error: {e}", self.url) from e
        why = refusal(summary.query_type, summary.plan)
        if why:
            raise QueryError(f"read-only path: {why} refused")
        if len(self._checked) > 4096:
            self._checked.clear()
        self._checked.add(key)

    def server_version(self) -> tuple[int, ...]:
        """Return the server's Neo4j version as a tuple of ints, e.g. (5, 26, 0)."""
        if self._version is None:
            rows = self._execute("CALL dbms.components() YIELD versions RETURN versions[0] AS v", None, read=True)
            self._version = tuple(int(x) for x in re.findall(r"\d+", rows[0]["v"])[:3])
        return self._version

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and range indexes (idempotent)."""
        for label in LABELS:
            self.run(f"CREATE CONSTRAINT vanban_{label.lower()}_key IF NOT EXISTS "
                     f"FOR (n:{label}) REQUIRE n.key IS UNIQUE")
        for label, prop in RANGE_INDEXES:
            self.run(f"CREATE INDEX vanban_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
        for label in TEXT_LABELS:  # CONTAINS on `search` (agency/place candidates, responsible_for_text)
            self.run(f"CREATE TEXT INDEX vanban_{label.lower()}_search_text IF NOT EXISTS FOR (n:{label}) ON (n.search)")
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
        from vanban.graph.falkor_values import fulltext_query

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

    @staticmethod
    def encode_write(batch: Any) -> list[tuple[str, dict[str, Any]]]:
        """Return the write queries and parameters of a batch (vanban.graph.write.rows.BatchRows)."""
        from vanban.graph.write.statements import statements

        return statements(batch)

    def write_encoded(self, statements: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        """Run a batch's write queries (`encode_write`) in one transaction, all or nothing; return the
        last one's rows. Raises QueryError / StoreError."""
        return self._execute_all(statements, read=False)

    def info(self) -> dict[str, Any]:
        """Return the server URL (size on disk is not known to a client)."""
        return {"kind": self.kind, "url": self.url, "bytes": None}

    def close(self) -> None:
        """Close the driver. Idempotent."""
        d, self._driver = self._driver, None
        if d is not None:
            d.close()
