"""Rows of duties / deadlines / place / reports as CSV or Excel (xlsx) tables an office can file.

A table is named ("deadlines", "duties", "place_profile", "summary", "by_role",
"tasks", "units"); its columns have Vietnamese headers; dates are real dates
in xlsx (shown dd/mm/yyyy) and ISO in csv; roles and states are written in
Vietnamese. One sheet per section, header row bold and frozen, autofilter.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any, Iterable, Sequence

from vanban.model import QueryError

#: Vietnamese names of roles and states (values not listed are written as they are).
WORDS = {
    "lead": "Chủ trì", "coordinate": "Phối hợp", "execute": "Thực hiện", "accountable": "Chịu trách nhiệm",
    "monitor": "Theo dõi, đôn đốc", "advise": "Tham mưu", "requested": "Đề nghị", "criticized": "Bị phê bình",
    "report": "Báo cáo", "todo": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành",
    "cancelled": "Hủy bỏ", "overdue": "Quá hạn", "due": "Trong hạn", "no date": "Chưa rõ ngày văn bản",
    "recurring": "Định kỳ", "target": "Chỉ tiêu", "task": "Nhiệm vụ", "criticism": "Phê bình",
    "document": "Văn bản", "moved": "đã chuyển vị trí", "text": "nội dung đã đổi", "agencies": "đơn vị đã đổi",
    "gone": "không còn trong văn bản",
}

#: (field, header, kind) per table; kind: "text" | "date" | "int" | "word" (translated) | "list".
COLUMNS: dict[str, Sequence[tuple[str, str, str]]] = {
    "deadlines": (
        ("due", "Hạn", "date"), ("status", "Tình trạng", "word"), ("task_status", "Trạng thái xử lý", "word"),
        ("days", "Số ngày còn lại", "int"), ("assigned", "Đơn vị được giao", "list"),
        ("doc_number", "Số văn bản", "text"), ("doc_date", "Ngày văn bản", "date"),
        ("clause", "Mục", "text"), ("action", "Nhiệm vụ", "text"), ("deadline_text", "Thời hạn (nguyên văn)", "text"),
        ("recurrence", "Định kỳ", "text"), ("runs_from", "Định kỳ từ", "date"), ("runs_to", "Định kỳ đến", "date"),
        ("task_key", "Mã nhiệm vụ", "text")),
    "duties": (
        ("agency", "Đơn vị", "text"), ("role", "Vai trò", "word"), ("action", "Nhiệm vụ", "text"),
        ("deadline_date", "Hạn", "date"), ("deadline_text", "Thời hạn (nguyên văn)", "text"),
        ("recurrence", "Định kỳ", "text"), ("doc_number", "Số văn bản", "text"),
        ("doc_date", "Ngày văn bản", "date"), ("clause", "Mục", "text"), ("doc_title", "Trích yếu", "text"),
        ("under", "Thực hiện theo", "list"), ("places", "Địa bàn", "list"), ("task_key", "Mã nhiệm vụ", "text")),
    "place_profile": (
        ("kind", "Loại", "word"), ("place", "Địa bàn", "text"), ("doc_number", "Số văn bản", "text"),
        ("clause", "Mục", "text"), ("text", "Nội dung", "text"), ("agency", "Đơn vị", "text"),
        ("role", "Vai trò", "word"), ("year", "Năm", "int"), ("deadline", "Thời hạn", "text"),
        ("doc_title", "Trích yếu", "text")),
    "summary": (
        ("agency", "Đơn vị", "text"), ("province", "Tỉnh", "text"), ("doc_number", "Số văn bản", "text"),
        ("documents", "Số văn bản", "int"), ("units", "Số đơn vị", "int"),
        ("from", "Từ ngày", "date"), ("to", "Đến ngày", "date"), ("as_of", "Tính đến ngày", "date"),
        ("tasks", "Số nhiệm vụ", "int"), ("todo", "Chưa thực hiện", "int"),
        ("in_progress", "Đang thực hiện", "int"), ("done", "Đã hoàn thành", "int"), ("cancelled", "Hủy bỏ", "int"),
        ("due", "Lượt đến hạn", "int"), ("overdue", "Lượt quá hạn", "int"),
        ("overdue_tasks", "Nhiệm vụ quá hạn", "int"), ("no_date", "Định kỳ chưa rõ ngày", "int")),
    "units": (
        ("agency", "Đơn vị", "text"), ("roles", "Vai trò", "list"), ("tasks", "Số nhiệm vụ", "int"),
        ("todo", "Chưa thực hiện", "int"), ("in_progress", "Đang thực hiện", "int"),
        ("done", "Đã hoàn thành", "int"), ("cancelled", "Hủy bỏ", "int"), ("due", "Lượt đến hạn", "int"),
        ("overdue", "Lượt quá hạn", "int"), ("overdue_tasks", "Nhiệm vụ quá hạn", "int")),
    "by_role": (
        ("role", "Vai trò", "word"), ("tasks", "Số nhiệm vụ", "int"), ("todo", "Chưa thực hiện", "int"),
        ("in_progress", "Đang thực hiện", "int"), ("done", "Đã hoàn thành", "int"), ("cancelled", "Hủy bỏ", "int"),
        ("due", "Lượt đến hạn", "int"), ("overdue", "Lượt quá hạn", "int"),
        ("overdue_tasks", "Nhiệm vụ quá hạn", "int")),
    "tasks": (
        ("next_due", "Hạn kế tiếp", "date"), ("status", "Trạng thái xử lý", "word"),
        ("status_at", "Cập nhật lúc", "text"), ("note", "Ghi chú", "text"), ("by", "Người cập nhật", "text"),
        ("overdue", "Lượt quá hạn", "int"), ("agencies", "Đơn vị (vai trò)", "list"),
        ("doc_number", "Số văn bản", "text"), ("doc_date", "Ngày văn bản", "date"), ("clause", "Mục", "text"),
        ("action", "Nhiệm vụ", "text"), ("deadline_text", "Thời hạn (nguyên văn)", "text"),
        ("changed", "Thay đổi", "word"), ("task_key", "Mã nhiệm vụ", "text")),
}

#: Sheet titles of the sections (Excel allows 31 characters).
SHEETS = {"deadlines": "Hạn xử lý", "duties": "Nhiệm vụ", "place_profile": "Địa bàn", "summary": "Tổng hợp",
          "units": "Theo đơn vị", "by_role": "Theo vai trò", "tasks": "Nhiệm vụ"}


def _columns(table: str, rows: list[dict[str, Any]]) -> Sequence[tuple[str, str, str]]:
    if table not in COLUMNS:
        raise QueryError(f"no export layout for {table!r}")
    cols = COLUMNS[table]
    if table == "summary":  # the head fields of the report at hand only
        cols = [c for c in cols if c[0] not in ("agency", "province", "doc_number", "documents", "units")
                or any(c[0] in r for r in rows)]
    return cols


def _value(v: Any, kind: str, excel: bool) -> Any:
    if v is None or v == "" or v == []:
        return None
    if kind == "date":
        try:
            d = date.fromisoformat(str(v)[:10])
        except ValueError:
            return str(v)
        return d if excel else d.isoformat()
    if kind == "word":
        return WORDS.get(str(v), str(v))
    if kind == "list":
        if not isinstance(v, list):
            return str(v)
        parts = []
        for x in v:
            if isinstance(x, dict):  # {agency, role}
                parts.append(f"{x.get('agency')} ({WORDS.get(x.get('role'), x.get('role'))})" if x.get("role")
                             else " ".join(str(y) for y in x.values() if y))
            else:
                parts.append(WORDS.get(str(x), str(x)))
        return "; ".join(parts)
    if kind == "int":
        return v if isinstance(v, int) else (1 if v is True else 0 if v is False else v)
    return v


def table_rows(table: str, rows: list[dict[str, Any]], excel: bool = False) -> tuple[list[str], list[list[Any]]]:
    """Return (headers, rows of cell values) of `rows` in the layout `table`. Raises QueryError for an unknown table."""
    cols = _columns(table, rows)
    return [h for _, h, _ in cols], [[_value(r.get(f), k, excel) for f, _, k in cols] for r in rows]


def to_csv(sections: Iterable[tuple[str, list[dict[str, Any]]]]) -> str:
    """Return CSV text (UTF-8 with BOM, so that Excel reads the diacritics) of one or more sections.

    Several sections are written one after the other, each introduced by a
    line with its sheet title and separated by an empty line.
    """
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n")
    parts = list(sections)
    for i, (table, rows) in enumerate(parts):
        if len(parts) > 1:
            if i:
                w.writerow([])
            w.writerow([f"# {SHEETS.get(table, table)}"])
        head, body = table_rows(table, rows)
        w.writerow(head)
        w.writerows(body)
    return buf.getvalue()


def to_xlsx(sections: Iterable[tuple[str, list[dict[str, Any]]]], title: str | None = None) -> bytes:
    """Return an xlsx workbook: one sheet per section (headers bold, frozen, autofilter; dates as dates)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for table, rows in sections:
        name = SHEETS.get(table, table)[:31]
        while name in used:
            name = (name[:28] + f" {len(used)}")[:31]
        used.add(name)
        ws = wb.create_sheet(name)
        head, body = table_rows(table, rows, excel=True)
        ws.append(head)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        kinds = [k for _, _, k in _columns(table, rows)]
        for r in body:
            ws.append(r)
        for j, kind in enumerate(kinds, start=1):
            letter = get_column_letter(j)
            width = max([len(str(head[j - 1]))] + [min(len(str(r[j - 1] or "")), 60) for r in body[:200]])
            ws.column_dimensions[letter].width = min(max(width + 2, 10), 62)
            if kind == "date":
                for row in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    row[0].number_format = "DD/MM/YYYY"
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(head))}{len(body) + 1}"
    if title:
        wb.properties.title = title
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def report_sections(report: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Return the (table, rows) sections of a task-register report (vanban.queries.task_register)."""
    return list(report["sections"].items())
