"""Deadlines: "by when" phrases → normalised values, keeping the printed text.

Values (the gold convention):
  YYYY-MM-DD       "hoàn thành trước ngày 10 tháng 10 năm 2024", "trước ngày 10/10/2024"
  monthly:DD       "trước ngày 15 hằng tháng"
  monthly          "Hằng tháng", "định kỳ hàng tháng"
  quarterly        "hằng quý"
  quarter:YYYY-Qn  "trong Quý I năm 2024", "đến hết quý II năm 2024"
  month:YYYY-MM    "trong tháng 7 năm 2019"
  year:YYYY        "năm 2024" after a time word ("trong", "đến hết", "cuối", "vào"…)
  free text        "ngay sau khi được Quốc hội thông qua"
A date needs a deadline word before it ("trước", "chậm nhất", "đến"), so the
dates of cited documents ("… ngày 10 tháng 9 năm 2024 của …") are not deadlines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True, slots=True)
class Deadline:
    """A normalised deadline, its printed text and where it is."""

    value: str
    text: str
    start: int
    end: int


_S = r"\s+"
_LEAD = r"(?:(?i:hoàn\s+thành|xong|báo\s+cáo)\s+)?"
_HANG = r"(?i:hằng|hàng)"
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("monthly_day", re.compile(
        rf"(?i:trước|chậm\s+nhất|đến)\s+(?i:ngày){_S}(?P<d>\d{{1,2}}){_S}{_HANG}{_S}(?i:tháng)")),
    ("date", re.compile(
        rf"{_LEAD}(?i:trước|chậm\s+nhất(?:\s+là)?|đến\s+hết|đến|hạn\s+chót|xong\s+trước|trong)"
        rf"(?:{_S}(?i:ngày))?{_S}(?P<d>\d{{1,2}})(?:{_S}(?i:tháng){_S}|/)(?P<m>\d{{1,2}})"
        rf"(?:{_S}(?i:năm){_S}|/)(?P<y>\d{{4}})")),
    ("quarter", re.compile(
        rf"{_LEAD}(?i:trong|đến\s+hết|hết|trước|cuối|ngay\s+trong|vào)?\s*(?i:quý){_S}"
        rf"(?P<q>IV|I{{1,3}}|[1-4])(?:{_S}(?i:năm){_S}|/)(?P<y>\d{{4}})")),
    ("month", re.compile(
        rf"{_LEAD}(?i:trong|đến\s+hết|hết|trước|cuối|ngay\s+trong|vào)\s+(?i:tháng){_S}"
        rf"(?P<m>\d{{1,2}})(?:{_S}(?i:năm){_S}|/)(?P<y>\d{{4}})")),
    ("monthly", re.compile(rf"(?:(?i:định\s+kỳ)\s+)?{_HANG}{_S}(?i:tháng)")),
    ("quarterly", re.compile(rf"(?:(?i:định\s+kỳ)\s+)?{_HANG}{_S}(?i:quý)")),
    ("year", re.compile(
        rf"(?:(?i:hoàn\s+thành|phấn\s+đấu|đạt\s+chuẩn)\s+)?(?:(?i:còn\s+lại\s+của|ngay\s+trong|trong|đến\s+hết|"
        rf"đến\s+cuối|cuối|vào\s+cuối|vào|hết|đến|trước)\s+)(?i:năm){_S}(?P<y>\d{{4}})(?!\s*[-–]\s*\d)")),
    ("year_head", re.compile(rf"(?:^|(?<=[.;:]\s))(?:Năm|NĂM){_S}(?P<y>\d{{4}})(?!\s*[-–]\s*\d)")),
    ("after", re.compile(r"(?i:ngay\s+sau\s+khi)\s+[^,;.:()]{3,60}")),
]
_PRIORITY = {name: i for i, (name, _) in enumerate(_PATTERNS)}


def _value(kind: str, m: re.Match) -> str | None:
    g = m.groupdict()
    if kind == "monthly_day":
        return f"monthly:{int(g['d'])}"
    if kind == "date":
        d, mo, y = int(g["d"]), int(g["m"]), int(g["y"])
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            return None
        return f"{y:04d}-{mo:02d}-{d:02d}"
    if kind == "quarter":
        return f"quarter:{g['y']}-Q{ROMAN[g['q'].lower()]}"
    if kind == "month":
        mo = int(g["m"])
        return f"month:{g['y']}-{mo:02d}" if 1 <= mo <= 12 else None
    if kind in ("monthly", "quarterly"):
        return kind
    if kind in ("year", "year_head"):
        return f"year:{g['y']}"
    if kind == "after":
        return re.sub(r"\s+", " ", m.group()).strip()
    return None


def find_deadlines(text: str, start: int = 0, end: int | None = None,
                   exclude: tuple[tuple[int, int], ...] = ()) -> list[Deadline]:
    """Return every deadline phrase in text[start:end], in text order, overlaps resolved.

    `exclude` are spans (e.g. citation mentions) in which no deadline may start.
    """
    end = len(text) if end is None else end
    found: list[tuple[int, Deadline]] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text, start, end):
            if any(a <= m.start() < b for a, b in exclude):
                continue
            v = _value(kind, m)
            if v:
                found.append((_PRIORITY[kind], Deadline(v, re.sub(r"\s+", " ", m.group()).strip(), m.start(), m.end())))
    found.sort(key=lambda x: (x[0], x[1].start))
    taken: list[Deadline] = []
    for _, d in found:
        if all(d.end <= t.start or d.start >= t.end for t in taken):
            taken.append(d)
    return sorted(taken, key=lambda d: d.start)


def first_deadline(text: str, start: int = 0, end: int | None = None,
                   exclude: tuple[tuple[int, int], ...] = ()) -> Deadline | None:
    """Return the most specific deadline of text[start:end] (a day before a period before a year), or None."""
    return most_specific(find_deadlines(text, start, end, exclude))


def most_specific(ds: list[Deadline]) -> Deadline | None:
    """Return the most specific of `ds` (a day before a period before a recurrence before a year), or None."""
    if not ds:
        return None
    order = {"monthly:": 0, "quarter:": 2, "month:": 2, "monthly": 3, "quarterly": 3, "year:": 4}

    def rank(d: Deadline) -> int:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.value):
            return 1
        for p, r in order.items():
            if d.value.startswith(p):
                return r
        return 5
    return min(ds, key=lambda d: (rank(d), d.start))
