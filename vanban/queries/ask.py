"""Understand an officer's question (Vietnamese, diacritics optional) and answer it from the graph.

`route(question)` reads the question into a `Route`: an intent, the named query
that answers it, its parameters and a sentence saying how it was read.
Intents (with questions they read):

- duties {agency, role?, date_from?, date_to?, document?} — "Sở Xây dựng được giao những nhiệm vụ gì?",
  "nhiệm vụ của Công an tỉnh", "Sở Y tế chủ trì những việc gì trong năm 2025?"
- responsible_for {document} | {text, role?} — "ai làm gì theo Chỉ thị 05?", "ai chủ trì kiểm kê tài sản công?",
  "việc giải ngân vốn đầu tư công giao cho đơn vị nào?"
- deadlines {date_from, date_to, agency?} — "việc nào đến hạn trong tháng 10/2024?", "hạn chót tuần này"
- overdue {agency?} — "những nhiệm vụ nào đã quá hạn?", "Sở Tài chính có việc gì trễ hạn không?"
- signer {document} — "Ai ký Quyết định 1627/QĐ-UBND?", "QĐ 1627/QĐ-UBND do ai ký?"
- count_documents {type?, year?, issuer?} — "có bao nhiêu quyết định năm 2025?"
- targets {target?, year?, place?} — "Những xã nào phải đạt chuẩn nông thôn mới trong năm 2024?"
- lineage {ref, direction, depth} (+ relation) — "văn bản nào thực hiện Chỉ thị 05/CT-UBND?",
  "Kế hoạch 12/KH-UBND căn cứ vào những văn bản nào?"
- coordination {agency} — "Sở Xây dựng phối hợp với ai?", "đơn vị nào phối hợp với Sở Tài chính?"
- document {document} — "Quyết định 1627/QĐ-UBND về việc gì?"
- place_profile {place} — "tình hình huyện Đăk Tô", "xã Tân Cảnh có gì?"
- criticized {year?}, most_cited {n}, unresolved_citations {}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vanban.graph.store import GraphStore
from vanban.model import QueryError
from vanban.queries import ask_parse as P
from vanban.queries.ask_parse import Question
from vanban.text import fold, squash


@dataclass(frozen=True)
class Route:
    """A question read: `intent`, the `query` answering it, its `params`, an optional
    `relation` (lineage) or role filter, and `reading` (how it was understood, in Vietnamese)."""

    query: str
    params: dict[str, Any] = field(default_factory=dict)
    relation: str | None = None
    intent: str = ""
    reading: str = ""


_ASKER = r"(?:ai|nguoi nao|don vi nao|co quan nao|nhung ai|nhung don vi nao|nhung co quan nao|cac don vi nao|so nao|(?<!van )ban nao)"
_LINEAGE_DOWN = r"dua tren|thuc hien|trien khai|cu the hoa|huong dan|trich dan|vien dan|can cu|dan chieu|nhac den|tham chieu"
_HOW_WHAT = r"(?:nhung |cac )?(?:van ban|vb|quyet dinh|ke hoach|chi thi|cong van|nghi quyet|thong bao|huong dan)"


def _lineage(q: Question, ref: P.DocRef) -> Route | None:
    """Read a lineage question about `ref`: down (what implements/cites it) or up (what it rests on)."""
    f, before, after = q.f, q.f[:ref.start], q.f[ref.end:]
    verb = re.search(rf"(?<!\w)({_LINEAGE_DOWN})(?!\w)", f)
    if re.search(r"nguon goc|pha he|luoc do|lineage|quan he|lien quan den nhung", f) and not verb:
        return _mk("lineage", {"ref": ref.ref, "direction": "both", "depth": 3}, None,
                   f"các văn bản liên quan (lược đồ) của «{ref.ref}»")
    if not verb:
        return None
    impl = verb.group(1) in ("thuc hien", "trien khai", "cu the hoa", "huong dan")
    rel = "implements" if impl else None
    passive = re.search(rf"duoc\s+(?:\w+\s+)?(?:{_LINEAGE_DOWN})", after) or re.search(r"(?:bang|boi|qua)\s+" + _HOW_WHAT, after)
    asked_before = re.search(rf"{_HOW_WHAT}\s+nao", before) or re.search(rf"(?:{_LINEAGE_DOWN})\s*$", before.strip()) \
        and not re.search(r"nao", after)
    up = not passive and not asked_before and (re.search(rf"(?:{_LINEAGE_DOWN})", after)
                                               or re.search(r"can cu cua|co so cua", before))
    if up:
        what = "thực hiện" if impl else "căn cứ / dẫn chiếu"
        return _mk("lineage", {"ref": ref.ref, "direction": "up", "depth": 1}, rel,
                   f"những văn bản mà «{ref.ref}» {what}")
    what = "thực hiện / triển khai" if impl else "trích dẫn / căn cứ vào"
    return _mk("lineage", {"ref": ref.ref, "direction": "down", "depth": 1}, rel,
               f"những văn bản {what} «{ref.ref}»")


def _mk(intent: str, params: dict[str, Any], relation: str | None, reading: str, query: str | None = None) -> Route:
    return Route(query or intent, params, relation, intent, "Hiểu câu hỏi là: " + reading)


def _text_after(q: Question, m: re.Match[str]) -> str:
    """Return the original text after the match, without filler words at its start."""
    rest = q.f[m.end():]
    lead = re.match(r"\s*(?:(?:cac |nhung )?(?:viec|nhiem vu|cong tac|noi dung|hoat dong|cong viec)\s+)?(?:ve\s+)?", rest)
    return q.orig(m.end() + (lead.end() if lead else 0), len(q.f))


def _window(q: Question, today: date, part: str | None = None) -> tuple[str | None, str | None, str | None]:
    return P.window(part if part is not None else q.f, today)


def route(question: str, today: date | None = None) -> Route:
    """Return the Route of `question`. Raises QueryError when it is not understood (with examples)."""
    q = Question.of(question)
    f = q.f
    if not f:
        raise QueryError("empty question")
    today = today or date.today()
    for rule in _RULES:
        r = rule(q, today)
        if r is not None:
            return r
    raise QueryError("question not understood; try e.g. 'Sở Xây dựng được giao những nhiệm vụ gì?', "
                     "'Ai ký Quyết định 1627/QĐ-UBND?', 'văn bản nào thực hiện Chỉ thị 05/CT-UBND?', "
                     "'ai chủ trì kiểm kê tài sản công?', 'việc nào quá hạn?', "
                     "'Những xã nào phải đạt chuẩn nông thôn mới trong năm 2024?'")


def _reports(q: Question, today: date) -> Route | None:
    f = q.f
    if re.search(r"trich dan nhieu nhat|duoc (?:trich dan|vien dan|can cu|dan chieu) nhieu|quan trong nhat", f):
        n = re.search(r"(?<![\d/])(\d{1,3})(?![\d/])", f)
        return _mk("most_cited", {"n": int(n.group(1)) if n else 10}, None, "các văn bản được trích dẫn nhiều nhất")
    if re.search(r"can thu thap|con thieu|chua (?:co toan van|thu thap)|chua tim thay|chua co trong", f):
        return _mk("unresolved_citations", {}, None, "các văn bản được trích dẫn nhưng chưa có toàn văn")
    if re.search(r"bi phe binh|phe binh ai|phe binh (?:don vi|co quan|nhung)|bi kiem diem|bi nhac nho", f):
        y = P.year(q)
        return _mk("criticized", {"year": y}, None, "các đơn vị bị phê bình" + (f" năm {y}" if y else ""))
    return None


def _signer(q: Question, today: date) -> Route | None:
    ref = P.document_ref(q)
    if ref and re.search(r"(?<!\w)(?:ai|nguoi nao|lanh dao nao|dong chi nao) (?:da )?(?:ky|ki)(?!\w)|nguoi (?:ky|ki)|"
                         r"(?:ky|ki) boi|chu ky|(?:ky|ki) ten|ai la nguoi (?:ky|ki)|(?:ky|ki) (?:nhu the nao|ban hanh)", q.f):
        return _mk("signer", {"document": ref.ref}, None, f"người ký «{ref.ref}»", "get_document")
    return None


def _count(q: Question, today: date) -> Route | None:
    f = q.f
    m = re.search(r"bao nhieu|(?<!\w)may (?=\w)|so luong|tong so|dem so|thong ke so", f)
    if not m or re.search(r"bao nhieu (?:nhiem vu|viec|cong viec|xa|chi tieu)", f):
        return None
    if not (P.doc_type(f) or re.search(r"van ban|(?<!\w)vb(?!\w)", f)):
        return None
    issuer = P.agency(q)
    y = P.year(q)
    t = P.doc_type(f)
    params = {"type": t, "year": y, "issuer": issuer.text if issuer else None}
    what = (t or "văn bản").lower() + (f" của «{issuer.text}»" if issuer else "") + (f" năm {y}" if y else "")
    return _mk("count_documents", params, None, f"đếm số {what}", "list_documents")


_TARGET_WORDS = r"dat chuan|dat (?:muc|ty le|chi tieu)|ve dich|nong thon moi|do thi van minh|chi tieu|phai dat|xa dat|dat (?:xa|huyen)"


def _targets(q: Question, today: date) -> Route | None:
    f = q.f
    if not re.search(_TARGET_WORDS, f):
        return None
    plural = re.search(r"(?:xa|phuong|huyen|dia phuong|don vi|thi tran|thi xa|thanh pho|tinh) nao|nhung (?:xa|huyen|"
                       r"dia phuong|phuong)|cac (?:xa|huyen|dia phuong)|danh sach (?:xa|huyen)|chi tieu", f)
    pl = P.place(q)
    if not plural and not pl:
        return None
    m = re.search(r"(?:phai |can |se |duoc giao |phan dau |dang ky |)(?:dat|ve dich|hoan thanh|dat duoc)\s+(.+?)"
                  r"(?:\s+(?:trong|vao|den|truoc|cuoi|nam)\b.*)?$", f)
    target = q.orig(m.start(1), m.end(1)) if m else None
    if not target:
        m = re.search(r"chi tieu (?:ve |)(.+?)(?:\s+(?:trong|vao|den|cua|nam|giao)\b.*)?$", f)
        target = q.orig(m.start(1), m.end(1)) if m and not m.group(1).startswith(("gi", "nao")) else None
    if target and pl and fold(pl.text) in fold(target):
        target = squash(fold(target).replace(fold(pl.text), " ")) and q.orig(*_cut(q, target, pl.text))
    if target and (P.fold_words(target) in ("chuan", "chi tieu", "gi", "")
                   or re.match(r"(?:cua|la gi|nao|gi)(?!\w)", P.fold_words(target))):
        target = None
    y = P.year(q)
    params = {"target": target, "year": y, "place": pl.text if pl else None}
    reading = "nơi phải đạt " + (f"«{target}»" if target else "chỉ tiêu") + (f" năm {y}" if y else "") \
        + (f" tại «{pl.text}»" if pl else "")
    return _mk("targets", params, None, reading)


def _cut(q: Question, target: str, place: str) -> tuple[int, int]:
    """Return the span of `target` in the question without the place at its end or start."""
    start = q.f.find(fold(target))
    end = start + len(target)
    p = q.f.find(fold(place), start)
    if p == start:
        return p + len(place), end
    return start, p if p > start else end


def _overdue(q: Question, today: date) -> Route | None:
    if not re.search(r"qua han|tre han|cham tien do|cham tre|tre tien do|het han (?:ma|nhung) chua|no dong|"
                     r"chua hoan thanh dung han|cham so voi", q.f):
        return None
    ag = P.agency(q)
    params = {"agency": ag.text if ag else None}
    return _mk("overdue", params, None, "các nhiệm vụ đã quá hạn" + (f" của «{ag.text}»" if ag else "")
               + f" (tính đến {today.strftime('%d/%m/%Y')})", "deadlines")


def _deadlines(q: Question, today: date) -> Route | None:
    f = q.f
    if not re.search(r"den han|sap (?:den|toi) han|han chot|thoi han|deadline|het han|phai xong|can hoan thanh|"
                     r"phai hoan thanh|hoan thanh truoc|nop bao cao|han (?:nop|bao cao)", f):
        return None
    ag = P.agency(q)
    start, end, how = _window(q, today)
    if start is None and end is None:
        if not re.search(r"sap|gan|toi|nay", f):
            if ag:
                return None  # "X phải hoàn thành những gì?": its duties
            start, end, how = today.isoformat(), date.fromordinal(today.toordinal() + 30).isoformat(), "30 ngày tới"
        else:
            start, end, how = today.isoformat(), date.fromordinal(today.toordinal() + 30).isoformat(), "30 ngày tới"
    if ag and re.search(r"phai (?:lam|hoan thanh) (?:gi|nhung gi|viec gi)|nhiem vu (?:gi|nao)", f):
        return None  # an agency's duties in a window: _duties
    params = {"date_from": start or f"{today.year - 40}-01-01", "date_to": end, "agency": ag.text if ag else None}
    return _mk("deadlines", params, None, f"các nhiệm vụ đến hạn trong {how}" + (f" của «{ag.text}»" if ag else ""))


def _lineage_rule(q: Question, today: date) -> Route | None:
    ref = P.document_ref(q)
    if not ref:
        return None
    if re.search(rf"{_ASKER} (?:phai |duoc |se )?(?:lam|thuc hien|trien khai|chu tri|phu trach|duoc giao)", q.f):
        return None
    return _lineage(q, ref)


def _coordination(q: Question, today: date) -> Route | None:
    f = q.f
    if not re.search(r"phoi hop voi|cung lam voi|lam viec chung voi|doi tac phoi hop|phoi hop cua", f):
        return None
    m = re.search(r"phoi hop voi|cung lam voi|lam viec chung voi|doi tac phoi hop(?: cua)?|phoi hop cua", f)
    ag = P.agency(q, after=m.end()) or P.agency(q)
    if not ag:
        return None
    return _mk("coordination", {"agency": ag.text}, None, f"các đơn vị cùng làm nhiệm vụ với «{ag.text}»")


def _responsible(q: Question, today: date) -> Route | None:
    f = q.f
    ref = P.document_ref(q)
    ask_who = re.search(rf"(?<!\w){_ASKER}(?!\w)|giao cho ai|do ai|cho ai|phan cong|ai lam gi", f)
    if ref and (ask_who or re.search(r"(?:nhiem vu|trach nhiem|phan cong|giao viec)\s+(?:trong|theo|tai|cua|o)", f)):
        ag = P.agency(q, skip=(ref.start, ref.end))
        if ag and not re.search(rf"(?<!\w){_ASKER}(?!\w)", f):
            params = {"agency": ag.text, "role": P.role(f), "date_from": None, "date_to": None, "document": ref.ref}
            return _mk("duties", params, None, f"nhiệm vụ của «{ag.text}» theo «{ref.ref}»")
        rl = P.role(f)
        return _mk("responsible_for", {"document": ref.ref}, rl,
                   f"ai được giao việc gì theo «{ref.ref}»" + (f" (vai trò {rl})" if rl else ""))
    m = re.search(rf"^(?:vay |the )?{_ASKER}\s+(?:se |phai |duoc giao |dang |la nguoi |co trach nhiem |)"
                  r"(chu tri|phoi hop|chiu trach nhiem|thuc hien|tham muu|theo doi|lam|dam nhiem|phu trach|dam nhan|"
                  r"lo|trien khai|quan ly|don doc)(?!\w)", f)
    if m:
        text = _text_after(q, m)
        if text and not re.match(r"(?:gi|nao)$", P.fold_words(text)):
            rl = P.role(m.group(1))
            return _mk("responsible_for", {"text": text}, rl,
                       f"đơn vị {m.group(1) and q.orig(m.start(1), m.end(1))} việc «{text}»")
    m = re.search(r"^(.+?)\s+(?:do\s+(?:ai|don vi nao|co quan nao)|giao cho\s+(?:ai|don vi nao|co quan nao)|"
                  r"(?:thuoc|theo|nam trong)\s+(?:van ban|vb|quyet dinh|ke hoach) nao|"
                  r"(?:la )?(?:viec|nhiem vu) cua (?:ai|don vi nao|co quan nao)|ai (?:chu tri|phu trach|lam))", f)
    if m:
        text = q.orig(*_strip_lead(q.f, m.start(1), m.end(1)))
        rl = P.role(f[m.end(1):])
        return _mk("responsible_for", {"text": text}, rl, f"ai được giao việc «{text}» và theo văn bản nào")
    return None


def _strip_lead(f: str, start: int, end: int) -> tuple[int, int]:
    lead = re.match(r"(?:(?:cac |nhung )?(?:viec|nhiem vu|cong tac|noi dung|cong viec)\s+)", f[start:end])
    return (start + lead.end(), end) if lead else (start, end)


_DUTY_WORDS = (r"nhiem vu|phai lam|duoc giao|lam gi|cong viec|trach nhiem|phu trach|viec gi|nhung viec|dang lam|"
               r"can lam|chu tri nhung|chu tri viec|phoi hop (?:nhung|viec|gi)|phai hoan thanh|can hoan thanh|"
               r"phan cong|dam nhan|dam nhiem|giao nhung|giao viec|co viec")


def _duties(q: Question, today: date) -> Route | None:
    f = q.f
    given = re.search(r"giao cho|phan cong cho", f)
    ag = (P.agency(q, after=given.end()) if given else None) or P.agency(q)
    if not ag or not re.search(_DUTY_WORDS, f):
        return None
    ref = P.document_ref(q)
    start, end, how = _window(q, today, f[:ag.start] + " " * (ag.end - ag.start) + f[ag.end:])
    rl = P.role(f[ag.end:]) or (P.role(f[:ag.start]) if not re.search(r"cua$", f[:ag.start].strip()) else None)
    params = {"agency": ag.text, "role": rl, "date_from": start, "date_to": end,
              "document": ref.ref if ref else None}
    return _mk("duties", params, None, f"nhiệm vụ của «{ag.text}»" + (f" (vai trò {rl})" if rl else "")
               + (f" theo «{ref.ref}»" if ref else "") + (f" trong {how}" if how else ""))


def _document(q: Question, today: date) -> Route | None:
    ref = P.document_ref(q)
    if not ref:
        return None
    return _mk("document", {"document": ref.ref}, None, f"thông tin về «{ref.ref}»", "get_document")


def _place(q: Question, today: date) -> Route | None:
    pl = P.place(q, skip=_agency_span(q))
    if not pl:
        return None
    return _mk("place_profile", {"place": pl.text}, None, f"chỉ tiêu, nhiệm vụ, văn bản về «{pl.text}»")


def _agency_span(q: Question) -> tuple[int, int] | None:
    ag = P.agency(q)
    return (ag.start, ag.end) if ag else None


def _agency_only(q: Question, today: date) -> Route | None:
    ag = P.agency(q)
    if not ag:
        return None
    return _mk("duties", {"agency": ag.text, "role": None, "date_from": None, "date_to": None}, None,
               f"nhiệm vụ của «{ag.text}»")


_RULES = (_reports, _signer, _count, _targets, _overdue, _coordination, _lineage_rule, _responsible,
          _deadlines, _duties, _place, _document, _agency_only)


def ask(store: GraphStore, question: str, today: date | None = None) -> dict[str, Any]:
    """Answer `question`: return {"intent", "query", "params", "reading", "rows"}.

    Raises QueryError (question not understood) and whatever the query raises
    (NotFound, AmbiguousRef with candidates).
    """
    from vanban.queries.ask_answer import answer

    r = route(question, today)
    rows = answer(store, r, today or date.today())
    params = {k: v for k, v in r.params.items() if v is not None}
    if r.relation:
        params["relation" if r.query == "lineage" else "role"] = r.relation
    return {"intent": r.intent, "query": r.query, "params": params, "reading": r.reading, "rows": rows}
