"""/places/{ref}: what concerns a place and the places inside it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from vanban import queries as Q
from vanban.api.deps import StoreDep
from vanban.api.schemas import MAX_REF, ErrorBody, PlaceProfile

router = APIRouter(prefix="/places", tags=["places"])


@router.get("/{ref:path}", response_model=PlaceProfile, summary="Profile of a place",
            responses={404: {"model": ErrorBody, "description": "unknown place"},
                       409: {"model": ErrorBody, "description": "ambiguous reference: body lists the candidates"}})
def place_profile(
    store: StoreDep,
    ref: Annotated[str, Path(description="name (huyện Đăk Tô, dak to) or key", max_length=MAX_REF)],
):
    """Targets, tasks, criticisms and documents concerning the place (children included)."""
    key = Q.resolve_place(store, ref)
    place = next(p for p in Q.place_candidates(store, key) if p["key"] == key)
    rows = Q.place_profile(store, key)
    return {"place": place, "data": rows, "count": len(rows)}
