"""Deadlines: "by when" phrases → normalised values, keeping the printed text.

A deadline is a time by which the named actor must act. Values (the gold convention):
  YYYY-MM-DD       "hoàn thành trước ngày 10 tháng 10 năm 2024", "Trước ngày 31/5/2026", "Trước 30/11/2025"
  yearly:MM-DD     "hằng năm (trước ngày 15 tháng 11)", "trước ngày 15/11 hằng năm"
  monthly:DD       "trước ngày 15 hằng tháng"
  monthly, quarterly, yearly   "Hằng tháng, …", "định kỳ hằng quý", a "Hằng năm" cell
  quarter:YYYY-Qn  "trong Quý I năm 2024", "đến hết quý II năm 2024", "Quý IV/2025"
  month:YYYY-MM    "trong tháng 7 năm 2019", "Tháng 12/2025", "Tháng 11 - 12/2025" (a window: its end)
  year:YYYY        "năm 2024" after a time word ("trong", "đến hết", "cuối", "vào"…), "Năm 2026" opening a part
  None             printed timing that names no due date: "Thường xuyên", "Định kỳ", "Khi có phát sinh",
                   "Năm 2025 - 2026", "… và các năm tiếp theo", "Từ tháng 11/2025 đến khi …", "Theo kế hoạch …",
                   "ngay sau khi được Quốc hội thông qua" (an event, not a date)
                   (kept as text: the Deadline has value None)
Not deadlines:
  * a date without a deadline word before it: the dates of cited documents ("… ngày 10 tháng 9 năm 2024 của …");
  * a horizon: "đến năm 2030", "tầm nhìn đến năm 2050" (bare "đến năm": a target's year, not a due date);
  * a time before the document's own date ("Trong năm 2023, …" in a 2024 directive): what was done;
  * "Năm 2024 là năm …": a statement about the year;
  * a time inside quotation marks: part of a name ("“Chung tay xóa nhà tạm … đến hết năm 2025”").
A labelled time ("Thời gian thực hiện: Quý IV/2025", "Thời hạn hoàn thành: Thường xuyên") is read whole
by `parse_time`, which also reads a table cell's text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import NamedTuple

from vanban.loaders.extract.who_text import Prefilter, lower_same_length

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


class Deadline(NamedTuple):
    """A normalised deadline, its printed text and where it is (a named tuple: cheap to build).

    `value` is None for a printed timing that names no due date ("Thường xuyên")."""

    value: str | None
    text: str
    start: int
    end: int


_S = r"\s+"
_LEAD = r"(?:(?:hoàn\s+thành|xong)\s+)?"
_HANG = r"(?:hằng|hàng)"
_PERIOD_CUE = r"(?:trong|đến\s+hết|hết|trước|cuối|ngay\s+trong|vào)"
# "… và các năm tiếp theo": an open period, no due date
_OPEN = r"\s+và\s+(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau)"
# "Thời gian thực hiện: …", "Thời hạn hoàn thành: …", "Tiến độ: …": the rest of the line is the task's time
_LABEL = re.compile(r"(?:thời\s+gian|thời\s+hạn|tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành|triển\s+khai|báo\s+cáo))?"
                    r"[\s*_]*:[\s*_]*(?P<v>[^\n|;]{2,160}(?:\n(?![ \t]*(?:[-+•*]|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)|\n))[^\n|;]{1,160})*)")
# (the value runs on over a wrapped line, not into the next item, a blank line or a table cell)
# Each pattern is (kind, prefix, core): the core starts with a fixed word, so scanning is fast; the
# prefix (a regex ending at the core, or None) is looked for in the 60 characters before it.
# Patterns run on the lower-cased text; a prefix marked required must be present.
_PATTERNS: list[tuple[str, re.Pattern | None, bool, re.Pattern]] = [
    ("monthly_day", None, False, re.compile(
        rf"(?:trước|chậm\s+nhất|đến)\s+ngày{_S}(?P<d>\d{{1,2}}){_S}{_HANG}{_S}tháng")),
    # "hằng năm (trước ngày 15 tháng 11)" / "trước ngày 15/11 hằng năm": a day of the year, no year printed
    ("yearly_day", None, False, re.compile(
        rf"{_HANG}{_S}năm[\s,(]*(?:trước|chậm\s+nhất(?:\s+là)?|đến)(?:{_S}ngày)?{_S}(?P<d>\d{{1,2}})"
        rf"(?:{_S}tháng{_S}|/)(?P<m>\d{{1,2}})(?!\d|\s*/\s*\d|{_S}năm{_S}\d)")),
    ("day_yearly", None, False, re.compile(
        rf"(?:trước|chậm\s+nhất(?:\s+là)?)(?:{_S}ngày)?{_S}(?P<d>\d{{1,2}})(?:{_S}tháng{_S}|/)(?P<m>\d{{1,2}})"
        rf"{_S}{_HANG}{_S}năm")),
    ("date", re.compile(rf"{_LEAD}$"), False, re.compile(
        rf"(?:trước|chậm\s+nhất(?:\s+là)?|đến\s+hết|đến|hạn\s+chót|xong\s+trước|trong)"
        rf"(?:{_S}ngày)?{_S}(?P<d>\d{{1,2}})(?:{_S}tháng{_S}|/)(?P<m>\d{{1,2}})(?:{_S}năm{_S}|/)(?P<y>\d{{4}})")),
    ("quarter", re.compile(rf"{_LEAD}{_PERIOD_CUE}\s+$"), False, re.compile(
        rf"quý{_S}(?P<q>iv|i{{1,3}}|[1-4])(?:{_S}năm{_S}|/)(?P<y>\d{{4}})(?P<open>{_OPEN})?")),
    ("month", re.compile(rf"{_LEAD}$"), False, re.compile(
        rf"{_PERIOD_CUE}\s+tháng{_S}(?:\d{{1,2}}\s*[-–]\s*)?(?P<m>\d{{1,2}})(?:{_S}năm{_S}|/)(?P<y>\d{{4}})")),
    # "Tháng 12/2025", "Tháng 11 - 12/2025" opening a part (a task block's or a table's time)
    ("month_head", None, False, re.compile(
        rf"tháng{_S}(?:\d{{1,2}}\s*[-–]\s*)?(?P<m>\d{{1,2}})(?:{_S}năm{_S}|/)(?P<y>\d{{4}})(?P<open>{_OPEN})?")),
    ("monthly", re.compile(r"định\s+kỳ\s+$"), False, re.compile(rf"{_HANG}{_S}tháng")),
    ("quarterly", re.compile(r"định\s+kỳ\s+$"), False, re.compile(rf"{_HANG}{_S}quý")),
    ("yearly", re.compile(r"định\s+kỳ\s+$"), False, re.compile(rf"{_HANG}{_S}năm(?!{_S}\d)")),
    ("year", re.compile(
        r"(?:(?:hoàn\s+thành|phấn\s+đấu|đạt\s+chuẩn|mục\s+tiêu)\s+)?(?:còn\s+lại\s+của|ngay\s+trong|trong|"
        r"đến\s+hết|đến\s+cuối|vào\s+cuối|cuối|vào|hết|trước|mục\s+tiêu)\s+$"), True,
        re.compile(rf"năm{_S}(?P<y>\d{{4}})(?!\s*[-–]\s*\d)(?P<open>{_OPEN})?")),
    ("year_head", re.compile(r"(?:^|[.;:]\s+)$"), True,
     re.compile(rf"năm{_S}(?P<y>\d{{4}})(?!\s*[-–]\s*\d)(?P<open>{_OPEN})?(?!{_S}là{_S})")),
    ("after", None, False, re.compile(r"ngay\s+sau\s+khi\s+[^,;.:()]{3,60}")),
    ("label", None, False, _LABEL),
]
_PRIORITY = {name: i for i, (name, *_) in enumerate(_PATTERNS)}
# Words one of which every non-empty match of a kind's prefix holds: without them in the 60 characters
# before the core, the prefix (searched for there) can only match "" or not at all.
_PREFIX_WORDS = {
    "date": ("hoàn", "xong"), "month": ("hoàn", "xong"),
    "quarter": ("trong", "hết", "trước", "cuối", "vào"),
    "monthly": ("định",), "quarterly": ("định",), "yearly": ("định",),
    "year": ("của", "trong", "hết", "cuối", "vào", "trước", "tiêu"),
}
# The first words of the cores that do not start with one fixed word (those are found fast anyway).
_STARTS = {
    "monthly_day": ("trước", "chậm", "đến"),
    "date": ("trước", "chậm", "đến", "hạn", "xong", "trong"),
    "month": ("trong", "đến", "hết", "trước", "cuối", "ngay", "vào"),
    "monthly": ("hằng", "hàng"),
    "quarterly": ("hằng", "hàng"),
    "yearly": ("hằng", "hàng"),
    "yearly_day": ("hằng", "hàng"),
    "day_yearly": ("trước", "chậm"),
    "label": ("thời", "tiến"),
}
_SCANS = {kind: Prefilter(core, _STARTS[kind], lowered=True) if kind in _STARTS else core
          for kind, _, _, core in _PATTERNS}


def _value(kind: str, m: re.Match) -> str | None:
    """The normalised value of a match of `kind`; None when the numbers are not a date or the period is open."""
    g = m.groupdict()
    if g.get("open"):
        return None  # "Năm 2026 và các năm tiếp theo": an open period
    if kind == "monthly_day":
        d = int(g["d"])
        return f"monthly:{d}" if 1 <= d <= 31 else None
    if kind in ("yearly_day", "day_yearly"):
        d, mo = int(g["d"]), int(g["m"])
        return f"yearly:{mo:02d}-{d:02d}" if 1 <= d <= 31 and 1 <= mo <= 12 else None
    if kind == "date":
        d, mo, y = int(g["d"]), int(g["m"]), int(g["y"])
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            return None
        return f"{y:04d}-{mo:02d}-{d:02d}"
    if kind == "quarter":
        return f"quarter:{g['y']}-Q{ROMAN[g['q'].lower()]}"
    if kind in ("month", "month_head"):
        mo = int(g["m"])
        return f"month:{g['y']}-{mo:02d}" if 1 <= mo <= 12 else None
    if kind in ("monthly", "quarterly", "yearly"):
        return kind
    if kind in ("year", "year_head"):
        return f"year:{g['y']}"
    return None


# A part opens at the text's start, after a line break, a sentence/clause mark, a table pipe, a bracket,
# a list dash, or "Thường xuyên," (a cell's "Thường xuyên, định kỳ hằng quý …").
_PART_OPEN = re.compile(r"(?:^|[\n.;:|(]|^\s*[-+–]|\n\s*[-+–*]|thường\s+xuyên\s*,)[\s*_]*$")
_RECURRENCE = ("monthly", "quarterly", "yearly")
_NEED_PART_OPEN = ("month_head", "year_head")
_PAST_WINDOW = 40
# The place-and-date line of the header (Nghị định 30/2020/NĐ-CP: "Kon Tum, ngày 10 tháng 9 năm 2024"): a
# capitalised place name, a comma, the date; and the date of a cited document ("… số 05/CT-UBND ngày …").
# (Each is found from its literal start, ", ngày" / "ngày", and checked backwards: a scan is then fast.)
_HEADER_DATE = re.compile(r",\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_PLACE_BEFORE = re.compile(r"(?:^|\s\s|\||\n)[\s*_]*[A-ZĐ][^\W\d_]*(?:[ \t]+[A-ZĐ][^\W\d_]*|[-’'][^\W\d_]+){0,4}[ \t]*$")
_DATE_AFTER_NUMBER = re.compile(r"ngày\s+(\d{1,2})(?:\s+tháng\s+|/)(\d{1,2})(?:\s+năm\s+|/)(\d{4})")
_NUMBER_BEFORE = re.compile(r"\d/[\w./\-]*[A-ZĐ][\w./\-]*\s+$")
_doc_dates: dict[int, tuple[str, tuple[int, int, int] | None]] = {}


def document_date(text: str) -> tuple[int, int, int] | None:
    """The earliest date the document can bear, as (year, month, day): its place-and-date line, or, later
    than that or when the header leaves the date blank, the latest date of a document it cites (a document
    is issued after those it cites). None when neither is printed. Cached per text."""
    hit = _doc_dates.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    dates = []
    for m in _HEADER_DATE.finditer(text, 0, 6000):
        if _PLACE_BEFORE.search(text, max(0, m.start() - 50), m.start()):
            dates.append((int(m.group(3)), int(m.group(2)), int(m.group(1))))
            break
    dates += [(int(c.group(3)), int(c.group(2)), int(c.group(1))) for c in _DATE_AFTER_NUMBER.finditer(text)
              if _NUMBER_BEFORE.search(text, max(0, c.start() - 40), c.start())]
    v = max((d for d in dates if 1 <= d[1] <= 12 and 1 <= d[2] <= 31), default=None)
    if len(_doc_dates) > 8:
        _doc_dates.clear()
    _doc_dates[id(text)] = (text, v)
    return v


def _before(value: str, doc: tuple[int, int, int]) -> bool:
    """True when the period `value` ends before the document's date: it tells what was done, not what is due."""
    y0, m0, d0 = doc
    if value.startswith("year:"):
        return int(value[5:]) < y0
    if value.startswith("month:"):
        return (int(value[6:10]), int(value[11:13])) < (y0, m0)
    if value.startswith("quarter:"):
        return (int(value[8:12]), int(value[-1]) * 3) < (y0, m0)
    if _ISO_DATE.fullmatch(value):
        return (int(value[:4]), int(value[5:7]), int(value[8:10])) < doc
    return False


