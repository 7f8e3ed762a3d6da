"""/deadlines: due and overdue tasks in a window."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from vanban import queries as Q
from vanban.api.deps import StoreDep
from vanban.api.schemas import ErrorBody, Deadline, ListOf

router = APIRouter(prefix="/deadlines", tags=["deadlines"])


@router.get("", response_model=ListOf[Deadline], summary="Due and overdue tasks",
            responses={404: {"model": ErrorBody, "description": "unknown agency"},
                       409: {"model": ErrorBody, "description": "ambiguous agency: body lists the candidates"}})
def deadlines(
    store: StoreDep,
    date_from: Annotated[date | None, Query(alias="from", description="default: to − 30 days, or as_of − 30 days")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="default: from + 30 days, or as_of + 30 days")] = None,
    agency: Annotated[str | None, Query(max_length=200)] = None,
    as_of: Annotated[date | None, Query(description="default: today")] = None,
):
    """Task occurrences due in [from, to], recurring ones expanded; status due/overdue relative to as_of.

    Without `from`/`to` the window is 30 days either side of as_of; with one of them, 30 days from it.
    """
    start, end, today = Q.window(date_from, date_to, as_of)  # the rule the CLI uses too
    rows = Q.deadlines(store, start, end, agency=agency or None, as_of=today)
    return {"data": rows, "count": len(rows)}
