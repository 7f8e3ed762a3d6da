"""/ask?q=: a question in Vietnamese (diacritics optional) read and answered (vanban.queries.ask)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from vanban.api.deps import StoreDep
from vanban.queries.ask import ask as _ask

router = APIRouter(prefix="/ask", tags=["search"])


@router.get("", summary="Ask a question")
def ask(store: StoreDep,
        q: Annotated[str, Query(min_length=1, max_length=500, description="e.g. Ai ký Quyết định 1627/QĐ-UBND?")]
        ) -> dict[str, Any]:
    """Read the question (intent, parameters, `reading`: how it was understood) and answer it:
    {intent, query, params, reading, data, count}. 422 when it is not understood (with examples)."""
    r = _ask(store, q)
    return {"intent": r["intent"], "query": r["query"], "params": r["params"], "reading": r["reading"],
            "data": r["rows"], "count": len(r["rows"])}