_PAST_BEFORE = re.compile(r"(?:^|\s)(?:đã|chưa)\s+(?:\S+\s+){0,2}$")
_PAST_AFTER = re.compile(r"\s*,[^.;\n]{0,60}?\sđã\s")  # a fronted time: "Trong năm 2023, … đã …"


def _told_as_past(low: str, s: int, e: int, end: int) -> bool:
    """True when the year is told in the perfective: "đã/chưa hoàn thành trong năm 2023", "Trong năm 2023,
    … đã thực hiện" (đã marks what was done; a due date is of what is to be done)."""
    return bool(_PAST_BEFORE.search(low, max(0, s - 30), s) or _PAST_AFTER.match(low, e, min(end, e + 90)))


def _in_quotes(low: str, start: int, s: int) -> bool:
    """True when offset s is inside a quotation “…” opened in the 200 characters before it."""
    w0 = max(start, s - 200)
    o = low.rfind("“", w0, s)
    return o >= 0 and low.find("”", o, s) < 0


def find_deadlines(text: str, start: int = 0, end: int | None = None,
                   exclude: tuple[tuple[int, int], ...] = (),
                   doc_date: tuple[int, int, int] | None = None) -> list[Deadline]:
    """Return every deadline phrase in text[start:end], in text order, overlaps resolved.

    `exclude` are spans (e.g. citation mentions) in which no deadline may start. A time before
    `doc_date` (year, month, day; default: the date printed in the text's header) is not a deadline.
    Deadlines with value None are printed timings naming no due date ("Thời gian thực hiện: Thường xuyên").
    """
    end = len(text) if end is None else end
    low = lower_same_length(text)  # cached: callers ask about many ranges of one text
    doc = doc_date if doc_date is not None else document_date(text)
    found: list[tuple[int, Deadline]] = []
    for kind, prefix, required, core in _PATTERNS:
        for m in _SCANS[kind].finditer(low, start, end):
            s = m.start()
            has_prefix = False
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
                        has_prefix = pm.start() < s
                        s = pm.start() if kind != "year_head" else s
                    elif required:
                        continue
            if kind in _RECURRENCE and not has_prefix and not _PART_OPEN.search(low, max(start, s - 30), s):
                continue  # "theo tiến độ hàng tháng": a manner, not a recurring due date
            if kind in _NEED_PART_OPEN and not _PART_OPEN.search(low, max(start, s - 30), s):
                continue
            if kind == "year_head" and not text[m.start()].isupper():
                continue  # "Năm 2024 phấn đấu …" opens a sentence
            if any(a <= s < b for a, b in exclude):
                continue
            if kind != "label" and _in_quotes(low, start, s):
                continue  # a campaign's or a plan's name
            if kind == "label":
                d = parse_time(text[m.start("v"):m.end("v")], doc_date=doc)
                if d is None:
                    continue
                found.append((_PRIORITY[kind], Deadline(d.value, d.text, m.start("v") + d.start,
                                                        m.start("v") + d.end)))
                continue
            v = _value(kind, m)
            if v is None and not m.groupdict().get("open") and kind != "after":
                continue
            if v is not None and doc is not None and _before(v, doc):
                continue  # "Trong năm 2023, …" in a 2024 document: what was done
            if kind in ("year", "year_head") and _told_as_past(low, s, m.end(), end):
                continue
            found.append((_PRIORITY[kind], Deadline(v, " ".join(text[s:m.end()].split()), s, m.end())))
    found.sort(key=lambda x: (x[0] if x[1].value is not None or x[0] == _PRIORITY["label"] else 99, x[1].start))
    taken: list[Deadline] = []
    for _, d in found:
        if all(d.end <= t.start or d.start >= t.end for t in taken):
            taken.append(d)
    return sorted(taken, key=lambda d: d.start)


