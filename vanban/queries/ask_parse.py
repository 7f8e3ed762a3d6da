"""The pieces of an officer's question: document references, agencies, places, years,
date windows, roles, targets — found on the folded question (diacritics optional)
and given back as the officer wrote them (vanban.text.fold keeps the length of NFC
Vietnamese text, so a folded span maps back to the original).

Every function takes a `Question` and returns what it found, or None.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from vanban.numbers import compact_number
from vanban.queries.refs import DOC_TYPES
from vanban.text import fold, nfc, squash


@dataclass(frozen=True)
class Question:
    """A question as written (`raw`, NFC, one space, no trailing ?!.) and folded (`f`)."""

    raw: str
    f: str

    @classmethod
    def of(cls, text: str) -> "Question":
        """Return the Question of `text` (an empty question has raw == f == "")."""
        raw = squash(nfc(text or "")).strip().rstrip("?!.… ").strip()
        raw = re.sub(r"[“”\"«»]", " ", raw)
        raw = squash(raw)
        return cls(raw, fold(raw))

    def orig(self, start: int, end: int) -> str:
        """Return the original text behind f[start:end] (the folded text when lengths differ)."""
        src = self.raw if len(self.raw) == len(self.f) else self.f
        return src[start:end].strip(" ,:;.'")


#: Folded type words, longest first (for "Quyết định 1627/QĐ-UBND", "CT 05", "kế hoạch số 12").
_TYPE_WORDS = sorted((k for k in DOC_TYPES if len(k) > 1), key=len, reverse=True)
_TYPE_ALT = "|".join(re.escape(t) for t in _TYPE_WORDS)
#: A number symbol: 1627/QĐ-UBND, 23-NQ/TU, 72/2025/QH15, 53/2023/QĐ-UBND (folded: qd).
_NUMBER = r"\d{1,5}(?:/\d{4})?[/-][a-z][a-z0-9&.]*(?:[-/][a-z0-9&.]+)*"
_DOC_REF = re.compile(rf"(?:(?P<type>{_TYPE_ALT})\s+(?:so\s+)?)?(?P<num>{_NUMBER})(?![\w/-])"
                      rf"|(?P<type2>{_TYPE_ALT})\s+(?:so\s+)?(?P<bare>\d{{1,5}})(?![\w/-])")


@dataclass(frozen=True)
class DocRef:
    """A document reference: `ref` (what to resolve), `type` (stored type or None), span in f."""

    ref: str
    type: str | None
    start: int
    end: int


def document_ref(q: Question) -> DocRef | None:
    """Return the first document reference of the question ("Quyết định 1627/QĐ-UBND" →
    ref "1627/QĐ-UBND"; "Chỉ thị 05" → ref "Chỉ thị 05"), or None."""
    for m in _DOC_REF.finditer(q.f):
        if m.group("num"):
            t = DOC_TYPES.get(m.group("type") or "")
            num = q.orig(m.start("num"), m.end("num"))
            return DocRef(compact_number(num).upper(), t, m.start(), m.end())
        t = DOC_TYPES.get(m.group("type2"))
        if t:
            return DocRef(f"{t} {m.group('bare')}", t, m.start(), m.end())
    return None


#: Folded openings of agency names (a head word must start the name).
_AGENCY_HEADS = (
    r"uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|uy ban mat tran to quoc|mat tran to quoc|mttq|"
    r"(?<!tong )(?<!dem )so(?! (?:luong|lieu|\d|van ban|nhiem vu|viec|ky|hieu|cong van|nghi quyet|quyet dinh|chi thi|ke hoach|thong bao|luat))|(?<!van )ban(?! hanh)|cong an|bo chi huy|van phong|"
    r"bo(?! sung)|tong cuc|chi cuc|cuc|trung tam|dai phat thanh|bao(?! cao| nhieu| dam| ve)|tinh uy|huyen uy|"
    r"thanh uy|dang uy|kho bac|thanh tra|bao hiem xa hoi|ngan hang|chu tich|pho chu tich|giam doc|"
    r"thu tuong|chinh phu|doan thanh nien|tinh doan|hoi (?:lien hiep|nong dan|cuu chien binh|chu thap)|"
    r"lien doan lao dong|vien kiem sat|toa an|truong (?:dai hoc|cao dang)|cong ty|quy (?:dau tu|phat trien)|"
    r"thue|hai quan|bo tu lenh|quan khu|cac so|cac co quan|cac don vi|cac ban"
)
#: Where an agency name ends (folded, at a word start).
_AGENCY_END = (
    r"duoc|phai|can|chu tri|phoi hop|lam (?:gi|nhung|viec|cac|dau)|thuc hien|dang|se|"
    r"con (?:nhung|viec|nhiem|gi)|co (?:nhiem vu|nhung|bao|viec|gi|phai|trach|duoc|nao|cac|tham|may|han|ky|dang|"
    r"cong|chi)|nhung|nao|gi|la|trong|truoc|den (?:ngay|han|nay|cuoi)|tu ngay|theo|ve viec|voi|cho|thang \d{1,2}|"
    r"nam \d{4}|quy (?:[1-4]|iv|i{1,3})|ngay|ban hanh|ky|bao nhieu|qua han|tre han|cham|sap|het han|nhiem vu|cong viec|"
    r"tham muu|chiu trach nhiem|hoan thanh|thuoc|o dau|the nao|ra sao|hien nay|hay|giao (?:cho|nhiem|viec|nhung|gi)|"
    r"va (?:ai|nhung|co quan|don vi)|khong|vay|a|di|ah|nhe|tai (?:van ban|quyet|ke hoach|chi thi)|"
    r"trien khai|dat|bi|lien quan|xu ly|phu trach|thuong (?:xuyen|phoi|lam|duoc|giao)|cung (?:lam|phoi)|tung|da (?:ban hanh|duoc|giao|lam|thuc hien|co|ky|phe)"
)
_AGENCY = re.compile(rf"(?<!\w)(?:{_AGENCY_HEADS})(?!\w)(?:(?! (?:{_AGENCY_END})(?!\w)) [^\s,;:?]+)*")


@dataclass(frozen=True)
class Span:
    """A name found in the question: `text` as written, span in the folded question."""

    text: str
    start: int
    end: int


def agency(q: Question, after: int = 0, skip: tuple[int, int] | None = None) -> Span | None:
    """Return the first agency name at or after `after` (outside the span `skip`), or None.

    A bare plural ("các sở", "các đơn vị") without a name after it is not an agency.
    """
    refs = [(m.start(), m.end()) for m in _DOC_REF.finditer(q.f)] + ([skip] if skip else [])
    for m in _AGENCY.finditer(q.f, after):
        if any(m.start() < b and m.end() > a for a, b in refs):
            continue
        text = q.orig(m.start(), m.end())
        if fold(text) in ("cac so", "cac co quan", "cac don vi", "cac ban", "ban", "so", "bo", "cuc", "thue"):
            continue
        if fold(text).startswith(("cac so", "cac co quan", "cac don vi", "cac ban")):
            continue
        return Span(text, m.start(), m.end())
    return None


_PLACE_KINDS = r"thi tran|thi xa|thanh pho|tp|tinh|huyen|quan|phuong|xa|thon|lang|buon|ap|dia ban"
_PLACE = re.compile(rf"(?<!\w)(?<!nong )(?P<kind>{_PLACE_KINDS}) (?!(?:nao|gi|nay|do|minh|ta|nha|hoi|luong|chi tieu|"
                    rf"hinh|trang|than|moi|uy|doan|khac|lan can|mien nui|"
                    rf"dat|phai|co|duoc|nong thon|vung|cac|nhung|trong|ve)(?!\w))"
                    rf"(?P<name>[^\s,;:?]+(?:(?! (?:{_AGENCY_END}|co gi|nam)(?!\w)) [^\s,;:?]+){{0,3}})")


def place(q: Question, skip: tuple[int, int] | None = None) -> Span | None:
    """Return the first named place ("xã Tân Cảnh", "huyện Đăk Tô"), outside the span `skip`, or None."""
    for m in _PLACE.finditer(q.f):
        if skip and m.start() < skip[1] and m.end() > skip[0]:
            continue
        if m.group("kind") == "dia ban":
            return Span(q.orig(m.start("name"), m.end()), m.start(), m.end())
        return Span(q.orig(m.start(), m.end()), m.start(), m.end())
    return None


def year(q: Question) -> int | None:
    """Return the year the question names ("năm 2024", "2025"), or None."""
    m = re.search(r"(?:nam\s+)?(?<![\d/-])((?:19|20)\d{2})(?![\d/-])", q.f)
    return int(m.group(1)) if m else None


_DATE = r"(\d{1,2})\s*(?:/|-|\.|thang)\s*(\d{1,2})\s*(?:/|-|\.|nam)\s*(\d{4})"


def window(f: str, today: date) -> tuple[str | None, str | None, str | None]:
    """Return (from, to, how it was read) for a time phrase of the folded text `f`, or (None, None, None).

    "trước ngày 31/12/2025", "trong tháng 10/2024", "quý II/2025", "năm 2025",
    "tuần này", "tháng này", "tháng tới", "30 ngày tới".
    """
    m = re.search(r"(?:truoc|den|cham nhat|han)\s+(?:ngay\s+)?" + _DATE, f)
    if m:
        d, mo, y = (int(x) for x in m.groups())
        return None, _iso(y, mo, d), f"đến {d:02d}/{mo:02d}/{y}"
    m = re.search(r"tu\s+(?:ngay\s+)?" + _DATE + r"\s+den\s+(?:ngay\s+)?" + _DATE, f)
    if m:
        a = [int(x) for x in m.groups()]
        return _iso(a[2], a[1], a[0]), _iso(a[5], a[4], a[3]), "khoảng ngày đã nêu"
    m = re.search(r"thang\s*(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})", f)
    if m:
        mo, y = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return _iso(y, mo, 1), _iso(y, mo, calendar.monthrange(y, mo)[1]), f"tháng {mo}/{y}"
    m = re.search(r"quy\s*(iv|i{1,3}|[1-4])\s*(?:/|-|nam)?\s*(\d{4})", f)
    if m:
        qn = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group(1)) or int(m.group(1))
        y = int(m.group(2))
        return _iso(y, 3 * qn - 2, 1), _iso(y, 3 * qn, calendar.monthrange(y, 3 * qn)[1]), f"quý {qn}/{y}"
    m = re.search(r"(\d{1,3})\s+ngay\s+(?:toi|sap toi|nua)", f)
    if m:
        return today.isoformat(), date.fromordinal(today.toordinal() + int(m.group(1))).isoformat(), \
            f"{m.group(1)} ngày tới"
    if re.search(r"tuan (?:nay|toi)", f):
        return today.isoformat(), date.fromordinal(today.toordinal() + 7).isoformat(), "7 ngày tới"
    if re.search(r"thang (?:nay)", f):
        last = calendar.monthrange(today.year, today.month)[1]
        return _iso(today.year, today.month, 1), _iso(today.year, today.month, last), "tháng này"
    if re.search(r"thang (?:toi|sau)", f):
        y, mo = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return _iso(y, mo, 1), _iso(y, mo, calendar.monthrange(y, mo)[1]), "tháng tới"
    m = re.search(r"(?:trong |vao |cuoi )?nam\s+(\d{4})", f)
    if m:
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31", f"năm {m.group(1)}"
    return None, None, None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


#: Folded role words → ASSIGNED_TO role.
ROLE_WORDS = (("chu tri", "lead"), ("dau moi", "lead"), ("phoi hop", "coordinate"),
              ("chiu trach nhiem", "accountable"), ("tham muu", "advise"), ("theo doi", "monitor"),
              ("don doc", "monitor"))


def role(f: str) -> str | None:
    """Return the role the folded text asks about ("chủ trì" → lead), or None."""
    for word, r in ROLE_WORDS:
        if re.search(rf"(?<!\w){word}(?!\w)", f):
            return r
    return None


def doc_type(f: str) -> str | None:
    """Return the stored document type a folded phrase names ("quyết định" → Quyết định), or None."""
    m = re.search(rf"(?<!\w)({_FULL_TYPES})(?!\w)", f)
    return DOC_TYPES.get(m.group(1)) if m else None


#: Folded full type names (no abbreviations: "đã" folds to "da", an abbreviation of Đề án).
_FULL_TYPES = "|".join(re.escape(t) for t in _TYPE_WORDS if " " in t or len(t) > 3)


def fold_words(text: str | None) -> str:
    """Return `text` folded, punctuation dropped, one space between words."""
    return " ".join(re.findall(r"[\w/&-]+", fold(text or "")))
