"""Printed lists of units: "Sở Nội vụ, Sở Tư pháp; Các Sở, ngành, đơn vị, UBND cấp xã" → one name per unit.

Task blocks ("Đơn vị chủ trì: …"), task tables (the chủ trì / phối hợp cells), the
closing article of a Quyết định ("Chánh Văn phòng …, Giám đốc các Sở … chịu trách
nhiệm thi hành …") and headings that only name units print their actors as such a
list. `split_units` cuts it into units without needing each name in the agency
registry: a new unit starts after ";" or after "," / "và" when the next word opens
a unit name (a unit head word: Sở, Ban, Ủy ban, Các, Chủ tịch, …); other commas stay
inside a name ("Thủ trưởng các cơ quan, đơn vị", "Các Sở, ngành, đơn vị",
"Ủy ban nhân dân phường, xã, đặc khu"). Recognised agency mentions are never cut.
`unit_name` gives a unit's actor string: the registry's canonical name when one
mention covers the unit, else the printed words (first letter capitalised, "UBND"
spelled out, the province's name dropped) — the gold convention for generic
collectives.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from vanban.text import squash

# Words that open the name of a unit or of an office-holder (Nghị định 30/2020 lists units by these).
UNIT_HEAD = re.compile(
    r"các\s+tổ\s+chức|(?:các\s+|những\s+)?(?:"
    r"sở|ban|ủy\s+ban|uỷ\s+ban|ubnd|hđnd|hội\s+đồng|chủ\s+tịch|phó\s+chủ\s+tịch|giám\s+đốc|phó\s+giám\s+đốc|"
    r"thủ\s+trưởng|chánh|trưởng|người\s+đứng\s+đầu|công\s+an|bộ\s+chỉ\s+huy|bộ\s+tư\s+lệnh|bộ|cục|chi\s+cục|"
    r"tổng\s+cục|trung\s+tâm|viện|thuế|kho\s+bạc|bảo\s+hiểm|ngân\s+hàng|đài|báo(?!\s+cáo)|hội|liên\s+đoàn|liên\s+minh|"
    r"mặt\s+trận|ủy\s+ban\s+mặt\s+trận|tỉnh\s+ủy|thành\s+ủy|đảng\s+ủy|huyện\s+ủy|văn\s+phòng|trường|bệnh\s+viện|"
    r"công\s+ty|tập\s+đoàn|tổng\s+công\s+ty|quỹ|phòng|đoàn|tòa\s+án|viện\s+kiểm\s+sát|kiểm\s+toán|thanh\s+tra|"
    r"cơ\s+quan|đơn\s+vị|địa\s+phương|doanh\s+nghiệp|cảng\s+vụ|hải\s+quan|cảnh\s+sát|"
    r"thường\s+trực|lãnh\s+đạo|ngành|tổ\s+công\s+tác|hợp\s+tác\s+xã|cán\s+bộ|công\s+chức|thành\s+viên|"
    r"đối\s+tượng(?:\s+thực\s+hiện)?"
    r")(?=[\s,.;:)]|$)", re.IGNORECASE)
# Words after which a lower-case comma part still continues the same name.
_CONTINUES = re.compile(r"(?:ngành|đơn\s+vị|địa\s+phương|xã|phường|đặc\s+khu|thị\s+trấn|huyện|thị\s+xã|"
                        r"thành\s+phố|cơ\s+quan|ban|tổ\s+chức|doanh\s+nghiệp|hội|đoàn\s+thể|lực\s+lượng|"
                        r"trường\s+học|cá\s+nhân|người\s+dân|hộ|tỉnh)\b", re.IGNORECASE)
_VERB_AFTER = re.compile(
    r"\s(?:chủ\s+trì|phối\s+hợp|chịu\s+trách|có\s+trách|thực\s+hiện|tổ\s+chức|tiến\s+hành|triển\s+khai|"
    r"tham\s+mưu|căn\s+cứ|theo\s+chức|theo\s+dõi|rà\s+soát|xây\s+dựng|gửi|báo\s+cáo|phụ\s+trách|"
    r"hướng\s+dẫn|kiểm\s+tra|đảm\s+bảo|bảo\s+đảm|cung\s+cấp|khẩn\s+trương|tăng\s+cường|nghiên\s+cứu|"
    r"yêu\s+cầu|đề\s+nghị|giao|là|đã|chủ\s+động)\b")  # lower case only: "Viện Nghiên cứu …" is a name
_UBND = re.compile(r"\bUBND\b")
_ROLE_NOUN = re.compile(r"(?i:các\s+)?(?:[Cc]ơ\s+quan|[Đđ]ơn\s+vị)")
_ROLE_NOUN_VERB = re.compile(r"chủ\s+trì|phối\s+hợp")
# "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo", "Sở Tư pháp (cơ quan chủ trì)": the unit's part, not its name
_ROLE_NOTE = re.compile(r"\s+(?:[-–]\s+(?:cơ\s+quan|thường\s+trực|đơn\s+vị)\b.*|\((?:cơ\s+quan|thường\s+trực|đơn\s+vị)[^()]*\))$",
                        re.IGNORECASE)
_HDND = re.compile(r"\bHĐND\b")
_LEAD_PUNCT = " \t\n-–+•*:;,.()"
_MAX_UNIT_WORDS = 16  # a longer "unit" is a sentence ("Các địa phương đã cam kết sử dụng …")


class Unit(NamedTuple):
    """One unit of a printed list: its words and where they stand in the text."""

    start: int
    end: int
    surface: str


def _cuts(text: str, a: int, b: int, protected: list[tuple[int, int]], lines: bool = False) -> list[int]:
    """Offsets in [a, b) where a new unit starts (with `lines`, also a line opening a capitalised unit)."""
    out = []
    sep = r";|,|\s+và\s+|\s+cùng\s+|\s+với\s+" + (r"|[ \t]*\n[ \t]*" if lines else "")
    for m in re.finditer(sep, text[a:b]):
        at = a + m.start()
        if any(x <= at < y for x, y in protected):
            continue
        nxt = a + m.end()
        while nxt < b and text[nxt] in " \t\n*":
            nxt += 1
        if m.group() == ";":
            out.append(nxt)
            continue
        head = UNIT_HEAD.match(text, nxt, b)
        if not head:
            continue
        word = text[nxt:head.end()]
        if "\n" in m.group() and (not text[a:at].strip(_LEAD_PUNCT) or not word[:1].isupper() or text[a + m.start() - 1:a + m.start()] in ",;"):
            continue  # a wrapped line goes on with the same unit; a line opening a capitalised unit is a new one
        if m.group() == "," and word[:1].islower() and _CONTINUES.fullmatch(word.strip()):
            continue  # "Các Sở, ngành, đơn vị": the list of one collective
        out.append(nxt)
    return out


def split_units(text: str, a: int, b: int, protected: list[tuple[int, int]] = (),
                lines: bool = False) -> list[Unit]:
    """The units printed in text[a:b], in order; `protected` spans (agency mentions) are never cut.

    `lines` (a table cell): a line that opens with a capitalised unit head word starts a new unit
    ("Các sở, ngành, UBND xã, phường, đặc khu" / "Sở Tài chính" on two lines are two units).

    A part that does not open with a unit head word ends the list (what follows is not a unit),
    and a unit is cut before a verb ("Sở X chủ trì …", "Sở X tiến hành rà soát …").
    """
    starts = [a] + _cuts(text, a, b, list(protected), lines)
    out: list[Unit] = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else b
        while s < e and text[s] in _LEAD_PUNCT:
            s += 1
        part = text[s:e]
        v = _VERB_AFTER.search(part)
        if v is not None and _ROLE_NOUN.fullmatch(part[:v.start()]) and _ROLE_NOUN_VERB.match(part, v.start() + 1):
            v = None  # "Cơ quan chủ trì giải quyết thủ tục …", "Cơ quan phối hợp": a unit named by its part
        cut_here = v is not None and not any(x <= s + v.start() < y for x, y in protected)
        if cut_here:
            e = s + v.start()
            part = text[s:e]
        part = re.sub(r"(?:\s+(?:và|cùng|với))?[\s,;.:*()]*$", "", part)
        e = s + len(part)
        if not part or not UNIT_HEAD.match(part) or len(part.split()) > _MAX_UNIT_WORDS:
            break
        out.append(Unit(s, e, part))
        if cut_here:
            break
    return out


def printed_name(surface: str, province: str | None = None) -> str:
    """The actor string of a unit printed without a registry name: words as printed, squashed,
    "UBND"/"HĐND" spelled out, the province's name dropped, first letter capitalised."""
    s = squash(surface.replace("*", " ")).strip(" .,;:")
    s = _ROLE_NOTE.sub("", s)
    s = _UBND.sub("Ủy ban nhân dân", s)
    s = _HDND.sub("Hội đồng nhân dân", s)
    if province:
        s = re.sub(r"\s+(tỉnh|Tỉnh|thành\s+phố|Thành\s+phố|TP\.?)\s+" + re.escape(province) + r"\b",
                   lambda m: " " + m.group(1), s)
    return s[:1].upper() + s[1:] if s else s


