"""Targets: commitments about named places ("Phấn đấu có thêm 07 xã, gồm: Xã A - huyện B, …
đạt chuẩn xã nông thôn mới" → one target per commune).

In a clause that speaks of a goal (phấn đấu, mục tiêu, đạt chuẩn, duy trì), each
named commune/district/city gets the target phrase that governs it:
  1. a label before a list: "(Xã nông thôn mới: xã A và xã B; xã nông thôn mới nâng cao: xã C …)"
  2. "… đạt chuẩn <xã|huyện nông thôn mới [nâng cao|kiểu mẫu]>" after the places
  3. "duy trì đạt chuẩn" → "duy trì đạt chuẩn xã nông thôn mới"
  4. "(xây dựng|mục tiêu) huyện nông thôn mới[/thành phố hoàn thành nhiệm vụ …]" for districts (and the city)
  5. "<district> … có ít nhất N xã đạt chuẩn nông thôn mới" for that district
  6. "toàn tỉnh có 100% số xã đạt chuẩn nhóm tiêu chí này" for the province ("này": the item's label)
The programmes' phrases (units, standard, grades: "xã nông thôn mới nâng cao") are data:
vanban/data/programmes.yaml. Province-wide goals ("100% các xã, phường …") are read by
vanban.loaders.extract.goals. Places named as exceptions ("(ngoài danh sách …)") and parents of other places
("xã A - huyện B": B) are not targets. The year is the nearest "năm YYYY" of the
sentence part, else the clause's deadline, else a parent heading's year, else the
document's year.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from vanban.model import Clause, Place, Segmented, Span, Target
from vanban.loaders.extract.deadlines import first_deadline
from vanban.loaders.extract.goals import goal_targets
from vanban.loaders.extract.places import RANK, find_places
from vanban.loaders.extract.who_text import Prefilter, match_ends, paren_spans
from vanban.vocab import programmes

def _words(s: str) -> str:
    return r"\s+".join(re.escape(w) for w in s.split())


def _alt(items) -> str:
    return "|".join(_words(x) for x in sorted(items, key=len, reverse=True))


_PROGRAMMES = programmes()
_STANDARD = rf"(?:{_alt(p['standard'] for p in _PROGRAMMES)})"
_UNITS = rf"(?:{_alt({u for p in _PROGRAMMES for u in p['units']})})"
_GRADES = "".join(rf"|\s+{_words(g)}" for p in _PROGRAMMES for g in p["grades"])
_CITY_GOAL = rf"(?:{_alt(p['city_goal'] for p in _PROGRAMMES if p.get('city_goal'))})"
_CUE = re.compile(r"phấn\s+đấu|mục\s+tiêu|đạt\s+chuẩn|duy\s+trì", re.IGNORECASE)
_NTM = rf"{_UNITS}\s+{_STANDARD}(?:{_GRADES[1:]})?"  # "xã nông thôn mới nâng cao", "phường đô thị văn minh"
_LABEL = re.compile(rf"(?P<t>{_NTM})\s*:", re.IGNORECASE)
_REACH = re.compile(rf"đạt\s+chuẩn\s+(?P<t>{_NTM})", re.IGNORECASE)
_KEEP = re.compile(r"duy\s+trì\s+đạt\s+chuẩn", re.IGNORECASE)
_DISTRICT_GOAL = re.compile(
    rf"(?:xây\s+dựng|mục\s+tiêu)\s+(?P<d>huyện\s+{_STANDARD})"
    rf"(?:\s*/\s*(?P<c>{_CITY_GOAL}))?", re.IGNORECASE)
_AT_LEAST = re.compile(rf"(?P<t>ít\s+nhất\s+\d+\s+{_UNITS}\s+đạt\s+chuẩn\s+{_STANDARD})", re.IGNORECASE)
_COUNT_PAREN = re.compile(rf"\d+\s+(?P<t>{_NTM})\s*\(\s*$", re.IGNORECASE)
# "toàn tỉnh có 100% số xã đạt chuẩn nhóm tiêu chí này": a province-wide target ("này" → the item's label)
_PROVINCE_WIDE = re.compile(r"toàn\s+tỉnh\s+có\s+(?P<t>\d+(?:[,.]\d+)?%\s+số\s+(?:xã|huyện|thôn)[^.;]*?)\s*(?=[.;]|$)",
                            re.IGNORECASE)
_GROUP_LABEL = re.compile(r"[-+]?\s*(?:đối\s+với\s+)?(?P<l>nhóm\s+tiêu\s+chí\s[^:]{3,120}?)\s*:", re.IGNORECASE)
_YEAR = re.compile(r"năm\s+(\d{4})(?!\s*[-–]\s*\d)", re.IGNORECASE)
_PART_ENDS = (re.compile(r";(?=\s)"), re.compile(r"\.(?=\s)"))  # [;.](?=\s), see match_ends
_PARENT_GAP = re.compile(r"^\s*(?:-|–|,|thuộc|của)\s*$")
# Scanned only where their first word is printed (see Prefilter).
_CUE_SCAN = Prefilter(_CUE, ("phấn", "mục", "đạt", "duy"))
_LABEL_SCAN = Prefilter(_LABEL, ("xã", "huyện"))
_REACH_SCAN = Prefilter(_REACH, ("đạt",))
_KEEP_SCAN = Prefilter(_KEEP, ("duy",))
_DISTRICT_GOAL_SCAN = Prefilter(_DISTRICT_GOAL, ("xây", "mục"))
_AT_LEAST_SCAN = Prefilter(_AT_LEAST, ("ít",))
_PROVINCE_WIDE_SCAN = Prefilter(_PROVINCE_WIDE, ("toàn",))
_YEAR_SCAN = Prefilter(_YEAR, ("năm",))
_NTM_SCAN = Prefilter(re.compile(_STANDARD, re.IGNORECASE), tuple({p["standard"].split()[0] for p in _PROGRAMMES}))
TARGET_KINDS = ("commune", "ward", "town", "district", "city")
_OUTSIDE = re.compile(r"\(\s*ngoài\b", re.IGNORECASE)
_OF_END = re.compile(r"(?:thuộc|của)\s*$")
_PAREN = re.compile(r"[()]")
_UNKNOWN = object()


def _norm(s: str) -> str:
    s = " ".join(s.split())
    return s[0].lower() + s[1:] if s else s


def _parts(text: str, a: int, b: int) -> list[tuple[int, int]]:
    cuts = [a] + [e - a for e in match_ends(_PART_ENDS, text, a, b)] + [b - a]
    return [(a + x, a + y) for x, y in zip(cuts, cuts[1:]) if y > x]


def _clause_year(text: str, c: Clause, ancestors: list[Clause], doc_year: int | None) -> int | None:
    d = first_deadline(text, c.head.start, c.head.end)
    if d:  # an open period ("Trong năm 2024 và các năm tiếp theo", no due date) starts in its printed year
        m = re.search(r"\d{4}", d.value or d.text)
        if m:
            return int(m.group())
    for anc in reversed(ancestors):
        m = _YEAR_SCAN.search(text, anc.head.start, anc.head.end)
        if m:
            return int(m.group(1))
    return doc_year


def extract_targets(seg: Segmented, text: str, province: str | None,
                    clause_of: Callable[[int], str | None], places: list[Place] | tuple[Place, ...],
                    doc_year: int | None = None) -> list[Target]:
    """Return the place targets of the body, one per (place, target, year), in document order.

    `text` is the masked repaired text; `places` the linked places (their
    mentions give canonical names and parents for the printed names).
    """
    by_start = {m.start: p for p in places for m in p.mentions}
    out: list[Target] = []
    seen: set[tuple[str, str, int | None]] = set()

    def visit(c: Clause, ancestors: list[Clause]) -> None:
        a, b = c.head.start, c.head.end
        if _CUE_SCAN.search(text, a, b):
            _clause_targets(c, ancestors, a, b)
        for ch in c.children:
            visit(ch, ancestors + [c])

    def _province_wide(c: Clause, ancestors: list[Clause], a: int, b: int) -> None:
        if not province:
            return
        for m in _PROVINCE_WIDE_SCAN.finditer(text, a, b):
            target = _norm(m.group("t"))
            if re.search(r"nhóm\s+tiêu\s+chí\s+này$", target):
                lab = _GROUP_LABEL.match(text, a)
                if not lab:
                    continue
                target = re.sub(r"nhóm\s+tiêu\s+chí\s+này$", _norm(lab.group("l")), target)
            ps, pe = next(((s, e) for s, e in _parts(text, a, b) if s <= m.start() < e), (a, b))
            before = [y for y in _YEAR_SCAN.finditer(text, ps, m.start())]
            year = int(before[-1].group(1)) if before else _clause_year(text, c, ancestors, doc_year)
            k = (province.casefold(), target.casefold(), year)
            if k not in seen:
                seen.add(k)
                out.append(Target(place=province, target=target, year=year, place_kind="province", parent=None,
                                  clause=c.path, span=Span(m.start(), m.end()),
                                  surface=seg.repaired.raw_surface(m.start(), m.end())))

    def _clause_targets(c: Clause, ancestors: list[Clause], a: int, b: int) -> None:
        _province_wide(c, ancestors, a, b)
        if not (_NTM_SCAN.search(text, a, b) or _KEEP_SCAN.search(text, a, b)):
            return  # every target phrase of a place names "nông thôn mới" or is "duy trì đạt chuẩn"
        hits = [h for h in find_places(text, a, b) if h.kind in TARGET_KINDS]
        if not hits:
            return
        excluded = [(s, e) for s, e in paren_spans(text, a, b, unclosed_to_end=True)
                    if _OUTSIDE.match(text[s:e])]
        keep = []
        for i, h in enumerate(hits):
            if any(s <= h.start < e for s, e in excluded):
                continue
            if i and _PARENT_GAP.match(text[hits[i - 1].end:h.start]) and RANK[h.kind] < RANK[hits[i - 1].kind]:
                continue  # "xã A - huyện B": B is A's parent
            if _OF_END.search(text[max(a, h.start - 8):h.start]):
                continue
            keep.append(h)
        year0: int | None | object = _UNKNOWN  # the clause's year, found when first needed
        parts = _parts(text, a, b)
        labels = list(_LABEL_SCAN.finditer(text, a, b))
        for h in keep:
            ps, pe = next(((s, e) for s, e in parts if s <= h.start < e), (a, b))
            target = None
            labelled = False
            anchor = h.start
            lab = [m for m in labels if m.end() <= h.start]
            if lab and not _PAREN.search(text[lab[-1].end():h.start].replace("(", "", 0)) \
                    and _inside_same_paren(text, lab[-1].start(), h.start, a):
                target, anchor, labelled = _norm(lab[-1].group("t")), lab[-1].start(), True
            if target is None:
                m = _COUNT_PAREN.search(text, max(a, h.start - 60), h.start)
                m = m if m and text[m.end():h.start].strip().lower() in ("xã", "huyện", "") else None
                if m:
                    target, anchor = _norm(m.group("t")), m.start()
            if target is None:
                m = _REACH_SCAN.search(text, h.end, pe)
                if m:
                    target = _norm(m.group("t"))
            if target is None and h.kind in ("district", "city", "town"):
                m = _DISTRICT_GOAL_SCAN.search(text, h.end, pe)
                if m:
                    if h.kind == "city":
                        target = _norm(m.group("c")) if m.group("c") else None
                    else:
                        target = _norm(m.group("d"))
                if target is None:
                    m = _AT_LEAST_SCAN.search(text, h.end, b)
                    if m:
                        target, anchor = _norm(m.group("t")), m.start()
            if target is None and h.kind in ("commune", "ward") and _KEEP_SCAN.search(text, h.end, b):
                target = "duy trì đạt chuẩn xã nông thôn mới"
            if target is None:
                continue
            years = [m for m in _YEAR_SCAN.finditer(text, ps, pe)]
            before = [m for m in years if m.start() < anchor]
            after = [m for m in years if m.start() >= anchor]
            if before:
                year = int(before[-1].group(1))
            elif after and not labelled:
                year = int(after[0].group(1))
            else:
                if year0 is _UNKNOWN:
                    year0 = _clause_year(text, c, ancestors, doc_year)
                year = year0
            p = by_start.get(h.start)
            name = p.name if p else h.name
            parent = p.parent if p else None
            k = (name.casefold(), target.casefold(), year)
            if k in seen:
                continue
            seen.add(k)
            out.append(Target(place=name, target=target, year=year, place_kind=h.kind, parent=parent,
                              clause=c.path, span=Span(h.start, h.end),
                              surface=seg.repaired.raw_surface(h.start, h.end)))

    for top in seg.body:
        visit(top, [])
    del visit, _clause_targets  # recursive closures: without this the document waits for the cycle collector
    placed = {o.clause for o in out}  # where place targets read a statement more closely
    for t in goal_targets(seg, text, province, doc_year):  # the province's measurable aims (vanban.loaders.extract.goals)
        k = (t.place.casefold(), t.target.casefold(), t.year)
        if k not in seen and t.clause not in placed:
            seen.add(k)
            out.append(t)
    return out


def _inside_same_paren(text: str, label_pos: int, pos: int, a: int) -> bool:
    """True when a label at label_pos still governs pos: no closing bracket between them."""
    return ")" not in text[label_pos:pos]