# ------------------------------------------------------------------ a time cell or a labelled time

_CELL_MARKUP = re.compile(r"[*_`]+")
_POINTER = re.compile(r"theo\s+(?:kế\s+hoạch|tiến\s+độ|lộ\s+trình|yêu\s+cầu|hướng\s+dẫn|chỉ\s+đạo|quy\s+định)")
_YEAR_SPAN = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d(?!\d)")
_WINDOW_END = re.compile(r"đến\s+(?:hết\s+)?(?=ngày|tháng|quý|năm|\d)")
_CELL_FORMS: list[tuple[str, re.Pattern]] = [
    ("date", re.compile(rf"(?:ngày{_S})?(?P<d>\d{{1,2}})(?:{_S}tháng{_S}|/)(?P<m>\d{{1,2}})(?:{_S}năm{_S}|/)(?P<y>\d{{4}})")),
    ("quarter", re.compile(rf"quý{_S}(?P<q>iv|i{{1,3}}|[1-4])(?:{_S}năm{_S}|/)(?P<y>\d{{4}})(?P<open>{_OPEN})?")),
    ("month", re.compile(rf"tháng{_S}(?:\d{{1,2}}\s*[-–]\s*)?(?P<m>\d{{1,2}})(?:{_S}năm{_S}|/)(?P<y>\d{{4}})"
                         rf"(?P<open>{_OPEN})?")),
    ("year", re.compile(rf"(?:năm{_S})?(?<![\d/])(?P<y>(?:19|20)\d\d)(?!\s*[-–/]\s*\d)(?P<open>{_OPEN})?")),
]