def unit_names(unit: Unit, hits: list, province: str | None = None) -> list[str]:
    """Actor names of one unit: the recogniser's names when one mention covers the unit's words
    (leading "các"/province aside), else printed_name(unit.surface)."""
    inside = [h for h in hits if h.start < unit.end and unit.start < h.end]
    if len(inside) == 1:
        h = inside[0]
        rest = (unit.surface[:max(0, h.start - unit.start)] + " " + unit.surface[max(0, h.end - unit.start):])
        rest = re.sub(r"(?i)\b(?:các|tỉnh|thành\s+phố)\b", " ", rest)
        if province:
            rest = rest.replace(province, " ")
        if not rest.strip(" .,;:*()\n") and h.names:
            return list(h.names)
    return [printed_name(unit.surface, province)]


_SHARED_SO = re.compile(r"\(\s*(?:gồm\s+)?các\s+Sở\s*:")


def _shared_head_members(items: str, province: str | None) -> list[str]:
    """Registry names of "Xây dựng, Nông nghiệp và Môi trường, Văn hóa, Thể thao và Du lịch" read as
    "Sở …" each (longest run of comma parts that names one Sở first); [] when a part names none."""
    from vanban.loaders.extract.agencies import recogniser  # the registry needs this module's callers loaded first
    rec = recogniser(province)
    parts = [p.strip(" \t\n*") for p in squash(items).split(",")]
    out, i = [], 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            cand = "Sở " + ", ".join(parts[i:j])
            hits = rec.find(cand)
            if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(cand) and hits[0].names:
                out += list(hits[0].names)
                i = j
                break
        else:
            return []
    return out


