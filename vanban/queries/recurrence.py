"""When a recurring duty ("trước ngày 15 hằng tháng") runs: from the document's date to the end its text gives.

A directive's "hằng tháng" does not run for ever, nor before the directive
existed. The rules (common practice of Vietnamese administrative documents):

- start: the issuing date; failing that, the date other documents give when
  they cite it ("Chỉ thị số 05/CT-UBND ngày 22 tháng 01 năm 2024"), the
  earliest of them; failing that, 1 January of the document's year (from its
  number, "53/2023/QĐ-UBND"). No date and no year: not expanded ("no date").
- end: what the text says — in the task ("đến hết năm 2025", "đến năm 2026",
  "giai đoạn 2021–2025"), else in the document's title (the programme year
  "… năm 2024", the period "… 2026 - 2028") — else 31 December of the year
  after the issuing year. An end before the start is not believed (the fallback is used).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from vanban.text import fold

#: A date written in the text (not a period): "ngày 23 tháng 7 năm 2025", "23/7/2025", "tháng 7 năm 2025".
_DATES = re.compile(r"(?:ngay\s+\d{1,2}\s+)?thang\s+\d{1,2}\s+nam\s+\d{4}|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d+/\d{4}/")
#: A period or year end: "đến hết năm 2025", "đến năm 2030", "giai đoạn 2021-2025", "năm 2024", "2026 - 2028".
_PERIOD = re.compile(r"(?:(?:den\s+(?:het\s+)?)?nam|giai\s+doan)\s+(\d{4})(?:\s*[-–—]\s*(\d{4}))?"
                     r"|(?<!\d)(\d{4})\s*[-–—]\s*(\d{4})(?!\d)")


@dataclass(frozen=True)
class Span:
    """The dates a recurring duty runs: start and end (inclusive) and where each came from."""

    start: date
    end: date
    start_basis: str  # "issued" | "cited" | "year"
    end_basis: str    # "task" | "title" | "issuing year + 1"


def end_year(text: str | None) -> int | None:
    """Return the last year of a period or year end written in `text` ("đến hết năm 2025" → 2025), or None.

    Dates of other documents written in the text ("ngày 23/7/2025", "53/2023/QĐ") are not periods.
    """
    if not text:
        return None
    f = _DATES.sub(" ", fold(text))
    years = []
    for m in _PERIOD.finditer(f):
        a, b, c, d = m.groups()
        y = int(b or a) if (a or b) else int(d or c)
        if 1900 <= y <= 2200:
            years.append(y)
    return max(years) if years else None


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def active_span(doc_date: str | None, doc_year: int | None, cited_dates: list[str] | None,
                task_text: str | None, title: str | None) -> Span | None:
    """Return the Span a recurring task of a document runs in, or None when the document has no known date or year.

    `cited_dates`: the dates citing documents give it (ISO strings; used when `doc_date` is unknown).
    """
    start, basis = _iso(doc_date), "issued"
    if start is None:
        known = sorted(d for d in (_iso(c) for c in cited_dates or ()) if d)
        start, basis = (known[0], "cited") if known else (None, "")
    if start is None and isinstance(doc_year, int) and 1 <= doc_year <= 9999:
        start, basis = date(doc_year, 1, 1), "year"
    if start is None:
        return None
    for text, end_basis in ((task_text, "task"), (title, "title")):
        y = end_year(text)
        if y is not None and y >= start.year:
            return Span(start, date(y, 12, 31), basis, end_basis)
    return Span(start, date(min(start.year + 1, 9999), 12, 31), basis, "issuing year + 1")
