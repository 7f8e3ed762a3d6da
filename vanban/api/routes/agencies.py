"""/agencies: list, and the duties of one agency."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from vanban import queries as Q
from vanban.api.deps import StoreDep
from vanban.api.schemas import MAX_REF, ErrorBody, Agency, Duties, ListOf
from vanban.queries.duties import DUTY_ROLES

router = APIRouter(prefix="/agencies", tags=["agencies"])


@router.get("", response_model=ListOf[Agency], summary="List agencies")
def list_agencies(
    store: StoreDep,
    q: Annotated[str | None, Query(description="words of the name or an alias, diacritics optional",
                                   max_length=200)] = None,
    skip: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=Q.catalog.MAX_LIMIT)] = 100,
):
    """Agencies with their task counts, busiest first."""
    rows = Q.list_agencies(store, q=q, skip=skip, limit=limit)
    return {"data": rows, "count": len(rows)}


@router.get("/{ref:path}/duties", response_model=Duties, summary="Duties of an agency",
            responses={404: {"model": ErrorBody, "description": "unknown agency"},
                       409: {"model": ErrorBody, "description": "ambiguous reference: body lists the candidates"}})
def agency_duties(
    store: StoreDep,
    ref: Annotated[str, Path(description="name, alias or key; diacritics optional (so xay dung)",
                             max_length=MAX_REF)],
    role: Annotated[str | None, Query(description="one of: " + ", ".join(DUTY_ROLES),
                                      pattern="^(" + "|".join(DUTY_ROLES) + ")$")] = None,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
    skip: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000, description="tasks per page (criticisms paged alike)")] = 500,
    province: Annotated[str | None, Query(description="the agency of this province (a name several provinces "
                                                      "have is ambiguous without one: 409)", max_length=200)] = None,
):
    """Tasks of the agency by deadline: role, deadline, clause, document, under, places;
    criticisms as role 'criticized'. Rows also come through the agency's head (how 'head') and
    the named collectives of its province it belongs to (how 'collective'); each has its province."""
    key = Q.resolve_agency(store, ref, province)
    agency = next(a for a in Q.agency_candidates(store, key) if a["key"] == key)
    rows = Q.duties(store, key, role=role, date_from=date_from, date_to=date_to, skip=skip, limit=limit)
    return {"agency": agency, "data": rows, "count": len(rows)}