_MEMBERS = re.compile(r"\((?:gồm(?:\s+các)?(?:\s+Sở)?\s*:?\s*)?([^()]{8,400})\)\s*$")
_TAIL_NOTE = re.compile(r"\s*\([^()]{0,60}\)\s*$")  # "(cơ quan chủ trì)", "(thường trực)"


def heading_units(text: str, a: int, b: int, hits: list, province: str | None = None) -> list[str]:
    """Actor names when text[a:b] (a heading) is nothing but a list of units, else [].

    "1.3. Ủy ban nhân dân các phường, xã, đặc khu", "5. Các sở ngành liên quan, Viện …": the
    heading names who carries out the items under it.
    """
    head = text[a:b]
    members = _MEMBERS.search(head.rstrip(" \t\n*:.;"))
    if members and UNIT_HEAD.match(head.lstrip(" \t\n*")):
        shared = _SHARED_SO.match(members.group())
        if shared:  # "(gồm các Sở: Xây dựng, Công Thương, …)": "Sở" stands once for every member
            names = _shared_head_members(members.group(1), province)
            if len(names) >= 2:
                return names
        # "Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý Khu Kinh tế …):" → its members
        ma, mb = a + members.start(1), a + members.end(1)
        prot = [(h.start, h.end) for h in hits if ma <= h.start and h.end <= mb]
        units = split_units(text, ma, mb, prot)
        if len(units) >= 2 and not text[units[-1].end:mb].strip(" \t\n*.,;:"):
            inside = [h for h in hits if ma <= h.start and h.end <= mb]
            return [n for u in units for n in unit_names(u, inside, province)]
    stripped = _TAIL_NOTE.sub("", head.rstrip(" \t\n*:.;")).rstrip(" \t\n*:.;-–")
    if stripped.isupper():
        return []  # "IV. TỔ CHỨC THỰC HIỆN": a section title
    end = a + len(stripped)
    if end <= a or len(stripped.split()) > 40 or "\n\n" in stripped.strip():
        return []
    prot = [(h.start, h.end) for h in hits if a <= h.start and h.end <= end]
    units = split_units(text, a, end, prot)
    if not units or text[units[-1].end:end].strip(" \t\n*.,;:"):
        return []
    inside = [h for h in hits if a <= h.start and h.end <= end]
    return [n for u in units for n in unit_names(u, inside, province)]


_PARA_BREAK = re.compile(r"\n[ \t]*\n")
_DANGLING = frozenset(("thuộc", "của", "và", "các", "với", "tại", "do", "cho", "về", "trên"))


def unit_title(text: str, a: int, b: int, hits: list, province: str | None,
                issuer: set[str]) -> tuple[list[tuple[str, str]], list[tuple[int, int]]] | None:
    """(units as (name, printed surface), paragraph ranges) when text[a:b] opens with a paragraph that
    only lists units and goes on with further paragraphs; else None."""
    m = _PARA_BREAK.search(text, a, b)
    if m is None or not text[m.end():b].strip():
        return None
    nxt = text[m.end():b].lstrip(" \t\n*")
    last = text[a:m.start()].split()[-1:] or [""]
    if not nxt[:1].isupper() or last[0][-1:] in ",;" or last[0] in _DANGLING:
        return None  # a sentence broken by a blank line (PDF text), not a heading line
    names = heading_units(text, a, m.start(), hits, province)
    if not names:
        return None
    prot = [(h.start, h.end) for h in hits if a <= h.start and h.end <= m.start()]
    surfaces = [squash(u.surface) for u in split_units(text, a, m.start(), prot)]
    units = [(n, surfaces[i] if len(surfaces) == len(names) else n) for i, n in enumerate(names) if n not in issuer]
    paras, pos = [], m.end()
    for pm in list(_PARA_BREAK.finditer(text, m.end(), b)) + [None]:
        e = pm.start() if pm else b
        while pos < e and text[pos] in " \t\n*":
            pos += 1
        if len(text[pos:e].split()) >= 3:
            paras.append((pos, e))
        pos = pm.end() if pm else b
    return (units, paras) if units and paras else None
