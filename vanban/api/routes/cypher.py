"""POST /cypher: an analyst's read-only Cypher query."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from vanban import queries as Q
from vanban.api.budget import cypher_slot
from vanban.api.deps import SettingsDep, StoreDep
from vanban.api.schemas import ErrorBody, CypherRequest, CypherResult
from vanban.model import QueryError

router = APIRouter(prefix="/cypher", tags=["cypher"])


@router.post("", response_model=CypherResult, summary="Run read-only Cypher",
             responses={400: {"model": ErrorBody, "description": "syntax error, time-out, or a write (refused)"}})
def run_cypher(body: CypherRequest, store: StoreDep, settings: SettingsDep):
    """Run the query on the store's read-only path: CREATE/MERGE/SET/DELETE and write
    procedures are refused with 400. Rows are capped at the server's limit and the
    query at its time-out; `truncated` says when rows were cut.

    On Neo4j (Community edition has no roles, so no reader user can be made) the query
    runs in a READ-mode session as a managed read transaction with a server-side
    transaction timeout, after its EXPLAIN plan is checked: only a pure read passes
    (no write, schema or administration command, LOAD CSV, or procedure outside
    neo4j_store.READ_PROCEDURES); rows are streamed and the transaction rolled back at
    the cap, so a huge result is never fetched whole."""
    cap = min(body.limit or settings.cypher_row_limit, settings.cypher_row_limit)
    try:
        with cypher_slot(settings.cypher_timeout_ms):  # heavy queries leave store threads for other routes
            rows = Q.run_cypher(store, body.query, body.params, limit=cap + 1,
                                timeout_ms=settings.cypher_timeout_ms)
    except QueryError as e:
        raise HTTPException(400, str(e)) from e
    return {"data": rows[:cap], "count": min(len(rows), cap), "truncated": len(rows) > cap}