def parse_time(cell: str, doc_date: tuple[int, int, int] | None = None) -> Deadline | None:
    """Read the time of a task printed alone: a table cell or what follows "Thời gian thực hiện:".

    Returns a Deadline whose offsets are within `cell` ("Quý IV/2025" → quarter:2025-Q4, "Tháng 11 -
    12/2025" → month:2025-12, "Từ ngày 01/01/2026 đến ngày 31/3/2026" → 2026-03-31, "Hằng năm" → yearly),
    one with value None for a timing that names no due date ("Thường xuyên", "2026-2030", "Từ 01/7/2025",
    "Theo kế hoạch …", "Khi có phát sinh"), or None when the cell is empty. Never raises.
    """
    a = len(cell) - len(cell.lstrip())
    b = len(cell.rstrip(" \t\n.;,"))
    if b <= a:
        return None
    raw = cell[a:b]
    text = " ".join(_CELL_MARKUP.sub(" ", raw).split())
    if not text:
        return None
    none = Deadline(None, text, a, b)
    # within the cell, the phrases of running text first ("hằng năm (trước ngày 15 tháng 11)", "trước ngày …")
    low = lower_same_length(text)
    if _POINTER.match(low):
        return none  # "Theo kế hoạch công tác tư pháp hàng năm": another plan's time
    w = _WINDOW_END.search(low)
    if low.startswith("từ") and not w:
        return none  # "Từ tháng 11/2025 đến khi kết thúc …", "Từ 01/7/2025": a start, no end
    if _YEAR_SPAN.search(low):
        return none  # "Năm 2025 - 2026", "2026-2030": a span of years
    inner = [d for d in find_deadlines(cell, a, b, doc_date=doc_date or (0, 0, 0)) if d.value is not None]
    if inner:
        return Deadline(most_specific(inner).value, text, a, b)
    tail = low[w.end():] if w else low
    for kind, pat in _CELL_FORMS:
        m = pat.search(tail)
        if m:
            v = _value(kind, m)
            if v is not None and doc_date is not None and _before(v, doc_date):
                v = None
            return Deadline(v, text, a, b)
    for kind in _RECURRENCE:
        if re.search(rf"{_HANG}{_S}{dict(monthly='tháng', quarterly='quý', yearly='năm')[kind]}", low):
            return Deadline(kind, text, a, b)
    return none


