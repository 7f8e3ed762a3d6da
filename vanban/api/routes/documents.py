"""/documents: list and filter, one document, its lineage."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from vanban import queries as Q
from vanban.api.deps import StoreDep
from vanban.api.schemas import MAX_REF, ErrorBody, Document, DocumentSummary, Lineage, ListOf
from vanban.queries.lineage import MAX_DEPTH
from vanban.queries.validity import document_validity

router = APIRouter(prefix="/documents", tags=["documents"])

RefPath = Annotated[str, Path(description="a document key or number as people write it: "
                                          "05/CT-UBND, CT 05, Chỉ thị 05 (URL-encoded)", max_length=MAX_REF)]


@router.get("", response_model=ListOf[DocumentSummary], summary="List documents")
def list_documents(
    store: StoreDep,
    type: Annotated[str | None, Query(description="exact type, e.g. Chỉ thị", max_length=100)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    issuer: Annotated[str | None, Query(description="words of the issuer's name, diacritics optional",
                                        max_length=200)] = None,
    skip: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=Q.catalog.MAX_LIMIT)] = 100,
):
    """Documents, newest first, filtered by type, year and issuer."""
    rows = Q.list_documents(store, type=type, year=year, issuer=issuer, skip=skip, limit=limit)
    return {"data": rows, "count": len(rows)}


@router.get("/{ref:path}/lineage", response_model=Lineage, summary="Lineage of a document",
            responses={404: {"model": ErrorBody, "description": "unknown document"},
                       409: {"model": ErrorBody, "description": "ambiguous reference: body lists the candidates"}})
def document_lineage(
    store: StoreDep,
    ref: RefPath,
    direction: Literal["up", "down", "both"] = "both",
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 3,
):
    """What the document implements/cites (up) and what implements/cites it (down), with evidence."""
    doc = Q.get_document(store, ref)
    doc["validity"] = document_validity(store, doc["key"])
    rows = Q.lineage(store, doc["key"], direction=direction, depth=depth)
    return {"document": doc, "data": rows, "count": len(rows)}


@router.get("/{ref:path}", response_model=Document, summary="One document",
            responses={404: {"model": ErrorBody, "description": "unknown document"},
                       409: {"model": ErrorBody, "description": "ambiguous reference: body lists the candidates"}})
def get_document(store: StoreDep, ref: RefPath):
    """A document by key or number, with counts of citations and tasks, and its validity."""
    doc = Q.get_document(store, ref)
    doc["validity"] = document_validity(store, doc["key"])
    return doc
