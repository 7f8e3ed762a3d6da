"""Route a few Vietnamese question forms to the named queries.

Questions are matched on their folded form, so diacritics are optional:

- "Sở Xây dựng phải làm gì?", "nhiệm vụ của UBND huyện Đăk Tô", "X có nhiệm vụ gì?" → duties
- "X phải hoàn thành gì trước ngày 10/10/2024?" → duties with a deadline window
- "văn bản nào thực hiện Chỉ thị 05/CT-UBND?" → lineage down (relation implements)
- "văn bản nào trích dẫn / căn cứ 05/CT-UBND?" → lineage down (every relation)
- "Chỉ thị 05/CT-UBND thực hiện / căn cứ văn bản nào?" → lineage up
- "ai chủ trì / phối hợp / chịu trách nhiệm <việc>?" → responsible_for (text)
- "ai làm gì theo Chỉ thị 05?", "phân công trong CT 05" → responsible_for (document)
- "việc nào đến hạn trong tháng 10/2024?", "hạn trước ngày 31/12/2024" → deadlines
- "tình hình huyện Đăk Tô", "xã Tân Cảnh có gì?" → place_profile
- "ai bị phê bình năm 2024?" → criticized
- "X phối hợp với ai?" → coordination
- "văn bản nào được trích dẫn nhiều nhất?" → most_cited
- "văn bản nào cần thu thập / còn thiếu?" → unresolved_citations
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from vanban.graph.store import GraphStore
from vanban.model import QueryError
from vanban.text import fold, nfc, squash


@dataclass(frozen=True)
class Route:
    """A question routed to a query: its name and keyword arguments (besides the store)."""

    query: str
    params: dict[str, Any] = field(default_factory=dict)
    relation: str | None = None  # lineage: keep only edges of this relation


_DATE = r"(\d{1,2})\s*(?:/|-|thang)\s*(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})"
_MONTH = r"thang\s*(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})"
_DOC = r"(?:van ban|vb)"


def _orig(question: str, folded: str, start: int, end: int) -> str:
    """Return the span of the original question behind folded[start:end] (fold keeps lengths)."""
    q = squash(nfc(question)).rstrip("?!. ")
    return q[start:end].strip(" ,:;\"'“”") if len(q) == len(folded) else folded[start:end].strip()


def _window(f: str) -> tuple[str | None, str | None]:
    m = re.search(r"(?:truoc|den)\s+(?:ngay\s+)?" + _DATE, f)
    if m:
        d, mo, y = (int(x) for x in m.groups())
        return None, date(y, mo, d).isoformat()
    m = re.search(_MONTH, f)
    if m:
        mo, y = int(m.group(1)), int(m.group(2))
        return date(y, mo, 1).isoformat(), date(y, mo, calendar.monthrange(y, mo)[1]).isoformat()
    m = re.search(r"(?:quy\s*(i{1,3}|iv|[1-4]))\s*(?:/|nam)\s*(\d{4})", f)
    if m:
        q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group(1)) or int(m.group(1))
        y = int(m.group(2))
        return date(y, 3 * q - 2, 1).isoformat(), date(y, 3 * q, calendar.monthrange(y, 3 * q)[1]).isoformat()
    m = re.search(r"nam\s+(\d{4})", f)
    if m:
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"
    return None, None


def route(question: str) -> Route:
    """Return the Route for `question`. Raises QueryError when no form matches (lists the forms)."""
    raw = squash(nfc(question or "")).rstrip("?!. ")
    f = fold(raw)
    if not f:
        raise QueryError("empty question")
    o = lambda m, g=1: _orig(question, f, m.start(g), m.end(g))  # noqa: E731

    if re.search(r"trich dan nhieu nhat|duoc (?:trich dan|vien dan|can cu) nhieu", f):
        n = re.search(r"\b(\d{1,3})\b", f)
        return Route("most_cited", {"n": int(n.group(1)) if n else 10})
    if re.search(r"can thu thap|con thieu|chua (?:co|thu thap)|chua giai quyet", f):
        return Route("unresolved_citations")
    if re.search(r"bi phe binh|phe binh ai|phe binh don vi", f):
        y = re.search(r"nam\s+(\d{4})", f)
        return Route("criticized", {"year": int(y.group(1)) if y else None})
    m = re.match(rf"^{_DOC} nao (thuc hien|trien khai|trich dan|vien dan|can cu(?: vao)?|dan chieu)\s+(.+)$", f)
    if m:
        rel = "implements" if m.group(1) in ("thuc hien", "trien khai") else None
        return Route("lineage", {"ref": o(m, 2), "direction": "down", "depth": 1}, rel)
    m = re.match(rf"^(.+?)\s+(?:duoc|do)\s+{_DOC} nao (?:thuc hien|trien khai|trich dan|can cu)$", f)
    if m:
        return Route("lineage", {"ref": o(m), "direction": "down", "depth": 1})
    m = re.match(rf"^(.+?)\s+(thuc hien|trien khai|can cu(?: vao)?|trich dan|dua tren)\s+(?:nhung |cac )?{_DOC} nao$", f)
    if m:
        rel = "implements" if m.group(2) in ("thuc hien", "trien khai") else None
        return Route("lineage", {"ref": o(m), "direction": "up", "depth": 1}, rel)
    m = re.match(r"^(?:nguon goc|pha he|lineage)(?: cua)?\s+(.+)$", f)
    if m:
        return Route("lineage", {"ref": o(m), "direction": "both", "depth": 3})
    m = re.match(r"^(.+?)\s+phoi hop voi (?:ai|nhung ai|don vi nao|co quan nao)$", f)
    if m:
        return Route("coordination", {"agency": o(m)})
    m = re.match(r"^(?:ai|don vi nao|co quan nao) (?:lam gi|lam viec gi|duoc giao gi) (?:theo|trong|tai)\s+(.+)$", f) \
        or re.match(r"^(?:phan cong|giao nhiem vu)(?: trong| theo| cua)?\s+(.+)$", f)
    if m:
        return Route("responsible_for", {"document": o(m)})
    m = re.match(r"^(?:ai|don vi nao|co quan nao) (chu tri|phoi hop|chiu trach nhiem|thuc hien|tham muu|theo doi)"
                 r"(?: viec| ve| nhiem vu)?\s+(.+)$", f)
    if m:
        role = {"chu tri": "lead", "phoi hop": "coordinate", "chiu trach nhiem": "accountable",
                "tham muu": "advise", "theo doi": "monitor"}.get(m.group(1))
        return Route("responsible_for", {"text": o(m, 2)}, role)
    if re.search(r"\bqua han\b", f) and _window(f) == (None, None):  # "việc nào quá hạn?" (task register)
        return Route("overdue")
    m = re.match(r"^(?:viec|nhiem vu|cong viec)(?: nao| gi)? (?:den han|het han|qua han|phai hoan thanh)(.*)$", f) \
        or re.match(r"^(?:han chot|thoi han|deadline)(.*)$", f)
    if m:
        start, end = _window(f)
        if start is None and end is None:
            raise QueryError("say when: e.g. 'trong tháng 10/2024' or 'trước ngày 31/12/2024'")
        return Route("deadlines", {"date_from": start or "1900-01-01", "date_to": end})
    m = re.match(r"^(?:nhiem vu|trach nhiem|viec) cua\s+(.+)$", f) \
        or re.match(r"^(.+?)\s+(?:phai lam gi|phai lam nhung gi|co nhiem vu gi|duoc giao (?:nhiem vu )?gi|lam gi"
                    r"|phai hoan thanh (?:gi|nhung gi|viec gi))(?:\s|$)", f)
    if m:
        start, end = _window(f[m.end(1):])
        return Route("duties", {"agency": o(m), "date_from": start, "date_to": end})
    m = re.match(r"^(?:tinh hinh|ho so|thong tin ve|thong tin)\s+(.+)$", f) \
        or re.match(r"^((?:tinh|huyen|xa|thi xa|thanh pho|phuong|thi tran)\s+.+?)\s+(?:co gi|the nao|ra sao)$", f)
    if m:
        return Route("place_profile", {"place": o(m)})
    raise QueryError("question not understood; try e.g. 'Sở Xây dựng phải làm gì?', "
                     "'văn bản nào thực hiện Chỉ thị 05/CT-UBND?', 'ai chủ trì giải ngân?', "
                     "'việc nào đến hạn trong tháng 10/2024?', 'tình hình huyện Đăk Tô', "
                     "'ai bị phê bình năm 2024?'")


def ask(store: GraphStore, question: str) -> dict[str, Any]:
    """Answer `question`: return {"query", "params", "rows"} (rows as the named query returns them).

    Raises QueryError (question not understood) and whatever the query raises
    (NotFound, AmbiguousRef with candidates).
    """
    from vanban import queries as Q

    r = route(question)
    fn: Callable[..., list[dict[str, Any]]] = getattr(Q, r.query)
    rows = fn(store, **r.params)
    if r.relation:
        key = "relation" if r.query == "lineage" else "role"
        rows = [x for x in rows if x.get(key) == r.relation]
    params = dict(r.params)
    if r.relation:
        params["relation" if r.query == "lineage" else "role"] = r.relation
    return {"query": r.query, "params": params, "rows": rows}