def first_deadline(text: str, start: int = 0, end: int | None = None,
                   exclude: tuple[tuple[int, int], ...] = ()) -> Deadline | None:
    """Return the most specific deadline of text[start:end] (a day before a period before a year), or None."""
    return most_specific(find_deadlines(text, start, end, exclude))


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def most_specific(ds: list[Deadline]) -> Deadline | None:
    """Return the most specific of `ds` (a day before a period before a recurrence before a year before a
    timing with no due date), or None."""
    if not ds:
        return None
    order = {"monthly:": 0, "yearly:": 0, "quarter:": 2, "month:": 2, "monthly": 3, "quarterly": 3, "yearly": 3,
             "year:": 4}

    def rank(d: Deadline) -> int:
        if d.value is None:
            return 6  # a printed timing naming no due date: only when there is nothing else
        if _ISO_DATE.fullmatch(d.value):
            return 1
        for p, r in order.items():
            if d.value.startswith(p):
                return r
        return 5
    return min(ds, key=lambda d: (rank(d), d.start))


_PART_END = re.compile(r";|\.(?=\s)|:(?=\s*\n)")


def deadlines_by_part(text: str, deadlines: list[Deadline], a: int, b: int,
                      actor_starts: list[int]) -> Callable[[int | None], Deadline | None]:
    """Return a function giving the deadline of the actors named at an offset of the clause text[a:b].

    A clause's sentence parts (cut at ";" and ".") each bind their own deadline: in "huyện A hoàn thành
    vào cuối năm 2024; đồng thời các huyện B, C … đạt chuẩn vào năm 2025" A's is 2024 and B's and C's
    2025. An actor gets the most specific deadline of its own part; when its part has none, the most
    specific one of the parts that name no actor ("Thời gian thực hiện: Quý IV/2025" under a task);
    otherwise None (another actor's deadline is not its own). Given None (an actor inherited from a
    heading), the function returns the clause's most specific deadline.
    """
    if not deadlines:
        return lambda off: None
    cuts = [a] + [m.end() for m in _PART_END.finditer(text, a, b)] + [b]
    parts = list(zip(cuts, cuts[1:]))

    def part_of(off: int) -> int:
        return max(0, bisect.bisect_right(cuts, off) - 1)

    named = {part_of(s) for s in actor_starts}
    free = most_specific([d for d in deadlines if part_of(d.start) not in named])
    own: dict[int, Deadline | None] = {}
    for i in named:
        ps, pe = parts[min(i, len(parts) - 1)]
        own[i] = most_specific([d for d in deadlines if ps <= d.start < pe])

    whole = most_specific(deadlines)

    def pick(off: int | None) -> Deadline | None:
        if off is None:  # an actor inherited from a heading governs the whole clause
            return whole
        return own.get(part_of(off)) or free
    return pick
