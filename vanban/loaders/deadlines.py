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
from typing import NamedTuple

from vanban.loaders.who_text import Prefilter, lower_same_length

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


class Deadline(NamedTuple):
    """A normalised deadline, its printed text and where it is (a named tuple: cheap to build)."""

    value: str
    text: str
    start: int
    end: int


_S = r"\s+"
_LEAD = r"(?:(?:hoàn\s+thành|xong)\s+)?"
_HANG = r"(?:hằng|hàng)"
_PERIOD_CUE = r"(?:trong|đến\s+hết|hết|trước|cuối|ngay\s+trong|vào)"
# Each pattern is (kind, prefix, core): the core starts with a fixed word, so scanning is fast; the
# prefix (a regex ending at the core, or None) is looked for in the 60 characters before it.
# Patterns run on the lower-cased text; a prefix marked required must be present.
_PATTERNS: list[tuple[str, re.Pattern | None, bool, re.Pattern]] = [
    ("monthly_day", None, False, re.compile(
        rf"(?:trước|chậm\s+nhất|đến)\s+ngày{_S}(?P<d>\d{{1,2}}){_S}{_HANG}{_S}tháng")),
    ("date", re.compile(rf"{_LEAD}$"), False, re.compile(
        rf"(?:trước|chậm\s+nhất(?:\s+là)?|đến\s+hết|đến|hạn\s+chót|xong\s+trước|trong)"
        rf"(?:{_S}ngày)?{_S}(?P<d>\d{{1,2}})(?:{_S}tháng{_S}|/)(?P<m>\d{{1,2}})(?:{_S}năm{_S}|/)(?P<y>\d{{4}})")),
    ("quarter", re.compile(rf"{_LEAD}{_PERIOD_CUE}\s+$"), False, re.compile(
        rf"quý{_S}(?P<q>iv|i{{1,3}}|[1-4])(?:{_S}năm{_S}|/)(?P<y>\d{{4}})")),
    ("month", re.compile(rf"{_LEAD}$"), False, re.compile(
        rf"{_PERIOD_CUE}\s+tháng{_S}(?P<m>\d{{1,2}})(?:{_S}năm{_S}|/)(?P<y>\d{{4}})")),
    ("monthly", re.compile(r"định\s+kỳ\s+$"), False, re.compile(rf"{_HANG}{_S}tháng")),
    ("quarterly", re.compile(r"định\s+kỳ\s+$"), False, re.compile(rf"{_HANG}{_S}quý")),
    ("year", re.compile(
        r"(?:(?:hoàn\s+thành|phấn\s+đấu|đạt\s+chuẩn)\s+)?(?:còn\s+lại\s+của|ngay\s+trong|trong|đến\s+hết|"
        r"đến\s+cuối|vào\s+cuối|cuối|vào|hết|đến|trước)\s+$"), True,
        re.compile(rf"năm{_S}(?P<y>\d{{4}})(?!\s*[-–]\s*\d)")),
    ("year_head", re.compile(r"(?:^|[.;:]\s+)$"), True, re.compile(rf"năm{_S}(?P<y>\d{{4}})(?!\s*[-–]\s*\d)")),
    ("after", None, False, re.compile(r"ngay\s+sau\s+khi\s+[^,;.:()]{3,60}")),
]
_PRIORITY = {name: i for i, (name, *_) in enumerate(_PATTERNS)}
# Words one of which every non-empty match of a kind's prefix holds: without them in the 60 characters
# before the core, the prefix (searched for there) can only match "" or not at all.
_PREFIX_WORDS = {
    "date": ("hoàn", "xong"), "month": ("hoàn", "xong"),
    "quarter": ("trong", "hết", "trước", "cuối", "vào"),
    "monthly": ("định",), "quarterly": ("định",),
    "year": ("của", "trong", "hết", "cuối", "vào", "đến", "trước"),
}
_HORIZON = re.compile(r"tính\s+đến\s+$")
# The first words of the cores that do not start with one fixed word (those are found fast anyway).
_STARTS = {
    "monthly_day": ("trước", "chậm", "đến"),
    "date": ("trước", "chậm", "đến", "hạn", "xong", "trong"),
    "month": ("trong", "đến", "hết", "trước", "cuối", "ngay", "vào"),
    "monthly": ("hằng", "hàng"),
    "quarterly": ("hằng", "hàng"),
}
_SCANS = {kind: Prefilter(core, _STARTS[kind], lowered=True) if kind in _STARTS else core
          for kind, _, _, core in _PATTERNS}


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
        return " ".join(m.group().split())
    return None


def find_deadlines(text: str, start: int = 0, end: int | None = None,
                   exclude: tuple[tuple[int, int], ...] = ()) -> list[Deadline]:
    """Return every deadline phrase in text[start:end], in text order, overlaps resolved.

    `exclude` are spans (e.g. citation mentions) in which no deadline may start.
    """
    end = len(text) if end is None else end
    low = lower_same_length(text)  # cached: callers ask about many ranges of one text
    found: list[tuple[int, Deadline]] = []
    for kind, prefix, required, core in _PATTERNS:
        for m in _SCANS[kind].finditer(low, start, end):
            s = m.start()
            if prefix is not None:
                w0 = max(start, s - 60)
                words = _PREFIX_WORDS.get(kind)
                window = low[w0:s] if words is not None else ""
                if words is not None and not any(w in window for w in words):
                    if required:
                        continue  # prefix.search would find nothing there (or only "", and s would stay)
                else:
                    pm = prefix.search(low, w0, s)
                    if pm and pm.end() == s:
                        s = pm.start() if kind != "year_head" else s
                    elif required:
                        continue
            if kind == "year" and _HORIZON.search(low[max(start, m.start() - 20):m.start()]):
                continue  # "giai đoạn 2016-2020, có tính đến năm 2025": a horizon, not a deadline
            if kind == "year_head" and not text[m.start()].isupper():
                continue  # "Năm 2024 phấn đấu …" opens a sentence
            if any(a <= s < b for a, b in exclude):
                continue
            v = _value(kind, m) if kind != "after" else " ".join(text[m.start():m.end()].split())
            if v:
                found.append((_PRIORITY[kind], Deadline(v, " ".join(text[s:m.end()].split()), s, m.end())))
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


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def most_specific(ds: list[Deadline]) -> Deadline | None:
    """Return the most specific of `ds` (a day before a period before a recurrence before a year), or None."""
    if not ds:
        return None
    order = {"monthly:": 0, "quarter:": 2, "month:": 2, "monthly": 3, "quarterly": 3, "year:": 4}

    def rank(d: Deadline) -> int:
        if _ISO_DATE.fullmatch(d.value):
            return 1
        for p, r in order.items():
            if d.value.startswith(p):
                return r
        return 5
    return min(ds, key=lambda d: (rank(d), d.start))
