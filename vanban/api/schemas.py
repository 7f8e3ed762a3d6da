"""Response and request models. Lists come as {data, count}; errors as {message[, candidates]}."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")

#: Longest reference (document number/key, agency or place name) a path accepts; longer is a 422.
MAX_REF = 500


class ListOf(BaseModel, Generic[T]):
    """A list response: the rows and how many there are."""

    data: list[T]
    count: int


class ErrorBody(BaseModel):
    """Every error: a message; 409 (ambiguous reference) adds the candidates."""

    message: str
    candidates: list[dict[str, Any]] | None = None
    detail: list[dict[str, Any]] | None = None


class DocumentSummary(BaseModel):
    key: str
    type: str | None = None
    number: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    title: str | None = None
    stub: bool | None = None


class Document(DocumentSummary):
    signer: str | None = None
    source: str | None = None
    issued_by: list[str] = []
    cites: int = 0
    cited_by: int = 0
    tasks: int = 0
    validity: dict[str, Any] | None = None  # status, status_vi, since, by_key, by_number, effective_from, events


class LineageEdge(BaseModel):
    direction: Literal["up", "down"]
    depth: int
    source_key: str
    source_type: str | None = None
    source_number: str | None = None
    source_date: str | None = None
    source_issuer: str | None = None
    source_title: str | None = None
    source_stub: bool | None = None
    source_file: str | None = None
    target_key: str
    target_type: str | None = None
    target_number: str | None = None
    target_date: str | None = None
    target_issuer: str | None = None
    target_title: str | None = None
    target_stub: bool | None = None
    target_file: str | None = None
    relation: str | None = None
    clause: str | None = None
    surface: str | None = None
    resolved_by: str | None = None


class Lineage(ListOf[LineageEdge]):
    """The document asked for and its lineage edges."""

    document: Document


class Agency(BaseModel):
    key: str
    name: str | None = None
    kind: str | None = None
    level: str | None = None
    aliases: list[str] | None = None
    tasks: int = 0
    province: str | None = None


class Duty(BaseModel):
    agency_key: str
    agency: str | None = None
    role: str | None = None
    task_key: str | None = None
    clause: str | None = None
    action: str | None = None
    text: str | None = None
    deadline: str | None = None
    deadline_text: str | None = None
    deadline_date: str | None = None
    recurrence: str | None = None
    surface: str | None = None
    doc_key: str | None = None
    doc_type: str | None = None
    doc_number: str | None = None
    doc_date: str | None = None
    doc_title: str | None = None
    doc_file: str | None = None
    under: list[str] = []
    places: list[str] = []
    how: str | None = None  # direct | head | collective
    province: str | None = None


class Duties(ListOf[Duty]):
    agency: Agency


class PlaceRow(BaseModel):
    kind: Literal["became", "formed_from", "target", "task", "criticism", "document"]
    place_key: str
    place: str | None = None
    place_kind: str | None = None
    doc_key: str | None = None
    doc_type: str | None = None
    doc_number: str | None = None
    doc_title: str | None = None
    doc_file: str | None = None
    clause: str | None = None
    text: str | None = None
    year: int | None = None
    deadline: str | None = None
    agency: str | None = None
    role: str | None = None
    surface: str | None = None
    inherited: str | None = None  # "trước sáp nhập: xã Đăk Trăm": addressed to a predecessor (2025 reform)


class Place(BaseModel):
    key: str
    name: str | None = None
    kind: str | None = None
    code: str | None = None
    parent: str | None = None


class PlaceProfile(ListOf[PlaceRow]):
    place: Place


class Assigned(BaseModel):
    agency: str | None = None
    role: str | None = None


class Deadline(BaseModel):
    due: str | None = None
    status: Literal["due", "overdue", "done", "cancelled", "recurring", "no date"]
    days: int | None = None
    recurring: bool
    runs_from: str | None = None
    runs_to: str | None = None
    runs_basis: str | None = None
    task_status: str = "todo"
    doc_date: str | None = None
    task_key: str | None = None
    clause: str | None = None
    action: str | None = None
    text: str | None = None
    deadline: str | None = None
    deadline_text: str | None = None
    recurrence: str | None = None
    doc_key: str | None = None
    doc_type: str | None = None
    doc_number: str | None = None
    doc_title: str | None = None
    doc_file: str | None = None
    assigned: list[Assigned] = []


class SearchHit(BaseModel):
    kind: Literal["document", "agency", "place", "task"]
    key: str
    label: str | None = None
    detail: str | None = None
    match: Literal["exact", "phrase", "words"] | None = None
    type: str | None = None
    number: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None


class CypherRequest(BaseModel):
    """A read-only Cypher query with parameters ($name in the query)."""

    query: str = Field(..., min_length=1, max_length=20_000,
                       examples=["MATCH (d:Document) RETURN d.number AS number LIMIT 5"])
    params: dict[str, Any] = {}
    limit: int | None = Field(None, ge=1, le=100_000, description="row limit (capped by the server's)")


class CypherResult(ListOf[dict[str, Any]]):
    truncated: bool = False


class Health(BaseModel):
    status: Literal["ok"]
    store: str
