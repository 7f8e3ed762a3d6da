"""/search?q=: diacritic-free search over documents, agencies, places and tasks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from vanban import queries as Q
from vanban.api.deps import StoreDep
from vanban.api.schemas import ListOf, SearchHit

router = APIRouter(prefix="/search", tags=["search"])


@router.get("", response_model=ListOf[SearchHit], summary="Search")
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words, diacritics optional")],
    limit: Annotated[int, Query(ge=1, le=200, description="at most this many per kind")] = 20,
    type: Annotated[str | None, Query(max_length=100, description="documents of this type only")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="documents of this year only")] = None,
    province: Annotated[str | None, Query(max_length=100, description="documents of this province")] = None,
    issuer: Annotated[str | None, Query(max_length=200, description="words of the issuer")] = None,
):
    """Nodes whose folded text has every word of q ("dak ha" finds "Đăk Hà"): a document whose
    number is q first, then agencies, places, documents, tasks; phrase matches above scattered words."""
    rows = Q.search(store, q, limit=limit, type=type, year=year, province=province, issuer=issuer)
    return {"data": rows, "count": len(rows)}
