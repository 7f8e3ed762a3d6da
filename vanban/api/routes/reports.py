"""/reports/{unit|province|document} (JSON, csv or xlsx) and /exports/{deadlines|duties|place} (csv or xlsx downloads)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from vanban import queries as Q
from vanban.api.deps import StoreDep
from vanban.api.schemas import MAX_REF, ErrorBody
from vanban.queries import task_register as R
from vanban.queries.export_tables import report_sections, to_csv, to_xlsx
from vanban.text import fold

router = APIRouter(tags=["reports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
_FILES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}, "text/csv": {}, XLSX: {}},
          "description": "the report (json), or a download (csv, xlsx) with Content-Disposition"},
    404: {"model": ErrorBody, "description": "unknown reference"},
    409: {"model": ErrorBody, "description": "ambiguous reference: body lists the candidates"},
}
Fmt = Annotated[Literal["json", "csv", "xlsx"], Query(alias="format")]
FileFmt = Annotated[Literal["csv", "xlsx"], Query(alias="format")]
Ref = Annotated[str, Query(min_length=1, max_length=MAX_REF)]
From = Annotated[date | None, Query(alias="from", description="inclusive; the deadlines window rule")]
To = Annotated[date | None, Query(alias="to", description="inclusive")]
AsOf = Annotated[date | None, Query(description="overdue = due before this and not done (default today)")]


class Report(BaseModel):
    title: str
    sections: dict[str, list[dict[str, Any]]]


def download(sections: list[tuple[str, list[dict[str, Any]]]], fmt: str, name: str,
             title: str | None = None) -> Response:
    """Return a csv or xlsx attachment named after `name` (ASCII, folded)."""
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in fold(name))[:80] or "vanban"
    if fmt == "csv":
        body, media = to_csv(sections).encode("utf-8"), CSV
    else:
        body, media = to_xlsx(sections, title=title), XLSX
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'})


def _report(rep: dict[str, Any], fmt: str, name: str):
    if fmt == "json":
        return rep
    return download(report_sections(rep), fmt, name, rep["title"])


@router.get("/reports/unit", response_model=Report, summary="Task register of a unit", responses=_FILES)
def report_unit(store: StoreDep, agency: Ref, date_from: From = None, date_to: To = None, as_of: AsOf = None,
                fmt: Fmt = "json"):
    """Summary (tasks, due in the window, overdue, done), by role, and the unit's tasks with their state."""
    return _report(R.report_unit(store, agency, date_from, date_to, as_of), fmt, f"bao-cao-{agency}")


@router.get("/reports/province", response_model=Report, summary="Task register of a province", responses=_FILES)
def report_province(store: StoreDep, province: Ref, date_from: From = None, date_to: To = None,
                    as_of: AsOf = None, fmt: Fmt = "json"):
    """The province's documents: summary, one row per unit they assign work to, by role, tasks."""
    return _report(R.report_province(store, province, date_from, date_to, as_of), fmt, f"bao-cao-{province}")


@router.get("/reports/document", response_model=Report, summary="Task register of a document", responses=_FILES)
def report_document(store: StoreDep, document: Ref, date_from: From = None, date_to: To = None,
                    as_of: AsOf = None, fmt: Fmt = "json"):
    """A document's tasks, their agencies, next due date, overdue occurrences and state."""
    return _report(R.report_document(store, document, date_from, date_to, as_of), fmt, f"bao-cao-{document}")


_DL = {**_FILES, 200: {"content": {"text/csv": {}, XLSX: {}}, "description": "csv or xlsx download"}}


@router.get("/exports/deadlines", summary="Deadlines as csv or xlsx", response_class=Response, responses=_DL)
def export_deadlines(store: StoreDep, date_from: From = None, date_to: To = None, as_of: AsOf = None,
                     agency: Annotated[str | None, Query(max_length=200)] = None, fmt: FileFmt = "xlsx"):
    """The rows of GET /deadlines (same window rule) as a table an office can file."""
    start, end, today = Q.window(date_from, date_to, as_of)
    rows = Q.deadlines(store, start, end, agency=agency or None, as_of=today)
    return download([("deadlines", rows)], fmt, f"han-xu-ly-{start}-{end}")


@router.get("/exports/duties", summary="Duties of a unit as csv or xlsx", response_class=Response, responses=_DL)
def export_duties(store: StoreDep, agency: Ref, fmt: FileFmt = "xlsx"):
    """The rows of GET /agencies/{ref}/duties as a table."""
    return download([("duties", Q.duties(store, agency))], fmt, f"nhiem-vu-{agency}")


@router.get("/exports/place", summary="Profile of a place as csv or xlsx", response_class=Response, responses=_DL)
def export_place(store: StoreDep, place: Ref, fmt: FileFmt = "xlsx"):
    """The rows of GET /places/{ref} as a table."""
    return download([("place_profile", Q.place_profile(store, place))], fmt, f"dia-ban-{place}")
